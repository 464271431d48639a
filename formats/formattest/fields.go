package formattest

import (
	"reflect"
	"testing"

	"glossa/annotation"
)

// CoversAnnotation fails t unless some annotation of anns has each field
// of annotation.Annotation (and of its Provenance) set. The tests of a
// hand-written annotation codec (storage's fast decoder, the Glossa
// dataset's) run on such annotations, so that a field added to Annotation
// fails them until the codec carries it: the codec is then one change, and
// the test says which.
func CoversAnnotation(t testing.TB, anns []annotation.Annotation) {
	t.Helper()
	for _, typ := range []reflect.Type{reflect.TypeFor[annotation.Annotation](), reflect.TypeFor[annotation.Provenance]()} {
		for i := range typ.NumField() {
			set := false
			for _, a := range anns {
				v := reflect.ValueOf(a)
				if typ != v.Type() {
					v = v.FieldByName("Provenance")
				}
				if !v.Field(i).IsZero() {
					set = true
					break
				}
			}
			if !set {
				t.Errorf("no annotation of the test sets %s.%s: set it in the test's data, and carry it in the codec under test", typ.Name(), typ.Field(i).Name)
			}
		}
	}
}
