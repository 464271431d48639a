package whosaid

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

// ann is an annotation of the fixture: id, label, text, entity, links.
func ann(id uint64, label, text string, entity uint64, links ...annotation.Link) annotation.Annotation {
	return annotation.Annotation{ID: id, Label: label, Spans: []annotation.Span{{Start: 0, End: annotation.Len(text), Text: text}},
		Entity: entity, Links: links}
}

func saidBy(id uint64) annotation.Link {
	return annotation.Link{Type: annotation.LinkSaidBy, Target: id}
}
func about(id uint64) annotation.Link { return annotation.Link{Type: annotation.LinkAbout, Target: id} }
func is(id uint64) annotation.Link    { return annotation.Link{Type: annotation.LinkIs, Target: id} }

func anonymous(a annotation.Annotation) annotation.Annotation {
	a.Attributes = map[string]string{annotation.AttrSourceType: "anonymous"}
	return a
}

// fixture is three articles whose graph is known by construction:
//
//   - Maria Zakharova (entity 1) under three wordings in A: "Zakharova"
//     (linked), "the spokeswoman" (is "Maria Zakharova", a linked Person)
//     and "Maria Zakharova" itself; one claim said by two of them counts
//     once. Quoted: A 2, B 1, C 1 = 4; mentioned: A 3, B 1, C 1 = 5.
//   - An anonymous source, "a source close to the talks", unlinked, in A
//     and (other letter case) in B, where "they" is it too: one node,
//     quoted 3, mentioned 3.
//   - Ukraine (entity 2) mentioned once in A, the topic of three claims.
//   - "Kyiv", unlinked Location in B, the topic of two claims.
//   - C (no date) only quotes Zakharova, about nothing.
func fixture() (annotation.LabelSet, []annotation.Entity, []annotation.Bundle) {
	entities := []annotation.Entity{{ID: 1, Name: "Maria Zakharova", Type: "Person"}, {ID: 2, Name: "Ukraine", Type: "Location"}}
	a := annotation.Bundle{Document: annotation.Document{ID: 1, Title: "A", Outlet: "TASS", Published: "2024-03-01"},
		Annotations: []annotation.Annotation{
			ann(1, "Source", "Zakharova", 1),
			ann(2, "Source", "the spokeswoman", 0, is(3)),
			ann(3, "Person", "Maria Zakharova", 1),
			ann(4, "Location", "Ukraine", 2),
			ann(5, "Claim", "the talks are over", 0, saidBy(1), about(4)),
			ann(6, "Claim", "nothing was agreed", 0, saidBy(1), saidBy(2), about(4)),
			anonymous(ann(7, "Source", "a source close to the talks", 0)),
			ann(8, "Claim", "a deal is near", 0, saidBy(7), about(4)),
		}}
	b := annotation.Bundle{Document: annotation.Document{ID: 2, Title: "B", Outlet: "Reuters", Published: "2024-03-05T10:00:00Z"},
		Annotations: []annotation.Annotation{
			ann(1, "Source", "Zakharova,", 1),
			anonymous(ann(2, "Source", "A source  close to the talks", 0)),
			ann(3, "Location", "Kyiv", 0),
			ann(4, "Claim", "Kyiv agreed", 0, saidBy(2), about(3)),
			ann(5, "Claim", "Kyiv refused", 0, saidBy(1), about(3)),
			ann(6, "Source", "they", 0, is(2)),
			ann(7, "Claim", "talks resume", 0, saidBy(6)),
		}}
	c := annotation.Bundle{Document: annotation.Document{ID: 3, Title: "C", Outlet: "tass"},
		Annotations: []annotation.Annotation{
			ann(1, "Source", "Zakharova", 1),
			ann(2, "Claim", "no comment", 0, saidBy(1)),
		}}
	return annotation.DefaultLabelSet(), entities, []annotation.Bundle{a, b, c}
}

func build(opts Options) Graph {
	labels, entities, bundles := fixture()
	b := NewBuilder(opts)
	b.Begin("fixture", labels, entities)
	for _, bd := range bundles {
		b.Add(bd)
	}
	return b.Graph()
}

const (
	zakharova = "entity:1"
	ukraine   = "entity:2"
	anon      = "text:a source close to the talks"
	kyiv      = "text:kyiv"
)

