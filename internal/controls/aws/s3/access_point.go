package s3

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// decodePointBlock reads an access point's Block Public Access block. Unlike
// a bucket's, every flag defaults to true: S3 enables all four for a new
// access point and hashicorp/aws defaults each argument to true, so a missing
// block or flag is on. The settings cannot be changed after creation.
func decodePointBlock(blk subject.Node) PublicAccessBlock {
	b := blk.Block()
	return PublicAccessBlock{
		BlockPublicACLs:       b.Get("block_public_acls").Bool(true),
		BlockPublicPolicy:     b.Get("block_public_policy").Bool(true),
		IgnorePublicACLs:      b.Get("ignore_public_acls").Bool(true),
		RestrictPublicBuckets: b.Get("restrict_public_buckets").Bool(true),
	}
}

// decodeAccessPoint reads aws_s3_access_point values
// (public_access_block_configuration). A live loader fills the same struct
// from s3control GetAccessPoint PublicAccessBlockConfiguration.
func decodeAccessPoint(n subject.Node) PublicAccessBlock {
	return decodePointBlock(n.Get("public_access_block_configuration"))
}

// decodeMultiRegionAccessPoint reads aws_s3control_multi_region_access_point
// values (details.public_access_block).
func decodeMultiRegionAccessPoint(n subject.Node) PublicAccessBlock {
	return decodePointBlock(n.Get("details").Block().Get("public_access_block"))
}

// accessPointCheck is FSBP S3.19 (access points) and S3.24 (Multi-Region
// Access Points): all four Block Public Access settings on.
var accessPointCheck = engine.Check[PublicAccessBlock]{Control: "aws-s3-access-point-block-public-access", Eval: allBlocked("access point")}
