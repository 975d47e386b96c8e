package datasources_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/report/reporttest"
)

// outputCheck runs check on the string value of an output.
type outputCheck struct {
	name  string
	check func(string) error
}

func (c outputCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.Outputs[c.name] == nil {
		resp.Error = fmt.Errorf("output %s not found", c.name)
		return
	}
	s, ok := req.State.Values.Outputs[c.name].Value.(string)
	if !ok {
		resp.Error = fmt.Errorf("output %s is not a string", c.name)
		return
	}
	if err := c.check(s); err != nil {
		resp.Error = fmt.Errorf("output %s: %w\n%s", c.name, err, s)
	}
}

func junitValid(s string) error {
	err := reporttest.ValidateJUnit(map[string]string{"report": s}, nil)
	if err == reporttest.ErrNoPython && reporttest.SkipPython() {
		return nil
	}
	return err
}

// reportConfig judges two security groups with the evaluate function and a
// third with baseline_check (a waiver accepting SSH on bastions), then
// renders the verdicts in every format.
const reportConfig = `
provider "baseline" {
  as_of = "2030-01-01"
  waiver {
    control_id = "aws-ec2-sg-no-world-ssh"
    reason     = "bastion until the move to Session Manager"
    owner      = "team-platform"
    expires    = "2030-06-30"
    match      = { name = "bastion-*" }
  }
}

locals {
  open    = { name = "web", ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }] }
  private = { name = "db", ingress = [{ protocol = "tcp", from_port = 5432, to_port = 5432, cidr_blocks = ["10.0.0.0/8"] }] }
}

data "baseline_check" "bastion" {
  resource_type = "aws_security_group"
  values        = { name = "bastion-eu", ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }] }
}

locals {
  verdicts = [
    merge(provider::baseline::evaluate("aws_security_group", local.open), { name = "aws_security_group.web", file = "network/web.tf" }),
    merge(provider::baseline::evaluate("aws_security_group", local.private), { name = "aws_security_group.db" }),
    merge(data.baseline_check.bastion, { name = "aws_security_group.bastion" }),
  ]
}

data "baseline_report" "sarif" {
  verdicts    = local.verdicts
  format      = "sarif"
  source_file = "main.tf"
}
data "baseline_report" "junit" {
  verdicts = local.verdicts
  format   = "junit"
}
data "baseline_report" "markdown" {
  verdicts = local.verdicts
  format   = "markdown"
}
data "baseline_report" "json" {
  verdicts = { web = local.verdicts[0], bastion = local.verdicts[2] }
  format   = "json"
}
data "baseline_report" "critical" {
  verdicts         = local.verdicts
  format           = "json"
  minimum_severity = "critical"
}

output "sarif" { value = data.baseline_report.sarif.content }
output "junit" { value = data.baseline_report.junit.content }
output "sarif_results" { value = length(jsondecode(data.baseline_report.sarif.content).runs[0].results) }
output "sarif_uris" { value = distinct([for r in jsondecode(data.baseline_report.sarif.content).runs[0].results : r.locations[0].physicalLocation.artifactLocation.uri]) }
output "json_names" { value = [for v in jsondecode(data.baseline_report.json.content).verdicts : v.name] }
output "bastion_ssh" { value = [for f in data.baseline_check.bastion.findings : f.status if f.control_id == "aws-ec2-sg-no-world-ssh"][0] }
`

func TestAccReport_formatsValidateAgainstSchemas(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: reportConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				outputCheck{"sarif", reporttest.ValidateSARIF},
				outputCheck{"junit", junitValid},
				// web fails 4 controls; bastion fails 3 (SSH is waived); db none.
				statecheck.ExpectKnownOutputValue("sarif_results", knownvalue.Int64Exact(7)),
				statecheck.ExpectKnownOutputValue("sarif_uris", knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("network/web.tf"), knownvalue.StringExact("main.tf")})),
				statecheck.ExpectKnownOutputValue("bastion_ssh", knownvalue.StringExact("waived")),
				statecheck.ExpectKnownOutputValue("json_names", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("aws_security_group.bastion"), knownvalue.StringExact("aws_security_group.web")})),
				statecheck.ExpectKnownValue("data.baseline_report.sarif", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_report.sarif", tfjsonpath.New("failed"), knownvalue.Int64Exact(7)),
				statecheck.ExpectKnownValue("data.baseline_report.sarif", tfjsonpath.New("waived"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue("data.baseline_report.markdown", tfjsonpath.New("content"), knownvalue.StringRegexp(acctest.Wrapped(`\| waived \| high \| `+"`aws-ec2-sg-no-world-ssh`"))),
				// Only the critical high-risk-ports finding remains per open group.
				statecheck.ExpectKnownValue("data.baseline_report.critical", tfjsonpath.New("failed"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.baseline_report.critical", tfjsonpath.New("waived"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

func TestAccReport_badVerdicts(t *testing.T) {
	cases := map[string]struct{ verdicts, want string }{
		"string":       {`["nope"]`, `verdicts[0]: expected a verdict object`},
		"no findings":  {`[{ compliant = true }]`, `needs findings`},
		"no control":   {`[{ findings = [{ status = "fail" }] }]`, `verdicts[0].findings[0].control_id must be set`},
		"bad status":   {`[{ findings = [{ control_id = "x", status = "meh" }] }]`, `status "meh"`},
		"null":         {`null`, `Missing Configuration for Required Attribute|must not be null`},
		"format":       {`[]`, `value must be one of`},
		"bad baseline": {`[]`, `unknown baseline "pci"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			format, extra := "json", ""
			if name == "format" {
				format = "html"
			}
			if name == "bad baseline" {
				extra = `baseline = "pci"`
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "data \"baseline_report\" \"x\" {\n  verdicts = " + c.verdicts + "\n  format = \"" + format + "\"\n  " + extra + "\n}\n",
					ExpectError: acctest.Wrapped(strings.ReplaceAll(c.want, "[", `\[`)),
				}},
			})
		})
	}
}
