package parsers

import (
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// flatByGJSON is what scanObject replaces: gjson.Valid, then ForEach.
func flatByGJSON(s string) (bool, [nFields]gjson.Result) {
	if !gjson.Valid(s) || !gjson.Parse(s).IsObject() {
		return false, [nFields]gjson.Result{}
	}
	return true, *fields(gjson.Parse(s))
}

func sameResult(a, b gjson.Result) bool {
	return a.Type == b.Type && a.Raw == b.Raw && a.Str == b.Str && (a.Num == b.Num || a.Num != a.Num && b.Num != b.Num)
}

// nesting is how deep arrays and objects nest in s, outside strings.
func nesting(s string) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == '{' || c == '['):
			depth++
			deepest = max(deepest, depth)
		case !inString && (c == '}' || c == ']'):
			depth--
		}
	}
	return deepest
}

func checkScanObject(t *testing.T, s string) {
	t.Helper()
	var fs fieldSet
	got := scanObject(s, &fs)
	want, wantFields := flatByGJSON(s)
	if want && nesting(s) > maxDepth {
		want = false // gjson has no bound; errpat's is maxDepth
	}
	if v := validJSON(s); v != (gjson.Valid(s) && nesting(s) <= maxDepth) {
		t.Fatalf("%q: validJSON says %v", s, v)
	}
	if got != want {
		t.Fatalf("%q: scanObject says valid object %v, gjson %v", s, got, want)
	}
	if !got {
		return
	}
	gotFields := fs.finish(gjson.Result{Type: gjson.JSON, Raw: s})
	for f := range nFields {
		if !sameResult(gotFields[f], wantFields[f]) {
			t.Fatalf("%q: field %d is %+v, gjson gives %+v", s, f, gotFields[f], wantFields[f])
		}
	}
}

func TestScanObject(t *testing.T) {
	for _, s := range []string{
		`{"timestamp": "2025-01-13T00:00:01Z", "endpoint": "/trunks/TR1/settings", "response_time": 0.274, "status_code": 200}`,
		` {"status": 503, "error": "Service \"down\" \u00e9\ud83d\ude00", "ok": false} `,
		`{"statusCode": 2e2, "path": "/a", "responseTime": -0.5E+3, "success": true, "x": null}`,
		`{"request": {"url": "/n", "method": "get"}, "response": {"status": 404}}`,
		`{"endpoint": "/a", "status": 200, "endpoint": "/b", "status_code": 500}`,
		`{"message": {"nested": [1, {"a": [true, false, null]}]}, "status": 0}`,
		`{}`, `{"a":1}`, `[]`, `"x"`, `1`, ``, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":01}`, `{"a":1.}`,
		`{"a":-}`, `{"a":1e}`, `{"a":tru}`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12"}`, `{"a":[1,]}`,
		`{"a":{"b":1,}}`, `{"a":1} x`, `{"a":1}}`, `{"a" 1}`, `{'a':1}`, `{"a":[}`, `{"a":"x`, "{\"a\":\"\xff\xfe\"}",
	} {
		checkScanObject(t, s)
	}
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	checkScanObject(t, `{"status": 200, "a": `+deep(maxDepth-1)+`}`)
	checkScanObject(t, `{"status": 200, "a": `+deep(maxDepth)+`}`)
}

// TestDeepNestingIsCheap checks that a line of two million brackets is
// reported as invalid JSON, within the nesting bound rather than by
// recursing once per bracket, and that the line after it still counts.
func TestDeepNestingIsCheap(t *testing.T) {
	n := 2_000_000
	in := `{"endpoint": "/a", "status": 200, "x": ` + strings.Repeat("[", n) + strings.Repeat("]", n) + "}\n" +
		`{"endpoint": "/b", "status": 500}` + "\n"
	var recs []string
	var probs []Problem
	err := ParseJSONLines(strings.NewReader(in), "deep.jsonl", Options{MaxLine: 8 << 20}, Sink{
		Record:  func(r *Record) { recs = append(recs, r.Endpoint) },
		Problem: func(p Problem) { probs = append(probs, p) },
	})
	if err != nil || len(recs) != 1 || recs[0] != "/b" || len(probs) != 1 || probs[0].Line != 1 || probs[0].Err != "invalid JSON line" {
		t.Errorf("got records %v, problems %+v, err %v; want /b, and line 1 invalid", recs, probs, err)
	}
	if validJSON(strings.Repeat("[", n) + strings.Repeat("]", n)) {
		t.Error("validJSON accepts nesting beyond maxDepth")
	}
}

