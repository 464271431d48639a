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
// Each node keeps the annotations behind it (Graph.Refs): the claims it is
// quoted in (said_by it), the claims about it and the annotations that
// stand for it, each as an article id, an annotation id and a role, in
// reading order; one flat slice for the whole graph, 24 bytes a reference.
//
// The Builder reads a dataset as a stream (it is a dataset.Writer): while
// reading, its memory grows with the nodes, the references (24 bytes
// each) and the articles' sources and entities (4 bytes each), never with
// the texts nor with the pairs; Graph then counts the co-occurrences node
// by node, and an edge takes 16 bytes, no pointer. Options filter what it
// reads (labels, outlets, a date range) and what the graph keeps (a
// minimum count per node and per edge).
package whosaid

import (
	"cmp"
	"encoding/binary"
	"iter"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// The kinds of node.
const (
	KindEntity = "entity" // a registry entity
	KindSource = "source" // an unlinked source (no registry entity)
	KindTerm   = "term"   // an unlinked entity mention, never a source
)

// Relation is what an edge says of its nodes.
type Relation uint8

// The relations of edges.
const (
	QuotedAbout  Relation = iota + 1 // a claim said_by From and about To
	CoOccurrence                     // From and To in one article (undirected)
)

// String is the relation as the exports name it: "quoted about",
// "co-occurrence".
func (r Relation) String() string {
	switch r {
	case QuotedAbout:
		return "quoted about"
	case CoOccurrence:
		return "co-occurrence"
	}
	return "relation " + uitoa(uint64(r))
}

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

// Edge joins two nodes, From and To, their places in Graph.Nodes; a
// co-occurrence edge goes from the node listed first to the other. An edge
// holds no pointer (16 bytes): a corpus gives millions of them, which the
// collector then need not scan.
type Edge struct {
	From, To int32
	Weight   int32
	Relation Relation
}

// Has reports whether both ends of e are nodes of g (an edge of the
// Builder's or of Top's always is; the writers and the layout skip one
// that is not).
func (g Graph) Has(e Edge) bool {
	n := int32(len(g.Nodes))
	return 0 <= e.From && e.From < n && 0 <= e.To && e.To < n
}

// coocEdges are co-occurrence edges kept as each node's partners, the
// nodes after it (8 bytes an edge, half an Edge), as the counters found
// them, never copied into Edge values. For a corpus of millions of edges
// that is half the memory the window holds, and the first build of a
// process writes that much less memory new to it (the system maps each
// new page on first touch, which on some machines costs more than
// counting the edges).
type coocEdges struct {
	partners [][]partner // by node
	n        int         // edges in all
}

// NumEdges is the number of g's edges.
func (g Graph) NumEdges() int { return len(g.edges) + g.cooc.n }

// Edges yields g's edges in order, each with its index: by relation
// (quoted about first), then by the places of their endpoints.
func (g Graph) Edges() iter.Seq2[int, Edge] {
	return func(yield func(int, Edge) bool) {
		for i, e := range g.edges {
			if !yield(i, e) {
				return
			}
		}
		i := len(g.edges)
		for x, ps := range g.cooc.partners {
			for _, p := range ps {
				if !yield(i, Edge{From: int32(x), To: p.node, Weight: p.weight, Relation: CoOccurrence}) {
					return
				}
				i++
			}
		}
	}
}

// WithEdges returns g with edges, in their order, in place of its own
// (Top's cut; a graph made by hand).
func (g Graph) WithEdges(edges []Edge) Graph {
	g.edges, g.cooc = edges, coocEdges{}
	return g
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
	// edges are the edges listed one by one: a built graph's quoted
	// about edges, every edge of a cut or hand-made one; cooc a built
	// graph's co-occurrence edges, after them (Edges reads both).
	edges []Edge
	cooc  coocEdges
	// refs holds every reference in reading order, as the builder read
	// them (never copied); refOrder their positions node after node in
	// the order of Nodes: node i's are refOrder[refStart[i]:refStart[i+1]].
	refs     chunked[nodeRef]
	refOrder []int32
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
// once. The slice is new.
func (g Graph) Refs(i int) []Ref {
	if i < 0 || i+1 >= len(g.refStart) {
		return nil
	}
	order := g.refOrder[g.refStart[i]:g.refStart[i+1]]
	refs := make([]Ref, len(order))
	for k, at := range order {
		r := g.refs.at(int(at))
		refs[k] = Ref{Doc: r.doc, Annotation: r.ann, Role: r.role}
	}
	return refs
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
	nodes    chunked[nodeState]
	// quoted has a "quoted about" pair (speaker, topic) packed in one
	// integer for each claim, as many times as claims say it; Graph
	// sorts and counts them.
	quoted chunked[uint64]
	// members holds each article's sources and then its entities (nodes,
	// each once in a list), article after article; sizes has two
	// entries an article, how many sources and how many entities (an
	// article short of either is left out). Graph pairs them:
	// co-occurrence is counted once, at the end, from what the articles
	// name (memory grows with the mentions, not with the pairs, which
	// grow with their square).
	members chunked[int32]
	sizes   []int32
	// refs are the references in reading order, each with its node;
	// Graph sorts them by node.
	refs chunked[nodeRef]
	// asSource[n] and asEntity[n] are the number of the last article in
	// which node n was a source (a source annotation, a claim's speaker)
	// or an entity (an entity annotation, a claim's topic).
	asSource, asEntity []int32
	// per-article scratch
	byID     map[uint64]int32  // annotation id -> index in the bundle
	resolved []int32           // per annotation: 1 + its node, -1 none, 0 not yet resolved
	kind     []annotation.Kind // per annotation: its label's kind
	name     []byte            // a normalised text being looked up
	sources  []int32           // the article's sources and entities, each once
	ents     []int32
}

// NewBuilder returns a builder that applies opts.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, kinds: map[string]annotation.Kind{}, entities: map[uint64]annotation.Entity{},
		byEntity: map[uint64]int32{}, byText: map[string]int32{}, byID: map[uint64]int32{}}
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
	b.kind = b.kind[:0]
	for i := range anns {
		b.byID[anns[i].ID] = int32(i)
		b.kind = append(b.kind, b.kinds[anns[i].Label])
	}
	b.resolved = slices.Grow(b.resolved[:0], len(anns))[:len(anns)]
	clear(b.resolved)
	b.sources, b.ents = b.sources[:0], b.ents[:0]
	var speakers, topics []int32
	for i := range anns {
		a := &anns[i]
		switch k := b.kind[i]; k {
		case annotation.KindSource, annotation.KindEntity:
			if !b.labelKept(a.Label) {
				continue
			}
			if n, ok := b.resolve(anns, int32(i)); ok {
				b.nodes.ptr(int(n)).Mentioned++
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
				b.nodes.ptr(int(s)).Quoted++
				b.markSource(s)
				b.ref(s, doc, a.ID, RoleQuoted)
				for _, e := range topics {
					b.quoted.add(pair(s, e))
				}
			}
			for _, e := range topics {
				b.markEntity(e)
				b.ref(e, doc, a.ID, RoleAbout)
			}
		}
	}
	// Co-occurrence is counted by Graph from the article's sources and
	// entities; an article short of either pairs nothing.
	if len(b.sources) > 0 && len(b.ents) > 0 {
		for _, list := range [2][]int32{b.sources, b.ents} {
			for _, n := range list {
				b.members.add(n)
			}
		}
		b.sizes = append(b.sizes, int32(len(b.sources)), int32(len(b.ents)))
	}
}

