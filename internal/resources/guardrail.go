// Package resources holds the provider's resources.
package resources

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/report"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

var (
	_ resource.ResourceWithConfigure        = (*guardrailResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*guardrailResource)(nil)
	_ resource.ResourceWithConfigValidators = (*guardrailResource)(nil)
)

// NewGuardrail returns the baseline_guardrail resource.
func NewGuardrail() resource.Resource { return &guardrailResource{} }

type guardrailResource struct {
	data *fwkit.ProviderData
}

type guardrailInput struct {
	ResourceType    types.String  `tfsdk:"resource_type"`
	Values          types.Dynamic `tfsdk:"values"`
	Verdicts        types.Dynamic `tfsdk:"verdicts"`
	Enforcement     types.String  `tfsdk:"enforcement"`
	Controls        types.Set     `tfsdk:"controls"`
	ExcludeControls types.Set     `tfsdk:"exclude_controls"`
	MinimumSeverity types.String  `tfsdk:"minimum_severity"`
	Baseline        types.String  `tfsdk:"baseline"`
	Waivers         types.List    `tfsdk:"waivers"`

	// rawValues, when set, is values as the CLI sent it: read straight from
	// the plan's raw value, it skips the framework's conversion of a large
	// dynamic value into types.Dynamic and back.
	rawValues *tftypes.Value
}

// readPlanInput reads the input at plan time from the plan's raw object: one
// shallow split of the object, then only the attributes that are set go
// through the framework (each GetAttribute walks the schema). Per guardrail
// instance this is the hot path of a plan.
func readPlanInput(ctx context.Context, plan tfsdk.Plan) (guardrailInput, diag.Diagnostics) {
	var raw map[string]tftypes.Value
	if err := plan.Raw.As(&raw); err != nil {
		return readInput(ctx, plan)
	}
	var in guardrailInput
	var diags diag.Diagnostics
	targets := map[string]any{
		"resource_type": &in.ResourceType, "verdicts": &in.Verdicts, "enforcement": &in.Enforcement,
		"controls": &in.Controls, "exclude_controls": &in.ExcludeControls, "minimum_severity": &in.MinimumSeverity,
		"baseline": &in.Baseline, "waivers": &in.Waivers,
	}
	for name, target := range targets {
		if v, ok := raw[name]; ok && v.IsKnown() && v.IsNull() {
			continue // the zero framework value is null
		}
		diags.Append(plan.GetAttribute(ctx, path.Root(name), target)...)
	}
	if v, ok := raw["values"]; ok {
		in.rawValues = &v
	} else {
		diags.Append(plan.GetAttribute(ctx, path.Root("values"), &in.Values)...)
	}
	return in, diags
}

// readInput reads the configurable attributes from a plan.
func readInput(ctx context.Context, plan tfsdk.Plan) (guardrailInput, diag.Diagnostics) {
	var in guardrailInput
	var diags diag.Diagnostics
	diags.Append(plan.GetAttribute(ctx, path.Root("resource_type"), &in.ResourceType)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("values"), &in.Values)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("verdicts"), &in.Verdicts)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("enforcement"), &in.Enforcement)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("controls"), &in.Controls)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("exclude_controls"), &in.ExcludeControls)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("minimum_severity"), &in.MinimumSeverity)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("baseline"), &in.Baseline)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("waivers"), &in.Waivers)...)
	return in, diags
}

func (r *guardrailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_guardrail"
}

func (r *guardrailResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := fwkit.VerdictResourceAttributes()
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier of this guardrail.",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	attrs["resource_type"] = schema.StringAttribute{Optional: true, MarkdownDescription: "Resource type whose values are judged, such as `aws_security_group`. Required with `values`."}
	attrs["values"] = schema.DynamicAttribute{Optional: true, MarkdownDescription: "The values to judge, typically a resource reference such as `aws_security_group.web`. May be partially unknown at plan. Exactly one of `values` and `verdicts` must be set."}
	attrs["verdicts"] = schema.DynamicAttribute{Optional: true,
		MarkdownDescription: "Verdicts judged elsewhere, to enforce here: a verdict object or a list or map of them, as `baseline_report` takes " +
			"(a live data source such as `baseline_aws_security_hub` or `baseline_aws_account`, a `baseline_check`, the result of `evaluate`). " +
			"Each failed or errored finding, and each unknown one under `unknown_values = \"fail\"`, fails the plan; `controls`, `exclude_controls`, " +
			"`minimum_severity` and `baseline` select the findings. Exactly one of `values` and `verdicts` must be set."}
	attrs["enforcement"] = schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("error"),
		MarkdownDescription: "`error` (default) fails the plan with one error per failed control; `warn` reports them as warnings.",
		Validators:          []validator.String{stringvalidator.OneOf("error", "warn")}}
	for name, a := range fwkit.SelectionResourceAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A validation resource: judges `values` (or enforces `verdicts` judged elsewhere) during plan and fails the plan with one error per failed control " +
			"(control id, framework references, the offending attribute and the fix). It sees partially unknown values, decides every " +
			"control whose deciding attributes are known, and keeps the verdict in state. Creating it calls no cloud API.",
		Attributes: attrs,
	}
}

