package report

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// The sections of the model that came with time windows, and the generic
// layout of any section that the page template does not know by name.

// changesTitle heads the comparison, as in the text report.
func changesTitle(c *Changes) string {
	if c.Baseline.Source == previousWindow {
		return "Changes since the " + previousWindow
	}
	return "Changes since " + c.Baseline.Source
}

// hourOfDayBars charts the hours of the day that had requests.
func hourOfDayBars(hours []HourOfDay) []hourBar {
	var hs []Hour
	for _, h := range hours {
		if h.Requests > 0 {
			hs = append(hs, Hour{Hour: fmt.Sprintf("%02d:00", h.Hour), Requests: h.Requests, Failed: h.Failed})
		}
	}
	return hourBars(hs, hourBarWidth)
}

// detectedView is a detected pattern: its title, its sentence, and its
// evidence as tables.
type detectedView struct {
	Title, Summary string
	Evidence       []extraSection
}

// detectedViews lays out the detected patterns; evidence is every list
// of records a detection carries, except the crashed runs, which the
// incomplete-runs section lists.
func detectedViews(ds []Detected) []detectedView {
	out := make([]detectedView, 0, len(ds))
	for _, d := range ds {
		title := detectedTitles[d.Name]
		if title == "" {
			title = sectionTitle(d.Name)
		}
		dv := detectedView{Title: title, Summary: d.Summary}
		v := reflect.ValueOf(d)
		for i := range v.NumField() {
			f, fv := v.Type().Field(i), v.Field(i)
			if f.IsExported() && fv.Kind() == reflect.Slice && fv.Len() > 0 && isRecord(f.Type.Elem()) && jsonName(f) != "crashed_runs" {
				ev := genericSection(jsonName(f), fv.Slice(0, listed(fv.Len())))
				ev.Note = more(fv.Len()+d.LeftOut, fv.Len())
				dv.Evidence = append(dv.Evidence, ev)
			}
		}
		out = append(out, dv)
	}
	return out
}

// extraSection is a section of the report model that the page template
// does not know by name (one added after it was written), shown as a
// generic table of its JSON fields so that no section goes missing.
type extraSection struct {
	Title   string
	Columns []string
	Rows    [][]string
	Text    string
	Note    string // under the table: the rows left out
}

// extraSections lists the report's fields that the template does not
// render by name, in the model's order.
func extraSections(r *Report) []extraSection {
	v := reflect.ValueOf(r).Elem()
	var out []extraSection
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() || knownSection(f.Name) {
			continue
		}
		out = append(out, genericSection(jsonName(f), v.Field(i)))
	}
	return out
}

// knownSection tells whether the page template renders a Report field.
func knownSection(field string) bool {
	switch field {
	case "SchemaVersion", "TimeZone", "Window", "Inputs", "Summary", "Changes", "Detected", "ByStatus", "ByHour",
		"ByHourOfDay", "ByEndpoint", "TopMessages", "Slow", "Categories", "ErrorCodes", "IncompleteRun", "Alert",
		"StatedLatency", "StatedLeftOut": // stated.go
		return true
	}
	return false
}

// genericSection lays out any value: a list of records as a table with a
// column per field, a record as a table of fields, anything else as text.
func genericSection(name string, v reflect.Value) extraSection {
	s := extraSection{Title: sectionTitle(name)}
	v = deref(v)
	switch {
	case !v.IsValid():
		s.Text = "-"
	case (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) && isRecord(v.Type().Elem()):
		s.Columns = fieldNames(derefType(v.Type().Elem()))
		for i := range v.Len() {
			s.Rows = append(s.Rows, fieldCells(deref(v.Index(i))))
		}
	case v.Kind() == reflect.Struct && v.Type() != reflect.TypeFor[time.Time]():
		s.Columns = []string{"Field", "Value"}
		names, cells := fieldNames(v.Type()), fieldCells(v)
		for i := range names {
			s.Rows = append(s.Rows, []string{names[i], cells[i]})
		}
	default:
		s.Text = cellText(v)
	}
	return s
}

func isRecord(t reflect.Type) bool {
	t = derefType(t)
	return t.Kind() == reflect.Struct && t != reflect.TypeFor[time.Time]()
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		v = v.Elem()
	}
	return v
}

// fieldNames are a record's column headings: its JSON keys, for people.
func fieldNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			names = append(names, sectionTitle(jsonName(f)))
		}
	}
	return names
}

func fieldCells(v reflect.Value) []string {
	if !v.IsValid() { // a nil record in a list
		return []string{"-"}
	}
	var cells []string
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			cells = append(cells, cellText(v.Field(i)))
		}
	}
	return cells
}

// cellText formats one value for a table cell; "-" when it is unknown.
func cellText(v reflect.Value) string {
	v = deref(v)
	if !v.IsValid() {
		return "-"
	}
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return "-"
		}
		return v.String()
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = cellText(v.Index(i))
		}
		if isRecord(v.Type().Elem()) {
			return strings.Join(parts, "; ")
		}
		return strings.Join(parts, ", ")
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			return t.Format(time.RFC3339Nano)
		}
		return recordText(v)
	case reflect.Map:
		b, err := json.Marshal(v.Interface())
		if err != nil {
			return fmt.Sprint(v.Interface())
		}
		return string(b)
	}
	return fmt.Sprint(v.Interface())
}

// jsonName is a field's JSON key, or its Go name without one.
func jsonName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
		return name
	}
	return f.Name
}

// sectionTitle turns a JSON key into a heading: "detected_patterns"
// becomes "Detected patterns".
func sectionTitle(key string) string {
	s := strings.ReplaceAll(key, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// recordText puts a record in one cell: "status: 500, count: 2".
func recordText(v reflect.Value) string {
	var parts []string
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() {
			parts = append(parts, jsonName(f)+": "+cellText(v.Field(i)))
		}
	}
	return strings.Join(parts, ", ")
}
