package provider_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// TestAccExamples_ownBaseline plans the guide's module (examples/own-baseline:
// real hashicorp/aws resources judged against baseline.yaml, the built-in
// foundational controls plus five team rules): it passes as written, and each
// rule broken by one edit fails the plan naming the rule and its fix.
func TestAccExamples_ownBaseline(t *testing.T) {
	dir := "../../examples/own-baseline"
	abs, err := filepath.Abs(filepath.Join(dir, "baseline.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	module := strings.ReplaceAll(readModule(t, dir), "${path.module}/baseline.yaml", abs)
	if module == readModule(t, dir) {
		t.Fatal("the example no longer reads ${path.module}/baseline.yaml")
	}
	cases := map[string]realCase{"compliant": {config: module}}
	for name, b := range map[string]struct{ old, new, want string }{
		"rdsBackups":         {`backup_retention_period = 7`, `backup_retention_period = 1`, `acme-rds-backups \[acme-standard:DB-1\] \([a-z]+\): backup_retention_period: is 1; want >= 7\. Fix: Set backup_retention_period >= 7`},
		"dataClassification": {`data-classification = "internal"`, `data-classification = "secret"`, `acme-data-classification \[acme-standard:DATA-2\] \([a-z]+\): tags.data-classification: is "secret"; want in`},
		"instanceTypes":      {`instance_type = "m6i.large"`, `instance_type = "p4d.24xlarge"`, `acme-instance-types \(medium\): instance_type: is "p4d.24xlarge"; want it to match`},
		"ingressPublic":      {`cidr_ipv4         = "10.0.0.0/8"`, `cidr_ipv4         = "0.0.0.0/0"`, `acme-ingress-documented-private \[acme-standard:NET-4\] \([a-z]+\): cidr_ipv4: is "0.0.0.0/0", not within \[10.0.0.0/8\]`},
		"logRetention":       {`retention_in_days = 365`, `retention_in_days = 30`, `acme-log-retention \[acme-standard:LOG-1\] \([a-z]+\): retention_in_days: none of these holds: is 30; want >= 365`},
	} {
		if !strings.Contains(module, b.old) {
			t.Fatalf("%s: the example no longer holds %q", name, b.old)
		}
		cases[name] = realCase{config: strings.Replace(module, b.old, b.new, 1), err: acctest.Wrapped(`(?s)` + b.want)}
	}
	// The waiver in baseline.yaml accepts a GPU instance of the trial project
	// until it expires (judged on a fixed day, so the test does not expire).
	waived := strings.Replace(module, `instance_type = "m6i.large"`, "instance_type = \"p4d.24xlarge\"\n  tags          = { Project = \"gpu-trial\" }", 1)
	cases["instanceWaived"] = realCase{config: strings.Replace(waived, "as_of = plantimestamp()", `as_of = "2027-01-15"`, 1)}
	cases["instanceWaiverExpired"] = realCase{
		config: strings.Replace(waived, "as_of = plantimestamp()", `as_of = "2027-07-01"`, 1),
		err:    acctest.Wrapped(`(?s)acme-instance-types \(medium\): instance_type: is "p4d.24xlarge"`),
	}
	planReal(t, cases)
}
