package analyzer

import (
	"regexp"
	"strings"
)

// Account ids are no secret, but a bug report travels further than a
// report (to a vendor's support, to a public tracker): there they are
// redacted too, apart from the credentials Mask hides everywhere.

var (
	// reAccountPath finds the account segment of API paths (/v2/accounts/<id>/...).
	reAccountPath = regexp.MustCompile(`(?i)(/accounts/)([^/\s"'?#]+)`)
	// reAccountSID finds account SIDs such as AC followed by hex digits.
	reAccountSID = regexp.MustCompile(`\bAC[0-9a-fA-F]{8,}\b`)
)

// RedactAccounts hides account ids: the <id> of /accounts/<id>/ and
// AC… account SIDs.
func RedactAccounts(s string) string {
	s = reAccountPath.ReplaceAllString(s, "${1}...")
	return reAccountSID.ReplaceAllStringFunc(s, func(sid string) string {
		if !isAccountSID(sid) {
			return sid // a word such as ACCEDED, not an id
		}
		return "AC..."
	})
}

// isAccountSID tells an account SID from a word of hex letters.
func isAccountSID(sid string) bool { return strings.ContainsAny(sid[2:], "0123456789") }

// Account says how an occurrence names an account, read before any
// redaction.
type Account int

// The ways an occurrence names an account.
const (
	AccountNone Account = iota // names none
	AccountSID                 // an AC… account SID
	AccountPath                // only the /accounts/<id>/ segment of a path
)

// AccountIn tells how texts name an account: an account SID in any of
// them first, else an /accounts/<id>/ path segment.
func AccountIn(texts ...string) Account {
	for _, t := range texts {
		for _, sid := range reAccountSID.FindAllString(t, -1) {
			if isAccountSID(sid) {
				return AccountSID
			}
		}
	}
	for _, t := range texts {
		if reAccountPath.MatchString(t) {
			return AccountPath
		}
	}
	return AccountNone
}
