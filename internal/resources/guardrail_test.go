package resources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

func guardrail(provider, cidr, extra string) string {
	return acctest.ProviderBlock(provider) + `
resource "terraform_data" "sg" {
  input = {
    name = "web"
    ingress = [{
      protocol    = "tcp"
      from_port   = 22
      to_port     = 22
      cidr_blocks = [` + cidr + `]
    }]
  }
}

resource "baseline_guardrail" "sg" {
  resource_type = "aws_security_group"
  values        = merge(terraform_data.sg.input, { id = terraform_data.sg.id })
  ` + extra + `
}
`
}

func TestAccGuardrail_failsPlanWithOneErrorPerControl(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      guardrail("", `"0.0.0.0/0"`, ""),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(`Guardrail Control Failed: aws-ec2-sg-no-world-ssh(.|\n)*Attribute: ingress\[0\].cidr_blocks\[0\](.|\n)*Frameworks: aws-fsbp:EC2.13(.|\n)*Remediation:(.|\n)*Guardrail Control Failed: aws-ec2-sg-no-ipv4-admin-ports`),
		}},
	})
}

func TestAccGuardrail_compliantPasses(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: guardrail("", `"10.0.0.0/8"`, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("failed"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("passed"), knownvalue.Int64Exact(6)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("findings"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestAccGuardrail_warnEnforcement(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: guardrail("", `"0.0.0.0/0"`, `enforcement = "warn"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("failed"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("attribute"), knownvalue.StringExact("ingress[0].cidr_blocks[0]")),
			},
		}},
	})
}

// The CIDR depends on terraform_data.cidr.id, unknown at plan.
const unknownCIDR = `"${terraform_data.cidr.id == "" ? "0.0.0.0/0" : "10.0.0.0/8"}"`

func TestAccGuardrail_unknownValuesFailBlocksUnknownCIDR(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `resource "terraform_data" "cidr" { input = "x" }` + "\n" + guardrail(`unknown_values = "fail"`, unknownCIDR, ""),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(`Guardrail Control Undecided: aws-ec2-sg-no-world-ssh`),
		}},
	})
}

func TestAccGuardrail_unknownValuesDeferDecidesAtApply(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `resource "terraform_data" "cidr" { input = "x" }` + "\n" + guardrail(`unknown_values = "defer"`, unknownCIDR, ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("baseline_guardrail.sg", tfjsonpath.New("compliant")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccGuardrail_badInput(t *testing.T) {
	for name, c := range map[string]struct{ values, rtype, want string }{
		"string values":    {`"sg-123"`, "aws_security_group", `expected an object with the attributes of aws_security_group, got string`},
		"wrong nested":     {`{ ingress = [{ cidr_blocks = "0.0.0.0/0" }] }`, "aws_security_group", `ingress\[0\].cidr_blocks: expected a list of strings, got string`},
		"unsupported type": {`{}`, "aws_toaster", `Unsupported Resource Type`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      `resource "baseline_guardrail" "x" {` + "\n" + `resource_type = "` + c.rtype + `"` + "\n" + `values = ` + c.values + "\n}",
					PlanOnly:    true,
					ExpectError: acctest.Wrapped(c.want),
				}},
			})
		})
	}
}

// verdictsGuardrail enforces the verdict of a baseline_check judged on a
// security group whose SSH rule comes from cidr.
func verdictsGuardrail(cidr, extra string) string {
	return `
data "baseline_check" "sg" {
  resource_type = "aws_security_group"
  values = {
    name    = "web"
    ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = [` + cidr + `] }]
  }
}

resource "baseline_guardrail" "checked" {
  verdicts = [data.baseline_check.sg]
  ` + extra + `
}
`
}

func TestAccGuardrail_enforcesVerdicts(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      verdictsGuardrail(`"0.0.0.0/0"`, ""),
				PlanOnly:    true,
				ExpectError: acctest.Wrapped(`(?s)Guardrail Control Failed: aws-ec2-sg-no-world-ssh.*Attribute: ingress\[0\].cidr_blocks\[0\]`),
			},
			{
				// The guardrail's selection narrows what it enforces.
				Config: verdictsGuardrail(`"0.0.0.0/0"`, `controls = ["aws-ec2-sg-no-world-rdp"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("baseline_guardrail.checked", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("baseline_guardrail.checked", tfjsonpath.New("findings"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				Config: verdictsGuardrail(`"10.0.0.0/8"`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("baseline_guardrail.checked", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("baseline_guardrail.checked", tfjsonpath.New("failed"), knownvalue.Int64Exact(0)),
				},
			},
		},
	})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      verdictsGuardrail(`"10.0.0.0/8"`, `resource_type = "aws_security_group"`+"\n  values = { name = \"web\" }"),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(`Invalid Attribute Combination`),
		}},
	})
}
