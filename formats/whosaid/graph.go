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
// the number of such claims) and "co-occurrence" (undirected: a source and
// an entity in one article, weight the number of articles). A claim
// said_by two wordings of one entity counts once for it.
//
// Co-occurrence pairs who talks with what is talked about, not every two
// nodes of an article: in each article, each of its sources (the nodes of
// its source annotations and of its claims' speakers) with each of its
// entities (the nodes of its entity annotations and of its claims'
// topics), a node both (a source also mentioned as a person) with either
// side but not itself, each pair once. Two people quoted in one article
// are not joined, nor two places named in it. All pairs of nodes grew
// with the square of an article's annotations (3.2 s for the bench's
// 1,000 articles, millions of edges no one could read); sources by
// entities grow with their product, a few dozen pairs in a news article.
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
	types []typeCount // source types of its source annotations, in order met
}

// typeCount is how many source annotations of a node carry a source type:
// a node has few, so a slice beats a map.
type typeCount struct {
	name string
	n    int
}

// Builder accumulates the graph from bundles.
type Builder struct {
	opts     Options
	kinds    map[string]annotation.Kind // label -> kind, from the codebook
	entities map[uint64]annotation.Entity
	project  string
	articles int32
	byEntity map[uint64]int32 // registry entity -> position in nodes
	byText   map[string]int32 // normalised text -> position in nodes
	nodes    []nodeState
	// Edge weights by endpoints packed in one integer (pair). Articles
	// give many co-occurrence pairs and a map of them is slow to grow:
	// they are appended to coocNew, and merged into cooc (sorted by key,
	// each key once) when coocNew is as long as cooc (and at Graph), so
	// that merging costs a constant per pair and memory follows the edges.
	quoted     map[uint64]int32
	cooc       []weighted
	coocNew    []uint64
	scratch    []weighted
	scratchNew []uint64
	// refs are the references in reading order, refNode[i] the node of
	// refs[i]; Graph sorts them by node.
	refs    []Ref
	refNode []int32
	// asSource[n] and asEntity[n] are the number of the last article in
	// which node n was a source (a source annotation, a claim's speaker)
	// or an entity (an entity annotation, a claim's topic).
	asSource, asEntity []int32
	// per-article scratch
	byID     map[uint64]int32 // annotation id -> index in the bundle
	resolved []int32          // per annotation: 1 + its node, -1 none, 0 not yet resolved
	sources  []int32          // the article's sources and entities, each once
	ents     []int32
}

// NewBuilder returns a builder that applies opts.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, kinds: map[string]annotation.Kind{}, entities: map[uint64]annotation.Entity{},
		byEntity: map[uint64]int32{}, byText: map[string]int32{}, quoted: map[uint64]int32{},
		byID: map[uint64]int32{}}
}

