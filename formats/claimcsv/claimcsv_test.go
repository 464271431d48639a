package claimcsv

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

func export(t *testing.T, opts dataset.ExportOptions) []byte {
	var buf bytes.Buffer
	it.Export(t, NewWriter(dataset.SingleOutput(&buf), opts), it.Header(), it.Bundles())
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	it.Golden(t, "claims.csv", export(t, dataset.ExportOptions{}))
}

func TestRowsAndOffsets(t *testing.T) {
	data := export(t, dataset.ExportOptions{ExcelBOM: true})
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatal("no byte order mark")
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("rows do not end in CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), 1+5; got != want { // header + 5 claims
		t.Fatalf("got %d rows; want %d", got, want)
	}
	texts := map[string][]rune{}
	for _, b := range it.Bundles() {
		texts[strconv.FormatUint(b.Document.ID, 10)] = []rune(b.Document.Text)
	}
	for _, r := range rows[1:] {
		var parts []string
		for _, off := range strings.Split(r[4], ";") {
			s, e, _ := strings.Cut(off, "-")
			si, _ := strconv.Atoi(s)
			ei, _ := strconv.Atoi(e)
			parts = append(parts, string(texts[r[0]][si:ei]))
		}
		if got := strings.Join(parts, " … "); got != r[3] {
			t.Errorf("offsets %s hold %q; claim %q", r[4], got, r[3])
		}
	}
	want := []string{"1", "Minister on prices", "Claim", "prices will fall by 5%", "41-63", "The minister", "0-12",
		"Jane Doe", "said", "check-worthy=yes; verdict=mostly true", `Compare with CPI 😀, "quoted"; comma`, "ana"}
	if strings.Join(rows[1], "\x00") != strings.Join(want, "\x00") {
		t.Errorf("first claim row:\n got %q\nwant %q", rows[1], want)
	}
}
