package fwkit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// TypeCache decodes protocol values whose dynamic parts carry their type as
// JSON (MessagePack [type JSON, value]), parsing each distinct type once.
// A resource's values or a function's values argument is dynamic: parsing
// its type's JSON on every call cost about as much as judging the values.
// The zero value is ready to use and safe for concurrent use.
type TypeCache struct {
	mu    sync.Mutex
	types map[string]tftypes.Type
}

// maxCachedTypes bounds the cache (a configuration has a few shapes; the
// bound only guards against unbounded growth).
const maxCachedTypes = 256

func (c *TypeCache) parse(typeJSON []byte) (tftypes.Type, error) {
	c.mu.Lock()
	typ, ok := c.types[string(typeJSON)]
	c.mu.Unlock()
	if ok {
		return typ, nil
	}
	typ, err := tftypes.ParseJSONType(typeJSON) //nolint:staticcheck // the protocol's own encoding of a dynamic value's type
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.types == nil || len(c.types) >= maxCachedTypes {
		c.types = map[string]tftypes.Type{}
	}
	c.types[string(typeJSON)] = typ
	c.mu.Unlock()
	return typ, nil
}

// fromMsgPack decodes MessagePack of typ through the protocol's public
// DynamicValue.
func fromMsgPack(b []byte, typ tftypes.Type) (tftypes.Value, error) {
	return tfprotov6.DynamicValue{MsgPack: b}.Unmarshal(typ)
}

// Dynamic decodes the MessagePack of a value of DynamicPseudoType.
func (c *TypeCache) Dynamic(b []byte) (tftypes.Value, error) {
	if len(b) < 2 || b[0] != 0x92 { // not [type, value]: null or unknown
		return fromMsgPack(b, tftypes.DynamicPseudoType)
	}
	typeJSON, rest, ok := msgpackBytes(b[1:])
	if !ok {
		return fromMsgPack(b, tftypes.DynamicPseudoType)
	}
	typ, err := c.parse(typeJSON)
	if err != nil {
		return tftypes.Value{}, err
	}
	return fromMsgPack(rest, typ)
}

// DynamicSubject reads the MessagePack of a value of DynamicPseudoType in
// its [type, value] form straight into a subject.Value (subject.FromMsgPack),
// and returns its type. ok is false for any other form (null or unknown as
// a whole), which the caller decodes otherwise.
func (c *TypeCache) DynamicSubject(b []byte) (v subject.Value, typ tftypes.Type, ok bool, err error) {
	if len(b) < 2 || b[0] != 0x92 {
		return subject.Null(), nil, false, nil
	}
	typeJSON, rest, ok := msgpackBytes(b[1:])
	if !ok {
		return subject.Null(), nil, false, nil
	}
	if typ, err = c.parse(typeJSON); err != nil {
		return subject.Null(), nil, false, err
	}
	v, err = subject.FromMsgPack(rest, typ, c.parse)
	return v, typ, true, err
}

// Object decodes the MessagePack of an object of typ, its dynamic
// attributes through the cache. What it cannot split (a null or unknown
// object) is decoded by tftypes as a whole.
func (c *TypeCache) Object(b []byte, typ tftypes.Object) (tftypes.Value, error) {
	if len(b) == 0 || !isMap(b[0]) {
		return fromMsgPack(b, typ)
	}
	dec := msgpack.NewDecoder(bytes.NewReader(b))
	n, err := dec.DecodeMapLen()
	if err != nil {
		return tftypes.Value{}, err
	}
	if n != len(typ.AttributeTypes) {
		return fromMsgPack(b, typ)
	}
	attrs := make(map[string]tftypes.Value, n)
	for range n {
		name, err := dec.DecodeString()
		if err != nil {
			return tftypes.Value{}, err
		}
		raw, err := dec.DecodeRaw()
		if err != nil {
			return tftypes.Value{}, err
		}
		at, ok := typ.AttributeTypes[name]
		if !ok {
			return tftypes.Value{}, errors.New("unexpected attribute " + name)
		}
		var v tftypes.Value
		if at.Is(tftypes.DynamicPseudoType) {
			v, err = c.Dynamic(raw)
		} else {
			v, err = fromMsgPack(raw, at)
		}
		if err != nil {
			return tftypes.Value{}, err
		}
		attrs[name] = v
	}
	return tftypes.NewValue(typ, attrs), nil
}

func isMap(c byte) bool { return (c >= 0x80 && c <= 0x8f) || c == 0xde || c == 0xdf }

// msgpackBytes reads one MessagePack bin or str at the start of b and
// returns it and what follows.
func msgpackBytes(b []byte) ([]byte, []byte, bool) {
	if len(b) == 0 {
		return nil, nil, false
	}
	var n, head int
	switch c := b[0]; {
	case c >= 0xa0 && c <= 0xbf:
		n, head = int(c&0x1f), 1
	case (c == 0xc4 || c == 0xd9) && len(b) >= 2:
		n, head = int(b[1]), 2
	case (c == 0xc5 || c == 0xda) && len(b) >= 3:
		n, head = int(binary.BigEndian.Uint16(b[1:3])), 3
	case (c == 0xc6 || c == 0xdb) && len(b) >= 5:
		n, head = int(binary.BigEndian.Uint32(b[1:5])), 5
	default:
		return nil, nil, false
	}
	if n < 0 || len(b) < head+n {
		return nil, nil, false
	}
	return b[head : head+n], b[head+n:], true
}
