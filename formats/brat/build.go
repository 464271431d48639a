package brat

import (
	"fmt"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// build turns the parsed lines of one .ann into a bundle.
type build struct {
	rd     *reader
	file   string
	t      *text
	conf   *conf
	bundle annotation.Bundle
	ids    map[string]int // T id, and E id once resolved -> annotation index
	events map[string]line
	busy   map[string]bool
}

func (b *build) run(lines []line) {
	b.events = map[string]line{}
	b.busy = map[string]bool{}
	for _, l := range lines {
		switch l.kind {
		case 'T':
			b.textBound(l)
		case 'E':
			b.events[l.id] = l
		}
	}
	for _, l := range lines {
		if l.kind == 'E' {
			b.event(l.id)
		}
	}
	for _, l := range lines {
		switch l.kind {
		case 'R':
			b.relation(l)
		case 'A':
			b.attribute(l)
		case 'N':
			b.normalization(l)
		case '#':
			b.note(l)
		case '*':
			b.rd.rep.Drop("equivalence (*) line")
		}
	}
}

func (b *build) warn(l line, format string, args ...any) {
	b.rd.rep.Warn(b.file, l.no, format, args...)
}

// textBound reads a T line, checking its text against the document.
func (b *build) textBound(l line) {
	spans, how, ok := b.spans(l)
	if !ok {
		b.warn(l, "%s: text %q is not at %s in the document; the annotation is dropped", l.id, l.text, rangesString(l.ranges))
		b.rd.rep.Drop("text-bound annotation whose text does not match the document")
		return
	}
	if how != "" {
		b.warn(l, "%s: %s", l.id, how)
	}
	lab := b.conf.label(l.typ)
	b.useLabel(l.typ, lab)
	a := annotation.Annotation{
		ID:         uint64(len(b.bundle.Annotations) + 1),
		Label:      lab.Name,
		Spans:      spans,
		Provenance: annotation.Provenance{Origin: annotation.OriginImport},
	}
	b.ids[l.id] = len(b.bundle.Annotations)
	b.bundle.Annotations = append(b.bundle.Annotations, a)
}

func (b *build) useLabel(typ string, lab annotation.Label) {
	if _, ok := b.conf.labels[typ]; ok {
		lab.Attributes = b.conf.attrs[typ]
		b.rd.labels.Declare(lab)
		return
	}
	b.rd.labels.Use(lab.Name)
}

func rangesString(rs [][2]int) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%d %d", r[0], r[1]))
	}
	return strings.Join(parts, ";")
}

// spans resolves a T line's ranges. Code points of the file are what brat
// counts; when the text field does not match them, offsets counted in
// UTF-16 units (brat#1115's shifted spans) are tried, then the quote is
// searched for near the given position. how says what was done when the
// offsets were not taken as they are.
func (b *build) spans(l line) ([]annotation.Span, string, bool) {
	want := strings.Join(strings.Fields(l.text), " ")
	try := func(conv func(int) (int, bool)) ([]annotation.Span, bool) {
		var out []annotation.Span
		var texts []string
		for _, r := range l.ranges {
			s, ok1 := conv(r[0])
			e, ok2 := conv(r[1])
			if !ok1 || !ok2 {
				return nil, false
			}
			sp, err := annotation.NewSpan(b.t.o, b.t.pos(s), b.t.pos(e))
			if err != nil {
				return nil, false
			}
			out = append(out, sp)
			texts = append(texts, sp.Text)
		}
		if strings.Join(strings.Fields(strings.Join(texts, " ")), " ") != want {
			return nil, false
		}
		return dataset.FinishSpans(b.t.o, out), true
	}
	codePoints := func(p int) (int, bool) { return p, b.t.raw.Valid(p) }
	if out, ok := try(codePoints); ok {
		return out, "", true
	}
	if out, ok := try(b.t.raw.FromUTF16); ok {
		return out, "offsets count UTF-16 units, not code points; converted", true
	}
	if len(l.ranges) == 1 {
		r := l.ranges[0]
		if s, e, _, ok := dataset.Anchor(b.t.o, b.t.pos(r[0]), b.t.pos(r[1]), l.text, "", ""); ok {
			sp, err := annotation.NewSpan(b.t.o, s, e)
			if err == nil {
				return []annotation.Span{sp}, fmt.Sprintf("text %q is not at %d-%d; re-anchored at %d-%d", l.text, r[0], r[1], s, e), true
			}
		}
	}
	return nil, "", false
}

// ref resolves an annotation id (T, or E through its representative).
func (b *build) ref(l line, id string) (int, bool) {
	if i, ok := b.ids[id]; ok {
		return i, true
	}
	if _, ok := b.events[id]; ok {
		return b.event(id)
	}
	b.warn(l, "%s refers to %s, which is not a kept text-bound annotation or event", l.id, id)
	b.rd.rep.Drop("reference to a missing annotation")
	return 0, false
}

func roleBase(role string) string {
	return strings.ToLower(strings.TrimRight(role, "0123456789"))
}