// pair packs an edge's endpoints (positions) in one key, from<<32 | to.
func pair(from, to int32) uint64 { return uint64(from)<<32 | uint64(uint32(to)) }

// sortKeys sorts keys, least significant 16 bits first (a radix sort: a
// few passes over the slice, where a comparison sort of millions of keys
// took seconds), skipping the digits no key has.
func sortKeys(keys []uint64) {
	var bits uint64
	for _, k := range keys {
		bits |= k
	}
	src, dst, passes := keys, make([]uint64, len(keys)), 0
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		if bits>>shift&0xffff == 0 {
			continue
		}
		clear(count[:])
		for _, k := range src {
			count[k>>shift&0xffff]++
		}
		sum := 0
		for i, c := range count {
			count[i], sum = sum, sum+c
		}
		for _, k := range src {
			d := k >> shift & 0xffff
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
		passes++
	}
	if passes%2 == 1 {
		copy(keys, src)
	}
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
	b.refs.add(nodeRef{doc, ann, n, role})
}

// nodeRef is a reference and its node (24 bytes, as a Ref alone).
type nodeRef struct {
	doc, ann uint64
	node     int32
	role     Role
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
	n, ok := b.resolveOnce(anns, i)
	if ok {
		b.resolved[i] = n + 1
	} else {
		b.resolved[i] = -1
	}
	return n, ok
}

