package main

import (
	"strings"
)

// The CLI cases (testdata/cli) and the corpus goldens
// (testdata/golden/corpora) are txtar archives: an optional comment, then
// sections each opened by a line "-- name --". A section's text is the
// lines up to the next such line, each with its newline.

// archive is a parsed txtar archive: its comment and its sections in order.
type archive struct {
	comment string
	names   []string
	files   map[string]string
}

// parseArchive reads a txtar archive.
func parseArchive(data string) *archive {
	a := &archive{files: map[string]string{}}
	name, text := "", &strings.Builder{}
	flush := func() {
		if name == "" {
			a.comment = text.String()
		} else {
			a.names, a.files[name] = append(a.names, name), text.String()
		}
		text.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		if n, ok := sectionName(line); ok {
			flush()
			name = n
			continue
		}
		text.WriteString(line)
	}
	flush()
	return a
}

// sectionName tells whether line opens a section, and its name.
func sectionName(line string) (string, bool) {
	line = strings.TrimSuffix(line, "\n")
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

// formatSection writes one section; a text without a final newline gets
// one, and a line saying so, so that no byte goes unseen.
func formatSection(b *strings.Builder, name, text string) {
	b.WriteString("-- " + name + " --\n")
	b.WriteString(text)
	if text != "" && !strings.HasSuffix(text, "\n") {
		b.WriteString("\n[no final newline]\n")
	}
}
