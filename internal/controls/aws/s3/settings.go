package s3

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Ownership is a bucket's object ownership setting
// (aws_s3_bucket_ownership_controls rule.object_ownership,
// GetBucketOwnershipControls).
type Ownership struct {
	ObjectOwnership subject.Field[string]
}

// decodeOwnership reads aws_s3_bucket_ownership_controls values.
func decodeOwnership(n subject.Node) Ownership {
	return Ownership{ObjectOwnership: n.Get("rule").Block().Get("object_ownership").String("")}
}

func aclsDisabled(o Ownership) engine.Outcome {
	f := o.ObjectOwnership
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V == "BucketOwnerEnforced":
		return engine.Pass()
	case f.Null || f.V == "":
		return engine.Fail(f.Path, "object_ownership is not set; set it to \"BucketOwnerEnforced\" to disable ACLs")
	}
	return engine.Fail(f.Path, "object_ownership is %q, so ACLs still grant access; use \"BucketOwnerEnforced\"", f.V)
}

// Encryption is a bucket's default encryption
// (aws_s3_bucket_server_side_encryption_configuration, GetBucketEncryption).
type Encryption struct {
	Rules        []EncryptionRule
	RulesUnknown bool
	RulesPath    string
}

// EncryptionRule is one rule's apply_server_side_encryption_by_default.
type EncryptionRule struct {
	Algorithm subject.Field[string]
	KMSKeyID  subject.Field[string]
}

// decodeEncryption reads aws_s3_bucket_server_side_encryption_configuration
// values (rule is a set of blocks).
func decodeEncryption(n subject.Node) Encryption {
	rules := n.Get("rule").Items()
	e := Encryption{RulesUnknown: rules.Unknown, RulesPath: rules.Path}
	for _, r := range rules.Items {
		d := r.Get("apply_server_side_encryption_by_default").Block()
		e.Rules = append(e.Rules, EncryptionRule{
			Algorithm: d.Get("sse_algorithm").String(""),
			KMSKeyID:  d.Get("kms_master_key_id").String(""),
		})
	}
	return e
}

// kmsAlgorithms are the sse_algorithm values of S3.17.
var kmsAlgorithms = []string{"aws:kms", "aws:kms:dsse"}

func sseKMS(e Encryption) engine.Outcome {
	if e.RulesUnknown {
		return engine.Undecided(e.RulesPath, "the encryption rules are unknown until apply")
	}
	var unknownAt, other, otherAt string
	for _, r := range e.Rules {
		a := r.Algorithm
		switch {
		case a.Unknown:
			if unknownAt == "" {
				unknownAt = a.Path
			}
		case a.V == kmsAlgorithms[0] || a.V == kmsAlgorithms[1]:
			return engine.Pass()
		case otherAt == "":
			other, otherAt = a.V, a.Path
		}
	}
	if unknownAt != "" {
		return engine.Undecided(unknownAt, "sse_algorithm is unknown until apply")
	}
	if otherAt != "" {
		what := "sse_algorithm is " + quoteOrUnset(other)
		if other == "AES256" {
			what += " (SSE-S3)"
		}
		return engine.Fail(otherAt, "%s; S3.17 needs \"aws:kms\" or \"aws:kms:dsse\"", what)
	}
	return engine.Fail(e.RulesPath, "no default encryption rule sets sse_algorithm, so S3 applies SSE-S3 (AES256); use \"aws:kms\" or \"aws:kms:dsse\"")
}

func quoteOrUnset(s string) string {
	if s == "" {
		return "not set"
	}
	return `"` + s + `"`
}

// Logging is a bucket's server access logging (aws_s3_bucket_logging,
// GetBucketLogging LoggingEnabled).
type Logging struct {
	TargetBucket subject.Field[string]
}

// decodeLogging reads aws_s3_bucket_logging values.
func decodeLogging(n subject.Node) Logging {
	return Logging{TargetBucket: n.Get("target_bucket").String("")}
}

func accessLogging(l Logging) engine.Outcome {
	f := l.TargetBucket
	switch {
	case f.Unknown:
		// The target bucket is often created in the same plan: its name is
		// unknown but logging is configured either way.
		return engine.Pass()
	case strings.TrimSpace(f.V) == "":
		return engine.Fail(f.Path, "target_bucket is not set, so server access logs go nowhere")
	}
	return engine.Pass()
}

// Versioning is a bucket's versioning state (aws_s3_bucket_versioning
// versioning_configuration.status, GetBucketVersioning Status).
type Versioning struct {
	Status subject.Field[string]
}

// decodeVersioning reads aws_s3_bucket_versioning values.
func decodeVersioning(n subject.Node) Versioning {
	return Versioning{Status: n.Get("versioning_configuration").Block().Get("status").String("")}
}

func versioningEnabled(v Versioning) engine.Outcome {
	f := v.Status
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "the versioning status is unknown until apply")
	case f.V == "Enabled":
		return engine.Pass()
	case f.V == "":
		return engine.Fail(f.Path, "versioning status is not set; set it to \"Enabled\"")
	}
	return engine.Fail(f.Path, "versioning status is %q; set it to \"Enabled\"", f.V)
}

// Companion-resource checks.
var (
	ownershipCheck  = engine.Check[Ownership]{Control: "aws-s3-bucket-acls-disabled", Eval: aclsDisabled}
	encryptionCheck = engine.Check[Encryption]{Control: "aws-s3-bucket-sse-kms", Eval: sseKMS}
	loggingCheck    = engine.Check[Logging]{Control: "aws-s3-bucket-access-logging", Eval: accessLogging}
	versioningCheck = engine.Check[Versioning]{Control: "aws-s3-bucket-versioning", Eval: versioningEnabled}
)
