//go:build !nogui

package desktop

import "testing"

func TestIdleWatch(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name  string
		ticks []uint64 // bytes allocated so far, at each tick
		want  []bool   // give back at that tick
	}{
		{"resting from the start", []uint64{0, 0, 0, 0, 0, 0, 0}, []bool{false, false, false, false, false, false, false}},
		{"busy, then quiet five ticks", []uint64{20 * mb, 40 * mb, 40 * mb, 40 * mb, 40 * mb, 40 * mb, 40 * mb}, []bool{false, false, false, false, false, false, true}},
		{"small allocations count as quiet", []uint64{20 * mb, 20*mb + 100, 20*mb + 200, 20*mb + 300, 20*mb + 400, 20*mb + 500}, []bool{false, false, false, false, false, true}},
		{"busy again resets the count", []uint64{20 * mb, 20 * mb, 20 * mb, 20 * mb, 30 * mb, 30 * mb, 30 * mb, 30 * mb, 30 * mb, 30 * mb}, []bool{false, false, false, false, false, false, false, false, false, true}},
		{"too little work to be worth it", []uint64{2 * mb, 4 * mb, 4 * mb, 4 * mb, 4 * mb, 4 * mb, 4 * mb, 4 * mb}, []bool{false, false, false, false, false, false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w idleWatch
			for i, n := range tt.ticks {
				if got := w.tick(n); got != tt.want[i] {
					t.Fatalf("tick %d (%d bytes): give back = %v, want %v", i, n, got, tt.want[i])
				}
			}
		})
	}
}

func TestIdleWatchAfterGivingBack(t *testing.T) {
	const mb = 1 << 20
	var w idleWatch
	n := uint64(50 * mb)
	w.tick(n)
	for range quietTicks - 1 {
		w.tick(n)
	}
	if !w.tick(n) {
		t.Fatal("no give-back after a busy stretch and five quiet ticks")
	}
	w.gaveBack(n + 100)
	for i := range 3 * quietTicks {
		if w.tick(n + 100) {
			t.Fatalf("tick %d after giving back: gives back again with nothing allocated since", i)
		}
	}
}
