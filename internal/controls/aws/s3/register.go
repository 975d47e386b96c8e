package s3

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Register adds the storage public access, S3 encryption, logging and
// versioning checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_s3_account_public_access_block", DecodePublicAccessBlock, AccountPublicAccessBlockCheck)
	engine.Add(r, "aws_s3_bucket_public_access_block", DecodePublicAccessBlock, BucketPublicAccessBlockCheck)
	engine.Add(r, "aws_s3_bucket_acl", DecodeACL, ACLCheck)
	engine.Add(r, "aws_s3_bucket_policy", DecodeBucketPolicy, PolicyChecks()...)
	engine.Add(r, "aws_s3_bucket_ownership_controls", DecodeOwnership, OwnershipCheck)
	engine.Add(r, "aws_s3_bucket_server_side_encryption_configuration", DecodeEncryption, EncryptionCheck)
	engine.Add(r, "aws_s3_bucket_logging", DecodeLogging, LoggingCheck)
	engine.Add(r, "aws_s3_bucket_versioning", DecodeVersioning, VersioningCheck)
	engine.Add(r, "aws_s3_bucket", DecodeBucketResource, BucketResourceChecks()...)
	engine.Add(r, "aws_s3_bucket_posture", DecodeBucket, BucketChecks()...)
	engine.Add(r, "aws_s3_access_point", DecodeAccessPoint, AccessPointCheck)
	engine.Add(r, "aws_s3control_multi_region_access_point", DecodeMultiRegionAccessPoint, AccessPointCheck)

}
