package resources

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/fwkit"
)

// GuardrailTypeName is the resource type GuardrailProtocol answers for.
const GuardrailTypeName = "baseline_guardrail"

// GuardrailProtocol answers baseline_guardrail's resource calls of the plugin
// protocol on the raw Terraform values, next to the framework's server (which
// still serves its schema). A guardrail's values are a whole resource and its
// verdicts may be a whole plan's findings: the framework walks every such
// value several times per call (defaults, write-only and computed-unknown
// transforms, schema plan modifiers, one conversion per attribute), which
// costs far more than judging it. Here each call decodes its values once,
// judges once and encodes the answer once, with the same planned values, the
// same verdict and the same diagnostics as the framework path.
//
// On a CLI that supports write-only attributes (Terraform and OpenTofu 1.11
// and later) values and verdicts are write-only: judged from the
// configuration at plan and apply, kept out of the plan and the state, which
// then hold only the verdict. Carrying a copy of a whole resource (or a whole
// plan's verdict) through the CLI's plan, diff and rendering cost most of a
// guardrail's time. Older CLIs keep values in
// the plan and state as before. GetProviderSchema declares the attribute
// write-only (older CLIs ignore the flag); the framework's own schema does
// not, so the framework never nullifies it on a CLI that needs it.
type GuardrailProtocol struct {
	// Data returns the configured provider's data, nil before ConfigureProvider.
	Data func() *fwkit.ProviderData

	// writeOnly is set when the CLI supports write-only attributes: from the
	// version ConfigureProvider names, then from the capability each
	// ValidateResourceConfig states (the CLI validates each instance again
	// right before planning it).
	writeOnly atomic.Bool
}

// WriteOnlyVersion is the first Terraform and OpenTofu version with
// write-only attributes.
var WriteOnlyVersion = [2]int{1, 11}

// ClientVersion records the CLI version ConfigureProvider names.
func (g *GuardrailProtocol) ClientVersion(v string) {
	var major, minor int
	if _, err := fmt.Sscanf(v, "%d.%d", &major, &minor); err != nil {
		return
	}
	g.writeOnly.Store(major > WriteOnlyVersion[0] || (major == WriteOnlyVersion[0] && minor >= WriteOnlyVersion[1]))
}

// WriteOnly reports whether values is kept out of plan and state.
func (g *GuardrailProtocol) WriteOnly() bool { return g.writeOnly.Load() }

// Schema marks values and verdicts write-only in the guardrail's protocol schema.
func (g *GuardrailProtocol) Schema(s *tfprotov6.Schema) {
	if s == nil || s.Block == nil {
		return
	}
	for i, a := range s.Block.Attributes {
		if a != nil && slices.Contains(writeOnlyAttrs, a.Name) {
			wo := *a
			wo.WriteOnly = true
			s.Block.Attributes[i] = &wo
		}
	}
}

// withoutValues is obj with values and verdicts null: what the plan and the
// state hold on a CLI with write-only attributes.
func (g *GuardrailProtocol) withoutValues(obj tftypes.Value) (tftypes.Value, error) {
	if !g.WriteOnly() || obj.IsNull() || !obj.IsKnown() {
		return obj, nil
	}
	raw := mustAttrs(obj)
	for _, name := range writeOnlyAttrs {
		if v, ok := raw[name]; ok && !v.IsNull() {
			return withNullValues(obj)
		}
	}
	return obj, nil
}

// writeOnlyAttrs are the attributes kept out of plan and state on a CLI with
// write-only attributes: a whole resource's values, a whole plan's verdicts.
var writeOnlyAttrs = []string{"values", "verdicts"}

func (g *GuardrailProtocol) resource() *guardrailResource {
	var data *fwkit.ProviderData
	if g.Data != nil {
		data = g.Data()
	}
	return &guardrailResource{data: data}
}

// guardrailTypes keeps the parsed types of values and verdicts.
var guardrailTypes fwkit.TypeCache

// decode unmarshals a guardrail object; a missing value is null.
func decode(dv *tfprotov6.DynamicValue) (tftypes.Value, error) {
	if dv == nil {
		return tftypes.NewValue(guardrailType, nil), nil
	}
	if dv.MsgPack == nil {
		return dv.Unmarshal(guardrailType)
	}
	return guardrailTypes.Object(dv.MsgPack, guardrailType)
}

func encode(v tftypes.Value) (*tfprotov6.DynamicValue, error) {
	dv, err := tfprotov6.NewDynamicValue(guardrailType, v)
	if err != nil {
		return nil, err
	}
	return &dv, nil
}

func protoError(summary string, err error) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: summary,
		Detail: fmt.Sprintf("baseline_guardrail: %s. Please report this issue to the provider developers.", err)}}
}

