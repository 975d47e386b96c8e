package datasources_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// Fault injection: these tests put the reverse proxy of acctest.FaultProxy
// between the provider and moto and make chosen operations answer
// AccessDenied, 429/503 or slowly. AccessDenied and throttling never yield
// compliant = true.

// A denied GetBucketPolicy makes the policy controls error findings naming the
// missing IAM action, never a pass, while the other controls are judged.
func TestAccAWSFaults_accessDeniedBucketPolicy(t *testing.T) {
	e := newLiveEnv(t)
	if err := e.seed.GoodBucket(context.Background(), "fault-good", "fault-logs"); err != nil {
		t.Fatal(err)
	}
	e.proxy.Inject(acctest.Fault{Service: "s3", Operation: "GetBucketPolicy", Status: http.StatusForbidden, Code: "AccessDenied"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_s3_bucket" "b" { bucket = "fault-good" }
output "tls" { value = [for f in data.baseline_aws_s3_bucket.b.findings : "${f.status}: ${f.message}" if f.control_id == "aws-s3-bucket-tls-only"][0] }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.b", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.b", tfjsonpath.New("errored"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.b", tfjsonpath.New("failed"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownOutputValue("tls", knownvalue.StringRegexp(regexp.MustCompile(`^error: .*s3:GetBucketPolicy .*was denied \(AccessDenied\)`))),
			},
		}},
	})
}

// A denied account-level read errors its control (EC2.7 here) with the action
// named; the account is not compliant even though nothing "failed".
func TestAccAWSFaults_accessDeniedAccountSetting(t *testing.T) {
	e := newLiveEnv(t)
	e.proxy.Inject(acctest.Fault{Service: "ec2", Operation: "GetEbsEncryptionByDefault", Status: http.StatusForbidden, Code: "UnauthorizedOperation"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_account" "a" { controls = ["aws-ebs-default-encryption"] }
output "line" { value = data.baseline_aws_account.a.violations[0] }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_account.a", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_aws_account.a", tfjsonpath.New("errored"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownOutputValue("line", knownvalue.StringRegexp(regexp.MustCompile(`aws-ebs-default-encryption .*\([a-z]+, error\): ec2:GetEbsEncryptionByDefault: .*need the IAM action ec2:GetEbsEncryptionByDefault`))),
			},
		}},
	})
}

// Transient 503 and 429 answers are retried with backoff and the read then
// succeeds.
func TestAccAWSFaults_transientErrorsAreRetried(t *testing.T) {
	e := newLiveEnv(t)
	id, err := e.seed.SecurityGroup(context.Background(), "fault-private", 22, "10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	unavailable := e.proxy.Inject(acctest.Fault{Service: "ec2", Operation: "DescribeSecurityGroups", Status: http.StatusServiceUnavailable, Code: "Unavailable", Times: 1})
	throttled := e.proxy.Inject(acctest.Fault{Service: "ec2", Operation: "DescribeSecurityGroups", Status: http.StatusTooManyRequests, Code: "RequestLimitExceeded", Times: 1})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + fmt.Sprintf(`data "baseline_aws_security_group" "g" { id = %q }`, id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_security_group.g", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
			},
		}},
	})
	if unavailable.Hits() != 1 || throttled.Hits() != 1 {
		t.Errorf("faults answered %d (503) and %d (429) requests, want 1 each", unavailable.Hits(), throttled.Hits())
	}
}

// Throttling that outlasts every retry is never a pass: a bucket setting
// becomes an error finding, a security group read fails with a diagnostic.
func TestAccAWSFaults_persistentThrottling(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	if err := e.seed.GoodBucket(ctx, "throttled-good", "throttled-logs"); err != nil {
		t.Fatal(err)
	}
	e.proxy.Inject(acctest.Fault{Service: "s3", Operation: "GetBucketVersioning", Status: http.StatusServiceUnavailable, Code: "SlowDown"})
	e.proxy.Inject(acctest.Fault{Service: "ec2", Operation: "DescribeSecurityGroups", Status: http.StatusBadRequest, Code: "RequestLimitExceeded"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.provider("max_retries = 1") + `data "baseline_aws_s3_bucket" "b" { bucket = "throttled-good" }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.b", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.b", tfjsonpath.New("errored"), knownvalue.Int64Exact(1)),
				},
			},
			{
				Config:      e.provider("max_retries = 1") + `data "baseline_aws_security_groups" "all" {}`,
				ExpectError: acctest.Wrapped(`(?s)Unable to Read Security Groups .*throttled through every retry`),
			},
		},
	})
}

// A slow answer runs into aws.read_timeout: the read fails with a clear
// diagnostic instead of hanging the plan.
func TestAccAWSFaults_slowResponseHonoursTimeout(t *testing.T) {
	e := newLiveEnv(t)
	e.proxy.Inject(acctest.Fault{Service: "ec2", Operation: "DescribeSecurityGroups", Delay: 30 * time.Second})
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      e.provider(`read_timeout = "2s"`) + `data "baseline_aws_security_groups" "all" {}`,
			ExpectError: acctest.Wrapped(`(?s)Unable to Read Security Groups .*did not finish within the read timeout \(2s\)`),
		}},
	})
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the read took %s; the 2s timeout was not honoured", d)
	}
}

// TestAccAWSMotoGaps names the operations moto lacks and that the proxy stubs
// (acctest.MotoGaps): it checks moto still lacks each one, and that Security
// Hub with the stubbed standards passes aws-securityhub-enabled.
func TestAccAWSMotoGaps(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	cfg := aws.Config{Region: acctest.MotoRegion, Credentials: credentials.NewStaticCredentialsProvider(acctest.MotoAccessKey, acctest.MotoSecretKey, "")}
	direct := securityhub.NewFromConfig(cfg, func(o *securityhub.Options) { o.BaseEndpoint = aws.String(e.moto.Endpoint); o.RetryMaxAttempts = 1 })
	if _, err := direct.EnableSecurityHub(ctx, &securityhub.EnableSecurityHubInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := direct.GetEnabledStandards(ctx, &securityhub.GetEnabledStandardsInput{}); err == nil {
		t.Errorf("moto now implements securityhub GetEnabledStandards: drop its stub from acctest.MotoGaps")
	} else {
		t.Logf("moto gap (stubbed by the test proxy): securityhub GetEnabledStandards: %v", err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `data "baseline_aws_account" "a" { controls = ["aws-securityhub-enabled"] }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_account.a", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.baseline_aws_account.a", tfjsonpath.New("passed"), knownvalue.Int64Exact(1)),
			},
		}},
	})
}
