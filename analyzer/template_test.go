package analyzer

import (
	"bufio"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/errpat/errpat/parsers"
)

// readLabelled reads testdata/patterns/eval.tsv: a label, a tab and a
// message per line.
func readLabelled(t *testing.T) (labels, msgs []string) {
	t.Helper()
	f, err := os.Open("../testdata/patterns/eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		label, msg, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("eval.tsv:%d: no tab", len(labels)+1)
		}
		labels, msgs = append(labels, label), append(msgs, msg)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return labels, msgs
}

// groupMessages returns the template ID of each message.
func groupMessages(msgs []string) []string {
	keys := make([]string, len(msgs))
	counts := map[string]int{}
	for i, m := range msgs {
		keys[i] = Pattern(m)
		counts[keys[i]]++
	}
	g := LearnTemplates(counts)
	ids := make([]string, len(msgs))
	for i, k := range keys {
		ids[i] = g.Of(k).ID
	}
	return ids
}

// groupingAccuracy is the share of messages whose group is exactly the
// set of messages with their label (Zhu et al., "Tools and Benchmarks for
// Automated Log Parsing", 2019). It also lists the labels not matched.
func groupingAccuracy(labels, groups []string) (float64, []string) {
	byGroup, byLabel := map[string][]int{}, map[string]int{}
	for i := range labels {
		byGroup[groups[i]] = append(byGroup[groups[i]], i)
		byLabel[labels[i]]++
	}
	right := 0
	wrong := map[string]bool{}
	for _, members := range byGroup {
		l := labels[members[0]]
		same := byLabel[l] == len(members)
		for _, i := range members {
			if labels[i] != l {
				same = false
				wrong[labels[i]] = true
			}
		}
		if same {
			right += len(members)
		} else {
			wrong[l] = true
		}
	}
	var ws []string
	for l := range wrong {
		ws = append(ws, l)
	}
	slices.Sort(ws)
	return float64(right) / float64(len(labels)), ws
}

// TestGroupingAccuracy groups the labelled messages of several kinds of
// log (API errors, test runners, JMeter, access and application logs).
func TestGroupingAccuracy(t *testing.T) {
	labels, msgs := readLabelled(t)
	if len(msgs) < 300 {
		t.Fatalf("eval.tsv: got %d lines, want at least 300", len(msgs))
	}
	ga, wrong := groupingAccuracy(labels, groupMessages(msgs))
	if ga < 0.95 {
		t.Errorf("grouping accuracy: got %.3f, want at least 0.95; misgrouped: %s", ga, strings.Join(wrong, " "))
	}
	t.Logf("grouping accuracy %.3f over %d messages; misgrouped: %v", ga, len(msgs), wrong)
}

// TestGroupingOrderIndependent checks that the templates do not depend on
// the order the messages come in.
func TestGroupingOrderIndependent(t *testing.T) {
	_, msgs := readLabelled(t)
	want := groupMessages(msgs)
	r := rand.New(rand.NewSource(15))
	for range 5 {
		perm := r.Perm(len(msgs))
		shuffled := make([]string, len(msgs))
		for i, p := range perm {
			shuffled[i] = msgs[p]
		}
		got := groupMessages(shuffled)
		for i, p := range perm {
			if got[i] != want[p] {
				t.Fatalf("message %q: got template %s, want %s", msgs[p], got[i], want[p])
			}
		}
	}
}

