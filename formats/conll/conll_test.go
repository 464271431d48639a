package conll

import (
	"bytes"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, world. Bye!", "Hello|,|world|.\nBye|!"},
		{"Zoe\u0301 👩🏽‍⚕️ 5%", "Zoe\u0301|👩🏽‍⚕️|5|%"},
		{"物价不会\n李明说。", "物|价|不|会\n李|明|说|。"},
		{"قال الوزير.", "قال|الوزير|."},
		{"", ""},
	}
	for _, tt := range tests {
		var sents []string
		o := annotation.NewOffsets(tt.in)
		for _, s := range Tokenize(tt.in) {
			var ts []string
			for _, tok := range s {
				if o.Slice(tok.Start, tok.End) != tok.Text {
					t.Errorf("token %+v: offsets do not slice its text", tok)
				}
				ts = append(ts, tok.Text)
			}
			sents = append(sents, strings.Join(ts, "|"))
		}
		if got := strings.Join(sents, "\n"); got != tt.want {
			t.Errorf("Tokenize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestGoldenAndWarnings(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(dataset.SingleOutput(&buf))
	it.Export(t, w, it.Header(), it.Bundles())
	it.Golden(t, "fixture.conll", buf.Bytes())
	// Fixture overlaps: Person "Zoé" inside Organisation "Café Zoé"; Event
	// "Tuesday that" across Date "on Tuesday"; Date "May" is inside a
	// claim, which is not an entity label and does not count.
	want := []string{"conll: 2 entity annotations overlap others and were left out (rule: earliest start, then longest, wins)"}
	if got := w.Warnings(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings %q; want %q", got, want)
	}
	out := buf.String()
	for _, line := range []string{"Café\tB-Organisation", "Zoe\u0301\tI-Organisation", "May\tB-Date", "on\tB-Date", "Tuesday\tI-Date", "that\tO"} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("output lacks %q", line)
		}
	}
}
