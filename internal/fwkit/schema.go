package fwkit

import (
	"context"
	"fmt"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// Descriptions of the verdict attributes, shared by every surface.
var verdictDocs = map[string]string{
	"compliant":  "`true` when no selected control failed or errored and, under `unknown_values = \"fail\"`, none is unknown. Unknown under `unknown_values = \"defer\"` while a deciding value is unknown.",
	"findings":   "One object per control that did not pass: `control_id`, `title`, `severity`, `status` (`fail`, `unknown`, `waived` or `error`), `resource_type`, `attribute` (path inside `values`), `message`, `remediation`, `responsibility`, `service_model`, `frameworks` and, when waived, `waiver_reason`, `waiver_owner`, `waiver_expires`.",
	"violations": "One line per failed or errored control (and per unknown control under `unknown_values = \"fail\"`), for `error_message`.",
	"passed":     "Number of controls that passed.",
	"failed":     "Number of controls that failed.",
	"unknown":    "Number of controls whose deciding value is unknown until apply.",
	"waived":     "Number of failed controls waived by an active waiver.",
	"errored":    "Number of controls whose deciding value could not be read (for example malformed policy JSON).",
}

// FindingDocs describes each finding attribute.
var findingDocs = map[string]string{
	"control_id":     "Control identifier.",
	"title":          "Control title.",
	"severity":       "`critical`, `high`, `medium`, `low` or `info`.",
	"status":         "`fail`, `unknown`, `waived` or `error`.",
	"resource_type":  "Resource type judged.",
	"attribute":      "Path of the deciding attribute inside `values`.",
	"message":        "What is wrong.",
	"remediation":    "How to fix it, with a Terraform snippet.",
	"responsibility": "`customer`, `shared` or `provider`.",
	"service_model":  "`IaaS`, `PaaS` or `SaaS`.",
	"frameworks":     "Framework references such as `aws-fsbp:EC2.13`.",
	"waiver_reason":  "Reason of the waiver that applies, if any.",
	"waiver_owner":   "Owner of the waiver that applies, if any.",
	"waiver_expires": "Expiry date (YYYY-MM-DD) of the waiver that applies, if any.",
}

// VerdictDataSourceAttributes returns the computed verdict attributes for a data source schema.
func VerdictDataSourceAttributes() map[string]dsschema.Attribute {
	findingAttrs := map[string]dsschema.Attribute{}
	for name, typ := range FindingAttrTypes {
		if name == "frameworks" {
			findingAttrs[name] = dsschema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: findingDocs[name]}
			continue
		}
		_ = typ
		findingAttrs[name] = dsschema.StringAttribute{Computed: true, MarkdownDescription: findingDocs[name]}
	}
	return map[string]dsschema.Attribute{
		"compliant":  dsschema.BoolAttribute{Computed: true, MarkdownDescription: verdictDocs["compliant"]},
		"findings":   dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: verdictDocs["findings"], NestedObject: dsschema.NestedAttributeObject{Attributes: findingAttrs}},
		"violations": dsschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: verdictDocs["violations"]},
		"passed":     dsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["passed"]},
		"failed":     dsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["failed"]},
		"unknown":    dsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["unknown"]},
		"waived":     dsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["waived"]},
		"errored":    dsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["errored"]},
	}
}

// VerdictResourceAttributes returns the computed verdict attributes for a resource schema.
func VerdictResourceAttributes() map[string]rsschema.Attribute {
	findingAttrs := map[string]rsschema.Attribute{}
	for name := range FindingAttrTypes {
		if name == "frameworks" {
			findingAttrs[name] = rsschema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: findingDocs[name]}
			continue
		}
		findingAttrs[name] = rsschema.StringAttribute{Computed: true, MarkdownDescription: findingDocs[name]}
	}
	return map[string]rsschema.Attribute{
		"compliant":  rsschema.BoolAttribute{Computed: true, MarkdownDescription: verdictDocs["compliant"]},
		"findings":   rsschema.ListNestedAttribute{Computed: true, MarkdownDescription: verdictDocs["findings"], NestedObject: rsschema.NestedAttributeObject{Attributes: findingAttrs}},
		"violations": rsschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: verdictDocs["violations"]},
		"passed":     rsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["passed"]},
		"failed":     rsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["failed"]},
		"unknown":    rsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["unknown"]},
		"waived":     rsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["waived"]},
		"errored":    rsschema.Int64Attribute{Computed: true, MarkdownDescription: verdictDocs["errored"]},
	}
}

// SetVerdict writes the verdict attributes into a data source or resource state
// (or plan) through setter, which is State.SetAttribute or Plan.SetAttribute.
func SetVerdict(ctx context.Context, setter func(context.Context, path.Path, interface{}) diag.Diagnostics, v engine.Verdict, policy engine.UnknownPolicy) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, val := range VerdictAttrs(v, policy) {
		if name == "resource_type" {
			continue
		}
		diags.Append(setter(ctx, path.Root(name), val)...)
	}
	return diags
}

// Selection is the per-call narrowing of controls shared by baseline_check and
// baseline_guardrail.
type Selection struct {
	Controls        types.Set    `tfsdk:"controls"`
	ExcludeControls types.Set    `tfsdk:"exclude_controls"`
	MinimumSeverity types.String `tfsdk:"minimum_severity"`
}

// SelectionDocs describes the selection attributes.
var SelectionDocs = map[string]string{
	"controls":         "Only judge these control ids (default: every control that applies to `resource_type`).",
	"exclude_controls": "Never judge these control ids.",
	"minimum_severity": "Only judge controls of this severity or above; overrides the provider's `minimum_severity`.",
}

// Options merges a selection into the provider's options and validates ids.
func (s Selection) Options(ctx context.Context, base engine.Options, eng *engine.Engine) (engine.Options, diag.Diagnostics) {
	var diags diag.Diagnostics
	opts := base
	if !s.Controls.IsNull() && !s.Controls.IsUnknown() {
		diags.Append(s.Controls.ElementsAs(ctx, &opts.Controls, false)...)
	}
	if !s.ExcludeControls.IsNull() && !s.ExcludeControls.IsUnknown() {
		var ex []string
		diags.Append(s.ExcludeControls.ElementsAs(ctx, &ex, false)...)
		opts.Exclude = append(append([]string{}, base.Exclude...), ex...)
	}
	if !s.MinimumSeverity.IsNull() && !s.MinimumSeverity.IsUnknown() {
		sev, err := engine.ParseSeverity(s.MinimumSeverity.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("minimum_severity"), "Invalid Minimum Severity", err.Error())
		}
		opts.MinimumSeverity = sev
	}
	if err := eng.ValidateOptions(engine.Options{Controls: opts.Controls, Exclude: opts.Exclude}); err != nil {
		diags.AddAttributeError(path.Root("controls"), "Unknown Control", fmt.Sprintf("%s. The data source baseline_controls lists every control id.", err))
	}
	return opts, diags
}

// SetAttrs writes top-level attributes through setter (State.SetAttribute or
// Plan.SetAttribute), for models that hold only part of a schema.
func SetAttrs(ctx context.Context, setter func(context.Context, path.Path, interface{}) diag.Diagnostics, attrs map[string]any) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range attrs {
		diags.Append(setter(ctx, path.Root(name), v)...)
	}
	return diags
}