// TestAPIErrorsApart checks that distinct API errors never share a
// template, and that one error with other values is never split.
func TestAPIErrorsApart(t *testing.T) {
	tests := []struct {
		name string
		msgs []string
		same bool
	}{
		{"status in text", []string{"request failed with status: 404", "request failed with status: 503"}, false},
		{"status line", []string{"unexpected response HTTP/1.1 404 from 10.0.0.1", "unexpected response HTTP/1.1 503 from 10.0.0.2"}, false},
		{"status found", []string{"expected response code to be 2XX but found 501", "expected response code to be 2XX but found 502"}, false},
		{"status class", []string{"expected response code to be 2XX but found 501", "expected response code to be 4XX but found 501"}, false},
		{"status was", []string{"code expected to contain /200/ but was 500", "code expected to contain /200/ but was 502"}, false},
		{"error code", []string{`{"code": "TRUNK_NOT_FOUND"}`, `{"code": "NUMBER_NOT_AVAILABLE"}`, `{"code": "RATE_LIMITED"}`, `{"code": "QUOTA_EXCEEDED"}`}, false},
		{"numeric error code", []string{"API error code 20404: request id 1A2B", "API error code 20422: request id 3C4D"}, false},
		{"quoted method", []string{"Unsupported method ('GET')", "Unsupported method ('POST')", "Unsupported method ('DELETE')", "Unsupported method ('PUT')"}, false},
		{"quoted state", []string{"Trunk TR1 is already 'Active'", "Trunk TR2 is already 'Inactive'"}, false},
		{"quoted field", []string{"field 'name' is required", "field 'email' is required", "field 'phone' is required", "field 'sid' is required"}, false},
		{"AuthFail", []string{"AuthFail:sts:AssumeRole denied", "AssocFail:sts:AssumeRole denied"}, false},
		{"quoted id", []string{"Trunk with SID 'TR88FB3CB3' not found", "Trunk with SID 'TR0BADSID' not found", "Trunk with SID 'TRC0NFL1CT' not found"}, true},
		{"errno", []string{"[Errno 111] Connection refused", "[Errno 61] Connection refused"}, true},
		{"negative errno", []string{"<urlopen error [Errno -2] Name or service not known>", "<urlopen error [Errno 8] Name or service not known>"}, true},
		{"AuthFail values", []string{"AuthFail:sts:5_rsn:0", "AuthFail:sts:12_rsn:3"}, true},
		{"size units", []string{"response of 12 KB too large", "response of 3 MB too large", "response of 900 B too large"}, true},
		{"list", []string{"expected ids [101, 202] to be empty", "expected ids [101, 202, 303, 404] to be empty"}, true},
		{"access log status", []string{`10.0.0.1 - - "GET /a/1 HTTP/1.1" 200 512 "-" "curl/8.0"`, `10.0.0.1 - - "GET /a/2 HTTP/1.1" 404 512 "-" "curl/8.0"`}, false},
		{"keys before a value", []string{"reason AuthFail:sts:5_rsn:0", "reason AssocFail:sts:5_rsn:0"}, false},
		{"pairs of other keys", []string{"lookup user=7 done", "lookup group=7 done"}, false},
		{"value of any shape", []string{"synchronized to 10.100.20.250, stratum 3", "synchronized to LOCAL(0), stratum 10"}, true},
		{"host with and without digits", []string{"no reverse for ns.example.com [10.0.0.1] failed", "no reverse for 1-2-3-4.dsl.example.net [1.2.3.4] failed", "no reverse for host-9.example.org [10.0.0.9] failed"}, true},
		{"pair list with a value without digits", []string{"batch rejected: id=6E0F38 id=753DA6 id=9838A3", "batch rejected: id=DCECAD id=753DA6"}, true},
		{"path of any depth", []string{"core files for program /bgl/apps/a/sppm", "core files for program /home/x/BGL-demo/SPaSM_mpi", "core files for program /bgl/apps/SWL/DDCMD//ddcMDbglV", "core files for program ./runtime_malloc"}, true},
		{"word before dots", []string{"data store interrupt caused by icbi.........0", "data store interrupt caused by dcbf.........0"}, false},
		{"host and port", []string{"wpad:80 error : could not connect", "awqiizxequsixgr:80 error : could not connect", "10.0.0.1:80 error : could not connect"}, true},
		{"time unit", []string{"close, lifetime 00:01", "close, lifetime <1 sec"}, true},
		{"row of signs", []string{"Fan speeds ( 3552 3534 **** 3515 )", "Fan speeds ( 3552 3534 4245 3515 )"}, false},
		{"enum values", []string{"attempt_1_m_2 Transitioned from NEW to UNASSIGNED", "attempt_1_m_3 Transitioned from UNASSIGNED to ASSIGNED", "attempt_1_m_4 Transitioned from ASSIGNED to RUNNING", "attempt_1_m_5 Transitioned from RUNNING to FAIL_CONTAINER_CLEANUP", "attempt_1_m_6 Transitioned from FAIL_CONTAINER_CLEANUP to FAIL_TASK_CLEANUP"}, false},
		{"names in capitals", []string{"DSDT (v001 DELL PE) @ 0x0", "FADT (v001 DELL PE) @ 0x1", "HPET (v001 DELL PE) @ 0x2", "MADT (v001 DELL PE) @ 0x3"}, true},
		{"device names", []string{"AirPort: Link Up on awdl0", "AirPort: Link Up on en0"}, false},
		{"device in a path", []string{"creating device node '/udev/vcs2'", "creating device node '/udev/vcsa2'"}, true},
		{"named user", []string{"session opened for user cyrus by (uid=0)", "session opened for user news by (uid=0)"}, true},
		{"split before learning", []string{"wl0: MDNS: IPV6 Addr: 1::2", "wl0: MDNS: IPV4 Addr: 10.0.0.1", "wl0: setup_keepalive: Remote IP: 10.0.0.2", "wl0: setup_keepalive: Local IP: 10.0.0.3"}, false},
		{"key before a path", []string{"Reading file: /etc/x.d/chargen [file=/etc/x.conf] [line=15]", "Reading file: /etc/x.d/krb5-telnet [file=/etc/x.d/krb5-telnet] [line=18]", "Reading file: /etc/x.d/echo [file=/etc/x.conf] [line=20]", "Reading file: /etc/x.d/time [file=/etc/x.conf] [line=21]"}, true},
		{"reason codes", []string{"reason = AuthFail:sts:5_rsn:0", "reason = AssocFail:sts:5_rsn:0", "reason = DeauthInd:sts:0_rsn:7", "reason = DisassocInd:sts:0_rsn:8"}, false},
		{"path value of a key", []string{"Intent { flg=0x1 cmp=com.a.mm/.plugin.WXEntryActivity (has extras) }", "Intent { flg=0x1 cmp=com.b.music/.lock.LockActivity (has extras) }"}, true},
		{"what happened", []string{"[instance: b9000564-fe1a] VM Resumed (Lifecycle Event)", "[instance: c8000564-fe1b] VM Started (Lifecycle Event)", "[instance: d7000564-fe1c] VM Paused (Lifecycle Event)", "[instance: e6000564-fe1d] VM Stopped (Lifecycle Event)"}, false},
		{"users", []string{"User alice not found", "User bob not found", "User carol not found", "User dave not found"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := groupMessages(tt.msgs)
			for i := 1; i < len(ids); i++ {
				if same := ids[i] == ids[0]; same != tt.same {
					t.Errorf("%q and %q: got same template %v, want %v (keys %q, %q)",
						tt.msgs[0], tt.msgs[i], same, tt.same, Pattern(tt.msgs[0]), Pattern(tt.msgs[i]))
				}
			}
		})
	}
}

