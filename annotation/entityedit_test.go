package annotation

import (
	"reflect"
	"testing"
)

func TestRestoreFields(t *testing.T) {
	before := Entity{ID: 7, Name: "Ana Pérez", Type: "Person", Aliases: []string{"Ana"}, Note: "mayor"}
	withAlias := Entity{ID: 7, Name: "Ana Pérez", Type: "Person", Aliases: []string{"Ana", "A. Pérez"}, Note: "mayor"}
	for _, c := range []struct {
		name          string
		now, from, to Entity
		want          Entity
	}{
		{"undo an alias edit", withAlias, withAlias, before, before},
		{"redo it", before, before, withAlias, withAlias},
		{"undo an alias edit after a later note edit: the note stays",
			Entity{ID: 7, Name: "Ana Pérez", Type: "Person", Aliases: []string{"Ana", "A. Pérez"}, Note: "mayor since 2023"},
			withAlias, before,
			Entity{ID: 7, Name: "Ana Pérez", Type: "Person", Aliases: []string{"Ana"}, Note: "mayor since 2023"}},
		{"aliases changed again since: they stay",
			Entity{ID: 7, Name: "Ana Pérez", Type: "Person", Aliases: []string{"Ana", "Pérez"}, Note: "mayor"},
			withAlias, before,
			Entity{ID: 7, Name: "Ana Pérez", Type: "Person", Aliases: []string{"Ana", "Pérez"}, Note: "mayor"}},
		{"every field",
			Entity{ID: 7, Name: "B", Type: "Organisation", Aliases: []string{"b"}, Note: "n2", ExternalID: "Q2"},
			Entity{ID: 7, Name: "B", Type: "Organisation", Aliases: []string{"b"}, Note: "n2", ExternalID: "Q2"},
			Entity{ID: 7, Name: "A", Type: "Person", Note: "n1"},
			Entity{ID: 7, Name: "A", Type: "Person", Note: "n1"}},
		{"nothing changed by the step", before, before, before, before},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := RestoreFields(c.now, c.from, c.to)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v; want %+v", got, c.want)
			}
		})
	}
	// The result shares no aliases with now.
	now := withAlias
	got := RestoreFields(now, before, before)
	got.Aliases[0] = "changed"
	if now.Aliases[0] != "Ana" {
		t.Error("RestoreFields returned now's aliases slice")
	}
}
