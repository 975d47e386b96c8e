// Package standin builds test-only stand-ins for cloud providers that are not
// installed on the test machines (hashicorp/azurerm, hashicorp/google,
// hashicorp/azuread). A
// stand-in is a terraform-plugin-sdk/v2 provider whose resource types are
// generated from the provider's schema JSON (the `terraform providers schema
// -json` format): the same SDK the real providers' resources are written
// with, so the values Terraform plans — zero values for unset keys of
// object-typed attributes, unknowns for computed attributes — come from the
// same code. Plan is the SDK's own; apply only sets the id and fills unknown
// computed attributes with placeholders. It never calls a cloud.
package standin

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-sdk/v2/diag"
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	tfschema "github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
)

// The schemas the stand-ins are generated from, and the provider versions
// they describe.
const (
	AzurermVersion = "4.79.0"
	GoogleVersion  = "6.50.0"
	AzureadVersion = "3.7.0"
)

// SchemaFile returns the path of a schema JSON in internal/schema/providers
// ("azurerm-4.79.0.json.gz"), found from this source file so that tests of any
// package can use it.
func SchemaFile(name string) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "schema", "providers", name)
}

// Azurerm builds a stand-in for hashicorp/azurerm with the given resource types.
func Azurerm(types ...string) (*schema.Provider, error) {
	return New(SchemaFile("azurerm-"+AzurermVersion+".json.gz"), types...)
}

// Google builds a stand-in for hashicorp/google with the given resource types.
func Google(types ...string) (*schema.Provider, error) {
	return New(SchemaFile("google-"+GoogleVersion+".json.gz"), types...)
}

// Azuread builds a stand-in for hashicorp/azuread (Microsoft Entra ID) with
// the given resource types.
func Azuread(types ...string) (*schema.Provider, error) {
	return New(SchemaFile("azuread-"+AzureadVersion+".json.gz"), types...)
}

// Factory serves p over protocol 5, for ProtoV5ProviderFactories.
func Factory(p *schema.Provider) func() (tfprotov5.ProviderServer, error) {
	return func() (tfprotov5.ProviderServer, error) { return p.GRPCProvider(), nil }
}

// New builds a stand-in from the gzipped schema JSON at path, holding only the
// resource types asked for (building all of a provider's ~1,100 is slow). The
// provider block comes from the JSON when it has one, else from
// fallbackProviders.
func New(path string, types ...string) (*schema.Provider, error) {
	doc, err := load(path)
	if err != nil {
		return nil, err
	}
	p := &schema.Provider{ResourcesMap: map[string]*schema.Resource{}}
	if doc.Config != nil {
		p.Schema = blockSchema(doc.Config)
	} else {
		p.Schema = fallbackProviders[doc.Name]
	}
	for _, typ := range types {
		b, ok := doc.Resources[typ]
		if !ok {
			return nil, fmt.Errorf("%s: no resource type %q", path, typ)
		}
		r := resource(typ, b)
		if err := applyDefaults(typ, r); err != nil {
			return nil, err
		}
		p.ResourcesMap[typ] = r
	}
	return p, nil
}

// applyDefaults gives the arguments of r the provider defaults the catalog
// records for them. The schema JSON (`terraform providers schema -json`)
// carries no defaults, but the real azurerm and google providers plan an
// unset argument that has a schema Default as that value. The defaults come
// from the `default:` entries of the service folders' attributes.yaml
// (internal/controls/<cloud>/<service>/attributes.yaml, issue 17's
// convention: default, since, source), read with catalog.Attributes. Only an
// Optional, non-Computed argument of a primitive type gets one: that is where
// the provider's SDK schema holds a Default (the SDK forbids a Default on
// Computed or Required arguments); an Optional+Computed argument's recorded
// default is what the cloud does after apply, which the real plan shows as
// unknown, so the stand-in leaves it unknown too.
func applyDefaults(typ string, r *schema.Resource) error {
	attrs, err := catalog.Attributes()
	if err != nil {
		return err
	}
	for path, a := range attrs[typ] {
		if a.Default == nil {
			continue
		}
		s := lookupSchema(r.Schema, path)
		if s == nil || !s.Optional || s.Computed || s.Required || s.Default != nil {
			continue
		}
		if v, ok := defaultValue(s.Type, a.Default); ok {
			s.Default = v
		}
	}
	return nil
}

// lookupSchema finds the schema of an attributes.yaml path ("mode",
// "policy_settings[*].mode") in nested blocks; nil when the path is not there.
func lookupSchema(m map[string]*schema.Schema, path string) *schema.Schema {
	parts := strings.Split(path, ".")
	for i, part := range parts {
		s := m[strings.TrimSuffix(part, "[*]")]
		if s == nil {
			return nil
		}
		if i == len(parts)-1 {
			return s
		}
		res, ok := s.Elem.(*schema.Resource)
		if !ok || s.ConfigMode == schema.SchemaConfigModeAttr {
			return nil
		}
		m = res.Schema
	}
	return nil
}

