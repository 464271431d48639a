// Package formats reads and writes the files Glossa exchanges with the
// outside world: article files imported as documents (plain text, Markdown,
// HTML; see ReadDocument) and the Glossa JSON dataset (see Encoder and
// DecodeDataset, specified in docs/FORMAT.md).
//
// Everything here works on io.Reader and io.Writer over the types of package
// annotation; nothing touches the network, the disk or the user interface.
package formats
