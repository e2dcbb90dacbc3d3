package main

import (
	"reflect"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// problemLine is a problem as standard error tells it: its secrets
// masked, on one line, with the control characters of file names and
// input text made visible for the terminal.
func problemLine(mask *analyzer.Masker, p parsers.Problem) string {
	return report.VisibleLine(mask.Mask(p.Error()))
}

// maskReport hides in every text of the report the secrets known when
// it is written: the masker learns a run's credentials as it reads them
// (a Basic header, a URL's user information), and a text kept before
// the credential was met would still show it. Only known secrets are
// hidden here: the report's own prose (hints, summaries) is no input.
func maskReport(rep *report.Report, mask func(string) string) {
	maskValue(reflect.ValueOf(rep).Elem(), mask)
}

func maskValue(v reflect.Value, mask func(string) string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(mask(v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			maskValue(v.Elem(), mask)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				maskValue(v.Field(i), mask)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			maskValue(v.Index(i), mask)
		}
	}
}
