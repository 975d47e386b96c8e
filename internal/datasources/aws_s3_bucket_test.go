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

func TestAccAWSS3Bucket_publicFailsGoodPasses(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	if err := e.seed.PublicBucket(ctx, "acc-public"); err != nil {
		t.Fatal(err)
	}
	if err := e.seed.GoodBucket(ctx, "acc-good", "acc-logs"); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_s3_bucket" "public" { bucket = "acc-public" }
data "baseline_aws_s3_bucket" "good" { bucket = "acc-good" }
locals {
  public = { for f in data.baseline_aws_s3_bucket.public.findings : f.control_id => f }
}
output "s3_8" { value = local.public["aws-s3-bucket-public-access-block"].message }
output "s3_2" { value = local.public["aws-s3-bucket-no-public-policy"].message }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.public", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.public", tfjsonpath.New("has_policy"), knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("s3_8", knownvalue.StringRegexp(regexp.MustCompile(`the bucket has no public access block`))),
				statecheck.ExpectKnownOutputValue("s3_2", knownvalue.StringRegexp(regexp.MustCompile(`allows Principal "\*"`))),
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.good", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.good", tfjsonpath.New("failed"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.baseline_aws_s3_bucket.good", tfjsonpath.New("region"), knownvalue.StringExact(acctest.MotoRegion)),
			},
		}},
	})
}

func TestAccAWSS3Bucket_missingBucketIsAnError(t *testing.T) {
	e := newLiveEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      e.provider("") + `data "baseline_aws_s3_bucket" "x" { bucket = "acc-does-not-exist" }`,
			ExpectError: acctest.Wrapped(`(?s)Unable to Find S3 Bucket .* Bucket acc-does-not-exist does not exist`),
		}},
	})
}

func TestAccAWSS3Buckets_listWithPrefix(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	for _, step := range []func() error{
		func() error { return e.seed.PublicBucket(ctx, "team-a-public") },
		func() error { return e.seed.GoodBucket(ctx, "team-a-good", "other-logs") },
		func() error { return e.seed.PlainBucket(ctx, "other-plain") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + `
data "baseline_aws_s3_buckets" "team" { name_prefix = "team-a-" }
output "compliant" { value = { for b in data.baseline_aws_s3_buckets.team.buckets : b.name => b.compliant } }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_s3_buckets.team", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("compliant", knownvalue.MapExact(map[string]knownvalue.Check{
					"team-a-good": knownvalue.Bool(true), "team-a-public": knownvalue.Bool(false),
				})),
			},
		}},
	})
}
