package whosaid

import (
	"slices"
	"testing"
)

func TestChunked(t *testing.T) {
	for _, n := range []int{0, 1, minBlock - 1, minBlock, minBlock + 1, 3*maxBlock + 7} {
		var c chunked[int]
		want := make([]int, n)
		for i := range n {
			want[i] = i * 7
			c.add(i * 7)
		}
		var got []int
		c.each(func(v int) { got = append(got, v) })
		if c.len() != n || !slices.Equal(got, want) && n > 0 {
			t.Errorf("%d added: len %d, each gives back other elements", n, c.len())
		}
		for _, b := range c.full {
			if len(b) > maxBlock {
				t.Errorf("%d added: a block of %d", n, len(b))
			}
		}
	}
}
