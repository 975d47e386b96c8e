package acctest

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Seeder writes test state into moto through the SDK. It is test setup, not
// live mode: its calls are not recorded and may write.
type Seeder struct {
	S3  *s3.Client
	EC2 *ec2.Client
}

// NewSeeder returns SDK clients for endpoint with the static test credentials.
func NewSeeder(endpoint string) *Seeder {
	cfg := aws.Config{
		Region:      MotoRegion,
		Credentials: credentials.NewStaticCredentialsProvider(MotoAccessKey, MotoSecretKey, ""),
	}
	return &Seeder{
		S3:  s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(endpoint); o.UsePathStyle = true }),
		EC2: ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.BaseEndpoint = aws.String(endpoint) }),
	}
}

// GoodBucket creates a bucket that passes every bucket control: Block Public
// Access on, a TLS-only policy, ACLs disabled, SSE-KMS, access logging to
// logTarget (created too) and versioning.
func (s *Seeder) GoodBucket(ctx context.Context, name, logTarget string) error {
	b := aws.String(name)
	steps := []func() error{
		func() error { return s.createBucket(ctx, logTarget) },
		func() error {
			// The log target lets the log delivery group write (moto checks).
			const logDelivery = `uri="http://acs.amazonaws.com/groups/s3/LogDelivery"`
			_, err := s.S3.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(logTarget), GrantWrite: aws.String(logDelivery), GrantReadACP: aws.String(logDelivery)})
			return err
		},
		func() error { return s.createBucket(ctx, name) },
		func() error {
			_, err := s.S3.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b, PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
				BlockPublicAcls: aws.Bool(true), BlockPublicPolicy: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true),
			}})
			return err
		},
		func() error {
			_, err := s.S3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::%[1]s", "arn:aws:s3:::%[1]s/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
  }]
}`, name))})
			return err
		},
		func() error {
			_, err := s.S3.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &s3types.OwnershipControls{
				Rules: []s3types.OwnershipControlsRule{{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}},
			}})
			return err
		},
		func() error {
			_, err := s.S3.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
				Rules: []s3types.ServerSideEncryptionRule{{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
					SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String("alias/aws/s3"),
				}}},
			}})
			return err
		},
		func() error {
			_, err := s.S3.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: b, BucketLoggingStatus: &s3types.BucketLoggingStatus{
				LoggingEnabled: &s3types.LoggingEnabled{TargetBucket: aws.String(logTarget), TargetPrefix: aws.String(name + "/")},
			}})
			return err
		},
		func() error {
			_, err := s.S3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b, VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("seeding good bucket %s (step %d): %w", name, i, err)
		}
	}
	return nil
}

// PublicBucket creates a bucket without Block Public Access whose policy lets
// everyone read its objects.
func (s *Seeder) PublicBucket(ctx context.Context, name string) error {
	if err := s.createBucket(ctx, name); err != nil {
		return err
	}
	_, err := s.S3.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(name), Policy: aws.String(fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/*"}]
}`, name))})
	if err != nil {
		return fmt.Errorf("seeding public bucket %s: %w", name, err)
	}
	return nil
}

// PlainBucket creates a bucket with nothing configured.
func (s *Seeder) PlainBucket(ctx context.Context, name string) error {
	return s.createBucket(ctx, name)
}

func (s *Seeder) createBucket(ctx context.Context, name string) error {
	_, err := s.S3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
	if err != nil {
		return fmt.Errorf("creating bucket %s: %w", name, err)
	}
	return nil
}

// SecurityGroup creates a group in the default VPC with one TCP ingress rule
// for port from cidr, and returns its id.
func (s *Seeder) SecurityGroup(ctx context.Context, name string, port int32, cidr string) (string, error) {
	out, err := s.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String("baseline live test " + name)})
	if err != nil {
		return "", fmt.Errorf("creating security group %s: %w", name, err)
	}
	_, err = s.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: out.GroupId, IpPermissions: []ec2types.IpPermission{{
		IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port), IpRanges: []ec2types.IpRange{{CidrIp: aws.String(cidr)}},
	}}})
	if err != nil {
		return "", fmt.Errorf("authorizing ingress of %s: %w", name, err)
	}
	return aws.ToString(out.GroupId), nil
}
