package resources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// The open group fails four controls; waive all of them for groups named web.
func guardrailWaivers(expires string) string {
	w := ""
	for _, id := range []string{"aws-ec2-sg-no-world-ssh", "aws-ec2-sg-no-ipv4-admin-ports", "aws-ec2-sg-no-world-high-risk-ports", "aws-ec2-sg-only-authorized-world-ports"} {
		w += `{ control_id = "` + id + `", reason = "lab network", owner = "team-lab", expires = "` + expires + `", match = { name = "w?b" } },` + "\n"
	}
	return "waivers = [\n" + w + "]"
}

func TestAccGuardrail_perCallWaiversMakeItCompliant(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: guardrail(`as_of = "2030-01-01"`, `"0.0.0.0/0"`, guardrailWaivers("2030-01-01")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("waived"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("failed"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("waived")),
				statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("waiver_owner"), knownvalue.StringExact("team-lab")),
			},
		}},
	})
}

func TestAccGuardrail_expiredWaiversFailThePlan(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      guardrail(`as_of = "2030-01-02"`, `"0.0.0.0/0"`, guardrailWaivers("2030-01-01")),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(`Guardrail Control Failed: aws-ec2-sg-no-world-ssh`),
		}},
	})
}

func TestAccGuardrail_providerWaiverAndBaseline(t *testing.T) {
	provider := `
  baseline = "foundational"
  waiver {
    control_id = "aws-ec2-sg-no-world-ssh"
    reason     = "lab"
    owner      = "team-lab"
    expires    = "2999-12-31"
  }
  waiver {
    control_id = "aws-ec2-sg-no-ipv4-admin-ports"
    reason     = "lab"
    owner      = "team-lab"
    expires    = "2999-12-31"
  }
  waiver {
    control_id = "aws-ec2-sg-no-world-high-risk-ports"
    reason     = "lab"
    owner      = "team-lab"
    expires    = "2999-12-31"
  }
  waiver {
    control_id = "aws-ec2-sg-only-authorized-world-ports"
    reason     = "lab"
    owner      = "team-lab"
    expires    = "2999-12-31"
  }`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: guardrail(provider, `"0.0.0.0/0"`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("waived"), knownvalue.Int64Exact(4)),
				},
			},
			{
				// A per-call baseline that selects none of the waived controls' peers.
				Config: guardrail(provider, `"0.0.0.0/0"`, `baseline = "nist-800-53-r5"
  minimum_severity = "critical"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("waived"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("baseline_guardrail.sg", tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey("severity"), knownvalue.StringExact("critical")),
				},
			},
		},
	})
}

func TestAccGuardrail_waiverUnknownControl(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      guardrail("", `"10.0.0.0/8"`, `waivers = [{ control_id = "aws-nope", reason = "r", owner = "o", expires = "2030-01-01" }]`),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(`Unknown Control(.|\n)*waivers\[0\]\.control_id: the waiver names control "aws-nope"`),
		}},
	})
}
