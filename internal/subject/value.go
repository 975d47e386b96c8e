// Package subject holds the plain Go form of the values a control judges.
//
// A Value is a tree decoded from a Terraform value (or built by a live loader or
// a test): null, unknown, bool, number, string, a sequence (list, set or tuple)
// or an object (object or map). Unknown stays explicit all the way down so that
// an evaluator can tell "not known until apply" from "absent".
package subject

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
)

// Kind is the shape of a Value.
type Kind uint8

const (
	KindNull Kind = iota
	KindUnknown
	KindBool
	KindNumber
	KindString
	KindList
	KindObject
)

func (k Kind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindUnknown:
		return "unknown"
	case KindBool:
		return "bool"
	case KindNumber:
		return "number"
	case KindString:
		return "string"
	case KindList:
		return "list"
	case KindObject:
		return "object"
	}
	return "invalid"
}

// Value is an immutable node of a decoded value tree. The zero Value is null.
type Value struct {
	kind Kind
	b    bool
	num  *big.Float
	// i holds the number when it is a whole number that fits an int64 (isInt),
	// so ports and counts are read without big.Float arithmetic.
	i     int64
	isInt bool
	s     string
	elems []Value
	attrs map[string]*Value // pointers into one backing array per object
}

// Null returns a null value.
func Null() Value { return Value{} }

// UnknownValue returns a value that is not known until apply.
func UnknownValue() Value { return Value{kind: KindUnknown} }

// Bool returns a boolean value.
func Bool(b bool) Value { return Value{kind: KindBool, b: b} }

// String returns a string value.
func String(s string) Value { return Value{kind: KindString, s: s} }

// Number returns a number value. A nil f is null.
func Number(f *big.Float) Value {
	if f == nil {
		return Null()
	}
	v := Value{kind: KindNumber, num: f}
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			v.i, v.isInt = i, true
		}
	}
	return v
}

// Int returns a number value holding i.
func Int(i int64) Value { return Number(new(big.Float).SetInt64(i)) }

// List returns a sequence value (list, set or tuple).
func List(elems ...Value) Value {
	if elems == nil {
		elems = []Value{}
	}
	return Value{kind: KindList, elems: elems}
}

// Object returns an object value. A nil map is an empty object.
func Object(attrs map[string]Value) Value {
	backing := make([]Value, 0, len(attrs))
	m := make(map[string]*Value, len(attrs))
	for k, v := range attrs {
		backing = append(backing, v)
		m[k] = &backing[len(backing)-1]
	}
	return Value{kind: KindObject, attrs: m}
}

// Kind reports the shape of v.
func (v Value) Kind() Kind { return v.kind }

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.kind == KindNull }

// IsUnknown reports whether v itself is unknown.
func (v Value) IsUnknown() bool { return v.kind == KindUnknown }

// Elems returns the elements of a sequence value.
func (v Value) Elems() []Value { return v.elems }

// Attr returns the attribute name of an object value and whether it is present.
func (v Value) Attr(name string) (Value, bool) {
	a, ok := v.attrs[name]
	if !ok {
		return Null(), false
	}
	return *a, true
}

// AttrNames returns the attribute names of an object, sorted.
func (v Value) AttrNames() []string {
	names := make([]string, 0, len(v.attrs))
	for k := range v.attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// FromGo converts the shapes encoding/json and yaml produce (nil, bool, float64,
// int, string, []any, map[string]any) into a Value.
func FromGo(x any) (Value, error) {
	switch t := x.(type) {
	case nil:
		return Null(), nil
	case Value:
		return t, nil
	case bool:
		return Bool(t), nil
	case string:
		return String(t), nil
	case int:
		return Int(int64(t)), nil
	case int64:
		return Int(t), nil
	case float64:
		return Number(big.NewFloat(t)), nil
	case []any:
		elems := make([]Value, len(t))
		for i, e := range t {
			ev, err := FromGo(e)
			if err != nil {
				return Null(), fmt.Errorf("[%d]: %w", i, err)
			}
			elems[i] = ev
		}
		return List(elems...), nil
	case map[string]any:
		attrs := make(map[string]Value, len(t))
		for k, e := range t {
			ev, err := FromGo(e)
			if err != nil {
				return Null(), fmt.Errorf("%s: %w", k, err)
			}
			attrs[k] = ev
		}
		return Object(attrs), nil
	}
	return Null(), fmt.Errorf("unsupported Go type %T", x)
}

// GoString renders v compactly for messages and debugging.
func (v Value) GoString() string {
	switch v.kind {
	case KindNull:
		return "null"
	case KindUnknown:
		return "(known after apply)"
	case KindBool:
		return strconv.FormatBool(v.b)
	case KindNumber:
		return v.num.Text('g', -1)
	case KindString:
		return strconv.Quote(v.s)
	case KindList:
		return fmt.Sprintf("[%d elements]", len(v.elems))
	case KindObject:
		return fmt.Sprintf("{%d attributes}", len(v.attrs))
	}
	return "?"
}

// WhollyKnown reports whether v and everything inside it is known.
func (v Value) WhollyKnown() bool {
	switch v.kind {
	case KindUnknown:
		return false
	case KindList:
		for _, e := range v.elems {
			if !e.WhollyKnown() {
				return false
			}
		}
	case KindObject:
		for _, a := range v.attrs {
			if !a.WhollyKnown() {
				return false
			}
		}
	}
	return true
}

// Scalar returns the Go value of a bool, number (*big.Float) or string, and
// false for anything else.
func (v Value) Scalar() (any, bool) {
	switch v.kind {
	case KindBool:
		return v.b, true
	case KindNumber:
		return v.num, true
	case KindString:
		return v.s, true
	}
	return nil, false
}

// Text returns a string value's string.
func (v Value) Text() (string, bool) { return v.s, v.kind == KindString }

// Num returns a number value's number.
func (v Value) Num() (*big.Float, bool) { return v.num, v.kind == KindNumber }

// Boolean returns a bool value's bool.
func (v Value) Boolean() (bool, bool) { return v.b, v.kind == KindBool }
