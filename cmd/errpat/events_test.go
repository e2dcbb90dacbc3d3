package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// eventKeys are the keys of every event line, the contract for tools.
var eventKeys = []string{"class", "endpoint", "error_code", "failed", "line", "message", "method", "path",
	"pattern", "run", "seconds", "source", "status", "test", "time"}

// readEvents decodes JSON lines, checking each line holds exactly the
// contract's keys and survives a round trip through encoding/json.
func readEvents(t *testing.T, out string) []map[string]any {
	t.Helper()
	var events []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var e map[string]any
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", n, err, sc.Text())
		}
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, eventKeys) {
			t.Fatalf("line %d: got keys %q, want %q", n, keys, eventKeys)
		}
		again, _ := json.Marshal(e)
		var back map[string]any
		if err := json.Unmarshal(again, &back); err != nil || !reflect.DeepEqual(back, e) {
			t.Fatalf("line %d does not survive a round trip: %v", n, err)
		}
		events = append(events, e)
	}
	return events
}

// TestEventsMatchTheReport: one event per request the report counts, in
// every sample, duplicates (results files, JUnit twins) written once.
func TestEventsMatchTheReport(t *testing.T) {
	for _, args := range [][]string{
		{"testdata/real-client"}, {"testdata/newman"}, {"testdata/integration"}, {"testdata/generated/logs"},
		{"--since", "2025-01-13T12:00:00Z", "--until", "2025-01-14", "testdata/generated/logs"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			args = append([]string{"--tz", "UTC"}, args...)
			code, out, errOut := runCLI(t, "", append([]string{"events", "--workers", "3"}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			events := readEvents(t, out)
			code, js, _ := runCLI(t, "", append([]string{"--format", "json"}, args...)...)
			var rep struct {
				Summary struct{ Requests, Failed int }
			}
			if err := json.Unmarshal([]byte(js), &rep); err != nil {
				t.Fatalf("report exit %d: %v", code, err)
			}
			failed := 0
			for _, e := range events {
				if e["failed"] == true {
					failed++
				}
			}
			if len(events) != rep.Summary.Requests || failed != rep.Summary.Failed || len(events) == 0 {
				t.Errorf("got %d events (%d failed), want the report's %d requests (%d failed)",
					len(events), failed, rep.Summary.Requests, rep.Summary.Failed)
			}
		})
	}
}

func TestEventFields(t *testing.T) {
	code, out, errOut := runCLI(t, "", "events", "--tz", "Asia/Kolkata", "testdata/real-client/api_test_20261128_032112.log")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	events := readEvents(t, out)
	first := events[0]
	want := map[string]any{
		"time": "2026-11-28T03:21:12.791+05:30", "source": "testdata/real-client/api_test_20261128_032112.log",
		"line": 3.0, "test": "Create Trunk", "method": "POST", "endpoint": "/trunks", "path": "/trunks",
		"status": 400.0, "failed": true, "class": "validation", "pattern": "Invalid trunk name",
		"message": "Invalid trunk name",
	}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s: got %v, want %v", k, first[k], v)
		}
	}
	if s, ok := first["seconds"].(float64); !ok || s <= 0 || s > 1 {
		t.Errorf("seconds: got %v, want the response time", first["seconds"])
	}
	folded := events[1]
	if folded["endpoint"] != "/trunks/{id}/phone-numbers" || !strings.HasPrefix(folded["path"].(string), "/trunks/TR") {
		t.Errorf("got endpoint %v path %v, want the pattern and the raw path", folded["endpoint"], folded["path"])
	}
}

func TestEventsUnknownTimeAndSecondsAreNull(t *testing.T) {
	in := `{"endpoint": "/trunks", "method": "GET", "status_code": 503, "success": false, "error_message": "Service Unavailable"}` + "\n"
	code, out, errOut := runCLI(t, in, "events", "--tz", "UTC", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	events := readEvents(t, out)
	if len(events) != 1 || events[0]["time"] != nil || events[0]["seconds"] != nil || events[0]["status"] != 503.0 {
		t.Errorf("got %v, want one event with null time and seconds", events)
	}
}

// TestEventsMaskSecrets: newman's reports carry the test credentials in
// headers, and clients that put them in URLs log them in paths and
// errors; no event may show them.
func TestEventsMaskSecrets(t *testing.T) {
	const key, token = "key_0123456789abcdef", "tok_fedcba9876543210"
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":" + token))
	t.Setenv("EXO_AUTH_KEY", key)
	t.Setenv("EXO_AUTH_TOKEN", token)
	log := "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: https://" + key + ":" + token + "@api.example.com/v2/trunks?token=" + token + "\n" +
		"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - Exception: 401 for https://" + key + ":" + token + "@api.example.com Authorization: Basic " + basic + "\n"
	code, out, errOut := runCLI(t, log, "events", "--tz", "UTC", "testdata/newman", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, secret := range []string{key, token, basic} {
		if strings.Contains(out, secret) || strings.Contains(errOut, secret) {
			t.Errorf("events show the secret %q", secret)
		}
	}
	events := readEvents(t, out)
	last := events[len(events)-1]
	if last["path"] != "https://****:****@api.example.com/v2/trunks?token=****" || !strings.Contains(last["message"].(string), "Basic ****") {
		t.Errorf("got path %v, message %v; want the credentials masked, the rest kept", last["path"], last["message"])
	}
}

// failingWriter stands for a closed pipe (errpat events | head -1).
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestEventsWriteError(t *testing.T) {
	var errOut strings.Builder
	code := run([]string{"events", "testdata/real-client"}, strings.NewReader(""), failingWriter{}, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "errpat: write events: broken pipe") {
		t.Errorf("got exit %d, stderr %q; want 2 and the write error once", code, errOut.String())
	}
	if strings.Count(errOut.String(), "broken pipe") != 1 {
		t.Errorf("the write error is printed %d times, want once", strings.Count(errOut.String(), "broken pipe"))
	}
}
