//go:build (!linux || !cgo) && !nogui

package main

// trimCHeap does nothing where the C heap cannot be trimmed.
func trimCHeap() {}
