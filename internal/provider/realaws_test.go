package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

// The TestAccRealAWS tests plan real resource blocks of hashicorp/aws 5.100.0
// (acctest.UseRealAWS) offline and judge `self` as the provider really
// produces it at plan: every object key present, Optional+Computed arguments
// the configuration leaves unset unknown. Each compliant variant must plan
// clean under the default options, each non-compliant one must fail the plan
// naming the control and the attribute, and the fix where the finding's
// message carries one (the guardrail's error always adds the remediation).

// guarded renders resource rtype.name with body and a postcondition that
// fails the plan with the violations of rtype. opts is an optional HCL object
// of function options, such as `{ unknown_values = "warn" }`. The message is
// nonsensitive() because self of a resource with a sensitive attribute (a
// database password) makes every function result sensitive, and Terraform
// rejects a sensitive error_message; for other resources it is a no-op.
func guarded(rtype, name, body string, opts ...string) string {
	args := rtype + `", self`
	if len(opts) > 0 {
		args += ", " + opts[0]
	}
	return fmt.Sprintf(`
resource %q %q {
%s
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("%s)
      error_message = nonsensitive(join("\n", provider::baseline::violations("%s)))
    }
  }
}
`, rtype, name, strings.TrimRight(body, "\n"), args, args)
}

// realCase is one offline plan of real hashicorp/aws resources.
type realCase struct {
	config string         // HCL after the offline aws provider block
	err    *regexp.Regexp // nil: the plan must succeed
}

// planReal plans each case as a subtest with the real hashicorp/aws; the
// cases run in parallel. On OpenTofu a representative subset runs
// (acctest.Representative).
func planReal(t *testing.T, cases map[string]realCase) {
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	for _, name := range acctest.Representative(names, func(n string) bool { return cases[n].err != nil }) {
		c := cases[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   acctest.FunctionsVersion,
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				ExternalProviders:        acctest.UseRealAWS(t),
				Steps: []resource.TestStep{{
					Config:             acctest.AWSOfflineProvider + c.config,
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ExpectError:        c.err,
				}},
			})
		})
	}
}

const realVPC = `
resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
`

const realSG = `
resource "aws_security_group" "web" {
  name        = "web"
  description = "web servers"
  vpc_id      = aws_vpc.main.id
}
`

func ingressRule(port int, cidr string) string {
	return guarded("aws_vpc_security_group_ingress_rule", "web", fmt.Sprintf(`
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = %d
  to_port           = %d
  cidr_ipv4         = %q`, port, port, cidr))
}

func TestAccRealAWS_securityGroup(t *testing.T) {
	const egress = `
resource "aws_vpc_security_group_egress_rule" "web" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
`
	inline := func(port int) string {
		return realVPC + guarded("aws_security_group", "web", fmt.Sprintf(`
  name   = "web"
  vpc_id = aws_vpc.main.id
  ingress {
    description = "inline"
    protocol    = "tcp"
    from_port   = %d
    to_port     = %d
    cidr_blocks = ["0.0.0.0/0"]
  }`, port, port))
	}
	// A group whose rules are separate resources: its own ingress and egress
	// are unknown at create and were not declared here.
	separate := realVPC + guarded("aws_security_group", "web", `
  name        = "web"
  description = "web servers"
  vpc_id      = aws_vpc.main.id`) + egress
	planReal(t, map[string]realCase{
		"separateRulesHTTPS": {config: separate + ingressRule(443, "0.0.0.0/0")},
		"separateRuleWorldSSH": {
			config: separate + ingressRule(22, "0.0.0.0/0"),
			err:    acctest.Wrapped(`(?s)aws-ec2-sg-no-world-ssh \[[^]]*\] \([a-z]+\): cidr_ipv4:.*port 22 from the internet\. Fix: Allow port 22 only from known CIDRs`),
		},
		"inlineHTTPSNoEgressBlock": {config: inline(443)},
		"inlineWorldSSH": {
			config: inline(22),
			err:    acctest.Wrapped(`(?s)aws-ec2-sg-no-world-ssh \[[^]]*\] \([a-z]+\): ingress.*port 22 from the internet`),
		},
		// Through the guardrail the error carries the control's remediation.
		"guardrailWorldSSH": {
			config: realVPC + realSG + `
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}

resource "baseline_guardrail" "ssh" {
  resource_type = "aws_vpc_security_group_ingress_rule"
  values        = aws_vpc_security_group_ingress_rule.ssh
}
`,
			err: acctest.Wrapped(`(?s)Guardrail Control Failed: aws-ec2-sg-no-world-ssh.*Attribute: cidr_ipv4.*Remediation:`),
		},
	})
}

