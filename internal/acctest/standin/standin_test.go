package standin

import (
	"context"
	"testing"

	"github.com/hashicorp/go-cty/cty"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-plugin-sdk/v2/terraform"
)

// testTypes are the resource types the acceptance tests plan.
var testTypes = map[string][]string{
	"azurerm": {"azurerm_resource_group", "azurerm_storage_account", "azurerm_storage_container",
		"azurerm_network_security_group", "azurerm_network_security_rule", "azurerm_key_vault",
		"azurerm_mssql_server", "azurerm_linux_virtual_machine", "azurerm_eventgrid_system_topic_event_subscription"},
	"google": {"google_storage_bucket", "google_compute_firewall", "google_sql_database_instance",
		"google_kms_key_ring", "google_kms_crypto_key", "google_container_cluster"},
}

func build(t *testing.T, provider string, types ...string) *schema.Provider {
	t.Helper()
	var p *schema.Provider
	var err error
	switch provider {
	case "azurerm":
		p, err = Azurerm(types...)
	case "google":
		p, err = Google(types...)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNew_validates holds every generated schema to the SDK's own rules,
// including deeply nested blocks and list-of-list attributes.
func TestNew_validates(t *testing.T) {
	for provider, types := range testTypes {
		t.Run(provider, func(t *testing.T) {
			p := build(t, provider, types...)
			if err := p.InternalValidate(); err != nil {
				t.Fatal(err)
			}
			if len(p.ResourcesMap) != len(types) {
				t.Fatalf("built %d resource types, want %d", len(p.ResourcesMap), len(types))
			}
		})
	}
}

func TestNew_unknownType(t *testing.T) {
	if _, err := Azurerm("azurerm_no_such_thing"); err == nil {
		t.Fatal("want an error for an unknown resource type")
	}
}

// TestNew_shapes checks how schema JSON constructs map to SDK schemas.
func TestNew_shapes(t *testing.T) {
	az := build(t, "azurerm", "azurerm_network_security_group", "azurerm_storage_account", "azurerm_key_vault")
	g := build(t, "google", "google_compute_firewall")
	tests := []struct {
		name string
		got  *schema.Schema
		want func(*schema.Schema) bool
	}{
		{"object-typed set attribute is attribute-as-block", az.ResourcesMap["azurerm_network_security_group"].Schema["security_rule"],
			func(s *schema.Schema) bool {
				_, isRes := s.Elem.(*schema.Resource)
				return s.Type == schema.TypeSet && isRes && s.ConfigMode == schema.SchemaConfigModeAttr && s.Optional && s.Computed
			}},
		{"list block is a list of resources", g.ResourcesMap["google_compute_firewall"].Schema["allow"],
			func(s *schema.Schema) bool {
				_, isRes := s.Elem.(*schema.Resource)
				return s.Type == schema.TypeSet && isRes && s.ConfigMode == schema.SchemaConfigModeAuto && s.Optional
			}},
		{"number is a float", az.ResourcesMap["azurerm_key_vault"].Schema["soft_delete_retention_days"],
			func(s *schema.Schema) bool { return s.Type == schema.TypeFloat && s.Optional }},
		{"sensitive computed string", az.ResourcesMap["azurerm_storage_account"].Schema["primary_access_key"],
			func(s *schema.Schema) bool {
				return s.Type == schema.TypeString && s.Computed && !s.Optional && s.Sensitive
			}},
		{"required string", az.ResourcesMap["azurerm_key_vault"].Schema["tenant_id"],
			func(s *schema.Schema) bool { return s.Type == schema.TypeString && s.Required }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got == nil || !tt.want(tt.got) {
				t.Errorf("got %+v", tt.got)
			}
		})
	}
	if to := az.ResourcesMap["azurerm_key_vault"].Timeouts; to == nil || to.Create == nil || to.Delete == nil {
		t.Errorf("timeouts block not turned into ResourceTimeout: %+v", to)
	}
	if _, ok := az.ResourcesMap["azurerm_key_vault"].Schema["timeouts"]; ok {
		t.Error("timeouts kept as a block")
	}
	if _, ok := az.Schema["features"]; !ok {
		t.Error("azurerm provider block has no features")
	}
}

// TestApply_fillsComputed plans and applies a storage account through the
// SDK: the plan leaves computed attributes unknown, apply fills them.
func TestApply_fillsComputed(t *testing.T) {
	p := build(t, "azurerm", "azurerm_storage_account")
	r := p.ResourcesMap["azurerm_storage_account"]
	cfg := terraform.NewResourceConfigRaw(map[string]any{
		"name": "sa1", "resource_group_name": "rg", "location": "westeurope",
		"account_tier": "Standard", "account_replication_type": "LRS",
	})
	ctx := context.Background()
	diff, err := r.Diff(ctx, nil, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a := diff.Attributes["primary_blob_endpoint"]; a == nil || !a.NewComputed {
		t.Fatalf("primary_blob_endpoint not unknown at plan: %+v", a)
	}
	// The SDK's Apply gets the raw plan from gRPC; give it one here.
	vals := map[string]cty.Value{}
	for k, v := range r.CoreConfigSchema().ImpliedType().AttributeTypes() {
		vals[k] = cty.NullVal(v)
	}
	vals["name"] = cty.StringVal("sa1")
	vals["primary_blob_endpoint"] = cty.UnknownVal(cty.String)
	vals["access_tier"] = cty.UnknownVal(cty.String)
	vals["primary_access_key"] = cty.UnknownVal(cty.String)
	diff.RawPlan = cty.ObjectVal(vals)
	diff.RawConfig = cty.ObjectVal(vals)
	state, diags := r.Apply(ctx, nil, diff, nil)
	if diags.HasError() {
		t.Fatal(diags)
	}
	for attr, want := range map[string]string{
		"id":                    "standin-azurerm_storage_account/sa1",
		"name":                  "sa1",
		"primary_blob_endpoint": "standin-primary_blob_endpoint",
		"access_tier":           "standin-access_tier",
		"primary_access_key":    "standin-primary_access_key",
	} {
		if got := state.Attributes[attr]; got != want {
			t.Errorf("%s = %q, want %q", attr, got, want)
		}
	}
	// An Optional argument the configuration leaves unset holds the
	// provider's default (recorded in attributes.yaml), as the real
	// provider plans it; apply keeps it.
	if got := state.Attributes["account_kind"]; got != "StorageV2" {
		t.Errorf("account_kind = %q, want the default StorageV2", got)
	}
}

// TestNew_defaults: the stand-in plans the provider defaults recorded in the
// catalog's attributes.yaml for Optional arguments (top level and in nested
// blocks), and leaves Optional+Computed ones unknown as the real provider
// does.
func TestNew_defaults(t *testing.T) {
	p := build(t, "azurerm", "azurerm_redis_cache", "azurerm_web_application_firewall_policy", "azurerm_log_analytics_workspace", "azurerm_databricks_workspace")
	if err := p.InternalValidate(); err != nil {
		t.Fatal(err)
	}
	redis := p.ResourcesMap["azurerm_redis_cache"]
	for name, want := range map[string]any{"minimum_tls_version": "1.2", "non_ssl_port_enabled": false, "public_network_access_enabled": true} {
		if got := redis.Schema[name].Default; got != want {
			t.Errorf("azurerm_redis_cache.%s default = %#v, want %#v", name, got, want)
		}
	}
	settings := p.ResourcesMap["azurerm_web_application_firewall_policy"].Schema["policy_settings"].Elem.(*schema.Resource)
	if got := settings.Schema["mode"].Default; got != "Prevention" {
		t.Errorf("policy_settings.mode default = %#v, want Prevention", got)
	}
	if got := p.ResourcesMap["azurerm_log_analytics_workspace"].Schema["retention_in_days"].Default; got != nil {
		t.Errorf("retention_in_days is Optional+Computed: want no default, got %#v", got)
	}
	diff, err := redis.Diff(context.Background(), nil, terraform.NewResourceConfigRaw(map[string]any{
		"name": "c", "location": "westeurope", "resource_group_name": "rg", "capacity": 1, "family": "C", "sku_name": "Standard",
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a := diff.Attributes["minimum_tls_version"]; a == nil || a.New != "1.2" {
		t.Fatalf("planned minimum_tls_version = %+v, want 1.2", a)
	}
	if a := diff.Attributes["public_network_access_enabled"]; a == nil || a.New != "true" {
		t.Fatalf("planned public_network_access_enabled = %+v, want true", a)
	}
}
