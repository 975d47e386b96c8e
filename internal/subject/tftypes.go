package subject

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// FromTerraform converts a Terraform value of any type into a Value. Lists, sets
// and tuples all become sequences; objects and maps become objects. Unknown
// values, at any depth, stay unknown.
func FromTerraform(v tftypes.Value) (Value, error) {
	out, err := fromTerraform(v)
	if err != nil {
		return Null(), err
	}
	return out, nil
}

// pathError locates a conversion error; the path is built on the way out,
// so that converting a large value builds no path strings.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return fmt.Sprintf("%s: %v", orRoot(e.path), e.err) }
func (e *pathError) Unwrap() error { return e.err }

// under prefixes the path of err with step ("[3]" or "name").
func under(step string, err error) error {
	pe, ok := err.(*pathError)
	if !ok {
		return &pathError{path: step, err: err}
	}
	if strings.HasPrefix(pe.path, "[") || pe.path == "" {
		pe.path = step + pe.path
	} else {
		pe.path = step + "." + pe.path
	}
	return pe
}

func fromTerraform(v tftypes.Value) (Value, error) {
	if !v.IsKnown() {
		return UnknownValue(), nil
	}
	if v.IsNull() {
		return Null(), nil
	}
	switch typ := v.Type().(type) {
	case tftypes.List, tftypes.Set, tftypes.Tuple:
		var raw []tftypes.Value
		if err := v.As(&raw); err != nil {
			return Null(), &pathError{err: err}
		}
		elems := make([]Value, len(raw))
		for i, e := range raw {
			ev, err := fromTerraform(e)
			if err != nil {
				return Null(), under("["+strconv.Itoa(i)+"]", err)
			}
			elems[i] = ev
		}
		return List(elems...), nil
	case tftypes.Object, tftypes.Map:
		var raw map[string]tftypes.Value
		if err := v.As(&raw); err != nil {
			return Null(), &pathError{err: err}
		}
		backing := make([]Value, 0, len(raw))
		attrs := make(map[string]*Value, len(raw))
		for k, e := range raw {
			ev, err := fromTerraform(e)
			if err != nil {
				return Null(), under(k, err)
			}
			backing = append(backing, ev)
			attrs[k] = &backing[len(backing)-1]
		}
		return Value{kind: KindObject, attrs: attrs}, nil
	default:
		switch {
		case typ.Is(tftypes.String):
			var s string
			if err := v.As(&s); err != nil {
				return Null(), &pathError{err: err}
			}
			return String(s), nil
		case typ.Is(tftypes.Bool):
			var b bool
			if err := v.As(&b); err != nil {
				return Null(), &pathError{err: err}
			}
			return Bool(b), nil
		case typ.Is(tftypes.Number):
			f := new(big.Float)
			if err := v.As(&f); err != nil {
				return Null(), &pathError{err: err}
			}
			return Number(f), nil
		}
		return Null(), &pathError{err: fmt.Errorf("unsupported Terraform type %s", typ)}
	}
}

func orRoot(at string) string {
	if at == "" {
		return "(root)"
	}
	return at
}