// defaultValue converts a YAML default to the SDK type of an argument.
func defaultValue(t schema.ValueType, v any) (any, bool) {
	switch t {
	case schema.TypeBool:
		b, ok := v.(bool)
		return b, ok
	case schema.TypeString:
		switch x := v.(type) {
		case string:
			return x, true
		case int, float64, bool:
			return fmt.Sprint(x), true
		}
	case schema.TypeFloat:
		switch x := v.(type) {
		case int:
			return float64(x), true
		case float64:
			return x, true
		}
	}
	return nil, false
}

var (
	docsMu sync.Mutex
	docs   = map[string]*tfschema.Provider{}
)

// load reads the schema JSON at path once per process.
func load(path string) (*tfschema.Provider, error) {
	docsMu.Lock()
	defer docsMu.Unlock()
	if d, ok := docs[path]; ok {
		return d, nil
	}
	d, err := tfschema.Load(path)
	if err == nil {
		docs[path] = d
	}
	return d, err
}

// resource generates the SDK resource typ from its schema block.
func resource(typ string, b *tfschema.Block) *schema.Resource {
	r := &schema.Resource{Schema: map[string]*schema.Schema{}, ReadContext: nothing, DeleteContext: nothing}
	r.CreateContext = apply(typ, r.Schema)
	r.UpdateContext = schema.UpdateContextFunc(r.CreateContext)
	for name, s := range blockSchema(b) {
		if name == "timeouts" && b.BlockTypes[name] != nil && b.BlockTypes[name].NestingMode == "single" {
			r.Timeouts = timeouts(b.BlockTypes[name].Block)
			continue
		}
		r.Schema[name] = s
	}
	return r
}

// blockSchema maps a block's attributes and nested blocks to SDK schemas.
func blockSchema(b *tfschema.Block) map[string]*schema.Schema {
	m := map[string]*schema.Schema{}
	if b == nil {
		return m
	}
	for name, a := range b.Attributes {
		s := valueSchema(a.Type)
		s.Required, s.Optional, s.Computed, s.Sensitive = a.Required, a.Optional, a.Computed, a.Sensitive
		if a.Deprecated {
			s.Deprecated = name + " is deprecated in the provider this stand-in models"
		}
		m[name] = s
	}
	for name, nb := range b.BlockTypes {
		s := &schema.Schema{Type: schema.TypeList, Elem: &schema.Resource{Schema: blockSchema(nb.Block)},
			MinItems: nb.MinItems, MaxItems: nb.MaxItems}
		switch nb.NestingMode {
		case "set":
			s.Type = schema.TypeSet
		case "single", "group":
			s.MaxItems = 1
		}
		s.Required = s.MinItems > 0
		s.Optional = !s.Required
		m[name] = s
	}
	return m
}

// valueSchema maps a cty type to an SDK schema (type and element only).
// Numbers are floats, which take the integers the real TypeInt attributes
// take; dynamic (absent from SDKv2 schemas) becomes a string. Objects inside
// lists and sets are attributes-as-blocks: they are
// attributes in the schema JSON, and the CLI accepts both the attribute and
// the block syntax for them, as it does for the real providers' ConfigModeAttr
// schemas.
func valueSchema(t tfschema.Type) *schema.Schema {
	switch t.Kind {
	case "string", "dynamic":
		return &schema.Schema{Type: schema.TypeString}
	case "number":
		return &schema.Schema{Type: schema.TypeFloat}
	case "bool":
		return &schema.Schema{Type: schema.TypeBool}
	}
	if t.Elem == nil { // a bare object, which SDKv2 schemas cannot hold
		return &schema.Schema{Type: schema.TypeString}
	}
	s := &schema.Schema{Type: schema.TypeList}
	switch t.Kind {
	case "set":
		s.Type = schema.TypeSet
	case "map":
		s.Type = schema.TypeMap
	}
	if t.Elem.Kind != "object" {
		s.Elem = valueSchema(*t.Elem)
		return s
	}
	fields := map[string]*schema.Schema{}
	for name, ft := range t.Elem.Attrs {
		f := valueSchema(ft)
		f.Optional = true
		fields[name] = f
	}
	s.Elem, s.ConfigMode = &schema.Resource{Schema: fields}, schema.SchemaConfigModeAttr
	return s
}

