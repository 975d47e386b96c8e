package fwkit

import (
	"context"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// The `control` block and `controls_file` argument are shared by the
// provider configuration and the baseline_definition data source.

// ControlBlockDocs describes the control block.
const ControlBlockDocs = "An organisation's own control, judged like the built-in ones (see the guide *Your own baseline*). " +
	"Ids must not start with `aws-`, `azure-`, `google-`, `azuread-` or `github-`. A `condition` is one test `{ attribute, op, value }` or a combinator " +
	"`{ all = [...] }`, `{ any = [...] }`, `{ none = [...] }`, each optionally with `when = <condition>`."

// ControlsFileDocs describes controls_file.
const ControlsFileDocs = "Path of a YAML (or JSON) file of definitions shared across repositories: `controls:` (a list of controls with the fields of " +
	"the `control` block), and optionally `select:` (`baseline`, `controls`, `exclude_controls`: which built-in controls the organisation keeps), " +
	"`severities:` (control id → severity for built-in controls) and `waivers:` (as the `waiver` block). Problems are reported with the file's line."

// ControlFieldDocs describes each attribute of the control block.
var ControlFieldDocs = map[string]string{
	"id":          "Control id of your own, such as `acme-rds-backups`.",
	"title":       "What the control requires, in one line.",
	"description": "Why the control exists.",
	"severity":    "`critical`, `high`, `medium`, `low` or `info`.",
	"area": "Area of the control, any word (default `custom`). The built-in areas (`network`, `storage-public-access`, `encryption`, `key-management`, `logging`, `identity`) " +
		"keep their meaning, and they and the responsibility matrix's item ids (`backup`, `data-classification`, ...) place the control in `baseline_responsibility`.",
	"resource_types": "Resource types the control judges, such as `[\"aws_db_instance\", \"aws_rds_cluster\"]`; each must be a resource type of hashicorp/aws, azurerm, google, azuread or integrations/github.",
	"service_model":  "`IaaS`, `PaaS` or `SaaS`, for the responsibility matrix.",
	"responsibility": "`customer` (default), `shared` or `provider`.",
	"frameworks":     "Framework items as `framework:item`, such as `acme-standard:DB-1`; a framework name becomes a `baseline`.",
	"remediation":    "The change that makes a failing value pass; printed after each violation as `Fix:`.",
	"condition": "The condition every value must meet: `{ attribute = \"path\", op = \"...\", value = ... }` or `{ all | any | none = [conditions] }`, " +
		"optionally with `when = <condition>` (judge only values that match). Paths use `.` and `[*]` (`ingress[*].description`, `tags.data-classification`, " +
		"`tags[\"kubernetes.io/role\"]`); a test on a `[*]` path holds when it holds for every element. Operators: `" +
		strings.Join(definition.OperatorNames, "`, `") + "`.",
}

// ControlBlockAttrTypes is the object type of one control block.
var ControlBlockAttrTypes = map[string]attr.Type{
	"id": types.StringType, "title": types.StringType, "description": types.StringType, "severity": types.StringType,
	"area": types.StringType, "resource_types": types.ListType{ElemType: types.StringType}, "service_model": types.StringType,
	"responsibility": types.StringType, "frameworks": types.ListType{ElemType: types.StringType}, "remediation": types.StringType,
	"condition": types.DynamicType,
}

// ControlBlockRequired are the required attributes of a control block.
var ControlBlockRequired = map[string]bool{"id": true, "title": true, "severity": true, "resource_types": true, "condition": true}

// ControlBlockFields returns the control block's attribute names, sorted.
func ControlBlockFields() []string {
	names := make([]string, 0, len(ControlBlockAttrTypes))
	for n := range ControlBlockAttrTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ReadDefinitions compiles the control blocks and controls_file of a
// configuration against base. It returns nil when there are none.
func ReadDefinitions(ctx context.Context, cfg tfsdk.Config, base *engine.Engine, diags *diag.Diagnostics) *definition.Compiled {
	var file types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("controls_file"), &file)...)
	if diags.HasError() {
		return nil
	}
	var attrs map[string]tftypes.Value
	if err := cfg.Raw.As(&attrs); err != nil {
		diags.AddError("Unable to Read Control Definitions", err.Error())
		return nil
	}
	var sources []definition.Source
	if blocks, ok := attrs["control"]; ok && !blocks.IsNull() {
		v, err := subject.FromTerraform(blocks)
		if err != nil {
			diags.AddAttributeError(path.Root("control"), "Unable to Read Control Definitions", err.Error())
			return nil
		}
		if len(v.Elems()) > 0 {
			sources = append(sources, definition.Source{Name: "control", Blocks: &v})
		}
	}
	if file.IsUnknown() {
		diags.AddAttributeError(path.Root("controls_file"), "Controls File Unknown", "controls_file must be known at plan time.")
		return nil
	}
	if name := file.ValueString(); name != "" {
		doc, err := os.ReadFile(name)
		if err != nil {
			diags.AddAttributeError(path.Root("controls_file"), "Unable to Read Controls File", err.Error())
			return nil
		}
		sources = append(sources, definition.Source{Name: name, Document: doc})
	}
	if len(sources) == 0 {
		return nil
	}
	spec, probs := definition.Parse(sources...)
	var compiled *definition.Compiled
	if len(probs) == 0 {
		compiled, probs = definition.Compile(base, spec)
	}
	for _, p := range probs {
		diags.AddError("Invalid Control Definition", p.Error())
	}
	return compiled
}
