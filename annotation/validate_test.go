package annotation

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"plain", "plain", nil},
		{"\uFEFFbom", "bom", nil},
		{"a\r\nb\rc\n", "a\nb\nc\n", nil},
		{"\r\n\r\n", "\n\n", nil},
		{"tab\tkept  spaces ", "tab\tkept  spaces ", nil},
		{"nul\x00", "", ErrInvalidText},
		{"bad \xff utf8", "", ErrInvalidText},
		{"", "", nil},
	}
	for _, tt := range tests {
		got, err := NormalizeText(tt.in)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("NormalizeText(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	_, err := NormalizeText("abc\xffdef")
	if err == nil || !strings.Contains(err.Error(), "byte 3") {
		t.Errorf("NormalizeText error %v; want it to name byte 3", err)
	}
}

func TestValidate(t *testing.T) {
	text := "Ana 😀 said: \"Taxes rise.\" Bo agreed."
	o := NewOffsets(text)
	labels := DefaultLabelSet()
	span := func(s, e int) Span { return Span{Start: s, End: e, Text: o.Slice(s, e)} }
	exists := func(id uint64) bool { return id == 7 }
	tests := []struct {
		name string
		a    Annotation
		want error
	}{
		{"ok", Annotation{ID: 1, Label: "Claim", Spans: []Span{span(13, 25)}}, nil},
		{"ok two spans", Annotation{ID: 1, Label: "Claim", Spans: []Span{span(0, 3), span(13, 25)}}, nil},
		{"ok link", Annotation{ID: 1, Label: "Claim", Spans: []Span{span(0, 3)}, Links: []Link{{LinkSaidBy, 7}}}, nil},
		{"unknown label", Annotation{ID: 1, Label: "Rumour", Spans: []Span{span(0, 3)}}, ErrUnknownLabel},
		{"no spans", Annotation{ID: 1, Label: "Claim"}, ErrNoSpans},
		{"empty span", Annotation{ID: 1, Label: "Claim", Spans: []Span{{Start: 3, End: 3}}}, ErrEmptySpan},
		{"reversed span", Annotation{ID: 1, Label: "Claim", Spans: []Span{{Start: 5, End: 3}}}, ErrEmptySpan},
		{"past the end", Annotation{ID: 1, Label: "Claim", Spans: []Span{{Start: 30, End: 99, Text: "x"}}}, ErrSpanOutOfRange},
		{"negative", Annotation{ID: 1, Label: "Claim", Spans: []Span{{Start: -1, End: 2}}}, ErrSpanOutOfRange},
		{"overlap", Annotation{ID: 1, Label: "Claim", Spans: []Span{span(0, 5), span(4, 8)}}, ErrSpanOverlap},
		{"wrong text", Annotation{ID: 1, Label: "Claim", Spans: []Span{{Start: 0, End: 3, Text: "Bob"}}}, ErrSpanText},
		{"dangling link", Annotation{ID: 1, Label: "Claim", Spans: []Span{span(0, 3)}, Links: []Link{{LinkSaidBy, 8}}}, ErrDanglingLink},
		{"self link", Annotation{ID: 7, Label: "Claim", Spans: []Span{span(0, 3)}, Links: []Link{{LinkSaidBy, 7}}}, ErrBadLink},
		{"bad link type", Annotation{ID: 1, Label: "Claim", Spans: []Span{span(0, 3)}, Links: []Link{{"loves", 7}}}, ErrBadLink},
	}
	for _, tt := range tests {
		err := tt.a.Validate(o, labels, exists)
		if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%s: Validate() = %v; want %v", tt.name, err, tt.want)
		}
	}
}

func TestNewSpanTakesTextInCodePoints(t *testing.T) {
	o := NewOffsets("😀 Ana")
	s, err := NewSpan(o, 2, 5)
	if err != nil || s.Text != "Ana" {
		t.Errorf("NewSpan(2, 5) = %+v, %v; want text Ana", s, err)
	}
	if _, err := NewSpan(o, 2, 9); !errors.Is(err, ErrSpanOutOfRange) {
		t.Errorf("NewSpan(2, 9) error = %v; want ErrSpanOutOfRange", err)
	}
}

