//go:build !unix

package parsers

import "io/fs"

func idOf(fs.FileInfo) (fileID, bool) { return fileID{}, false }
