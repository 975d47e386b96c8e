package subject

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// FromTerraform converts a Terraform value of any type into a Value. Lists, sets
// and tuples all become sequences; objects and maps become objects. Unknown
// values, at any depth, stay unknown.
func FromTerraform(v tftypes.Value) (Value, error) {
	return fromTerraform(v, "")
}

func fromTerraform(v tftypes.Value, at string) (Value, error) {
	if !v.IsKnown() {
		return UnknownValue(), nil
	}
	if v.IsNull() {
		return Null(), nil
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.Bool):
		var b bool
		if err := v.As(&b); err != nil {
			return Null(), fmt.Errorf("%s: %w", orRoot(at), err)
		}
		return Bool(b), nil
	case typ.Is(tftypes.Number):
		f := new(big.Float)
		if err := v.As(&f); err != nil {
			return Null(), fmt.Errorf("%s: %w", orRoot(at), err)
		}
		return Number(f), nil
	case typ.Is(tftypes.String):
		var s string
		if err := v.As(&s); err != nil {
			return Null(), fmt.Errorf("%s: %w", orRoot(at), err)
		}
		return String(s), nil
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}), typ.Is(tftypes.Tuple{}):
		var raw []tftypes.Value
		if err := v.As(&raw); err != nil {
			return Null(), fmt.Errorf("%s: %w", orRoot(at), err)
		}
		elems := make([]Value, len(raw))
		for i, e := range raw {
			ev, err := fromTerraform(e, fmt.Sprintf("%s[%d]", at, i))
			if err != nil {
				return Null(), err
			}
			elems[i] = ev
		}
		return List(elems...), nil
	case typ.Is(tftypes.Object{}), typ.Is(tftypes.Map{}):
		var raw map[string]tftypes.Value
		if err := v.As(&raw); err != nil {
			return Null(), fmt.Errorf("%s: %w", orRoot(at), err)
		}
		attrs := make(map[string]Value, len(raw))
		for k, e := range raw {
			ev, err := fromTerraform(e, join(at, k))
			if err != nil {
				return Null(), err
			}
			attrs[k] = ev
		}
		return Object(attrs), nil
	}
	return Null(), fmt.Errorf("%s: unsupported Terraform type %s", orRoot(at), typ)
}

func orRoot(at string) string {
	if at == "" {
		return "(root)"
	}
	return at
}

func join(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}