func TestAccRealAWS_defaultSecurityGroup(t *testing.T) {
	planReal(t, map[string]realCase{
		"noRules": {config: realVPC + guarded("aws_default_security_group", "default", `  vpc_id = aws_vpc.main.id`)},
		"selfIngress": {
			config: realVPC + guarded("aws_default_security_group", "default", `
  vpc_id = aws_vpc.main.id
  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }`),
			err: acctest.Wrapped(`(?s)aws-ec2-default-sg-restricts-all \[[^]]*\] \([a-z]+\): ingress:.*must have none`),
		},
	})
}

func TestAccRealAWS_networkACL(t *testing.T) {
	acl := func(port int) string {
		return realVPC + guarded("aws_network_acl", "main", fmt.Sprintf(`
  vpc_id = aws_vpc.main.id
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = %d
    to_port    = %d
  }
  ingress {
    protocol        = "tcp"
    rule_no         = 101
    action          = "allow"
    ipv6_cidr_block = "::/0"
    from_port       = 443
    to_port         = 443
  }
  egress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "10.0.0.0/16"
    from_port  = 1024
    to_port    = 65535
  }`, port, port))
	}
	rule := func(port int, cidr string) string {
		return realVPC + `
resource "aws_network_acl" "main" {
  vpc_id = aws_vpc.main.id
}
` + guarded("aws_network_acl_rule", "in", fmt.Sprintf(`
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  %s
  from_port      = %d
  to_port        = %d`, cidr, port, port))
	}
	planReal(t, map[string]realCase{
		"ipv4AndIPv6HTTPS": {config: acl(443)},
		"worldSSH": {
			config: acl(22),
			err:    acctest.Wrapped(`(?s)aws-ec2-nacl-no-world-admin-ports \[[^]]*\] \([a-z]+\): ingress.*allows .*port 22`),
		},
		"ruleHTTPS":     {config: rule(443, `cidr_block = "0.0.0.0/0"`)},
		"ruleIPv6HTTPS": {config: rule(443, `ipv6_cidr_block = "::/0"`)},
		"ruleWorldSSH": {
			config: rule(22, `cidr_block = "0.0.0.0/0"`),
			err:    acctest.Wrapped(`(?s)aws-ec2-nacl-no-world-admin-ports \[[^]]*\] \([a-z]+\): .*allows .*port 22`),
		},
	})
}

// realBucket is a bucket with every companion the posture asks for; the
// TLS-only policy is known at plan because the bucket name is a literal.
const realBucket = `
locals {
  bucket = "baseline-acc-data"
  arn    = "arn:aws:s3:::baseline-acc-data"
}

resource "aws_s3_bucket" "logs" {
  bucket        = "baseline-acc-logs"
  force_destroy = true
}

resource "aws_s3_bucket" "data" {
  bucket = local.bucket
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
  depends_on    = [aws_s3_bucket_policy.logs]
}

# S3 (and moto) accept a logging target only when the log bucket lets the
# logging service write to it.
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::baseline-acc-logs/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}

data "aws_iam_policy_document" "tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.arn, "${local.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

locals {
  companions = {
    bucket                               = aws_s3_bucket.data
    public_access_block                  = aws_s3_bucket_public_access_block.data
    ownership_controls                   = aws_s3_bucket_ownership_controls.data
    server_side_encryption_configuration = aws_s3_bucket_server_side_encryption_configuration.data
    versioning                           = aws_s3_bucket_versioning.data
    logging                              = aws_s3_bucket_logging.data
  }
  posture = merge(local.companions, { policy = aws_s3_bucket_policy.data })
}
`

// bucketPolicy renders the TLS-only bucket policy; with guard, its
// postcondition judges the whole bucket posture.
func bucketPolicy(guard bool) string {
	check := ""
	if guard {
		check = `
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_s3_bucket_posture", merge(local.companions, { policy = self }))
      error_message = join("\n", provider::baseline::violations("aws_s3_bucket_posture", merge(local.companions, { policy = self })))
    }
  }`
	}
	return `
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.tls.json` + check + `
}
`
}

const postureGuardrail = `
resource "baseline_guardrail" "data" {
  resource_type = "aws_s3_bucket_posture"
  values        = local.posture
}
`

