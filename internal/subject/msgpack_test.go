package subject

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	ruleType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"protocol": tftypes.String, "from_port": tftypes.Number, "to_port": tftypes.Number,
		"cidr_blocks": tftypes.List{ElementType: tftypes.String}, "self": tftypes.Bool,
	}}
	groupType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "name": tftypes.String, "ingress": tftypes.Set{ElementType: ruleType},
		"tags": tftypes.Map{ElementType: tftypes.String}, "pair": tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number}},
		"extra": tftypes.DynamicPseudoType, "size": tftypes.Number,
	}}
)

func rule(port int64, cidr string, self bool) tftypes.Value {
	return tftypes.NewValue(ruleType, map[string]tftypes.Value{
		"protocol": tftypes.NewValue(tftypes.String, "tcp"), "from_port": tftypes.NewValue(tftypes.Number, port),
		"to_port": tftypes.NewValue(tftypes.Number, big.NewFloat(float64(port)+0.5)), "self": tftypes.NewValue(tftypes.Bool, self),
		"cidr_blocks": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, cidr)}),
	})
}

func group(attrs map[string]tftypes.Value) tftypes.Value {
	all := map[string]tftypes.Value{}
	for name, t := range groupType.AttributeTypes {
		all[name] = tftypes.NewValue(t, nil)
	}
	for name, v := range attrs {
		all[name] = v
	}
	return tftypes.NewValue(groupType, all)
}

func parseType(b []byte) (tftypes.Type, error) {
	return tftypes.ParseJSONType(b) //nolint:staticcheck // the protocol's own encoding of a dynamic value's type
}

// viaTFTypes is what FromMsgPack must equal: tftypes' decoding, then FromTerraform.
func viaTFTypes(b []byte, t tftypes.Type) (v Value, err error, panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	tv, err := tfprotov6.DynamicValue{MsgPack: b}.Unmarshal(t)
	if err != nil {
		return Null(), err, false
	}
	v, err = FromTerraform(tv)
	return v, err, false
}

func TestFromMsgPackMatchesTFTypes(t *testing.T) {
	huge, _, _ := big.ParseFloat("123456789012345678901234567890.125", 10, 512, big.ToNearestEven)
	values := map[string]tftypes.Value{
		"null":  tftypes.NewValue(groupType, nil),
		"empty": group(nil),
		"full": group(map[string]tftypes.Value{
			"id":      tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
			"name":    tftypes.NewValue(tftypes.String, "web"),
			"ingress": tftypes.NewValue(tftypes.Set{ElementType: ruleType}, []tftypes.Value{rule(22, "0.0.0.0/0", false), rule(-3, "10.0.0.0/8", true)}),
			"tags":    tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"env": tftypes.NewValue(tftypes.String, "prod"), "x": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}),
			"pair":    tftypes.NewValue(tftypes.Tuple{ElementTypes: []tftypes.Type{tftypes.String, tftypes.Number}}, []tftypes.Value{tftypes.NewValue(tftypes.String, "a"), tftypes.NewValue(tftypes.Number, huge)}),
			"extra":   tftypes.NewValue(ruleType, map[string]tftypes.Value{"protocol": tftypes.NewValue(tftypes.String, "-1"), "from_port": tftypes.NewValue(tftypes.Number, 1<<40), "to_port": tftypes.NewValue(tftypes.Number, uint64(1)<<63), "self": tftypes.NewValue(tftypes.Bool, nil), "cidr_blocks": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{})}),
			"size":    tftypes.NewValue(tftypes.Number, big.NewFloat(0.1)),
		}),
		"unknown rules": group(map[string]tftypes.Value{"ingress": tftypes.NewValue(tftypes.Set{ElementType: ruleType}, tftypes.UnknownValue)}),
		"dynamic null":  group(map[string]tftypes.Value{"extra": tftypes.NewValue(tftypes.String, nil)}),
	}
	for name, v := range values {
		for _, typ := range []tftypes.Type{groupType, tftypes.DynamicPseudoType} {
			t.Run(name+"/"+typ.String(), func(t *testing.T) {
				dv, err := tfprotov6.NewDynamicValue(typ, v)
				if err != nil {
					t.Fatal(err)
				}
				want, err, _ := viaTFTypes(dv.MsgPack, typ)
				if err != nil {
					t.Fatal(err)
				}
				got, err := FromMsgPack(dv.MsgPack, typ, parseType)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("FromMsgPack = %#v, want %#v", got, want)
				}
			})
		}
	}
}

// FuzzFromMsgPack: FromMsgPack never panics, and whatever it accepts
// tftypes reads too, to the same Value.
func FuzzFromMsgPack(f *testing.F) {
	full := group(map[string]tftypes.Value{
		"name":    tftypes.NewValue(tftypes.String, "web"),
		"ingress": tftypes.NewValue(tftypes.Set{ElementType: ruleType}, []tftypes.Value{rule(22, "0.0.0.0/0", false)}),
		"extra":   tftypes.NewValue(tftypes.List{ElementType: tftypes.Number}, []tftypes.Value{tftypes.NewValue(tftypes.Number, 7)}),
	})
	for _, v := range []tftypes.Value{full, group(nil), tftypes.NewValue(groupType, tftypes.UnknownValue)} {
		dv, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(dv.MsgPack)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := FromMsgPack(b, tftypes.DynamicPseudoType, parseType)
		if err != nil {
			return
		}
		want, werr, panicked := viaTFTypes(b, tftypes.DynamicPseudoType)
		if panicked {
			return
		}
		if werr != nil {
			t.Fatalf("FromMsgPack accepted what tftypes refuses (%v): %#v", werr, got)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("FromMsgPack = %#v, want %#v", got, want)
		}
	})
}
