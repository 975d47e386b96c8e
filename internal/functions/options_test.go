package functions_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// sshOnly is an open security group judged on the SSH control only, with one
// waiver expiring on 2030-01-01 for groups named bastion-*.
const sshOnly = `
locals {
  sg = { name = "bastion-1", ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }] }
  waivers = [{
    control_id = "aws-ec2-sg-no-world-ssh"
    reason     = "bastion"
    owner      = "team-platform"
    expires    = "2030-01-01"
    match      = { name = "bastion-*" }
  }]
  opts = { controls = ["aws-ec2-sg-no-world-ssh"], waivers = local.waivers }
  active  = provider::baseline::evaluate("aws_security_group", local.sg, merge(local.opts, { as_of = "2030-01-01" }))
  expired = provider::baseline::evaluate("aws_security_group", local.sg, merge(local.opts, { as_of = "2030-01-02T08:00:00Z" }))
  other   = provider::baseline::evaluate("aws_security_group", merge(local.sg, { name = "web" }), merge(local.opts, { as_of = "2030-01-01" }))
}
output "active_compliant" { value = local.active.compliant }
output "active_status" { value = local.active.findings[0].status }
output "active_waived" { value = local.active.waived }
output "active_violations" { value = local.active.violations }
output "expired_compliant" { value = local.expired.compliant }
output "expired_status" { value = local.expired.findings[0].status }
output "expired_waiver" { value = local.expired.findings[0].waiver_expires }
output "other_compliant" { value = local.other.compliant }
output "today" {
  value = provider::baseline::compliant("aws_security_group", local.sg, merge(local.opts, { as_of = plantimestamp(), waivers = [merge(local.waivers[0], { expires = "2999-12-31" })] }))
}
`

func TestAccEvaluate_waiverOptions(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: sshOnly,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("active_compliant", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("active_status", knownvalue.StringExact("waived")),
				statecheck.ExpectKnownOutputValue("active_waived", knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownOutputValue("active_violations", knownvalue.ListExact(nil)),
				statecheck.ExpectKnownOutputValue("expired_compliant", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("expired_status", knownvalue.StringExact("fail")),
				statecheck.ExpectKnownOutputValue("expired_waiver", knownvalue.StringExact("2030-01-01")),
				statecheck.ExpectKnownOutputValue("other_compliant", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("today", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccEvaluate_baselineOption(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
locals {
  sg = { ingress = [{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["0.0.0.0/0"] }] }
}
output "strict" { value = provider::baseline::evaluate("aws_security_group", local.sg, { baseline = "strict" }).failed }
output "critical" { value = provider::baseline::evaluate("aws_security_group", local.sg, { baseline = "foundational", minimum_severity = "critical" }).failed }
output "fsbp" { value = alltrue([for f in provider::baseline::evaluate("aws_security_group", local.sg, { baseline = "aws-fsbp" }).findings : anytrue([for r in f.frameworks : startswith(r, "aws-fsbp:")])]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("strict", knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownOutputValue("critical", knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownOutputValue("fsbp", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccEvaluate_badPolicyOptions(t *testing.T) {
	cases := map[string]struct{ opts, want string }{
		"unknown waiver control": {`{ waivers = [{ control_id = "nope", reason = "r", owner = "o", expires = "2030-01-01" }] }`, `options.waivers[0].control_id: unknown control id "nope"`},
		"waiver without owner":   {`{ waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", expires = "2030-01-01" }] }`, `options.waivers[0]: waiver for aws-ec2-sg-no-world-ssh needs an owner`},
		"waiver bad date":        {`{ waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", owner = "o", expires = "tomorrow" }] }`, `not a date in YYYY-MM-DD form`},
		"waiver extra attribute": {`{ waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", owner = "o", expires = "2030-01-01", until = "x" }] }`, `unsupported attribute "until"`},
		"waivers not a list":     {`{ waivers = { control_id = "aws-ec2-sg-no-world-ssh" } }`, `options.waivers: expected a list of waiver objects`},
		"bad as_of":              {`{ as_of = "next week" }`, `options.as_of: "next week" is not a date`},
		"unknown baseline":       {`{ baseline = "pci" }`, `unknown baseline "pci"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   acctest.FunctionsVersion,
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      `output "x" { value = provider::baseline::evaluate("aws_security_group", {}, ` + c.opts + `) }`,
					ExpectError: acctest.Wrapped(regexpQuote(c.want)),
				}},
			})
		})
	}
}

func regexpQuote(s string) string { return regexp.QuoteMeta(s) }
