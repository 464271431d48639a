package whosaid

import (
	"slices"
	"testing"
)

func TestChunked(t *testing.T) {
	for _, n := range []int{0, 1, minBlock - 1, minBlock, minBlock + 1, blockLen, blockLen + 1, 3*blockLen + 7} {
		var c chunked[int]
		want := make([]int, n)
		for i := range n {
			want[i] = i * 7
			c.add(i * 7)
		}
		var got []int
		c.each(func(v int) { got = append(got, v) })
		if c.len() != n || len(got) != n || !slices.Equal(got, want) && n > 0 {
			t.Errorf("%d added: len %d, each gives back other elements", n, c.len())
		}
		for i := range n {
			if c.at(i) != want[i] {
				t.Fatalf("%d added: at(%d) = %d; want %d", n, i, c.at(i), want[i])
			}
		}
		for k, b := range c.blocks {
			if k < len(c.blocks)-1 && len(b) != blockLen || len(b) > blockLen {
				t.Errorf("%d added: block %d holds %d", n, k, len(b))
			}
		}
	}
}
