package whosaid

// chunked is a list that grows block by block: adding to it never copies
// what it holds. A slice grown by append copies itself again and again as
// it grows; for the millions of references and mentions of a large
// corpus those copies, and the fresh memory each needs, were most of the
// build. The first block grows as a slice does from minBlock elements (a
// small graph stays small); the others are blockLen long, so that
// element i is found in one step.
type chunked[T any] struct {
	blocks [][]T
	n      int
}

const minBlock, blockLen = 64, 1 << 12

// add appends v.
func (c *chunked[T]) add(v T) {
	switch {
	case len(c.blocks) == 0:
		c.blocks = append(c.blocks, make([]T, 0, minBlock))
	case len(c.blocks[len(c.blocks)-1]) == blockLen:
		c.blocks = append(c.blocks, make([]T, 0, blockLen))
	}
	last := &c.blocks[len(c.blocks)-1]
	*last = append(*last, v)
	c.n++
}

// len is the number of elements added.
func (c *chunked[T]) len() int { return c.n }

// at is element i (0 <= i < len).
func (c *chunked[T]) at(i int) T { return c.blocks[i/blockLen][i%blockLen] }

// ptr is a pointer to element i (0 <= i < len), good until the next add
// (which may move the first block).
func (c *chunked[T]) ptr(i int) *T { return &c.blocks[i/blockLen][i%blockLen] }

// each calls fn with every element, in the order added.
func (c *chunked[T]) each(fn func(T)) {
	for _, b := range c.blocks {
		for _, v := range b {
			fn(v)
		}
	}
}