func (b *Builder) resolveOnce(anns []annotation.Annotation, i int32) (int32, bool) {
	a := &anns[i]
	isSource := b.kind[i] == annotation.KindSource
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
	if known, ok := b.byEntity[entity]; ok {
		n = known
	} else if e, ok := b.entities[entity]; ok && entity != 0 {
		n = b.newNode(Node{ID: "entity:" + uitoa(entity), Label: e.Name, Kind: KindEntity})
		b.byEntity[entity] = n
	} else {
		// The normalised text, looked up without a string of its own.
		quote := named.Quote()
		b.name = annotation.AppendName(b.name[:0], quote)
		if len(b.name) == 0 {
			return 0, false
		}
		var seen bool
		if n, seen = b.byText[string(b.name)]; !seen {
			kind := KindTerm
			if isSource {
				kind = KindSource
			}
			text := string(b.name)
			n = b.newNode(Node{ID: "text:" + text, Label: strings.Clone(quote), Kind: kind})
			b.byText[text] = n
		}
	}
	st := b.nodes.ptr(int(n))
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
	b.nodes.add(nodeState{Node: node})
	b.asSource = append(b.asSource, 0)
	b.asEntity = append(b.asEntity, 0)
	return int32(b.nodes.len() - 1)
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
// white space one space, punctuation and spaces at either end dropped
// (annotation.NormalizeName, as the statistics tell sources apart).
func Normalize(text string) string { return annotation.NormalizeName(text) }

// Graph returns the graph read so far, filtered by MinCount and MinWeight
// and sorted.
func (b *Builder) Graph() Graph {
	g := Graph{Project: b.project, Articles: int(b.articles)}
	// The nodes kept, sorted by count (most first), label and id: the
	// keys hold the count and the label's first 8 bytes, which decide
	// most comparisons of a large graph without reading a string.
	type key struct {
		prefix uint64
		count  int32
		at     int32 // position in b.nodes
	}
	kept := make([]key, 0, b.nodes.len())
	for i := range b.nodes.len() {
		st := b.nodes.ptr(i)
		st.Count = st.Quoted + st.Mentioned
		st.SourceType = mostFrequent(st.types)
		if st.Count >= b.opts.MinCount {
			var p [8]byte
			copy(p[:], st.Label)
			kept = append(kept, key{binary.BigEndian.Uint64(p[:]), int32(st.Count), int32(i)})
		}
	}
	slices.SortFunc(kept, func(x, y key) int {
		if c := cmp.Or(cmp.Compare(y.count, x.count), cmp.Compare(x.prefix, y.prefix)); c != 0 {
			return c
		}
		p, q := b.nodes.ptr(int(x.at)), b.nodes.ptr(int(y.at))
		return cmp.Or(cmp.Compare(p.Label, q.Label), cmp.Compare(p.ID, q.ID))
	})
	rank := make([]int32, b.nodes.len()) // 1 + place in the graph; 0: dropped
	g.Nodes = make([]Node, len(kept))
	for r, k := range kept {
		rank[k.at] = int32(r + 1)
		g.Nodes[r] = b.nodes.ptr(int(k.at)).Node
	}
	g.refs = b.refs
	g.refOrder, g.refStart = b.refIndex(rank, len(kept))
	// Edges are sorted by relation (quoted about first), then by the
	// places of their endpoints.
	// Both are made, then written once into a slice of their length:
	// a slice of millions of edges grown by append was most of the
	// build.
	g.edges = b.quotedEdges(rank)
	g.cooc = b.coOccurrences(rank, len(kept))
	return g
}

// quotedEdges returns the "quoted about" edges between nodes kept
// (rank is 1 + a node's place in the graph, 0 when dropped), by the places
// of their endpoints: the claims' pairs are put in those places, sorted,
// and each run of one pair is an edge weighing its length.
func (b *Builder) quotedEdges(rank []int32) []Edge {
	var es []Edge
	keys := make([]uint64, 0, b.quoted.len())
	b.quoted.each(func(k uint64) {
		if from, to := rank[k>>32], rank[uint32(k)]; from != 0 && to != 0 {
			keys = append(keys, pair(from-1, to-1))
		}
	})
	sortKeys(keys)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		if j-i >= b.opts.MinWeight {
			es = append(es, Edge{From: int32(keys[i] >> 32), To: int32(uint32(keys[i])), Weight: int32(j - i), Relation: QuotedAbout})
		}
		i = j
	}
	return es
}

