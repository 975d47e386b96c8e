package schema

import "github.com/cloudbaseline/terraform-provider-baseline/internal/subject"

// Complete returns values v of a resource being created as the SDK plans
// them from block b ("Real shapes" in DESIGN.md): every key of an object type
// is present, unset ones holding the type's zero value; an attribute v does
// not set is unknown when computed and null otherwise; an absent list or set
// block is empty and an absent single block null; a block written as one
// object is a one-element list. Keys of v the schema does not know, and values
// of a shape the schema does not expect, are kept as they are.
func Complete(b *Block, v subject.Value) subject.Value {
	if v.Kind() != subject.KindObject {
		return v
	}
	out := make(map[string]subject.Value, len(b.Attributes)+len(b.BlockTypes))
	for _, name := range v.AttrNames() {
		out[name], _ = v.Attr(name)
	}
	for name, a := range b.Attributes {
		cur, ok := out[name]
		switch {
		case !ok && a.Computed:
			out[name] = subject.UnknownValue()
		case !ok:
			out[name] = subject.Null()
		default:
			out[name] = fill(a.Type, cur)
		}
	}
	for name, nb := range b.BlockTypes {
		cur, ok := out[name]
		single := nb.NestingMode == "single" || nb.NestingMode == "group" || nb.NestingMode == "map"
		switch {
		case !ok && single:
			out[name] = subject.Null()
		case !ok:
			out[name] = subject.List()
		case single || cur.IsUnknown() || cur.IsNull():
			out[name] = Complete(nb.Block, cur)
		case cur.Kind() == subject.KindObject:
			out[name] = subject.List(Complete(nb.Block, cur))
		case cur.Kind() == subject.KindList:
			elems := make([]subject.Value, len(cur.Elems()))
			for i, e := range cur.Elems() {
				elems[i] = Complete(nb.Block, e)
			}
			out[name] = subject.List(elems...)
		}
	}
	return subject.Object(out)
}

// fill completes a value of type t: objects get every key, missing ones
// holding their zero value.
func fill(t Type, v subject.Value) subject.Value {
	switch {
	case v.IsUnknown() || v.IsNull():
		return v
	case (t.Kind == "list" || t.Kind == "set") && v.Kind() == subject.KindList:
		elems := make([]subject.Value, len(v.Elems()))
		for i, e := range v.Elems() {
			elems[i] = fill(*t.Elem, e)
		}
		return subject.List(elems...)
	case t.Kind == "object" && v.Kind() == subject.KindObject:
		out := make(map[string]subject.Value, len(t.Attrs))
		for _, name := range v.AttrNames() {
			out[name], _ = v.Attr(name)
		}
		for name, at := range t.Attrs {
			if cur, ok := out[name]; ok {
				out[name] = fill(at, cur)
			} else {
				out[name] = zero(at)
			}
		}
		return subject.Object(out)
	}
	return v
}

// zero is the zero value SDKv2 gives an unset key of an object type.
func zero(t Type) subject.Value {
	switch t.Kind {
	case "string":
		return subject.String("")
	case "number":
		return subject.Int(0)
	case "bool":
		return subject.Bool(false)
	case "list", "set":
		return subject.List()
	case "map":
		return subject.Object(nil)
	case "object":
		return fill(t, subject.Object(nil))
	}
	return subject.Null()
}
