// Package glossajson is the codec of Glossa's own dataset, JSON (format
// "glossa") and JSON Lines ("glossa-lines"), specified in docs/FORMAT.md
// and docs/glossa.schema.json: Encoder writes a project document by
// document, DecodeDataset reads one back document by document, Detect
// recognises one by its first bytes. Both variants are entries of the
// format table in package registry, like the other tools' formats.
//
// It works on io.Reader and io.Writer over the types of package annotation
// and the shared dataset types (dataset.Header, dataset.ExportOptions);
// nothing touches the disk, the network or the user interface.
package glossajson

import "errors"

// ErrFormat is the error of a dataset that is not Glossa JSON, of another
// version or offset unit, nested too deep, or otherwise malformed. Errors of
// DecodeDataset wrap it; match it with errors.Is.
var ErrFormat = errors.New("not a valid Glossa dataset")
