// Package whosaid builds the who-said-what graph of a dataset and writes it
// as GraphML (for Gephi) or DOT (for Graphviz).
//
// Nodes are the sources and entities of the articles: an annotation linked
// to a registry entity (its own Entity, or that of the annotation it "is")
// is that entity's node, under the entity's canonical name, so that
// "Zakharova", "Maria Zakharova" and "the spokeswoman" linked to one entity
// are one node; a source linked by "is" to another annotation (a pronoun
// to its antecedent) is that one's node; an unlinked source or entity
// mention is the node of its normalised text (lower case, white space collapsed, punctuation at either
// end dropped), named by the first wording met. A node counts the claims
// said_by it (Quoted) and the source and entity annotations that stand for
// it (Mentioned); Count is their sum, what the node is sized by.
//
// Edges are "quoted about" (a claim said_by S and about E: S → E, weight
// the number of such claims) and "co-occurrence" (undirected: two nodes in
// one article, weight the number of articles). A claim said_by two
// wordings of one entity counts once for it.
//
// The Builder reads a dataset as a stream (it is a dataset.Writer): its
// memory grows with the nodes and edges, not with the articles. Options
// filter what it reads (labels, outlets, a date range) and what the graph
// keeps (a minimum count per node and per edge).
package whosaid

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// The kinds of node.
const (
	KindEntity = "entity" // a registry entity
	KindSource = "source" // an unlinked source (no registry entity)
	KindTerm   = "term"   // an unlinked entity mention, never a source
)

// The relations of edges.
const (
	QuotedAbout  = "quoted about"
	CoOccurrence = "co-occurrence"
)

// Node is a source or an entity.
type Node struct {
	// ID is stable across exports: "entity:N" for registry entity N,
	// "text:" and the normalised text for an unlinked one.
	ID    string
	Label string
	Kind  string
	// SourceType is the "source type" attribute most of its source
	// annotations carry (named, anonymous, document, outlet); "" when none.
	SourceType string
	Quoted     int
	Mentioned  int
	Count      int
}

// Edge joins two nodes; a co-occurrence edge goes from the node listed
// first in the graph to the other.
type Edge struct {
	From, To string
	Relation string
	Weight   int
}

// Directed reports whether the edge has a direction (quoted about).
func (e Edge) Directed() bool { return e.Relation == QuotedAbout }

// Graph is the who-said-what graph: nodes by Count (most first), then
// label and id; edges by relation (quoted about first), then by the places
// of their endpoints among the nodes. Articles counts the
// articles read (after the filters).
type Graph struct {
	Project  string
	Articles int
	Nodes    []Node
	Edges    []Edge
	// refs holds every node's references, node after node in the order of
	// Nodes; node i's are refs[refStart[i]:refStart[i+1]].
	refs     []Ref
	refStart []int32
}

// Role is how an annotation stands behind a node.
type Role uint8

// The roles of a Ref.
const (
	RoleQuoted  Role = iota + 1 // a claim said_by the node (Node.Quoted counts them)
	RoleAbout                   // a claim about the node
	RoleMention                 // a source or entity annotation that is the node (Node.Mentioned counts them)
)

// Ref is one annotation behind a node: the article's id (Document.ID), the
// annotation's id in it, and its role.
type Ref struct {
	Doc, Annotation uint64
	Role            Role
}

// Refs returns the annotations behind node i of Nodes, in reading order
// (article after article as the builder read them, annotations in their
// article's order); a claim said_by two wordings of one node is listed
// once. The slice is the graph's own: read it, do not append to it.
func (g Graph) Refs(i int) []Ref {
	if i < 0 || i+1 >= len(g.refStart) {
		return nil
	}
	return slices.Clip(g.refs[g.refStart[i]:g.refStart[i+1]])
}

// Options filter the graph (dataset.GraphOptions says how); the zero
// value keeps everything.
type Options = dataset.GraphOptions

// nodeState is what the builder knows of a node.
type nodeState struct {
	Node
	types map[string]int // source type -> annotations
}

// Builder accumulates the graph from bundles.
type Builder struct {
	opts     Options
	labels   annotation.LabelSet
	entities map[uint64]annotation.Entity
	project  string
	articles int
	index    map[string]int32 // node id -> position in nodes
	nodes    []*nodeState
	quoted   map[[2]int32]int32
	cooc     map[[2]int32]int32
	// refs are the references in reading order, refNode[i] the node of
	// refs[i]; Graph sorts them by node.
	refs    []Ref
	refNode []int32
	// per-article scratch
	byID    map[uint64]*annotation.Annotation
	present []int32
	seen    map[int32]bool
}

