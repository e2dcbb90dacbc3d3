package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/parsers"
)

// userFormats are the format files of --format-file and of the user's
// configuration folder, loaded and checked.
type userFormats struct {
	files   []string
	formats []*parsers.Format
}

func addFormatFlags(fs *pflag.FlagSet, u *userFormats) {
	fs.StringArrayVar(&u.files, "format-file", nil, "also read the format described in `FILE` (repeatable; see the README)")
}

// load reads the format files named on the command line, then those in
// $XDG_CONFIG_HOME/errpat/formats (~/.config/errpat/formats). A bad file
// is a usage error that names it.
func (u *userFormats) load() error {
	files := append([]string(nil), u.files...)
	if dir := cli.ConfigDir(); dir != "" {
		found, _ := filepath.Glob(filepath.Join(dir, "formats", "*.json"))
		sort.Strings(found)
		files = append(files, found...)
	}
	names := map[string]string{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("%w: --format-file: %v", cli.ErrUsage, err)
		}
		f, err := parsers.LoadFormat(name, data)
		if err != nil {
			return fmt.Errorf("%w: format file %v", cli.ErrUsage, err)
		}
		if prev, ok := names[f.Name]; ok {
			return fmt.Errorf("%w: format file %s: format %q is defined in %s too", cli.ErrUsage, name, f.Name, prev)
		}
		names[f.Name] = name
		u.formats = append(u.formats, f)
	}
	return nil
}
