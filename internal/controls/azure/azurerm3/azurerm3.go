// Package azurerm3 reads the argument names hashicorp/azurerm 3.x plans and
// 4.x removed or renamed (enable_https_traffic_only became
// https_traffic_only_enabled in 4.0). The evaluators support azurerm 3.x and
// 4.x: a 3.x plan carries every key of the 3.x schema, so the presence of a
// 3.x-only key says which major planned the value. The names are read from
// the raw value, not through the schema-checked attribute reads, since the
// 4.x schema the conformance tests hold evaluators to no longer has them.
package azurerm3

import (
	"fmt"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// node returns the raw attribute name of n as a node with its path.
func node(n subject.Node, name string) (subject.Node, string, bool) {
	v := n.Value()
	if v.Kind() != subject.KindObject {
		return subject.Node{}, "", false
	}
	e, ok := v.Attr(name)
	if !ok {
		return subject.Node{}, "", false
	}
	_, sn := subject.Decode(e)
	path := name
	if n.Path() != "" {
		path = n.Path() + "." + name
	}
	return sn, path, true
}

// Bool reads the 3.x argument name of n with default def; ok is false when n
// has no such key (a 4.x plan).
func Bool(n subject.Node, name string, def bool) (subject.Field[bool], bool) {
	sn, path, ok := node(n, name)
	if !ok {
		return subject.Field[bool]{}, false
	}
	f := sn.Bool(def)
	f.Path = path
	return f, true
}

// Strings reads the 3.x list argument name of n; ok is false when n has no
// such key. The elements are read from the raw value, so no attribute path
// outside the 4.x schema is recorded as read.
func Strings(n subject.Node, name string) (subject.StringSeq, bool) {
	v := n.Value()
	if v.Kind() != subject.KindObject {
		return subject.StringSeq{}, false
	}
	e, ok := v.Attr(name)
	if !ok {
		return subject.StringSeq{}, false
	}
	path := name
	if n.Path() != "" {
		path = n.Path() + "." + name
	}
	out := subject.StringSeq{Path: path}
	switch e.Kind() {
	case subject.KindNull:
		out.Null = true
	case subject.KindUnknown:
		out.Unknown = true
	case subject.KindList:
		for i, it := range e.Elems() {
			f := subject.Field[string]{Path: fmt.Sprintf("%s[%d]", path, i)}
			switch {
			case it.IsUnknown():
				f.Unknown = true
			case it.IsNull():
				f.Null = true
			default:
				if t, ok := it.Text(); ok {
					f.V = t
				} else {
					f.V = it.GoString()
				}
			}
			out.Items = append(out.Items, f)
		}
	default:
		return subject.StringSeq{}, false
	}
	return out, true
}