// NewBuilder returns a builder that applies opts.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, index: map[string]int32{}, quoted: map[[2]int32]int32{}, cooc: map[[2]int32]int32{},
		byID: map[uint64]*annotation.Annotation{}, seen: map[int32]bool{}, entities: map[uint64]annotation.Entity{}}
}

// Begin sets the project's name, codebook and entity registry.
func (b *Builder) Begin(project string, labels annotation.LabelSet, entities []annotation.Entity) {
	b.project, b.labels = project, labels
	for _, e := range entities {
		b.entities[e.ID] = e
	}
}

// keeps reports whether the article passes the outlet and date filters.
func (b *Builder) keeps(d annotation.Document) bool {
	if len(b.opts.Outlets) > 0 && !slices.ContainsFunc(b.opts.Outlets, func(o string) bool { return strings.EqualFold(o, d.Outlet) }) {
		return false
	}
	if b.opts.From == "" && b.opts.To == "" {
		return true
	}
	day := d.Published
	if len(day) < 10 {
		return false
	}
	day = day[:10]
	return (b.opts.From == "" || day >= b.opts.From) && (b.opts.To == "" || day <= b.opts.To)
}

func (b *Builder) labelKept(label string) bool {
	return len(b.opts.Labels) == 0 || slices.Contains(b.opts.Labels, label)
}

func (b *Builder) kind(label string) annotation.Kind {
	if l, ok := b.labels.Find(label); ok {
		return l.Kind
	}
	return ""
}

// Add reads one article.
func (b *Builder) Add(bd annotation.Bundle) {
	if !b.keeps(bd.Document) {
		return
	}
	b.articles++
	clear(b.byID)
	clear(b.seen)
	b.present = b.present[:0]
	for i := range bd.Annotations {
		b.byID[bd.Annotations[i].ID] = &bd.Annotations[i]
	}
	var speakers, topics []int32
	for i := range bd.Annotations {
		a := &bd.Annotations[i]
		switch k := b.kind(a.Label); k {
		case annotation.KindSource, annotation.KindEntity:
			if !b.labelKept(a.Label) {
				continue
			}
			if n, ok := b.resolve(a); ok {
				b.nodes[n].Mentioned++
				b.mark(n)
				b.ref(n, bd.Document.ID, a.ID, RoleMention)
			}
		case annotation.KindClaim:
			if !b.labelKept(a.Label) {
				continue
			}
			speakers = b.targets(a, annotation.LinkSaidBy, speakers[:0])
			topics = b.targets(a, annotation.LinkAbout, topics[:0])
			for _, s := range speakers {
				b.nodes[s].Quoted++
				b.mark(s)
				b.ref(s, bd.Document.ID, a.ID, RoleQuoted)
				for _, e := range topics {
					b.quoted[[2]int32{s, e}]++
				}
			}
			for _, e := range topics {
				b.mark(e)
				b.ref(e, bd.Document.ID, a.ID, RoleAbout)
			}
		}
	}
	slices.Sort(b.present)
	for i, x := range b.present {
		for _, y := range b.present[i+1:] {
			b.cooc[[2]int32{x, y}]++
		}
	}
}

// ref notes that annotation ann of article doc stands behind node n.
func (b *Builder) ref(n int32, doc, ann uint64, role Role) {
	b.refs = append(b.refs, Ref{Doc: doc, Annotation: ann, Role: role})
	b.refNode = append(b.refNode, n)
}

// mark notes that node n is in the current article.
func (b *Builder) mark(n int32) {
	if !b.seen[n] {
		b.seen[n] = true
		b.present = append(b.present, n)
	}
}

// targets appends to dst the nodes a's links of type t stand for, each once.
func (b *Builder) targets(a *annotation.Annotation, t annotation.LinkType, dst []int32) []int32 {
	for _, l := range a.Links {
		if l.Type != t {
			continue
		}
		if x, ok := b.byID[l.Target]; ok {
			if n, ok := b.resolve(x); ok && !slices.Contains(dst, n) {
				dst = append(dst, n)
			}
		}
	}
	return dst
}