// ValidateResourceConfig runs the guardrail's validators (ExactlyOneOf
// values and verdicts, RequiredTogether resource_type and values, OneOf on
// enforcement) on the raw configuration, with their own messages, in the
// framework's order; the framework's schema walks to find three attributes
// cost more than the rest of a guardrail's plan. A configuration it cannot
// read goes to next, the framework.
func (g *GuardrailProtocol) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest,
	next func(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error)) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if req.ClientCapabilities != nil {
		g.writeOnly.Store(req.ClientCapabilities.WriteOnlyAttributesAllowed)
	}
	config, err := decode(req.Config)
	if err != nil || config.IsNull() || !config.IsKnown() {
		return next(ctx, req)
	}
	var raw map[string]tftypes.Value
	if err := config.As(&raw); err != nil {
		return next(ctx, req)
	}
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: protoDiagnostics(validateGuardrail(ctx, raw))}, nil
}

// validateGuardrail is what the framework's ValidateResourceConfig reports
// for the guardrail's configuration.
func validateGuardrail(ctx context.Context, raw map[string]tftypes.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	validators := (&guardrailResource{}).ConfigValidators(ctx)
	// status collects which of names are configured (known, not null) and
	// whether any is unknown, as the validators see them.
	status := func(names ...string) (configured []path.Path, unknown bool) {
		for _, name := range names {
			v := rawAttr(raw, name)
			switch {
			case !v.IsKnown():
				unknown = true
			case !v.IsNull():
				configured = append(configured, path.Root(name))
			}
		}
		return configured, unknown
	}
	combination := func(p path.Path, description string) diag.Diagnostic {
		return diag.NewAttributeErrorDiagnostic(p, "Invalid Attribute Combination", strings.ToUpper(description[:1])+description[1:])
	}
	// ExactlyOneOf(values, verdicts)
	exactly := validators[0].Description(ctx)
	configured, unknown := status("values", "verdicts")
	if len(configured) > 1 {
		diags.Append(combination(configured[0], exactly))
	}
	if !unknown && len(configured) == 0 {
		diags.Append(diag.NewErrorDiagnostic("Missing Attribute Configuration", exactly))
	}
	// RequiredTogether(resource_type, values)
	configured, unknown = status("resource_type", "values")
	if len(configured) > 0 && !unknown && len(configured) != 2 {
		diags.Append(combination(configured[0], validators[1].Description(ctx)))
	}
	// enforcement: OneOf("error", "warn")
	var enforcement types.String
	if v, err := types.StringType.ValueFromTerraform(ctx, rawAttr(raw, "enforcement")); err == nil {
		enforcement, _ = v.(types.String)
	}
	if !enforcement.IsNull() && !enforcement.IsUnknown() {
		var resp validator.StringResponse
		enforcementValidator.ValidateString(ctx, validator.StringRequest{
			Path: path.Root("enforcement"), PathExpression: path.MatchRoot("enforcement"), ConfigValue: enforcement,
		}, &resp)
		diags.Append(resp.Diagnostics...)
	}
	return diags
}

