package annotation

import (
	"errors"
	"reflect"
	"testing"
)

func TestCut(t *testing.T) {
	// "Ünterstützen!" is a banner of 13 code points and 15 bytes: offsets
	// are code points, not bytes.
	text := "Ünterstützen!\n\nMinister says taxes rise.\n\nSubscribe to our newsletter"
	at := func(s string) int {
		for i := 0; i+Len(s) <= Len(text); i++ {
			if Slice(text, i, i+Len(s)) == s {
				return i
			}
		}
		t.Fatalf("%q not in text", s)
		return 0
	}
	ann := func(id uint64, s string, links ...Link) Annotation {
		st := at(s)
		return Annotation{ID: id, DocID: 1, Label: "Claim", Spans: []Span{{Start: st, End: st + Len(s), Text: s}}, Links: links}
	}
	banner := ann(1, "Ünterstützen")
	minister := ann(2, "Minister")
	claim := ann(3, "taxes rise", Link{Type: LinkSaidBy, Target: 2}, Link{Type: LinkOther, Target: 1})
	sub := ann(4, "Subscribe")
	straddle := ann(5, "rise.\n\nSubscribe")
	b := Bundle{Document: Document{ID: 1, Title: "T", Authors: []string{"A"}, Text: text}, Annotations: []Annotation{banner, minister, claim, sub, straddle}}
	body := "Minister says taxes rise."
	bs, be := at(body), at(body)+Len(body)

	tests := []struct {
		name        string
		start, end  int
		text        string
		keptIDs     []uint64
		removedIDs  []uint64
		claimLinks  []Link
		ministerPos int
	}{
		{"before", bs, Len(text), text[len("Ünterstützen!\n\n"):], []uint64{2, 3, 4, 5}, []uint64{1}, []Link{{LinkSaidBy, 2}}, 0},
		{"after", 0, be, "Ünterstützen!\n\n" + body, []uint64{1, 2, 3}, []uint64{4, 5}, []Link{{LinkSaidBy, 2}, {LinkOther, 1}}, bs},
		{"both", bs, be, body, []uint64{2, 3}, []uint64{1, 4, 5}, []Link{{LinkSaidBy, 2}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept, removed, err := Cut(b, tc.start, tc.end)
			if err != nil {
				t.Fatal(err)
			}
			if kept.Document.Text != tc.text {
				t.Errorf("text: got %q, want %q", kept.Document.Text, tc.text)
			}
			if kept.Document.SHA256 != TextSHA256(tc.text) || kept.Document.Title != "T" || !reflect.DeepEqual(kept.Document.Authors, []string{"A"}) {
				t.Errorf("document: got %+v", kept.Document)
			}
			var keptIDs, removedIDs []uint64
			o := NewOffsets(kept.Document.Text)
			for _, a := range kept.Annotations {
				keptIDs = append(keptIDs, a.ID)
				for _, sp := range a.Spans {
					if got := o.Slice(sp.Start, sp.End); got != sp.Text {
						t.Errorf("annotation %d: span [%d,%d) reads %q, want %q", a.ID, sp.Start, sp.End, got, sp.Text)
					}
				}
				if a.ID == 3 && !reflect.DeepEqual(a.Links, tc.claimLinks) {
					t.Errorf("claim links: got %v, want %v", a.Links, tc.claimLinks)
				}
				if a.ID == 2 && a.Start() != tc.ministerPos {
					t.Errorf("minister at %d, want %d", a.Start(), tc.ministerPos)
				}
			}
			for _, a := range removed {
				removedIDs = append(removedIDs, a.ID)
			}
			if !reflect.DeepEqual(keptIDs, tc.keptIDs) || !reflect.DeepEqual(removedIDs, tc.removedIDs) {
				t.Errorf("kept %v removed %v, want %v and %v", keptIDs, removedIDs, tc.keptIDs, tc.removedIDs)
			}
		})
	}
	// b is unchanged.
	if b.Annotations[2].Spans[0].Start != at("taxes rise") || len(b.Annotations[2].Links) != 2 {
		t.Errorf("Cut changed its input: %+v", b.Annotations[2])
	}
}

func TestCutRefused(t *testing.T) {
	b := Bundle{Document: Document{Text: "Banner\n\n   \n"}}
	for _, tc := range []struct {
		name       string
		start, end int
		want       error
	}{
		{"negative", -1, 3, ErrSpanOutOfRange},
		{"past the end", 0, 99, ErrSpanOutOfRange},
		{"empty", 3, 3, ErrSpanOutOfRange},
		{"whole text", 0, Len(b.Document.Text), ErrSpanOutOfRange},
		{"only white space left", 6, Len(b.Document.Text), ErrInvalidText},
	} {
		if _, _, err := Cut(b, tc.start, tc.end); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}
