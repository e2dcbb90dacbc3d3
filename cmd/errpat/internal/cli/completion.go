package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// The completion scripts are written from the commands' flag sets, so
// that a new flag completes without anyone editing a script.

// Spec is errpat's command line as far as its flag sets do not tell it:
// the commands, the values of the flags that take few, the flags whose
// value is a path, and the version the manual page names.
type Spec struct {
	Commands []Command           // the report first
	Choices  map[string][]string // by flag name
	Files    []string            // names of the flags that take a path
	Version  string
}

// Shells are the arguments of 'errpat completion'.
var Shells = []string{"bash", "zsh", "fish"}

// Completion is 'errpat completion bash|zsh|fish': the shell's script on
// stdout.
func (s Spec) Completion(args []string, stdout io.Writer) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		_, err := io.WriteString(stdout, completionUsage)
		return err
	}
	if len(args) != 1 || !slices.Contains(Shells, args[0]) {
		return fmt.Errorf("%w: errpat completion takes one shell: %s", ErrUsage, strings.Join(Shells, ", "))
	}
	var script string
	switch args[0] {
	case "bash":
		script = s.bash()
	case "zsh":
		script = s.zsh()
	case "fish":
		script = s.fish()
	}
	_, err := io.WriteString(stdout, script)
	return err
}

const completionUsage = `Usage: errpat completion bash|zsh|fish

Writes the shell's completion script for errpat, made from its flags:
  bash  source <(errpat completion bash), or save it in
        /etc/bash_completion.d/errpat
  zsh   source <(errpat completion zsh), or save it as _errpat in $fpath
  fish  errpat completion fish | source, or save it as
        ~/.config/fish/completions/errpat.fish
`

// takesValue tells the flags that are followed by a value.
func takesValue(f *pflag.Flag) bool { return f.Value.Type() != "bool" }

// flagWords lists a command's flags as typed: --name and -x.
func flagWords(fs *pflag.FlagSet) []string {
	var words []string
	fs.VisitAll(func(f *pflag.Flag) {
		words = append(words, "--"+f.Name)
		if f.Shorthand != "" {
			words = append(words, "-"+f.Shorthand)
		}
	})
	return append(words, "--help")
}

func (s Spec) bash() string {
	var b strings.Builder
	b.WriteString("# bash completion for errpat, written by 'errpat completion bash'.\n")
	b.WriteString("# Load it with: source <(errpat completion bash)\n")
	b.WriteString("_errpat() {\n")
	b.WriteString("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\" flags=\"\"\n")
	fmt.Fprintf(&b, "    case \"${COMP_WORDS[1]}\" in\n        %s) cmd=\"${COMP_WORDS[1]}\" ;;\n    esac\n", strings.Join(Subcommands(s.Commands), "|"))
	b.WriteString("    case \"$prev\" in\n")
	all := allFlags(s.Commands)
	all.VisitAll(func(f *pflag.Flag) {
		if !takesValue(f) {
			return
		}
		pattern := "--" + f.Name
		if f.Shorthand != "" {
			pattern += "|-" + f.Shorthand
		}
		switch {
		case s.Choices[f.Name] != nil:
			fmt.Fprintf(&b, "        %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", pattern, strings.Join(s.Choices[f.Name], " "))
		case slices.Contains(s.Files, f.Name):
			fmt.Fprintf(&b, "        %s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", pattern)
		default:
			fmt.Fprintf(&b, "        %s) COMPREPLY=(); return ;;\n", pattern)
		}
	})
	b.WriteString("    esac\n    case \"$cmd\" in\n")
	for _, c := range s.Commands {
		switch c.Name {
		case "":
			continue
		case "completion":
			fmt.Fprintf(&b, "        completion) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", strings.Join(Shells, " "))
		case "man":
			b.WriteString("        man) COMPREPLY=(); return ;;\n")
		default:
			fmt.Fprintf(&b, "        %s) flags=%q ;;\n", c.Name, strings.Join(flagWords(c.Flags), " "))
		}
	}
	b.WriteString("        help) COMPREPLY=(); return ;;\n")
	fmt.Fprintf(&b, "        *) flags=%q ;;\n    esac\n", strings.Join(flagWords(s.Commands[0].Flags), " "))
	b.WriteString("    if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n")
	fmt.Fprintf(&b, "    elif [[ $COMP_CWORD -eq 1 ]]; then\n        COMPREPLY=($(compgen -W %q -- \"$cur\") $(compgen -f -- \"$cur\"))\n",
		strings.Join(Subcommands(s.Commands), " "))
	b.WriteString("    else\n        COMPREPLY=($(compgen -f -- \"$cur\"))\n    fi\n}\n")
	b.WriteString("complete -o filenames -o bashdefault -F _errpat errpat\n")
	return b.String()
}

