package s3

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Bucket is the posture of one S3 bucket: the bucket's own (deprecated inline)
// acl, policy, versioning, logging and server side encryption, and its
// companion resources. It is the subject of the
// pseudo resource type aws_s3_bucket_posture, whose values are
//
//	{
//	  bucket                               = aws_s3_bucket.x
//	  public_access_block                  = aws_s3_bucket_public_access_block.x
//	  server_side_encryption_configuration = aws_s3_bucket_server_side_encryption_configuration.x
//	  policy                               = aws_s3_bucket_policy.x
//	  acl                                  = aws_s3_bucket_acl.x
//	  ownership_controls                   = aws_s3_bucket_ownership_controls.x
//	  logging                              = aws_s3_bucket_logging.x
//	  versioning                           = aws_s3_bucket_versioning.x
//	}
//
// with every key optional. A missing companion means S3's default for a
// bucket created today: Block Public Access on and BucketOwnerEnforced (since
// April 2023), SSE-S3 (since January 2023), no policy, no ACL grants, logging
// and versioning off. So a missing public access block or ownership controls
// passes the control it would satisfy in planned values, and a missing
// logging, versioning, encryption (for SSE-KMS) or policy (for TLS-only)
// fails. Live loaders fill the same struct from the S3 API and mark a
// companion Absent (NoSuch... errors: the bucket really lacks it, so it
// fails) or Unreadable (any other error).
type Bucket struct {
	// Planned is set for planned values (a bucket about to be created), where
	// a missing companion takes the new-bucket default.
	Planned bool

	// InlineACL and InlinePolicy are aws_s3_bucket's deprecated acl and policy
	// arguments. Both are Optional+Computed in hashicorp/aws, so a plan shows
	// them unknown whenever they are not set: an unknown inline value is
	// ignored (the companion resources are how ACLs and policies are set), a
	// known one is judged.
	InlineACL    subject.Field[string]
	InlinePolicy subject.Field[string]

	PublicAccessBlock companion[PublicAccessBlock]
	Policy            companion[BucketPolicy]
	ACL               companion[ACL]
	Ownership         companion[Ownership]
	Encryption        companion[Encryption]
	Logging           companion[Logging]
	Versioning        companion[Versioning]
}

// companion attribute names of aws_s3_bucket_posture values, and the resource
// type that provides each.
const (
	KeyPublicAccessBlock = "public_access_block"
	KeyPolicy            = "policy"
	KeyACL               = "acl"
	KeyOwnership         = "ownership_controls"
	KeyEncryption        = "server_side_encryption_configuration"
	KeyLogging           = "logging"
	KeyVersioning        = "versioning"
)

// decodeBucket reads aws_s3_bucket_posture values.
//
// The bucket's own deprecated versioning, logging and
// server_side_encryption_configuration blocks (still accepted by hashicorp/aws
// 5.x on aws_s3_bucket) count when the companion resource is not given: they
// set the same bucket configuration. When both are given, the companion wins:
// it is applied after the bucket (it refers to it) and overwrites what the
// inline block set, so the configuration in effect is the companion's (the
// provider documents that declaring both makes them fight). The inline blocks
// are Optional+Computed, so a plan shows them unknown when they are not
// written; unknown reads as not set (attributes.yaml).
func decodeBucket(n subject.Node) Bucket {
	own := n.Get("bucket")
	b := Bucket{
		Planned:           true,
		InlineACL:         own.Get("acl").String(""),
		InlinePolicy:      own.Get("policy").String(""),
		PublicAccessBlock: decodeCompanion(n, KeyPublicAccessBlock, decodePublicAccessBlock),
		Policy:            decodeCompanion(n, KeyPolicy, decodeBucketPolicy),
		ACL:               decodeCompanion(n, KeyACL, decodeACL),
		Ownership:         decodeCompanion(n, KeyOwnership, decodeOwnership),
		Encryption:        decodeCompanion(n, KeyEncryption, decodeEncryption),
		Logging:           decodeCompanion(n, KeyLogging, decodeLogging),
		Versioning:        decodeCompanion(n, KeyVersioning, decodeVersioning),
	}
	inline(&b.Encryption, own, KeyEncryption, decodeEncryption)
	inline(&b.Logging, own, KeyLogging, decodeLogging)
	inline(&b.Versioning, own, KeyVersioning, decodeInlineVersioning)
	return b
}

