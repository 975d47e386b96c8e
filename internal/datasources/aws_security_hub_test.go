package datasources_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// Security Hub in moto: the provider's account (123456789012) stands for the
// administrator, holding the findings of three member accounts (moto stores
// imported findings in the importer's account whatever their AwsAccountId).
// moto ignores GetFindings filters, so these tests also prove the data
// source's own per-finding checks.
const (
	hubProd    = "111111111111" // S3.8 fails on one bucket; SSM.1 (outside the catalog) fails
	hubStaging = "222222222222" // S3.8 fails on a legacy bucket only
	hubDev     = "333333333333" // everything passes
)

func seedHubAccounts(t *testing.T, e *liveEnv) {
	t.Helper()
	ctx := context.Background()
	s := acctest.NewHubSeeder(e.moto.Endpoint)
	if err := s.Enable(ctx); err != nil {
		t.Fatal(err)
	}
	f := func(account, control, status, severity, arn, rt string) acctest.HubControlFinding {
		return acctest.HubControlFinding{Account: account, Control: control, Status: status, Severity: severity, ResourceARN: arn, ResourceType: rt}
	}
	err := s.ImportControls(ctx,
		f(hubProd, "S3.8", "FAILED", "HIGH", "arn:aws:s3:::prod-public", "AwsS3Bucket"),
		f(hubProd, "S3.8", "PASSED", "", "arn:aws:s3:::prod-private", "AwsS3Bucket"),
		f(hubProd, "SSM.1", "FAILED", "MEDIUM", "arn:aws:ec2:us-east-1:111111111111:instance/i-0prod", "AwsEc2Instance"),
		f(hubStaging, "S3.8", "FAILED", "HIGH", "arn:aws:s3:::legacy-reports", "AwsS3Bucket"),
		f(hubStaging, "S3.8", "PASSED", "", "arn:aws:s3:::staging-assets", "AwsS3Bucket"),
		f(hubDev, "S3.8", "PASSED", "", "arn:aws:s3:::dev-assets", "AwsS3Bucket"),
		f(hubDev, "EC2.19", "PASSED", "", "arn:aws:ec2:us-east-1:333333333333:security-group/sg-1", "AwsEc2SecurityGroup"),
		// Not judged: suppressed, archived, another product's finding.
		acctest.HubControlFinding{Account: hubDev, Control: "S3.8", Status: "FAILED", Severity: "HIGH", ResourceARN: "arn:aws:s3:::dev-suppressed", ResourceType: "AwsS3Bucket", Workflow: "SUPPRESSED"},
		acctest.HubControlFinding{Account: hubDev, Control: "S3.8", Status: "FAILED", Severity: "HIGH", ResourceARN: "arn:aws:s3:::dev-archived", ResourceType: "AwsS3Bucket", RecordState: "ARCHIVED"},
		acctest.HubControlFinding{Account: hubDev, Control: "S3.8", Status: "FAILED", Severity: "HIGH", ResourceARN: "arn:aws:s3:::dev-inspector", ResourceType: "AwsS3Bucket", Product: "inspector"},
	)
	if err != nil {
		t.Fatal(err)
	}
}

