package provider_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// planVerdicts builds a baseline_plan data source value (its schema's type)
// with n failed findings over n instances, as a gate module passes it whole
// to baseline_guardrail { verdicts = data.baseline_plan.app }.
func planVerdicts(tb testing.TB, s *tfprotov6.GetProviderSchemaResponse, n int) tftypes.Value {
	tb.Helper()
	pt := s.DataSourceSchemas["baseline_plan"].ValueType().(tftypes.Object)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	num := func(v int) tftypes.Value { return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(int64(v))) }
	strs := tftypes.List{ElementType: tftypes.String}
	fl := pt.AttributeTypes["findings"].(tftypes.List)
	ft := fl.ElementType.(tftypes.Object)
	rm := pt.AttributeTypes["resources"].(tftypes.Map)
	findings := make([]tftypes.Value, n)
	violations := make([]tftypes.Value, n)
	resources := make(map[string]tftypes.Value, n)
	for i := range findings {
		addr := fmt.Sprintf("module.app.aws_security_group.sg_%d", i)
		attrs := map[string]tftypes.Value{}
		for name, t := range ft.AttributeTypes {
			attrs[name] = tftypes.NewValue(t, nil)
		}
		for name, v := range map[string]string{
			"control_id": "aws-ec2-sg-no-world-ssh", "title": "Security groups do not allow SSH from the internet", "severity": "high",
			"status": "fail", "resource_type": "aws_security_group", "attribute": "ingress[0].cidr_blocks[0]",
			"message": "allows SSH (port 22) from the internet", "fix": "Narrow cidr_blocks to the networks that need SSH.",
			"remediation": "ingress {\n  cidr_blocks = [\"10.0.0.0/8\"]\n}", "responsibility": "customer", "service_model": "IaaS",
			"address": addr, "module_address": "module.app",
		} {
			attrs[name] = str(v)
		}
		attrs["frameworks"] = tftypes.NewValue(strs, []tftypes.Value{str("aws-fsbp:EC2.13"), str("cis-aws-v3.0:5.2")})
		findings[i] = tftypes.NewValue(ft, attrs)
		violations[i] = str(addr + ": aws-ec2-sg-no-world-ssh [aws-fsbp:EC2.13] (high): ingress[0].cidr_blocks[0]: allows SSH (port 22) from the internet.")
		resources[addr] = tftypes.NewValue(rm.ElementType, map[string]tftypes.Value{
			"type": str("aws_security_group"), "passed": num(20), "failed": num(1), "unknown": num(0), "waived": num(0), "errored": num(0),
		})
	}
	attrs := map[string]tftypes.Value{}
	for name, t := range pt.AttributeTypes {
		attrs[name] = tftypes.NewValue(t, nil)
	}
	attrs["path"] = str("plan.json")
	attrs["compliant"] = tftypes.NewValue(tftypes.Bool, n == 0)
	attrs["findings"] = tftypes.NewValue(fl, findings)
	attrs["violations"] = tftypes.NewValue(strs, violations)
	attrs["passed"], attrs["failed"], attrs["unknown"], attrs["waived"], attrs["errored"] = num(20*n), num(n), num(0), num(0), num(0)
	attrs["kind"], attrs["format_version"], attrs["terraform_version"] = str("plan"), str("1.2"), str("1.11.4")
	attrs["resources"] = tftypes.NewValue(rm, resources)
	attrs["resource_types"] = tftypes.NewValue(strs, []tftypes.Value{str("aws_security_group")})
	attrs["unjudged_types"] = tftypes.NewValue(strs, []tftypes.Value{})
	return tftypes.NewValue(pt, attrs)
}

// BenchmarkGuardrailGate is the guardrail of a gate module on a plan verdict
// of 1,000 and 9,000 findings (enforcement = "warn", so the plan succeeds):
// ValidateResourceConfig then PlanResourceChange, as the CLI calls them.
func BenchmarkGuardrailGate(b *testing.B) {
	for _, n := range []int{1000, 9000} {
		b.Run(fmt.Sprintf("findings=%d", n), func(b *testing.B) {
			ctx := context.Background()
			srv, s := configuredServer(b)
			gt := s.ResourceSchemas["baseline_guardrail"].ValueType().(tftypes.Object)
			cfg := withAttrs(gt, map[string]tftypes.Value{
				"verdicts":    planVerdicts(b, s, n),
				"enforcement": tftypes.NewValue(tftypes.String, "warn"),
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
				if err != nil {
					b.Fatal(err)
				}
				warned := 0
				for _, d := range p.Diagnostics {
					if d.Severity == tfprotov6.DiagnosticSeverityError {
						b.Fatal(d.Summary, d.Detail)
					}
					warned++
				}
				if warned != n {
					b.Fatalf("%d warnings, want %d", warned, n)
				}
			}
		})
	}
}
