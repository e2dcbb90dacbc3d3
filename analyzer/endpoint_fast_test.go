package analyzer

import (
	"strings"
	"testing"
)

// foldSplit is the pattern of raw as the definition reads: scheme and
// host dropped, query and fragment cut, then each segment asked isID. The
// one-pass appendFolded must agree with it on every input.
func foldSplit(raw string) string {
	p := strings.TrimSpace(raw)
	if i := strings.IndexByte(p, ':'); i >= 0 && strings.HasPrefix(p[i:], "://") {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if isID(s) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

var foldSeeds = []string{
	"/trunks/TR7C02CC0F/phone-numbers", "/trunks", "", "/", "//", " /a/1 ", "\u00a0/x/9\u00a0", "\t/v2/x\n",
	"https://KEY:TOKEN@api.example.com/v2/accounts/acme1/trunks?page=2", "https://host.example.com",
	"/v2/accounts/{{account_sid}}/trunks/{{trunk_sid}}/settings", "/users/:id", "/x?u=http://h/a/1",
	"/users/550e8400-e29b-41d4-a716-446655440000#frag", "/numbers/+919876543210", "/v10/health",
	"/v123456789/x", "/V2", "/{id}/x", "/a@b/c", "/a/b/", "?q", "#f", "/a#b?c", "/é1/ü", "x\xff/1\xc2",
}

func TestAppendFoldedAgrees(t *testing.T) {
	for _, s := range foldSeeds {
		if got, want := FoldEndpoint(s), foldSplit(s); got != want {
			t.Errorf("FoldEndpoint(%q): got %q, want %q", s, got, want)
		}
	}
}

func FuzzAppendFolded(f *testing.F) {
	for _, s := range foldSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendFolded([]byte("GET\x00"), s)), "GET\x00"+foldSplit(s); got != want {
			t.Errorf("appendFolded(%q): got %q, want %q", s, got, want)
		}
	})
}

func BenchmarkAppendFolded(b *testing.B) {
	paths := []string{"/trunks", "/trunks/TR5653CC3D/phone-numbers", "/trunks/TR5653CC3D/destination-uris",
		"/v2/accounts/AC0123456789/trunks/TR5653CC3D/settings", "https://api.example.com/v2/trunks/TR1?x=1"}
	var buf []byte
	for i := range b.N {
		buf = appendFolded(buf[:0], paths[i%len(paths)])
	}
}
