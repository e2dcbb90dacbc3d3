package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/errpat/errpat/parsers"
)

// LoadFormats reads the format files named (--format-file), then those
// in $XDG_CONFIG_HOME/errpat/formats (~/.config/errpat/formats). A bad
// file is a usage error that names it.
func LoadFormats(named []string) ([]*parsers.Format, error) {
	files := append([]string(nil), named...)
	if dir := ConfigDir(); dir != "" {
		found, _ := filepath.Glob(filepath.Join(dir, "formats", "*.json"))
		sort.Strings(found)
		files = append(files, found...)
	}
	var formats []*parsers.Format
	names := map[string]string{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("%w: --format-file: %v", ErrUsage, err)
		}
		f, err := parsers.LoadFormat(name, data)
		if err != nil {
			return nil, fmt.Errorf("%w: format file %v", ErrUsage, err)
		}
		if prev, ok := names[f.Name]; ok {
			return nil, fmt.Errorf("%w: format file %s: format %q is defined in %s too", ErrUsage, name, f.Name, prev)
		}
		names[f.Name] = name
		formats = append(formats, f)
	}
	return formats, nil
}
