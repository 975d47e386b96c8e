package fwkit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
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
	"fix":            "The one-line change that makes the value pass.",
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
	Baseline        types.String `tfsdk:"baseline"`
	Waivers         types.List   `tfsdk:"waivers"`
}

// SelectionDocs describes the selection attributes.
var SelectionDocs = map[string]string{
	"controls":         "Only judge these control ids (default: every control that applies to `resource_type`).",
	"exclude_controls": "Never judge these control ids.",
	"minimum_severity": "Only judge controls of this severity or above; overrides the provider's `minimum_severity`.",
	"baseline":         BaselineDocs + " Overrides the provider's `baseline`.",
	"waivers":          WaiversDocs + " Checked before the provider's `waiver` blocks.",
}

// BaselineDocs describes a baseline setting, naming every framework of the catalog.
var BaselineDocs = "Named selection of controls: `foundational` (critical and high severity controls on the customer's side, " +
	"except those of the strict profile, such as a customer-managed KMS key named by the configuration), " +
	"`strict` (every control, the default) or a framework name: " + catalog.Code(catalog.CatalogLists().Frameworks) +
	" (the controls that map to it). `minimum_severity`, `controls` and `exclude_controls` narrow it further."

// NotForFunctions ends the description of a provider setting: functions never
// see it.
const NotForFunctions = " Functions never see provider configuration (Terraform does not configure providers for function calls): " +
	"pass the setting in their `options` argument."

// WaiversDocs describes a list of waivers.
const WaiversDocs = "Waivers that accept a failing control: a waived finding keeps its data with status `waived` and does not make the verdict " +
	"non-compliant. Each has `control_id`, `reason`, `owner`, `expires` (YYYY-MM-DD, inclusive) and optionally `match`, a map from an " +
	"attribute path inside `values` (`tags.Environment`, `bucket`, `tags[\"kubernetes.io/name\"]`, `ingress[0].description`) to a glob " +
	"(`*` any characters, `?` one, `[a-z]` a class) that must all match. After its expiry date a waiver no longer waives: the finding " +
	"keeps status `fail` with the waiver fields set and a warning is shown."

// WaiverAttrTypes is the object type of one waiver.
var WaiverAttrTypes = map[string]attr.Type{
	"control_id": types.StringType,
	"reason":     types.StringType,
	"owner":      types.StringType,
	"expires":    types.StringType,
	"match":      types.MapType{ElemType: types.StringType},
}

var waiverDocs = map[string]string{
	"control_id": "The control this waiver accepts, such as `aws-s3-bucket-access-logging`.",
	"reason":     "Why the failure is accepted.",
	"owner":      "Who owns the exception (a team or a person).",
	"expires":    "Last day (YYYY-MM-DD, UTC) on which the waiver waives.",
	"match":      "Narrows the waiver to values whose attributes match globs: attribute path → glob. Every entry must match; absent or unknown attributes do not.",
}

// WaiverDataSourceAttributes returns the attributes of one waiver object for a data source schema.
func WaiverDataSourceAttributes() map[string]dsschema.Attribute {
	out := map[string]dsschema.Attribute{}
	for name := range WaiverAttrTypes {
		if name == "match" {
			out[name] = dsschema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: waiverDocs[name]}
			continue
		}
		out[name] = dsschema.StringAttribute{Required: true, MarkdownDescription: waiverDocs[name]}
	}
	return out
}

// WaiverResourceAttributes returns the attributes of one waiver object for a resource schema.
func WaiverResourceAttributes() map[string]rsschema.Attribute {
	out := map[string]rsschema.Attribute{}
	for name := range WaiverAttrTypes {
		if name == "match" {
			out[name] = rsschema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: waiverDocs[name]}
			continue
		}
		out[name] = rsschema.StringAttribute{Required: true, MarkdownDescription: waiverDocs[name]}
	}
	return out
}

// SelectionDataSourceAttributes returns the selection attributes for a data source schema.
func SelectionDataSourceAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"controls":         dsschema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: SelectionDocs["controls"]},
		"exclude_controls": dsschema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: SelectionDocs["exclude_controls"]},
		"minimum_severity": dsschema.StringAttribute{Optional: true, MarkdownDescription: SelectionDocs["minimum_severity"]},
		"baseline":         dsschema.StringAttribute{Optional: true, MarkdownDescription: SelectionDocs["baseline"]},
		"waivers": dsschema.ListNestedAttribute{Optional: true, MarkdownDescription: SelectionDocs["waivers"],
			NestedObject: dsschema.NestedAttributeObject{Attributes: WaiverDataSourceAttributes()}},
	}
}

