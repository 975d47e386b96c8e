package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/provider"
)

// The provider-side cost of one check on a real aws_security_group, through
// the protocol the CLI speaks (msgpack in and out, the server main serves,
// our work): what one postcondition (compliant + violations) and one
// baseline_guardrail (ValidateResourceConfig + PlanResourceChange, as
// Terraform 1.11 calls them) cost the provider per resource.
// scripts/bench-real.sh measures the same on 500 resources through the real
// CLI. Run: go test ./internal/provider -run '^$' -bench 'Postcondition|GuardrailPlan|GuardrailGate' -benchmem

// sgType is the object type hashicorp/aws 5.100.0 gives aws_security_group.
var sgRule = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"cidr_blocks": tftypes.List{ElementType: tftypes.String}, "description": tftypes.String,
	"from_port": tftypes.Number, "ipv6_cidr_blocks": tftypes.List{ElementType: tftypes.String},
	"prefix_list_ids": tftypes.List{ElementType: tftypes.String}, "protocol": tftypes.String,
	"security_groups": tftypes.Set{ElementType: tftypes.String}, "self": tftypes.Bool, "to_port": tftypes.Number,
}}

var sgType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"arn": tftypes.String, "description": tftypes.String, "egress": tftypes.Set{ElementType: sgRule},
	"id": tftypes.String, "ingress": tftypes.Set{ElementType: sgRule}, "name": tftypes.String,
	"name_prefix": tftypes.String, "owner_id": tftypes.String, "revoke_rules_on_delete": tftypes.Bool,
	"tags": tftypes.Map{ElementType: tftypes.String}, "tags_all": tftypes.Map{ElementType: tftypes.String},
	"timeouts": tftypes.Object{AttributeTypes: map[string]tftypes.Type{"create": tftypes.String, "delete": tftypes.String}},
	"vpc_id":   tftypes.String,
}}

