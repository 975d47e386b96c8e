package fwkit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

var (
	_ basetypes.DynamicTypable  = RawDynamicType{}
	_ basetypes.DynamicValuable = RawDynamicValue{}
)

// RawDynamicType is a dynamic type whose values keep the Terraform value as it
// arrived over the protocol. Function arguments of this type are judged
// without first being rebuilt as framework objects and lists, which is most
// of the cost of a function call.
type RawDynamicType struct {
	basetypes.DynamicType
}

// Equal reports whether o is a RawDynamicType.
func (t RawDynamicType) Equal(o attr.Type) bool {
	_, ok := o.(RawDynamicType)
	return ok
}

func (t RawDynamicType) String() string { return "fwkit.RawDynamicType" }

// ValueType returns the value type of t.
func (t RawDynamicType) ValueType(context.Context) attr.Value { return RawDynamicValue{} }

// ValueFromTerraform keeps v as it is.
func (t RawDynamicType) ValueFromTerraform(_ context.Context, v tftypes.Value) (attr.Value, error) {
	return RawDynamicValue{Raw: v}, nil
}

// ValueFromDynamic converts a framework dynamic value.
func (t RawDynamicType) ValueFromDynamic(ctx context.Context, in basetypes.DynamicValue) (basetypes.DynamicValuable, diag.Diagnostics) {
	var diags diag.Diagnostics
	v, err := in.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("Unable to Convert Dynamic Value", err.Error())
	}
	return RawDynamicValue{Raw: v}, diags
}

// RawDynamicValue is a value of RawDynamicType.
type RawDynamicValue struct {
	Raw tftypes.Value
}

// Type returns RawDynamicType.
func (v RawDynamicValue) Type(context.Context) attr.Type { return RawDynamicType{} }

// ToTerraformValue returns the raw value (null when unset).
func (v RawDynamicValue) ToTerraformValue(context.Context) (tftypes.Value, error) {
	if v.Raw.Type() == nil {
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil), nil
	}
	return v.Raw, nil
}

// Equal compares raw values.
func (v RawDynamicValue) Equal(o attr.Value) bool {
	other, ok := o.(RawDynamicValue)
	return ok && v.Raw.Equal(other.Raw)
}

// IsNull reports whether the value is null.
func (v RawDynamicValue) IsNull() bool { return v.Raw.Type() == nil || v.Raw.IsNull() }

// IsUnknown reports whether the value as a whole is unknown.
func (v RawDynamicValue) IsUnknown() bool { return v.Raw.Type() != nil && !v.Raw.IsKnown() }

func (v RawDynamicValue) String() string { return v.Raw.String() }

// ToDynamicValue converts into a framework dynamic value.
func (v RawDynamicValue) ToDynamicValue(ctx context.Context) (basetypes.DynamicValue, diag.Diagnostics) {
	var diags diag.Diagnostics
	raw, _ := v.ToTerraformValue(ctx)
	out, err := basetypes.DynamicType{}.ValueFromTerraform(ctx, raw)
	if err != nil {
		diags.AddError("Unable to Convert Dynamic Value", err.Error())
		return basetypes.NewDynamicUnknown(), diags
	}
	dv, ok := out.(basetypes.DynamicValue)
	if !ok {
		diags.AddError("Unable to Convert Dynamic Value", "unexpected value type")
	}
	return dv, diags
}

// Subject converts the raw value into a subject value.
func (v RawDynamicValue) Subject() (subject.Value, error) {
	if v.IsNull() {
		return subject.Null(), nil
	}
	return subject.FromTerraform(v.Raw)
}
