package glossajson

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/formats"
)

// repeatReader yields head, then n bytes of c, then tail, without holding
// them, and counts what was read.
func repeatReader(head string, c byte, n int64, tail string) (io.Reader, *int64) {
	var read int64
	body := io.LimitReader(byteSource(c), n)
	r := io.MultiReader(strings.NewReader(head), body, strings.NewReader(tail))
	return readCounter{r, &read}, &read
}

type byteSource byte

func (b byteSource) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

type readCounter struct {
	r io.Reader
	n *int64
}

func (c readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// TestDecodeDatasetLimits: a document over MaxDocumentBytes and a header
// member over MaxHeaderBytes are refused with ErrFormat and formats.ErrTooLarge
// after reading little more than the limit; documents longer than the
// reader's buffer but under the limit decode.
func TestDecodeDatasetLimits(t *testing.T) {
	const obj = `{"format":"glossa","version":1,"offsets":"codepoint","documents":[`
	const lines = `{"format":"glossa-lines","version":1,"offsets":"codepoint"}` + "\n"
	tests := []struct {
		name, head, tail string
		limit            int64
	}{
		{"object document", obj + `{"id":1,"status":"new","text":"`, `"}]}`, MaxDocumentBytes},
		{"object member", `{"format":"glossa","version":1,"project":"`, `","offsets":"codepoint","documents":[]}`, MaxHeaderBytes},
		{"object member name", `{"`, `":1}`, MaxHeaderBytes},
		{"lines document", lines + `{"id":1,"status":"new","text":"`, "\"}\n", MaxDocumentBytes},
		{"lines header", `{"format":"glossa-lines","version":1,"project":"`, "\"}\n", MaxHeaderBytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, read := repeatReader(tt.head, 'a', tt.limit+1<<20, tt.tail)
			err := DecodeDataset(r, nil, nil)
			if !errors.Is(err, ErrFormat) || !errors.Is(err, formats.ErrTooLarge) {
				t.Fatalf("got %v; want ErrFormat and formats.ErrTooLarge", err)
			}
			if *read > tt.limit+1<<20 {
				t.Errorf("read %d MB; want about the limit, %d MB", *read>>20, tt.limit>>20)
			}
			t.Log(err)
		})
	}
	text := strings.Repeat("Taxes would fall, the minister said. ", 50000) // 1.8 MB
	doc := fmt.Sprintf(`{"id":1,"title":"T","status":"new","sha256":%q,"text":%q}`, annotation.TextSHA256(text), text)
	for name, data := range map[string]string{
		"object": obj + doc + "]}",
		"lines":  lines + doc + "\n",
	} {
		var got []annotation.Bundle
		if err := DecodeDataset(strings.NewReader(data), nil, func(b annotation.Bundle) error { got = append(got, b); return nil }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 || got[0].Document.Text != text {
			t.Errorf("%s: got %d documents; want the 1.8 MB one", name, len(got))
		}
	}
}
