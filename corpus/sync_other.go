package corpus

import (
	"errors"
	"syscall"
)

func errorsIsInvalid(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
