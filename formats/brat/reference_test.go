package brat

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"glossa/annotation"
	"glossa/formats/dataset"
	it "glossa/formats/formattest"
)

// TestNormalizationsRoundTrip: a brat folder's N lines come back the same
// after import and export, for several databases and ids brat accepts.
func TestNormalizationsRoundTrip(t *testing.T) {
	refs := []string{
		"Wikidata:Q42",
		"Wikipedia:Sonia_Ruiz",
		"Wikipedia:Caf%C3%A9",      // percent-encoded by the tool that wrote it
		"local:sonia-ruiz",         // brat rejected local_sonia-ruiz
		"GeoNames:urn:geo:2988507", // an id holding colons
		"local:Sonia%20Ruiz",       // a space, escaped
		"local:Zoé_Durand",         // non-ASCII
		"orgs:東京都庁",
		"Ref:50%",
		"Ref:Q42",            // not Wikidata's: written as it came
		"Wikidata:P31",       // a property
		"local:%2520",        // an escaped '%' before what would be an escape
		"local:%25",          // a "%25" that stands for itself
		"My%20DB:x",          // a database name with a space
		"local:Sonia%u00A0R", // a no-break space
	}
	var text, ann strings.Builder
	for i := range refs {
		start := text.Len()
		text.WriteString("Name ")
		t1 := "T" + itoa(i+1)
		ann.WriteString(t1 + "\tPerson " + itoa(start) + " " + itoa(start+4) + "\tName\n")
	}
	for i, ref := range refs {
		ann.WriteString("N" + itoa(i+1) + "\tReference T" + itoa(i+1) + " " + ref + "\tEntity " + itoa(i+1) + "\n")
	}
	ds, rep, err := Read(fstest.MapFS{"a.txt": {Data: []byte(text.String())}, "a.ann": {Data: []byte(ann.String())}}, "in")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) > 0 || len(rep.Dropped) > 0 {
		t.Fatalf("warnings %q, dropped %v", rep.Warnings, rep.Dropped)
	}
	out := &it.MemOutput{}
	it.Export(t, NewWriter(out), dataset.Header{Labels: ds.Labels, Entities: ds.Entities}, ds.Bundles)
	var got []string
	for _, l := range strings.Split(out.Files[out.Names[1]].String(), "\n") {
		if strings.HasPrefix(l, "N") {
			got = append(got, l)
		}
	}
	want := strings.Split(strings.TrimSuffix(ann.String(), "\n"), "\n")[len(refs):]
	if len(got) != len(want) {
		t.Fatalf("got %d N lines; want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("N line\n got %q\nwant %q", got[i], want[i])
		}
	}
	// tools.conf declares every database, with the <URL> brat requires.
	tools := out.Files[toolsFile].String()
	for _, ref := range refs {
		db, _, _ := strings.Cut(ref, ":")
		if !strings.Contains(tools, "\n"+db+"\t<URL>:") {
			t.Errorf("tools.conf does not declare %s:\n%s", db, tools)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestExternalIDsRoundTrip: an entity's external id comes back from a brat
// export as it was, and every N line is one brat's grammar accepts.
func TestExternalIDsRoundTrip(t *testing.T) {
	ids := []string{"", "Q42", "local:sonia-ruiz", "Sonia Ruiz", "a:b:c", "Glossa:5", "Ref:x", ":x", "x:",
		"50%", "%20", "%2520", "東京 都", "tab\tand\nline", "Wikidata:P31", "Wikipedia:Zoé Durand", "no\u00a0break", "%", "%%20"}
	text := strings.Repeat("Name ", len(ids))
	o := annotation.NewOffsets(text)
	var h dataset.Header
	h.Labels = annotation.DefaultLabelSet()
	b := annotation.Bundle{Document: annotation.Document{ID: 1, Title: "ids", Text: text}}
	for i, id := range ids {
		h.Entities = append(h.Entities, annotation.Entity{ID: uint64(i + 1), Name: "E", ExternalID: id})
		sp, _ := annotation.NewSpan(o, 5*i, 5*i+4)
		b.Annotations = append(b.Annotations, annotation.Annotation{ID: uint64(i + 1), Label: "Person", Spans: []annotation.Span{sp}, Entity: uint64(i + 1)})
	}
	out := &it.MemOutput{}
	it.Export(t, NewWriter(out), h, []annotation.Bundle{b})
	for _, l := range strings.Split(out.Files[out.Names[1]].String(), "\n") {
		if !strings.HasPrefix(l, "N") {
			continue
		}
		f := strings.Split(l, "\t")
		parts := strings.Split(f[1], " ")
		if len(f) != 3 || len(parts) != 3 || parts[0] != "Reference" || !bratRef(parts[2]) {
			t.Errorf("%q is not N<id>\\tReference <T-id> <DB>:<ID>\\t<text>", l)
		}
	}
	ds, rep, err := Read(out.FS(), "out")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) > 0 || len(rep.Dropped) > 0 {
		t.Errorf("warnings %q, dropped %v", rep.Warnings, rep.Dropped)
	}
	for i, a := range ds.Bundles[0].Annotations {
		var got string
		for _, e := range ds.Entities {
			if e.ID == a.Entity {
				got = e.ExternalID
			}
		}
		if got != ids[i] {
			t.Errorf("external id %q came back %q", ids[i], got)
		}
	}
}

// bratRef reports whether s matches brat's (\S+?):(\S+) with Python's \s.
func bratRef(s string) bool {
	db, id, ok := strings.Cut(s, ":")
	space := func(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }
	return ok && db != "" && id != "" && !strings.ContainsFunc(s, space)
}

func TestEscapePart(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Sonia Ruiz", "Sonia%20Ruiz"},
		{"a\tb\nc", "a%09b%0Ac"},
		{"no\u00a0break", "no%u00A0break"},
		{"ideographic\u3000space", "ideographic%u3000space"},
		{"Caf%C3%A9", "Caf%C3%A9"},
		{"50%", "50%"},
		{"%20", "%2520"},
		{"%25", "%25"},
		{"%2520", "%252520"},
		{"% x", "%%20x"},
		{"%0a", "%0a"},
		{"東京都", "東京都"},
	} {
		got := escapePart(tt.in)
		if got != tt.want {
			t.Errorf("escapePart(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if back := unescapePart(got); back != tt.in {
			t.Errorf("unescapePart(%q) = %q; want %q", got, back, tt.in)
		}
	}
}

func FuzzEscapePart(f *testing.F) {
	for _, s := range []string{"Sonia Ruiz", "%20", "%25%20", "%u00A0", "50%", "a\u2028b", "%%2525 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := escapePart(s)
		if strings.ContainsFunc(e, mustEscape) {
			t.Fatalf("escapePart(%q) = %q holds white space or a control character", s, e)
		}
		if back := unescapePart(e); back != s && strings.ToValidUTF8(s, "\uFFFD") == s {
			t.Fatalf("unescapePart(escapePart(%q)) = %q", s, back)
		}
		// A part without white space is written as it is read.
		if !strings.ContainsFunc(s, mustEscape) && strings.ToValidUTF8(s, "\uFFFD") == s {
			if again := escapePart(unescapePart(s)); again != s {
				t.Fatalf("escapePart(unescapePart(%q)) = %q", s, again)
			}
		}
	})
}
