package definition_test

import (
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// TestSaaSCustomControls: an organisation's own controls may judge
// hashicorp/azuread and integrations/github resources, whose paths are
// checked against the embedded schemas, and may not take the built-in
// azuread- and github- prefixes.
func TestSaaSCustomControls(t *testing.T) {
	c := compile(t, `
controls:
  - id: acme-repo-topics
    title: Repositories carry an owner topic
    severity: low
    resource_types: [github_repository]
    remediation: Add the owning team as a topic.
    condition: { attribute: "topics[*]", op: matches, value: "team-.*" }
  - id: acme-ca-named
    title: Conditional Access policies follow the naming scheme
    severity: low
    resource_types: [azuread_conditional_access_policy]
    remediation: Name the policy CA-<number>-<purpose>.
    condition: { attribute: display_name, op: matches, value: "CA-[0-9]+-.*" }
`)
	eng := c.Engine
	repo, err := subject.FromGo(map[string]any{"name": "svc", "visibility": "private", "topics": []any{"sdk"}})
	if err != nil {
		t.Fatal(err)
	}
	if st, line := finding(t, eng, "github_repository", repo, "acme-repo-topics", engine.Options{}); st != engine.StatusFail {
		t.Errorf("acme-repo-topics on a repository without a team topic: %s %s", st, line)
	}
	policy, err := subject.FromGo(map[string]any{"display_name": "CA-001-mfa", "state": "enabled"})
	if err != nil {
		t.Fatal(err)
	}
	if st, line := finding(t, eng, "azuread_conditional_access_policy", policy, "acme-ca-named", engine.Options{}); st != engine.StatusPass {
		t.Errorf("acme-ca-named on CA-001-mfa: %s %s", st, line)
	}
	for _, tc := range []struct{ doc, want string }{
		{"controls:\n  - id: github-x\n    title: X\n    severity: low\n    resource_types: [github_repository]\n    condition: { attribute: name, op: exists }\n", `starts with`},
		{"controls:\n  - id: acme-x\n    title: X\n    severity: low\n    resource_types: [github_repository]\n    condition: { attribute: visibilty, op: exists }\n", `"visibilty" does not exist in the schema of github_repository`},
		{"controls:\n  - id: acme-x\n    title: X\n    severity: low\n    resource_types: [azuread_groop]\n    condition: { attribute: visibility, op: exists }\n", `"azuread_groop" is not a resource type`},
	} {
		if got := problems(t, tc.doc); !strings.Contains(got, tc.want) {
			t.Errorf("problems:\n%s\nwant them to contain %q", got, tc.want)
		}
	}
}
