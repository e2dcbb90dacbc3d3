package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/pflag"
)

// Settings that every cron line would repeat (--tz, --peak, the mail's)
// can live in the environment and in a file. A flag not given on the
// command line is read from ERRPAT_<FLAG> (upper case, dashes as
// underscores: ERRPAT_SMTP_HOST), else from the config file; the command
// line wins over both, the environment over the file.
//
// The file, $XDG_CONFIG_HOME/errpat/config (~/.config/errpat/config),
// holds one setting a line: a flag's long name without its dashes, then
// "=" or spaces, then the value (the rest of the line; a pair of quotes
// around it is removed). A bool flag alone on its line is set. A
// repeatable flag (--include, --glob…) may be given on several lines.
// Blank lines and lines starting with # are skipped. A setting that one
// command lacks (--peak for events) is ignored by that command; a name
// that no command knows is an error that names the file and line.

// setting is one line of the config file.
type setting struct {
	name, value string
	line        int
}

// Origins say where each flag not given on the command line was read
// from: an ERRPAT_ variable or a line of the config file.
type Origins map[string]string

// configFile is the path of the config file, "" when there is no home.
func configFile() string {
	if dir := ConfigDir(); dir != "" {
		return filepath.Join(dir, "config")
	}
	return ""
}

// envName is the variable that holds a flag's value.
func envName(flag string) string {
	return "ERRPAT_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// configurable tells the flags that neither the environment nor the file
// may set: asking for the version is no setting.
func configurable(name string) bool { return name != "version" && name != "help" }

// ApplySettings sets fs's flags that the command line left alone from
// the environment, then from the config file, whose every name must be
// a flag of one of the commands.
func ApplySettings(fs *pflag.FlagSet, commands func() []Command) (Origins, error) {
	path := configFile()
	file, err := readConfig(path, commands)
	if err != nil {
		return nil, err
	}
	from := Origins{}
	var errs []error
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Changed || !configurable(f.Name) || len(errs) > 0 {
			return
		}
		if v := os.Getenv(envName(f.Name)); v != "" {
			from[f.Name] = envName(f.Name)
			if err := f.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("%w: invalid %s %q (want %s)", ErrUsage, envName(f.Name), v, wantOf(f.Value.Type())))
			}
			return
		}
		for _, s := range file {
			if s.name != f.Name {
				continue
			}
			from[f.Name] = fmt.Sprintf("%s:%d", path, s.line)
			if err := setFromFile(f, s.value); err != nil {
				errs = append(errs, fmt.Errorf("%w: %s:%d: %v", ErrUsage, path, s.line, err))
				return
			}
		}
	})
	return from, errors.Join(errs...)
}

func setFromFile(f *pflag.Flag, value string) error {
	if value == "" && f.Value.Type() == "bool" {
		value = "true"
	}
	if value == "" {
		return fmt.Errorf("%s needs a value", f.Name)
	}
	if err := f.Value.Set(value); err != nil {
		return fmt.Errorf("invalid %s %q (want %s)", f.Name, value, wantOf(f.Value.Type()))
	}
	return nil
}

// readConfig reads the config file; none is no error. Every name must be
// a flag of some errpat command.
func readConfig(path string, commands func() []Command) ([]setting, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: read the config file: %v", ErrUsage, err)
	}
	defer f.Close()
	known := allFlags(commands())
	var out []setting
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		s, ok := parseSetting(sc.Text())
		if !ok {
			continue
		}
		s.line = n
		if fl := known.Lookup(s.name); fl == nil || !configurable(s.name) {
			return nil, fmt.Errorf("%w: %s:%d: %s", ErrUsage, path, n, unknownSetting(known, s.name))
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: read %s: %v", ErrUsage, path, err)
	}
	return out, nil
}

// parseSetting reads "name = value", "name value" or "name"; ok is false
// for blank lines and comments.
func parseSetting(line string) (s setting, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '#' {
		return s, false
	}
	name, value := line, ""
	if i := strings.IndexAny(line, "= \t"); i >= 0 {
		name, value = line[:i], strings.TrimSpace(line[i:])
		value = strings.TrimSpace(strings.TrimPrefix(value, "="))
	}
	if n := len(value); n >= 2 && (value[0] == '"' || value[0] == '\'') && value[n-1] == value[0] {
		value = value[1 : n-1]
	}
	return setting{name: strings.TrimPrefix(name, "--"), value: value}, true
}

func unknownSetting(known *pflag.FlagSet, name string) string {
	switch {
	case name == "smtp-password":
		return "the SMTP password is read from ERRPAT_SMTP_PASSWORD only"
	case !configurable(name):
		return fmt.Sprintf("%q is no setting", name)
	}
	if near := nearestFlag(known, name); near != "" {
		return fmt.Sprintf("unknown setting %q (did you mean %s?)", name, near)
	}
	return fmt.Sprintf("unknown setting %q (want a flag's long name, such as tz)", name)
}

// Explain adds to a usage error about a flag that was not on the command
// line where its value came from.
func (o Origins) Explain(err error) error {
	if err == nil {
		return nil
	}
	for _, m := range flagMention.FindAllStringSubmatch(err.Error(), -1) {
		if from, ok := o[m[1]]; ok {
			return fmt.Errorf("%w (from %s)", err, from)
		}
	}
	return err
}

var flagMention = regexp.MustCompile(`--([a-z][a-z-]*[a-z])`)

// ConfigDir is errpat's configuration folder, "" when there is none.
func ConfigDir() string {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "errpat")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".config", "errpat")
	}
	return ""
}
