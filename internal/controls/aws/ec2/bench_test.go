package ec2

import (
	"fmt"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// securityGroup builds an aws_security_group value with n private ingress
// rules and one world-open SSH rule at the end, so every check scans all rules.
func securityGroup(n int) subject.Value {
	rules := make([]subject.Value, 0, n)
	for i := 0; i < n-1; i++ {
		rules = append(rules, subject.Object(map[string]subject.Value{
			"protocol":         subject.String("tcp"),
			"from_port":        subject.Int(int64(1000 + i%60000)),
			"to_port":          subject.Int(int64(1000 + i%60000)),
			"cidr_blocks":      subject.List(subject.String(fmt.Sprintf("10.%d.%d.0/24", i/256%256, i%256))),
			"ipv6_cidr_blocks": subject.List(),
		}))
	}
	rules = append(rules, subject.Object(map[string]subject.Value{
		"protocol":    subject.String("tcp"),
		"from_port":   subject.Int(22),
		"to_port":     subject.Int(22),
		"cidr_blocks": subject.List(subject.String("0.0.0.0/0")),
	}))
	return subject.Object(map[string]subject.Value{"ingress": subject.List(rules...)})
}

// BenchmarkSecurityGroup measures decoding plus every security group check
// (six controls) for groups of 1, 100 and 10,000 rules. Target: 10,000 rules
// under 5 ms.
func BenchmarkSecurityGroup(b *testing.B) {
	controls := []engine.Control{}
	for _, c := range securityGroupChecks() {
		controls = append(controls, engine.Control{ID: c.Control, Severity: engine.SeverityHigh})
	}
	reg := engine.NewRegistry()
	engine.Add(reg, "aws_security_group", decodeSecurityGroup, securityGroupChecks()...)
	eng, err := engine.New(controls, reg)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 100, 10000} {
		v := securityGroup(n)
		// Planned mode: decode the Terraform value, then judge.
		b.Run(fmt.Sprintf("decode+judge/rules=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				verdict, err := eng.Evaluate("aws_security_group", v, engine.Options{})
				if err != nil || verdict.Failed == 0 {
					b.Fatalf("unexpected verdict %+v, %v", verdict, err)
				}
			}
		})
		// The evaluators alone, on a decoded subject (what live mode runs).
		_, root := subject.Decode(v)
		sg := decodeSecurityGroup(root)
		b.Run(fmt.Sprintf("judge/rules=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				verdict, err := eng.EvaluateSubject("aws_security_group", sg, engine.Options{})
				if err != nil || verdict.Failed == 0 {
					b.Fatalf("unexpected verdict %+v, %v", verdict, err)
				}
			}
		})
	}
}