// inline fills an absent companion from the bucket's own block of the same
// name, when that block is written (a known, non-empty block).
func inline[T any](c *companion[T], own subject.Node, name string, decode func(subject.Node) T) {
	if c.State != Absent {
		return
	}
	blk := own.Get(name)
	v := blk.Value()
	if blk.IsUnknown() || blk.IsNull() || (v.Kind() == subject.KindList && len(v.Elems()) == 0) {
		return
	}
	*c = companion[T]{State: present, Path: blk.Path(), V: decode(blk.Block())}
}

// decodeInlineVersioning reads aws_s3_bucket's versioning block, whose
// enabled flag stands for the status: true is "Enabled"; false is "Disabled"
// (a new bucket) — either way not enabled.
func decodeInlineVersioning(n subject.Node) Versioning {
	en := n.Get("enabled").Bool(false)
	st := subject.Field[string]{V: "Disabled", Unknown: en.Unknown, Path: en.Path}
	if en.V {
		st.V = "Enabled"
	}
	return Versioning{Status: st}
}

func missing(key, resource, hint string) func() engine.Outcome {
	return func() engine.Outcome {
		return engine.Fail(key, "the bucket has no %s: add a %s resource for it (%s)", strings.ReplaceAll(key, "_", " "), resource, hint)
	}
}

// onByDefault is the outcome of a missing companion that S3 turns on for new
// buckets: a pass in planned values, else what missingFn says.
func onByDefault(b Bucket, missingFn func() engine.Outcome) func() engine.Outcome {
	if b.Planned {
		return engine.Pass
	}
	return missingFn
}

func postureAccessBlock(b Bucket) engine.Outcome {
	return gate(b.PublicAccessBlock, "public access block",
		onByDefault(b, missing(KeyPublicAccessBlock, "aws_s3_bucket_public_access_block", "all four settings true")),
		allBlocked("bucket-level S3"))
}

// mitigated reports whether the bucket's public access block neutralises a
// public ACL (ignore_public_acls) or policy (restrict_public_buckets), as S3's
// own public-access evaluation for S3.2/S3.3 does. It returns the outcome to
// use instead of a failure: pass, undecided, or none.
func mitigated(b Bucket, flag func(PublicAccessBlock) subject.Field[bool], name string) (engine.Outcome, bool) {
	if b.PublicAccessBlock.State != present {
		return engine.Outcome{}, false
	}
	f := flag(b.PublicAccessBlock.V)
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "the bucket grants public access unless %s, which is unknown until apply, is true", name), true
	case f.V:
		return engine.Pass(), true
	}
	return engine.Outcome{}, false
}

func postureNoPublicACL(b Bucket) engine.Outcome {
	var out engine.Outcome
	if b.ACL.State == Absent {
		out = inlineACL(b.InlineACL)
	} else {
		out = gate(b.ACL, "ACL", nil, aclPublic)
	}
	if out.Status == engine.StatusFail || out.Status == engine.StatusUnknown {
		if m, ok := mitigated(b, func(p PublicAccessBlock) subject.Field[bool] { return p.IgnorePublicACLs }, "ignore_public_acls"); ok {
			return m
		}
	}
	return out
}

func inlineACL(f subject.Field[string]) engine.Outcome {
	if !f.Unknown && isPublicCanned(f.V) {
		return engine.Fail(f.Path, "the bucket's acl %q grants access to the public", f.V)
	}
	return engine.Pass()
}

// policyText is the bucket policy the posture is judged by: the
// aws_s3_bucket_policy companion, else a known inline policy.
func (b Bucket) policyText() (subject.Field[string], bool) {
	if b.Policy.State == present {
		return b.Policy.V.Policy, true
	}
	if b.Policy.State == Absent && !b.InlinePolicy.Unknown && strings.TrimSpace(b.InlinePolicy.V) != "" {
		return b.InlinePolicy, true
	}
	return subject.Field[string]{}, false
}

func posturePolicyGate(b Bucket, missingFn func() engine.Outcome, judge func(subject.Field[string]) engine.Outcome) engine.Outcome {
	if f, ok := b.policyText(); ok {
		return judge(f)
	}
	return gate(b.Policy, "bucket policy", missingFn, func(p BucketPolicy) engine.Outcome { return judge(p.Policy) })
}

