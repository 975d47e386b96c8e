package fwkit

import (
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TypeCache decodes what tftypes decodes, to the same values.
func TestTypeCache_decodesAsTftypes(t *testing.T) {
	rule := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"from_port": tftypes.Number, "cidr_blocks": tftypes.List{ElementType: tftypes.String}}}
	group := func(n int, desc string) tftypes.Value {
		rules := make([]tftypes.Value, n)
		for i := range rules {
			rules[i] = tftypes.NewValue(rule, map[string]tftypes.Value{
				"from_port":   tftypes.NewValue(tftypes.Number, big.NewFloat(float64(i))),
				"cidr_blocks": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "10.0.0.0/8")}),
			})
		}
		gt := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"description": tftypes.String, "ingress": tftypes.Set{ElementType: rule}, "id": tftypes.String}}
		return tftypes.NewValue(gt, map[string]tftypes.Value{
			"description": tftypes.NewValue(tftypes.String, desc), "ingress": tftypes.NewValue(tftypes.Set{ElementType: rule}, rules),
			"id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		})
	}
	// A long attribute name makes the type's JSON longer than 255 bytes
	// (str16), and 70,000 characters longer than 65,535 (str32).
	long := tftypes.Object{AttributeTypes: map[string]tftypes.Type{strings.Repeat("a", 300): tftypes.String}}
	huge := tftypes.Object{AttributeTypes: map[string]tftypes.Type{strings.Repeat("b", 70000): tftypes.Bool}}
	dynamics := map[string]tftypes.Value{
		"null":     tftypes.NewValue(tftypes.DynamicPseudoType, nil),
		"unknown":  tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue),
		"string":   tftypes.NewValue(tftypes.String, "sg-123"),
		"group":    group(3, "web"),
		"group 2":  group(300, "db"), // same type, from the cache
		"str16":    tftypes.NewValue(long, map[string]tftypes.Value{strings.Repeat("a", 300): tftypes.NewValue(tftypes.String, "x")}),
		"str32":    tftypes.NewValue(huge, map[string]tftypes.Value{strings.Repeat("b", 70000): tftypes.NewValue(tftypes.Bool, true)}),
		"empty":    tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}, map[string]tftypes.Value{}),
		"nullobj":  tftypes.NewValue(rule, nil),
		"unknownl": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, tftypes.UnknownValue),
	}
	var c TypeCache
	holder := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"values": tftypes.DynamicPseudoType, "name": tftypes.String}}
	for round := 0; round < 2; round++ {
		for name, v := range dynamics {
			dv, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, v)
			if err != nil {
				t.Fatal(name, err)
			}
			got, err := c.Dynamic(dv.MsgPack)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want, err := dv.Unmarshal(tftypes.DynamicPseudoType)
			if err != nil {
				t.Fatal(name, err)
			}
			if !got.Equal(want) || !got.Type().Equal(want.Type()) {
				t.Fatalf("%s: got %v, want %v", name, got, want)
			}
			for _, obj := range []tftypes.Value{
				tftypes.NewValue(holder, map[string]tftypes.Value{"values": v, "name": tftypes.NewValue(tftypes.String, "x")}),
				tftypes.NewValue(holder, nil),
				tftypes.NewValue(holder, tftypes.UnknownValue),
			} {
				odv, err := tfprotov6.NewDynamicValue(holder, obj)
				if err != nil {
					t.Fatal(name, err)
				}
				got, err := c.Object(odv.MsgPack, holder)
				if err != nil {
					t.Fatalf("%s object: %v", name, err)
				}
				want, err := odv.Unmarshal(holder)
				if err != nil {
					t.Fatal(name, err)
				}
				if !got.Equal(want) {
					t.Fatalf("%s object: got %v, want %v", name, got, want)
				}
			}
		}
	}
	if len(c.types) == 0 {
		t.Fatal("no type was cached")
	}
	if _, err := c.Dynamic([]byte{0x92, 0xa3, '{', '}'}); err == nil {
		t.Fatal("a truncated value decoded")
	}
}
