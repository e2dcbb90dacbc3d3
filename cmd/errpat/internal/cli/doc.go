// Package cli is errpat's command line as it describes itself, made from
// the commands' flag sets so that a new flag needs no other edit: --help
// in groups, -h, the manual page and the shells' completion scripts. It
// also reads the settings of flags not given (ERRPAT_<FLAG> and the config
// file), loads the format files of the config folder, and words flag
// errors in errpat's terms.
package cli
