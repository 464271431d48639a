package formats

import (
	"bytes"
	"strings"
	"testing"
)

// Legacy-encoded pages are decoded as a browser would: by their declared
// charset, or as Windows-1252 when they declare none.
func TestHTMLLegacyEncodings(t *testing.T) {
	tests := []struct {
		name string
		page []byte
		want string
	}{
		{"meta charset latin1", []byte("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Le caf\xe9 est ferm\xe9, a dit le maire.</p></body></html>"), "Le café est fermé, a dit le maire."},
		{"http-equiv windows-1251", []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>\xcc\xe8\xed\xe8\xf1\xf2\xf0 \xf1\xea\xe0\xe7\xe0\xeb.</p></body></html>"), "Министр сказал."},
		{"no declaration", []byte("<html><body><p>\x93Quoted\x94 \x96 na\xefve</p></body></html>"), "“Quoted” – naïve"},
	}
	for _, tt := range tests {
		doc, err := ReadDocument("page.html", bytes.NewReader(tt.page))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(doc.Text, tt.want) {
			t.Errorf("%s: text %q; want it to hold %q", tt.name, doc.Text, tt.want)
		}
	}
	// A .txt file in a legacy encoding is still refused: plain text does not
	// say what it is.
	if _, err := ReadDocument("a.txt", bytes.NewReader([]byte("caf\xe9\n"))); err == nil {
		t.Error("a Latin-1 .txt was accepted; want ErrEncoding")
	}
}