func postureNoPublicPolicy(b Bucket) engine.Outcome {
	out := posturePolicyGate(b, engine.Pass, policyPublic)
	if out.Status == engine.StatusFail || out.Status == engine.StatusUnknown {
		if m, ok := mitigated(b, func(p PublicAccessBlock) subject.Field[bool] { return p.RestrictPublicBuckets }, "restrict_public_buckets"); ok {
			return m
		}
	}
	return out
}

func postureTLSOnly(b Bucket) engine.Outcome {
	return posturePolicyGate(b,
		missing(KeyPolicy, "aws_s3_bucket_policy", "a Deny on s3:* for every principal when aws:SecureTransport is \"false\""),
		policyTLSOnly)
}

func postureACLsDisabled(b Bucket) engine.Outcome {
	return gate(b.Ownership, "ownership controls",
		onByDefault(b, missing(KeyOwnership, "aws_s3_bucket_ownership_controls", "rule.object_ownership = \"BucketOwnerEnforced\"")),
		aclsDisabled)
}

func postureSSEKMS(b Bucket) engine.Outcome {
	return gate(b.Encryption, "default encryption",
		func() engine.Outcome {
			return engine.Fail(KeyEncryption, "the bucket has no server side encryption configuration, so S3 applies its default SSE-S3 (AES256); add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm \"aws:kms\" or \"aws:kms:dsse\"")
		},
		sseKMS)
}

func postureLogging(b Bucket) engine.Outcome {
	return gate(b.Logging, "server access logging",
		missing(KeyLogging, "aws_s3_bucket_logging", "a target_bucket for the access logs"),
		accessLogging)
}

func postureVersioning(b Bucket) engine.Outcome {
	return gate(b.Versioning, "versioning",
		missing(KeyVersioning, "aws_s3_bucket_versioning", "versioning_configuration.status = \"Enabled\""),
		versioningEnabled)
}

// bucketChecks are the checks of a whole bucket posture, for
// aws_s3_bucket_posture and for live buckets.
func bucketChecks() []engine.Check[Bucket] {
	return []engine.Check[Bucket]{
		{Control: "aws-s3-bucket-public-access-block", Eval: postureAccessBlock},
		{Control: "aws-s3-bucket-no-public-acl", Eval: postureNoPublicACL},
		{Control: "aws-s3-bucket-no-public-policy", Eval: postureNoPublicPolicy},
		{Control: "aws-s3-bucket-acls-disabled", Eval: postureACLsDisabled},
		{Control: "aws-s3-bucket-tls-only", Eval: postureTLSOnly},
		{Control: "aws-s3-bucket-sse-kms", Eval: postureSSEKMS},
		{Control: "aws-s3-bucket-access-logging", Eval: postureLogging},
		{Control: "aws-s3-bucket-versioning", Eval: postureVersioning},
	}
}

// bucketResource is a lone aws_s3_bucket: only what its own attributes decide
// (the deprecated acl and policy arguments). Missing companions are not judged
// here — a lone bucket would otherwise fail for resources declared elsewhere;
// judge the whole bucket with aws_s3_bucket_posture.
type bucketResource struct {
	ACL    subject.Field[string]
	Policy subject.Field[string]
}

// decodeBucketResource reads aws_s3_bucket values.
func decodeBucketResource(n subject.Node) bucketResource {
	return bucketResource{ACL: n.Get("acl").String(""), Policy: n.Get("policy").String("")}
}

// bucketResourceChecks are the aws_s3_bucket checks. Unknown acl and policy
// are passed over: both are Optional+Computed, so they are unknown in every
// plan that does not set them.
func bucketResourceChecks() []engine.Check[bucketResource] {
	return []engine.Check[bucketResource]{
		{Control: "aws-s3-bucket-no-public-acl", Eval: func(b bucketResource) engine.Outcome { return inlineACL(b.ACL) }},
		{Control: "aws-s3-bucket-no-public-policy", Eval: func(b bucketResource) engine.Outcome {
			if b.Policy.Unknown {
				return engine.Pass()
			}
			return policyPublic(b.Policy)
		}},
	}
}
