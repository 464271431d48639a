package whosaid

import (
	"io"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// Writer exports the graph of a dataset stream to one file of an Output,
// written at End.
type Writer struct {
	out   dataset.Output
	name  string
	write func(io.Writer, Graph) error
	b     *Builder
}

var _ dataset.Writer = (*Writer)(nil)

// NewGraphML returns the writer of graph.graphml.
func NewGraphML(out dataset.Output, opts Options) *Writer {
	return &Writer{out: out, name: "graph.graphml", write: WriteGraphML, b: NewBuilder(opts)}
}

// NewDOT returns the writer of graph.dot.
func NewDOT(out dataset.Output, opts Options) *Writer {
	return &Writer{out: out, name: "graph.dot", write: WriteDOT, b: NewBuilder(opts)}
}

// Begin reads the project's codebook and entity registry.
func (w *Writer) Begin(h dataset.Header) error {
	w.b.Begin(h.Project, h.Labels, h.Entities)
	return nil
}

// Bundle adds one article to the graph.
func (w *Writer) Bundle(b annotation.Bundle) error {
	w.b.Add(b)
	return nil
}

// End writes the graph.
func (w *Writer) End() error {
	f, err := w.out.Create(w.name)
	if err != nil {
		return err
	}
	if err := w.write(f, w.b.Graph()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
