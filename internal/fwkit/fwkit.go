// Package fwkit is the thin layer between terraform-plugin-framework types and
// the engine: dynamic values in, verdict values out. Only adapters import it.
package fwkit

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// ProviderData is what the provider's Configure hands to data sources and resources.
type ProviderData struct {
	Engine  *engine.Engine
	Options engine.Options
	// Definitions is the organisation baseline of the provider's control
	// blocks and controls_file (nil without); Engine already judges it.
	Definitions *definition.Compiled
	// Live holds the lazily created AWS clients for live data sources (nil when
	// the provider has no live configuration support compiled in).
	Live any
}

// SubjectFromDynamic converts a dynamic attribute or argument into a subject value.
func SubjectFromDynamic(ctx context.Context, d types.Dynamic) (subject.Value, error) {
	if d.IsUnknown() || d.IsUnderlyingValueUnknown() {
		return subject.UnknownValue(), nil
	}
	if d.IsNull() || d.IsUnderlyingValueNull() {
		return subject.Null(), nil
	}
	tfv, err := d.UnderlyingValue().ToTerraformValue(ctx)
	if err != nil {
		return subject.Null(), fmt.Errorf("reading values: %w", err)
	}
	return subject.FromTerraform(tfv)
}

// FindingAttrTypes is the object type of one finding.
var FindingAttrTypes = map[string]attr.Type{
	"control_id":     types.StringType,
	"title":          types.StringType,
	"severity":       types.StringType,
	"status":         types.StringType,
	"resource_type":  types.StringType,
	"attribute":      types.StringType,
	"message":        types.StringType,
	"fix":            types.StringType,
	"remediation":    types.StringType,
	"responsibility": types.StringType,
	"service_model":  types.StringType,
	"frameworks":     types.ListType{ElemType: types.StringType},
	"waiver_reason":  types.StringType,
	"waiver_owner":   types.StringType,
	"waiver_expires": types.StringType,
}

// FindingType is the framework object type of a finding.
var FindingType = types.ObjectType{AttrTypes: FindingAttrTypes}

// VerdictAttrTypes is the object type returned by provider::baseline::evaluate.
var VerdictAttrTypes = map[string]attr.Type{
	"resource_type": types.StringType,
	"compliant":     types.BoolType,
	"findings":      types.ListType{ElemType: FindingType},
	"violations":    types.ListType{ElemType: types.StringType},
	"passed":        types.Int64Type,
	"failed":        types.Int64Type,
	"unknown":       types.Int64Type,
	"waived":        types.Int64Type,
	"errored":       types.Int64Type,
}

// Strings converts a Go string slice into a framework list.
func Strings(ss []string) types.List {
	elems := make([]attr.Value, len(ss))
	for i, s := range ss {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

// FindingValue converts a finding into its framework object.
func FindingValue(f engine.Finding) types.Object {
	reason, owner, expires := types.StringNull(), types.StringNull(), types.StringNull()
	if f.Waiver != nil {
		reason, owner, expires = types.StringValue(f.Waiver.Reason), types.StringValue(f.Waiver.Owner), types.StringValue(f.Waiver.Expires)
	}
	return types.ObjectValueMust(FindingAttrTypes, map[string]attr.Value{
		"control_id":     types.StringValue(f.ControlID),
		"title":          types.StringValue(f.Title),
		"severity":       types.StringValue(string(f.Severity)),
		"status":         types.StringValue(string(f.Status)),
		"resource_type":  types.StringValue(f.ResourceType),
		"attribute":      types.StringValue(f.Attribute),
		"message":        types.StringValue(f.Message),
		"fix":            types.StringValue(f.Fix),
		"remediation":    types.StringValue(f.Remediation),
		"responsibility": types.StringValue(string(f.Responsibility)),
		"service_model":  types.StringValue(f.ServiceModel),
		"frameworks":     Strings(f.Frameworks),
		"waiver_reason":  reason,
		"waiver_owner":   owner,
		"waiver_expires": expires,
	})
}

// Findings converts findings into a framework list.
func Findings(fs []engine.Finding) types.List {
	elems := make([]attr.Value, len(fs))
	for i, f := range fs {
		elems[i] = FindingValue(f)
	}
	return types.ListValueMust(FindingType, elems)
}

// Compliant is the verdict's compliant value: unknown when deferred.
func Compliant(v engine.Verdict) types.Bool {
	if !v.Known {
		return types.BoolUnknown()
	}
	return types.BoolValue(v.Compliant)
}

// VerdictAttrs is the verdict as framework values keyed like VerdictAttrTypes.
func VerdictAttrs(v engine.Verdict, policy engine.UnknownPolicy) map[string]attr.Value {
	return map[string]attr.Value{
		"resource_type": types.StringValue(v.ResourceType),
		"compliant":     Compliant(v),
		"findings":      Findings(v.Findings),
		"violations":    Strings(v.Violations(policy)),
		"passed":        types.Int64Value(int64(v.Passed)),
		"failed":        types.Int64Value(int64(v.Failed)),
		"unknown":       types.Int64Value(int64(v.Unknown)),
		"waived":        types.Int64Value(int64(v.Waived)),
		"errored":       types.Int64Value(int64(v.Errored)),
	}
}

// VerdictObject is the verdict as one framework object.
func VerdictObject(v engine.Verdict, policy engine.UnknownPolicy) types.Object {
	return types.ObjectValueMust(VerdictAttrTypes, VerdictAttrs(v, policy))
}

// Values converts a dynamic values attribute, adding an attribute error on
// failure. It reports false when it added an error.
func Values(ctx context.Context, values types.Dynamic, diags *diag.Diagnostics) (subject.Value, bool) {
	v, err := SubjectFromDynamic(ctx, values)
	if err != nil {
		diags.AddAttributeError(path.Root("values"), "Invalid Values", err.Error())
		return subject.Null(), false
	}
	return v, true
}

// Judge evaluates converted values, adding attribute errors naming
// resource_type or values on bad input. It reports false when it added an error.
func Judge(eng *engine.Engine, resourceType string, v subject.Value, opts engine.Options, diags *diag.Diagnostics) (engine.Verdict, bool) {
	if v.IsNull() {
		diags.AddAttributeError(path.Root("values"), "Invalid Values", fmt.Sprintf("values must be an object with the attributes of %s, not null.", resourceType))
		return engine.Verdict{}, false
	}
	verdict, err := eng.Evaluate(resourceType, v, opts)
	if err != nil {
		var unsupported *engine.UnsupportedTypeError
		if errors.As(err, &unsupported) {
			diags.AddAttributeError(path.Root("resource_type"), "Unsupported Resource Type", err.Error())
		} else {
			diags.AddAttributeError(path.Root("values"), "Invalid Values", fmt.Sprintf("The values of %s cannot be judged: %s.", resourceType, err))
		}
		return engine.Verdict{}, false
	}
	return verdict, true
}