// Begin sets the project's name, codebook and entity registry.
func (b *Builder) Begin(project string, labels annotation.LabelSet, entities []annotation.Entity) {
	b.project = project
	for _, l := range labels.Labels {
		b.kinds[l.Name] = l.Kind
	}
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

// Add reads one article.
func (b *Builder) Add(bd annotation.Bundle) {
	if !b.keeps(bd.Document) {
		return
	}
	b.articles++
	doc, anns := bd.Document.ID, bd.Annotations
	clear(b.byID)
	for i := range anns {
		b.byID[anns[i].ID] = int32(i)
	}
	b.resolved = slices.Grow(b.resolved[:0], len(anns))[:len(anns)]
	clear(b.resolved)
	b.sources, b.ents = b.sources[:0], b.ents[:0]
	var speakers, topics []int32
	for i := range anns {
		a := &anns[i]
		switch k := b.kinds[a.Label]; k {
		case annotation.KindSource, annotation.KindEntity:
			if !b.labelKept(a.Label) {
				continue
			}
			if n, ok := b.resolve(anns, int32(i)); ok {
				b.nodes[n].Mentioned++
				b.ref(n, doc, a.ID, RoleMention)
				if k == annotation.KindSource {
					b.markSource(n)
				} else {
					b.markEntity(n)
				}
			}
		case annotation.KindClaim:
			if !b.labelKept(a.Label) {
				continue
			}
			speakers = b.targets(anns, a, annotation.LinkSaidBy, speakers[:0])
			topics = b.targets(anns, a, annotation.LinkAbout, topics[:0])
			for _, s := range speakers {
				b.nodes[s].Quoted++
				b.markSource(s)
				b.ref(s, doc, a.ID, RoleQuoted)
				for _, e := range topics {
					b.quoted[pair(s, e)]++
				}
			}
			for _, e := range topics {
				b.markEntity(e)
				b.ref(e, doc, a.ID, RoleAbout)
			}
		}
	}
	// Co-occurrence: each source of the article with each of its
	// entities, a pair once (a node both, as a named source also
	// mentioned as a person, pairs with either side but not itself).
	art := b.articles
	for _, s := range b.sources {
		for _, e := range b.ents {
			if s == e || s > e && b.asEntity[s] == art && b.asSource[e] == art {
				continue // itself, or a pair also met the other way round
			}
			b.coocNew = append(b.coocNew, pair(min(s, e), max(s, e)))
		}
	}
	if len(b.coocNew) >= max(len(b.cooc), mergeAt) {
		b.mergeCooc()
	}
}

// mergeAt is the fewest new co-occurrence pairs merged at once (16 MB).
var mergeAt = 1 << 20

// pair packs an edge's endpoints (positions) in one key, from<<32 | to
// (co-occurrence: the lower position first).
func pair(from, to int32) uint64 { return uint64(from)<<32 | uint64(uint32(to)) }

// weighted is an edge's key and weight.
type weighted struct {
	key    uint64
	weight int32
}

func (w weighted) sortKey() uint64 { return w.key }

// mergeCooc adds the weights of coocNew into cooc.
func (b *Builder) mergeCooc() {
	if len(b.coocNew) == 0 {
		return
	}
	b.scratchNew = sortByKey(b.coocNew, b.scratchNew, func(k uint64) uint64 { return k })
	merged := make([]weighted, 0, len(b.cooc)+len(b.coocNew))
	old, add := b.cooc, b.coocNew
	for len(old) > 0 || len(add) > 0 {
		var w weighted
		switch {
		case len(add) == 0 || len(old) > 0 && old[0].key < add[0]:
			w, old = old[0], old[1:]
		default:
			w, add = weighted{add[0], 1}, add[1:]
			if len(old) > 0 && old[0].key == w.key {
				w.weight += old[0].weight
				old = old[1:]
			}
		}
		if n := len(merged); n > 0 && merged[n-1].key == w.key {
			merged[n-1].weight += w.weight
		} else {
			merged = append(merged, w)
		}
	}
	b.cooc, b.coocNew = merged, b.coocNew[:0]
}

// sortByKey sorts ws by key (stable), least significant 16 bits first (a
// radix sort: a few passes over the slice, where comparison sorts of
// millions of edges took seconds), skipping the digits no key has.
// scratch is reused when long enough; the one returned is for the next
// call.
func sortByKey[T any](ws, scratch []T, key func(T) uint64) []T {
	if cap(scratch) < len(ws) {
		scratch = make([]T, len(ws))
	}
	scratch = scratch[:len(ws)]
	var bits uint64
	for _, w := range ws {
		bits |= key(w)
	}
	src, dst, passes := ws, scratch, 0
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		if bits>>shift&0xffff == 0 {
			continue
		}
		clear(count[:])
		for _, w := range src {
			count[key(w)>>shift&0xffff]++
		}
		sum := 0
		for i, c := range count {
			count[i], sum = sum, sum+c
		}
		for _, w := range src {
			d := key(w) >> shift & 0xffff
			dst[count[d]] = w
			count[d]++
		}
		src, dst = dst, src
		passes++
	}
	if passes%2 == 1 {
		copy(ws, src)
	}
	return scratch
}

// markSource notes that node n is a source in the current article.
func (b *Builder) markSource(n int32) {
	if b.asSource[n] != b.articles {
		b.asSource[n] = b.articles
		b.sources = append(b.sources, n)
	}
}

// markEntity notes that node n is an entity in the current article.
func (b *Builder) markEntity(n int32) {
	if b.asEntity[n] != b.articles {
		b.asEntity[n] = b.articles
		b.ents = append(b.ents, n)
	}
}

// ref notes that annotation ann of article doc stands behind node n.
func (b *Builder) ref(n int32, doc, ann uint64, role Role) {
	b.refs = append(b.refs, Ref{Doc: doc, Annotation: ann, Role: role})
	b.refNode = append(b.refNode, n)
}

// targets appends to dst the nodes a's links of type t stand for, each once.
func (b *Builder) targets(anns []annotation.Annotation, a *annotation.Annotation, t annotation.LinkType, dst []int32) []int32 {
	for _, l := range a.Links {
		if l.Type != t {
			continue
		}
		if x, ok := b.byID[l.Target]; ok {
			if n, ok := b.resolve(anns, x); ok && !slices.Contains(dst, n) {
				dst = append(dst, n)
			}
		}
	}
	return dst
}

// resolve returns the node annotation anns[i] stands for: its entity, that
// of an annotation it "is", or its normalised text. Each annotation of an
// article is resolved once, and counted once in its node's source types.
func (b *Builder) resolve(anns []annotation.Annotation, i int32) (int32, bool) {
	if r := b.resolved[i]; r != 0 {
		return r - 1, r > 0
	}
	n, ok := b.resolveOnce(anns, &anns[i])
	if ok {
		b.resolved[i] = n + 1
	} else {
		b.resolved[i] = -1
	}
	return n, ok
}

