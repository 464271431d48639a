package agreement

import (
	"cmp"
	"maps"
	"slices"

	"glossa/annotation"
)

// Compute measures the agreement of the annotators of articles, with the
// codebook labels for the labels' order and kinds (a label it lacks is of
// kind other and comes after its labels, by name). The package doc says
// what each figure is.
func Compute(articles []Article, labels annotation.LabelSet) Report {
	c := newComputation(articles, labels)
	for i := range articles {
		c.article(&articles[i])
	}
	return c.report()
}

// computation is what Compute accumulates over the articles.
type computation struct {
	names      []string
	index      map[string]int
	labels     []string
	kinds      []annotation.Kind
	labelIndex map[string]int

	pairs  [][]*pairState // [a][b], a < b: global annotator indices
	common *study         // every annotator, the articles all annotated
	alpha  alphaAcc       // labels at identical positions, every article
	fleiss fleissAcc
	attrs  map[attrKey]*attrState

	articles, compared, commonN int
	perAnnotator                []AnnotatorRow
	perLabel                    []int // annotations
	rows                        []ArticleRow

	// Scratch, reused article after article.
	codes   []code
	m       matcher
	spare   []layer
	unitBuf [][][]rng
	own     map[int]*study // an article's alpha-U, by its number of annotators
	match   []int
}

type pairState struct {
	articles                int
	strict, lenient, na, nb []int // per label
	linkTP, linkA, linkB    int
	attrEqual, attrCompared int
	coding                  pairAcc
	study                   *study
}

type attrKey struct {
	label int
	name  string
}

type attrState struct {
	compared, equal int
	pair            pairAcc
	codes           codebook
}

func newComputation(articles []Article, labels annotation.LabelSet) *computation {
	c := &computation{index: map[string]int{}, labelIndex: map[string]int{}, attrs: map[attrKey]*attrState{}, own: map[int]*study{}}
	names := map[string]bool{}
	unknown := map[string]bool{}
	for _, l := range labels.Labels {
		if _, ok := c.labelIndex[l.Name]; !ok {
			c.labelIndex[l.Name] = len(c.labels)
			c.labels = append(c.labels, l.Name)
			c.kinds = append(c.kinds, l.Kind)
		}
	}
	for _, a := range articles {
		for name, anns := range a.Layers {
			names[name] = true
			for _, x := range anns {
				if _, ok := c.labelIndex[x.Label]; !ok {
					unknown[x.Label] = true
				}
			}
		}
	}
	for _, l := range slices.Sorted(maps.Keys(unknown)) {
		c.labelIndex[l] = len(c.labels)
		c.labels = append(c.labels, l)
		c.kinds = append(c.kinds, annotation.KindOther)
	}
	c.names = slices.Sorted(maps.Keys(names))
	R := len(c.names)
	for i, n := range c.names {
		c.index[n] = i
		c.perAnnotator = append(c.perAnnotator, AnnotatorRow{Name: n})
	}
	K := len(c.labels)
	c.perLabel = make([]int, K)
	c.pairs = make([][]*pairState, R)
	for a := range R {
		c.pairs[a] = make([]*pairState, R)
		for b := a + 1; b < R; b++ {
			c.pairs[a][b] = &pairState{strict: make([]int, K), lenient: make([]int, K), na: make([]int, K), nb: make([]int, K), study: newStudy(2, K)}
		}
	}
	if R >= 2 {
		c.common = newStudy(R, K)
	}
	return c
}

// kindIndex is k's place in annotation.Kinds(); other for an unknown kind.
func kindIndex(k annotation.Kind) int {
	kinds := annotation.Kinds()
	if i := slices.Index(kinds, k); i >= 0 {
		return i
	}
	return slices.Index(kinds, annotation.KindOther)
}

// layer is one annotator's annotations of one article as the measures
// use them.
type layer struct {
	items   []item  // sorted by start, end, label
	byLabel [][]int // indices into items, by label, in order
	byKind  [][]int
	byID    map[uint64]int
	ranges  []rng // the items' extents
}