// Several accounts: S3.8 is judged as the catalog control it maps to, SSM.1
// under its own id; a dev account alone is compliant.
func TestAccAWSSecurityHub_severalAccounts(t *testing.T) {
	e := newLiveEnv(t)
	seedHubAccounts(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_security_hub" "org" {
  accounts = ["` + hubProd + `", "` + hubStaging + `", "` + hubDev + `"]
}

data "baseline_aws_security_hub" "dev" {
  accounts = ["` + hubDev + `"]
}

locals {
  s3_8 = [for c in data.baseline_aws_security_hub.org.controls : c if c.security_control_id == "S3.8"][0]
  ssm  = [for c in data.baseline_aws_security_hub.org.controls : c if c.security_control_id == "SSM.1"][0]
}

output "s3_8" {
  value = {
    control_id = local.s3_8.control_id, in_catalog = local.s3_8.in_catalog, severity = local.s3_8.severity
    failed = local.s3_8.failed, passed = local.s3_8.passed, failing = local.s3_8.failing_resources
    accounts = { for a in local.s3_8.accounts : a.account_id => a.status }
  }
}
output "ssm" { value = "${local.ssm.control_id} ${local.ssm.in_catalog} ${local.ssm.severity} ${local.ssm.failed}" }
output "violations" { value = data.baseline_aws_security_hub.org.violations }
output "types" { value = contains(data.baseline_aws_security_hub.org.resource_types, "aws_s3_bucket_public_access_block") && contains(data.baseline_aws_security_hub.org.resource_types, "aws_security_group") }
output "responsibility" { value = distinct([for f in data.baseline_aws_security_hub.org.findings : f.responsibility]) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.org", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.org", tfjsonpath.New("failed"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.org", tfjsonpath.New("passed"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.org", tfjsonpath.New("account_id"), knownvalue.StringExact(acctest.MotoAccountID)),
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.org", tfjsonpath.New("findings_read"), knownvalue.Int64Exact(10)),
				statecheck.ExpectKnownOutputValue("types", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("s3_8", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"control_id": knownvalue.StringExact("aws-s3-bucket-public-access-block"), "in_catalog": knownvalue.Bool(true),
					"severity": knownvalue.StringExact("high"), "failed": knownvalue.Int64Exact(2), "passed": knownvalue.Int64Exact(3),
					"failing": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("arn:aws:s3:::prod-public"), knownvalue.StringExact("arn:aws:s3:::legacy-reports")}),
					"accounts": knownvalue.ObjectExact(map[string]knownvalue.Check{
						hubProd: knownvalue.StringExact("fail"), hubStaging: knownvalue.StringExact("fail"), hubDev: knownvalue.StringExact("pass"),
					}),
				})),
				statecheck.ExpectKnownOutputValue("ssm", knownvalue.StringExact("SSM.1 false medium 1")),
				statecheck.ExpectKnownOutputValue("violations", knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.StringRegexp(regexp.MustCompile(`^aws-s3-bucket-public-access-block \[aws-fsbp:S3.8, cis-aws-v3.0:2.1.4\] \(high\): Compliance.Status: account 111111111111 \(us-east-1\): 1 of 2 resources fail Security Hub S3.8: arn:aws:s3:::prod-public\. Fix: `)),
					2: knownvalue.StringRegexp(regexp.MustCompile(`^SSM.1 \[aws-fsbp:SSM.1, aws-securityhub:SSM.1\] \(medium\): .*a Security Hub control outside the baseline catalog`)),
				})),
				statecheck.ExpectKnownOutputValue("responsibility", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("customer")})),
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.dev", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.baseline_aws_security_hub.dev", tfjsonpath.New("passed"), knownvalue.Int64Exact(2)),
			},
		}},
	})
}