func (r *guardrailResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("values"), path.MatchRoot("verdicts")),
		resourcevalidator.RequiredTogether(path.MatchRoot("resource_type"), path.MatchRoot("values")),
	}
}

func (r *guardrailResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	data, ok := req.ProviderData.(*fwkit.ProviderData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected Resource Configure Type",
			fmt.Sprintf("Expected *fwkit.ProviderData, got %T. Please report this issue to the provider developers.", req.ProviderData))
		return
	}
	r.data = data
}

// judge evaluates the input. final is true when every value is known (at apply,
// or at plan when nothing is left unknown): a deferred unknown then fails.
func (r *guardrailResource) judge(ctx context.Context, in guardrailInput, diags *diag.Diagnostics) (engine.Verdict, engine.UnknownPolicy, bool, bool) {
	sel := fwkit.Selection{Controls: in.Controls, ExcludeControls: in.ExcludeControls, MinimumSeverity: in.MinimumSeverity,
		Baseline: in.Baseline, Waivers: in.Waivers}
	opts, d := sel.Options(ctx, r.data.Options, r.data.Engine)
	diags.Append(d...)
	if diags.HasError() {
		return engine.Verdict{}, "", false, false
	}
	if !in.Verdicts.IsNull() {
		return r.enforce(ctx, in, opts, diags)
	}
	var v subject.Value
	if in.rawValues != nil {
		var err error
		if v, err = rawSubject(*in.rawValues); err != nil {
			diags.AddAttributeError(path.Root("values"), "Invalid Values", "reading values: "+err.Error())
			return engine.Verdict{}, "", false, false
		}
	} else {
		var ok bool
		if v, ok = fwkit.Values(ctx, in.Values, diags); !ok {
			return engine.Verdict{}, "", false, false
		}
	}
	final := v.WhollyKnown()
	if final && opts.Unknown == engine.UnknownDefer {
		opts.Unknown = engine.UnknownFail
	}
	if !fwkit.CheckInput(ctx, r.data.Engine, in.ResourceType.ValueString(), v, opts, sel, diags) {
		return engine.Verdict{}, "", false, false
	}
	verdict, ok := fwkit.Judge(r.data.Engine, in.ResourceType.ValueString(), v, opts, diags)
	return verdict, opts.Unknown, final, ok
}

// enforce gathers the findings of verdicts judged elsewhere into one verdict
// under the guardrail's selection. Unknown verdicts (a data source read only
// at apply) are judged at apply.
func (r *guardrailResource) enforce(ctx context.Context, in guardrailInput, opts engine.Options, diags *diag.Diagnostics) (engine.Verdict, engine.UnknownPolicy, bool, bool) {
	raw, err := fwkit.SubjectFromDynamic(ctx, in.Verdicts)
	if err != nil {
		diags.AddAttributeError(path.Root("verdicts"), "Invalid Verdicts", err.Error())
		return engine.Verdict{}, "", false, false
	}
	if !raw.WhollyKnown() {
		return engine.Verdict{}, opts.Unknown, false, false
	}
	lookup := func(id string) *engine.Control { c, _ := r.data.Engine.Control(id); return c }
	verdicts, err := report.Decode(raw, lookup)
	if err != nil {
		diags.AddAttributeError(path.Root("verdicts"), "Invalid Verdicts", "verdicts: "+err.Error()+".")
		return engine.Verdict{}, "", false, false
	}
	out := engine.Verdict{ResourceType: "verdicts", Known: true, Findings: []engine.Finding{}}
	for _, v := range verdicts {
		out.Passed += v.Passed
		for _, f := range v.Findings {
			c := lookup(f.ControlID)
			if c == nil {
				// A control outside the catalog (a Security Hub control, say):
				// judge it by its own severity.
				c = &engine.Control{ID: f.ControlID, Severity: f.Severity, Responsibility: f.Responsibility}
			}
			if r.data.Engine.Selected(c, opts) {
				out.Add(f)
			}
		}
	}
	out.Settle(opts.Unknown)
	out.Known = true // the verdicts are final
	if opts.Unknown == engine.UnknownDefer {
		opts.Unknown = engine.UnknownFail // the verdicts are final: nothing is left to defer to
	}
	return out, opts.Unknown, true, true
}