// fill makes l the layer of anns, reusing what l held before.
func (c *computation) fill(l *layer, anns []annotation.Annotation, length int) {
	l.items = l.items[:0]
	l.byLabel = resize(l.byLabel, len(c.labels))
	l.byKind = resize(l.byKind, len(annotation.Kinds()))
	for k := range l.byLabel {
		l.byLabel[k] = l.byLabel[k][:0]
	}
	for k := range l.byKind {
		l.byKind[k] = l.byKind[k][:0]
	}
	if l.byID == nil {
		l.byID = make(map[uint64]int, len(anns))
	}
	clear(l.byID)
	// The extents of the article before are no longer read: their array is
	// written over.
	l.ranges = l.ranges[:0]
	for i := range anns {
		a := &anns[i]
		var x extent
		l.ranges, x = appendExtent(l.ranges, a.Spans, length)
		if len(x) == 0 {
			continue
		}
		k := c.labelIndex[a.Label]
		l.items = append(l.items, item{s: x.start(), e: x.end(), label: k, kind: kindIndex(c.kinds[k]), ext: x, ann: a})
	}
	slices.SortFunc(l.items, func(x, y item) int {
		switch {
		case x.s != y.s:
			return cmp.Compare(x.s, y.s)
		case x.e != y.e:
			return cmp.Compare(x.e, y.e)
		}
		return cmp.Compare(x.label, y.label)
	})
	for i, it := range l.items {
		l.byLabel[it.label] = append(l.byLabel[it.label], i)
		l.byKind[it.kind] = append(l.byKind[it.kind], i)
		l.byID[it.ann.ID] = i
	}
}

// article adds one article to every accumulator.
func (c *computation) article(a *Article) {
	c.articles++
	var present []int
	length, total := a.Length, 0
	for name, anns := range a.Layers {
		g := c.index[name]
		present = append(present, g)
		c.perAnnotator[g].Articles++
		c.perAnnotator[g].Annotations += len(anns)
		total += len(anns)
		for _, x := range anns {
			c.perLabel[c.labelIndex[x.Label]]++
			for _, s := range x.Spans {
				length = max(length, s.End)
			}
		}
	}
	if len(present) < 2 {
		return
	}
	slices.Sort(present)
	c.compared++
	for len(c.spare) < len(present) {
		c.spare = append(c.spare, layer{})
	}
	layers := c.spare[:len(present)]
	for i, g := range present {
		c.fill(&layers[i], a.Layers[c.names[g]], length)
	}
	units := c.units(layers)
	unitsOf := func(k, r int) []rng { return units[k][r] }
	row := ArticleRow{ID: a.ID, Title: a.Title, Annotations: total}
	for _, g := range present {
		row.Annotators = append(row.Annotators, c.names[g])
	}
	own := c.own[len(present)]
	if own == nil {
		own = newStudy(len(present), len(c.labels))
		c.own[len(present)] = own
	}
	own.reset()
	own.add(length, unitsOf)
	row.AlphaU, _ = own.result()
	if len(present) == len(c.names) {
		c.commonN++
		c.common.add(length, unitsOf)
	}
	row.Alpha = c.codeUnits(layers, present)

	var strict, lenient, links []Score
	var pairs [][2]string
	worst := -1
	for x := range present {
		for y := x + 1; y < len(present); y++ {
			p := c.pairs[present[x]][present[y]]
			p.articles++
			xy := [2]int{x, y}
			p.study.add(length, func(k, r int) []rng { return units[k][xy[r]] })
			st, le, li := c.compare(p, &layers[x], &layers[y])
			strict, lenient, links = append(strict, st), append(lenient, le), append(links, li)
			pairs = append(pairs, [2]string{c.names[present[x]], c.names[present[y]]})
			if n := len(pairs) - 1; worst < 0 || cmp.Or(worse(le, lenient[worst]), worse(st, strict[worst])) < 0 {
				worst = n
			}
		}
	}
	row.Worst = pairs[worst]
	row.StrictF1, row.LenientF1, row.LinkF1 = spread(strict).Mean, spread(lenient).Mean, spread(links).Mean
	c.rows = append(c.rows, row)
}

