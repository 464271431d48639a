// Package stats computes the statistics of a corpus (issue 22): articles by
// status; annotations per label, per article and per annotator; the most
// quoted sources and the most mentioned entities, counted through the
// entity registry; claims per source type; the distribution of every
// attribute's values per label; and progress over time. It reads a stream
// of bundles (as storage.Store.EachBundle gives them), the codebook and the
// entity registry, and is pure: no Fyne, no bbolt. docs/STATS.md says what
// each figure measures.
package stats

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"glossa/annotation"
)

// Each walks a corpus: it calls fn with every document and its
// annotations. The slice of annotations may be reused once fn returns
// (storage.Store.EachBundle does): Compute keeps nothing of it.
type Each func(fn func(annotation.Bundle) error) error

// OnlyLayer is each with only the annotations of layer
// (annotation.LayerOf) in every bundle: the statistics of one annotator,
// or of the curated layer, when several annotated the same articles. The
// slice it gives is reused from bundle to bundle, as each's may be.
func OnlyLayer(each Each, layer string) Each {
	return func(fn func(annotation.Bundle) error) error {
		var kept []annotation.Annotation
		return each(func(b annotation.Bundle) error {
			kept = kept[:0]
			for _, a := range b.Annotations {
				if annotation.LayerOf(a) == layer {
					kept = append(kept, a)
				}
			}
			b.Annotations = kept
			return fn(b)
		})
	}
}

// The names under which Report counts what has no name of its own.
const (
	NoSource = "(no source)" // a claim linked to no source, in ClaimsBySourceType
	NotSet   = "(not set)"   // a source without a source type, or an attribute left empty
	Undated  = "(no date)"   // an annotation without a creation time, in PerDay
)

// Count is one row of a table: a name and how many.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Article is one article's row: its annotations.
type Article struct {
	ID          uint64 `json:"id"`
	Title       string `json:"title"`
	Annotations int    `json:"annotations"`
}

// Source is one source of claims: an entity of the registry (Entity set,
// Name its canonical name) or, for sources linked to none, a text (Name the
// first wording seen, Key the normalised text every wording shares).
type Source struct {
	Name     string `json:"name"`
	Entity   uint64 `json:"entity,omitempty"`
	Key      string `json:"key,omitempty"`
	Claims   int    `json:"claims"`   // claims linked said_by to it
	Articles int    `json:"articles"` // articles with at least one of those claims
}

// Entity is one entity of the registry and how often it is mentioned.
type Entity struct {
	ID       uint64 `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`
	Mentions int    `json:"mentions"` // annotations linked to it
	Articles int    `json:"articles"` // articles with at least one of them
}

// Attribute is the distribution of one attribute's values on one label:
// the values its definition lists first, in order (zero counts included),
// then any other value found, by name.
type Attribute struct {
	Label     string  `json:"label"`
	Attribute string  `json:"attribute"`
	Values    []Count `json:"values"`
}

// Day is one day of work: annotations created that day and articles whose
// status is done and whose last change (Document.Modified) fell that day.
type Day struct {
	Date         string `json:"date"` // YYYY-MM-DD in the zone the time was stored with
	Annotations  int    `json:"annotations"`
	ArticlesDone int    `json:"articles_done"`
}

// Report is what Compute finds. Every list is in a fixed order: statuses
// as annotation defines them, labels in codebook order (then any other
// label by name), annotators by name, articles, sources and entities by
// count (most first, then by name), days by date.
type Report struct {
	Documents              int         `json:"documents"`
	Annotations            int         `json:"annotations"`
	ArticlesByStatus       []Count     `json:"articles_by_status"`
	AnnotationsByLabel     []Count     `json:"annotations_by_label"`
	AnnotationsByAnnotator []Count     `json:"annotations_by_annotator"`
	AnnotationsPerArticle  []Article   `json:"annotations_per_article"`
	TopSources             []Source    `json:"top_sources"`
	TopEntities            []Entity    `json:"top_entities"`
	ClaimsBySourceType     []Count     `json:"claims_by_source_type"`
	Attributes             []Attribute `json:"attributes"`
	PerDay                 []Day       `json:"per_day"`
}

