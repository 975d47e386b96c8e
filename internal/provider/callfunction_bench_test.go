package provider_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/provider"
)

// BenchmarkCallFunction measures the provider's side of one
// provider::baseline::compliant call as Terraform makes it over the plugin
// protocol (argument decoding, judging a two-rule security group, result
// encoding), without the CLI or gRPC transport.
func BenchmarkCallFunction(b *testing.B) {
	server, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
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
	sg := tftypes.NewValue(sgType, map[string]tftypes.Value{
		"id":      tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"ingress": tftypes.NewValue(tftypes.List{ElementType: rule}, []tftypes.Value{mk(443, "0.0.0.0/0"), mk(22, "10.0.0.0/8")}),
	})
	rt, err := tfprotov6.NewDynamicValue(tftypes.String, tftypes.NewValue(tftypes.String, "aws_security_group"))
	if err != nil {
		b.Fatal(err)
	}
	values, err := tfprotov6.NewDynamicValue(tftypes.DynamicPseudoType, sg)
	if err != nil {
		b.Fatal(err)
	}
	req := &tfprotov6.CallFunctionRequest{Name: "compliant", Arguments: []*tfprotov6.DynamicValue{&rt, &values}}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := server.CallFunction(ctx, req)
		if err != nil || resp.Error != nil {
			b.Fatalf("%v %v", err, resp.Error)
		}
	}
}
