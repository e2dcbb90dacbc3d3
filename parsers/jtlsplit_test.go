package parsers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNextJTLRow checks where a part of a JTL file may begin (offsets
// worked out by a separate script of the rule).
func TestNextJTLRow(t *testing.T) {
	next := nextJTLRowOf([]byte("timeStamp,elapsed,label,responseCode,threadName"))
	tests := []struct {
		name, in string
		want     int // offset of the line the part begins with, -1: none
	}{
		{"a part may begin with the first whole line", "cut,row\n1,2,Home,200,T 1-1\n3,4,List,200,T 1-1\n", 8},
		{"not with a sub-result", "x\n1,2,Home-0,200,T 1-1\n1,2,Home-1-2,200,T 1-1\n5,6,List,200,T 1-1\n", 46},
		{"thread numbers are no labels", "x\n1,2,Get,200,Group 1-1\n", 2},
		{"not with quotes", "x\n1,2,\"a,b\",200,T\n5,6,List,200,T\n", 18},
		{"not with other fields", "x\n1,2,List,200\n5,6,List,200,T\r\n", 15},
		{"no whole line", "x\n1,2,Home", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := next([]byte(tt.in)); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
	if nextJTLRowOf([]byte("not,a,header")) != nil {
		t.Errorf("got a Next for a file without a JMeter header; want none")
	}
}

// TestJTLPartReadsTheHeader checks that a later part of a split file is
// read in the columns of the file's header, whatever their order.
func TestJTLPartReadsTheHeader(t *testing.T) {
	head := []byte("success\tresponseCode\tlabel\ttimeStamp\telapsed")
	part := "false\t503\tGet Trunk\t1736726400000\t31\ntrue\t200\tList\t1736726401000\t12\n"
	recs, probs := parseWith(t, parseJTLCSV, part, Options{Part: 3, Head: head})
	if len(recs) != 2 || len(probs) != 0 || recs[0].Status != 503 || !recs[0].Failed || recs[1].Endpoint != "List" || recs[1].Seconds != 0.012 {
		t.Errorf("got %+v, problems %v; want a failed 503 and List in 12 ms", recs, probs)
	}
}

// TestSplitCutsOutsideQuotes checks that a JTL file is cut only where its
// quotes are even in number, and gives each part the header line.
func TestSplitCutsOutsideQuotes(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufefftimeStamp,elapsed,label,responseCode,success,failureMessage\r\n")
	for i := 0; b.Len() < 64<<10; i++ {
		if i%3 == 0 {
			b.WriteString("1736726400000,5,Get,500,false,\"one\n1736726400000,5,Get,200,true,\nthree\"\n")
		} else {
			b.WriteString("1736726400000,5,Get,200,true,\n")
		}
	}
	name := filepath.Join(t.TempDir(), "r.jtl")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	parts := Split([]Input{{Name: name}}, 4<<10)
	if len(parts) < 5 {
		t.Fatalf("got %d parts, want many", len(parts))
	}
	data := b.String()
	for _, p := range parts {
		if string(p.Head) != "timeStamp,elapsed,label,responseCode,success,failureMessage" {
			t.Errorf("part %d: got head %q, want the header line", p.Part, p.Head)
		}
		if q := strings.Count(data[:p.Offset], `"`); q%2 != 0 || p.Offset > 0 && data[p.Offset-1] != '\n' {
			t.Errorf("part %d at %d: %d quotes before it, want an even number, at a line start", p.Part, p.Offset, q)
		}
	}
}