func TestLabelSetValidate(t *testing.T) {
	if err := DefaultLabelSet().Validate(); err != nil {
		t.Fatalf("default label set: %v", err)
	}
	base := func() LabelSet { return DefaultLabelSet() }
	tests := []struct {
		name   string
		mutate func(*LabelSet)
	}{
		{"no name", func(s *LabelSet) { s.Labels[0].Name = " " }},
		{"duplicate name", func(s *LabelSet) { s.Labels[1].Name = s.Labels[0].Name }},
		{"bad kind", func(s *LabelSet) { s.Labels[0].Kind = "rumour" }},
		{"bad colour", func(s *LabelSet) { s.Labels[0].Color = "red" }},
		{"shared key", func(s *LabelSet) { s.Labels[1].Key = s.Labels[0].Key }},
	}
	for _, tt := range tests {
		s := base()
		tt.mutate(&s)
		if err := s.Validate(); !errors.Is(err, ErrBadLabel) {
			t.Errorf("%s: Validate() = %v; want ErrBadLabel", tt.name, err)
		}
	}
}

func TestLabelLookups(t *testing.T) {
	s := DefaultLabelSet()
	if l, ok := s.ByKey("2"); !ok || l.Kind != KindSource {
		t.Errorf("ByKey(2) = %v, %v; want the source label", l, ok)
	}
	if got := len(s.OfKind(KindEntity)); got != 6 {
		t.Errorf("entity labels = %d; want 6", got)
	}
	claim, _ := s.Find("Claim")
	if d, ok := claim.Attribute(AttrVerdict); !ok || !d.Allows("false") || d.Allows("maybe") {
		t.Errorf("Claim verdict attribute = %+v, %v", d, ok)
	}
}

func TestAnnotationHelpers(t *testing.T) {
	a := Annotation{Spans: []Span{{0, 4, "Taxes"}, {20, 25, "rise"}}, Links: []Link{{LinkSaidBy, 3}, {LinkAbout, 4}, {LinkSaidBy, 5}}}
	if got, want := a.Quote(), "Taxes … rise"; got != want {
		t.Errorf("Quote() = %q; want %q", got, want)
	}
	if a.Start() != 0 || a.End() != 25 {
		t.Errorf("Start, End = %d, %d; want 0, 25", a.Start(), a.End())
	}
	if got := a.LinksOf(LinkSaidBy); len(got) != 2 || got[0] != 3 || got[1] != 5 {
		t.Errorf("LinksOf(said_by) = %v; want [3 5]", got)
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"  A source\n close ": "a source close",
		"«Zakharova»,":        "zakharova",
		"...":                 "",
		"":                    "",
		"U.S.":                "u.s",
		"a source":            "a source",
		"a  source":           "a source",
		"a\tsource":           "a source",
		" a source":           "a source",
		"a source.":           "a source",
		"The Ministry,":       "the ministry",
		"-a":                  "a",
		"a-b":                 "a-b",
		"$5":                  "$5",
		"o'brien":             "o'brien",
		"zürich":              "zürich",
		"Zürich":              "zürich",
		"\x7f":                "\x7f",
	} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q; want %q", in, got, want)
		}
		// The fast path for text already normal agrees with the general case.
		if got, slow := NormalizeName(in), normalizeName(in); got != slow {
			t.Errorf("NormalizeName(%q) = %q; the general case gives %q", in, got, slow)
		}
	}
}

// normalizeName is NormalizeName written with the strings package, as it
// was: AppendName must give the same bytes.
func normalizeName(text string) string {
	text = strings.Join(strings.Fields(strings.ToLower(text)), " ")
	return strings.TrimFunc(text, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// TestAppendNameAgrees: on random text of letters in both cases, white
// space of several kinds, punctuation, symbols, other scripts and invalid
// bytes, AppendName (after any prefix) gives what the strings package
// gives, and NormalizeName the same.
func TestAppendNameAgrees(t *testing.T) {
	pieces := []string{"A", "b", "Ω", "ω", "Σ", "İ", "ǅ", "ß", "Ж", "東", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u0085",
		",", ".", "«", "»", "—", "'", "\"", "$", "€", "\ufffd", "\xff", "\xe2\x80", "0", "9", "-", "_", "(", ")"}
	rng := rand.New(rand.NewPCG(5, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in, want := b.String(), normalizeName(b.String())
		if got := string(AppendName([]byte("prefix "), in)); got != "prefix "+want {
			t.Fatalf("AppendName(%q) = %q; want %q", in, got, "prefix "+want)
		}
		if got := NormalizeName(in); got != want {
			t.Fatalf("NormalizeName(%q) = %q; want %q", in, got, want)
		}
	}
}