// FuzzScanObject holds scanObject to gjson: the same verdict on every
// input, and the same fields from every valid object.
func FuzzScanObject(f *testing.F) {
	for _, s := range []string{`{"endpoint": "/a", "status": 200, "duration_ms": 12}`, `{"a":[1,{"b":"\u00e9"}],"status":"500"}`, `{"a":1e5}`} {
		f.Add(s)
	}
	f.Fuzz(checkScanObject)
}

func TestCountEntries(t *testing.T) {
	for _, tt := range []struct {
		in     string
		n      int
		ok     bool
		atLine int
	}{
		{`{"test_results": []}`, 0, true, 1},
		{"{\n \"summary\": {\"a\": [1, 2]},\n \"test_results\": [\n  {\"a\": 1},\n  {\"b\": [2]}\n ],\n \"x\": null\n}\n", 2, true, 3},
		{`{"test_results": [1, "a", [], {}, null]}`, 5, true, 1},
		{`{}`, 0, false, 0},
		{`{"test_results": {}}`, 0, false, 0},
		{`{"test_results": [], "test_results": []}`, 0, false, 0},
		{`{"test_results": [], "results": []}`, 0, false, 0},
		{`{"test_results": [], "run": {}}`, 0, false, 0},
		{`{"test\u005fresults": []}`, 0, false, 0},
		{`{"test_results": [1,]}`, 0, false, 0},
		{`{"test_results": [1],}`, 0, false, 0},
		{`{"test_results": [1 2]}`, 0, false, 0},
		{`{"test_results": [1]} x`, 0, false, 0},
		{`{"test_results": [1]`, 0, false, 0},
		{`{"test_results": [tru]}`, 0, false, 0},
		{`[{"test_results": []}]`, 0, false, 0},
		{`{"test_results": [` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `]}`, 0, false, 0},
		{`{"test_results": [` + strings.Repeat("[", maxDepth-2) + strings.Repeat("]", maxDepth-2) + `]}`, 1, true, 1},
	} {
		n, at, ok := countEntries(tt.in, &entryDigest{})
		if ok != tt.ok || ok && (n != tt.n || 1+strings.Count(tt.in[:at], "\n") != tt.atLine || tt.in[at] != '[') {
			t.Errorf("countEntries(%.60q) = %d, %d, %v; want %d at line %d, %v", tt.in, n, at, ok, tt.n, tt.atLine, tt.ok)
		}
		if ok && !validJSON(tt.in) {
			t.Errorf("countEntries(%.60q) accepts what validJSON refuses", tt.in)
		}
	}
}

// FuzzCountEntries checks countEntries against validJSON and gjson: what
// it counts must be a valid document and test_results' length, and it
// must count every valid object with one plain test_results array and no
// other record list.
func FuzzCountEntries(f *testing.F) {
	for _, s := range []string{`{"test_results": [{"a": 1}, 2]}`, `{"x": {"test_results": 1}, "test_results": []}`, `{"test_results": [1], "steps": []}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, _, ok := countEntries(s, &entryDigest{})
		valid := validJSON(s)
		if ok && !valid {
			t.Fatalf("counted an invalid document %q", s)
		}
		if !valid {
			return
		}
		doc := gjson.Parse(s)
		arrays, others, escaped := 0, 0, false
		want := 0
		doc.ForEach(func(k, v gjson.Result) bool {
			escaped = escaped || strings.Contains(k.Raw, `\`)
			switch k.Str {
			case "test_results":
				if v.IsArray() {
					arrays++
					want = len(v.Array())
				} else {
					others++
				}
			case "results", "run", "steps", "overall_success":
				others++
			}
			return true
		})
		should := doc.IsObject() && arrays == 1 && others == 0 && !escaped
		if ok != should || ok && n != want {
			t.Fatalf("countEntries(%q) = %d, %v; want %d, %v", s, n, ok, want, should)
		}
	})
}
