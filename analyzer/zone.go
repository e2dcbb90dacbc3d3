package analyzer

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// LoadZone is the zone a person names: "" and "local" are the machine's
// (LocalZone), "utc" and "z" are UTC (in any case), anything else an
// IANA name such as Asia/Kolkata.
func LoadZone(name string) (*time.Location, error) {
	switch {
	case name == "" || strings.EqualFold(name, "local"):
		return LocalZone(), nil
	case strings.EqualFold(name, "utc"), strings.EqualFold(name, "z"):
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load zone %q: %w", name, err)
	}
	return loc, nil
}

// LocalZone is the machine's zone under its real name, so that reports
// never say "Local": from TZ, else from the link /etc/localtime is; else
// time.Local, which the report names by its offset. It is the zone Go
// takes for time.Local, named.
func LocalZone() *time.Location {
	if tz, set := os.LookupEnv("TZ"); set {
		// as Go reads TZ: empty is UTC, a zone it cannot load leaves
		// time.Local (UTC too)
		if loc, err := time.LoadLocation(strings.TrimPrefix(tz, ":")); err == nil && tz != "" {
			return loc
		}
		return time.Local
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			if loc, err := time.LoadLocation(name); err == nil {
				return loc
			}
		}
	}
	return time.Local
}
