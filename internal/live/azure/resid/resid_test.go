package resid_test

import (
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/azure/resid"
)

// FuzzAzureID: the resource id and policy id parsers never panic and return
// parts of their input.
func FuzzAzureID(f *testing.F) {
	for _, s := range []string{"/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x", "/subscriptions/a/resourceGroups/b/providers/Microsoft.Sql/servers/s/databases/d", "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9", "", "/", "providers/x", "//providers//"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		rt := resid.ResourceTypeOf(id)
		for _, part := range strings.Split(rt, "/") {
			if part != "" && !strings.Contains(id, part) && rt != "Microsoft.Resources/subscriptions" && rt != "Microsoft.Resources/resourceGroups" {
				t.Fatalf("ResourceTypeOf(%q) = %q: not from the input", id, rt)
			}
		}
		if s := resid.SubscriptionOf(id); s != "" && !strings.Contains(strings.ToLower(id), s) {
			t.Fatalf("SubscriptionOf(%q) = %q", id, s)
		}
		if g := resid.PolicyGUID(id); g != "" && !strings.Contains(strings.ToLower(id), g) {
			t.Fatalf("PolicyGUID(%q) = %q", id, g)
		}
	})
}

func TestParse(t *testing.T) {
	sub := "/subscriptions/11111111-1111-1111-1111-111111111111"
	for id, want := range map[string]string{
		sub + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x":   "Microsoft.Storage/storageAccounts",
		sub + "/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/databases/d1": "Microsoft.Sql/servers/databases",
		sub: "Microsoft.Resources/subscriptions",
		"":  "",
	} {
		if got := resid.ResourceTypeOf(id); got != want {
			t.Errorf("ResourceTypeOf(%q) = %q, want %q", id, got, want)
		}
	}
	if got := resid.SubscriptionOf("/subscriptions/ABC/resourceGroups/x"); got != "abc" {
		t.Errorf("SubscriptionOf = %q", got)
	}
	if got := resid.PolicyGUID("/providers/Microsoft.Authorization/policyDefinitions/404C3081-a854-4457-ae30-26a93ef643f9"); got != "404c3081-a854-4457-ae30-26a93ef643f9" {
		t.Errorf("PolicyGUID = %q", got)
	}
}
