package schema_test

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/inputcheck"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func mustGo(t *testing.T, x any) subject.Value {
	t.Helper()
	v, err := subject.FromGo(x)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestUnknownAttributes_azurerm3x: an azurerm 3.x argument on an account the
// baseline judges in its 4.x shape is named, with the 4.x attribute closest to it.
func TestUnknownAttributes_azurerm3x(t *testing.T) {
	v := mustGo(t, map[string]any{
		"name":                      "acct",
		"enable_https_traffic_only": false,
		"network_rules":             []any{map[string]any{"default_action": "Deny", "bypas": []any{"AzureServices"}}},
		"tags":                      map[string]any{"anything.goes": "x"},
	})
	got := schema.UnknownAttributes("azurerm_storage_account", v)
	if len(got) != 2 {
		t.Fatalf("got %+v, want enable_https_traffic_only and network_rules.bypas", got)
	}
	if got[0].Path != "enable_https_traffic_only" || got[0].Set || !strings.Contains(got[0].Message("azurerm_storage_account"), "azurerm 4.79.0") {
		t.Errorf("first: %+v %s", got[0], got[0].Message("azurerm_storage_account"))
	}
	if got[1].Path != "network_rules.bypas" || got[1].Closest != "network_rules.bypass" || !got[1].Set {
		t.Errorf("second: %+v", got[1])
	}
	if got := schema.UnknownAttributes("aws_s3_bucket_posture", v); got != nil {
		t.Errorf("posture type (no schema): %+v", got)
	}
}

// TestUnknownAttributes_knownInEitherVersion: an attribute aws 5.100 has and
// 6.47 dropped (or the reverse) is known.
func TestUnknownAttributes_knownInEitherVersion(t *testing.T) {
	v := mustGo(t, map[string]any{"bucket": "b", "acl": "private", "bucket_region": "eu-west-1", "versoning": []any{}})
	got := schema.UnknownAttributes("aws_s3_bucket", v)
	if len(got) != 1 || got[0].Path != "versoning" || got[0].Closest != "versioning" {
		t.Fatalf("got %+v", got)
	}
}

func TestCheckPath(t *testing.T) {
	cases := []struct {
		rt      string
		steps   []string
		ok      bool
		closest string
	}{
		{"aws_security_group", []string{"tags", "Name"}, true, ""},
		{"aws_security_group", []string{"name"}, true, ""},
		{"aws_security_group", []string{"ingress", "[*]", "cidr_blocks", "[*]"}, true, ""},
		{"aws_security_group", []string{"ingress", "[*]", "cidr_block"}, false, "ingress.cidr_blocks"},
		{"aws_security_group", []string{"tag", "Name"}, false, "tags"},
		{"azurerm_storage_account", []string{"network_rules", "[*]", "default_action"}, true, ""},
		{"aws_s3_bucket_posture", []string{"whatever"}, true, ""},
	}
	for _, c := range cases {
		ok, closest, _ := schema.CheckPath(c.rt, c.steps)
		if ok != c.ok || closest != c.closest {
			t.Errorf("CheckPath(%s, %v) = %v, %q; want %v, %q", c.rt, c.steps, ok, closest, c.ok, c.closest)
		}
	}
}

// TestUnknownAttributes_fixtures: the catalog's fixtures, written in the
// shapes the providers plan, name no attribute the schemas lack, so the
// warning does not fire on real values.
func TestUnknownAttributes_fixtures(t *testing.T) {
	for _, f := range loadFixtures(t) {
		// inputcheck's reading: extension keys (the flow logs a plan passes
		// with a VPC) and the older provider majors' names the catalog reads
		// are not unknown.
		for _, u := range inputcheck.UnknownAttributes(f.ResourceType, f.Values) {
			t.Errorf("%s %s: %s", f.File, f.Name, u.Message(f.ResourceType))
		}
	}
}