// units returns each label's units of each layer for alpha-U: the
// extents of its annotations, overlapping ones joined.
func (c *computation) units(layers []layer) [][][]rng {
	units := resize(c.unitBuf, len(c.labels))
	for k := range units {
		units[k] = resize(units[k], len(layers))
		for r := range units[k] {
			units[k][r] = units[k][r][:0]
		}
	}
	c.unitBuf = units
	for r, l := range layers {
		for _, it := range l.items {
			units[it.label][r] = append(units[it.label][r], it.ext...)
		}
	}
	for k := range units {
		for r := range layers {
			units[k][r] = union(units[k][r], false)
		}
	}
	return units
}

// code is one annotation as a value of a coding unit: the unit is the
// position (kind and extent), the value the label.
type code struct {
	kind  int
	s, e  int // ext's ends
	ext   extent
	rater int // index into the article's layers
	label int
}

// codeUnits adds the article's coding units to the corpus' and the pairs'
// coefficients and returns the article's nominal alpha. A unit is a
// position some annotator labelled with a label of some kind; each
// annotator's value is the label they gave there (of two of one kind at
// one position, the first in the codebook), missing where they gave none.
func (c *computation) codeUnits(layers []layer, present []int) Score {
	codes := c.codes[:0]
	for r, l := range layers {
		for _, it := range l.items {
			codes = append(codes, code{it.kind, it.s, it.e, it.ext, r, it.label})
		}
	}
	// (Comparisons return early: a comparator runs some 10⁶ times.)
	slices.SortFunc(codes, func(x, y code) int {
		switch {
		case x.kind != y.kind:
			return cmp.Compare(x.kind, y.kind)
		case x.s != y.s:
			return cmp.Compare(x.s, y.s)
		case x.e != y.e:
			return cmp.Compare(x.e, y.e)
		}
		if c := compareExtents(x.ext, y.ext); c != 0 {
			return c
		}
		if x.rater != y.rater {
			return cmp.Compare(x.rater, y.rater)
		}
		return cmp.Compare(x.label, y.label)
	})
	c.codes = codes
	var article alphaAcc
	values := make([]int, len(layers))
	var vs []int
	for i := 0; i < len(codes); {
		for r := range values {
			values[r] = -1
		}
		j := i
		for ; j < len(codes) && codes[j].kind == codes[i].kind && codes[j].s == codes[i].s && codes[j].e == codes[i].e && sameExtent(codes[j].ext, codes[i].ext); j++ {
			if values[codes[j].rater] < 0 {
				values[codes[j].rater] = codes[j].label
			}
		}
		i = j
		vs = vs[:0]
		for _, v := range values {
			if v >= 0 {
				vs = append(vs, v)
			}
		}
		c.alpha.add(vs)
		article.add(vs)
		if len(vs) == len(c.names) {
			c.fleiss.add(vs)
		}
		for x := range values {
			for y := x + 1; y < len(values); y++ {
				if values[x] >= 0 && values[y] >= 0 {
					c.pairs[present[x]][present[y]].coding.add(values[x], values[y])
				}
			}
		}
	}
	return article.result().Value
}

// compare adds two layers of one article to their pair's counts and
// returns the article's strict and lenient span F1 and link F1.
func (c *computation) compare(p *pairState, a, b *layer) (strict, lenient, link Score) {
	match := resize(c.match, len(a.items))
	c.match = match
	for i := range match {
		match[i] = -1
	}
	var st, le, na, nb int
	for k := range c.labels {
		x, y := a.byLabel[k], b.byLabel[k]
		if len(x)+len(y) == 0 {
			continue
		}
		s, l := strictMatches(a.items, b.items, x, y), c.m.align(a.items, b.items, x, y, match)
		p.strict[k] += s
		p.lenient[k] += l
		p.na[k] += len(x)
		p.nb[k] += len(y)
		st, le, na, nb = st+s, le+l, na+len(x), nb+len(y)
	}
	for i, j := range match {
		if j >= 0 {
			c.compareAttributes(p, &a.items[i], &b.items[j])
		}
	}
	// Links: the annotations aligned within each kind, whatever their label.
	for i := range match {
		match[i] = -1
	}
	for k := range a.byKind {
		c.m.align(a.items, b.items, a.byKind[k], b.byKind[k], match)
	}
	tp, la, lb := linkCounts(a, b, match)
	p.linkTP, p.linkA, p.linkB = p.linkTP+tp, p.linkA+la, p.linkB+lb
	return f1(st, na, nb), f1(le, na, nb), f1(tp, la, lb)
}