func TestGraphOfFixture(t *testing.T) {
	g := build(Options{})
	wantNodes := []Node{
		{ID: zakharova, Label: "Maria Zakharova", Kind: KindEntity, Quoted: 4, Mentioned: 5, Count: 9},
		{ID: anon, Label: "a source close to the talks", Kind: KindSource, SourceType: "anonymous", Quoted: 3, Mentioned: 3, Count: 6},
		{ID: kyiv, Label: "Kyiv", Kind: KindTerm, Mentioned: 1, Count: 1},
		{ID: ukraine, Label: "Ukraine", Kind: KindEntity, Mentioned: 1, Count: 1},
	}
	if !reflect.DeepEqual(g.Nodes, wantNodes) {
		t.Errorf("nodes:\n got %+v\nwant %+v", g.Nodes, wantNodes)
	}
	wantEdges := map[string]int32{
		"quoted about " + anon + " -> " + ukraine:       1,
		"quoted about " + anon + " -> " + kyiv:          1,
		"quoted about " + zakharova + " -> " + ukraine:  2,
		"quoted about " + zakharova + " -> " + kyiv:     1,
		"co-occurrence " + zakharova + " -> " + ukraine: 1, // co-occurrence: the lesser id first
		// A and B quote both, but only in A is she also an entity
		// (the Person mention): sources pair with entities, not with
		// each other.
		"co-occurrence " + zakharova + " -> " + anon: 1,
		"co-occurrence " + ukraine + " -> " + anon:   1,
		"co-occurrence " + anon + " -> " + kyiv:      1,
		"co-occurrence " + zakharova + " -> " + kyiv: 1,
	}
	if got := edgeSet(g); !reflect.DeepEqual(got, wantEdges) {
		t.Errorf("edges:\n got %v\nwant %v", got, wantEdges)
	}
	if g.Articles != 3 {
		t.Errorf("articles = %d; want 3", g.Articles)
	}
}

// edgeList is g's edges as a slice.
func edgeList(g Graph) []Edge {
	es := make([]Edge, 0, g.NumEdges())
	for _, e := range g.Edges() {
		es = append(es, e)
	}
	return es
}

// edgeSet keys g's edges by relation and endpoints' ids (undirected ones
// in the order of their ids) to their weights.
func edgeSet(g Graph) map[string]int32 {
	m := map[string]int32{}
	for _, e := range g.Edges() {
		from, to := g.Nodes[e.From].ID, g.Nodes[e.To].ID
		if !e.Directed() && to < from {
			from, to = to, from
		}
		m[fmt.Sprintf("%s %s -> %s", e.Relation, from, to)] = e.Weight
	}
	return m
}

func TestFilters(t *testing.T) {
	count := func(g Graph, id string) (quoted, mentioned int, ok bool) {
		for _, n := range g.Nodes {
			if n.ID == id {
				return n.Quoted, n.Mentioned, true
			}
		}
		return 0, 0, false
	}
	tests := []struct {
		name                  string
		opts                  Options
		articles, nodes       int
		zakQuoted, zakMention int
	}{
		// TASS: A and C (outlet letter case ignored).
		{"outlet", Options{Outlets: []string{"tass"}}, 2, 3, 3, 4},
		// From 2024-03-02: B only (C has no date).
		{"from", Options{From: "2024-03-02"}, 1, 3, 1, 1},
		{"to", Options{To: "2024-03-01"}, 1, 3, 2, 3},
		// Claims and sources only: the Person and Location mentions go;
		// Ukraine and Kyiv stay as topics with nothing mentioned.
		{"labels", Options{Labels: []string{"Claim", "Source"}}, 3, 4, 4, 4},
		// MinCount 2 keeps Zakharova and the anonymous source.
		{"min count", Options{MinCount: 2}, 3, 2, 4, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(tt.opts)
			q, m, ok := count(g, zakharova)
			if g.Articles != tt.articles || len(g.Nodes) != tt.nodes || !ok || q != tt.zakQuoted || m != tt.zakMention {
				t.Errorf("articles %d, nodes %d, Zakharova quoted %d mentioned %d (found %v); want %d, %d, %d, %d",
					g.Articles, len(g.Nodes), q, m, ok, tt.articles, tt.nodes, tt.zakQuoted, tt.zakMention)
			}
			for _, e := range g.Edges() {
				if !g.Has(e) || int(e.Weight) < tt.opts.MinWeight {
					t.Errorf("edge %+v: an endpoint was filtered out", e)
				}
			}
		})
	}
	// MinWeight 2: only the edge of weight 2 is left (Zakharova quoted
	// about Ukraine twice).
	if got := edgeList(build(Options{MinWeight: 2})); len(got) != 1 {
		t.Errorf("MinWeight 2: %d edges %v; want 1", len(got), got)
	}
}

