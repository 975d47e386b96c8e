package datasources_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"google.golang.org/grpc/codes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest/cloudemu"
)

// The servers below use TLS certificates of a test CA that the provider
// (running in this process) trusts through SSL_CERT_FILE, which Go reads
// once: set it before any TLS connection of the test binary.
var testCA = cloudemu.MustTrustSharedCA()

const (
	defProd = "11111111-1111-1111-1111-111111111111" // secure transfer fails on one account; JIT (outside the catalog) fails
	defDev  = "22222222-2222-2222-2222-222222222222" // everything passes
	keyTLS  = "1c5de8e1-f68d-6a17-e0d2-ec259c42768c"
	keyJIT  = "805651bc-6ecd-4c73-9b55-97a19d0582d4"
)

// Emulated: Microsoft Entra ID token acquisition (azidentity's
// EnvironmentCredential, client secret) and Azure Resource Manager's
// Microsoft.Security assessmentMetadata and assessments of two
// subscriptions, paged by nextLink, over HTTPS (cloudemu.Defender). The
// provider runs the real azidentity and armsecurity clients against it.
func TestAccAzureDefender_gate(t *testing.T) {
	md := []cloudemu.Metadata{
		{Key: keyTLS, DisplayName: "Secure transfer to storage accounts should be enabled", Severity: "High", PolicyDefinitionGUID: "404c3081-a854-4457-ae30-26a93ef643f9"},
		{Key: keyJIT, DisplayName: "Management ports of virtual machines should be protected with just-in-time network access control", Severity: "High", PolicyDefinitionGUID: "b0f33259-77d7-4c9e-aac6-3aabcfae693c"},
	}
	sa := func(sub, n string) string {
		return "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/" + n
	}
	d := cloudemu.NewDefender(testCA, md, []string{defProd, defDev}, cloudemu.Seed{
		defProd: {
			{Key: keyTLS, ResourceID: sa(defProd, "legacylogs"), Status: "Unhealthy"},
			{Key: keyTLS, ResourceID: sa(defProd, "web"), Status: "Healthy"},
			{Key: keyJIT, ResourceID: "/subscriptions/" + defProd + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/jump", Status: "Unhealthy"},
		},
		defDev: {{Key: keyTLS, ResourceID: sa(defDev, "data"), Status: "Healthy"}},
	})
	d.PageSize = 2
	defer d.Close()
	for k, v := range d.Env() {
		t.Setenv(k, v)
	}
	ds := func(name, subs, extra string) string {
		return `
data "baseline_azure_defender" "` + name + `" {
  subscriptions             = [` + subs + `]
  resource_manager_endpoint = "` + d.URL + `"
  authority_host            = "` + d.URL + `"
  max_retries               = 1
  ` + extra + `
}
`
	}
	endpoints := [2]string{`data "baseline_azure_defender" "prod" {`, `data "baseline_azure_defender" "prod" {
  resource_manager_endpoint = "` + d.URL + `"
  authority_host            = "` + d.URL + `"`}
	gateEndpoints := [2]string{`minimum_severity = "high"`, `minimum_severity = "high"
  resource_manager_endpoint = "` + d.URL + `"
  authority_host            = "` + d.URL + `"`}
	waived := `exclude_controls = ["` + keyJIT + `"]
  waivers = [{
    control_id = "azure-storage-https-only"
    reason     = "log archive read by a legacy appliance, replaced in Q1"
    owner      = "platform"
    expires    = "2099-12-31"
    match      = { resource = "*/legacylogs" }
  }]`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Both subscriptions read; a waived prod verdict and the dev one
				// pass the guardrail and a precondition; report and coverage take it.
				Config: ds("all", `"`+defProd+`", "`+defDev+`"`, "") + ds("prod_waived", `"`+defProd+`"`, waived) + ds("dev", `"`+defDev+`"`, "") + `
locals {
  tls = [for c in data.baseline_azure_defender.all.controls : c if c.assessment_key == "` + keyTLS + `"][0]
  jit = [for c in data.baseline_azure_defender.all.controls : c if c.assessment_key == "` + keyJIT + `"][0]
}
resource "baseline_guardrail" "defender" {
  verdicts = data.baseline_azure_defender.prod_waived
}
resource "terraform_data" "deploy" {
  input = "release-7"
  lifecycle {
    precondition {
      condition     = data.baseline_azure_defender.dev.compliant
      error_message = join("; ", data.baseline_azure_defender.dev.violations)
    }
  }
}
data "baseline_report" "junit" {
  verdicts = { defender = data.baseline_azure_defender.all }
  format   = "junit"
}
data "baseline_coverage" "defender" {
  resource_types = data.baseline_azure_defender.all.resource_types
}
output "tls" {
  value = "${local.tls.control_id} ${local.tls.in_catalog} ${local.tls.unhealthy}/${local.tls.healthy} ${join(",", [for s in local.tls.subscriptions : "${s.subscription_id}=${s.status}"])} ${local.tls.failing_resources[0]}"
}
output "jit" { value = "${local.jit.control_id} ${local.jit.in_catalog} ${local.jit.severity}" }
output "junit_names_control" { value = strcontains(data.baseline_report.junit.content, "azure-storage-https-only") }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.baseline_azure_defender.all", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.baseline_azure_defender.all", tfjsonpath.New("failed"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.baseline_azure_defender.all", tfjsonpath.New("assessments_read"), knownvalue.Int64Exact(4)),
					statecheck.ExpectKnownOutputValue("tls", knownvalue.StringExact("azure-storage-https-only true 1/2 "+defProd+"=fail,"+defDev+"=pass "+sa(defProd, "legacylogs"))),
					statecheck.ExpectKnownOutputValue("jit", knownvalue.StringExact(keyJIT+" false high")),
					statecheck.ExpectKnownOutputValue("junit_names_control", knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.baseline_azure_defender.prod_waived", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.baseline_azure_defender.prod_waived", tfjsonpath.New("waived"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("data.baseline_coverage.defender", tfjsonpath.New("matched_services"), knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("azure-storage")})),
				},
			},
			{
				// A failing customer-side recommendation fails the plan through a precondition.
				Config: ds("prod", `"`+defProd+`"`, `control_ids = ["azure-storage-https-only"]`) + `
resource "terraform_data" "deploy" {
  input = "release-7"
  lifecycle {
    precondition {
      condition     = data.baseline_azure_defender.prod.compliant
      error_message = "Defender for Cloud: ${join("; ", data.baseline_azure_defender.prod.violations)}"
    }
  }
}
`,
				ExpectError: acctest.Wrapped(`(?s)Defender for Cloud: azure-storage-https-only \[.*azure-policy:404c3081-a854-4457-ae30-26a93ef643f9\] \([a-z]+\): properties.status.code: subscription ` + defProd + `: 1 of 2 resources fail`),
			},
			{
				// ... and through the guardrail, with the recommendation outside the catalog too.
				Config:      ds("prod", `"`+defProd+`"`, "") + "resource \"baseline_guardrail\" \"defender\" {\n  verdicts = data.baseline_azure_defender.prod\n}\n",
				ExpectError: acctest.Wrapped(`(?s)Guardrail Control Failed: azure-storage-https-only.*Guardrail Control Failed: ` + keyJIT),
			},
			{
				// The documented example, against the emulator.
				Config: readExample(t, "examples/data-sources/baseline_azure_defender/data-source.tf", endpoints,
					"00000000-0000-0000-0000-0000000000a1", defProd, "00000000-0000-0000-0000-0000000000b2", defDev),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("failing_recommendations", knownvalue.ObjectExact(map[string]knownvalue.Check{
						keyJIT: knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(defProd)}),
					})),
				},
			},
			{
				Config:          readExample(t, "examples/baseline_azure_defender_gate/main.tf", gateEndpoints),
				ConfigVariables: config.Variables{"subscription_id": config.StringVariable(defProd)},
				ExpectError:     acctest.Wrapped(`(?s)Guardrail Control Failed: azure-storage-https-only.*legacylogs`),
			},
			{
				Config:          readExample(t, "examples/baseline_azure_defender_gate/main.tf", gateEndpoints),
				ConfigVariables: config.Variables{"subscription_id": config.StringVariable(defDev)},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("defender_gate", knownvalue.StringExact("1 recommendation checks pass in subscription "+defDev)),
				},
			},
			{
				// Emulated fault: Resource Manager denies the read (403 AuthorizationFailed).
				PreConfig:   func() { d.Inject(cloudemu.Fault{PathContains: defProd, Status: 403, Code: "AuthorizationFailed"}) },
				Config:      ds("prod", `"`+defProd+`"`, "") + "resource \"baseline_guardrail\" \"defender\" {\n  verdicts = data.baseline_azure_defender.prod\n}\n",
				ExpectError: acctest.Wrapped(`(?s)Guardrail Control Failed: azure-defender-assessments.*Security Reader role \(permission Microsoft.Security/assessments/read\)`),
			},
		},
	})
	for _, r := range d.Requests() {
		if r.Method != "GET" && r.Path != "/"+d.Tenant+"/oauth2/v2.0/token" {
			t.Errorf("the provider sent %s %s: the read must be read-only", r.Method, r.Path)
		}
	}
}

// Emulated: Security Command Center v2 over gRPC with TLS
// (cloudemu.SCC, the generated SecurityCenter service): ListFindings pages
// of findings of three projects. The provider runs the real securitycenter
// client with its gRPC transport and a bearer token.
func TestAccGoogleSCC_gate(t *testing.T) {
	const org = "123456789012"
	bucket := func(p, b string) string { return "//storage.googleapis.com/projects/" + p + "/buckets/" + b }
	s, err := cloudemu.NewSCC(testCA, cloudemu.FindingSeed{
		cloudemu.Finding(org, "acme-prod", "PUBLIC_BUCKET_ACL", "HIGH", bucket("acme-prod", "exports"), "google.cloud.storage.Bucket"),
		cloudemu.Finding(org, "acme-staging", "PUBLIC_BUCKET_ACL", "HIGH", bucket("acme-staging", "legacy-site"), "google.cloud.storage.Bucket"),
		cloudemu.Finding(org, "acme-staging", "WEB_UI_ENABLED", "MEDIUM", "//container.googleapis.com/projects/acme-staging/zones/us-central1-a/clusters/c1", "google.container.Cluster"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ds := func(name, parent, extra string) string {
		return `
data "baseline_google_scc" "` + name + `" {
  parent       = "` + parent + `"
  endpoint     = "` + s.Addr + `"
  access_token = "` + s.Token + `"
  max_retries  = 1
  ` + extra + `
}
`
	}
	endpoints := [2]string{`parent           = "organizations/123456789012"`, `parent           = "organizations/123456789012"
  endpoint         = "` + s.Addr + `"
  access_token     = "` + s.Token + `"`}
	gateEndpoints := [2]string{`parent = "projects/${var.project}"`, `parent = "projects/${var.project}"
  endpoint     = "` + s.Addr + `"
  access_token = "` + s.Token + `"`}
	waived := `categories = ["PUBLIC_BUCKET_ACL"]
  waivers = [{
    control_id = "google-storage-bucket-iam-not-public"
    reason     = "static website bucket, public by design"
    owner      = "web"
    expires    = "2099-12-31"
    match      = { project = "acme-staging", resource = "*/buckets/legacy-*" }
  }]`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: ds("org", "organizations/"+org, "") + ds("staging", "projects/acme-staging", waived) + `
resource "baseline_guardrail" "scc" {
  verdicts = data.baseline_google_scc.staging
}
locals {
  acl = [for c in data.baseline_google_scc.org.controls : c if c.category == "PUBLIC_BUCKET_ACL"][0]
}
output "acl" { value = "${local.acl.control_id} ${local.acl.unhealthy} ${join(",", [for p in local.acl.projects : "${p.project}=${p.status}"])}" }
output "web_ui" { value = [for c in data.baseline_google_scc.org.controls : "${c.control_id} ${c.in_catalog} ${c.severity}" if c.category == "WEB_UI_ENABLED"] }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.baseline_google_scc.org", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.baseline_google_scc.org", tfjsonpath.New("failed"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue("data.baseline_google_scc.org", tfjsonpath.New("findings_read"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue("data.baseline_google_scc.org", tfjsonpath.New("pages"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownOutputValue("acl", knownvalue.StringExact("google-storage-bucket-iam-not-public 2 acme-prod=fail,acme-staging=fail")),
					statecheck.ExpectKnownOutputValue("web_ui", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("WEB_UI_ENABLED false medium")})),
					statecheck.ExpectKnownValue("data.baseline_google_scc.staging", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.baseline_google_scc.staging", tfjsonpath.New("waived"), knownvalue.Int64Exact(1)),
				},
			},
			{
				Config: ds("prod", "projects/acme-prod", "") + `
resource "terraform_data" "deploy" {
  input = "release-7"
  lifecycle {
    precondition {
      condition     = data.baseline_google_scc.prod.compliant
      error_message = "SCC: ${join("; ", data.baseline_google_scc.prod.violations)}"
    }
  }
}
`,
				ExpectError: acctest.Wrapped(`(?s)SCC: google-storage-bucket-iam-not-public \[.*gcp-sha:PUBLIC_BUCKET_ACL\] \([a-z]+\): finding.state: project acme-prod: 1 of 1 resources fail`),
			},
			{
				// The documented example, against the emulator.
				Config: readExample(t, "examples/data-sources/baseline_google_scc/data-source.tf", endpoints),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("failing_categories", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"PUBLIC_BUCKET_ACL": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("acme-prod"), knownvalue.StringExact("acme-staging")}),
						"WEB_UI_ENABLED":    knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("acme-staging")}),
					})),
				},
			},
			{
				Config:          readExample(t, "examples/baseline_google_scc_gate/main.tf", gateEndpoints),
				ConfigVariables: config.Variables{"project": config.StringVariable("acme-prod")},
				ExpectError:     acctest.Wrapped(`Project acme-prod fails Security Command Center categories: google-storage-bucket-iam-not-public`),
			},
			{
				Config:          readExample(t, "examples/baseline_google_scc_gate/main.tf", gateEndpoints),
				ConfigVariables: config.Variables{"project": config.StringVariable("acme-dev")},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("scc_gate", knownvalue.StringExact("no active misconfiguration finding in project acme-dev (0 read)")),
				},
			},
			{
				// Emulated fault: ListFindings throttled (RESOURCE_EXHAUSTED with RetryInfo) through the retry.
				PreConfig: func() {
					s.Inject(cloudemu.GRPCFault{Code: codes.ResourceExhausted, Message: "Quota exceeded for quota metric 'List requests'", RetryDelay: 50 * time.Millisecond})
				},
				Config:      ds("prod", "projects/acme-prod", "") + "resource \"baseline_guardrail\" \"scc\" {\n  verdicts = data.baseline_google_scc.prod\n}\n",
				ExpectError: acctest.Wrapped(`(?s)Guardrail Control Failed: google-scc-findings.*throttled \(RESOURCE_EXHAUSTED`),
			},
		},
	})
	for _, m := range s.Methods() {
		if m != "/google.cloud.securitycenter.v2.SecurityCenter/ListFindings" {
			t.Errorf("the provider called %s: the read must call ListFindings only", m)
		}
	}
}

// readExample reads an example under the repository root, puts the
// emulator's endpoint in (at[0] becomes at[1]) and replaces pairs of
// placeholder values.
func readExample(t *testing.T, path string, at [2]string, pairs ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Count(s, at[0]) != 1 {
		t.Fatalf("%s: %q occurs %d times, want once", path, at[0], strings.Count(s, at[0]))
	}
	s = strings.Replace(s, at[0], at[1], 1)
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}
