package fwkit

import (
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
)

// KnownShape reports whether the type of values given for resourceType
// names only attributes and nested blocks that one embedded schema of
// resourceType has, at every depth: then no value of that type has an
// attribute schema.UnknownAttributes would report, and walking the value is
// not needed. A real resource's `self` always has the shape of its schema,
// so this decides it from the type alone, for every call alike, instead of
// walking each value against every provider version. False when t is nil,
// when no schema has the type, or when the type alone cannot tell (a map
// where the schema has an object or a block); the value is then walked.
func KnownShape(resourceType string, t tftypes.Type) bool {
	if t == nil {
		return false
	}
	schemas, err := schema.For(resourceType)
	if err != nil {
		return false
	}
	for _, s := range schemas {
		if b, ok, err := s.Resource(resourceType); ok && err == nil && b != nil && blockShape(b, t) {
			return true
		}
	}
	return false
}

// blockShape mirrors the value walk of a block: each attribute name of the
// object must be an attribute or a nested block of b.
func blockShape(b *schema.Block, t tftypes.Type) bool {
	obj, ok := t.(tftypes.Object)
	if !ok {
		return false
	}
	for name, at := range obj.AttributeTypes {
		if a, ok := b.Attributes[name]; ok {
			if !typeShape(a.Type, at) {
				return false
			}
			continue
		}
		nb, ok := b.BlockTypes[name]
		if !ok || nb.Block == nil || !elemShapes(at, func(e tftypes.Type) bool { return blockShape(nb.Block, e) }) {
			return false
		}
	}
	return true
}

// typeShape mirrors the value walk of an attribute of schema type st.
func typeShape(st schema.Type, t tftypes.Type) bool {
	switch st.Kind {
	case "list", "set":
		if st.Elem == nil {
			return true
		}
		return elemShapes(t, func(e tftypes.Type) bool { return typeShape(*st.Elem, e) })
	case "object":
		switch t := t.(type) {
		case tftypes.Object:
			for name, at := range t.AttributeTypes {
				st, ok := st.Attrs[name]
				if !ok || !typeShape(st, at) {
					return false
				}
			}
			return true
		case tftypes.Map:
			return false // its keys are walked as attribute names
		}
	}
	return true // the value walk reads nothing else
}

// elemShapes applies fn to the element types a collection walk visits: a
// list's, set's or tuple's elements, or an object itself (one block given
// as an object literal).
func elemShapes(t tftypes.Type, fn func(tftypes.Type) bool) bool {
	switch t := t.(type) {
	case tftypes.List:
		return fn(t.ElementType)
	case tftypes.Set:
		return fn(t.ElementType)
	case tftypes.Tuple:
		for _, e := range t.ElementTypes {
			if !fn(e) {
				return false
			}
		}
		return true
	case tftypes.Object:
		return fn(t)
	case tftypes.Map:
		return false
	}
	return true
}