func TestAccRealAWS_s3Bucket(t *testing.T) {
	acl := func(canned string) string {
		return `
resource "aws_s3_bucket" "data" {
  bucket = "baseline-acc-data"
}
` + guarded("aws_s3_bucket_acl", "data", fmt.Sprintf(`
  bucket = aws_s3_bucket.data.id
  acl    = %q`, canned))
	}
	planReal(t, map[string]realCase{
		"postureWithCompanions": {config: realBucket + bucketPolicy(true)},
		"guardrailPosture":      {config: realBucket + bucketPolicy(false) + postureGuardrail},
		"postureSuspendedVersioning": {
			config: strings.Replace(realBucket, `status = "Enabled"`, `status = "Suspended"`, 1) + bucketPolicy(false) + postureGuardrail,
			err:    acctest.Wrapped(`(?s)Guardrail Control Failed: aws-s3-bucket-versioning.*Attribute: versioning\.versioning_configuration.*"Suspended"; set it to "Enabled"`),
		},
		// A bucket alone: its own controls pass, and the posture does not
		// fail S3.8 or S3.12 for the companions S3 defaults to since 2023.
		"bucketAlone": {config: guarded("aws_s3_bucket", "data", `  bucket = "baseline-acc-data"`) + `
resource "terraform_data" "posture" {
  input = aws_s3_bucket.data.bucket
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_s3_bucket_posture", { bucket = aws_s3_bucket.data }, local.defaults)
      error_message = join("\n", provider::baseline::violations("aws_s3_bucket_posture", { bucket = aws_s3_bucket.data }, local.defaults))
    }
  }
}

locals {
  defaults = { controls = ["aws-s3-bucket-public-access-block", "aws-s3-bucket-acls-disabled", "aws-s3-bucket-no-public-acl", "aws-s3-bucket-no-public-policy"] }
}
`},
		"aclPrivate": {config: acl("private")},
		"aclPublicRead": {
			config: acl("public-read"),
			err:    acctest.Wrapped(`(?s)aws-s3-bucket-no-public-acl.*acl.*"public-read" grants access to the public`),
		},
	})
}

func TestAccRealAWS_instance(t *testing.T) {
	instance := func(extra string) string {
		return guarded("aws_instance", "web", `
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  root_block_device {
    encrypted = true
  }`+extra)
	}
	planReal(t, map[string]realCase{
		"imdsv2Required": {config: instance(`
  metadata_options {
    http_tokens = "required"
  }`)},
		"noMetadataOptions": {
			config: instance(""),
			err:    acctest.Wrapped(`(?s)aws-ec2-instance-imdsv2 \[[^]]*\] \([a-z]+\): metadata_options(\[0\])?\.http_tokens:.*set it to "required"`),
		},
	})
}

func TestAccRealAWS_dbInstance(t *testing.T) {
	db := func(extra string, opts ...string) string {
		return guarded("aws_db_instance", "main", `
  identifier                          = "main"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  username                            = "main"
  password                            = "not-a-secret-1"
  skip_final_snapshot                 = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]`+extra, opts...)
	}
	planReal(t, map[string]realCase{
		"encrypted": {config: db(`
  storage_encrypted = true`)},
		// snapshot_identifier is Optional+Computed: unknown on every new
		// instance, which must not turn the unset storage_encrypted into an
		// inherited (unknown or passing) value.
		"unencrypted": {
			config: db(""),
			err:    acctest.Wrapped(`(?s)aws-rds-instance-encrypted \[[^]]*\] \([a-z]+\): storage_encrypted:`),
		},
		"unencryptedWarnUnknowns": {
			config: db("", `{ unknown_values = "warn" }`),
			err:    acctest.Wrapped(`(?s)aws-rds-instance-encrypted \[[^]]*\] \([a-z]+\): storage_encrypted:`),
		},
		"fromSnapshotEncrypted": {config: db(`
  snapshot_identifier = "snap-main-2024"
  storage_encrypted   = true`)},
		// A restore with storage_encrypted unset inherits the snapshot's
		// encryption, which the plan cannot see: unknown (the catalog's rule),
		// so the default options fail it and unknown_values = "warn" lets it pass.
		"fromSnapshotInherited": {
			config: db(`
  snapshot_identifier = "snap-main-2024"`),
			err: acctest.Wrapped(`(?s)aws-rds-instance-encrypted \[[^]]*\] \([a-z]+, unknown\): storage_encrypted:.*snapshot_identifier.*set storage_encrypted = true`),
		},
		"fromSnapshotInheritedWarn": {config: db(`
  snapshot_identifier = "snap-main-2024"`, `{ unknown_values = "warn" }`)},
	})
}

