package storage

import (
	"path/filepath"
	"reflect"
	"testing"

	"glossa/annotation"
)

func TestCreateWithATemplateCodebook(t *testing.T) {
	for _, tp := range annotation.Templates() {
		t.Run(tp.Name, func(t *testing.T) {
			want := tp.Codebook()
			s, err := Create(filepath.Join(t.TempDir(), "p.glossa"), Options{Now: testClock(), Codebook: &want})
			if err != nil {
				t.Fatal(err)
			}
			s = reopen(t, s)
			defer s.Close()
			got, err := s.Labels()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("codebook after reopening = %+v, want %+v", got, want)
			}
			if len(got.RelationTypes()) != len(want.Relations) {
				t.Errorf("%d relation types, want %d (an empty list stays empty)", len(got.RelationTypes()), len(want.Relations))
			}
		})
	}
}

func TestCreateWithoutCodebookHasTheFactCheckingTemplate(t *testing.T) {
	s := openTestStore(t)
	got, err := s.Labels()
	if err != nil {
		t.Fatal(err)
	}
	if want := annotation.FactCheckingTemplate(); !reflect.DeepEqual(got.Labels, want.Labels) {
		t.Errorf("labels = %+v, want the Fact-checking template", got.Labels)
	}
}

func TestCreateRefusesAnInvalidCodebook(t *testing.T) {
	bad := annotation.LabelSet{Labels: []annotation.Label{{Name: "A", Kind: annotation.KindOther, Color: "#999999", Key: "1"},
		{Name: "B", Kind: annotation.KindOther, Color: "#999999", Key: "1"}}}
	path := filepath.Join(t.TempDir(), "p.glossa")
	if _, err := Create(path, Options{Codebook: &bad}); err == nil {
		t.Fatal("Create took two labels with one key")
	}
	if _, err := Open(path, Options{ReadOnly: true}); err == nil {
		t.Error("a file was left behind")
	}
}
