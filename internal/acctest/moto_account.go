package acctest

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	smithymw "github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// GoodAccount turns on, in moto, every account-level setting the account
// controls check: S3 account Block Public Access, EBS default encryption, a
// multi-Region logging trail with validation, KMS and custom selectors that
// record all management events, a recording AWS Config recorder, a GuardDuty
// detector, Security Hub, a strong password policy, a flow log on every VPC,
// default security groups without rules and subnets that do not map public
// IPs on launch. (Root MFA cannot be set in moto.)
func (s *Seeder) GoodAccount(ctx context.Context, endpoint string) error {
	cfg := aws.Config{Region: MotoRegion, Credentials: credentials.NewStaticCredentialsProvider(MotoAccessKey, MotoSecretKey, "")}
	ep := aws.String(endpoint)
	s3c := s3control.NewFromConfig(cfg, func(o *s3control.Options) {
		o.BaseEndpoint = ep
		o.APIOptions = append(o.APIOptions, func(st *smithymw.Stack) error {
			return st.Initialize.Add(smithymw.InitializeMiddlewareFunc("noprefix", func(ctx context.Context, in smithymw.InitializeInput, next smithymw.InitializeHandler) (smithymw.InitializeOutput, smithymw.Metadata, error) {
				return next.HandleInitialize(smithyhttp.DisableEndpointHostPrefix(ctx, true), in)
			}), smithymw.Before)
		}, stripHost)
	})
	ct := cloudtrail.NewFromConfig(cfg, func(o *cloudtrail.Options) { o.BaseEndpoint = ep })
	cs := configservice.NewFromConfig(cfg, func(o *configservice.Options) { o.BaseEndpoint = ep })
	gd := guardduty.NewFromConfig(cfg, func(o *guardduty.Options) { o.BaseEndpoint = ep })
	sh := securityhub.NewFromConfig(cfg, func(o *securityhub.Options) { o.BaseEndpoint = ep })
	im := iam.NewFromConfig(cfg, func(o *iam.Options) { o.BaseEndpoint = ep })
	t := aws.Bool(true)
	steps := []struct {
		name string
		do   func() error
	}{
		{"account public access block", func() error {
			_, err := s3c.PutPublicAccessBlock(ctx, &s3control.PutPublicAccessBlockInput{AccountId: aws.String(MotoAccountID), PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{
				BlockPublicAcls: t, BlockPublicPolicy: t, IgnorePublicAcls: t, RestrictPublicBuckets: t}})
			return err
		}},
		{"ebs default encryption", func() error {
			_, err := s.EC2.EnableEbsEncryptionByDefault(ctx, &ec2.EnableEbsEncryptionByDefaultInput{})
			return err
		}},
		{"trail bucket", func() error { return s.createBucket(ctx, "baseline-trail-logs") }},
		{"trail", func() error {
			_, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("org-trail"), S3BucketName: aws.String("baseline-trail-logs"),
				IsMultiRegionTrail: t, IncludeGlobalServiceEvents: t, EnableLogFileValidation: t, KmsKeyId: aws.String("alias/cloudtrail"),
				CloudWatchLogsLogGroupArn: aws.String("arn:aws:logs:us-east-1:123456789012:log-group:trail:*"),
				CloudWatchLogsRoleArn:     aws.String("arn:aws:iam::123456789012:role/trail")})
			return err
		}},
		{"trail logging", func() error {
			_, err := ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("org-trail")})
			return err
		}},
		{"trail selectors", func() error {
			_, err := ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String("org-trail"), EventSelectors: []cttypes.EventSelector{{
				ReadWriteType: cttypes.ReadWriteTypeAll, IncludeManagementEvents: t}}})
			return err
		}},
		{"config recorder", func() error {
			_, err := cs.PutConfigurationRecorder(ctx, &configservice.PutConfigurationRecorderInput{ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{
				Name: aws.String("default"), RoleARN: aws.String("arn:aws:iam::123456789012:role/config"),
				RecordingGroup: &cfgtypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: true}}})
			return err
		}},
		{"config delivery channel", func() error {
			_, err := cs.PutDeliveryChannel(ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: &cfgtypes.DeliveryChannel{
				Name: aws.String("default"), S3BucketName: aws.String("baseline-trail-logs")}})
			return err
		}},
		{"config recording", func() error {
			_, err := cs.StartConfigurationRecorder(ctx, &configservice.StartConfigurationRecorderInput{ConfigurationRecorderName: aws.String("default")})
			return err
		}},
		{"guardduty", func() error {
			_, err := gd.CreateDetector(ctx, &guardduty.CreateDetectorInput{Enable: t})
			return err
		}},
		{"security hub", func() error {
			_, err := sh.EnableSecurityHub(ctx, &securityhub.EnableSecurityHubInput{EnableDefaultStandards: t})
			return err
		}},
		{"password policy", func() error {
			_, err := im.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(16),
				PasswordReusePrevention: aws.Int32(24), RequireLowercaseCharacters: true, RequireUppercaseCharacters: true,
				RequireNumbers: true, RequireSymbols: true, MaxPasswordAge: aws.Int32(90)})
			return err
		}},
		{"flow logs and default groups", func() error { return s.coverVPCs(ctx) }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			return fmt.Errorf("seeding good account (%s): %w", st.name, err)
		}
	}
	return nil
}

