// Package deftest holds the organisation baseline the benchmarks share.
package deftest

import (
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// BenchSpec is 200 custom controls on aws_security_group, each a different
// mix of the operators; every other one reads all nested ingress entries.
func BenchSpec(n int) string {
	var b strings.Builder
	b.WriteString("controls:\n")
	conds := []string{
		`{ attribute: "ingress[*].description", op: exists }`,
		`{ attribute: "ingress[*].cidr_blocks[*]", op: cidr_within, value: [10.0.0.0/8, 192.168.0.0/16] }`,
		`{ all: [{ attribute: "ingress[*].from_port", op: ">=", value: 0 }, { attribute: "ingress[*].to_port", op: "<=", value: 65535 }] }`,
		`{ attribute: "ingress[*].protocol", op: in, value: [tcp, udp, "6", "17"] }`,
		`{ attribute: "ingress[*].cidr_blocks[*]", op: not_world }`,
		`{ attribute: tags.data-classification, op: in, value: [public, internal, confidential] }`,
		`{ attribute: name, op: matches, value: 'sg-[a-z0-9-]+' }`,
		`{ none: [{ attribute: description, op: equals, value: "Managed by Terraform" }] }`,
		`{ any: [{ attribute: revoke_rules_on_delete, op: equals, value: true }, { attribute: tags, op: contains, value: Owner }] }`,
		`{ when: { attribute: tags.env, op: equals, value: prod }, attribute: vpc_id, op: exists }`,
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: acme-bench-%03d\n    title: Bench %d\n    severity: medium\n    resource_types: [aws_security_group]\n    condition: %s\n", i, i, conds[i%len(conds)])
	}
	return b.String()
}

// BenchValues is an aws_security_group with n ingress entries.
func BenchValues(n int) subject.Value {
	ingress := make([]any, n)
	for i := range ingress {
		ingress[i] = map[string]any{
			"description": fmt.Sprintf("rule %d", i), "protocol": "tcp", "from_port": 443, "to_port": 443,
			"cidr_blocks": []any{fmt.Sprintf("10.%d.%d.0/24", i/250, i%250)}, "ipv6_cidr_blocks": []any{},
			"prefix_list_ids": []any{}, "security_groups": []any{}, "self": false,
		}
	}
	v, err := subject.FromGo(map[string]any{
		"name": "sg-app", "description": "app servers", "vpc_id": "vpc-123", "revoke_rules_on_delete": false,
		"tags":    map[string]any{"data-classification": "internal", "env": "prod", "Owner": "team-a"},
		"ingress": ingress, "egress": []any{},
	})
	if err != nil {
		panic(err)
	}
	return v
}
