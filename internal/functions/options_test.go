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
		// issue 22: no input passes silently
		"waivers a number":          {`{ waivers = 5 }`, `options.waivers: expected a list of waiver objects, got number`},
		"waivers a string":          {`{ waivers = "x" }`, `options.waivers: expected a list of waiver objects, got string`},
		"waiver not a calendar day": {`{ waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", owner = "o", expires = "2026-02-30" }] }`, `expires "2026-02-30" is not a calendar date`},
		"controls judge nothing":    {`{ controls = ["aws-s3-bucket-versioning"] }`, `no control of controls judges aws_security_group, so nothing would be judged: aws-s3-bucket-versioning judges aws_s3_bucket`},
		"misspelt control":          {`{ controls = ["aws-ec2-sg-no-world-sh"] }`, `unknown control id "aws-ec2-sg-no-world-sh" (did you mean "aws-ec2-sg-no-world-ssh"`},
		"match path cannot exist":   {`{ waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", owner = "o", expires = "2030-01-01", match = { "tag.Name" = "x" } }] }`, `matches tag.Name, which aws_security_group cannot have in the aws 5.100.0 and aws 6.47.0 schema the baseline judges, so the waiver never matches (did you mean tags?)`},
		"misspelt option":           {`{ waiver = [] }`, `unsupported option "waiver" (did you mean "waivers"?)`},
		"bad unknown_attributes":    {`{ unknown_attributes = "warn" }`, `options.unknown_attributes: "warn" is not error or ignore`},
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

// TestAccEvaluate_silentInput: an unsupported resource type names the closest
// supported ones, and an attribute the schema lacks is an error naming the
// closest known one unless options.unknown_attributes = "ignore" (functions
// cannot warn); left unset (a zero value) it passes.
func TestAccEvaluate_silentInput(t *testing.T) {
	cases := map[string]struct{ config, want string }{
		"misspelt type": {`output "x" { value = provider::baseline::evaluate("aws_securty_group", {}) }`,
			`resource type "aws_securty_group" is not supported: did you mean "aws_security_group"`},
		"azurerm 3.x argument": {`output "x" { value = provider::baseline::compliant("azurerm_redis_cache", { name = "a", enable_non_ssl_port = false }) }`,
			`azurerm_redis_cache has no attribute enable_non_ssl_port in the azurerm 4.79.0 schema the baseline judges (did you mean non_ssl_port_enabled?)`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   acctest.FunctionsVersion,
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps:                    []resource.TestStep{{Config: c.config, ExpectError: acctest.Wrapped(regexpQuote(c.want))}},
			})
		})
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
output "ignored" { value = provider::baseline::evaluate("azurerm_redis_cache", { name = "a", enable_non_ssl_port = true }, { unknown_attributes = "ignore", controls = ["azure-redis-non-ssl-port-disabled"] }).failed }
output "unset" { value = provider::baseline::evaluate("azurerm_storage_account", { name = "a", some_future_argument = false }, { unknown_attributes = "error", controls = ["azure-storage-https-only"] }).failed }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("ignored", knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownOutputValue("unset", knownvalue.Int64Exact(0)),
			},
		}},
	})
}
