package w3c

import (
	"errors"

	"glossa/formats/interchange/dataset"
)

func asLineError(err error, le **dataset.LineError) bool { return errors.As(err, le) }
