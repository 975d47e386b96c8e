package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// TestCatalog_saasProviders: Microsoft Entra ID (hashicorp/azuread) and GitHub
// (integrations/github) each have at least 15 customer-side SaaS controls,
// and their CIS benchmarks are selectable baselines that select exactly the
// controls mapped to them.
func TestCatalog_saasProviders(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ cloud, prefix, baseline string }{
		{"azuread", "azuread_", "cis-m365-v4.0"},
		{"github", "github_", "cis-github-v1.0"},
	} {
		n, inBaseline := 0, 0
		for _, c := range eng.Controls() {
			if c.Cloud != want.cloud {
				continue
			}
			n++
			if c.ServiceModel != "SaaS" || c.Responsibility != engine.Customer {
				t.Errorf("%s: service model %s, responsibility %s; want SaaS, customer", c.ID, c.ServiceModel, c.Responsibility)
			}
			if !strings.HasPrefix(c.ID, want.cloud+"-") {
				t.Errorf("%s: id does not start with %s-", c.ID, want.cloud)
			}
			for _, rt := range c.ResourceTypes {
				if !strings.HasPrefix(rt, want.prefix) {
					t.Errorf("%s: resource type %s is not a %s resource", c.ID, rt, want.cloud)
				}
			}
			mapped := slices.ContainsFunc(c.Frameworks, func(f string) bool { return strings.HasPrefix(f, want.baseline+":") })
			if engine.InBaseline(c, want.baseline) != mapped {
				t.Errorf("%s: in baseline %s = %v, mapped = %v", c.ID, want.baseline, !mapped, mapped)
			}
			if mapped {
				inBaseline++
			}
		}
		if n < 15 {
			t.Errorf("%s has %d controls, want at least 15", want.cloud, n)
		}
		if inBaseline < 5 {
			t.Errorf("baseline %s selects %d %s controls", want.baseline, inBaseline, want.cloud)
		}
		if err := eng.ValidateBaseline(want.baseline); err != nil {
			t.Errorf("baseline %s is not selectable: %v", want.baseline, err)
		}
	}
	// The baseline narrows a verdict: a report-only MFA policy fails under
	// cis-m365-v4.0, and the GitHub baseline does not judge it.
	policy := subject.Object(map[string]subject.Value{
		"display_name": subject.String("mfa"),
		"state":        subject.String("enabledForReportingButNotEnforced"),
	})
	for baseline, wantFail := range map[string]bool{"cis-m365-v4.0": true, "cis-github-v1.0": false} {
		v, err := eng.Evaluate("azuread_conditional_access_policy", policy, engine.Options{Baseline: baseline})
		if err != nil {
			t.Fatal(err)
		}
		failed := slices.ContainsFunc(v.Findings, func(f engine.Finding) bool {
			return f.ControlID == "azuread-ca-policy-enforced" && f.Status == engine.StatusFail
		})
		if failed != wantFail {
			t.Errorf("baseline %s: azuread-ca-policy-enforced failed = %v, want %v", baseline, failed, wantFail)
		}
	}
}
