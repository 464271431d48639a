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

// TestOffsetsLongTexts checks every position of texts long enough to cross
// many checkpoints, against tables built the obvious way: whatever the
// checkpoints' distance, every byte and UTF-16 position of the text converts
// back and forth exactly as a full table would have it.
func TestOffsetsLongTexts(t *testing.T) {
	for _, n := range []int{checkpointEvery - 1, checkpointEvery, checkpointEvery + 1, 10*checkpointEvery + 7, 5000} {
		var text []rune
		for i := 0; len(text) < n; i++ {
			text = append(text, []rune(offsetTexts[1+i%(len(offsetTexts)-1)].text)...)
		}
		text = text[:n]
		s := string(text)
		o := NewOffsets(s)
		fromByte := map[int]int{} // byte offset -> code point, at boundaries only
		fromUnit := map[int]int{} // UTF-16 offset -> code point
		b, u := 0, 0
		for cp := 0; cp <= n; cp++ {
			fromByte[b], fromUnit[u] = cp, cp
			if got := o.Byte(cp); got != b {
				t.Fatalf("n=%d: Byte(%d) = %d; want %d", n, cp, got, b)
			}
			if got := o.UTF16(cp); got != u {
				t.Fatalf("n=%d: UTF16(%d) = %d; want %d", n, cp, got, u)
			}
			if cp < n {
				b += len(string(text[cp]))
				u += len(utf16.Encode(text[cp : cp+1]))
			}
		}
		if o.Len() != n || o.UTF16Len() != u {
			t.Fatalf("n=%d: Len, UTF16Len = %d, %d; want %d, %d", n, o.Len(), o.UTF16Len(), n, u)
		}
		for pos := -1; pos <= len(s)+1; pos++ {
			want, wantOK := fromByte[pos]
			if got, ok := o.FromByte(pos); ok != wantOK || (ok && got != want) {
				t.Fatalf("n=%d: FromByte(%d) = %d, %v; want %d, %v", n, pos, got, ok, want, wantOK)
			}
		}
		for pos := -1; pos <= u+1; pos++ {
			want, wantOK := fromUnit[pos]
			if got, ok := o.FromUTF16(pos); ok != wantOK || (ok && got != want) {
				t.Fatalf("n=%d: FromUTF16(%d) = %d, %v; want %d, %v", n, pos, got, ok, want, wantOK)
			}
		}
		if got, want := o.Slice(n/3, 2*n/3), string(text[n/3:2*n/3]); got != want {
			t.Fatalf("n=%d: Slice(%d, %d) = %q; want %q", n, n/3, 2*n/3, got, want)
		}
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

func benchText() string {
	text := ""
	for len(text) < 1<<20 {
		text += "Der Minister sagte 😀 «nein» 李雷. "
	}
	return text
}

func BenchmarkNewOffsets(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NewOffsets(text)
	}
}

// BenchmarkOffsetsConvert is one conversion each way at positions spread
// over a 1 MB text: what a span check or an export with UTF-16 offsets costs.
func BenchmarkOffsetsConvert(b *testing.B) {
	o := NewOffsets(benchText())
	i := 0
	for b.Loop() {
		cp := (i * 7919) % o.Len()
		o.FromUTF16(o.UTF16(cp))
		o.FromByte(o.Byte(cp))
		i++
	}
}
