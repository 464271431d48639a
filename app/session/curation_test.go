package session

import (
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
)

// kinds is the kind of the labels the unit tests use.
func kinds(label string) annotation.Kind {
	switch label {
	case "Claim":
		return annotation.KindClaim
	case "Source":
		return annotation.KindSource
	}
	return annotation.KindEntity
}

// mk is annotation id of label over [start, end) in layer.
func mk(id uint64, layer, label string, start, end int) annotation.Annotation {
	return annotation.Annotation{ID: id, Label: label, Layer: layer, Spans: []annotation.Span{{Start: start, End: end}}}
}

// curatedFrom is a curated annotation copied from versions of as, all of
// one document (all).
func curatedFrom(id uint64, all []annotation.Annotation, as ...annotation.Annotation) annotation.Annotation {
	byID := map[uint64]annotation.Annotation{}
	for _, a := range all {
		byID[a.ID] = a
	}
	c := mk(id, annotation.CuratedLayer, as[0].Label, as[0].Start(), as[0].End())
	c.Provenance.Origin = annotation.OriginCurated
	for _, a := range as {
		c.Provenance.From = append(c.Provenance.From, annotation.VersionOf(a, byID))
	}
	return c
}

// unitsText is each unit as "kind start-end state [layer:id...] missing
// changed".
func unitsText(us []Unit) []string { return unitsLaid(us, true) }

// unitsLaid is unitsText, with the ids or without (layers alone).
func unitsLaid(us []Unit, withIDs bool) []string {
	var out []string
	for _, u := range us {
		var ids []string
		for _, a := range slices.Concat(u.Versions, u.Curated) {
			id := annotation.LayerOf(a)
			if withIDs {
				id += ":" + itoa(a.ID)
			}
			ids = append(ids, id)
		}
		s := string(u.Kind) + " " + itoa(uint64(u.Start)) + "-" + itoa(uint64(u.End)) + " " + u.State.String() + " [" + strings.Join(ids, " ") + "]"
		if len(u.Missing) > 0 {
			s += " missing " + strings.Join(u.Missing, ",")
		}
		if u.Changed {
			s += " changed"
		}
		out = append(out, s)
	}
	return out
}

