//go:build !nogui

package desktop

import (
	"runtime/debug"
	"runtime/metrics"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// How giveBackWhenIdle paces itself: it looks every idleTick and gives
// memory back once the window has allocated at least busyBytes since it
// last did, then nothing worth counting (under quietBytes a tick) for
// quietTicks looks in a row. Fyne keeps the texture of a text for a minute
// after it was last drawn; 5 x 15 s is past that minute.
const (
	idleTick   = 15 * time.Second
	quietTicks = 5
	busyBytes  = 8 << 20
	quietBytes = 1 << 20
)

// giveBackWhenIdle runs for the life of the window. After a stretch of
// work (edits allocate about 3 MB each) followed by more than a minute of
// rest, it has Fyne draw one frame, in which Fyne frees the textures of
// texts not drawn for a minute (with software GL they are the process's
// own memory), then returns the Go heap's free pages and the C heap's free
// pages to the system. Without it the window keeps what its busiest minute
// needed: after 1,000 quick edits, about 15 MB of freed C memory that the C
// allocator held on to (docs/PERFORMANCE.md, "RSS over edits").
func giveBackWhenIdle() {
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	allocated := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	n := allocated()
	w := idleWatch{mark: n, last: n}
	for range time.Tick(idleTick) {
		if !w.tick(allocated()) {
			continue
		}
		fyne.Do(repaintWindows)
		time.Sleep(time.Second) // the frame is drawn on the next tick of Fyne's loop
		debug.FreeOSMemory()
		trimCHeap()
		w.gaveBack(allocated())
	}
}

// repaintWindows has every window draw a frame without redrawing anything
// in it: refreshing an object that is in no window marks the canvas dirty
// and frees no texture.
func repaintWindows() {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		w.Canvas().Refresh(&canvas.Rectangle{})
	}
}

// idleWatch decides from the bytes allocated so far, read at each tick,
// when a window that was busy has rested long enough.
type idleWatch struct {
	mark  uint64 // bytes allocated when memory was last given back
	last  uint64 // bytes allocated at the previous tick
	quiet int    // ticks in a row that allocated under quietBytes
}

// tick records the bytes allocated so far and reports whether to give
// memory back now.
func (w *idleWatch) tick(allocated uint64) bool {
	if allocated-w.last < quietBytes {
		w.quiet++
	} else {
		w.quiet = 0
	}
	w.last = allocated
	return w.quiet >= quietTicks && allocated-w.mark >= busyBytes
}

// gaveBack records that memory was given back when allocated bytes had
// been allocated (giving back allocates a little itself).
func (w *idleWatch) gaveBack(allocated uint64) {
	w.mark, w.last, w.quiet = allocated, allocated, 0
}
