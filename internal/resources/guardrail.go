// Package resources holds the provider's resources.
package resources

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
	ResourceType    types.String
	Enforcement     types.String
	Controls        types.Set
	ExcludeControls types.Set
	MinimumSeverity types.String
	Baseline        types.String
	Waivers         types.List

	// Values and Verdicts stay as the CLI sent them: a security group or a
	// whole plan's verdict is judged straight from the Terraform value,
	// never converted into framework values and back.
	Values   tftypes.Value
	Verdicts tftypes.Value
}

// readInput reads the configurable attributes from the raw object of a plan
// or a configuration: values and verdicts as they are, the small attributes
// through their framework types.
func readInput(ctx context.Context, obj tftypes.Value) (guardrailInput, diag.Diagnostics) {
	var in guardrailInput
	var diags diag.Diagnostics
	var raw map[string]tftypes.Value
	if err := obj.As(&raw); err != nil {
		diags.AddError("Unable to Read Guardrail", "reading the guardrail's arguments: "+err.Error()+". Please report this issue to the provider developers.")
		return in, diags
	}
	in.Values, in.Verdicts = rawAttr(raw, "values"), rawAttr(raw, "verdicts")
	small := map[string]any{
		"resource_type": &in.ResourceType, "enforcement": &in.Enforcement, "controls": &in.Controls,
		"exclude_controls": &in.ExcludeControls, "minimum_severity": &in.MinimumSeverity, "baseline": &in.Baseline, "waivers": &in.Waivers,
	}
	for name, target := range small {
		t, ok := guardrailAttrTypes[name]
		if !ok {
			continue
		}
		v, err := t.ValueFromTerraform(ctx, rawAttr(raw, name))
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Unable to Read Guardrail", fmt.Sprintf("reading %s: %s.", name, err))
			continue
		}
		if !assign(target, v) {
			diags.AddAttributeError(path.Root(name), "Unable to Read Guardrail", fmt.Sprintf("reading %s: unexpected %T. Please report this issue to the provider developers.", name, v))
		}
	}
	return in, diags
}

// rawAttr is the attribute name of an object's attributes, null when absent.
func rawAttr(raw map[string]tftypes.Value, name string) tftypes.Value {
	if v, ok := raw[name]; ok && v.Type() != nil {
		return v
	}
	if t, ok := guardrailType.AttributeTypes[name]; ok {
		return tftypes.NewValue(t, nil)
	}
	return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
}

func assign(target any, v attr.Value) bool {
	switch t := target.(type) {
	case *types.String:
		x, ok := v.(types.String)
		*t = x
		return ok
	case *types.Set:
		x, ok := v.(types.Set)
		*t = x
		return ok
	case *types.List:
		x, ok := v.(types.List)
		*t = x
		return ok
	}
	return false
}

func (r *guardrailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_guardrail"
}

func (r *guardrailResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = guardrailSchema()
}

// enforcementValidator validates enforcement.
var enforcementValidator = stringvalidator.OneOf("error", "warn")

// The guardrail's schema, its Terraform object type and the framework types
// of its attributes, built once.
var (
	guardrailType      tftypes.Object
	guardrailAttrTypes = map[string]attr.Type{}
	// guardrailComputed are the computed attributes without a default.
	guardrailComputed []string
)

func init() {
	s := guardrailSchema()
	guardrailType = s.Type().TerraformType(context.Background()).(tftypes.Object)
	for name, a := range s.Attributes {
		guardrailAttrTypes[name] = a.GetType()
		if a.IsComputed() && !a.IsOptional() {
			guardrailComputed = append(guardrailComputed, name)
		}
	}
	sort.Strings(guardrailComputed)
}