// compareAttributes compares the attributes either of two aligned
// annotations sets; an attribute one left unset has the value "" there.
func (c *computation) compareAttributes(p *pairState, x, y *item) {
	record := func(name, u, v string) {
		key := attrKey{x.label, name}
		s := c.attrs[key]
		if s == nil {
			s = &attrState{codes: codebook{}}
			c.attrs[key] = s
		}
		s.compared++
		p.attrCompared++
		if u == v {
			s.equal++
			p.attrEqual++
		}
		s.pair.add(s.codes.code(u), s.codes.code(v))
	}
	for name, u := range x.ann.Attributes {
		record(name, u, y.ann.Attributes[name])
	}
	for name, v := range y.ann.Attributes {
		if _, ok := x.ann.Attributes[name]; !ok {
			record(name, "", v)
		}
	}
}

// linkCounts compares two layers' links as (source, target, type), the
// annotations of a mapped to b's by match: it returns the links both
// have, and how many each has (links to an annotation the layer lacks
// are left out; a link repeated on one annotation counts once).
func linkCounts(a, b *layer, match []int) (both, na, nb int) {
	for i, it := range a.items {
		for n, l := range it.ann.Links {
			t, ok := a.byID[l.Target]
			if !ok || repeated(it.ann.Links, n) {
				continue
			}
			na++
			si, ti := match[i], match[t]
			if si < 0 || ti < 0 {
				continue
			}
			target := b.items[ti].ann.ID
			for _, m := range b.items[si].ann.Links {
				if m.Type == l.Type && m.Target == target {
					both++
					break
				}
			}
		}
	}
	for _, it := range b.items {
		for n, l := range it.ann.Links {
			if _, ok := b.byID[l.Target]; ok && !repeated(it.ann.Links, n) {
				nb++
			}
		}
	}
	return both, na, nb
}

// repeated reports whether links[n] equals an earlier link.
func repeated(links []annotation.Link, n int) bool {
	return slices.Contains(links[:n], links[n])
}

