//go:build (!linux || !cgo) && !nogui

package desktop

// trimCHeap does nothing where the C heap cannot be trimmed.
func trimCHeap() {}
