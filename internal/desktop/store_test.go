package desktop

import (
	"path/filepath"
	"testing"

	"glossa/annotation"
	"glossa/app"
	"glossa/app/storetest"
	"glossa/storage"
)

// TestStorageStoreContract: the project file keeps the contract the window
// is written and tested against (app/storetest; the app's fake passes the
// same).
func TestStorageStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, docs ...annotation.Document) app.Store {
		st, err := storage.Open(filepath.Join(t.TempDir(), "p.glossa"), storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		for _, d := range docs {
			if _, err := st.AddDocument(d); err != nil {
				t.Fatal(err)
			}
		}
		return st
	})
}