// PlanResourceChange plans a guardrail as the framework would (the default
// enforcement, computed attributes unknown when the object changes, the prior
// id kept) and judges it as ModifyPlan does.
func (g *GuardrailProtocol) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedPrivate: req.PriorPrivate}
	config, err := decode(req.Config)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail Configuration", err)
		return resp, nil
	}
	prior, err := decode(req.PriorState)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail State", err)
		return resp, nil
	}
	proposed, err := decode(req.ProposedNewState)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail Plan", err)
		return resp, nil
	}
	if proposed.IsNull() { // destroy
		resp.PlannedState = req.ProposedNewState
		return resp, nil
	}
	planned, err := preparePlan(config, prior, proposed)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Plan Guardrail", err)
		return resp, nil
	}
	planned, diags := g.resource().modifyPlan(ctx, planned)
	if planned, err = g.withoutValues(planned); err != nil {
		resp.Diagnostics = protoError("Unable to Plan Guardrail", err)
		return resp, nil
	}
	if resp.PlannedState, err = encode(planned); err != nil {
		resp.Diagnostics = protoError("Unable to Plan Guardrail", err)
		return resp, nil
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// preparePlan is what the framework does to the proposed new state before
// ModifyPlan: enforcement defaults to "error"; when the object differs from
// the prior state, every computed attribute is unknown, except id, which
// keeps its prior value (UseStateForUnknown).
func preparePlan(config, prior, proposed tftypes.Value) (tftypes.Value, error) {
	var cfg map[string]tftypes.Value
	if err := config.As(&cfg); err != nil {
		return proposed, err
	}
	plan, err := attrsOf(proposed)
	if err != nil {
		return proposed, err
	}
	if v, ok := cfg["enforcement"]; !ok || v.IsNull() {
		plan["enforcement"] = tftypes.NewValue(tftypes.String, "error")
	}
	for _, name := range writeOnlyAttrs {
		if v, ok := cfg[name]; ok {
			plan[name] = v // the configuration's, also where the CLI treats it as write-only
		}
	}
	if next := tftypes.NewValue(guardrailType, maps.Clone(plan)); next.Equal(prior) {
		return next, nil
	}
	for _, name := range guardrailComputed {
		if v, ok := cfg[name]; ok && !v.IsNull() {
			continue
		}
		plan[name] = tftypes.NewValue(guardrailType.AttributeTypes[name], tftypes.UnknownValue)
	}
	var state map[string]tftypes.Value
	if !prior.IsNull() && prior.As(&state) == nil {
		if id, ok := state["id"]; ok && !id.IsNull() {
			plan["id"] = id
		}
	}
	return tftypes.NewValue(guardrailType, plan), nil
}

// ApplyResourceChange creates, updates or deletes a guardrail as Create,
// Update and Delete do.
func (g *GuardrailProtocol) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp := &tfprotov6.ApplyResourceChangeResponse{Private: req.PlannedPrivate}
	planned, err := decode(req.PlannedState)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail Plan", err)
		return resp, nil
	}
	prior, err := decode(req.PriorState)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail State", err)
		return resp, nil
	}
	if planned.IsNull() { // destroy: nothing remote to delete
		resp.NewState = req.PlannedState
		return resp, nil
	}
	config, err := decode(req.Config)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail Configuration", err)
		return resp, nil
	}
	id := newID()
	if !prior.IsNull() {
		id = priorID(prior)
	}
	// Write-only values and verdicts are in the configuration only.
	written := mustAttrs(planned)
	writeOnly := true
	raw, err := attrsOf(planned)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail Plan", err)
		return resp, nil
	}
	for _, name := range writeOnlyAttrs {
		if cv := rawAttr(mustAttrs(config), name); !cv.IsNull() {
			writeOnly = writeOnly && rawAttr(written, name).IsNull()
			raw[name] = cv
		}
	}
	planned = tftypes.NewValue(guardrailType, raw)
	state, diags := g.resource().applyPlan(ctx, planned, id)
	if !state.IsNull() && writeOnly {
		if state, err = withNullValues(state); err != nil {
			resp.Diagnostics = protoError("Unable to Apply Guardrail", err)
			return resp, nil
		}
	}
	if resp.NewState, err = encode(state); err != nil {
		resp.Diagnostics = protoError("Unable to Apply Guardrail", err)
		return resp, nil
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// ReadResource returns the state as it is: the verdict lives in state and
// there is nothing remote to refresh.
func (g *GuardrailProtocol) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp := &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}
	if !g.WriteOnly() {
		return resp, nil
	}
	// A state written by an older CLI or provider version holds values.
	state, err := decode(req.CurrentState)
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail State", err)
		return resp, nil
	}
	if state, err = g.withoutValues(state); err == nil {
		resp.NewState, err = encode(state)
	}
	if err != nil {
		resp.Diagnostics = protoError("Unable to Read Guardrail State", err)
	}
	return resp, nil
}

// UpgradeResourceState reads a state of the current schema version from its
// JSON; anything else goes to next (the framework).
func (g *GuardrailProtocol) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest,
	next func(context.Context, *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error)) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if req.Version != 0 || req.RawState == nil || req.RawState.JSON == nil {
		return next(ctx, req)
	}
	v, err := req.RawState.UnmarshalWithOpts(guardrailType, tfprotov6.UnmarshalOpts{ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true}})
	if err != nil {
		return next(ctx, req)
	}
	if v, err = g.withoutValues(v); err != nil {
		return next(ctx, req)
	}
	dv, err := encode(v)
	if err != nil {
		return next(ctx, req)
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: dv}, nil
}

// mustAttrs is an object's attributes, none when it has none.
func mustAttrs(obj tftypes.Value) map[string]tftypes.Value {
	var raw map[string]tftypes.Value
	if obj.IsNull() || !obj.IsKnown() || obj.As(&raw) != nil {
		return map[string]tftypes.Value{}
	}
	return raw
}

// withNullValues is obj with values and verdicts null.
func withNullValues(obj tftypes.Value) (tftypes.Value, error) {
	raw, err := attrsOf(obj)
	if err != nil {
		return obj, err
	}
	for _, name := range writeOnlyAttrs {
		raw[name] = tftypes.NewValue(guardrailType.AttributeTypes[name], nil)
	}
	return tftypes.NewValue(guardrailType, raw), nil
}

// protoDiagnostics converts framework diagnostics as the framework's server does.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		p := &tfprotov6.Diagnostic{Summary: d.Summary(), Detail: d.Detail(), Severity: tfprotov6.DiagnosticSeverityWarning}
		if d.Severity() == diag.SeverityError {
			p.Severity = tfprotov6.DiagnosticSeverityError
		}
		if wp, ok := d.(diag.DiagnosticWithPath); ok {
			p.Attribute = terraformPath(wp.Path())
		}
		out = append(out, p)
	}
	return out
}

// terraformPath converts a framework path of the guardrail's own attributes
// (names and list indexes) into a protocol attribute path.
func terraformPath(p path.Path) *tftypes.AttributePath {
	out := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			out = out.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			out = out.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			out = out.WithElementKeyString(string(s))
		default:
			return out
		}
	}
	return out
}
