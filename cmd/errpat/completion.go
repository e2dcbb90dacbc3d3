package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/report"
)

// The completion scripts are written from the commands' flag sets, so
// that a new flag completes without anyone editing a script.

// shells are the arguments of 'errpat completion'.
var shells = []string{"bash", "zsh", "fish"}

// fileFlags are the flags whose value is a path.
var fileFlags = []string{"output", "format-file", "baseline", "routes", "smtp-ca", "sendmail"}

// choices are the values a flag takes, nil when they are open.
func choices(name string) []string {
	switch name {
	case "format":
		return report.Formats
	case "section":
		return report.CSVSections
	case "color":
		return []string{"auto", "always", "never"}
	case "side":
		return sides
	case "smtp-tls":
		return tlsModes
	case "compare":
		return []string{"previous"}
	}
	return nil
}

// runCompletion is 'errpat completion bash|zsh|fish'.
func runCompletion(args []string, stdout io.Writer) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		_, err := io.WriteString(stdout, completionUsage)
		return err
	}
	if len(args) != 1 || !slices.Contains(shells, args[0]) {
		return fmt.Errorf("%w: errpat completion takes one shell: %s", errUsage, strings.Join(shells, ", "))
	}
	cmds := commands()
	var script string
	switch args[0] {
	case "bash":
		script = bashCompletion(cmds)
	case "zsh":
		script = zshCompletion(cmds)
	case "fish":
		script = fishCompletion(cmds)
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

// subcommands names the commands other than the report, and help.
func subcommands(cmds []command) []string {
	var names []string
	for _, c := range cmds {
		if c.name != "" {
			names = append(names, c.name)
		}
	}
	return append(names, "help")
}

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

func bashCompletion(cmds []command) string {
	var b strings.Builder
	b.WriteString("# bash completion for errpat, written by 'errpat completion bash'.\n")
	b.WriteString("# Load it with: source <(errpat completion bash)\n")
	b.WriteString("_errpat() {\n")
	b.WriteString("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\" flags=\"\"\n")
	fmt.Fprintf(&b, "    case \"${COMP_WORDS[1]}\" in\n        %s) cmd=\"${COMP_WORDS[1]}\" ;;\n    esac\n", strings.Join(subcommands(cmds), "|"))
	b.WriteString("    case \"$prev\" in\n")
	all := allFlags()
	all.VisitAll(func(f *pflag.Flag) {
		if !takesValue(f) {
			return
		}
		pattern := "--" + f.Name
		if f.Shorthand != "" {
			pattern += "|-" + f.Shorthand
		}
		switch {
		case choices(f.Name) != nil:
			fmt.Fprintf(&b, "        %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", pattern, strings.Join(choices(f.Name), " "))
		case slices.Contains(fileFlags, f.Name):
			fmt.Fprintf(&b, "        %s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", pattern)
		default:
			fmt.Fprintf(&b, "        %s) COMPREPLY=(); return ;;\n", pattern)
		}
	})
	b.WriteString("    esac\n    case \"$cmd\" in\n")
	for _, c := range cmds {
		switch c.name {
		case "":
			continue
		case "completion":
			fmt.Fprintf(&b, "        completion) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", strings.Join(shells, " "))
		case "man":
			b.WriteString("        man) COMPREPLY=(); return ;;\n")
		default:
			fmt.Fprintf(&b, "        %s) flags=%q ;;\n", c.name, strings.Join(flagWords(c.flags), " "))
		}
	}
	b.WriteString("        help) COMPREPLY=(); return ;;\n")
	fmt.Fprintf(&b, "        *) flags=%q ;;\n    esac\n", strings.Join(flagWords(cmds[0].flags), " "))
	b.WriteString("    if [[ $cur == -* ]]; then\n        COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n")
	fmt.Fprintf(&b, "    elif [[ $COMP_CWORD -eq 1 ]]; then\n        COMPREPLY=($(compgen -W %q -- \"$cur\") $(compgen -f -- \"$cur\"))\n",
		strings.Join(subcommands(cmds), " "))
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

func zshCompletion(cmds []command) string {
	var b strings.Builder
	b.WriteString("#compdef errpat\n# zsh completion for errpat, written by 'errpat completion zsh'.\n")
	b.WriteString("# Load it with: source <(errpat completion zsh), or save it as _errpat in $fpath.\n")
	b.WriteString("_errpat() {\n    case $words[2] in\n")
	for _, c := range cmds[1:] {
		switch c.name {
		case "completion":
			fmt.Fprintf(&b, "    completion)\n        _arguments '2:shell:(%s)' ;;\n", strings.Join(shells, " "))
		case "man":
			b.WriteString("    man) ;;\n")
		default:
			fmt.Fprintf(&b, "    %s)\n        shift words; (( CURRENT-- ))\n        _arguments -s -S \\\n%s            '*:input:_files' ;;\n",
				c.name, zshSpecs(c.flags))
		}
	}
	b.WriteString("    help) ;;\n    *)\n        _arguments -s -S \\\n")
	b.WriteString(zshSpecs(cmds[0].flags))
	fmt.Fprintf(&b, "            '1:command or input:(%s)' \\\n            '*:input:_files' ;;\n    esac\n}\n", strings.Join(subcommands(cmds), " "))
	b.WriteString("if [ \"$funcstack[1]\" = \"_errpat\" ]; then\n    _errpat \"$@\"\nelse\n    compdef _errpat errpat\nfi\n")
	return b.String()
}

// zshSpecs are _arguments' specifications of a command's flags, one a line.
func zshSpecs(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		action := ""
		if takesValue(f) {
			arg, _ := flagArg(f)
			switch {
			case choices(f.Name) != nil:
				action = ":" + arg + ":(" + strings.Join(choices(f.Name), " ") + ")"
			case slices.Contains(fileFlags, f.Name):
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

func fishCompletion(cmds []command) string {
	var b strings.Builder
	b.WriteString("# fish completion for errpat, written by 'errpat completion fish'.\n")
	b.WriteString("# Load it with: errpat completion fish | source\n")
	subs := strings.Join(subcommands(cmds), " ")
	for _, c := range cmds[1:] {
		fmt.Fprintf(&b, "complete -c errpat -n '__fish_use_subcommand' -f -a %s -d '%s'\n", c.name, c.summary)
	}
	b.WriteString("complete -c errpat -n '__fish_use_subcommand' -f -a help -d 'print the usage'\n")
	fmt.Fprintf(&b, "complete -c errpat -n '__fish_seen_subcommand_from completion' -f -a '%s'\n", strings.Join(shells, " "))
	for _, c := range cmds {
		cond := "not __fish_seen_subcommand_from " + subs
		if c.name != "" {
			cond = "__fish_seen_subcommand_from " + c.name
		}
		c.flags.VisitAll(func(f *pflag.Flag) {
			fmt.Fprintf(&b, "complete -c errpat -n '%s' -l %s", cond, f.Name)
			if f.Shorthand != "" {
				fmt.Fprintf(&b, " -s %s", f.Shorthand)
			}
			switch {
			case !takesValue(f):
			case choices(f.Name) != nil:
				fmt.Fprintf(&b, " -x -a '%s'", strings.Join(choices(f.Name), " "))
			case slices.Contains(fileFlags, f.Name):
				b.WriteString(" -r -F")
			default:
				b.WriteString(" -x")
			}
			fmt.Fprintf(&b, " -d '%s'\n", shortUsage(f))
		})
	}
	return b.String()
}
