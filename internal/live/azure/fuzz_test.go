package liveazure_test

import (
	"strings"
	"testing"

	liveazure "github.com/cloudbaseline/terraform-provider-baseline/internal/live/azure"
)

// FuzzAzureID: the resource id and policy id parsers never panic and return
// parts of their input.
func FuzzAzureID(f *testing.F) {
	for _, s := range []string{sa(subProd, "x"), "/subscriptions/a/resourceGroups/b/providers/Microsoft.Sql/servers/s/databases/d", "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9", "", "/", "providers/x", "//providers//"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		rt := liveazure.ResourceTypeOf(id)
		for _, part := range strings.Split(rt, "/") {
			if part != "" && !strings.Contains(id, part) && rt != "Microsoft.Resources/subscriptions" && rt != "Microsoft.Resources/resourceGroups" {
				t.Fatalf("ResourceTypeOf(%q) = %q: not from the input", id, rt)
			}
		}
		if s := liveazure.SubscriptionOf(id); s != "" && !strings.Contains(strings.ToLower(id), s) {
			t.Fatalf("SubscriptionOf(%q) = %q", id, s)
		}
		if g := liveazure.PolicyGUID(id); g != "" && !strings.Contains(strings.ToLower(id), g) {
			t.Fatalf("PolicyGUID(%q) = %q", id, g)
		}
	})
}