// report turns findings into diagnostics according to enforcement and policy.
func reportFindings(verdict engine.Verdict, policy engine.UnknownPolicy, enforcement string, diags *diag.Diagnostics) {
	for _, f := range verdict.Findings {
		summary := "Guardrail Control Failed: " + f.ControlID
		if f.Address != "" {
			summary += " on " + f.Address
		}
		switch f.Status {
		case engine.StatusFail, engine.StatusError:
		case engine.StatusUnknown:
			if policy == engine.UnknownDefer {
				continue
			}
			summary = "Guardrail Control Undecided: " + f.ControlID
			if policy == engine.UnknownWarn {
				diags.AddAttributeWarning(path.Root("values"), summary, detail(f))
				continue
			}
		default: // waived
			continue
		}
		if enforcement == "warn" {
			diags.AddAttributeWarning(path.Root("values"), summary, detail(f))
		} else {
			diags.AddAttributeError(path.Root("values"), summary, detail(f))
		}
	}
	fwkit.ExpiredWaiverWarnings(verdict, path.Root("values"), diags)
}

func detail(f engine.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (severity %s, %s responsibility).\n\n", f.Title, f.Severity, f.Responsibility)
	if f.Address != "" {
		fmt.Fprintf(&b, "Address: %s\n", f.Address)
	}
	fmt.Fprintf(&b, "Resource type: %s\n", f.ResourceType)
	if f.Attribute != "" {
		fmt.Fprintf(&b, "Attribute: %s\n", f.Attribute)
	}
	if len(f.Frameworks) > 0 {
		fmt.Fprintf(&b, "Frameworks: %s\n", strings.Join(f.Frameworks, ", "))
	}
	fmt.Fprintf(&b, "\n%s\n", f.Message)
	if f.Address != "" && f.Fix != "" {
		fmt.Fprintf(&b, "\nFix: %s\n", f.Fix)
	}
	fmt.Fprintf(&b, "\nRemediation:\n%s", strings.TrimSpace(f.Remediation))
	if f.Status == engine.StatusUnknown {
		b.WriteString("\n\nThe deciding value is unknown until apply. Make it known at plan, or set unknown_values = \"defer\" in the provider to check it at apply.")
	}
	return b.String()
}

func (r *guardrailResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	in, diags := readPlanInput(ctx, req.Plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || (in.Verdicts.IsNull() && in.ResourceType.IsUnknown()) {
		return
	}
	verdict, policy, final, ok := r.judge(ctx, in, &resp.Diagnostics)
	if !ok {
		return
	}
	reportFindings(verdict, policy, in.Enforcement.ValueString(), &resp.Diagnostics)
	if final {
		resp.Diagnostics.Append(setPlanVerdict(ctx, &resp.Plan, verdict, policy)...)
	}
}

// rawSubject converts values as the CLI sent them into a subject value.
func rawSubject(v tftypes.Value) (subject.Value, error) {
	if !v.IsKnown() {
		return subject.UnknownValue(), nil
	}
	if v.IsNull() {
		return subject.Null(), nil
	}
	return subject.FromTerraform(v)
}

// setPlanVerdict writes the verdict attributes into the plan in one step:
// the plan's raw object with the verdict's values in place. (Plan.SetAttribute
// per attribute walks the schema and transforms the whole plan value,
// values included, once per attribute.)
func setPlanVerdict(ctx context.Context, plan *tfsdk.Plan, verdict engine.Verdict, policy engine.UnknownPolicy) diag.Diagnostics {
	var raw map[string]tftypes.Value
	if err := plan.Raw.As(&raw); err != nil {
		return fwkit.SetVerdict(ctx, plan.SetAttribute, verdict, policy)
	}
	for name, val := range fwkit.VerdictAttrs(verdict, policy) {
		if _, ok := raw[name]; !ok || name == "resource_type" { // resource_type is the user's, not the verdict's
			continue
		}
		tv, err := val.ToTerraformValue(ctx)
		if err != nil {
			return fwkit.SetVerdict(ctx, plan.SetAttribute, verdict, policy)
		}
		raw[name] = tv
	}
	next := tftypes.NewValue(plan.Raw.Type(), raw)
	plan.Raw = next
	return nil
}

func (r *guardrailResource) apply(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	in, d := readInput(ctx, plan)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	verdict, policy, _, ok := r.judge(ctx, in, diags)
	if !ok {
		return
	}
	reportFindings(verdict, policy, in.Enforcement.ValueString(), diags)
	if diags.HasError() {
		return
	}
	diags.Append(fwkit.SetAttrs(ctx, state.SetAttribute, map[string]any{
		"resource_type": in.ResourceType, "values": in.Values, "verdicts": in.Verdicts, "enforcement": in.Enforcement,
		"controls": in.Controls, "exclude_controls": in.ExcludeControls, "minimum_severity": in.MinimumSeverity,
		"baseline": in.Baseline, "waivers": in.Waivers,
	})...)
	diags.Append(fwkit.SetVerdict(ctx, state.SetAttribute, verdict, policy)...)
}

func (r *guardrailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.apply(ctx, req.Plan, &resp.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	buf := make([]byte, 8)
	_, _ = rand.Read(buf)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), hex.EncodeToString(buf))...)
}

func (r *guardrailResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
	// The verdict lives in state; there is nothing remote to refresh.
}

func (r *guardrailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	r.apply(ctx, req.Plan, &resp.State, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	}
}

func (r *guardrailResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