// The gate: a failing customer-side control in the target account fails the
// plan through a precondition, and through a guardrail that enforces the
// data source's verdict; a waiver (by resource ARN glob) lets the same plan pass. The
// verdict also feeds baseline_report (SARIF) and baseline_coverage.
func TestAccAWSSecurityHub_gateBlocksPlan(t *testing.T) {
	e := newLiveEnv(t)
	seedHubAccounts(t, e)
	gate := func(account, waivers string) string {
		return e.provider("") + `
data "baseline_aws_security_hub" "target" {
  accounts    = ["` + account + `"]
  control_ids = ["S3.8"]
  ` + waivers + `
}

resource "terraform_data" "deploy" {
  input = "release-42"
  lifecycle {
    precondition {
      condition     = data.baseline_aws_security_hub.target.compliant
      error_message = "Security Hub: ${join("; ", data.baseline_aws_security_hub.target.violations)}"
    }
  }
}
`
	}
	guardrail := e.provider("") + `
data "baseline_aws_security_hub" "target" {
  accounts = ["` + hubProd + `"]
}

resource "baseline_guardrail" "security_hub" {
  verdicts = data.baseline_aws_security_hub.target
}
`
	waived := `waivers = [{
    control_id = "aws-s3-bucket-public-access-block"
    reason     = "legacy report bucket, public by design until Q4"
    owner      = "data-platform"
    expires    = "2099-12-31"
    match      = { resource = "arn:aws:s3:::legacy-*" }
  }]`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      gate(hubProd, ""),
				ExpectError: acctest.Wrapped(`Security Hub: aws-s3-bucket-public-access-block \[aws-fsbp:S3.8, cis-aws-v3.0:2.1.4\] \(high\): Compliance.Status: account 111111111111 \(us-east-1\): 1 of 2 resources fail Security Hub S3.8: arn:aws:s3:::prod-public`),
			},
			{
				Config:      guardrail,
				ExpectError: acctest.Wrapped(`(?s)Guardrail Control Failed: aws-s3-bucket-public-access-block.*account 111111111111.*Guardrail Control Failed: SSM.1`),
			},
			{
				// The same failure in staging is a waived legacy bucket.
				Config: gate(hubStaging, waived) + `
data "baseline_report" "sarif" {
  verdicts = { security_hub = data.baseline_aws_security_hub.target }
  format   = "sarif"
}

data "baseline_coverage" "hub" {
  resource_types = data.baseline_aws_security_hub.target.resource_types
}

output "waived" { value = [for f in data.baseline_aws_security_hub.target.findings : "${f.control_id}=${f.status} ${f.waiver_owner}"] }
output "sarif_has_rule" { value = strcontains(data.baseline_report.sarif.content, "aws-s3-bucket-public-access-block") }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.baseline_aws_security_hub.target", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.baseline_aws_security_hub.target", tfjsonpath.New("waived"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownOutputValue("waived", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("aws-s3-bucket-public-access-block=waived data-platform")})),
					statecheck.ExpectKnownOutputValue("sarif_has_rule", knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.baseline_report.sarif", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.baseline_coverage.hub", tfjsonpath.New("matched_services"), knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("s3")})),
				},
			},
		},
	})
}

// Errors are findings, never a pass: Security Hub not enabled, GetFindings
// denied, GetFindings throttled through every retry (fault proxy).
func TestAccAWSSecurityHub_errorsAreFindings(t *testing.T) {
	e := newLiveEnv(t)
	cfg := e.provider("max_retries = 1") + `
data "baseline_aws_security_hub" "hub" {}
output "errors" { value = [for f in data.baseline_aws_security_hub.hub.findings : "${f.control_id} ${f.attribute}: ${f.message}" if f.status == "error"] }
`
	notCompliant := statecheck.ExpectKnownValue("data.baseline_aws_security_hub.hub", tfjsonpath.New("compliant"), knownvalue.Bool(false))
	errorLine := func(pattern string) statecheck.StateCheck {
		return statecheck.ExpectKnownOutputValue("errors", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexp.MustCompile(pattern))}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{notCompliant, errorLine(`^aws-securityhub-enabled securityhub:DescribeHub: Security Hub is not enabled in account 123456789012, Region us-east-1`)},
			},
			{
				PreConfig: func() {
					seedHubAccounts(t, e)
					e.proxy.Inject(acctest.Fault{Service: "securityhub", Operation: "GetFindings", Status: http.StatusForbidden, Code: "AccessDeniedException"})
				},
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{notCompliant, errorLine(`^aws-securityhub-findings securityhub:GetFindings: .*need the IAM action securityhub:GetFindings`)},
			},
			{
				PreConfig: func() {
					e.proxy.Clear()
					e.proxy.Inject(acctest.Fault{Service: "securityhub", Operation: "GetFindings", Status: http.StatusTooManyRequests, Code: "TooManyRequestsException"})
				},
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{notCompliant, errorLine(`^aws-securityhub-findings securityhub:GetFindings: .*was throttled through every retry \(TooManyRequestsException\)`)},
			},
		},
	})
}

// The documentation's data source example and the guide's gate module run
// against moto: the gate fails the plan for the production account and
// passes for the dev account.
func TestAccAWSSecurityHub_examples(t *testing.T) {
	e := newLiveEnv(t)
	seedHubAccounts(t, e)
	read := func(path string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", path))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	example := read("examples/data-sources/baseline_aws_security_hub/data-source.tf")
	example = strings.ReplaceAll(strings.ReplaceAll(example, "111122223333", hubProd), "444455556666", hubStaging)
	gate := read("examples/baseline_aws_security_hub_gate/main.tf")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.provider("") + example,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("failing_controls", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"S3.8":  knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(hubProd), knownvalue.StringExact(hubStaging)}),
						"SSM.1": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(hubProd)}),
					})),
				},
			},
			{
				Config:          e.provider("") + gate,
				ConfigVariables: config.Variables{"target_account_id": config.StringVariable(hubProd)},
				ExpectError:     acctest.Wrapped(`Account 111111111111 fails Security Hub controls: aws-s3-bucket-public-access-block`),
			},
			{
				Config:          e.provider("") + gate,
				ConfigVariables: config.Variables{"target_account_id": config.StringVariable(hubDev)},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("security_hub_gate", knownvalue.StringExact("2 control checks pass in account 333333333333")),
				},
			},
		},
	})
}