func itoa(n uint64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestUnits(t *testing.T) {
	ana1, ben1 := mk(1, "ana", "Claim", 0, 10), mk(2, "ben", "Claim", 0, 10)
	benAttr := ben1
	benAttr.Attributes = map[string]string{"check-worthy": "yes"}
	edited := ben1
	edited.Note = "changed since"
	for _, tc := range []struct {
		name string
		anns []annotation.Annotation
		want []string
	}{
		{"same claim", []annotation.Annotation{ana1, ben1},
			[]string{"claim 0-10 all agree [ana:1 ben:2]"}},
		{"other spans", []annotation.Annotation{ana1, mk(2, "ben", "Claim", 2, 12)},
			[]string{"claim 0-12 disagree [ana:1 ben:2]"}},
		{"other attributes", []annotation.Annotation{ana1, benAttr},
			[]string{"claim 0-10 disagree [ana:1 ben:2]"}},
		{"another label of the kind", []annotation.Annotation{mk(1, "ana", "Person", 0, 5), mk(2, "ben", "Organisation", 0, 5)},
			[]string{"entity 0-5 disagree [ana:1 ben:2]"}},
		{"one annotator of two", []annotation.Annotation{ana1, mk(2, "ben", "Claim", 20, 30)},
			[]string{"claim 0-10 only some annotated [ana:1] missing ben", "claim 20-30 only some annotated [ben:2] missing ana"}},
		{"one annotator in the article", []annotation.Annotation{ana1},
			[]string{"claim 0-10 only some annotated [ana:1]"}},
		{"overlap through a third", []annotation.Annotation{mk(1, "ana", "Claim", 0, 10), mk(2, "ben", "Claim", 8, 20), mk(3, "cy", "Claim", 18, 25)},
			[]string{"claim 0-25 disagree [ana:1 ben:2 cy:3]"}},
		{"two of one annotator", []annotation.Annotation{mk(1, "ana", "Claim", 0, 4), mk(3, "ana", "Claim", 5, 10), ben1},
			[]string{"claim 0-10 disagree [ana:1 ana:3 ben:2]"}},
		{"kinds apart", []annotation.Annotation{ana1, ben1, mk(3, "ana", "Source", 2, 5), mk(4, "ben", "Source", 2, 5)},
			[]string{"claim 0-10 all agree [ana:1 ben:2]", "source 2-5 all agree [ana:3 ben:4]"}},
		{"curated", []annotation.Annotation{ana1, ben1, curatedFrom(5, []annotation.Annotation{ana1, ben1}, ana1, ben1)},
			[]string{"claim 0-10 curated [ana:1 ben:2 #curated:5]"}},
		{"curated, source changed", []annotation.Annotation{ana1, edited, curatedFrom(5, []annotation.Annotation{ana1, ben1}, ana1, ben1)},
			[]string{"claim 0-10 curated [ana:1 ben:2 #curated:5] changed"}},
		{"curated by hand", []annotation.Annotation{mk(5, annotation.CuratedLayer, "Claim", 0, 3), ana1, ben1},
			[]string{"claim 0-10 curated [ana:1 ben:2 #curated:5]"}},
		{"none", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := unitsText(Units(tc.anns, kinds))
			if !slices.Equal(got, tc.want) {
				t.Errorf("units\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// withLayers is a session of tester over document 1 (text1) holding, in
// the layers of ana and ben, the same source "The minister" (linked from
// each one's claim) and claims "prices would fall" (ana) and "said prices
// would fall" (ben); document 2 holds the same cue "said" in both layers.
// The view is the curated layer's.
func withLayers(t *testing.T) (*Session, *failing) {
	t.Helper()
	s, f := newSession(t)
	for _, l := range []string{"ana", "ben"} {
		src := mk(0, l, "Source", 0, 12)
		out, err := f.Store.Apply(1, []annotation.Annotation{src}, nil)
		if err != nil {
			t.Fatal(err)
		}
		start := 18
		if l == "ben" {
			start = 13
		}
		claim := mk(0, l, "Claim", start, 35)
		claim.Links = []annotation.Link{{Type: annotation.LinkSaidBy, Target: out[0].ID}}
		if _, err := f.Store.Apply(1, []annotation.Annotation{claim}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Store.Apply(2, []annotation.Annotation{mk(0, l, "Cue", 35, 39)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{s.LoadDocuments(), s.ReloadAnnotations()} {
		if err != nil {
			t.Fatal(err)
		}
	}
	s.SetView(LayerView{Kind: ViewCurated})
	return s, f
}

// curated returns "label start-end [from layers]" of the open document's
// curated annotations.
func curated(s *Session) []string {
	var out []string
	for _, a := range s.anns {
		if annotation.LayerOf(a) != annotation.CuratedLayer {
			continue
		}
		var from []string
		for _, v := range a.Provenance.From {
			from = append(from, v.Layer)
		}
		out = append(out, a.Label+" "+itoa(uint64(a.Start()))+"-"+itoa(uint64(a.End()))+" ["+strings.Join(from, " ")+"]")
	}
	slices.Sort(out)
	return out
}

func unitOf(t *testing.T, s *Session, kind annotation.Kind) Unit {
	t.Helper()
	for _, u := range s.Units() {
		if u.Kind == kind {
			return u
		}
	}
	t.Fatalf("no %s unit in %q", kind, unitsText(s.Units()))
	return Unit{}
}

// Accepting a version copies it into the curated layer; accepting
// another replaces it; each is one undo step.
func TestAcceptVersion(t *testing.T) {
	s, f := withLayers(t)
	if got, want := unitsLaid(s.Units(), false), []string{"source 0-12 all agree [ana ben]", "claim 13-35 disagree [ana ben]"}; !slices.Equal(got, want) {
		t.Fatalf("units %q; want %q", got, want)
	}
	if got := s.Annotators(); !slices.Equal(got, []string{"ana", "ben"}) {
		t.Errorf("annotators %q", got)
	}
	if _, err := s.AcceptVersion(unitOf(t, s, annotation.KindClaim), "ben"); err != nil {
		t.Fatal(err)
	}
	if got := curated(s); !slices.Equal(got, []string{"Claim 13-35 [ben]"}) {
		t.Fatalf("curated %q after accepting ben's claim", got)
	}
	steps := s.UndoSteps()
	st, err := s.AcceptVersion(unitOf(t, s, annotation.KindClaim), "ana")
	if err != nil {
		t.Fatal(err)
	}
	if got := curated(s); !slices.Equal(got, []string{"Claim 18-35 [ana]"}) || s.UndoSteps() != steps+1 || len(st.Del) != 1 {
		t.Errorf("curated %q, %d steps, deleted %v after accepting ana's; want ana's claim alone, one step more, ben's copy deleted", got, s.UndoSteps()-steps, st.Del)
	}
	if u := unitOf(t, s, annotation.KindClaim); u.State != UnitCurated || u.Changed {
		t.Errorf("unit %q; want curated, unchanged", unitsText([]Unit{u}))
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := curated(s); !slices.Equal(got, []string{"Claim 13-35 [ben]"}) {
		t.Errorf("curated %q after undo; want ben's back", got)
	}
	// The source both tagged alike: accepting ana's takes ben's with it.
	if _, err := s.AcceptVersion(unitOf(t, s, annotation.KindSource), "ana"); err != nil {
		t.Fatal(err)
	}
	if got := curated(s); !slices.Contains(got, "Source 0-12 [ana ben]") {
		t.Errorf("curated %q; want the source from both versions", got)
	}
	if _, err := s.AcceptVersion(unitOf(t, s, annotation.KindClaim), "cy"); err == nil {
		t.Error("accepting the version of an annotator with none: no error")
	}
	s.SetView(LayerView{})
	agrees(t, s, f)
}

// Accept agreed takes every unit the annotators agree on, and only those,
// in one step; a version edited since is flagged on the curated unit.
func TestAcceptAgreed(t *testing.T) {
	s, f := withLayers(t)
	st, n, err := s.AcceptAgreed()
	if err != nil || n != 1 || st.Desc != "accept 1 agreed" {
		t.Fatalf("accept agreed: %d units, %q, %v", n, st.Desc, err)
	}
	if got := curated(s); !slices.Equal(got, []string{"Source 0-12 [ana ben]"}) {
		t.Errorf("curated %q; want the source both agree on, from both", got)
	}
	if _, n, _ := s.AcceptAgreed(); n != 0 {
		t.Errorf("again: %d units; want none left", n)
	}
	// ben edits his source: the curated unit says its source changed.
	ben := unitOf(t, s, annotation.KindSource).Of("ben")[0].Clone()
	ben.Note = "the minister of finance"
	if _, err := f.Store.Apply(1, []annotation.Annotation{ben}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.ReloadAnnotations(); err != nil {
		t.Fatal(err)
	}
	if u := unitOf(t, s, annotation.KindSource); !u.Changed {
		t.Errorf("unit %q; want the source changed", unitsText([]Unit{u}))
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := curated(s); len(got) != 0 {
		t.Errorf("curated %q after undo", got)
	}
}

// Accept agreed for the corpus: every article two annotators annotated,
// one step, the article open before open again; undo takes all back.
func TestAcceptAgreedCorpus(t *testing.T) {
	s, f := withLayers(t)
	var seen []int
	st, units, docs, err := s.AcceptAgreedCorpus(func(done, total int) { seen = append(seen, done*10+total) })
	if err != nil || units != 2 || docs != 2 || !st.Opened || s.DocID() != 1 {
		t.Fatalf("corpus: %d units in %d docs, opened %v, doc %d, %v", units, docs, st.Opened, s.DocID(), err)
	}
	if !slices.Equal(seen, []int{12, 22}) {
		t.Errorf("progress %v", seen)
	}
	count := func() (n int) {
		for _, id := range []uint64{1, 2} {
			as, err := f.Store.Annotations(id)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				if annotation.LayerOf(a) == annotation.CuratedLayer {
					n++
				}
			}
		}
		return n
	}
	if n := count(); n != 2 || s.UndoDesc() != "accept 2 agreed in 2 articles" {
		t.Errorf("%d curated, undo %q; want the source and the cue, one step", n, s.UndoDesc())
	}
	s.Open(2)
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 || s.DocID() != 2 {
		t.Errorf("%d curated after undo, doc %d open; want none, 2 as before", n, s.DocID())
	}
	if _, err := s.Redo(); err != nil || count() != 2 {
		t.Errorf("redo: %d curated, %v", count(), err)
	}
	s.SetView(LayerView{})
	agrees(t, s, f)
}
