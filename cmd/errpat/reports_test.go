package main

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestTestReports runs errpat over testdata/reports, a sample or more of
// every test report format, and checks the counts worked out by hand from
// the files (see each parser's test in parsers for the per-file counts):
// every record is a test case, every failure a test that failed, no
// report's metadata a request.
func TestTestReports(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", "testdata/reports")
	if code != 0 {
		t.Fatalf("exit %d, want 0: %s", code, errOut)
	}
	var rep struct {
		Inputs struct {
			Records, Duplicates int
			SkippedLines        int `json:"skipped_lines"`
			Problems            []struct{ File, Error string }
		}
		Summary struct {
			Requests, Failed, Skipped int
		}
		ByStatus []struct {
			Status int
			Class  string
			Count  int
		} `json:"by_status"`
		Detected []struct {
			Name       string
			FlakyTests []struct{ Test string } `json:"flaky_tests"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	// Tests, failed, skipped, by format:
	//   playwright   12  3  1   (failing.json 8 3 1, passing.json 4)
	//   ctrf         11  3  3   (8 3 3, 3)
	//   mochawesome   9  3  2   (6 3 2, 3)
	//   cucumber      8  4  1   (6 4 1, 2)
	//   pytest-json  11  4  1   (8 4 1, 3)
	//   allure        5  2  1   (5 result files; the container holds none)
	//   gotest       17  6  1   (failing 8 5 1, passing 4, buildfail 5 1 0)
	//   testng       12  3  2   (testng-results.xml 9 3 2, passing 3)
	// 85 records, 28 failed, 12 skipped: 73 requests. The 4 JUnit copies
	// of the TestNG run hold 8 + 8 + 7 + 1 test cases, all twins.
	if rep.Inputs.Records != 85 || rep.Summary.Requests != 73 || rep.Summary.Failed != 28 || rep.Summary.Skipped != 12 {
		t.Errorf("got %d records, %d requests, %d failed, %d skipped; want 85, 73, 28, 12",
			rep.Inputs.Records, rep.Summary.Requests, rep.Summary.Failed, rep.Summary.Skipped)
	}
	if rep.Inputs.Duplicates != 24 {
		t.Errorf("got %d duplicates, want the 24 JUnit twins of the TestNG run", rep.Inputs.Duplicates)
	}
	if rep.Inputs.SkippedLines != 0 {
		t.Errorf("got %d skipped lines, want 0", rep.Inputs.SkippedLines)
	}
	for _, p := range rep.Inputs.Problems {
		if !strings.HasSuffix(p.File, "README.md") {
			t.Errorf("got problem %s: %s, want none but the READMEs'", p.File, p.Error)
		}
	}
	// Statuses of the failures, by hand: 500 from five "expected status
	// 201, got 500" (and pytest's <Response [500]>); no response in five
	// (connection refused: mocha hook, cucumber background, pytest and
	// Allure setup, TestNG configuration); 404 twice (supertest, REST
	// Assured); 422 and 429 once (go tests); the other 14 say no status.
	got := map[string]int{}
	for _, s := range rep.ByStatus {
		if s.Class != "ok" {
			got[s.Class+" "+strconv.Itoa(s.Status)] += s.Count
		}
	}
	want := map[string]int{"server 500": 5, "network 0": 5, "not_found 404": 2, "validation 422": 1, "rate_limit 429": 1,
		"unknown -1": 14, "skipped -1": 12}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("by status %s: got %d, want %d", k, got[k], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got by status %v, want %v", got, want)
	}
	// Flaky: the tests that passed on a retry (Playwright's flaky, CTRF's
	// retries, TestNG's retried attempt, Allure's flaky flag).
	var flaky []string
	for _, d := range rep.Detected {
		if d.Name == "flaky_tests" {
			for _, f := range d.FlakyTests {
				flaky = append(flaky, f.Test)
			}
		}
	}
	sort.Strings(flaky)
	wantFlaky := []string{"[api] › trunks.spec.ts › create › rejects a bad alias", "com.example.trunkapi.TrunkApiTest.mapNumber",
		"tests.test_trunks#test_alias", "trunks.spec.ts > trunks › rejects a bad alias"}
	if strings.Join(flaky, "|") != strings.Join(wantFlaky, "|") {
		t.Errorf("got flaky tests %q, want %q", flaky, wantFlaky)
	}
}

// TestPassingReportsFailNothing reads only the green runs: every test
// passed, so errpat finds no failure, and a threshold holds.
func TestPassingReportsFailNothing(t *testing.T) {
	args := []string{"--tz", "UTC", "--format", "json", "--threshold", "0"}
	for _, f := range []string{"playwright/passing.json", "ctrf/passing.json", "mochawesome/passing.json", "cucumber/passing.json",
		"pytest-json/passing.json", "gotest/passing.jsonl", "testng/passing/testng-results.xml",
		"allure/1f0c1d2e-aaaa-4bbb-8ccc-000000000001-result.json", "allure/9e8d7c6b-0000-4000-8000-00000000000c-container.json"} {
		args = append(args, "testdata/reports/"+f)
	}
	code, out, errOut := runCLI(t, "", args...)
	var rep struct {
		Inputs struct {
			ProblemCount int `json:"problem_count"`
		}
		Summary struct{ Requests, Failed, Skipped int }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, errOut)
	}
	// 4 + 3 + 3 + 2 + 3 + 4 + 3 + 1 passed tests, none failed.
	if code != 0 || rep.Summary.Requests != 23 || rep.Summary.Failed != 0 || rep.Summary.Skipped != 0 || rep.Inputs.ProblemCount != 0 {
		t.Errorf("got exit %d, %d requests, %d failed, %d skipped, %d problems; want 0, 23, 0, 0, 0 (%s)",
			code, rep.Summary.Requests, rep.Summary.Failed, rep.Summary.Skipped, rep.Inputs.ProblemCount, errOut)
	}
}
