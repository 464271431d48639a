package formats

import "errors"

// Sentinel errors of the article importers (ErrTooLarge also of the
// Glossa dataset codec, glossajson). Functions wrap them
// with the file name, document or line they concern; match them with
// errors.Is.
var (
	// ErrUnsupported: a file whose extension names no format Glossa imports.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrTooLarge: a file over MaxFileSize.
	ErrTooLarge = errors.New("file is too large")
	// ErrBinary: a file that is not text (an image, a PDF, an archive, or
	// anything with NUL bytes that is not UTF-16).
	ErrBinary = errors.New("file is not a text file")
	// ErrEncoding: text that is neither UTF-8 nor UTF-16. Glossa does not
	// guess legacy encodings such as Latin-1 or Windows-1252.
	ErrEncoding = errors.New("text is not UTF-8 or UTF-16")
	// ErrNoText: a file with nothing but white space in it, once converted.
	ErrNoText = errors.New("file contains no text")
)
