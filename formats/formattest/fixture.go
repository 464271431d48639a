// Package formattest builds the dataset every interchange format is
// tested on (emoji, combining marks, CJK, Arabic and Hebrew, overlapping and
// discontinuous spans, links, attributes, notes, entities) and compares
// datasets after a round trip. It is for tests only.
package formattest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Text1 mixes scripts: an emoji ZWJ sequence with a skin tone (astral code
// points, two UTF-16 units each), a combining acute accent, CJK, Arabic and
// Hebrew (right to left).
const Text1 = "The minister 👩🏽‍⚕️ said on Tuesday that “prices will fall by 5%” next year.\n" +
	"Critics at Café Zoe\u0301 disagreed: 物价不会下降，李明说。\n" +
	"قال الوزير إن الأسعار ستنخفض. אמר השר 😀 אתמול."

// Text2 is plain ASCII.
const Text2 = "Officials said the bridge will reopen in May. Nobody else commented."

// Created is the time every fixture annotation was made.
var Created = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

// Header returns the fixture's project: the default label set plus a Cue
// label of kind other, and three entities.
func Header() dataset.Header {
	labels := annotation.DefaultLabelSet()
	labels.Labels = append(labels.Labels, annotation.Label{Name: "Cue", Kind: annotation.KindOther, Color: "#555555", Key: "9"})
	return dataset.Header{
		Project: "Fixture project",
		Labels:  labels,
		Entities: []annotation.Entity{
			{ID: 1, Name: "Jane Doe", Type: "Person", ExternalID: "Q42"},
			{ID: 2, Name: "Zoé", Type: "Person"},
			{ID: 3, Name: "Li Ming", Type: "Person", Aliases: []string{"李明"}},
		},
	}
}

// sp returns the span of the n-th (from 1) occurrence of sub in text.
func sp(text, sub string, n int) annotation.Span {
	o := annotation.NewOffsets(text)
	from := 0
	for {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			panic(fmt.Sprintf("fixture: %q not in text", sub))
		}
		n--
		if n == 0 {
			s, _ := o.FromByte(from + i)
			e, _ := o.FromByte(from + i + len(sub))
			return annotation.Span{Start: s, End: e, Text: sub}
		}
		from += i + len(sub)
	}
}

func ann(id, doc uint64, label string, spans ...annotation.Span) annotation.Annotation {
	return annotation.Annotation{ID: id, DocID: doc, Label: label, Spans: spans, Author: "ana", Created: Created, Modified: Created}
}