func guardrailSchema() schema.Schema {
	attrs := fwkit.VerdictResourceAttributes()
	attrs["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier of this guardrail.",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	attrs["resource_type"] = schema.StringAttribute{Optional: true, MarkdownDescription: "Resource type whose values are judged, such as `aws_security_group`. Required with `values`."}
	attrs["values"] = schema.DynamicAttribute{Optional: true, MarkdownDescription: "The values to judge, typically a resource reference such as `aws_security_group.web`. May be partially unknown at plan. Exactly one of `values` and `verdicts` must be set. " +
		"On Terraform and OpenTofu 1.11 and later it is write-only: judged at plan and at apply, but not kept in the plan or the state, which keep the verdict " +
		"(a copy of a whole resource made every guardrail cost about as much as the resource it judges); older versions keep it in both."}
	attrs["verdicts"] = schema.DynamicAttribute{Optional: true,
		MarkdownDescription: "Verdicts judged elsewhere, to enforce here: a verdict object or a list or map of them, as `baseline_report` takes " +
			"(a live data source such as `baseline_aws_security_hub` or `baseline_aws_account`, a `baseline_check`, the result of `evaluate`). " +
			"Each failed or errored finding, and each unknown one under `unknown_values = \"fail\"`, fails the plan; `controls`, `exclude_controls`, " +
			"`minimum_severity` and `baseline` select the findings. Exactly one of `values` and `verdicts` must be set. " +
			"Write-only on Terraform and OpenTofu 1.11 and later, as `values` is."}
	attrs["enforcement"] = schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("error"),
		MarkdownDescription: "`error` (default) fails the plan with one error per failed control; `warn` reports them as warnings.",
		Validators:          []validator.String{enforcementValidator}}
	for name, a := range fwkit.SelectionResourceAttributes() {
		attrs[name] = a
	}
	return schema.Schema{
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
		return r.enforce(in, opts, diags)
	}
	v, err := rawSubject(in.Values)
	if err != nil {
		diags.AddAttributeError(path.Root("values"), "Invalid Values", "reading values: "+err.Error())
		return engine.Verdict{}, "", false, false
	}
	final := v.WhollyKnown()
	if final && opts.Unknown == engine.UnknownDefer {
		opts.Unknown = engine.UnknownFail
	}
	if !fwkit.CheckInput(ctx, r.data.Engine, in.ResourceType.ValueString(), v, in.Values.Type(), opts, sel, diags) {
		return engine.Verdict{}, "", false, false
	}
	verdict, ok := fwkit.Judge(r.data.Engine, in.ResourceType.ValueString(), v, opts, diags)
	return verdict, opts.Unknown, final, ok
}

// enforce gathers the findings of verdicts judged elsewhere into one verdict
// under the guardrail's selection. Unknown verdicts (a data source read only
// at apply) are judged at apply.
func (r *guardrailResource) enforce(in guardrailInput, opts engine.Options, diags *diag.Diagnostics) (engine.Verdict, engine.UnknownPolicy, bool, bool) {
	raw, err := rawSubject(in.Verdicts)
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

// reportFindings turns findings into diagnostics according to enforcement
// and policy. Identical diagnostics are added once, as diag.Diagnostics.Append
// does, but through a set: Append compares each new diagnostic with every
// earlier one, which is quadratic in a gate's thousands of findings.
func reportFindings(verdict engine.Verdict, policy engine.UnknownPolicy, enforcement string, diags *diag.Diagnostics) {
	seen := make(map[string]bool, len(*diags)+len(verdict.Findings))
	key := func(d diag.Diagnostic) string {
		k := d.Severity().String() + "\x00" + d.Summary() + "\x00" + d.Detail()
		if wp, ok := d.(diag.DiagnosticWithPath); ok {
			k += "\x00" + wp.Path().String()
		}
		return k
	}
	for _, d := range *diags {
		seen[key(d)] = true
	}
	add := func(d diag.Diagnostic) {
		if k := key(d); !seen[k] {
			seen[k] = true
			*diags = append(*diags, d)
		}
	}
	at := path.Root("values")
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
				add(diag.NewAttributeWarningDiagnostic(at, summary, detail(f)))
				continue
			}
		default: // waived
			continue
		}
		if enforcement == "warn" {
			add(diag.NewAttributeWarningDiagnostic(at, summary, detail(f)))
		} else {
			add(diag.NewAttributeErrorDiagnostic(at, summary, detail(f)))
		}
	}
	fwkit.ExpiredWaiverWarnings(verdict, at, diags)
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
	plan, diags := r.modifyPlan(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	resp.Plan.Raw = plan
}