// partner is one co-occurrence edge of a node: the node at its other end
// and its weight (8 bytes; the node at this end is implied).
type partner struct{ node, weight int32 }

// coOccurrences returns the co-occurrence edges between the n nodes
// kept, in the order of their endpoints' places. Node x (in graph order)
// is paired with the nodes that come after it: in each article that names
// it, with the article's entities when x is one of its sources and with
// its sources when x is one of its entities, each once an article
// (pairing.count). Workers, one a core, take blocks of nodes in turn (the
// first nodes, the biggest, have the most partners); each node's
// partners are kept in a slice of their length. No edge is sorted, and
// the memory beyond the edges themselves grows with the nodes and the
// mentions, never with the pairs.
func (b *Builder) coOccurrences(rank []int32, n int) coocEdges {
	p := b.pairing(rank, n)
	block := coocBlock
	es := coocEdges{partners: make([][]partner, n)}
	var next atomic.Int64 // the next block of nodes
	var wg sync.WaitGroup
	for range max(1, min(coocWorkers(), (n+block-1)/block)) {
		c := &counter{count: make([]int32, n), stamp: make([]int32, n), seen: make([]uint64, (n+63)/64)}
		wg.Go(func() {
			for {
				first := int(next.Add(1)-1) * block
				if first >= n {
					return
				}
				for x := first; x < min(first+block, n); x++ {
					es.partners[x] = p.count(c, int32(x))
				}
			}
		})
	}
	wg.Wait()
	for _, ps := range es.partners {
		es.n += len(ps)
	}
	return es
}

// coocBlock is how many nodes a worker takes at a time; coocWorkers how
// many workers count (tests set both).
var (
	coocBlock   = 256
	coocWorkers = func() int { return min(runtime.GOMAXPROCS(0), 8) }
)

// pairing is what counting co-occurrences reads: each article's sources
// and entities as places in the graph, each list sorted (bounds: article
// a's sources are members[bounds[2a]:bounds[2a+1]], its entities
// members[bounds[2a+1]:bounds[2a+2]]), and where each node is named:
// node x's occurrences are occ[occStart[x]:occStart[x+1]], each the
// article's index shifted left once, the low bit set when x is one of its
// sources.
type pairing struct {
	members, bounds, occ, occStart []int32
	minWeight                      int
}

// pairing reads the builder's members, the nodes dropped left out.
func (b *Builder) pairing(rank []int32, n int) *pairing {
	members := make([]int32, 0, b.members.len())
	bounds := make([]int32, 0, len(b.sizes)+1)
	occStart := make([]int32, n+1)
	list, left := 0, int32(0) // the list read (sizes[list-1]) and how much of it is left
	b.members.each(func(m int32) {
		if left == 0 { // the next list begins (none is empty)
			bounds = append(bounds, int32(len(members)))
			left = b.sizes[list]
			list++
		}
		left--
		if r := rank[m]; r != 0 {
			members = append(members, r-1)
			occStart[r]++
		}
	})
	bounds = append(bounds, int32(len(members)))
	for i := 1; i <= n; i++ {
		occStart[i] += occStart[i-1]
	}
	// Sorted, so that node x skips the nodes before it in one search.
	for i := 0; i+1 < len(bounds); i++ {
		slices.Sort(members[bounds[i]:bounds[i+1]])
	}
	occ := make([]int32, len(members))
	next := slices.Clone(occStart[:n])
	for a := 0; a+2 < len(bounds); a += 2 {
		for i := bounds[a]; i < bounds[a+2]; i++ {
			x := members[i]
			asSource := int32(0)
			if i < bounds[a+1] {
				asSource = 1
			}
			occ[next[x]] = int32(a/2)<<1 | asSource
			next[x]++
		}
	}
	return &pairing{members: members, bounds: bounds, occ: occ, occStart: occStart, minWeight: b.opts.MinWeight}
}