// resolve returns the node annotation a stands for: its entity, that of
// an annotation it "is", or its normalised text.
func (b *Builder) resolve(a *annotation.Annotation) (int32, bool) {
	isSource := b.kind(a.Label) == annotation.KindSource
	// Follow "is" links (a pronoun to its antecedent, a source to the
	// entity mention it names) to an entity, or else to the last
	// annotation of the chain, whose text names the node.
	named, entity := a, a.Entity
	for hops := 0; entity == 0 && hops < maxHops; hops++ {
		next := b.is(named)
		if next == nil {
			break
		}
		named, entity = next, next.Entity
	}
	var id, label, kind string
	if e, ok := b.entities[entity]; ok && entity != 0 {
		id, label, kind = "entity:"+uitoa(entity), e.Name, KindEntity
	} else {
		text := Normalize(named.Quote())
		if text == "" {
			return 0, false
		}
		id, label, kind = "text:"+text, named.Quote(), KindTerm
		if isSource {
			kind = KindSource
		}
	}
	n, ok := b.index[id]
	if !ok {
		n = int32(len(b.nodes))
		b.index[id] = n
		b.nodes = append(b.nodes, &nodeState{Node: Node{ID: id, Label: label, Kind: kind}})
	}
	st := b.nodes[n]
	if isSource {
		if st.Kind == KindTerm {
			st.Kind = KindSource
		}
		if t := a.Attributes[annotation.AttrSourceType]; t != "" {
			if st.types == nil {
				st.types = map[string]int{}
			}
			st.types[t]++
		}
	}
	return n, true
}

// maxHops bounds the "is" links resolve follows (a cycle ends there).
const maxHops = 4

// is returns the annotation a "is" (its first such link), or nil.
func (b *Builder) is(a *annotation.Annotation) *annotation.Annotation {
	for _, l := range a.Links {
		if t, ok := b.byID[l.Target]; l.Type == annotation.LinkIs && ok {
			return t
		}
	}
	return nil
}

func uitoa(u uint64) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			return string(buf[i:])
		}
	}
}

// Normalize is text as an unlinked node is known by: lower case, runs of
// white space one space, punctuation and spaces at either end dropped.
func Normalize(text string) string {
	text = strings.Join(strings.Fields(strings.ToLower(text)), " ")
	return strings.TrimFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// Graph returns the graph read so far, filtered by MinCount and MinWeight
// and sorted.
func (b *Builder) Graph() Graph {
	g := Graph{Project: b.project, Articles: b.articles}
	kept := make([]int32, 0, len(b.nodes)) // positions in b.nodes
	for i, st := range b.nodes {
		st.Count = st.Quoted + st.Mentioned
		st.SourceType = mostFrequent(st.types)
		if st.Count >= b.opts.MinCount {
			kept = append(kept, int32(i))
		}
	}
	slices.SortFunc(kept, func(i, j int32) int {
		x, y := &b.nodes[i].Node, &b.nodes[j].Node
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Label, y.Label), cmp.Compare(x.ID, y.ID))
	})
	rank := make([]int32, len(b.nodes)) // 1 + place in the graph; 0: dropped
	g.Nodes = make([]Node, len(kept))
	for r, i := range kept {
		rank[i] = int32(r + 1)
		g.Nodes[r] = b.nodes[i].Node
	}
	g.refs, g.refStart = b.sortRefs(rank, len(kept))
	// Edges are sorted by relation (quoted about first), then by the
	// places of their endpoints, packed in one integer.
	type edge struct {
		key    uint64 // from<<32 | to
		weight int
	}
	g.Edges = make([]Edge, 0, len(b.quoted)+len(b.cooc))
	for _, rel := range []struct {
		m    map[[2]int32]int32
		name string
	}{{b.quoted, QuotedAbout}, {b.cooc, CoOccurrence}} {
		es := make([]edge, 0, len(rel.m))
		for k, w := range rel.m {
			from, to := rank[k[0]], rank[k[1]]
			if from == 0 || to == 0 || int(w) < b.opts.MinWeight {
				continue
			}
			if rel.name == CoOccurrence && to < from {
				from, to = to, from
			}
			es = append(es, edge{uint64(from)<<32 | uint64(to), int(w)})
		}
		slices.SortFunc(es, func(x, y edge) int { return cmp.Compare(x.key, y.key) })
		for _, e := range es {
			g.Edges = append(g.Edges, Edge{From: g.Nodes[e.key>>32-1].ID, To: g.Nodes[uint32(e.key)-1].ID, Relation: rel.name, Weight: e.weight})
		}
	}
	return g
}

// sortRefs returns the references of the nodes kept, node after node in
// their graph order (a counting sort: stable, one pass to count, one to
// place), and where each node's begin; rank is 1 + a node's place in the
// graph, 0 when dropped.
func (b *Builder) sortRefs(rank []int32, kept int) ([]Ref, []int32) {
	start := make([]int32, kept+1)
	for _, n := range b.refNode {
		if r := rank[n]; r != 0 {
			start[r]++
		}
	}
	for i := 1; i <= kept; i++ {
		start[i] += start[i-1]
	}
	refs := make([]Ref, start[kept])
	next := slices.Clone(start[:kept])
	for i, n := range b.refNode {
		if r := rank[n]; r != 0 {
			refs[next[r-1]] = b.refs[i]
			next[r-1]++
		}
	}
	return refs, start
}

// mostFrequent is the key with the highest count, the first in order
// among equals.
func mostFrequent(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}
