package fwkit

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A list block whose objects hold a dynamic attribute (the `condition` of a
// `control` block) is typed by Terraform as a whole as dynamic: each element
// may have its own type, so the configuration arrives as a tuple, not a list.
// The framework rejects such blocks unless they carry a custom type, and
// decodes the configuration with the block's Terraform type. DynamicListBlockType
// declares that type dynamic, so the tuple decodes, and reads it back as a list
// of objects for the framework's validation. Configure reads the block from
// the raw configuration (ReadDefinitions).

// DynamicListBlockType is the custom type of a list block with dynamic attributes.
type DynamicListBlockType struct {
	basetypes.ListType
}

var (
	_ basetypes.ListTypable  = DynamicListBlockType{}
	_ basetypes.ListValuable = DynamicListBlockValue{}
)

// NewDynamicListBlockType returns the type of a list block of objects with attrTypes.
func NewDynamicListBlockType(attrTypes map[string]attr.Type) DynamicListBlockType {
	return DynamicListBlockType{ListType: basetypes.ListType{ElemType: basetypes.ObjectType{AttrTypes: attrTypes}}}
}

// TerraformType is dynamic: Terraform sends such a block as a tuple.
func (t DynamicListBlockType) TerraformType(context.Context) tftypes.Type {
	return tftypes.DynamicPseudoType
}

func (t DynamicListBlockType) Equal(o attr.Type) bool {
	other, ok := o.(DynamicListBlockType)
	return ok && t.ListType.Equal(other.ListType)
}

func (t DynamicListBlockType) String() string { return "fwkit.DynamicListBlockType" }

func (t DynamicListBlockType) ValueType(context.Context) attr.Value {
	return DynamicListBlockValue{ListValue: basetypes.NewListNull(t.ElemType)}
}

func (t DynamicListBlockType) ValueFromList(_ context.Context, in basetypes.ListValue) (basetypes.ListValuable, diag.Diagnostics) {
	return DynamicListBlockValue{ListValue: in}, nil
}

// ValueFromTerraform reads the tuple (or list) Terraform sends.
func (t DynamicListBlockType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	elemType := t.ElemType.(basetypes.ObjectType)
	out := DynamicListBlockValue{}
	if in.IsNull() {
		out.ListValue = basetypes.NewListNull(elemType)
		return out, nil
	}
	if !in.IsKnown() {
		out.ListValue = basetypes.NewListUnknown(elemType)
		return out, nil
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		return nil, fmt.Errorf("reading a list block: %w", err)
	}
	vals := make([]attr.Value, len(elems))
	for i, e := range elems {
		obj := map[string]attr.Value{}
		var attrs map[string]tftypes.Value
		if err := e.As(&attrs); err != nil {
			return nil, fmt.Errorf("reading a list block element: %w", err)
		}
		for name, at := range elemType.AttrTypes {
			raw, ok := attrs[name]
			if !ok {
				raw = tftypes.NewValue(at.TerraformType(ctx), nil)
			}
			if _, dyn := at.(basetypes.DynamicTypable); dyn {
				v, err := basetypes.DynamicType{}.ValueFromTerraform(ctx, raw)
				if err != nil {
					return nil, err
				}
				obj[name] = v
				continue
			}
			v, err := at.ValueFromTerraform(ctx, raw)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", name, err)
			}
			obj[name] = v
		}
		ov, diags := basetypes.NewObjectValue(elemType.AttrTypes, obj)
		if diags.HasError() {
			return nil, fmt.Errorf("reading a list block element: %v", diags)
		}
		vals[i] = ov
	}
	lv, diags := basetypes.NewListValue(elemType, vals)
	if diags.HasError() {
		return nil, fmt.Errorf("reading a list block: %v", diags)
	}
	out.ListValue = lv
	return out, nil
}

// DynamicListBlockValue is the value of a DynamicListBlockType block.
type DynamicListBlockValue struct {
	basetypes.ListValue
}

func (v DynamicListBlockValue) Type(context.Context) attr.Type {
	return DynamicListBlockType{ListType: basetypes.ListType{ElemType: v.ElementType(context.Background())}}
}

func (v DynamicListBlockValue) Equal(o attr.Value) bool {
	other, ok := o.(DynamicListBlockValue)
	return ok && v.ListValue.Equal(other.ListValue)
}

func (v DynamicListBlockValue) ToListValue(context.Context) (basetypes.ListValue, diag.Diagnostics) {
	return v.ListValue, nil
}

// Validate accepts the tuple Terraform sends; the list type's own check wants a list.
func (t DynamicListBlockType) Validate(context.Context, tftypes.Value, path.Path) diag.Diagnostics {
	return nil
}
