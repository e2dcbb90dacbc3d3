package parsers

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDiscoverLargeFolder finds the files of a folder larger than one
// chunk of parallel stat calls: every file once, in name order, with its
// size, and each broken link, hidden file and subfolder where it belongs.
func TestDiscoverLargeFolder(t *testing.T) {
	dir := t.TempDir()
	const n = statChunk + 600
	var want []string
	for i := n - 1; i >= 0; i-- { // created in reverse order
		name := filepath.Join(dir, fmt.Sprintf("f%05d.log", i))
		if err := os.WriteFile(name, []byte(strings.Repeat("x", i%7+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	sub := filepath.Join(dir, "f01500.sub")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "a.log"), []byte("a"), 0o644)
	want = append(want, filepath.Join(sub, "a.log"))
	os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "f01200.broken"))
	os.WriteFile(filepath.Join(dir, ".hidden.log"), []byte("h"), 0o644)
	slices.Sort(want)

	inputs, probs := Discover([]string{dir})
	var got []string
	for _, in := range inputs {
		got = append(got, in.Name)
		var size int64 = 1
		if i := strings.Index(in.Name, "/f0"); i >= 0 && !strings.Contains(in.Name, ".sub") {
			var k int
			fmt.Sscanf(in.Name[i+2:], "%05d", &k)
			size = int64(k%7 + 1)
		}
		if in.Size != size {
			t.Errorf("%s: size %d, want %d", in.Name, in.Size, size)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %d inputs, want %d in name order (first differences: %v)", len(got), len(want), firstDiff(got, want))
	}
	if len(probs) != 1 || probs[0].Source != filepath.Join(dir, "f01200.broken") || !strings.Contains(probs[0].Err, "broken symbolic link") {
		t.Errorf("problems %v, want the broken link only", probs)
	}
}

func firstDiff(a, b []string) []string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return []string{a[i], b[i]}
		}
	}
	return nil
}

func TestSelectionChoosesFilesInsideFolders(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.log", "b.json", "old/c.log", "node_modules/d.log", "run1/results/e.json", "x.txt"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		sel  Selection
		args []string
		want []string // relative to dir
	}{
		{"everything", Selection{}, []string{dir}, []string{"a.log", "b.json", "node_modules/d.log", "old/c.log", "run1/results/e.json", "x.txt"}},
		{"include by name", Selection{Include: []string{"*.log"}}, []string{dir}, []string{"a.log", "node_modules/d.log", "old/c.log"}},
		{"include by path", Selection{Include: []string{"**/results/*.json"}}, []string{dir}, []string{"run1/results/e.json"}},
		{"exclude a folder", Selection{Exclude: []string{"node_modules", "old"}}, []string{dir}, []string{"a.log", "b.json", "run1/results/e.json", "x.txt"}},
		{"both", Selection{Include: []string{"*.log", "*.json"}, Exclude: []string{"old/**"}}, []string{dir}, []string{"a.log", "b.json", "node_modules/d.log", "run1/results/e.json"}},
		{"a named file is always read", Selection{Include: []string{"*.json"}}, []string{filepath.Join(dir, "x.txt")}, []string{"x.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs, probs := tt.sel.Discover(tt.args)
			if len(probs) > 0 {
				t.Fatalf("problems: %v", probs)
			}
			var got []string
			for _, in := range inputs {
				rel, _ := filepath.Rel(dir, in.Name)
				got = append(got, filepath.ToSlash(rel))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if err := (Selection{Exclude: []string{"[a-"}}).CheckPatterns(); err == nil || !strings.Contains(err.Error(), `"[a-"`) {
		t.Errorf("got %v, want the invalid pattern named", err)
	}
}

// TestInputIsFile checks that an input tells whether it is a file, by
// device and inode: found by Discover (without a stat) or named alone.
func TestInputIsFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	for _, name := range []string{a, b} {
		if err := os.WriteFile(name, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Link(a, link); err != nil {
		t.Skip("no hard links here:", err)
	}
	linkFI, err := os.Stat(link)
	if err != nil {
		t.Fatal(err)
	}
	found, _ := Discover([]string{dir})
	if len(found) != 2 || found[0].Name != a {
		t.Fatalf("got inputs %+v, want %s and %s", found, a, b)
	}
	for _, tt := range []struct {
		name string
		in   Input
		want bool
	}{
		{"found, the same file", found[0], true},
		{"found, another file", found[1], false},
		{"named, the same file", Input{Name: a}, true},
		{"named, another file", Input{Name: b}, false},
		{"named, no such file", Input{Name: filepath.Join(dir, "c.log")}, false},
		{"standard input", Input{Name: "-", Stdin: true}, false},
	} {
		if got := tt.in.IsFile(linkFI); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
