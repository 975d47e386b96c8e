package provider_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition/deftest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/provider"
)

// BenchmarkCallFunction measures the provider's side of one
// provider::baseline::compliant call as Terraform makes it over the plugin
// protocol (argument decoding, judging a two-rule security group, result
// encoding), without the CLI or gRPC transport.
func BenchmarkCallFunction(b *testing.B) {
	server, err := provider.NewServer("bench")()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rule := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"protocol": tftypes.String, "from_port": tftypes.Number, "to_port": tftypes.Number,
		"cidr_blocks": tftypes.List{ElementType: tftypes.String},
	}}
	mk := func(port int64, cidr string) tftypes.Value {
		return tftypes.NewValue(rule, map[string]tftypes.Value{
			"protocol":    tftypes.NewValue(tftypes.String, "tcp"),
			"from_port":   tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(port)),
			"to_port":     tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(port)),
			"cidr_blocks": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, cidr)}),
		})
	}
	sgType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id":      tftypes.String,
		"ingress": tftypes.List{ElementType: rule},
	}}
	rt, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, "aws_security_group"))
	if err != nil {
		b.Fatal(err)
	}
	// 64 groups that differ in their second rule's network, more than the
	// provider keeps judgements of: every call judges.
	groups := make([]*tfprotov6.DynamicValue, 64)
	for i := range groups {
		sg := tftypes.NewValue(sgType, map[string]tftypes.Value{
			"id":      tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
			"ingress": tftypes.NewValue(tftypes.List{ElementType: rule}, []tftypes.Value{mk(443, "0.0.0.0/0"), mk(22, fmt.Sprintf("10.%d.0.0/16", i))}),
		})
		values, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, sg)
		if err != nil {
			b.Fatal(err)
		}
		groups[i] = &values
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := &tfprotov6.CallFunctionRequest{Name: "compliant", Arguments: []*tfprotov6.DynamicValue{&rt, groups[i%len(groups)]}}
		i++
		resp, err := server.CallFunction(ctx, req)
		if err != nil || resp.Error != nil {
			b.Fatalf("%v %v", err, resp.Error)
		}
	}
}

// BenchmarkCallFunctionDefinitions is one provider::baseline::compliant call
// with an organisation baseline of 200 custom controls (the definitions
// option, as baseline_definition returns it) on an aws_security_group of
// 1,000 ingress entries, over the plugin protocol. Target: under 5 ms.
func BenchmarkCallFunctionDefinitions(b *testing.B) {
	server, err := provider.NewServer("bench")()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	base, err := catalog.Engine()
	if err != nil {
		b.Fatal(err)
	}
	spec, probs := definition.Parse(definition.Source{Name: "bench.yaml", Document: []byte(deftest.BenchSpec(200))})
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	compiled, probs := definition.Compile(base, spec)
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(n)) }
	strs := tftypes.List{ElementType: tftypes.String}
	rule := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"description": tftypes.String, "protocol": tftypes.String, "from_port": tftypes.Number, "to_port": tftypes.Number,
		"cidr_blocks": strs, "ipv6_cidr_blocks": strs, "prefix_list_ids": strs, "security_groups": strs, "self": tftypes.Bool,
	}}
	rules := make([]tftypes.Value, 1000)
	for i := range rules {
		rules[i] = tftypes.NewValue(rule, map[string]tftypes.Value{
			"description": str(fmt.Sprintf("rule %d", i)), "protocol": str("tcp"), "from_port": num(443), "to_port": num(443),
			"cidr_blocks":      tftypes.NewValue(strs, []tftypes.Value{str(fmt.Sprintf("10.%d.%d.0/24", i/250, i%250))}),
			"ipv6_cidr_blocks": tftypes.NewValue(strs, []tftypes.Value{}), "prefix_list_ids": tftypes.NewValue(strs, []tftypes.Value{}),
			"security_groups": tftypes.NewValue(strs, []tftypes.Value{}), "self": tftypes.NewValue(tftypes.Bool, false),
		})
	}
	tags := tftypes.Map{ElementType: tftypes.String}
	sgType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "name": tftypes.String, "description": tftypes.String, "vpc_id": tftypes.String,
		"revoke_rules_on_delete": tftypes.Bool, "tags": tags, "ingress": tftypes.Set{ElementType: rule}, "egress": tftypes.Set{ElementType: rule},
	}}
	sg := tftypes.NewValue(sgType, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "name": str("sg-app"), "description": str("app servers"),
		"vpc_id": str("vpc-123"), "revoke_rules_on_delete": tftypes.NewValue(tftypes.Bool, false),
		"tags":    tftypes.NewValue(tags, map[string]tftypes.Value{"data-classification": str("internal"), "env": str("prod"), "Owner": str("team-a")}),
		"ingress": tftypes.NewValue(tftypes.Set{ElementType: rule}, rules), "egress": tftypes.NewValue(tftypes.Set{ElementType: rule}, []tftypes.Value{}),
	})
	optsType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"definitions": tftypes.String, "controls": tftypes.List{ElementType: tftypes.String}}}
	ids := make([]tftypes.Value, len(compiled.Custom))
	for i, id := range compiled.Custom {
		ids[i] = str(id)
	}
	opts := tftypes.NewValue(optsType, map[string]tftypes.Value{"definitions": str(compiled.Spec), "controls": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, ids)})
	args := make([]*tfprotov6.DynamicValue, 3)
	for i, v := range []tftypes.Value{str("aws_security_group"), sg, opts} {
		typ := tftypes.Type(tftypes.DynamicPseudoType)
		if i == 0 {
			typ = tftypes.String
		}
		dv, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			b.Fatal(err)
		}
		args[i] = &dv
	}
	req := &tfprotov6.CallFunctionRequest{Name: "compliant", Arguments: args}
	resp, err := server.CallFunction(ctx, req)
	if err != nil || resp.Error != nil {
		b.Fatalf("%v %v", err, resp.Error)
	}
	got, err := resp.Result.Unmarshal(tftypes.Bool)
	var compliant bool
	if err != nil || got.As(&compliant) != nil || !compliant {
		b.Fatalf("want compliant, got %v %v", got, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := server.CallFunction(ctx, req)
		if err != nil || resp.Error != nil {
			b.Fatalf("%v %v", err, resp.Error)
		}
	}
}