func TestRefsOfFixture(t *testing.T) {
	m, q, about := RoleMention, RoleQuoted, RoleAbout
	want := map[string][]Ref{
		// "the spokeswoman" (A 2) and "Maria Zakharova" (A 3) are her
		// mentions; A 6, said by two of her wordings, is listed once.
		zakharova: {{1, 1, m}, {1, 2, m}, {1, 3, m}, {1, 5, q}, {1, 6, q}, {2, 1, m}, {2, 5, q}, {3, 1, m}, {3, 2, q}},
		anon:      {{1, 7, m}, {1, 8, q}, {2, 2, m}, {2, 4, q}, {2, 6, m}, {2, 7, q}},
		kyiv:      {{2, 3, m}, {2, 4, about}, {2, 5, about}},
		ukraine:   {{1, 4, m}, {1, 5, about}, {1, 6, about}, {1, 8, about}},
	}
	g := build(Options{})
	for i, n := range g.Nodes {
		if got := g.Refs(i); !reflect.DeepEqual(got, want[n.ID]) {
			t.Errorf("Refs(%d) (%s) = %v; want %v", i, n.ID, got, want[n.ID])
		}
	}
	for _, i := range []int{-1, len(g.Nodes)} {
		if got := g.Refs(i); got != nil {
			t.Errorf("Refs(%d) = %v; want nil", i, got)
		}
	}
	if got := (Graph{}).Refs(0); got != nil {
		t.Errorf("Refs(0) of the zero graph = %v; want nil", got)
	}
	// Filters: only the articles, labels and nodes kept.
	g = build(Options{Outlets: []string{"TASS"}, MinCount: 2})
	wantFiltered := map[string][]Ref{
		zakharova: {{1, 1, m}, {1, 2, m}, {1, 3, m}, {1, 5, q}, {1, 6, q}, {3, 1, m}, {3, 2, q}},
		anon:      {{1, 7, m}, {1, 8, q}},
	}
	if len(g.Nodes) != len(wantFiltered) {
		t.Fatalf("TASS, min count 2: %d nodes %v; want %d", len(g.Nodes), g.Nodes, len(wantFiltered))
	}
	for i, n := range g.Nodes {
		if got := g.Refs(i); !reflect.DeepEqual(got, wantFiltered[n.ID]) {
			t.Errorf("TASS, min count 2: Refs(%d) (%s) = %v; want %v", i, n.ID, got, wantFiltered[n.ID])
		}
	}
}

// TestRefsAgreeWithCounts checks under each filter that a node's quoted
// and mentioned references are as many as its counts.
func TestRefsAgreeWithCounts(t *testing.T) {
	for _, opts := range []Options{{}, {Labels: []string{"Claim", "Source"}}, {From: "2024-03-02"}, {MinCount: 2}, {MinWeight: 2}} {
		g := build(opts)
		for i, n := range g.Nodes {
			roles := map[Role]int{}
			for _, r := range g.Refs(i) {
				roles[r.Role]++
			}
			if roles[RoleQuoted] != n.Quoted || roles[RoleMention] != n.Mentioned {
				t.Errorf("%+v: node %s quoted %d mentioned %d; refs %v", opts, n.ID, n.Quoted, n.Mentioned, g.Refs(i))
			}
		}
	}
}