// modifyPlan judges a planned object (after defaults and computed unknowns)
// and, when the verdict is final, writes it into the plan. It works on the
// raw value: the framework's conversions of a large values or verdicts
// argument cost more than judging it.
func (r *guardrailResource) modifyPlan(ctx context.Context, plan tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	if plan.IsNull() || r.data == nil {
		return plan, nil
	}
	in, diags := readInput(ctx, plan)
	if diags.HasError() || (in.Verdicts.IsNull() && in.ResourceType.IsUnknown()) {
		return plan, diags
	}
	verdict, policy, final, ok := r.judge(ctx, in, &diags)
	if !ok {
		return plan, diags
	}
	reportFindings(verdict, policy, in.Enforcement.ValueString(), &diags)
	if final {
		next, err := withVerdict(plan, verdict, policy)
		if err != nil {
			diags.AddError("Unable to Write Guardrail Verdict", err.Error()+". Please report this issue to the provider developers.")
			return plan, diags
		}
		plan = next
	}
	return plan, diags
}

// attrsOf returns a copy of an object's attributes, to change without
// changing the object (tftypes.Value.As shares its map).
func attrsOf(obj tftypes.Value) (map[string]tftypes.Value, error) {
	var raw map[string]tftypes.Value
	if err := obj.As(&raw); err != nil {
		return nil, err
	}
	return maps.Clone(raw), nil
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

// withVerdict returns obj (the guardrail's object) with the verdict
// attributes set, built as Terraform values directly.
func withVerdict(obj tftypes.Value, verdict engine.Verdict, policy engine.UnknownPolicy) (tftypes.Value, error) {
	raw, err := attrsOf(obj)
	if err != nil {
		return obj, err
	}
	objType, ok := obj.Type().(tftypes.Object)
	if !ok {
		return obj, fmt.Errorf("guardrail of type %s", obj.Type())
	}
	attrs, err := fwkit.VerdictTerraform(objType, verdict, policy)
	if err != nil {
		return obj, err
	}
	for name, v := range attrs {
		if name != "resource_type" { // resource_type is the user's, not the verdict's
			raw[name] = v
		}
	}
	return tftypes.NewValue(objType, raw), nil
}

// applyPlan judges the planned object again with every value known and
// returns the new state: the plan with the verdict and id. A failed control
// under enforcement = "error" is an error and no state.
func (r *guardrailResource) applyPlan(ctx context.Context, plan tftypes.Value, id string) (tftypes.Value, diag.Diagnostics) {
	null := tftypes.NewValue(plan.Type(), nil)
	in, diags := readInput(ctx, plan)
	if diags.HasError() {
		return null, diags
	}
	if r.data == nil {
		diags.AddError("Provider Not Configured", "The baseline provider was not configured before baseline_guardrail was applied. Please report this issue to the provider developers.")
		return null, diags
	}
	verdict, policy, _, ok := r.judge(ctx, in, &diags)
	if !ok {
		if !diags.HasError() { // verdicts still unknown: Terraform resolves every value before apply
			diags.AddAttributeError(path.Root("verdicts"), "Guardrail Verdicts Unknown at Apply",
				"baseline_guardrail: its verdicts are still unknown at apply, so it cannot be judged. Please report this issue to the provider developers.")
		}
		return null, diags
	}
	reportFindings(verdict, policy, in.Enforcement.ValueString(), &diags)
	if diags.HasError() {
		return null, diags
	}
	state, err := withVerdict(plan, verdict, policy)
	if err == nil {
		var raw map[string]tftypes.Value
		if raw, err = attrsOf(state); err == nil {
			raw["id"] = tftypes.NewValue(tftypes.String, id)
			state = tftypes.NewValue(state.Type(), raw)
		}
	}
	if err != nil {
		diags.AddError("Unable to Write Guardrail Verdict", err.Error()+". Please report this issue to the provider developers.")
		return null, diags
	}
	return state, diags
}

// newID is the identifier of a new guardrail.
func newID() string {
	buf := make([]byte, 8)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}

// priorID is the id of a guardrail's prior state.
func priorID(state tftypes.Value) string {
	var raw map[string]tftypes.Value
	if state.IsNull() || state.As(&raw) != nil {
		return newID()
	}
	var id string
	if v, ok := raw["id"]; ok && v.IsKnown() && !v.IsNull() && v.As(&id) == nil && id != "" {
		return id
	}
	return newID()
}

func (r *guardrailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	state, diags := r.applyPlan(ctx, req.Plan.Raw, newID())
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = state
	}
}

func (r *guardrailResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
	// The verdict lives in state; there is nothing remote to refresh.
}

func (r *guardrailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	state, diags := r.applyPlan(ctx, req.Plan.Raw, priorID(req.State.Raw))
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = state
	}
}

func (r *guardrailResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
