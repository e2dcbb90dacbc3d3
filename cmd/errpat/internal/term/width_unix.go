//go:build linux || darwin

package term

import (
	"os"
	"syscall"
	"unsafe"
)

// windowWidth asks the terminal f for its width in columns (0 when it
// does not say). The ioctl writes a winsize struct of four uint16s into
// ws, which lives for the call: unsafe only passes its address.
func windowWidth(f *os.File) int {
	var ws [4]uint16 // rows, columns, x and y pixels
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), uintptr(syscall.TIOCGWINSZ), uintptr(unsafe.Pointer(&ws)))
	if errno != 0 {
		return 0
	}
	return int(ws[1])
}