// TestCoOccurrence: sources pair with the entities of their article (an
// entity annotation, a claim's topic), never with other sources; a node
// that is both pairs with either side, each pair once an article.
func TestCoOccurrence(t *testing.T) {
	labels := annotation.DefaultLabelSet()
	entities := []annotation.Entity{{ID: 1, Name: "Maria Zakharova"}, {ID: 2, Name: "Ukraine"}, {ID: 3, Name: "Sergei Lavrov"}}
	tests := []struct {
		name string
		anns []annotation.Annotation
		want map[string]int32
	}{
		{"two sources, no entity", []annotation.Annotation{
			ann(1, "Source", "Zakharova", 1), ann(2, "Source", "Lavrov", 3),
			ann(3, "Claim", "no", 0, saidBy(1)), ann(4, "Claim", "yes", 0, saidBy(2)),
		}, map[string]int32{}},
		{"both sources and persons", []annotation.Annotation{
			ann(1, "Source", "Zakharova", 1), ann(2, "Person", "Maria Zakharova", 1),
			ann(3, "Source", "Lavrov", 3), ann(4, "Person", "Sergei Lavrov", 3),
			ann(5, "Location", "Ukraine", 2),
		}, map[string]int32{
			"co-occurrence entity:1 -> entity:3": 1,
			"co-occurrence entity:1 -> entity:2": 1,
			"co-occurrence entity:2 -> entity:3": 1,
		}},
		{"a topic is an entity of the article", []annotation.Annotation{
			ann(1, "Source", "a diplomat", 0), ann(2, "Location", "Ukraine", 2),
			ann(3, "Claim", "talks resume", 0, saidBy(1), about(2)),
			ann(4, "Person", "Lavrov", 3), // mentioned by no claim
		}, map[string]int32{
			"quoted about text:a diplomat -> entity:2":  1,
			"co-occurrence entity:2 -> text:a diplomat": 1,
			"co-occurrence entity:3 -> text:a diplomat": 1,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder(Options{})
			b.Begin("p", labels, entities)
			b.Add(annotation.Bundle{Document: annotation.Document{ID: 1}, Annotations: tt.anns})
			if got := edgeSet(b.Graph()); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("edges:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestEdgesAgainstNaive builds random corpora and checks every edge
// against a count made the plain way: per article, every source node
// with every entity node (a pair once, never a node with itself); per
// claim, every speaker with every topic; nodes under MinCount and edges
// under MinWeight left out.
func TestEdgesAgainstNaive(t *testing.T) {
	labels := annotation.DefaultLabelSet()
	var entities []annotation.Entity
	for i := range 30 {
		entities = append(entities, annotation.Entity{ID: uint64(i + 1), Name: fmt.Sprintf("Entity %d", i+1)})
	}
	words := []string{"a diplomat", "officials", "Kyiv", "the ministry", "Reuters", "a source", "NATO", "the mayor"}
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 99))
		var bundles []annotation.Bundle
		// What the naive count sees: each annotation's node id.
		idOf := func(a annotation.Annotation) string {
			if a.Entity != 0 {
				return fmt.Sprintf("entity:%d", a.Entity)
			}
			return "text:" + Normalize(a.Quote())
		}
		for d := range 40 + rng.IntN(40) {
			var anns []annotation.Annotation
			var named []uint64 // the sources and entities so far, what claims link to
			n := rng.IntN(30)
			for i := range n {
				id := uint64(i + 1)
				var entity uint64
				text := words[rng.IntN(len(words))]
				if rng.IntN(3) > 0 {
					entity = uint64(1 + rng.IntN(len(entities)))
					text = entities[entity-1].Name
				}
				switch rng.IntN(4) {
				case 0:
					anns = append(anns, ann(id, "Source", text, entity))
					named = append(named, id)
				case 1:
					anns = append(anns, ann(id, "Person", text, entity))
					named = append(named, id)
				default:
					var links []annotation.Link
					for range rng.IntN(3) {
						if len(named) > 0 {
							links = append(links, saidBy(named[rng.IntN(len(named))]))
						}
					}
					for range rng.IntN(3) {
						if len(named) > 0 {
							links = append(links, about(named[rng.IntN(len(named))]))
						}
					}
					anns = append(anns, ann(id, "Claim", "something", 0, links...))
				}
			}
			bundles = append(bundles, annotation.Bundle{Document: annotation.Document{ID: uint64(d + 1)}, Annotations: anns})
		}

		counts := map[string]int{}
		quoted, cooc := map[[2]string]int32{}, map[[2]string]int32{}
		for _, bd := range bundles {
			sources, ents := map[string]bool{}, map[string]bool{}
			byID := map[uint64]annotation.Annotation{}
			for _, a := range bd.Annotations {
				byID[a.ID] = a
			}
			ends := func(a annotation.Annotation, t annotation.LinkType) map[string]bool {
				m := map[string]bool{}
				for _, l := range a.Links {
					if l.Type == t {
						m[idOf(byID[l.Target])] = true
					}
				}
				return m
			}
			for _, a := range bd.Annotations {
				switch a.Label {
				case "Source":
					sources[idOf(a)] = true
					counts[idOf(a)]++
				case "Person":
					ents[idOf(a)] = true
					counts[idOf(a)]++
				case "Claim":
					speakers, topics := ends(a, annotation.LinkSaidBy), ends(a, annotation.LinkAbout)
					for s := range speakers {
						sources[s] = true
						counts[s]++
						for e := range topics {
							quoted[[2]string{s, e}]++
						}
					}
					for e := range topics {
						ents[e] = true
					}
				}
			}
			pairs := map[[2]string]bool{}
			for s := range sources {
				for e := range ents {
					if s != e {
						pairs[[2]string{min(s, e), max(s, e)}] = true
					}
				}
			}
			for p := range pairs {
				cooc[p]++
			}
		}

		for _, opts := range []Options{{}, {MinCount: 3}, {MinWeight: 2}, {MinCount: 2, MinWeight: 3}} {
			want := map[string]int32{}
			for rel, m := range map[string]map[[2]string]int32{"quoted about": quoted, "co-occurrence": cooc} {
				for p, w := range m {
					if counts[p[0]] >= opts.MinCount && counts[p[1]] >= opts.MinCount && int(w) >= opts.MinWeight {
						want[fmt.Sprintf("%s %s -> %s", rel, p[0], p[1])] = w
					}
				}
			}
			b := NewBuilder(opts)
			b.Begin("random", labels, entities)
			for _, bd := range bundles {
				b.Add(bd)
			}
			g := b.Graph()
			got := edgeSet(g)
			for k, w := range want {
				if got[k] != w {
					t.Errorf("seed %d, %+v: %s weighs %d; want %d", seed, opts, k, got[k], w)
				}
			}
			for k, w := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("seed %d, %+v: %s (%d) is no edge", seed, opts, k, w)
				}
			}
			if t.Failed() {
				t.FailNow()
			}
			// In order: quoted about first, then by the endpoints' places.
			less := func(x, y Edge) bool {
				return x.Relation < y.Relation || x.Relation == y.Relation && (x.From < y.From || x.From == y.From && x.To < y.To)
			}
			edges := edgeList(g)
			if len(edges) != g.NumEdges() {
				t.Errorf("seed %d, %+v: NumEdges %d; Edges yields %d", seed, opts, g.NumEdges(), len(edges))
			}
			for i := 1; i < len(edges); i++ {
				if !less(edges[i-1], edges[i]) {
					t.Fatalf("seed %d, %+v: edge %d %+v not after %+v", seed, opts, i, edges[i], edges[i-1])
				}
			}
			for i, e := range g.Edges() {
				if e != edges[i] {
					t.Errorf("seed %d, %+v: edge %d is %+v, then %+v", seed, opts, i, edges[i], e)
				}
				if e.Relation == CoOccurrence && e.From >= e.To {
					t.Errorf("co-occurrence edge %+v does not go from the node listed first", e)
				}
			}
		}
	}
}

