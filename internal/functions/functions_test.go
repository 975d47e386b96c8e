package functions_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// A security group shaped like hashicorp/aws's, wrapped in terraform_data:
// self.input plus self.id (unknown at plan) is exactly `self` of a group not
// yet created.
const openSG = `
resource "terraform_data" "sg" {
  input = {
    name = "web"
    ingress = [{
      protocol         = "tcp"
      from_port        = 22
      to_port          = 22
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = []
    }]
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", merge(self.input, { id = self.id, arn = self.id }))
      error_message = join("\n", provider::baseline::violations("aws_security_group", merge(self.input, { id = self.id })))
    }
  }
}
`

func TestAccCompliant_postconditionFailsAtPlanOnPartiallyUnknownSelf(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   openSG,
			PlanOnly: true,
			// A decided failure ("] (high): attribute"), not an unknown ("] (high, unknown):").
			ExpectError: acctest.Wrapped(`aws-ec2-sg-no-world-ssh \[aws-fsbp:EC2.13[^\]]*\] \(high\): ingress\[0\].cidr_blocks\[0\]`),
		}},
	})
}

func TestAccEvaluate_verdictObject(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
locals {
  sg = {
    ingress = toset([
      { protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = [], ipv6_cidr_blocks = ["::/0"] },
    ])
  }
  v = provider::baseline::evaluate("aws_security_group", local.sg)
}
output "compliant" { value = local.v.compliant }
output "failed" { value = local.v.failed }
output "ids" { value = sort([for f in local.v.findings : f.control_id]) }
output "attr" { value = [for f in local.v.findings : f.attribute if f.control_id == "aws-ec2-sg-no-ipv6-admin-ports"][0] }
output "private" { value = provider::baseline::compliant("aws_security_group", { ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["10.0.0.0/8"] }] }) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("compliant", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("private", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("failed", knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownOutputValue("attr", knownvalue.StringExact("ingress[0].ipv6_cidr_blocks[0]")),
				statecheck.ExpectKnownOutputValueAtPath("ids", tfjsonpath.New(0), knownvalue.StringExact("aws-ec2-sg-no-ipv6-admin-ports")),
			},
		}},
	})
}

func TestAccEvaluate_unknownPolicy(t *testing.T) {
	// The CIDR comes from terraform_data's id-derived value, unknown at plan.
	cfg := func(policy string) string {
		return `
resource "terraform_data" "cidr" { input = "x" }
locals {
  sg = { ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = [terraform_data.cidr.id == "" ? "0.0.0.0/0" : "10.0.0.0/8"] }] }
}
resource "terraform_data" "check" {
  input = provider::baseline::compliant("aws_security_group", local.sg, { unknown_values = "` + policy + `" })
  lifecycle {
    precondition {
      condition     = provider::baseline::compliant("aws_security_group", local.sg, { unknown_values = "` + policy + `" })
      error_message = "not compliant"
    }
  }
}
`
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg("fail"), PlanOnly: true, ExpectError: regexp.MustCompile(`not compliant`)},
			// defer: unknown at plan, so the precondition waits for apply, where
			// the CIDR is private and the check passes.
			{Config: cfg("defer"), ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("terraform_data.check", tfjsonpath.New("output"), knownvalue.Bool(true)),
			}},
		},
	})
}

func TestAccEvaluate_badValues(t *testing.T) {
	cases := map[string]struct {
		call string
		want string
	}{
		"string":           {`provider::baseline::evaluate("aws_security_group", "sg-123")`, `expected an object with the attributes of\s+aws_security_group, got string`},
		"wrong nested":     {`provider::baseline::evaluate("aws_security_group", { ingress = "everything" })`, `ingress: expected a list, set or tuple, got string`},
		"wrong port":       {`provider::baseline::evaluate("aws_security_group", { ingress = [{ protocol = "tcp", from_port = "ssh", to_port = 22, cidr_blocks = [] }] })`, `ingress\[0\]\.from_port: expected number, got string "ssh"`},
		"unsupported type": {`provider::baseline::evaluate("aws_toaster", {})`, `resource type "aws_toaster" is not supported`},
		"bad option":       {`provider::baseline::evaluate("aws_security_group", {}, { unknown_values = "maybe" })`, `unknown value policy "maybe"`},
		"unknown control":  {`provider::baseline::evaluate("aws_security_group", {}, { controls = ["nope"] })`, `unknown control id "nope"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   acctest.FunctionsVersion,
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      `output "x" { value = ` + c.call + ` }`,
					ExpectError: acctest.Wrapped(c.want),
				}},
			})
		})
	}
}
