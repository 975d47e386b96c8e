package resources

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
type GuardrailProtocol struct {
	// Data returns the configured provider's data, nil before ConfigureProvider.
	Data func() *fwkit.ProviderData
}

func (g *GuardrailProtocol) resource() *guardrailResource {
	var data *fwkit.ProviderData
	if g.Data != nil {
		data = g.Data()
	}
	return &guardrailResource{data: data}
}

// decode unmarshals a guardrail object; a missing value is null.
func decode(dv *tfprotov6.DynamicValue) (tftypes.Value, error) {
	if dv == nil {
		return tftypes.NewValue(guardrailType, nil), nil
	}
	return dv.Unmarshal(guardrailType)
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

// ValidateResourceConfig validates the configuration through next (the
// framework, for its validators and their messages) with values and verdicts
// replaced by small stand-ins: the validators only ask whether they are set,
// null or unknown.
func (g *GuardrailProtocol) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest,
	next func(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error)) (*tfprotov6.ValidateResourceConfigResponse, error) {
	config, err := decode(req.Config)
	if err != nil || config.IsNull() || !config.IsKnown() {
		return next(ctx, req)
	}
	raw, err := attrsOf(config)
	if err != nil {
		return next(ctx, req)
	}
	for _, name := range []string{"values", "verdicts"} {
		if v, ok := raw[name]; ok && v.IsKnown() && !v.IsNull() {
			raw[name] = tftypes.NewValue(tftypes.Bool, true)
		}
	}
	small, err := encode(tftypes.NewValue(guardrailType, raw))
	if err != nil {
		return next(ctx, req)
	}
	light := *req
	light.Config = small
	return next(ctx, &light)
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
	id := newID()
	if !prior.IsNull() {
		id = priorID(prior)
	}
	state, diags := g.resource().applyPlan(ctx, planned, id)
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
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
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
	dv, err := encode(v)
	if err != nil {
		return next(ctx, req)
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: dv}, nil
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