// Bundles returns the fixture's two documents with their annotations.
func Bundles() []annotation.Bundle {
	d1 := annotation.Document{ID: 1, Title: "Minister on prices", Outlet: "Daily", Language: "en",
		Status: annotation.StatusDone, Created: Created, Modified: Created, SHA256: annotation.TextSHA256(Text1), Text: Text1}
	d2 := annotation.Document{ID: 2, Title: "Bridge", URL: "https://example.org/news/bridge", Language: "en",
		Status: annotation.StatusInProgress, Created: Created, Modified: Created, SHA256: annotation.TextSHA256(Text2), Text: Text2}
	t := Text1
	a := []annotation.Annotation{
		ann(101, 1, "Source", sp(t, "The minister", 1)),
		ann(102, 1, "Cue", sp(t, "said", 1)),
		ann(103, 1, "Claim", sp(t, "prices will fall by 5%", 1)),
		ann(104, 1, "Other", sp(t, "👩🏽‍⚕️", 1)),
		ann(105, 1, "Date", sp(t, "on Tuesday", 1)),
		ann(106, 1, "Event", sp(t, "Tuesday that", 1)),
		ann(107, 1, "Organisation", sp(t, "Café Zoe\u0301", 1)),
		ann(108, 1, "Person", sp(t, "Zoe\u0301", 1)),
		ann(109, 1, "Claim", sp(t, "物价不会下降", 1)),
		ann(110, 1, "Source", sp(t, "李明", 1)),
		ann(111, 1, "Claim", sp(t, "قال الوزير", 1), sp(t, "ستنخفض", 1)),
		ann(112, 1, "Source", sp(t, "השר", 1)),
		ann(113, 1, "Claim", sp(t, "Critics", 1), sp(t, "disagreed", 1)),
		ann(114, 1, "Other", sp(t, "😀", 1)),
	}
	a[0].Entity = 1
	a[0].Attributes = map[string]string{annotation.AttrSourceType: "named"}
	a[2].Attributes = map[string]string{annotation.AttrCheckWorthy: "yes", annotation.AttrVerdict: "mostly true"}
	a[2].Note = `Compare with CPI 😀, "quoted"; comma`
	a[2].Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: 101}, {Type: annotation.LinkCue, Target: 102}, {Type: annotation.LinkAbout, Target: 104}}
	a[7].Entity = 2
	a[8].Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: 110}}
	a[9].Entity = 3
	a[10].Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: 112}}
	a[10].Note = "Arabic, discontinuous"
	a[11].Entity = 1
	a[11].Links = []annotation.Link{{Type: annotation.LinkOther, Target: 101}}
	a[12].Attributes = map[string]string{annotation.AttrCheckWorthy: "no"}
	t = Text2
	b := []annotation.Annotation{
		ann(201, 2, "Source", sp(t, "Officials", 1)),
		ann(202, 2, "Claim", sp(t, "the bridge will reopen in May", 1)),
		ann(203, 2, "Date", sp(t, "May", 1)),
	}
	b[1].Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: 201}, {Type: annotation.LinkAbout, Target: 203}}
	return []annotation.Bundle{{Document: d1, Annotations: a}, {Document: d2, Annotations: b}}
}

// Keep says which parts of an annotation a format carries, for Canon.
type Keep struct {
	Attributes bool
	Notes      bool
	Entities   bool // the entity's name
	Links      bool
}

// All keeps everything Canon compares.
var All = Keep{Attributes: true, Notes: true, Entities: true, Links: true}

// Canon describes the annotations of b as sorted lines, one per annotation,
// holding what keep asks for; links name their target by label and spans
// so that ids do not matter. Entities resolve entity ids to names.
func Canon(b annotation.Bundle, entities []annotation.Entity, keep Keep) []string {
	names := map[uint64]string{}
	for _, e := range entities {
		names[e.ID] = e.Name
	}
	key := map[uint64]string{}
	for _, a := range b.Annotations {
		key[a.ID] = a.Label + "@" + spans(a.Spans)
	}
	var out []string
	for _, a := range b.Annotations {
		line := key[a.ID]
		if keep.Attributes {
			var kv []string
			for _, n := range dataset.SortedAttributes(a.Attributes) {
				kv = append(kv, n+"="+a.Attributes[n])
			}
			line += " attrs[" + strings.Join(kv, ",") + "]"
		}
		if keep.Notes {
			line += fmt.Sprintf(" note%q", a.Note)
		}
		if keep.Entities && a.Entity != 0 {
			line += " entity:" + names[a.Entity]
		}
		if keep.Links {
			var ls []string
			for _, l := range a.Links {
				ls = append(ls, string(l.Type)+"->"+key[l.Target])
			}
			sort.Strings(ls)
			line += " links[" + strings.Join(ls, ",") + "]"
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

func spans(ss []annotation.Span) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, fmt.Sprintf("%d-%d:%s", s.Start, s.End, s.Text))
	}
	return strings.Join(parts, ";")
}

// Diff returns the lines of want missing from got and of got not in want,
// or "" when they hold the same lines.
func Diff(got, want []string) string {
	g, w := map[string]int{}, map[string]int{}
	for _, l := range got {
		g[l]++
	}
	for _, l := range want {
		w[l]++
	}
	var b strings.Builder
	for _, l := range want {
		if g[l] == 0 {
			fmt.Fprintf(&b, "- %s\n", l)
		} else {
			g[l]--
		}
	}
	for _, l := range got {
		if w[l] == 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
		} else {
			w[l]--
		}
	}
	return b.String()
}