// TestEdgesAgainstNaiveInBlocks: the same with nodes counted a few at a
// time by several workers (the graphs above fit in one block), whose
// edges must come out as one worker's do.
func TestEdgesAgainstNaiveInBlocks(t *testing.T) {
	defer func(block int, workers func() int) { coocBlock, coocWorkers = block, workers }(coocBlock, coocWorkers)
	one := build(Options{})
	coocBlock, coocWorkers = 2, func() int { return 3 }
	if got := build(Options{}); !reflect.DeepEqual(edgeList(got), edgeList(one)) {
		t.Errorf("in blocks of 2, 3 workers:\n got %v\nwant %v", edgeList(got), edgeList(one))
	}
	TestEdgesAgainstNaive(t)
}

// TestNodeOrder: nodes come by count (most first), then label, then id,
// on labels that share long beginnings (the sort compares their first 8
// bytes before the strings).
func TestNodeOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	letters := []string{"a", "b", "é", "Z", "-"}
	var anns []annotation.Annotation
	for i := range 400 {
		var w strings.Builder
		w.WriteString("Maria Zak")
		for range rng.IntN(10) {
			w.WriteString(letters[rng.IntN(len(letters))])
		}
		label := "Source"
		if rng.IntN(2) == 0 {
			label = "Person"
		}
		anns = append(anns, ann(uint64(i+1), label, w.String(), 0))
	}
	b := NewBuilder(Options{})
	b.Begin("p", annotation.DefaultLabelSet(), nil)
	b.Add(annotation.Bundle{Document: annotation.Document{ID: 1}, Annotations: anns})
	g := b.Graph()
	if len(g.Nodes) < 50 {
		t.Fatalf("only %d nodes", len(g.Nodes))
	}
	for i := 1; i < len(g.Nodes); i++ {
		x, y := g.Nodes[i-1], g.Nodes[i]
		if c := cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Label, y.Label), cmp.Compare(x.ID, y.ID)); c >= 0 {
			t.Errorf("node %d (%d %q %q) before node %d (%d %q %q)", i-1, x.Count, x.Label, x.ID, i, y.Count, y.Label, y.ID)
		}
	}
}

func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, bits := range []uint{0, 8, 16, 20, 40, 64} {
		keys := make([]uint64, 1000)
		for i := range keys {
			if bits > 0 {
				keys[i] = rng.Uint64() >> (64 - bits)
			}
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		sortKeys(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("%d-bit keys: not sorted", bits)
		}
	}
	sortKeys(nil) // nothing to sort
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"  A source\n close ": "a source close",
		"«Zakharova»,":        "zakharova",
		"...":                 "",
		"U.S.":                "u.s",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q; want %q", in, got, want)
		}
	}
}