// report lays the accumulators out as tables.
func (c *computation) report() Report {
	// Empty tables are empty lists in JSON, not null.
	r := Report{Annotators: c.names, Articles: c.articles, Compared: c.compared, Common: c.commonN,
		Labels: []LabelRow{}, Pairs: []PairRow{}, PerAnnotator: []AnnotatorRow{}, PerArticle: []ArticleRow{}, Attributes: []AttributeRow{}}
	if r.Annotators == nil {
		r.Annotators = []string{}
	}
	var strict, lenient, kappa, pi, links []Score
	byAnnotator := make([][2][]Score, len(c.names)) // strict, lenient
	var attrEqual, attrCompared int
	for a := range c.pairs {
		for b := a + 1; b < len(c.pairs); b++ {
			p := c.pairs[a][b]
			if p.articles == 0 {
				continue
			}
			row := c.pairRow(p, a, b)
			r.Pairs = append(r.Pairs, row)
			strict, lenient = append(strict, row.StrictF1), append(lenient, row.LenientF1)
			kappa, pi, links = append(kappa, row.Kappa.Value), append(pi, row.Pi.Value), append(links, row.LinkF1)
			for _, g := range []int{a, b} {
				byAnnotator[g][0] = append(byAnnotator[g][0], row.StrictF1)
				byAnnotator[g][1] = append(byAnnotator[g][1], row.LenientF1)
			}
			attrEqual, attrCompared = attrEqual+p.attrEqual, attrCompared+p.attrCompared
		}
	}
	r.Overall = Overall{
		StrictF1: spread(strict), LenientF1: spread(lenient), AlphaU: undefined,
		Alpha: c.alpha.result(), Fleiss: c.fleiss.result(), Kappa: spread(kappa), Pi: spread(pi),
		LinkF1: spread(links), AttributesEqual: ratio(float64(attrEqual), float64(attrCompared)), AttributesCompared: attrCompared,
	}
	var cats []disagreement
	if c.common != nil && c.commonN > 0 {
		r.Overall.AlphaU, cats = c.common.result()
	}
	for k, name := range c.labels {
		if c.perLabel[k] == 0 {
			continue
		}
		row := LabelRow{Label: name, Kind: c.kinds[k], Annotations: c.perLabel[k], AlphaU: undefined, Observed: undefined, Expected: undefined}
		var s, l []Score
		for a := range c.pairs {
			for b := a + 1; b < len(c.pairs); b++ {
				if p := c.pairs[a][b]; p.articles > 0 {
					s = append(s, f1(p.strict[k], p.na[k], p.nb[k]))
					l = append(l, f1(p.lenient[k], p.na[k], p.nb[k]))
				}
			}
		}
		row.StrictF1, row.LenientF1 = spread(s), spread(l)
		if cats != nil {
			if d := cats[k]; d.units > 0 {
				row.AlphaU, row.Observed, row.Expected = d.alpha, Score(d.observed), Score(d.expected)
			}
		}
		r.Labels = append(r.Labels, row)
	}
	for g, row := range c.perAnnotator {
		row.StrictF1, row.LenientF1 = spread(byAnnotator[g][0]).Mean, spread(byAnnotator[g][1]).Mean
		r.PerAnnotator = append(r.PerAnnotator, row)
	}
	r.PerArticle = append(r.PerArticle, c.rows...)
	slices.SortStableFunc(r.PerArticle, func(x, y ArticleRow) int {
		return cmp.Or(worse(x.AlphaU, y.AlphaU), worse(x.LenientF1, y.LenientF1), cmp.Compare(x.ID, y.ID))
	})
	keys := slices.SortedFunc(maps.Keys(c.attrs), func(x, y attrKey) int {
		return cmp.Or(cmp.Compare(x.label, y.label), cmp.Compare(x.name, y.name))
	})
	for _, key := range keys {
		s := c.attrs[key]
		r.Attributes = append(r.Attributes, AttributeRow{
			Label: c.labels[key.label], Attribute: key.name, Compared: s.compared,
			Equal: ratio(float64(s.equal), float64(s.compared)), Alpha: s.pair.alpha().Value,
		})
	}
	return r
}

// worse orders scores worst first: the lower first, undefined last.
func worse(x, y Score) int {
	switch {
	case !x.Defined() && !y.Defined():
		return 0
	case !x.Defined():
		return 1
	case !y.Defined():
		return -1
	}
	return cmp.Compare(x, y)
}

func (c *computation) pairRow(p *pairState, a, b int) PairRow {
	row := PairRow{A: c.names[a], B: c.names[b], Articles: p.articles}
	var st, le, na, nb int
	for k := range c.labels {
		st, le, na, nb = st+p.strict[k], le+p.lenient[k], na+p.na[k], nb+p.nb[k]
	}
	row.Both, row.OnlyA, row.OnlyB = st, na-st, nb-st
	row.StrictF1, row.LenientF1 = f1(st, na, nb), f1(le, na, nb)
	row.AlphaU, _ = p.study.result()
	row.Kappa, row.Pi, row.Alpha = p.coding.kappa(), p.coding.pi(), p.coding.alpha()
	row.Links, row.LinkF1 = p.linkA+p.linkB, f1(p.linkTP, p.linkA, p.linkB)
	row.AttributesEqual = ratio(float64(p.attrEqual), float64(p.attrCompared))
	return row
}