// shortUsage is a flag's description up to its first parenthesis, for
// the one-line descriptions of zsh and fish.
func shortUsage(f *pflag.Flag) string {
	_, desc := pflag.UnquoteUsage(f)
	if i := strings.Index(desc, " ("); i > 0 {
		desc = desc[:i]
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("[]:'\\\"`$", r) {
			return -1
		}
		return r
	}, desc)
}

func (s Spec) zsh() string {
	var b strings.Builder
	b.WriteString("#compdef errpat\n# zsh completion for errpat, written by 'errpat completion zsh'.\n")
	b.WriteString("# Load it with: source <(errpat completion zsh), or save it as _errpat in $fpath.\n")
	b.WriteString("_errpat() {\n    case $words[2] in\n")
	for _, c := range s.Commands[1:] {
		switch c.Name {
		case "completion":
			fmt.Fprintf(&b, "    completion)\n        _arguments '2:shell:(%s)' ;;\n", strings.Join(Shells, " "))
		case "man":
			b.WriteString("    man) ;;\n")
		default:
			fmt.Fprintf(&b, "    %s)\n        shift words; (( CURRENT-- ))\n        _arguments -s -S \\\n%s            '*:input:_files' ;;\n",
				c.Name, s.zshSpecs(c.Flags))
		}
	}
	b.WriteString("    help) ;;\n    *)\n        _arguments -s -S \\\n")
	b.WriteString(s.zshSpecs(s.Commands[0].Flags))
	fmt.Fprintf(&b, "            '1:command or input:(%s)' \\\n            '*:input:_files' ;;\n    esac\n}\n", strings.Join(Subcommands(s.Commands), " "))
	b.WriteString("if [ \"$funcstack[1]\" = \"_errpat\" ]; then\n    _errpat \"$@\"\nelse\n    compdef _errpat errpat\nfi\n")
	return b.String()
}

// zshSpecs are _arguments' specifications of a command's flags, one a line.
func (s Spec) zshSpecs(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		action := ""
		if takesValue(f) {
			arg, _ := flagArg(f)
			switch {
			case s.Choices[f.Name] != nil:
				action = ":" + arg + ":(" + strings.Join(s.Choices[f.Name], " ") + ")"
			case slices.Contains(s.Files, f.Name):
				action = ":" + arg + ":_files"
			default:
				action = ":" + arg + ": "
			}
		}
		repeat := ""
		if strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice") {
			repeat = "*"
		}
		names := []string{"--" + f.Name}
		if f.Shorthand != "" {
			names = append(names, "-"+f.Shorthand)
		}
		for _, n := range names {
			fmt.Fprintf(&b, "            '%s%s[%s]%s' \\\n", repeat, n, shortUsage(f), action)
		}
	})
	return b.String()
}

func (s Spec) fish() string {
	var b strings.Builder
	b.WriteString("# fish completion for errpat, written by 'errpat completion fish'.\n")
	b.WriteString("# Load it with: errpat completion fish | source\n")
	subs := strings.Join(Subcommands(s.Commands), " ")
	for _, c := range s.Commands[1:] {
		fmt.Fprintf(&b, "complete -c errpat -n '__fish_use_subcommand' -f -a %s -d '%s'\n", c.Name, c.Summary)
	}
	b.WriteString("complete -c errpat -n '__fish_use_subcommand' -f -a help -d 'print the usage'\n")
	fmt.Fprintf(&b, "complete -c errpat -n '__fish_seen_subcommand_from completion' -f -a '%s'\n", strings.Join(Shells, " "))
	for _, c := range s.Commands {
		cond := "not __fish_seen_subcommand_from " + subs
		if c.Name != "" {
			cond = "__fish_seen_subcommand_from " + c.Name
		}
		c.Flags.VisitAll(func(f *pflag.Flag) {
			fmt.Fprintf(&b, "complete -c errpat -n '%s' -l %s", cond, f.Name)
			if f.Shorthand != "" {
				fmt.Fprintf(&b, " -s %s", f.Shorthand)
			}
			switch {
			case !takesValue(f):
			case s.Choices[f.Name] != nil:
				fmt.Fprintf(&b, " -x -a '%s'", strings.Join(s.Choices[f.Name], " "))
			case slices.Contains(s.Files, f.Name):
				b.WriteString(" -r -F")
			default:
				b.WriteString(" -x")
			}
			fmt.Fprintf(&b, " -d '%s'\n", shortUsage(f))
		})
	}
	return b.String()
}