// counter is one worker's: counts as long as the nodes, stamped per
// article; the nodes counted for the node at hand, a bit each and as a
// list.
type counter struct {
	count, stamp []int32
	seen         []uint64
	visit        int32
	touched      []int32
}

// count returns node x's partners after it, in order (nil for none).
func (p *pairing) count(c *counter, x int32) []partner {
	lo, hi := int32(len(c.count)), int32(-1) // the least and greatest counted
	last := int32(-1)
	for _, o := range p.occ[p.occStart[x]:p.occStart[x+1]] {
		a := o >> 1
		if a != last {
			c.visit++ // x's occurrences in one article are one visit
			last = a
		}
		partners := p.members[p.bounds[2*a+1]:p.bounds[2*a+2]] // its entities
		if o&1 == 0 {
			partners = p.members[p.bounds[2*a]:p.bounds[2*a+1]] // its sources
		}
		after, _ := slices.BinarySearch(partners, x+1)
		for _, y := range partners[after:] {
			if c.stamp[y] == c.visit {
				continue // counted already in this article
			}
			c.stamp[y] = c.visit
			if c.count[y] == 0 {
				c.touched = append(c.touched, y)
				c.seen[y>>6] |= 1 << (y & 63)
				lo, hi = min(lo, y), max(hi, y)
			}
			c.count[y]++
		}
	}
	// In order: read off the bits between the least and the greatest
	// when that costs less than sorting them.
	touched := c.touched
	if words := int(hi>>6-lo>>6) + 1; len(touched) > 0 && words <= len(touched)*bits.Len(uint(len(touched))) {
		touched = touched[:0]
		for w := lo >> 6; w <= hi>>6; w++ {
			for m := c.seen[w]; m != 0; m &= m - 1 {
				touched = append(touched, w<<6|int32(bits.TrailingZeros64(m)))
			}
			c.seen[w] = 0
		}
	} else {
		slices.Sort(touched)
		for _, y := range touched {
			c.seen[y>>6] = 0
		}
	}
	kept := 0
	for _, y := range touched {
		if int(c.count[y]) >= p.minWeight {
			kept++
		}
	}
	var out []partner
	if kept > 0 {
		out = make([]partner, 0, kept)
	}
	for _, y := range touched {
		if int(c.count[y]) >= p.minWeight {
			out = append(out, partner{y, c.count[y]})
		}
		c.count[y] = 0
	}
	c.touched = touched[:0]
	return out
}

// refIndex returns the positions of the references of the nodes kept,
// node after node in their graph order (a counting sort: stable, one pass
// to count, one to place), and where each node's begin; rank is 1 + a
// node's place in the graph, 0 when dropped. The references stay where
// they are: 4 bytes a reference instead of a copy of 24.
func (b *Builder) refIndex(rank []int32, kept int) ([]int32, []int32) {
	start := make([]int32, kept+1)
	b.refs.each(func(r nodeRef) {
		if k := rank[r.node]; k != 0 {
			start[k]++
		}
	})
	for i := 1; i <= kept; i++ {
		start[i] += start[i-1]
	}
	order := make([]int32, start[kept])
	next := slices.Clone(start[:kept])
	at := int32(0)
	b.refs.each(func(r nodeRef) {
		if k := rank[r.node]; k != 0 {
			order[next[k-1]] = at
			next[k-1]++
		}
		at++
	})
	return order, start
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
