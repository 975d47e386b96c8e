package s3

import (
	"errors"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// liveBucket builds a compliant posture the way a live loader would.
func liveBucket() Bucket {
	on := subject.Of(true, "GetPublicAccessBlock")
	return Bucket{
		PublicAccessBlock: PresentCompanion("GetPublicAccessBlock", PublicAccessBlock{on, on, on, on}),
		Policy: PresentCompanion("GetBucketPolicy", BucketPolicy{Policy: subject.Of(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
			"GetBucketPolicy.Policy")}),
		ACL:        AbsentCompanion[ACL]("GetBucketAcl"),
		Ownership:  PresentCompanion("GetBucketOwnershipControls", Ownership{ObjectOwnership: subject.Of("BucketOwnerEnforced", "GetBucketOwnershipControls")}),
		Encryption: PresentCompanion("GetBucketEncryption", Encryption{Rules: []EncryptionRule{{Algorithm: subject.Of("aws:kms", "GetBucketEncryption")}}}),
		Logging:    PresentCompanion("GetBucketLogging", Logging{TargetBucket: subject.Of("logs", "GetBucketLogging")}),
		Versioning: PresentCompanion("GetBucketVersioning", Versioning{Status: subject.Of("Enabled", "GetBucketVersioning")}),
	}
}

func run(t *testing.T, b Bucket) map[string]engine.Outcome {
	t.Helper()
	out := map[string]engine.Outcome{}
	for _, c := range bucketChecks() {
		out[c.Control] = c.Eval(b)
	}
	return out
}

func TestBucketChecks_live(t *testing.T) {
	for id, o := range run(t, liveBucket()) {
		if o.Status != engine.StatusPass {
			t.Errorf("%s: %s %s", id, o.Status, o.Message)
		}
	}

	absent := liveBucket()
	absent.PublicAccessBlock = AbsentCompanion[PublicAccessBlock]("GetPublicAccessBlock")
	if o := run(t, absent)["aws-s3-bucket-public-access-block"]; o.Status != engine.StatusFail {
		t.Errorf("absent block: %s, want fail", o.Status)
	}

	// A read error is an error finding: never a pass, never "missing".
	unreadable := liveBucket()
	unreadable.PublicAccessBlock = UnreadableCompanion[PublicAccessBlock]("GetPublicAccessBlock", errors.New("AccessDenied"))
	unreadable.Policy = UnreadableCompanion[BucketPolicy]("GetBucketPolicy", errors.New("AccessDenied"))
	got := run(t, unreadable)
	for _, id := range []string{"aws-s3-bucket-public-access-block", "aws-s3-bucket-no-public-policy", "aws-s3-bucket-tls-only"} {
		if got[id].Status != engine.StatusError {
			t.Errorf("%s with unreadable companion: %s, want error", id, got[id].Status)
		}
	}
}

func TestBucketChecks_missingMessagesNameTheResource(t *testing.T) {
	got := run(t, Bucket{})
	want := map[string]string{
		"aws-s3-bucket-public-access-block": "aws_s3_bucket_public_access_block",
		"aws-s3-bucket-acls-disabled":       "aws_s3_bucket_ownership_controls",
		"aws-s3-bucket-tls-only":            "aws_s3_bucket_policy",
		"aws-s3-bucket-sse-kms":             "aws_s3_bucket_server_side_encryption_configuration",
		"aws-s3-bucket-access-logging":      "aws_s3_bucket_logging",
		"aws-s3-bucket-versioning":          "aws_s3_bucket_versioning",
	}
	for id, res := range want {
		o := got[id]
		if o.Status != engine.StatusFail || !strings.Contains(o.Message, res) {
			t.Errorf("%s: %s %q, want a failure naming %s", id, o.Status, o.Message, res)
		}
	}
	for _, id := range []string{"aws-s3-bucket-no-public-acl", "aws-s3-bucket-no-public-policy"} {
		if got[id].Status != engine.StatusPass {
			t.Errorf("%s on a bare bucket: %s, want pass", id, got[id].Status)
		}
	}
}