// realSecurityGroup reads the planned aws_security_group.inline of
// internal/schema/testdata/plan-aws-5.100.0.json (planned by hashicorp/aws
// 5.100.0) into a tftypes value, with after_unknown's unknowns.
func realSecurityGroup(tb testing.TB) tftypes.Value {
	tb.Helper()
	b, err := os.ReadFile("../schema/testdata/plan-aws-5.100.0.json")
	if err != nil {
		tb.Fatal(err)
	}
	var plan struct {
		ResourceChanges []struct {
			Address      string `json:"address"`
			After        any    `json:"after"`
			AfterUnknown any    `json:"after_unknown"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(b, &plan); err != nil {
		tb.Fatal(err)
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Address == "aws_security_group.inline" {
			return toValue(tb, sgType, rc.After, rc.AfterUnknown)
		}
	}
	tb.Fatal("aws_security_group.inline not in the plan")
	return tftypes.Value{}
}

func toValue(tb testing.TB, t tftypes.Type, v, unknown any) tftypes.Value {
	if u, ok := unknown.(bool); ok && u {
		return tftypes.NewValue(t, tftypes.UnknownValue)
	}
	if v == nil {
		return tftypes.NewValue(t, nil)
	}
	switch t := t.(type) {
	case tftypes.Object:
		m, _ := v.(map[string]any)
		um, _ := unknown.(map[string]any)
		out := map[string]tftypes.Value{}
		for name, at := range t.AttributeTypes {
			out[name] = toValue(tb, at, m[name], um[name])
		}
		return tftypes.NewValue(t, out)
	case tftypes.List, tftypes.Set:
		var et tftypes.Type
		if l, ok := t.(tftypes.List); ok {
			et = l.ElementType
		} else {
			et = t.(tftypes.Set).ElementType
		}
		l, _ := v.([]any)
		ul, _ := unknown.([]any)
		out := []tftypes.Value{}
		for i, e := range l {
			var ue any
			if i < len(ul) {
				ue = ul[i]
			}
			out = append(out, toValue(tb, et, e, ue))
		}
		return tftypes.NewValue(t, out)
	case tftypes.Map:
		m, _ := v.(map[string]any)
		out := map[string]tftypes.Value{}
		for k, e := range m {
			out[k] = toValue(tb, t.ElementType, e, nil)
		}
		return tftypes.NewValue(t, out)
	}
	switch x := v.(type) {
	case string:
		return tftypes.NewValue(t, x)
	case bool:
		return tftypes.NewValue(t, x)
	case float64:
		return tftypes.NewValue(t, big.NewFloat(x))
	}
	tb.Fatalf("unexpected %T for %s", v, t)
	return tftypes.Value{}
}

// withAttrs returns a null-filled object of t with attrs set.
func withAttrs(t tftypes.Object, attrs map[string]tftypes.Value) tftypes.Value {
	out := map[string]tftypes.Value{}
	for name, at := range t.AttributeTypes {
		if v, ok := attrs[name]; ok {
			out[name] = v
			continue
		}
		out[name] = tftypes.NewValue(at, nil)
	}
	return tftypes.NewValue(t, out)
}

func dv(tb testing.TB, t tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	d, err := tfprotov6.NewDynamicValue(t, v)
	if err != nil {
		tb.Fatal(err)
	}
	return &d
}

func configuredServer(tb testing.TB) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	ctx := context.Background()
	srv, err := provider.NewServer("bench")()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(s.Diagnostics) > 0 {
		tb.Fatal(err, s.Diagnostics)
	}
	pt := s.Provider.ValueType().(tftypes.Object)
	r, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dv(tb, pt, withAttrs(pt, nil))})
	if err != nil || len(r.Diagnostics) > 0 {
		tb.Fatal(err, r.Diagnostics)
	}
	return srv, s
}

// BenchmarkPostcondition is one postcondition on a real security group:
// compliant() for the condition and violations() for the message, as
// Terraform calls them. Each iteration judges another group (64 that differ
// in name, more than the provider keeps judgements of), so the first call
// judges and the second reuses that judgement.
func BenchmarkPostcondition(b *testing.B) {
	ctx := context.Background()
	srv, _ := configuredServer(b)
	groups := namedGroups(b, realSecurityGroup(b), 64)
	rt := dv(b, tftypes.String, tftypes.NewValue(tftypes.String, "aws_security_group"))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		args := []*tfprotov6.DynamicValue{rt, groups[i%len(groups)]}
		for _, name := range []string{"compliant", "violations"} {
			r, err := srv.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: name, Arguments: args})
			if err != nil || r.Error != nil {
				b.Fatal(err, r.Error)
			}
		}
	}
}

// namedGroups returns n copies of sg as dynamic values, each with its own name.
func namedGroups(tb testing.TB, sg tftypes.Value, n int) []*tfprotov6.DynamicValue {
	var attrs map[string]tftypes.Value
	if err := sg.As(&attrs); err != nil {
		tb.Fatal(err)
	}
	out := make([]*tfprotov6.DynamicValue, n)
	for i := range out {
		attrs["name"] = tftypes.NewValue(tftypes.String, fmt.Sprintf("group-%d", i))
		out[i] = dv(tb, tftypes.DynamicPseudoType, tftypes.NewValue(sg.Type(), attrs))
	}
	return out
}

// BenchmarkGuardrailPlan is one baseline_guardrail on a real security group:
// the CLI validates its configuration, then plans it.
func BenchmarkGuardrailPlan(b *testing.B) {
	ctx := context.Background()
	srv, s := configuredServer(b)
	gt := s.ResourceSchemas["baseline_guardrail"].ValueType().(tftypes.Object)
	sg := realSecurityGroup(b)
	cfg := withAttrs(gt, map[string]tftypes.Value{
		"resource_type": tftypes.NewValue(tftypes.String, "aws_security_group"),
		"values":        sg,
	})
	config := dv(b, gt, cfg)
	prior := dv(b, gt, tftypes.NewValue(gt, nil))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "baseline_guardrail", Config: config})
		if err != nil || len(v.Diagnostics) > 0 {
			b.Fatal(err, v.Diagnostics)
		}
		p, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: "baseline_guardrail", Config: config, PriorState: prior, ProposedNewState: config,
		})
		if err != nil || len(p.Diagnostics) > 0 {
			b.Fatal(err, p.Diagnostics)
		}
	}
}
