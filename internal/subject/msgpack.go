package subject

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// FromMsgPack reads the MessagePack of a Terraform value of type t (as the
// plugin protocol carries it) straight into a Value: the same Value
// FromTerraform gives for the tftypes.Value it encodes, without building
// that tftypes.Value first, which cost most of a function call's time on a
// real resource. parseType parses the type JSON of a nested dynamic value.
// Errors are those of a malformed encoding; the caller may then decode
// through tftypes for its message.
func FromMsgPack(b []byte, t tftypes.Type, parseType func([]byte) (tftypes.Type, error)) (Value, error) {
	br := bytes.NewReader(b)
	r := msgpackReader{dec: msgpack.NewDecoder(br), left: br.Len, parseType: parseType}
	v, err := r.value(t, 0)
	if err != nil {
		return Null(), err
	}
	if br.Len() > 0 {
		return Null(), errors.New("trailing bytes after the value")
	}
	return v, nil
}

type msgpackReader struct {
	dec *msgpack.Decoder
	// left is the number of bytes not yet read (the decoder reads a
	// bytes.Reader directly, without buffering).
	left      func() int
	parseType func([]byte) (tftypes.Type, error)
}

// maxDepth bounds nesting (a Terraform value is rarely more than a dozen
// levels deep) so that hostile input cannot exhaust the stack.
const maxDepth = 256

func (r *msgpackReader) value(t tftypes.Type, depth int) (Value, error) {
	if depth > maxDepth {
		return Null(), errors.New("value nested too deeply")
	}
	code, err := r.dec.PeekCode()
	if err != nil {
		return Null(), err
	}
	if msgpcode.IsExt(code) { // unknown, refined or not
		return UnknownValue(), r.dec.Skip()
	}
	if t.Is(tftypes.DynamicPseudoType) {
		return r.dynamic(depth)
	}
	if code == msgpcode.Nil {
		return Null(), r.dec.Skip()
	}
	switch t := t.(type) {
	case tftypes.List:
		return r.list(depth, func(int) (tftypes.Type, bool) { return t.ElementType, true }, -1)
	case tftypes.Set:
		return r.list(depth, func(int) (tftypes.Type, bool) { return t.ElementType, true }, -1)
	case tftypes.Tuple:
		return r.list(depth, func(i int) (tftypes.Type, bool) {
			if i < len(t.ElementTypes) {
				return t.ElementTypes[i], true
			}
			return nil, false
		}, len(t.ElementTypes))
	case tftypes.Map:
		return r.object(depth, func(string) (tftypes.Type, bool) { return t.ElementType, true }, -1)
	case tftypes.Object:
		return r.object(depth, func(name string) (tftypes.Type, bool) { at, ok := t.AttributeTypes[name]; return at, ok }, len(t.AttributeTypes))
	}
	switch {
	case t.Is(tftypes.String):
		s, err := r.dec.DecodeString()
		return String(s), err
	case t.Is(tftypes.Bool):
		b, err := r.dec.DecodeBool()
		return Bool(b), err
	case t.Is(tftypes.Number):
		return r.number(code)
	}
	return Null(), fmt.Errorf("unsupported type %s", t)
}

// number reads an integer, a float or a decimal string, as cty encodes
// numbers, into the big.Float tftypes would hold.
func (r *msgpackReader) number(code byte) (Value, error) {
	switch {
	case msgpcode.IsFixedNum(code), code == msgpcode.Int8, code == msgpcode.Int16, code == msgpcode.Int32, code == msgpcode.Int64:
		i, err := r.dec.DecodeInt64()
		return Number(new(big.Float).SetInt64(i)), err
	case code == msgpcode.Uint8, code == msgpcode.Uint16, code == msgpcode.Uint32, code == msgpcode.Uint64:
		u, err := r.dec.DecodeUint64()
		return Number(new(big.Float).SetUint64(u)), err
	case code == msgpcode.Float, code == msgpcode.Double:
		f, err := r.dec.DecodeFloat64()
		if err != nil {
			return Null(), err
		}
		if f != f { // NaN: big.Float has none, as tftypes refuses it
			return Null(), errors.New("number is NaN")
		}
		return Number(big.NewFloat(f)), nil
	}
	s, err := r.dec.DecodeString()
	if err != nil {
		return Null(), err
	}
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		return Null(), fmt.Errorf("number %q: %w", s, err)
	}
	return Number(f), nil
}

// dynamic reads a value of DynamicPseudoType: null, or [type JSON, value].
func (r *msgpackReader) dynamic(depth int) (Value, error) {
	n, err := r.dec.DecodeArrayLen()
	switch {
	case err != nil:
		return Null(), err
	case n == -1:
		return Null(), nil
	case n != 2:
		return Null(), fmt.Errorf("dynamic value of %d elements, want 2", n)
	}
	typeJSON, err := r.dec.DecodeBytes()
	if err != nil {
		return Null(), err
	}
	t, err := r.parseType(typeJSON)
	if err != nil {
		return Null(), err
	}
	return r.value(t, depth+1)
}

// list reads a list, set or tuple; want is the number of elements a tuple
// must have (-1 for a list or set).
func (r *msgpackReader) list(depth int, elem func(int) (tftypes.Type, bool), want int) (Value, error) {
	n, err := r.dec.DecodeArrayLen()
	if err != nil || n < 0 {
		return Null(), err
	}
	if want >= 0 && n != want {
		return Null(), fmt.Errorf("tuple of %d elements, want %d", n, want)
	}
	if n > r.left() { // each element takes at least a byte
		return Null(), errors.New("sequence longer than its encoding")
	}
	elems := make([]Value, n)
	for i := range elems {
		t, ok := elem(i)
		if !ok {
			return Null(), fmt.Errorf("tuple element %d has no type", i)
		}
		if elems[i], err = r.value(t, depth+1); err != nil {
			return Null(), err
		}
	}
	return List(elems...), nil
}

// object reads a map or an object; want is the number of attributes an
// object must have (-1 for a map).
func (r *msgpackReader) object(depth int, attr func(string) (tftypes.Type, bool), want int) (Value, error) {
	n, err := r.dec.DecodeMapLen()
	if err != nil || n < 0 {
		return Null(), err
	}
	if want >= 0 && n != want {
		return Null(), fmt.Errorf("object of %d attributes, want %d", n, want)
	}
	if n > r.left() {
		return Null(), errors.New("map longer than its encoding")
	}
	backing := make([]Value, n)
	attrs := make(map[string]*Value, n)
	for i := range backing {
		name, err := r.dec.DecodeString()
		if err != nil {
			return Null(), err
		}
		t, ok := attr(name)
		if !ok {
			return Null(), fmt.Errorf("unknown attribute %q", name)
		}
		if _, dup := attrs[name]; dup {
			return Null(), fmt.Errorf("attribute %q given twice", name)
		}
		if backing[i], err = r.value(t, depth+1); err != nil {
			return Null(), err
		}
		attrs[name] = &backing[i]
	}
	return Value{kind: KindObject, attrs: attrs}, nil
}
