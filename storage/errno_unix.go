//go:build !windows

package storage

import "syscall"

// diskFullErrnos say the disk is full or the user's quota is used up.
var diskFullErrnos = []error{syscall.ENOSPC, syscall.EDQUOT}

// writeErrnos say the file cannot be written for another reason: the file
// system is read-only or the device fails.
var writeErrnos = []error{syscall.EROFS, syscall.EIO}
