package definition_test

import (
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// TestSensitiveValuesNeverInViolations: a control whose message quotes the
// value it judges (an organisation's own control on a database password) must
// not carry the value of a sensitive attribute into violation lines, which the
// documented pattern prints with nonsensitive().
func TestSensitiveValuesNeverInViolations(t *testing.T) {
	c := compile(t, `
controls:
  - id: acme-db-password-shape
    title: Database passwords come from the vault generator
    severity: high
    area: identity
    resource_types: [aws_db_instance]
    service_model: PaaS
    remediation: Use the generated password.
    condition: { attribute: password, op: matches, value: "^vault:" }
  - id: acme-cluster-password-shape
    title: Cluster passwords come from the vault generator
    severity: high
    area: identity
    resource_types: [aws_rds_cluster]
    service_model: PaaS
    remediation: Use the generated password.
    condition: { attribute: master_password, op: matches, value: "^vault:" }
`)
	secrets := []string{`hunter2-"quoted"\slash`, "Sup3r-Secret-Pw"}
	for _, secret := range secrets {
		for _, tc := range []struct{ rt, attr, id string }{{"aws_db_instance", "password", "acme-db-password-shape"}, {"aws_rds_cluster", "master_password", "acme-cluster-password-shape"}} {
			v, err := subject.FromGo(map[string]any{tc.attr: secret, "identifier": "db-main", "engine": "postgres"})
			if err != nil {
				t.Fatal(err)
			}
			verdict, err := c.Engine.Evaluate(tc.rt, v, engine.Options{Controls: []string{tc.id}})
			if err != nil {
				t.Fatal(err)
			}
			lines := verdict.Violations(engine.UnknownFail)
			if len(lines) != 1 {
				t.Fatalf("%s: violations %q, want one", tc.rt, lines)
			}
			quoted := strings.Trim(strings.ReplaceAll(secret, `"`, `\"`), `"`)
			for _, l := range lines {
				if strings.Contains(l, secret) || strings.Contains(l, quoted) || strings.Contains(l, "Sup3r") || strings.Contains(l, "hunter2") {
					t.Errorf("%s: violation line carries the sensitive value: %s", tc.rt, l)
				}
				if !strings.Contains(l, engine.Redacted) || !strings.Contains(l, tc.attr) {
					t.Errorf("%s: violation line %q does not name %s with the value redacted", tc.rt, l, tc.attr)
				}
			}
		}
	}
}
