package report

import (
	"strings"
	"testing"
)

func TestCodeSpansAndBlocks(t *testing.T) {
	if got := bugCode("a `tick` here"); got != "``a `tick` here``" {
		t.Errorf("bugCode: got %q", got)
	}
	if got := codeBlock("x ``` y"); !strings.HasPrefix(got, "````text\n") || !strings.HasSuffix(got, "\n````\n") {
		t.Errorf("codeBlock: got %q, want a fence longer than the body's backticks", got)
	}
	if got := codeBlock(`{"a":[1,2]}`); got != "```json\n{\n  \"a\": [\n    1,\n    2\n  ]\n}\n```\n" {
		t.Errorf("codeBlock JSON: got %q, want it indented", got)
	}
}
