package agreement

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"glossa/annotation"
)

func sampleReport() Report {
	return Compute([]Article{
		{ID: 7, Title: "Talks, resumed", Length: 80, Layers: layers{
			"ana": {with(a(1, "Claim", 0, 20), map[string]string{annotation.AttrCheckWorthy: "yes"}, said(2)), a(2, "Source", 22, 30), a(3, "Person", 40, 45)},
			"ben": {with(a(1, "Claim", 0, 20), map[string]string{annotation.AttrCheckWorthy: "yes"}, said(2)), a(2, "Source", 22, 30), a(3, "Person", 40, 45)},
			"cy":  {a(1, "Claim", 50, 60)},
		}},
		{ID: 8, Title: "Only ana", Length: 10, Layers: layers{"ana": {a(1, "Claim", 0, 5)}}},
	}, codebook19)
}

// TestTablesAreRectangular: every table, as rows and as CSV, has a cell
// per column in every row, and as many rows as the report.
func TestTablesAreRectangular(t *testing.T) {
	r := sampleReport()
	sizes := map[Table]int{TableOverall: 9, TableLabels: len(r.Labels), TablePairs: len(r.Pairs),
		TableAnnotators: len(r.PerAnnotator), TableArticles: len(r.PerArticle), TableAttributes: len(r.Attributes)}
	for _, tb := range Tables() {
		header, rows, err := r.Rows(tb)
		if err != nil {
			t.Fatalf("%s: %v", tb, err)
		}
		if len(rows) != sizes[tb] || len(rows) == 0 {
			t.Errorf("%s: %d rows, want %d (and some)", tb, len(rows), sizes[tb])
		}
		var buf bytes.Buffer
		if err := r.WriteCSV(&buf, tb); err != nil {
			t.Fatalf("%s: %v", tb, err)
		}
		records, err := csv.NewReader(&buf).ReadAll() // fails on ragged rows
		if err != nil {
			t.Fatalf("%s: CSV does not read back: %v", tb, err)
		}
		if len(records) != len(rows)+1 || len(records[0]) != len(header) {
			t.Errorf("%s: CSV %d records of %d cells, want %d of %d", tb, len(records), len(records[0]), len(rows)+1, len(header))
		}
		for i, row := range rows {
			for j, cell := range row {
				if cell == "–" && records[i+1][j] != "" || cell != "–" && records[i+1][j] != cell {
					t.Errorf("%s row %d col %d: CSV %q, rows %q", tb, i, j, records[i+1][j], cell)
				}
			}
		}
	}
}

func TestPairsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleReport().WriteCSV(&buf, TablePairs); err != nil {
		t.Fatal(err)
	}
	// ana and ben agree on everything; cy marked one claim neither has.
	// Undefined figures (no position both labelled, no link of cy's) are
	// empty cells.
	want := `annotator A,annotator B,articles,same spans,only A,only B,strict F1,lenient F1,alpha-U,positions,Cohen's kappa,Scott's pi,alpha,links,link F1,attributes equal
ana,ben,1,3,0,0,1.0000,1.0000,1.0000,3,1.0000,1.0000,1.0000,2,1.0000,1.0000
ana,cy,1,0,3,1,0.0000,0.0000,` + sampleReport().Pairs[1].AlphaU.String() + `,0,,,,1,0.0000,
ben,cy,1,0,3,1,0.0000,0.0000,` + sampleReport().Pairs[2].AlphaU.String() + `,0,,,,1,0.0000,
`
	if got := buf.String(); got != want {
		t.Errorf("pairs CSV:\n%s\nwant:\n%s", got, want)
	}
	if !(sampleReport().Pairs[1].AlphaU < 0) {
		t.Errorf("ana/cy alpha-U = %v, want below 0", sampleReport().Pairs[1].AlphaU)
	}
}

func TestUnknownTable(t *testing.T) {
	r := sampleReport()
	if _, _, err := r.Rows("matrix"); !errors.Is(err, annotation.ErrNotFound) || !strings.Contains(err.Error(), "pairs") {
		t.Errorf("Rows(matrix) = %v, want ErrNotFound naming the tables", err)
	}
	if err := r.WriteCSV(&bytes.Buffer{}, "matrix"); !errors.Is(err, annotation.ErrNotFound) {
		t.Errorf("WriteCSV(matrix) = %v, want ErrNotFound", err)
	}
	for _, name := range []string{"Pairs", "articles"} {
		if _, ok := ParseTable(name); !ok {
			t.Errorf("ParseTable(%q) failed", name)
		}
	}
	if _, ok := ParseTable("matrix"); ok {
		t.Error("ParseTable(matrix) succeeded")
	}
}

// TestReportJSON: a report with undefined figures marshals (NaN is not
// JSON), as null, and reads back.
func TestReportJSON(t *testing.T) {
	r := sampleReport()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"cohen_kappa":{"units":0,"observed":0,"expected":0,"value":null}`)) {
		t.Errorf("undefined kappa not null in %s", b)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if p := back.Pairs[1]; p.Kappa.Value.Defined() || p.StrictF1 != 0 || math.Abs(float64(back.Pairs[0].StrictF1)-1) > 0 {
		t.Errorf("read back %+v", back.Pairs)
	}
}
