package s3

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Register adds the storage public access, S3 encryption, logging and
// versioning checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_s3_account_public_access_block", decodePublicAccessBlock, accountPublicAccessBlockCheck)
	engine.Add(r, "aws_s3_bucket_public_access_block", decodePublicAccessBlock, bucketPublicAccessBlockCheck)
	engine.Add(r, "aws_s3_bucket_acl", decodeACL, aclCheck)
	engine.Add(r, "aws_s3_bucket_policy", decodeBucketPolicy, policyChecks()...)
	engine.Add(r, "aws_s3_bucket_ownership_controls", decodeOwnership, ownershipCheck)
	engine.Add(r, "aws_s3_bucket_server_side_encryption_configuration", decodeEncryption, encryptionCheck)
	engine.Add(r, "aws_s3_bucket_logging", decodeLogging, loggingCheck)
	engine.Add(r, "aws_s3_bucket_versioning", decodeVersioning, versioningCheck)
	engine.Add(r, "aws_s3_bucket", decodeBucketResource, bucketResourceChecks()...)
	engine.Add(r, "aws_s3_bucket_posture", decodeBucket, bucketChecks()...)
	engine.Add(r, "aws_s3_access_point", decodeAccessPoint, accessPointCheck)
	engine.Add(r, "aws_s3control_multi_region_access_point", decodeMultiRegionAccessPoint, accessPointCheck)

}
