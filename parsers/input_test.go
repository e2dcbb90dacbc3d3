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
