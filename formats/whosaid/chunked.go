package whosaid

// chunked is a list that grows block by block: adding to it never copies
// what it holds. A slice grown by append copies itself again and again as
// it grows; for the millions of edges and references of a large corpus
// those copies, and the fresh memory each needs, were most of the build.
// Blocks start small (a small graph stays small) and double up to
// maxBlock elements.
type chunked[T any] struct {
	full [][]T // the blocks filled
	last []T   // the block being filled
	n    int
}

const minBlock, maxBlock = 256, 1 << 15

// add appends v.
func (c *chunked[T]) add(v T) {
	if len(c.last) == cap(c.last) {
		c.grow()
	}
	c.last = append(c.last, v)
	c.n++
}

// grow starts a new block.
func (c *chunked[T]) grow() {
	if c.last != nil {
		c.full = append(c.full, c.last)
	}
	c.last = make([]T, 0, min(max(minBlock, c.n), maxBlock))
}

// len is the number of elements added.
func (c *chunked[T]) len() int { return c.n }

// each calls fn with every element, in the order added.
func (c *chunked[T]) each(fn func(T)) {
	for _, b := range c.full {
		for _, v := range b {
			fn(v)
		}
	}
	for _, v := range c.last {
		fn(v)
	}
}
