//go:build !nogui

package desktop

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"glossa/annotation"
	"glossa/corpus"
	"glossa/storage"
)

// The window's summary of a merge: the total, the conflicts first, and
// no more than summaryLines of each part.
func TestMergeIntoSummary(t *testing.T) {
	dir := t.TempDir()
	ana, err := storage.Open(filepath.Join(dir, "ana.glossa"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ana.Close()
	const articles = summaryLines + 2
	for i := range articles {
		d, err := ana.AddDocument(annotation.Document{Title: fmt.Sprintf("Article %d", i), Text: fmt.Sprintf("Word %d of the article.\n", i)})
		if err != nil {
			t.Fatal(err)
		}
		sp, _ := annotation.NewSpan(annotation.NewOffsets(d.Text), 0, 4)
		if _, err := ana.Apply(d.ID, []annotation.Annotation{{DocID: d.ID, Label: "Claim", Spans: []annotation.Span{sp}, Author: "ana"}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "ana.json")
	if err := corpus.Export(context.Background(), ana, "json", file, corpus.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	lead, err := storage.Open(filepath.Join(dir, "lead.glossa"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lead.Close()
	if _, err := lead.AddDocument(annotation.Document{Title: "Article 0", Text: "Another text.\n"}); err != nil {
		t.Fatal(err)
	}

	var msgs []string
	summary, err := mergeInto(context.Background(), lead, []string{file}, func(_, _ int, msg string) { msgs = append(msgs, msg) })
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ana.json: 10 articles read, 9 added to the project, 1 not merged",
		"Conflicts (the project's version kept):\narticle 1 \"Article 0\" of the file has another text than document 1 \"Article 0\" of the project",
		"\nArticles:\ndocument 2  \"Article 1\"  ana  1 annotation  new, article added to the project\n",
		"… and 1 more (glossa merge prints them all)",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary\n%s\nlacks %q", summary, want)
		}
	}
	if strings.Index(summary, "Conflicts") > strings.Index(summary, "Articles") {
		t.Error("the conflicts come after the articles; want them first")
	}
	if len(msgs) != articles || msgs[1] != "ana.json: Article 1" {
		t.Errorf("progress said %q; want one message per article naming the file", msgs)
	}
}
