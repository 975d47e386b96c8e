package datasources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// sshCheck judges a security group open to SSH on one control only.
func sshCheck(name, extra string) string {
	return `
data "baseline_check" "` + name + `" {
  resource_type = "aws_security_group"
  values = {
    name    = "` + name + `"
    tags    = { Environment = "dev" }
    ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }]
  }
  controls = ["aws-ec2-sg-no-world-ssh"]
  ` + extra + `
}
`
}

func providerWaiver(expires, match string) string {
	return `
provider "baseline" {
  as_of = "2030-01-01"
  waiver {
    control_id = "aws-ec2-sg-no-world-ssh"
    reason     = "legacy bastion"
    owner      = "team-platform"
    expires    = "` + expires + `"
    ` + match + `
  }
}
`
}

func TestAccCheck_providerWaiverActive(t *testing.T) {
	ds := "data.baseline_check.bastion"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			// Expiry is inclusive: a waiver expiring on as_of still waives.
			Config: providerWaiver("2030-01-01", "") + sshCheck("bastion", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("waived"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("failed"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("violations"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("waived")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("attribute"), knownvalue.StringExact("ingress[0].cidr_blocks[0]")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_owner"), knownvalue.StringExact("team-platform")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_expires"), knownvalue.StringExact("2030-01-01")),
			},
		}},
	})
}

func TestAccCheck_providerWaiverExpired(t *testing.T) {
	ds := "data.baseline_check.bastion"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerWaiver("2029-12-31", "") + sshCheck("bastion", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("waived"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("failed"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("fail")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_reason"), knownvalue.StringExact("legacy bastion")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_expires"), knownvalue.StringExact("2029-12-31")),
			},
		}},
	})
}

func TestAccCheck_waiverMatchByNameAndTag(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerWaiver("2030-12-31", `match = { name = "bastion-*", "tags.Environment" = "dev" }`) +
				sshCheck("bastion-eu", "") + sshCheck("web", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_check.bastion-eu", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.baseline_check.web", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_check.web", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_reason"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccCheck_perCallWaivers(t *testing.T) {
	waivers := func(expires string) string {
		return `waivers = [{
    control_id = "aws-ec2-sg-no-world-ssh"
    reason     = "approved in CHG-1234"
    owner      = "alice"
    expires    = "` + expires + `"
    match      = { "tags[\"Environment\"]" = "d?v" }
  }]`
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(`as_of = "2030-01-01T10:00:00Z"`) + sshCheck("active", waivers("2030-01-01")) + sshCheck("expired", waivers("2029-12-31")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_check.active", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.baseline_check.active", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_owner"), knownvalue.StringExact("alice")),
				statecheck.ExpectKnownValue("data.baseline_check.expired", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_check.expired", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("fail")),
				statecheck.ExpectKnownValue("data.baseline_check.expired", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_owner"), knownvalue.StringExact("alice")),
			},
		}},
	})
}

func TestAccCheck_waiverErrors(t *testing.T) {
	cases := map[string]struct{ config, want string }{
		"provider unknown control": {
			`provider "baseline" {
  waiver {
    control_id = "nope-nope"
    reason     = "r"
    owner      = "o"
    expires    = "2030-01-01"
  }
}` + sshCheck("x", ""),
			`Unknown Control(.|\n)*waiver\[0\]\.control_id: the waiver names control "nope-nope", which is not in the catalog`,
		},
		"per-call unknown control": {
			sshCheck("x", `waivers = [{ control_id = "nope-nope", reason = "r", owner = "o", expires = "2030-01-01" }]`),
			`Unknown Control(.|\n)*waivers\[0\]\.control_id(.|\n)*"nope-nope"`,
		},
		"bad date": {
			sshCheck("x", `waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", owner = "o", expires = "31/12/2030" }]`),
			`Invalid Waiver(.|\n)*waivers\[0\]\.expires: (.|\n)*not a date in YYYY-MM-DD form`,
		},
		"bad glob": {
			sshCheck("x", `waivers = [{ control_id = "aws-ec2-sg-no-world-ssh", reason = "r", owner = "o", expires = "2030-01-01", match = { name = "web-[" } }]`),
			`Invalid Waiver(.|\n)*waivers\[0\]\.match: (.|\n)*malformed`,
		},
		"bad as_of":             {acctest.ProviderBlock(`as_of = "soon"`) + sshCheck("x", ""), `Invalid Date`},
		"unknown baseline":      {sshCheck("x", `baseline = "pci-dss"`), `Unknown Baseline(.|\n)*unknown baseline "pci-dss"`},
		"provider bad baseline": {acctest.ProviderBlock(`baseline = "pci-dss"`) + sshCheck("x", ""), `Unknown Baseline`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps:                    []resource.TestStep{{Config: c.config, ExpectError: acctest.Wrapped(c.want)}},
			})
		})
	}
}

// An open security group fails several controls; baselines select which.
const openGroup = `
  resource_type = "aws_security_group"
  values        = { ingress = [{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["0.0.0.0/0"] }] }
`

func TestAccCheck_baselines(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(`baseline = "cis-aws-v3.0"`) + `
data "baseline_check" "cis" {` + openGroup + `}
data "baseline_check" "strict" {` + openGroup + `
  baseline = "strict"
}
data "baseline_check" "critical" {` + openGroup + `
  baseline         = "foundational"
  minimum_severity = "critical"
}
output "cis_ids" { value = sort([for f in data.baseline_check.cis.findings : f.control_id]) }
output "cis_all_refer_cis" { value = alltrue([for f in data.baseline_check.cis.findings : anytrue([for r in f.frameworks : startswith(r, "cis-aws-v3.0:")])]) }
output "critical_sev" { value = distinct([for f in data.baseline_check.critical.findings : f.severity]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("cis_all_refer_cis", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("cis_ids", knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("aws-ec2-sg-no-ipv4-admin-ports")})),
				statecheck.ExpectKnownValue("data.baseline_check.strict", tfjsonpath.New("failed"), knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownOutputValue("critical_sev", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("critical")})),
			},
		}},
	})
}

func TestAccCheck_asOfPlanTimestamp(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "baseline" {
  as_of = plantimestamp()
  waiver {
    control_id = "aws-ec2-sg-no-world-ssh"
    reason     = "lab"
    owner      = "team-lab"
    expires    = "2999-12-31"
  }
}
` + sshCheck("lab", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_check.lab", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			},
		}},
	})
}
