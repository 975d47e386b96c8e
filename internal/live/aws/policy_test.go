package liveaws_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

// PolicyFile is the least-privilege policy shipped with the docs.
var PolicyFile = filepath.Join("..", "..", "..", "examples", "iam", "live-readonly-policy.json")

func policyActions(t testing.TB) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(PolicyFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Statement []struct {
			Effect   string
			Action   []string
			Resource string
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", PolicyFile, err)
	}
	out := map[string]bool{}
	for _, s := range doc.Statement {
		if s.Effect != "Allow" {
			t.Fatalf("%s: only Allow statements expected", PolicyFile)
		}
		for _, a := range s.Action {
			out[a] = true
		}
	}
	return out
}

// TestPolicy_matchesOperationTable: the shipped policy grants exactly the
// actions of the operation table, every operation is a read, and no action
// is a wildcard or a write.
func TestPolicy_matchesOperationTable(t *testing.T) {
	granted := policyActions(t)
	table := map[string]bool{}
	for op, action := range liveaws.Actions {
		table[action] = true
		if !liveaws.ReadOnlyName(op.Name) {
			t.Errorf("operation %s is not a Get/Describe/List/Head call", op)
		}
		if !granted[action] {
			t.Errorf("operation %s needs %s, which %s does not grant", op, action, PolicyFile)
		}
	}
	for a := range granted {
		if !table[a] {
			t.Errorf("%s grants %s, which no live operation needs", PolicyFile, a)
		}
		name := a[strings.IndexByte(a, ':')+1:]
		if strings.Contains(a, "*") || !liveaws.ReadOnlyName(name) {
			t.Errorf("%s grants %s, which is not a read-only action", PolicyFile, a)
		}
	}
}

// recordedProblems checks every operation recorded in this process.
func recordedProblems() []string {
	b, err := os.ReadFile(PolicyFile)
	if err != nil {
		return []string{err.Error()}
	}
	return liveaws.PolicyProblems(b, liveaws.Recorded.Operations())
}
