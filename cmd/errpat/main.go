package main

import (
	"os"
	"runtime/debug"
)

// memoryLimit is the heap errpat aims to stay under (GOMEMLIMIT overrides
// it): what it keeps grows with the groups it finds, not with the input,
// so the garbage collector can be asked to keep the rest small.
const memoryLimit = 80 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
