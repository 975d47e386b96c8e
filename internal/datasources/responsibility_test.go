package datasources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/responsibility"
)

// ownerOf outputs the owner and controls of one item of a responsibility data source.
func ownerOf(name, item string) string {
	return `
output "` + name + `_` + item + `" {
  value = [for i in data.baseline_responsibility.` + name + `.items : i.owner if i.item == "` + item + `"][0]
}
output "` + name + `_` + item + `_controls" {
  value = [for i in data.baseline_responsibility.` + name + `.items : i.controls if i.item == "` + item + `"][0]
}
`
}

func TestAccResponsibility_serviceModelsAndOwners(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "baseline_responsibility" "ec2" {
  resource_type = "aws_instance"
}
data "baseline_responsibility" "rds" {
  resource_type = "aws_db_instance"
}
data "baseline_responsibility" "s3" {
  resource_type = "aws_s3_bucket_public_access_block"
}
data "baseline_responsibility" "fargate" {
  service = "ecs-fargate"
}
` + ownerOf("ec2", "os-patching") + ownerOf("rds", "os-patching") + ownerOf("rds", "encryption-at-rest") +
				ownerOf("s3", "public-exposure") + ownerOf("fargate", "os-patching"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_responsibility.ec2", tfjsonpath.New("service"), knownvalue.StringExact("ec2")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.ec2", tfjsonpath.New("service_model"), knownvalue.StringExact("IaaS")),
				statecheck.ExpectKnownOutputValue("ec2_os-patching", knownvalue.StringExact("customer")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.rds", tfjsonpath.New("service"), knownvalue.StringExact("rds")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.rds", tfjsonpath.New("service_model"), knownvalue.StringExact("PaaS")),
				statecheck.ExpectKnownOutputValue("rds_os-patching", knownvalue.StringExact("provider")),
				statecheck.ExpectKnownOutputValue("rds_encryption-at-rest", knownvalue.StringExact("customer")),
				statecheck.ExpectKnownOutputValue("rds_encryption-at-rest_controls", knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("aws-rds-instance-encrypted")})),
				statecheck.ExpectKnownValue("data.baseline_responsibility.s3", tfjsonpath.New("service"), knownvalue.StringExact("s3")),
				statecheck.ExpectKnownOutputValue("s3_public-exposure", knownvalue.StringExact("customer")),
				statecheck.ExpectKnownOutputValue("s3_public-exposure_controls", knownvalue.NotNull()),
				statecheck.ExpectKnownOutputValue("fargate_os-patching", knownvalue.StringExact("provider")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.fargate", tfjsonpath.New("resource_type"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccResponsibility_minimumSeverityNarrowsControls(t *testing.T) {
	// aws-rds-instance-encrypted is medium: under minimum_severity = "high" it
	// is not judged, so it does not count for the item.
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(`minimum_severity = "high"`) + `
data "baseline_responsibility" "rds" {
  service = "rds"
}
` + ownerOf("rds", "encryption-at-rest") + ownerOf("rds", "public-exposure"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("rds_encryption-at-rest_controls", knownvalue.ListExact(nil)),
				statecheck.ExpectKnownOutputValue("rds_public-exposure_controls", knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("aws-rds-instance-not-public")})),
			},
		}},
	})
}

func TestAccResponsibility_badInput(t *testing.T) {
	cases := map[string]struct{ config, want string }{
		"unknown type":    {`resource_type = "aws_toaster"`, `Resource type "aws_toaster" belongs to no service`},
		"unknown service": {`service = "mainframe"`, `Service "mainframe" is not in the responsibility matrix`},
		"both":            {"resource_type = \"aws_instance\"\n  service = \"ec2\"", `Invalid Attribute Combination`},
		"neither":         {``, `Missing Attribute Configuration`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "data \"baseline_responsibility\" \"x\" {\n  " + c.config + "\n}\n",
					ExpectError: acctest.Wrapped(regexp.QuoteMeta(c.want)),
				}},
			})
		})
	}
}

func TestAccCoverage_gapsAndExports(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "baseline_coverage" "app" {
  resource_types = ["aws_instance", "aws_db_instance", "aws_s3_bucket_policy", "aws_toaster"]
  services       = ["saas"]
}
locals {
  gaps  = [for g in data.baseline_coverage.app.gaps : "${g.service}/${g.item}"]
  oscal = jsondecode(data.baseline_coverage.app.oscal_json)["component-definition"]
}
output "ec2_os_gap" { value = contains(local.gaps, "ec2/os-patching") }
output "rds_os_gap" { value = contains(local.gaps, "rds/os-patching") }
output "s3_public_gap" { value = contains(local.gaps, "s3/public-exposure") }
output "owners" { value = distinct([for g in data.baseline_coverage.app.gaps : g.owner]) }
output "components" { value = [for c in local.oscal.components : c.title] }
output "rds_patching_roles" {
  value = [for r in local.oscal.components[2]["control-implementations"][0]["implemented-requirements"] : r["responsible-roles"][*]["role-id"] if r["control-id"] == "si-2"][0]
}
output "rds_encryption_roles" {
  value = [for r in local.oscal.components[2]["control-implementations"][0]["implemented-requirements"] : r["responsible-roles"][*]["role-id"] if r["control-id"] == "sc-28"][0]
}
output "markdown_has_rds" { value = strcontains(data.baseline_coverage.app.markdown, "| Operating system patching | provider |") }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_coverage.app", tfjsonpath.New("matched_services"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("ec2"), knownvalue.StringExact("s3"), knownvalue.StringExact("rds"), knownvalue.StringExact("saas"),
				})),
				statecheck.ExpectKnownValue("data.baseline_coverage.app", tfjsonpath.New("unmapped_resource_types"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("aws_toaster")})),
				statecheck.ExpectKnownOutputValue("ec2_os_gap", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("rds_os_gap", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("s3_public_gap", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("owners", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("customer")})),
				statecheck.ExpectKnownOutputValue("components", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("Amazon EC2"), knownvalue.StringExact("Amazon S3"), knownvalue.StringExact("Amazon RDS"), knownvalue.StringExact("Generic SaaS application"),
				})),
				statecheck.ExpectKnownOutputValue("rds_patching_roles", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("provider")})),
				statecheck.ExpectKnownOutputValue("rds_encryption_roles", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("customer")})),
				statecheck.ExpectKnownOutputValue("markdown_has_rds", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestAccCoverage_wholeMatrixAndBadService(t *testing.T) {
	matrix, err := responsibility.Default()
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "baseline_coverage" "all" {
  include_shared = true
}
output "shared" { value = contains([for g in data.baseline_coverage.all.gaps : g.owner], "shared") }
output "count" { value = length(jsondecode(data.baseline_coverage.all.oscal_json)["component-definition"].components) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("shared", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(int64(len(matrix.All())))),
				},
			},
			{
				Config:      `data "baseline_coverage" "x" { services = ["mainframe"] }`,
				ExpectError: acctest.Wrapped(`unknown service "mainframe"`),
			},
		},
	})
}

// TestAccResponsibility_saasRows: Microsoft Entra ID and GitHub have SaaS rows
// of their own, naming the controls that judge the customer's side, and
// baseline_coverage reports their duties for a module using those providers.
func TestAccResponsibility_saasRows(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "baseline_responsibility" "entra" {
  resource_type = "azuread_conditional_access_policy"
}
data "baseline_responsibility" "github" {
  resource_type = "github_repository"
}
data "baseline_coverage" "saas" {
  resource_types = ["azuread_conditional_access_policy", "azuread_group", "github_repository", "github_branch_protection"]
}
locals {
  gaps = [for g in data.baseline_coverage.saas.gaps : "${g.service}/${g.item}"]
}
output "entra_identity_gap" { value = contains(local.gaps, "entra-id/identity-access") }
output "entra_classification_gap" { value = contains(local.gaps, "entra-id/data-classification") }
output "github_public_gap" { value = contains(local.gaps, "github/public-exposure") }
output "github_logging_gap" { value = contains(local.gaps, "github/logging") }
output "markdown_has_entra" { value = strcontains(data.baseline_coverage.saas.markdown, "Microsoft Entra ID") }
output "entra_identity_controls_named" {
  value = alltrue([for id in ["azuread-ca-policy-enforced", "azuread-ca-admin-phishing-resistant", "azuread-app-secret-lifetime"] : contains([for i in data.baseline_responsibility.entra.items : i.controls if i.item == "identity-access"][0], id)])
}
` + ownerOf("entra", "identity-access") + ownerOf("entra", "host-infrastructure") + ownerOf("entra", "encryption-at-rest") +
				ownerOf("github", "public-exposure") + ownerOf("github", "os-patching"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_responsibility.entra", tfjsonpath.New("service"), knownvalue.StringExact("entra-id")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.entra", tfjsonpath.New("service_model"), knownvalue.StringExact("SaaS")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.entra", tfjsonpath.New("cloud"), knownvalue.StringExact("azuread")),
				statecheck.ExpectKnownOutputValue("entra_identity-access", knownvalue.StringExact("customer")),
				statecheck.ExpectKnownOutputValue("entra_identity_controls_named", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("entra_host-infrastructure", knownvalue.StringExact("provider")),
				statecheck.ExpectKnownOutputValue("entra_encryption-at-rest", knownvalue.StringExact("provider")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.github", tfjsonpath.New("service"), knownvalue.StringExact("github")),
				statecheck.ExpectKnownValue("data.baseline_responsibility.github", tfjsonpath.New("service_model"), knownvalue.StringExact("SaaS")),
				statecheck.ExpectKnownOutputValue("github_public-exposure", knownvalue.StringExact("customer")),
				statecheck.ExpectKnownOutputValue("github_public-exposure_controls", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("github-org-no-public-repo-creation"), knownvalue.StringExact("github-repo-not-public"),
				})),
				statecheck.ExpectKnownOutputValue("github_os-patching", knownvalue.StringExact("provider")),
				statecheck.ExpectKnownValue("data.baseline_coverage.saas", tfjsonpath.New("matched_services"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("entra-id"), knownvalue.StringExact("github"),
				})),
				statecheck.ExpectKnownOutputValue("entra_identity_gap", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("entra_classification_gap", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("github_public_gap", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("github_logging_gap", knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("markdown_has_entra", knownvalue.Bool(true)),
			},
		}},
	})
}
