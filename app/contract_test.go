package app_test

import (
	"testing"

	"glossa/annotation"
	"glossa/app"
	"glossa/app/storetest"
)

// TestFakeStoreContract: the fake the window's tests run on keeps the
// Store contract that storage.Store keeps (internal/desktop runs the same).
func TestFakeStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, docs ...annotation.Document) app.Store {
		st := app.NewFakeStore(docs...)
		t.Cleanup(func() { st.Close() })
		return st
	})
}
