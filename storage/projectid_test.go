package storage

import (
	"testing"

	"glossa/annotation"
)

func TestSetProjectID(t *testing.T) {
	s := openTestStore(t)
	for _, bad := range []string{"", "has space", string(make([]byte, 129))} {
		if err := s.SetProjectID(bad); err == nil {
			t.Errorf("SetProjectID(%q) = nil; want an error", bad)
		}
	}
	if err := s.SetProjectID("abc123"); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	if got := s.ProjectID(); got != "abc123" {
		t.Errorf("ProjectID() after reopen = %q; want abc123", got)
	}
	if _, err := s.AddDocument(annotation.Document{Title: "T", Text: "text"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetProjectID("other"); err == nil {
		t.Error("SetProjectID on a project with documents = nil; want an error")
	}
	if got := s.ProjectID(); got != "abc123" {
		t.Errorf("ProjectID() = %q after a refused change; want abc123", got)
	}
}