func TestAccRealAWS_rdsCluster(t *testing.T) {
	cluster := func(engine, extra string) string {
		return guarded("aws_rds_cluster", "main", `
  cluster_identifier                  = "main"
  engine                              = "`+engine+`"
  master_username                     = "main"
  master_password                     = "not-a-secret-1"
  skip_final_snapshot                 = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]`+extra)
	}
	planReal(t, map[string]realCase{
		"encrypted": {config: cluster("aurora-postgresql", `
  storage_encrypted = true`)},
		// storage_encrypted unset (Optional+Computed, unknown at plan) on an
		// Aurora engine, not a restore: Aurora encrypts every DB cluster
		// created since 18 February 2026, so it passes.
		"auroraEncryptedByDefault": {config: cluster("aurora-postgresql", "")},
		// A Multi-AZ DB cluster (engine postgres) is not encrypted by default.
		"multiAZUnencryptedByDefault": {
			config: cluster("postgres", `
  db_cluster_instance_class = "db.r6gd.large"
  storage_type              = "io1"
  allocated_storage         = 100
  iops                      = 1000`),
			err: acctest.Wrapped(`(?s)aws-rds-cluster-encrypted \[[^]]*\] \([a-z]+\): storage_encrypted: storage_encrypted is not set and defaults to false for a Multi-AZ DB cluster`),
		},
	})
}

func TestAccRealAWS_cloudtrail(t *testing.T) {
	planReal(t, map[string]realCase{
		"complete": {config: guarded("aws_cloudtrail", "main", `
  name                       = "main"
  s3_bucket_name             = "baseline-acc-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:123456789012:key/0d5b4b2c-8a8d-4a36-9d0e-4f1c2a7e9b11"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/cloudtrail-logs"`)},
		"minimal": {
			config: guarded("aws_cloudtrail", "main", `
  name           = "main"
  s3_bucket_name = "baseline-acc-trail"`),
			err: acctest.Wrapped(`(?s)aws-cloudtrail-multi-region-logging.*is_multi_region_trail.*aws-cloudtrail-kms-encrypted.*kms_key_id.*aws-cloudtrail-log-validation.*enable_log_file_validation`),
		},
	})
}

func TestAccRealAWS_vpc(t *testing.T) {
	planReal(t, map[string]realCase{
		// aws_vpc is in the catalog (flow logs): it must be supported.
		"evaluates": {config: strings.Replace(realVPC, "assign_generated_ipv6_cidr_block = true", `assign_generated_ipv6_cidr_block = true
  lifecycle {
    postcondition {
      condition     = provider::baseline::evaluate("aws_vpc", self).passed >= 0
      error_message = "unreachable"
    }
  }`, 1)},
	})
}

// liveScenario renders the configuration applied to moto: a security group
// with one separate ingress rule opening port to the world, the bucket with
// its companions and an encrypted database. With guard each is judged by a
// postcondition (the plan-time verdict, checked again at apply). The live
// data sources read them back, and the output verdicts holds, per resource,
// the "<control>=<status>" of every finding after apply and live.
func liveScenario(endpoint string, port int, guard bool) string {
	var eps []string
	for _, s := range liveaws.EndpointServices {
		eps = append(eps, fmt.Sprintf("      %s = %q", s, endpoint))
	}
	block := guarded
	if !guard {
		block = func(rtype, name, body string, _ ...string) string {
			return fmt.Sprintf("\nresource %q %q {\n%s\n}\n", rtype, name, strings.TrimRight(body, "\n"))
		}
	}
	return acctest.AWSMotoProvider(endpoint) + acctest.ProviderBlock(fmt.Sprintf(`  aws {
    region      = %q
    max_retries = 2
    endpoints = {
%s
    }
  }`, acctest.MotoRegion, strings.Join(eps, "\n"))) + block("aws_security_group", "web", `
  name        = "acc-web"
  description = "web servers"`) + block("aws_vpc_security_group_ingress_rule", "web", fmt.Sprintf(`
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = %d
  to_port           = %d
  cidr_ipv4         = "0.0.0.0/0"`, port, port)) + realBucket + bucketPolicy(guard) + block("aws_db_instance", "main", `
  identifier                          = "acc-main"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  username                            = "main"
  password                            = "not-a-secret-1"
  storage_encrypted                   = true
  skip_final_snapshot                 = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]`) + `
data "baseline_aws_security_group" "web" {
  id         = aws_security_group.web.id
  depends_on = [aws_vpc_security_group_ingress_rule.web]
}

data "baseline_aws_s3_bucket" "data" {
  bucket     = aws_s3_bucket.data.id
  depends_on = [aws_s3_bucket_policy.data, aws_s3_bucket_public_access_block.data, aws_s3_bucket_ownership_controls.data, aws_s3_bucket_server_side_encryption_configuration.data, aws_s3_bucket_versioning.data, aws_s3_bucket_logging.data]
}

data "baseline_aws_db_instance" "main" {
  identifier = aws_db_instance.main.identifier
}

locals {
  applied = {
    rule   = provider::baseline::evaluate("aws_vpc_security_group_ingress_rule", aws_vpc_security_group_ingress_rule.web).findings
    bucket = provider::baseline::evaluate("aws_s3_bucket_posture", local.posture).findings
    db     = nonsensitive(provider::baseline::evaluate("aws_db_instance", aws_db_instance.main).findings)
  }
  live = {
    rule   = data.baseline_aws_security_group.web.findings
    bucket = data.baseline_aws_s3_bucket.data.findings
    db     = data.baseline_aws_db_instance.main.findings
  }
}

output "verdicts" {
  value = {
    for when, v in { applied = local.applied, live = local.live } : when => {
      for r, findings in v : r => sort([for f in findings : "${f.control_id}=${f.status}"])
    }
  }
}
`
}

