package annotation

import (
	"testing"
	"unicode/utf16"
)

// Texts covering what offsets get wrong: astral-plane emoji (two UTF-16
// units, four bytes), combining marks (two code points, one glyph), CJK
// (three bytes each), right-to-left scripts, ZWJ emoji sequences.
var offsetTexts = []struct {
	name string
	text string
}{
	{"empty", ""},
	{"ascii", "The minister said: \"No.\""},
	{"emoji", "Vote 🗳️ now 👍🏽 ok"},
	{"combining", "Cafe\u0301 de\u0301ja\u0300"},
	{"cjk", "东京的记者说：「我们不知道。」"},
	{"arabic", "قال الوزير: لا"},
	{"hebrew", "אמר השר: לא"},
	{"zwj", "family 👨‍👩‍👧 here"},
	{"mixed", "Ana Müller 🇩🇪 und 李雷 said \"שלום\" — ok\n"},
}

func TestOffsetsAgreeWithEncodings(t *testing.T) {
	for _, tt := range offsetTexts {
		t.Run(tt.name, func(t *testing.T) {
			o := NewOffsets(tt.text)
			runes := []rune(tt.text)
			if got, want := o.Len(), len(runes); got != want {
				t.Fatalf("Len() = %d; want %d", got, want)
			}
			if got, want := o.UTF16Len(), len(utf16.Encode(runes)); got != want {
				t.Fatalf("UTF16Len() = %d; want %d", got, want)
			}
			for cp := 0; cp <= len(runes); cp++ {
				prefix := string(runes[:cp])
				if got, want := o.Byte(cp), len(prefix); got != want {
					t.Errorf("Byte(%d) = %d; want %d", cp, got, want)
				}
				u := len(utf16.Encode(runes[:cp]))
				if got := o.UTF16(cp); got != u {
					t.Errorf("UTF16(%d) = %d; want %d", cp, got, u)
				}
				if got, ok := o.FromByte(len(prefix)); !ok || got != cp {
					t.Errorf("FromByte(%d) = %d, %v; want %d, true", len(prefix), got, ok, cp)
				}
				if got, ok := o.FromUTF16(u); !ok || got != cp {
					t.Errorf("FromUTF16(%d) = %d, %v; want %d, true", u, got, ok, cp)
				}
				for end := cp; end <= len(runes); end++ {
					if got, want := o.Slice(cp, end), string(runes[cp:end]); got != want {
						t.Errorf("Slice(%d, %d) = %q; want %q", cp, end, got, want)
					}
				}
			}
			if got, want := UTF16Len(tt.text), o.UTF16Len(); got != want {
				t.Errorf("UTF16Len(text) = %d; want %d", got, want)
			}
			if got, want := Len(tt.text), o.Len(); got != want {
				t.Errorf("Len(text) = %d; want %d", got, want)
			}
		})
	}
}

func TestOffsetsRejectPositionsInsideCharacters(t *testing.T) {
	o := NewOffsets("a😀b€") // 😀: 4 bytes, 2 units; €: 3 bytes, 1 unit
	tests := []struct {
		unit   string
		from   func(int) (int, bool)
		in     int
		want   int
		wantOK bool
	}{
		{"byte", o.FromByte, 0, 0, true},
		{"byte", o.FromByte, 1, 1, true},
		{"byte", o.FromByte, 2, 0, false}, // inside 😀
		{"byte", o.FromByte, 5, 2, true},
		{"byte", o.FromByte, 7, 0, false}, // inside €
		{"byte", o.FromByte, 9, 4, true},
		{"byte", o.FromByte, 10, 0, false},
		{"byte", o.FromByte, -1, 0, false},
		{"utf16", o.FromUTF16, 2, 0, false}, // between the surrogates
		{"utf16", o.FromUTF16, 3, 2, true},
		{"utf16", o.FromUTF16, 5, 4, true},
		{"utf16", o.FromUTF16, 6, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.from(tt.in)
		if ok != tt.wantOK || (ok && got != tt.want) {
			t.Errorf("From%s(%d) = %d, %v; want %d, %v", tt.unit, tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestOffsetsClamp(t *testing.T) {
	o := NewOffsets("héllo")
	if got := o.Slice(-3, 99); got != "héllo" {
		t.Errorf("Slice(-3, 99) = %q; want the whole text", got)
	}
	if got := o.Slice(3, 2); got != "" {
		t.Errorf("Slice(3, 2) = %q; want empty", got)
	}
	if got := o.Byte(99); got != len("héllo") {
		t.Errorf("Byte(99) = %d; want %d", got, len("héllo"))
	}
}

func TestDecodeUTF16(t *testing.T) {
	if got, want := DecodeUTF16(utf16.Encode([]rune("a😀"))), "a😀"; got != want {
		t.Errorf("DecodeUTF16 = %q; want %q", got, want)
	}
}

func BenchmarkNewOffsets(b *testing.B) {
	text := ""
	for len(text) < 1<<20 {
		text += "Der Minister sagte 😀 «nein» 李雷. "
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NewOffsets(text)
	}
}
