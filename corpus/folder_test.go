package corpus

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"glossa/annotation"
	it "glossa/formats/formattest"
	"glossa/storage"
)

// teamProject is a project of two articles: seed's (a claim said by its
// source) and one whose source is a registry entity, whose claim has an
// attribute and a note and is about a date; the codebook has guidelines.
func teamProject(t *testing.T) *storage.Store {
	t.Helper()
	st := openTestStore(t)
	seed(t, st)
	const text = "Officials said the bridge will reopen in May. Nobody else commented.\n"
	doc, err := st.AddDocument(annotation.Document{Title: "Bridge to reopen", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.PutEntities([]annotation.Entity{{ID: 1, Name: "City council", Type: "Organisation", Aliases: []string{"officials"}}}, false)
	if err != nil {
		t.Fatal(err)
	}
	o := annotation.NewOffsets(text)
	span := func(s string) []annotation.Span {
		start := len([]rune(text[:strings.Index(text, s)]))
		sp, err := annotation.NewSpan(o, start, start+len([]rune(s)))
		if err != nil {
			t.Fatal(err)
		}
		return []annotation.Span{sp}
	}
	put, err := st.Apply(doc.ID, []annotation.Annotation{
		{DocID: doc.ID, Label: "Source", Spans: span("Officials"), Entity: ids[1], Author: "ana"},
		{DocID: doc.ID, Label: "Date", Spans: span("May"), Author: "ana"},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(doc.ID, []annotation.Annotation{{DocID: doc.ID, Label: "Claim", Spans: span("the bridge will reopen in May"),
		Attributes: map[string]string{annotation.AttrCheckWorthy: "yes"}, Note: "check the council's minutes", Author: "ana",
		Links: []annotation.Link{{Type: annotation.LinkSaidBy, Target: put[0].ID}, {Type: annotation.LinkAbout, Target: put[1].ID}}}}, nil); err != nil {
		t.Fatal(err)
	}
	labels, err := st.Labels()
	if err != nil {
		t.Fatal(err)
	}
	labels.Guidelines = "Tag who said what."
	if err := st.SetLabels(labels); err != nil {
		t.Fatal(err)
	}
	return st
}

// projectOf describes a project without its ids: its codebook, its
// entities, and each document with its annotations (formattest.Canon:
// labels, spans, attributes, notes, entity names, links by their
// target), by title.
func projectOf(t *testing.T, st *storage.Store) []string {
	t.Helper()
	labels, err := st.Labels()
	if err != nil {
		t.Fatal(err)
	}
	entities, err := st.Entities()
	if err != nil {
		t.Fatal(err)
	}
	out := []string{strings.TrimSpace(string(mustJSON(t, labels)))}
	for _, e := range entities {
		e.ID = 0
		out = append(out, strings.TrimSpace(string(mustJSON(t, e))))
	}
	err = st.EachBundle(func(b annotation.Bundle) error {
		d := b.Document
		out = append(out, d.Title+" "+d.SHA256+" "+string(d.Status))
		for _, line := range it.Canon(b, entities, it.All) {
			out = append(out, "  "+line)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out[1+len(entities):])
	return out
}

func importInto(t *testing.T, st *storage.Store, paths ...string) Totals {
	t.Helper()
	tot, err := ImportPaths(context.Background(), st, paths, func(r FileResult) {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return tot
}

func exportFolder(t *testing.T, st *storage.Store, dir string, opts ExportOptions) {
	t.Helper()
	if err := Export(context.Background(), st, "folder", dir, opts); err != nil {
		t.Fatal(err)
	}
}

// The folder, into a new project, gives back the documents, annotations,
// links, codebook and entities; that project's export into the folder
// changes nothing; a zip of the folder reads the same.
func TestFolderRoundTripThroughProject(t *testing.T) {
	st := teamProject(t)
	dir := filepath.Join(t.TempDir(), "dataset")
	exportFolder(t, st, dir, ExportOptions{})
	st2 := openTestStore(t)
	if tot := importInto(t, st2, dir); tot.Documents != 2 || tot.Annotations != 5 {
		t.Errorf("imported %+v; want 2 documents, 5 annotations", tot)
	}
	if got, want := projectOf(t, st2), projectOf(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("after the round trip:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	before := treeOf(t, dir)
	exportFolder(t, st2, dir, ExportOptions{})
	if after := treeOf(t, dir); !reflect.DeepEqual(after, before) {
		t.Error("the imported project's export changed the folder")
	}
	zip := filepath.Join(t.TempDir(), "dataset.zip")
	exportFolder(t, st, zip, ExportOptions{})
	st3 := openTestStore(t)
	importInto(t, st3, zip)
	if got, want := projectOf(t, st3), projectOf(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("from the zip:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An export updates a folder in place: .git and the files the format
// does not own stay as they are, articles the project no longer has are
// removed. A folder a folder export did not make is refused when it holds
// a file the export would write.
func TestFolderExportInPlace(t *testing.T) {
	st := teamProject(t)
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	for name, content := range map[string]string{
		".git/HEAD": "ref: refs/heads/main\n", ".git/objects/ab/cdef": "blob", "README.md": "# Our dataset\n",
		"articles/notes.md": "why we tag", "scripts/count.py": "print(1)\n", ".gitattributes": "* -text\n",
	} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	theirs := treeOf(t, repo)
	exportFolder(t, st, repo, ExportOptions{})
	after := treeOf(t, repo)
	for p, content := range theirs {
		if after[p] != content {
			t.Errorf("%s changed", p)
		}
	}
	articles, _ := filepath.Glob(filepath.Join(repo, "articles", "*.jsonl"))
	if len(articles) != 2 || after[filepath.Join(repo, "glossa-folder.json")] == "" {
		t.Fatalf("articles %v; want 2, and a manifest", articles)
	}
	docs, _ := st.Documents()
	if _, err := st.DeleteDocuments([]uint64{docs[0].ID}); err != nil {
		t.Fatal(err)
	}
	exportFolder(t, st, repo, ExportOptions{})
	left, _ := filepath.Glob(filepath.Join(repo, "articles", "*.jsonl"))
	if len(left) != 1 || !slices.Contains(articles, left[0]) {
		t.Errorf("articles %v after deleting one of %v", left, articles)
	}
	for p, content := range theirs {
		if b, err := os.ReadFile(p); err == nil && string(b) != content || err != nil && content != "" {
			t.Errorf("%s changed or went", p)
		}
	}

	for _, tt := range []struct {
		name  string
		setup func(p string)
		want  string
	}{
		{"a codebook of its own", func(p string) {
			os.MkdirAll(p, 0o755)
			os.WriteFile(filepath.Join(p, "codebook.json"), []byte("{}"), 0o644)
		}, "codebook.json"},
		{"a file", func(p string) { os.WriteFile(p, []byte("months of work"), 0o644) }, "is a file"},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		tt.setup(out)
		before := treeOf(t, out)
		if err := Export(context.Background(), st, "folder", out, ExportOptions{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v; want one naming %q", tt.name, err, tt.want)
		}
		if after := treeOf(t, out); !reflect.DeepEqual(after, before) {
			t.Errorf("%s: the export changed what was there", tt.name)
		}
	}
}

// Two exports of an unchanged project are the same bytes; editing one
// annotation changes one line of one file.
func TestFolderOneEditOneLine(t *testing.T) {
	st := teamProject(t)
	dir := t.TempDir()
	exportFolder(t, st, dir, ExportOptions{})
	first := treeOf(t, dir)
	exportFolder(t, st, dir, ExportOptions{})
	if again := treeOf(t, dir); !reflect.DeepEqual(again, first) {
		t.Fatal("a second export of an unchanged project changed the folder")
	}
	docs, _ := st.Documents()
	anns, err := st.Annotations(docs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	claim := anns[slices.IndexFunc(anns, func(a annotation.Annotation) bool { return a.Label == "Claim" })]
	claim.Attributes = map[string]string{annotation.AttrCheckWorthy: "no"}
	if _, err := st.Apply(docs[1].ID, []annotation.Annotation{claim}, nil); err != nil {
		t.Fatal(err)
	}
	exportFolder(t, st, dir, ExportOptions{})
	changed := map[string]int{}
	for p, content := range treeOf(t, dir) {
		was := strings.Split(first[p], "\n")
		now := strings.Split(content, "\n")
		if len(was) != len(now) {
			t.Errorf("%s: %d lines, was %d", p, len(now), len(was))
			continue
		}
		for i := range now {
			if now[i] != was[i] {
				changed[filepath.Base(p)]++
				if !strings.Contains(now[i], `"check-worthy":"no"`) {
					t.Errorf("%s:%d changed: %s", p, i+1, now[i])
				}
			}
		}
	}
	if len(changed) != 1 || changed[filepath.Base(articleFile(t, dir, "bridge"))] != 1 {
		t.Errorf("changed lines %v; want one line of the bridge article", changed)
	}
}

// articleFile returns the article file of dir whose name holds slug.
func articleFile(t *testing.T, dir, slug string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "articles", "*"+slug+"*.jsonl"))
	if len(m) != 1 {
		t.Fatalf("article files for %q: %v", slug, m)
	}
	return m[0]
}

// Pending suggestions are written, with their provenance and links, only
// when asked for.
func TestFolderSuggestions(t *testing.T) {
	st, anns, pending, _ := withSuggestions(t)
	for _, include := range []bool{false, true} {
		dir := t.TempDir()
		exportFolder(t, st, dir, ExportOptions{IncludeSuggestions: include})
		lines, suggested := 0, 0
		for p, content := range treeOf(t, dir) {
			if filepath.Base(filepath.Dir(p)) != "articles" {
				continue
			}
			for _, l := range strings.Split(strings.TrimSpace(content), "\n")[1:] {
				lines++
				if strings.Contains(l, `"origin":"suggested"`) && strings.Contains(l, `"review":"pending"`) {
					suggested++
				}
			}
		}
		want, wantSuggested := anns, 0
		if include {
			want, wantSuggested = anns+pending, pending
		}
		if lines != want || suggested != wantSuggested {
			t.Errorf("include %v: %d annotation lines, %d pending suggestions; want %d and %d", include, lines, suggested, want, wantSuggested)
		}
	}
}

// Two annotators share a dataset folder through git: each clones it,
// imports it into a project of their own, edits one article, exports into
// the clone and commits; the second pulls the first's commit, which
// merges without a conflict, and the merged folder holds both edits.
func TestFolderGitTeam(t *testing.T) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(gitPath, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=Glossa test", "GIT_AUTHOR_EMAIL=test@glossa.invalid",
			"GIT_COMMITTER_NAME=Glossa test", "GIT_COMMITTER_EMAIL=test@glossa.invalid")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	lead := filepath.Join(root, "lead")
	exportFolder(t, teamProject(t), lead, ExportOptions{})
	git(lead, "init", "-q")
	git(lead, "add", "-A")
	git(lead, "commit", "-q", "-m", "the dataset")
	git(root, "clone", "-q", "--bare", lead, "team.git")

	// edit clones the team's repository, imports it into a new project,
	// changes the article called title with change, exports into the
	// clone, commits and returns the clone.
	edit := func(name, title string, change func(st *storage.Store, doc annotation.Summary)) string {
		clone := filepath.Join(root, name)
		git(root, "clone", "-q", "team.git", name)
		st := openTestStore(t)
		importInto(t, st, clone)
		docs, _ := st.Documents()
		i := slices.IndexFunc(docs, func(d annotation.Summary) bool { return d.Title == title })
		if i < 0 {
			t.Fatalf("%s: no article %q in %+v", name, title, docs)
		}
		change(st, docs[i])
		exportFolder(t, st, clone, ExportOptions{})
		git(clone, "commit", "-q", "-a", "-m", name+" edits "+title)
		return clone
	}
	a := edit("a", "Rates", func(st *storage.Store, doc annotation.Summary) {
		anns, _ := st.Annotations(doc.ID)
		claim := anns[slices.IndexFunc(anns, func(a annotation.Annotation) bool { return a.Label == "Claim" })]
		claim.Attributes = map[string]string{annotation.AttrVerdict: "false"}
		if _, err := st.Apply(doc.ID, []annotation.Annotation{claim}, nil); err != nil {
			t.Fatal(err)
		}
	})
	if stat := git(a, "show", "--numstat", "--format=", "HEAD"); strings.Count(stat, "\n") != 1 || !strings.HasPrefix(stat, "1\t1\tarticles/") {
		t.Errorf("a's commit: %q; want one line changed in one article", stat)
	}
	git(a, "push", "-q", "origin", "HEAD")
	b := edit("b", "Bridge to reopen", func(st *storage.Store, doc annotation.Summary) {
		d, _ := st.Document(doc.ID)
		o := annotation.NewOffsets(d.Text)
		sp, _ := annotation.NewSpan(o, 31, 37) // before the date: new lines go last all the same
		if sp.Text != "reopen" {
			t.Fatalf("span %q", sp.Text)
		}
		if _, err := st.Apply(doc.ID, []annotation.Annotation{{DocID: doc.ID, Label: "Event", Spans: []annotation.Span{sp}, Author: "b"}}, nil); err != nil {
			t.Fatal(err)
		}
	})
	if stat := git(b, "show", "--numstat", "--format=", "HEAD"); strings.Count(stat, "\n") != 1 || !strings.HasPrefix(stat, "1\t0\tarticles/") {
		t.Errorf("b's commit: %q; want one line added to one article", stat)
	}
	git(b, "pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD")
	if status := git(b, "status", "--porcelain"); status != "" {
		t.Errorf("after the merge: %s", status)
	}

	merged := openTestStore(t)
	importInto(t, merged, b)
	found := map[string]bool{}
	merged.EachBundle(func(bu annotation.Bundle) error {
		for _, an := range bu.Annotations {
			found["a"] = found["a"] || bu.Document.Title == "Rates" && an.Attributes[annotation.AttrVerdict] == "false"
			found["b"] = found["b"] || bu.Document.Title == "Bridge to reopen" && an.Author == "b" && an.Spans[0].Text == "reopen"
		}
		return nil
	})
	if !found["a"] || !found["b"] {
		t.Errorf("the merged folder holds a's edit: %v, b's: %v", found["a"], found["b"])
	}
}