// expectVerdicts checks the verdicts output: the same findings after apply
// and live, per resource.
func expectVerdicts(want map[string][]string) statecheck.StateCheck {
	per := map[string]knownvalue.Check{}
	for r, ids := range want {
		var checks []knownvalue.Check
		for _, id := range ids {
			checks = append(checks, knownvalue.StringExact(id))
		}
		per[r] = knownvalue.ListExact(checks)
		if len(ids) == 0 {
			per[r] = knownvalue.ListSizeExact(0)
		}
	}
	return statecheck.ExpectKnownOutputValue("verdicts", knownvalue.ObjectExact(map[string]knownvalue.Check{
		"applied": knownvalue.ObjectExact(per), "live": knownvalue.ObjectExact(per),
	}))
}

// newMotoAWS resets the shared moto server and returns its endpoint, with
// the AWS environment of the baseline provider's live reads set to it.
func newMotoAWS(t *testing.T) (string, map[string]resource.ExternalProvider) {
	providers := acctest.UseRealAWS(t)
	moto := acctest.SharedMoto(t)
	acctest.SetAWSEnv(t)
	if err := moto.Reset(); err != nil {
		t.Fatal(err)
	}
	return moto.Endpoint, providers
}

// TestAccRealAWS_planApplyLive_compliant creates the compliant resources in
// moto with the real hashicorp/aws: every postcondition passes at plan and at
// apply, and the verdicts after apply and live have no finding.
func TestAccRealAWS_planApplyLive_compliant(t *testing.T) {
	endpoint, providers := newMotoAWS(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ExternalProviders:        providers,
		Steps: []resource.TestStep{{
			Config:            liveScenario(endpoint, 443, true),
			ConfigStateChecks: []statecheck.StateCheck{expectVerdicts(map[string][]string{"rule": nil, "bucket": nil, "db": nil})},
		}},
	})
}

// TestAccRealAWS_planApplyLive_worldSSH opens SSH to the world: the rule's
// postcondition fails the plan; applied without the postconditions, the rule
// after apply and the group read live fail the same controls.
func TestAccRealAWS_planApplyLive_worldSSH(t *testing.T) {
	endpoint, providers := newMotoAWS(t)
	sshFails := []string{
		"aws-ec2-sg-no-ipv4-admin-ports=fail", "aws-ec2-sg-no-world-high-risk-ports=fail",
		"aws-ec2-sg-no-world-ssh=fail", "aws-ec2-sg-only-authorized-world-ports=fail",
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ExternalProviders:        providers,
		Steps: []resource.TestStep{
			{
				Config:      liveScenario(endpoint, 22, true),
				ExpectError: acctest.Wrapped(`(?s)aws_vpc_security_group_ingress_rule.*aws-ec2-sg-no-world-ssh.*aws-ec2-sg-no-ipv4-admin-ports.*aws-ec2-sg-no-world-high-risk-ports.*aws-ec2-sg-only-authorized-world-ports`),
			},
			{
				Config:            liveScenario(endpoint, 22, false),
				ConfigStateChecks: []statecheck.StateCheck{expectVerdicts(map[string][]string{"rule": sshFails, "bucket": nil, "db": nil})},
			},
		},
	})
}
