package s3

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// PublicAccessBlock is an S3 Block Public Access configuration, of a bucket
// (aws_s3_bucket_public_access_block, s3 GetPublicAccessBlock) or of the
// account (aws_s3_account_public_access_block, s3control GetPublicAccessBlock).
// Each flag defaults to false in hashicorp/aws and in the API.
type PublicAccessBlock struct {
	BlockPublicACLs       subject.Field[bool]
	BlockPublicPolicy     subject.Field[bool]
	IgnorePublicACLs      subject.Field[bool]
	RestrictPublicBuckets subject.Field[bool]
}

// decodePublicAccessBlock reads aws_s3_bucket_public_access_block and
// aws_s3_account_public_access_block values.
func decodePublicAccessBlock(n subject.Node) PublicAccessBlock {
	return PublicAccessBlock{
		BlockPublicACLs:       n.Get("block_public_acls").Bool(false),
		BlockPublicPolicy:     n.Get("block_public_policy").Bool(false),
		IgnorePublicACLs:      n.Get("ignore_public_acls").Bool(false),
		RestrictPublicBuckets: n.Get("restrict_public_buckets").Bool(false),
	}
}

type namedFlag struct {
	name string
	f    subject.Field[bool]
}

func (p PublicAccessBlock) flags() []namedFlag {
	return []namedFlag{
		{"block_public_acls", p.BlockPublicACLs},
		{"block_public_policy", p.BlockPublicPolicy},
		{"ignore_public_acls", p.IgnorePublicACLs},
		{"restrict_public_buckets", p.RestrictPublicBuckets},
	}
}

// allBlocked passes when all four flags are true.
func allBlocked(scope string) func(PublicAccessBlock) engine.Outcome {
	return func(p PublicAccessBlock) engine.Outcome {
		var off []string
		var offAt, unknownAt string
		for _, fl := range p.flags() {
			switch {
			case fl.f.Unknown:
				if unknownAt == "" {
					unknownAt = fl.f.Path
				}
			case !fl.f.V:
				off = append(off, fl.name)
				if offAt == "" {
					offAt = fl.f.Path
				}
			}
		}
		if len(off) > 0 {
			how := "false"
			if len(off) == 1 && p.flagNull(off[0]) {
				how = "not set (default false)"
			}
			return engine.Fail(offAt, "%s Block Public Access is incomplete: %s %s; all four settings must be true", scope, strings.Join(off, ", "), verb(len(off), how))
		}
		if unknownAt != "" {
			return engine.Undecided(unknownAt, "%s Block Public Access setting %s is unknown until apply", scope, lastSegment(unknownAt))
		}
		return engine.Pass()
	}
}

func (p PublicAccessBlock) flagNull(name string) bool {
	for _, fl := range p.flags() {
		if fl.name == name {
			return fl.f.Null
		}
	}
	return false
}

func verb(n int, how string) string {
	if n == 1 {
		return "is " + how
	}
	return "are " + how
}

func lastSegment(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// accountPublicAccessBlockCheck is FSBP S3.1 / CIS 2.1.4 on the account setting.
var accountPublicAccessBlockCheck = engine.Check[PublicAccessBlock]{Control: "aws-s3-account-public-access-block", Eval: allBlocked("account-level S3")}

// bucketPublicAccessBlockCheck is FSBP S3.8 on aws_s3_bucket_public_access_block.
var bucketPublicAccessBlockCheck = engine.Check[PublicAccessBlock]{Control: "aws-s3-bucket-public-access-block", Eval: allBlocked("bucket-level S3")}