// timeouts turns a timeouts block into the SDK's ResourceTimeout.
func timeouts(b *tfschema.Block) *schema.ResourceTimeout {
	d := 30 * time.Minute
	t := &schema.ResourceTimeout{}
	for name := range b.Attributes {
		switch name {
		case "create":
			t.Create = &d
		case "read":
			t.Read = &d
		case "update":
			t.Update = &d
		case "delete":
			t.Delete = &d
		}
	}
	return t
}

// apply "creates" or "updates" a resource of type typ: it sets the id and
// fills every top-level computed attribute the plan left unknown with a
// placeholder ("standin-<attr>", 0, false, an empty collection).
func apply(typ string, attrs map[string]*schema.Schema) schema.CreateContextFunc {
	return func(_ context.Context, d *schema.ResourceData, _ any) diag.Diagnostics {
		if d.Id() == "" {
			id := typ
			if name, ok := d.Get("name").(string); ok && name != "" {
				id += "/" + name
			}
			d.SetId("standin-" + id)
		}
		plan := d.GetRawPlan()
		if plan.IsNull() || !plan.IsKnown() {
			return nil
		}
		var diags diag.Diagnostics
		for name, s := range attrs {
			if name == "id" || !s.Computed || !plan.Type().HasAttribute(name) || plan.GetAttr(name).IsKnown() {
				continue
			}
			if err := d.Set(name, placeholder(name, s)); err != nil {
				diags = append(diags, diag.FromErr(fmt.Errorf("%s.%s: %w", typ, name, err))...)
			}
		}
		return diags
	}
}

// placeholder is the value apply gives an unknown computed attribute.
func placeholder(name string, s *schema.Schema) any {
	switch s.Type {
	case schema.TypeString:
		return "standin-" + name
	case schema.TypeFloat, schema.TypeInt:
		return 0
	case schema.TypeBool:
		return false
	case schema.TypeMap:
		return map[string]any{}
	default:
		return []any{}
	}
}

func nothing(context.Context, *schema.ResourceData, any) diag.Diagnostics { return nil }

// fallbackProviders are the provider blocks of the real providers' most used
// arguments, for schema JSONs that hold no provider block (the shared ones do
// not). Every argument is optional, so that a configuration written for the
// real provider (azurerm needs `features {}`) plans with the stand-in.
var fallbackProviders = map[string]map[string]*schema.Schema{
	"azurerm": withStrings(map[string]*schema.Schema{
		"features": {Type: schema.TypeList, Optional: true, MaxItems: 1, Elem: &schema.Resource{Schema: map[string]*schema.Schema{
			"key_vault": optionalBlock("purge_soft_delete_on_destroy", "purge_soft_deleted_keys_on_destroy",
				"purge_soft_deleted_secrets_on_destroy", "purge_soft_deleted_certificates_on_destroy",
				"recover_soft_deleted_key_vaults", "recover_soft_deleted_keys", "recover_soft_deleted_secrets",
				"recover_soft_deleted_certificates"),
			"resource_group":          optionalBlock("prevent_deletion_if_contains_resources"),
			"virtual_machine":         optionalBlock("delete_os_disk_on_deletion", "skip_shutdown_and_force_delete", "detach_implicit_data_disk_on_deletion"),
			"log_analytics_workspace": optionalBlock("permanently_delete_on_destroy"),
			"storage":                 optionalBlock("data_plane_available"),
		}}},
	}, "subscription_id", "tenant_id", "client_id", "client_secret", "environment", "resource_provider_registrations",
		"use_cli", "use_msi", "use_oidc", "storage_use_azuread", "skip_provider_registration"),
	"azuread": withStrings(map[string]*schema.Schema{}, "tenant_id", "client_id", "client_secret", "environment",
		"client_certificate_path", "use_cli", "use_msi", "use_oidc", "oidc_token"),
	"google": withStrings(map[string]*schema.Schema{
		"default_labels": {Type: schema.TypeMap, Optional: true, Elem: &schema.Schema{Type: schema.TypeString}},
	}, "project", "region", "zone", "credentials", "access_token", "billing_project", "user_project_override",
		"add_terraform_attribution_label", "impersonate_service_account", "request_timeout"),
}

// withStrings adds optional string arguments (the CLI converts true to "true") to m.
func withStrings(m map[string]*schema.Schema, names ...string) map[string]*schema.Schema {
	for _, n := range names {
		m[n] = &schema.Schema{Type: schema.TypeString, Optional: true}
	}
	return m
}

// optionalBlock is an optional block of at most one, of optional bools.
func optionalBlock(names ...string) *schema.Schema {
	m := map[string]*schema.Schema{}
	for _, n := range names {
		m[n] = &schema.Schema{Type: schema.TypeBool, Optional: true}
	}
	return &schema.Schema{Type: schema.TypeList, Optional: true, MaxItems: 1, Elem: &schema.Resource{Schema: m}}
}
