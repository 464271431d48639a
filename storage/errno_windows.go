//go:build windows

package storage

import "syscall"

// Windows error codes that package syscall has no names for.
const (
	errorWriteProtect    = syscall.Errno(19)   // ERROR_WRITE_PROTECT
	errorHandleDiskFull  = syscall.Errno(39)   // ERROR_HANDLE_DISK_FULL
	errorDiskFull        = syscall.Errno(112)  // ERROR_DISK_FULL
	errorIODevice        = syscall.Errno(1117) // ERROR_IO_DEVICE
	errorDiskQuotaExceed = syscall.Errno(1295) // ERROR_DISK_QUOTA_EXCEEDED
)

// diskFullErrnos say the disk is full or the user's quota is used up.
var diskFullErrnos = []error{errorDiskFull, errorHandleDiskFull, errorDiskQuotaExceed, syscall.ENOSPC, syscall.EDQUOT}

// writeErrnos say the file cannot be written for another reason: the disk
// is write-protected or the device fails.
var writeErrnos = []error{errorWriteProtect, errorIODevice, syscall.EROFS, syscall.EIO}
