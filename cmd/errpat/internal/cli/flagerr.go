package cli

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// Percent is a flag's percentage (--threshold): a number, with or
// without a "%".
type Percent float64

func (p *Percent) String() string { return strconv.FormatFloat(float64(*p), 'g', -1, 64) }

// Type names the value in flag errors: "percent".
func (p *Percent) Type() string { return "percent" }

// Set reads "5", "2.5" or "2.5%".
func (p *Percent) Set(s string) error {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		return err
	}
	*p = Percent(f)
	return nil
}

var pflagInvalid = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: `)

// FlagError words a flag parsing error in errpat's terms: no library
// internals, what a value should be, and the flag the user may have meant.
func FlagError(fs *pflag.FlagSet, err error) error {
	msg := err.Error()
	if m := pflagInvalid.FindStringSubmatch(msg); m != nil {
		want := "a valid value"
		if f := fs.Lookup(strings.TrimPrefix(m[2], "--")); f != nil {
			want = wantOf(f.Value.Type())
		}
		return fmt.Errorf("%w: invalid %s %q (want %s)", ErrUsage, m[2], m[1], want)
	}
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		if near := nearestFlag(fs, name); near != "" {
			return fmt.Errorf("%w: unknown flag: --%s (did you mean --%s?)", ErrUsage, name, near)
		}
	}
	return fmt.Errorf("%w: %s", ErrUsage, msg)
}

// OneOf rejects a flag's value that is none of valid, naming them:
// invalid --format "xml" (want text, markdown, json).
func OneOf(flag, value string, valid []string) error {
	if slices.Contains(valid, value) {
		return nil
	}
	return fmt.Errorf("%w: invalid --%s %q (want %s)", ErrUsage, flag, value, strings.Join(valid, ", "))
}

func wantOf(typ string) string {
	switch typ {
	case "duration":
		return "a duration such as 2s or 500ms"
	case "int":
		return "a whole number"
	case "float64", "percent":
		return "a number such as 5 or 2.5%"
	case "bool":
		return "true or false"
	}
	return "a valid value"
}

// nearestFlag is the flag whose name is closest to name, within two
// edits; "" when none is.
func nearestFlag(fs *pflag.FlagSet, name string) string {
	best, bestDist := "", 3
	fs.VisitAll(func(f *pflag.Flag) {
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