func (b *Builder) resolveOnce(anns []annotation.Annotation, a *annotation.Annotation) (int32, bool) {
	isSource := b.kinds[a.Label] == annotation.KindSource
	// Follow "is" links (a pronoun to its antecedent, a source to the
	// entity mention it names) to an entity, or else to the last
	// annotation of the chain, whose text names the node.
	named, entity := a, a.Entity
	for hops := 0; entity == 0 && hops < maxHops; hops++ {
		next := b.is(anns, named)
		if next == nil {
			break
		}
		named, entity = next, next.Entity
	}
	var n int32
	if e, ok := b.entities[entity]; ok && entity != 0 {
		var seen bool
		if n, seen = b.byEntity[entity]; !seen {
			n = b.newNode(Node{ID: "entity:" + uitoa(entity), Label: e.Name, Kind: KindEntity})
			b.byEntity[entity] = n
		}
	} else {
		quote := named.Quote()
		text := Normalize(quote)
		if text == "" {
			return 0, false
		}
		var seen bool
		if n, seen = b.byText[text]; !seen {
			kind := KindTerm
			if isSource {
				kind = KindSource
			}
			text = strings.Clone(text) // not the bundle's text, which may be reused
			n = b.newNode(Node{ID: "text:" + text, Label: strings.Clone(quote), Kind: kind})
			b.byText[text] = n
		}
	}
	st := &b.nodes[n]
	if isSource {
		if st.Kind == KindTerm {
			st.Kind = KindSource
		}
		if t := a.Attributes[annotation.AttrSourceType]; t != "" {
			st.countType(t)
		}
	}
	return n, true
}

// newNode adds a node and returns its position.
func (b *Builder) newNode(node Node) int32 {
	b.nodes = append(b.nodes, nodeState{Node: node})
	b.asSource = append(b.asSource, 0)
	b.asEntity = append(b.asEntity, 0)
	return int32(len(b.nodes) - 1)
}

// countType counts one source annotation of source type t.
func (st *nodeState) countType(t string) {
	for i := range st.types {
		if st.types[i].name == t {
			st.types[i].n++
			return
		}
	}
	st.types = append(st.types, typeCount{strings.Clone(t), 1})
}

// maxHops bounds the "is" links resolve follows (a cycle ends there).
const maxHops = 4

// is returns the annotation a "is" (its first such link), or nil.
func (b *Builder) is(anns []annotation.Annotation, a *annotation.Annotation) *annotation.Annotation {
	for _, l := range a.Links {
		if t, ok := b.byID[l.Target]; l.Type == annotation.LinkIs && ok {
			return &anns[t]
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
// Text already so (ASCII) is returned as it is, without a copy.
func Normalize(text string) string {
	if normalASCII(text) {
		return text
	}
	return normalize(text)
}

// normalize is Normalize's general case.
func normalize(text string) string {
	text = strings.Join(strings.Fields(strings.ToLower(text)), " ")
	return strings.TrimFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// normalASCII reports whether text is ASCII that Normalize leaves as it
// is: no upper case, no white space but single spaces between words, no
// punctuation or space at either end.
func normalASCII(text string) bool {
	if text == "" {
		return true
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 0x80 || 'A' <= c && c <= 'Z' || c < ' ' || c == 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(text)-1 || text[i+1] == ' '):
			return false
		}
	}
	edge := func(c byte) bool { return unicode.IsPunct(rune(c)) || c == ' ' }
	return !edge(text[0]) && !edge(text[len(text)-1])
}

// Graph returns the graph read so far, filtered by MinCount and MinWeight
// and sorted.
func (b *Builder) Graph() Graph {
	g := Graph{Project: b.project, Articles: int(b.articles)}
	kept := make([]int32, 0, len(b.nodes)) // positions in b.nodes
	for i := range b.nodes {
		st := &b.nodes[i]
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
	// places of their endpoints, packed in one key.
	b.mergeCooc()
	g.Edges = make([]Edge, 0, len(b.quoted)+len(b.cooc))
	var es []weighted
	add := func(key uint64, w int32, relation string) {
		from, to := rank[key>>32], rank[uint32(key)]
		if from == 0 || to == 0 || int(w) < b.opts.MinWeight {
			return
		}
		if relation == CoOccurrence && to < from {
			from, to = to, from
		}
		es = append(es, weighted{pair(from, to), w})
	}
	emit := func(relation string) {
		b.scratch = sortByKey(es, b.scratch, weighted.sortKey)
		for _, e := range es {
			g.Edges = append(g.Edges, Edge{From: g.Nodes[e.key>>32-1].ID, To: g.Nodes[uint32(e.key)-1].ID, Relation: relation, Weight: int(e.weight)})
		}
		es = es[:0]
	}
	es = make([]weighted, 0, len(b.cooc))
	for k, w := range b.quoted {
		add(k, w, QuotedAbout)
	}
	emit(QuotedAbout)
	for _, e := range b.cooc {
		add(e.key, e.weight, CoOccurrence)
	}
	emit(CoOccurrence)
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

// mostFrequent is the source type with the highest count, the first by
// name among equals.
func mostFrequent(types []typeCount) string {
	best, n := "", 0
	for _, t := range types {
		if t.n > n || t.n == n && t.name < best {
			best, n = t.name, t.n
		}
	}
	return best
}
