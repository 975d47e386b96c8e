package functions_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// statuses renders a verdict's findings as sorted "control:status" strings.
const statuses = `
locals {
  statuses = { for k, v in local.cases : k => sort([for f in provider::baseline::evaluate(v.type, v.values).findings : "${f.control_id}:${f.status}"]) }
}
`

func expectStatuses(want map[string][]string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for name, list := range want {
		values := make([]knownvalue.Check, len(list))
		for i, s := range list {
			values[i] = knownvalue.StringExact(s)
		}
		checks = append(checks, statecheck.ExpectKnownOutputValue(name, knownvalue.ListExact(values)))
	}
	return checks
}

func outputs(names ...string) string {
	s := ""
	for _, n := range names {
		s += `output "` + n + `" { value = local.statuses["` + n + `"] }` + "\n"
	}
	return s
}

func runCases(t *testing.T, cases string, want map[string][]string) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            cases + statuses + outputs(names...),
			ConfigStateChecks: expectStatuses(want),
		}},
	})
}

const goodBucket = `
  bucket              = { bucket = "data" }
  public_access_block = { bucket = "data", block_public_acls = true, block_public_policy = true, ignore_public_acls = true, restrict_public_buckets = true }
  policy = { bucket = "data", policy = jsonencode({ Statement = [
    { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } },
  ] }) }
  ownership_controls                   = { bucket = "data", rule = [{ object_ownership = "BucketOwnerEnforced" }] }
  server_side_encryption_configuration = { bucket = "data", rule = [{ apply_server_side_encryption_by_default = [{ sse_algorithm = "aws:kms" }] }] }
  logging                              = { bucket = "data", target_bucket = "logs" }
  versioning                           = { bucket = "data", versioning_configuration = [{ status = "Enabled" }] }
`

// The composite bucket: a good bucket passes every control; a missing
// companion takes S3's new-bucket default: Block Public Access and
// BucketOwnerEnforced are on, logging, versioning, SSE-KMS and a TLS-only
// policy are not.
func TestAccStorage_compositeBucket(t *testing.T) {
	runCases(t, `
locals {
  good = {`+goodBucket+`}
  cases = {
    good                    = { type = "aws_s3_bucket_posture", values = local.good }
    no_public_access_block  = { type = "aws_s3_bucket_posture", values = { for k, v in local.good : k => v if k != "public_access_block" } }
    no_encryption           = { type = "aws_s3_bucket_posture", values = { for k, v in local.good : k => v if k != "server_side_encryption_configuration" } }
    no_policy               = { type = "aws_s3_bucket_posture", values = { for k, v in local.good : k => v if k != "policy" } }
    no_ownership_controls   = { type = "aws_s3_bucket_posture", values = { for k, v in local.good : k => v if k != "ownership_controls" } }
    no_logging              = { type = "aws_s3_bucket_posture", values = { for k, v in local.good : k => v if k != "logging" } }
    no_versioning           = { type = "aws_s3_bucket_posture", values = { for k, v in local.good : k => v if k != "versioning" } }
    lone_bucket             = { type = "aws_s3_bucket", values = { bucket = "data" } }
  }
}
`, map[string][]string{
		"good":                   {},
		"no_public_access_block": {},
		"no_encryption":          {"aws-s3-bucket-sse-kms:fail"},
		"no_policy":              {"aws-s3-bucket-tls-only:fail"},
		"no_ownership_controls":  {},
		"no_logging":             {"aws-s3-bucket-access-logging:fail"},
		"no_versioning":          {"aws-s3-bucket-versioning:fail"},
		// A lone aws_s3_bucket is not failed for companions it may have elsewhere.
		"lone_bucket": {},
	})
}

