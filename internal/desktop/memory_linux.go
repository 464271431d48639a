//go:build linux && cgo && !nogui

package desktop

/*
#include <stddef.h>

// Weak: glibc has malloc_trim, other C libraries (musl) may not.
extern int malloc_trim(size_t pad) __attribute__((weak));

static void trim(void) {
	if (malloc_trim) {
		malloc_trim(0);
	}
}
*/
import "C"

// trimCHeap returns the free pages of the C heap to the system. The C
// allocator keeps freed memory for reuse; the graphics driver's textures
// (software GL) and buffers are allocated there.
func trimCHeap() { C.trim() }