// Top returns r with its per-article, source and entity lists cut to their
// first n rows; n <= 0 keeps them whole.
func (r Report) Top(n int) Report {
	if n <= 0 {
		return r
	}
	r.AnnotationsPerArticle = r.AnnotationsPerArticle[:min(n, len(r.AnnotationsPerArticle))]
	r.TopSources = r.TopSources[:min(n, len(r.TopSources))]
	r.TopEntities = r.TopEntities[:min(n, len(r.TopEntities))]
	return r
}

type attrKey struct{ label, attr, value string }

// tally counts occurrences and the articles they occur in: a walk gives
// each article once, with all its annotations, so an article is new when
// it is not the last one counted.
type tally struct {
	n       int
	lastDoc uint64
	docs    int
}

func (t *tally) add(doc uint64) {
	t.n++
	if t.lastDoc != doc || t.docs == 0 {
		t.lastDoc = doc
		t.docs++
	}
}

// sourceID is who a source is: an entity of the registry, or for a source
// linked to none its normalised text.
type sourceID struct {
	entity uint64
	text   string
}

type sourceTally struct {
	tally
	name string
}

// Compute walks each once and counts. labels is the codebook (its kinds
// tell claims and sources apart, its order is the tables' order);
// entities is the registry (canonical names). An error from each is
// returned as it is.
func Compute(each Each, labels annotation.LabelSet, entities []annotation.Entity) (Report, error) {
	kind := make(map[string]annotation.Kind, len(labels.Labels))
	for _, l := range labels.Labels {
		kind[l.Name] = l.Kind
	}
	registry := make(map[uint64]annotation.Entity, len(entities))
	for _, e := range entities {
		registry[e.ID] = e
	}
	var (
		r = Report{ // lists, never null in JSON, even of an empty project
			ArticlesByStatus: []Count{}, AnnotationsByLabel: []Count{}, AnnotationsByAnnotator: []Count{},
			AnnotationsPerArticle: []Article{}, TopSources: []Source{}, TopEntities: []Entity{},
			ClaimsBySourceType: []Count{}, Attributes: []Attribute{}, PerDay: []Day{},
		}
		byStatus    = map[annotation.Status]int{}
		byLabel     = map[string]int{}
		created     dayCache
		byLayer     = map[string]int{}
		bySrcType   = map[string]int{}
		attrs       = map[attrKey]int{}
		sources     = map[sourceID]*sourceTally{}
		mentions    = map[uint64]*tally{}
		days        = map[int]*Day{}
		index       = map[uint64]int{}
		seenTypes   []string
		seenSources []sourceID
		undated     int
		dayOf       = func(t time.Time) int { y, m, d := t.Date(); return y*10000 + int(m)*100 + d }
		dayEntry    = func(k int) *Day {
			d := days[k]
			if d == nil {
				d = &Day{}
				days[k] = d
			}
			return d
		}
	)
	err := each(func(b annotation.Bundle) error {
		doc := b.Document
		r.Documents++
		byStatus[doc.Status]++
		if doc.Status == annotation.StatusDone && !doc.Modified.IsZero() {
			dayEntry(dayOf(doc.Modified)).ArticlesDone++
		}
		r.AnnotationsPerArticle = append(r.AnnotationsPerArticle, Article{ID: doc.ID, Title: doc.Title, Annotations: len(b.Annotations)})
		clear(index)
		for i := range b.Annotations {
			index[b.Annotations[i].ID] = i
		}
		for i := range b.Annotations {
			a := &b.Annotations[i]
			r.Annotations++
			byLabel[a.Label]++
			byLayer[annotation.LayerOf(*a)]++
			if a.Created.IsZero() {
				undated++
			} else {
				created.of(a.Created, dayEntry).Annotations++
			}
			for name, v := range a.Attributes {
				attrs[attrKey{a.Label, name, v}]++
			}
			if a.Entity != 0 {
				t := mentions[a.Entity]
				if t == nil {
					t = &tally{}
					mentions[a.Entity] = t
				}
				t.add(doc.ID)
			}
			if kind[a.Label] != annotation.KindClaim {
				continue
			}
			seenTypes, seenSources = seenTypes[:0], seenSources[:0]
			for _, l := range a.Links {
				i, ok := index[l.Target]
				if l.Type != annotation.LinkSaidBy || !ok {
					continue
				}
				s := &b.Annotations[i]
				key, name := sourceKey(s, registry)
				if !slices.Contains(seenSources, key) { // a claim counts once per source
					seenSources = append(seenSources, key)
					t := sources[key]
					if t == nil {
						// Copies: the walk may reuse what the annotation holds.
						key.text = strings.Clone(key.text)
						t = &sourceTally{name: strings.Join(strings.Fields(name), " ")}
						sources[key] = t
					}
					t.add(doc.ID)
				}
				st := s.Attributes[annotation.AttrSourceType]
				if st == "" {
					st = NotSet
				}
				if !slices.Contains(seenTypes, st) { // and once per source type
					seenTypes = append(seenTypes, st)
					bySrcType[st]++
				}
			}
			if len(seenSources) == 0 {
				bySrcType[NoSource]++
			}
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}

	for _, s := range []annotation.Status{annotation.StatusNew, annotation.StatusInProgress, annotation.StatusDone} {
		r.ArticlesByStatus = append(r.ArticlesByStatus, Count{string(s), byStatus[s]})
		delete(byStatus, s)
	}
	r.ArticlesByStatus = append(r.ArticlesByStatus, sortedCounts(byStatus)...)

	for _, l := range labels.Labels {
		r.AnnotationsByLabel = append(r.AnnotationsByLabel, Count{l.Name, byLabel[l.Name]})
		delete(byLabel, l.Name)
	}
	r.AnnotationsByLabel = append(r.AnnotationsByLabel, sortedCounts(byLabel)...)
	r.AnnotationsByAnnotator = append(r.AnnotationsByAnnotator, sortedCounts(byLayer)...)

	slices.SortStableFunc(r.AnnotationsPerArticle, func(a, b Article) int { return cmp.Compare(b.Annotations, a.Annotations) })

	for key, t := range sources {
		r.TopSources = append(r.TopSources, Source{Name: t.name, Entity: key.entity, Key: key.text, Claims: t.n, Articles: t.docs})
	}
	slices.SortFunc(r.TopSources, func(a, b Source) int {
		return cmp.Or(cmp.Compare(b.Claims, a.Claims), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Entity, b.Entity), cmp.Compare(a.Key, b.Key))
	})

	for id, t := range mentions {
		e := Entity{ID: id, Name: entityName(id, registry), Type: registry[id].Type, Mentions: t.n, Articles: t.docs}
		r.TopEntities = append(r.TopEntities, e)
	}
	slices.SortFunc(r.TopEntities, func(a, b Entity) int {
		return cmp.Or(cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})

	typeOrder := sourceTypeOrder(labels)
	for _, v := range typeOrder { // every defined type has a row, zero or not
		bySrcType[v] += 0
	}
	r.ClaimsBySourceType = append(r.ClaimsBySourceType, orderedCounts(bySrcType, typeOrder)...)
	r.Attributes = append(r.Attributes, attributeTables(attrs, labels)...)

	keys := make([]int, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d := days[k]
		d.Date = time.Date(k/10000, time.Month(k/100%100), k%100, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		r.PerDay = append(r.PerDay, *d)
	}
	if undated > 0 {
		r.PerDay = append(r.PerDay, Day{Date: Undated, Annotations: undated})
	}
	return r, nil
}

// dayCache remembers the last day an annotation was created on: the
// annotations of an article are mostly made the same day, and working
// out a time's date is a tenth of the statistics' time.
type dayCache struct {
	loc      *time.Location
	from, to int64 // the day's bounds, Unix seconds
	day      *Day
}

// of returns the Day of t, through entry (which finds or adds it by key).
func (c *dayCache) of(t time.Time, entry func(key int) *Day) *Day {
	if u := t.Unix(); c.day != nil && t.Location() == c.loc && u >= c.from && u < c.to {
		return c.day
	}
	y, m, d := t.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	c.loc, c.from, c.to = t.Location(), start.Unix(), start.AddDate(0, 0, 1).Unix()
	c.day = entry(y*10000 + int(m)*100 + d)
	return c.day
}

// sourceKey says which source a source annotation is: its entity (named
// as the registry names it) or, linked to none, its normalised text (named
// as written).
func sourceKey(s *annotation.Annotation, registry map[uint64]annotation.Entity) (sourceID, string) {
	if s.Entity != 0 {
		return sourceID{entity: s.Entity}, entityName(s.Entity, registry)
	}
	q := s.Quote()
	return sourceID{text: NormaliseSource(q)}, q
}

// NormaliseSource is the text by which unlinked sources are told apart:
// lower case, punctuation at either end dropped, runs of space one space
// ("The Ministry," and "the  ministry" are one source); the who-said-what
// graph tells them apart the same way (annotation.NormalizeName).
func NormaliseSource(s string) string { return annotation.NormalizeName(s) }

func entityName(id uint64, registry map[uint64]annotation.Entity) string {
	if e, ok := registry[id]; ok && e.Name != "" {
		return e.Name
	}
	return "entity #" + strconv.FormatUint(id, 10)
}

// sourceTypeOrder lists the source types the codebook defines, in the
// order of their first definition.
func sourceTypeOrder(labels annotation.LabelSet) []string {
	var order []string
	for _, l := range labels.OfKind(annotation.KindSource) {
		if def, ok := l.Attribute(annotation.AttrSourceType); ok {
			for _, v := range def.Values {
				if !slices.Contains(order, v) {
					order = append(order, v)
				}
			}
		}
	}
	return order
}

// orderedCounts lists m's counts: the names of order first (present in m),
// then the rest by name.
func orderedCounts(m map[string]int, order []string) []Count {
	var out []Count
	for _, k := range order {
		if n, ok := m[k]; ok {
			out = append(out, Count{k, n})
			delete(m, k)
		}
	}
	return append(out, sortedCounts(m)...)
}

func sortedCounts[K ~string](m map[K]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{string(k), n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// attributeTables turns the counts of (label, attribute, value) into one
// table per label and attribute: the codebook's labels and attributes in
// its order, each defined value (zero included), then what else was found.
func attributeTables(attrs map[attrKey]int, labels annotation.LabelSet) []Attribute {
	type pair struct{ label, attr string }
	found := map[pair]map[string]int{}
	for k, n := range attrs {
		p := pair{k.label, k.attr}
		if found[p] == nil {
			found[p] = map[string]int{}
		}
		v := k.value
		if v == "" {
			v = NotSet
		}
		found[p][v] += n
	}
	var out []Attribute
	for _, l := range labels.Labels {
		for _, def := range l.Attributes {
			p := pair{l.Name, def.Name}
			m := found[p]
			if m == nil {
				m = map[string]int{}
			}
			delete(found, p)
			for _, v := range def.Values {
				if _, ok := m[v]; !ok {
					m[v] = 0
				}
			}
			out = append(out, Attribute{Label: l.Name, Attribute: def.Name, Values: orderedCounts(m, def.Values)})
		}
	}
	rest := make([]pair, 0, len(found))
	for p := range found {
		rest = append(rest, p)
	}
	slices.SortFunc(rest, func(a, b pair) int { return cmp.Or(cmp.Compare(a.label, b.label), cmp.Compare(a.attr, b.attr)) })
	for _, p := range rest {
		out = append(out, Attribute{Label: p.label, Attribute: p.attr, Values: sortedCounts(found[p])})
	}
	return out
}