// event resolves an E line: it returns the annotation that stands for the
// event (an attribution's content, any other event's trigger) and adds the
// event's links.
func (b *build) event(id string) (int, bool) {
	if i, ok := b.ids[id]; ok {
		return i, true
	}
	l := b.events[id]
	if b.busy[id] {
		b.warn(l, "event %s is part of a cycle of events", id)
		b.rd.rep.Drop("event in a cycle")
		return 0, false
	}
	b.busy[id] = true
	defer delete(b.busy, id)
	trigger, ok := b.ref(l, strings.TrimPrefix(l.args[0], "@trigger:"))
	if !ok {
		return 0, false
	}
	type arg struct {
		role string // lower case, without its number: what the attribution test reads
		name string // as written, without its number: the relation type
		at   int
	}
	var args []arg
	roles := map[string][]int{}
	for _, a := range l.args[1:] {
		role, target, ok := strings.Cut(a, ":")
		if !ok {
			b.warn(l, "event %s: argument %q is not Role:ID", id, a)
			b.rd.rep.Drop("malformed event argument")
			continue
		}
		i, ok := b.ref(l, target)
		if !ok {
			continue
		}
		base := roleBase(role)
		args = append(args, arg{role: base, name: strings.TrimRight(role, "0123456789"), at: i})
		roles[base] = append(roles[base], i)
	}
	content := append(append(roles["content"], roles["quote"]...), roles["message"]...)
	sources := append(roles["source"], roles["speaker"]...)
	if len(content) > 0 && (len(sources) > 0 || len(roles["cue"]) > 0) {
		// An attribution: the content is the claim.
		c := content[0]
		b.claim(c)
		for _, s := range sources {
			b.link(c, s, annotation.LinkSaidBy)
		}
		cues := roles["cue"]
		if len(cues) == 0 && trigger != c {
			cues = []int{trigger}
		}
		for _, q := range cues {
			b.link(c, q, annotation.LinkCue)
		}
		for _, extra := range content[1:] {
			b.link(c, extra, annotation.LinkOther)
			b.rd.rep.Drop("second content of an attribution (kept as a related link)")
		}
		b.ids[id] = c
		return c, true
	}
	for _, a := range args {
		b.link(trigger, a.at, dataset.RelationType(b.conf.relName(a.name)))
	}
	b.ids[id] = trigger
	return trigger, true
}

// claim makes sure the annotation at i has a claim label: an attribution's
// content keeps its label when that is of kind claim, else it is relabelled.
func (b *build) claim(i int) {
	a := &b.bundle.Annotations[i]
	lab, _ := b.rd.labels.Set().Find(a.Label)
	if lab.Kind == annotation.KindClaim {
		return
	}
	b.rd.labels.Declare(annotation.Label{Name: "Content", Kind: annotation.KindClaim})
	if a.Attributes == nil {
		a.Attributes = map[string]string{}
	}
	a.Attributes["brat type"] = a.Label
	a.Label = "Content"
}

func (b *build) link(from, to int, t annotation.LinkType) {
	if from == to {
		b.rd.rep.Drop("link from an annotation to itself")
		return
	}
	a := &b.bundle.Annotations[from]
	target := b.bundle.Annotations[to].ID
	for _, l := range a.Links {
		if l.Target == target && l.Type == t {
			return
		}
	}
	a.Links = append(a.Links, annotation.Link{Type: t, Target: target})
}

func (b *build) relation(l line) {
	var from, to string
	for _, a := range l.args {
		role, id, _ := strings.Cut(a, ":")
		switch role {
		case "Arg1":
			from = id
		case "Arg2":
			to = id
		}
	}
	if from == "" || to == "" {
		b.warn(l, "relation %s has no Arg1 or no Arg2", l.id)
		b.rd.rep.Drop("relation without two arguments")
		return
	}
	f, ok1 := b.ref(l, from)
	t, ok2 := b.ref(l, to)
	if !ok1 || !ok2 {
		return
	}
	b.link(f, t, dataset.RelationType(b.conf.relName(l.typ)))
}

func (b *build) target(l line) (int, bool) {
	id := l.args[0]
	if strings.HasPrefix(id, "R") {
		b.rd.rep.Drop(fmt.Sprintf("%s on a relation", l.typ))
		return 0, false
	}
	return b.ref(l, id)
}

func (b *build) attribute(l line) {
	i, ok := b.target(l)
	if !ok {
		return
	}
	v := "true" // a binary attribute
	if len(l.args) == 2 {
		v = b.conf.value(l.args[1])
	}
	a := &b.bundle.Annotations[i]
	if a.Attributes == nil {
		a.Attributes = map[string]string{}
	}
	a.Attributes[b.conf.attrName(l.typ)] = v
}

func (b *build) normalization(l line) {
	i, ok := b.target(l)
	if !ok {
		return
	}
	ref := l.args[1]
	rd := b.rd
	id, ok := rd.entities[ref]
	if !ok {
		e := annotation.Entity{ID: uint64(len(rd.ds.Entities) + 1), Name: strings.TrimSpace(l.text), Type: b.bundle.Annotations[i].Label}
		e.ExternalID, _ = parseReference(ref)
		if e.Name == "" {
			e.Name = ref
		}
		rd.ds.Entities = append(rd.ds.Entities, e)
		rd.entities[ref] = e.ID
		id = e.ID
	}
	a := &b.bundle.Annotations[i]
	if a.Entity != 0 && a.Entity != id {
		b.warn(l, "%s: a second entity reference for one annotation; only the first is kept", l.id)
		rd.rep.Drop("second entity reference of an annotation")
		return
	}
	a.Entity = id
}

func (b *build) note(l line) {
	i, ok := b.target(l)
	if !ok {
		return
	}
	a := &b.bundle.Annotations[i]
	if a.Note != "" {
		a.Note += "\n"
	}
	a.Note += l.text
}
