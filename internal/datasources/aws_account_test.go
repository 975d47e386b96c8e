package datasources_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// finding outputs the message and status of one control's first finding.
const accountOutputs = `
data "baseline_aws_account" "this" {}

locals {
  by_control = { for f in data.baseline_aws_account.this.findings : f.control_id => "${f.status}: ${f.message}"... }
}
output "s3_1" { value = local.by_control["aws-s3-account-public-access-block"][0] }
output "ec2_7" { value = local.by_control["aws-ebs-default-encryption"][0] }
output "cloudtrail_1" { value = local.by_control["aws-cloudtrail-multi-region-logging"][0] }
output "ec2_15" { value = local.by_control["aws-ec2-subnet-no-auto-public-ip"][0] }
`

// A fresh moto account has no account-level Block Public Access, EBS default
// encryption off, no trail and default subnets that map public IPs: S3.1,
// EC2.7, CloudTrail.1 and EC2.15 fail with readable findings.
func TestAccAWSAccount_badAccountFails(t *testing.T) {
	e := newLiveEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + accountOutputs,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("account_id"), knownvalue.StringExact(acctest.MotoAccountID)),
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("region"), knownvalue.StringExact(acctest.MotoRegion)),
				statecheck.ExpectKnownOutputValue("s3_1", knownvalue.StringRegexp(regexp.MustCompile(`^fail: account-level S3 Block Public Access is incomplete: block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets are false`))),
				statecheck.ExpectKnownOutputValue("ec2_7", knownvalue.StringRegexp(regexp.MustCompile(`^fail: EbsEncryptionByDefault is false`))),
				statecheck.ExpectKnownOutputValue("cloudtrail_1", knownvalue.StringExact("fail: the account has no CloudTrail trail")),
				statecheck.ExpectKnownOutputValue("ec2_15", knownvalue.StringRegexp(regexp.MustCompile(`^fail: subnet-[0-9a-f]+ \(vpc-[0-9a-f]+\): map_public_ip_on_launch is true`))),
			},
		}},
	})
}

// A well-configured account passes every account control that moto can
// represent (root MFA cannot be turned on in moto, so it is excluded). This
// reads trail status and event selectors, the recorder status, the GuardDuty
// detector and Security Hub standards (a documented moto-gap stub).
func TestAccAWSAccount_goodAccountPasses(t *testing.T) {
	e := newLiveEnv(t)
	if err := e.seed.GoodAccount(context.Background(), e.moto.Endpoint); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_account" "this" {
  exclude_controls = ["aws-iam-root-mfa"]
}
output "violations" { value = data.baseline_aws_account.this.violations }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("violations", knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("trails"), knownvalue.Int64Exact(1)),
			},
		}},
	})
}

// Selecting controls skips the calls only unselected controls need.
func TestAccAWSAccount_selectionSkipsCalls(t *testing.T) {
	e := newLiveEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_account" "this" {
  controls = ["aws-ebs-default-encryption"]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("failed"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue("data.baseline_aws_account.this", tfjsonpath.New("passed"), knownvalue.Int64Exact(0)),
			},
		}},
	})
	for _, call := range [][2]string{{"cloudtrail", "DescribeTrails"}, {"ec2", "DescribeSecurityGroups"}, {"ec2", "DescribeVpcs"}, {"s3", "GetPublicAccessBlock"}} {
		if n := e.proxy.Seen(call[0], call[1]); n != 0 {
			t.Errorf("%s %s was called %d times although no selected control needs it", call[0], call[1], n)
		}
	}
	// Each terraform command (plan, apply, refresh) configures a new
	// provider and so reads once.
	if n := e.proxy.Seen("ec2", "GetEbsEncryptionByDefault"); n == 0 {
		t.Errorf("GetEbsEncryptionByDefault was never called")
	}
}