// stripHost drops the account-id host prefix the SDK puts on S3 Control calls.
func stripHost(st *smithymw.Stack) error {
	return st.Finalize.Insert(smithymw.FinalizeMiddlewareFunc("striphost", func(ctx context.Context, in smithymw.FinalizeInput, next smithymw.FinalizeHandler) (smithymw.FinalizeOutput, smithymw.Metadata, error) {
		if req, ok := in.Request.(*smithyhttp.Request); ok && len(req.URL.Host) > len(MotoAccountID) && req.URL.Host[:len(MotoAccountID)+1] == MotoAccountID+"." {
			req.URL.Host = req.URL.Host[len(MotoAccountID)+1:]
		}
		return next.HandleFinalize(ctx, in)
	}), "ResolveEndpointV2", smithymw.After)
}

func (s *Seeder) coverVPCs(ctx context.Context) error {
	vpcs, err := s.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return err
	}
	for _, v := range vpcs.Vpcs {
		if _, err := s.EC2.CreateFlowLogs(ctx, &ec2.CreateFlowLogsInput{ResourceIds: []string{aws.ToString(v.VpcId)}, ResourceType: ec2types.FlowLogsResourceTypeVpc,
			TrafficType: ec2types.TrafficTypeAll, LogDestinationType: ec2types.LogDestinationTypeS3, LogDestination: aws.String("arn:aws:s3:::baseline-trail-logs")}); err != nil {
			return err
		}
	}
	subnets, err := s.EC2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		return err
	}
	for _, sn := range subnets.Subnets {
		if aws.ToBool(sn.MapPublicIpOnLaunch) {
			if _, err := s.EC2.ModifySubnetAttribute(ctx, &ec2.ModifySubnetAttributeInput{SubnetId: sn.SubnetId,
				MapPublicIpOnLaunch: &ec2types.AttributeBooleanValue{Value: aws.Bool(false)}}); err != nil {
				return err
			}
		}
	}
	groups, err := s.EC2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}})
	if err != nil {
		return err
	}
	for _, g := range groups.SecurityGroups {
		if len(g.IpPermissions) > 0 {
			if _, err := s.EC2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: g.GroupId, IpPermissions: g.IpPermissions}); err != nil {
				return err
			}
		}
		if len(g.IpPermissionsEgress) > 0 {
			if _, err := s.EC2.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: g.GroupId, IpPermissions: g.IpPermissionsEgress}); err != nil {
				return err
			}
		}
	}
	return nil
}
