package cli

import (
	"errors"
	"testing"

	"github.com/spf13/pflag"
)

func TestOneOf(t *testing.T) {
	valid := []string{"text", "json"}
	if err := OneOf("format", "json", valid); err != nil {
		t.Errorf("a valid value: got %v, want nil", err)
	}
	err := OneOf("format", "xml", valid)
	if !errors.Is(err, ErrUsage) || err.Error() != `usage: invalid --format "xml" (want text, json)` {
		t.Errorf("got %v, want a usage error naming the valid values", err)
	}
}

// TestFlagError: pflag's wording becomes errpat's, with what a value
// should be and the flag that was meant.
func TestFlagError(t *testing.T) {
	fs := pflag.NewFlagSet("errpat", pflag.ContinueOnError)
	fs.Int("workers", 0, "")
	var p Percent
	fs.Var(&p, "threshold", "")
	fs.String("format", "text", "")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--workers", "many"}, `usage: invalid --workers "many" (want a whole number)`},
		{[]string{"--threshold", "high"}, `usage: invalid --threshold "high" (want a number such as 5 or 2.5%)`},
		{[]string{"--formatt", "json"}, "usage: unknown flag: --formatt (did you mean --format?)"},
		{[]string{"--colour"}, "usage: unknown flag: --colour"},
	}
	for _, tt := range tests {
		err := fs.Parse(tt.args)
		if got := FlagError(fs, err); !errors.Is(got, ErrUsage) || got.Error() != tt.want {
			t.Errorf("%v: got %v, want %s", tt.args, got, tt.want)
		}
	}
	if err := fs.Parse([]string{"--threshold", "2.5%"}); err != nil || p != 2.5 {
		t.Errorf("--threshold 2.5%%: got %v, %v; want 2.5", p, err)
	}
}