// TestTemplateNeverAllPlaceholders checks that a template keeps a word.
func TestTemplateNeverAllPlaceholders(t *testing.T) {
	msgs := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}
	ids := groupMessages(msgs)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[0] {
			t.Errorf("%q and %q: got one template, want each its own", msgs[0], msgs[i])
		}
	}
}

// TestPatternsMergeOrder aggregates the labelled messages in parts, as
// workers do, and merges them in several orders: the templates and their
// counts are the same.
func TestPatternsMergeOrder(t *testing.T) {
	_, msgs := readLabelled(t)
	cfg := &Config{MaxProblems: 20}
	aggregate := func(order []int, parts int) map[string]int {
		aggs := make([]*Aggregate, parts)
		for i := range aggs {
			aggs[i] = New(cfg)
		}
		for i, m := range order {
			r := parsers.Record{Source: "eval.tsv", Line: m + 1, Status: 500, Failed: true, Message: msgs[m]}
			aggs[i*parts/len(order)].Add(&r)
		}
		for _, b := range aggs[1:] {
			aggs[0].Merge(b)
		}
		got := map[string]int{}
		for _, p := range aggs[0].Result().Patterns {
			got[p.ID+" "+p.Pattern] = p.Count
		}
		return got
	}
	inOrder := make([]int, len(msgs))
	for i := range inOrder {
		inOrder[i] = i
	}
	want := aggregate(inOrder, 1)
	r := rand.New(rand.NewSource(15))
	for _, parts := range []int{2, 5, 16} {
		got := aggregate(r.Perm(len(msgs)), parts)
		if len(got) != len(want) {
			t.Errorf("%d parts: got %d templates, want %d", parts, len(got), len(want))
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%d parts: %s: got %d, want %d", parts, k, got[k], n)
			}
		}
	}
}

// TestTemplateShowsKey checks that a template seen once shows its key
// whole: joining the parts of a value never drops text from the display.
func TestTemplateShowsKey(t *testing.T) {
	for _, msg := range []string{
		"status.find.in([200, 209], 304), found 404",
		"synchronized to LOCAL(0), stratum 10",
		"proxy.example.org:5070 close, 1165 bytes (1.13 KB) sent, lifetime <1 sec",
	} {
		key := Pattern(msg)
		g := LearnTemplates(map[string]int{key: 1})
		if got := g.Of(key).Pattern; got != key {
			t.Errorf("%q: got pattern %q, want %q", msg, got, key)
		}
	}
}