// Policy edge cases on aws_s3_bucket_policy.
func TestAccStorage_policyEdgeCases(t *testing.T) {
	runCases(t, `
locals {
  tls = { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::data/*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }
  cases = {
    vpce_narrowed = { type = "aws_s3_bucket_policy", values = { bucket = "data", policy = jsonencode({ Statement = [local.tls,
      { Effect = "Allow", Principal = "*", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::data/*", Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c" } } }] }) } }
    world_ip_does_not_narrow = { type = "aws_s3_bucket_policy", values = { bucket = "data", policy = jsonencode({ Statement = [local.tls,
      { Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*", Condition = { IpAddress = { "aws:SourceIp" = "0.0.0.0/0" } } }] }) } }
    not_principal = { type = "aws_s3_bucket_policy", values = { bucket = "data", policy = jsonencode({ Statement = [local.tls,
      { Effect = "Allow", NotPrincipal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }] }) } }
    malformed = { type = "aws_s3_bucket_policy", values = { bucket = "data", policy = "{\"Statement\": [" } }
  }
}
`, map[string][]string{
		"vpce_narrowed":            {},
		"world_ip_does_not_narrow": {"aws-s3-bucket-no-public-policy:fail"},
		"not_principal":            {"aws-s3-bucket-no-public-policy:fail"},
		"malformed":                {"aws-s3-bucket-no-public-policy:error", "aws-s3-bucket-tls-only:error"},
	})
}

func TestAccEncryption_areas(t *testing.T) {
	runCases(t, `
locals {
  cases = {
    ebs_encrypted     = { type = "aws_ebs_volume", values = { size = 10, encrypted = true } }
    ebs_plain         = { type = "aws_ebs_volume", values = { size = 10 } }
    kms_rotating      = { type = "aws_kms_key", values = { enable_key_rotation = true } }
    kms_not_rotating  = { type = "aws_kms_key", values = { enable_key_rotation = false } }
    kms_asymmetric    = { type = "aws_kms_key", values = { customer_master_key_spec = "RSA_2048", key_usage = "SIGN_VERIFY" } }
    rds_cluster_plain = { type = "aws_rds_cluster", values = { engine = "aurora-postgresql", storage_encrypted = false, iam_database_authentication_enabled = true, enabled_cloudwatch_logs_exports = ["postgresql"] } }
  }
}
`, map[string][]string{
		"ebs_encrypted":     {},
		"ebs_plain":         {"aws-ebs-volume-encrypted:fail"},
		"kms_rotating":      {},
		"kms_not_rotating":  {"aws-kms-key-rotation:fail"},
		"kms_asymmetric":    {},
		"rds_cluster_plain": {"aws-rds-cluster-encrypted:fail"},
	})
}

func TestAccLogging_areas(t *testing.T) {
	runCases(t, `
locals {
  trail = { name = "org", s3_bucket_name = "trail-logs", is_multi_region_trail = true, enable_log_file_validation = true, kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1", cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*" }
  cases = {
    trail_good        = { type = "aws_cloudtrail", values = local.trail }
    trail_one_region  = { type = "aws_cloudtrail", values = merge(local.trail, { is_multi_region_trail = false }) }
    trail_no_validate = { type = "aws_cloudtrail", values = merge(local.trail, { enable_log_file_validation = false }) }
    flow_log          = { type = "aws_flow_log", values = { vpc_id = "vpc-1", traffic_type = "ALL", log_destination = "arn:aws:s3:::flow" } }
    guardduty_off     = { type = "aws_guardduty_detector", values = { enable = false } }
  }
}
`, map[string][]string{
		"trail_good":        {},
		"trail_one_region":  {"aws-cloudtrail-multi-region-logging:fail"},
		"trail_no_validate": {"aws-cloudtrail-log-validation:fail"},
		"flow_log":          {},
		"guardduty_off":     {"aws-guardduty-enabled:fail"},
	})
}

func TestAccIdentity_areas(t *testing.T) {
	runCases(t, `
locals {
  cases = {
    admin_policy   = { type = "aws_iam_policy", values = { name = "admin", policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }) } }
    scoped_policy  = { type = "aws_iam_policy", values = { name = "read", policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::data/*" }] }) } }
    weak_passwords = { type = "aws_iam_account_password_policy", values = { minimum_password_length = 8, password_reuse_prevention = 24, require_uppercase_characters = true, require_lowercase_characters = true, require_numbers = true, require_symbols = true, max_password_age = 90 } }
  }
}
`, map[string][]string{
		"admin_policy":   {"aws-iam-managed-policy-no-kms-decrypt-all:fail", "aws-iam-no-admin-policy:fail", "aws-iam-no-service-wildcard-actions:fail"},
		"scoped_policy":  {},
		"weak_passwords": {"aws-iam-password-policy-strong:fail"},
	})
}
