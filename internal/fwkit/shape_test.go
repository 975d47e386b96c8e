package fwkit

import (
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
)

// impliedType is the object type Terraform gives values of block b (what a
// postcondition's self or a guardrail's values carry).
func impliedType(b *schema.Block) tftypes.Object {
	attrs := map[string]tftypes.Type{}
	for name, a := range b.Attributes {
		attrs[name] = typeOf(a.Type)
	}
	for name, nb := range b.BlockTypes {
		obj := impliedType(nb.Block)
		switch nb.NestingMode {
		case "list":
			attrs[name] = tftypes.List{ElementType: obj}
		case "set":
			attrs[name] = tftypes.Set{ElementType: obj}
		case "map":
			attrs[name] = tftypes.Map{ElementType: obj}
		default:
			attrs[name] = obj
		}
	}
	return tftypes.Object{AttributeTypes: attrs}
}

func typeOf(t schema.Type) tftypes.Type {
	switch t.Kind {
	case "string":
		return tftypes.String
	case "number":
		return tftypes.Number
	case "bool":
		return tftypes.Bool
	case "list":
		return tftypes.List{ElementType: typeOf(*t.Elem)}
	case "set":
		return tftypes.Set{ElementType: typeOf(*t.Elem)}
	case "map":
		return tftypes.Map{ElementType: typeOf(*t.Elem)}
	case "object":
		attrs := map[string]tftypes.Type{}
		for name, at := range t.Attrs {
			attrs[name] = typeOf(at)
		}
		return tftypes.Object{AttributeTypes: attrs}
	}
	return tftypes.DynamicPseudoType
}

func resourceType(t *testing.T, provider, version, rt string) tftypes.Object {
	t.Helper()
	all, err := schema.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Name == provider && s.Version == version {
			b, ok, err := s.Resource(rt)
			if !ok || err != nil {
				t.Fatalf("%s %s has no %s: %v", provider, version, rt, err)
			}
			return impliedType(b)
		}
	}
	t.Fatalf("no embedded %s %s", provider, version)
	return tftypes.Object{}
}

// with returns obj with attribute name of type at.
func with(obj tftypes.Object, name string, at tftypes.Type) tftypes.Object {
	attrs := maps.Clone(obj.AttributeTypes)
	attrs[name] = at
	return tftypes.Object{AttributeTypes: attrs}
}

func TestKnownShape(t *testing.T) {
	sg := resourceType(t, "aws", "5.100.0", "aws_security_group")
	rule := sg.AttributeTypes["ingress"].(tftypes.Set).ElementType.(tftypes.Object)
	bucket := resourceType(t, "aws", "5.100.0", "aws_s3_bucket")
	for _, tc := range []struct {
		name string
		rt   string
		typ  tftypes.Type
		want bool
	}{
		{"a real security group", "aws_security_group", sg, true},
		{"a real bucket, nested blocks included", "aws_s3_bucket", bucket, true},
		{"a subset of the attributes", "aws_security_group", tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}, true},
		{"an ingress rule given as a tuple", "aws_security_group", with(sg, "ingress", tftypes.Tuple{ElementTypes: []tftypes.Type{rule, rule}}), true},
		{"an attribute no version has", "aws_security_group", with(sg, "ingres", sg.AttributeTypes["ingress"]), false},
		{"an unknown attribute inside a rule", "aws_security_group", with(sg, "ingress", tftypes.Set{ElementType: with(rule, "cidr", tftypes.String)}), false},
		{"an unknown attribute in one tuple element", "aws_security_group", with(sg, "ingress", tftypes.Tuple{ElementTypes: []tftypes.Type{rule, with(rule, "x", tftypes.Bool)}}), false},
		{"a map where the rules are objects: its keys are names", "aws_security_group", with(sg, "ingress", tftypes.List{ElementType: tftypes.Map{ElementType: tftypes.String}}), false},
		{"a nested block with an unknown attribute", "aws_s3_bucket", with(bucket, "versioning", tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"enabld": tftypes.Bool}}}), false},
		{"no type", "aws_security_group", nil, false},
		{"a posture type, which no provider schema has", "aws_s3_bucket_posture", tftypes.Object{AttributeTypes: map[string]tftypes.Type{"bucket": tftypes.String}}, false},
		{"not an object", "aws_security_group", tftypes.String, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KnownShape(tc.rt, tc.typ); got != tc.want {
				t.Errorf("KnownShape = %v, want %v", got, tc.want)
			}
		})
	}
}