// SelectionResourceAttributes returns the selection attributes for a resource schema.
func SelectionResourceAttributes() map[string]rsschema.Attribute {
	return map[string]rsschema.Attribute{
		"controls":         rsschema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: SelectionDocs["controls"]},
		"exclude_controls": rsschema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: SelectionDocs["exclude_controls"]},
		"minimum_severity": rsschema.StringAttribute{Optional: true, MarkdownDescription: SelectionDocs["minimum_severity"]},
		"baseline":         rsschema.StringAttribute{Optional: true, MarkdownDescription: SelectionDocs["baseline"]},
		"waivers": rsschema.ListNestedAttribute{Optional: true, MarkdownDescription: SelectionDocs["waivers"],
			NestedObject: rsschema.NestedAttributeObject{Attributes: WaiverResourceAttributes()}},
	}
}

// WaiverModel is one waiver as the framework reads it.
type WaiverModel struct {
	ControlID types.String `tfsdk:"control_id"`
	Reason    types.String `tfsdk:"reason"`
	Owner     types.String `tfsdk:"owner"`
	Expires   types.String `tfsdk:"expires"`
	Match     types.Map    `tfsdk:"match"`
}

// ParseWaivers turns waiver models into engine waivers judged on asOf (the
// zero time means today, UTC), adding attribute errors under at (the list's
// path): a bad date or glob on the field, an unknown control on control_id.
func ParseWaivers(ctx context.Context, models []WaiverModel, at path.Path, asOf time.Time, eng *engine.Engine, diags *diag.Diagnostics) engine.Waivers {
	if asOf.IsZero() {
		asOf = time.Now().UTC()
	}
	var out engine.Waivers
	for i, m := range models {
		p := at.AtListIndex(i)
		if m.ControlID.IsUnknown() || m.Reason.IsUnknown() || m.Owner.IsUnknown() || m.Expires.IsUnknown() || m.Match.IsUnknown() {
			diags.AddAttributeError(p, "Waiver Unknown", "Waivers must be known at plan time.")
			continue
		}
		match := map[string]string{}
		if !m.Match.IsNull() {
			diags.Append(m.Match.ElementsAs(ctx, &match, false)...)
		}
		id := m.ControlID.ValueString()
		if _, ok := eng.Control(id); !ok {
			diags.AddAttributeError(p.AtName("control_id"), "Unknown Control",
				fmt.Sprintf("%s: the waiver names control %q, which is not in the catalog. The data source baseline_controls lists every control id.", p.AtName("control_id"), id))
			continue
		}
		w, err := engine.NewWaiver(id, m.Reason.ValueString(), m.Owner.ValueString(), m.Expires.ValueString(), match, asOf)
		if err != nil {
			field := "match"
			switch {
			case strings.Contains(err.Error(), "reason"):
				field = "reason"
			case strings.Contains(err.Error(), "owner"):
				field = "owner"
			case strings.Contains(err.Error(), "expires"):
				field = "expires"
			}
			diags.AddAttributeError(p.AtName(field), "Invalid Waiver", fmt.Sprintf("%s: %s.", p.AtName(field), err))
			continue
		}
		out = append(out, w)
	}
	return out
}

// ExpiredWaiverWarnings adds one warning at at per finding whose waiver has expired.
func ExpiredWaiverWarnings(v engine.Verdict, at path.Path, diags *diag.Diagnostics) {
	for _, f := range v.Findings {
		if f.Waiver != nil && !f.Waiver.Active() {
			diags.AddAttributeWarning(at, "Waiver Expired: "+f.ControlID,
				fmt.Sprintf("The waiver for %s on %s (owner %s, reason %q) expired on %s and no longer waives this control; the finding keeps status fail.",
					f.ControlID, f.ResourceType, f.Waiver.Owner, f.Waiver.Reason, f.Waiver.Expires))
		}
	}
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
	if s.Baseline.IsUnknown() {
		diags.AddAttributeError(path.Root("baseline"), "Baseline Unknown", "baseline must be known at plan time.")
	} else if !s.Baseline.IsNull() {
		if err := eng.ValidateBaseline(s.Baseline.ValueString()); err != nil {
			diags.AddAttributeError(path.Root("baseline"), "Unknown Baseline", err.Error()+".")
		}
		opts.Baseline = s.Baseline.ValueString()
	}
	if s.Waivers.IsUnknown() {
		diags.AddAttributeError(path.Root("waivers"), "Waivers Unknown", "waivers must be known at plan time.")
	} else if !s.Waivers.IsNull() {
		var models []WaiverModel
		diags.Append(s.Waivers.ElementsAs(ctx, &models, false)...)
		if !diags.HasError() {
			own := ParseWaivers(ctx, models, path.Root("waivers"), base.AsOf, eng, &diags)
			opts.Waivers = append(own, base.Waivers...)
		}
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
