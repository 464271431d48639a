package app

import "glossa/annotation"

// NewFakeStore is the in-memory store of the app's tests, for the Store
// contract (contract_test.go, package app_test).
func NewFakeStore(docs ...annotation.Document) Store { return newFakeStore(docs...) }
