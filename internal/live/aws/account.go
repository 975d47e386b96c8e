package liveaws

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	evcloudtrail "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/cloudtrail"
	evconfig "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/configservice"
	evebs "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ebs"
	evec2 "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ec2"
	evguardduty "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/guardduty"
	eviam "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/iam"
	evs3 "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/s3"
	evsecurityhub "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/securityhub"
	evvpc "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/vpc"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Control ids judged by the account assessment, per part.
var (
	ControlsS3Account   = []string{"aws-s3-account-public-access-block"}
	ControlsEBSDefault  = []string{"aws-ebs-default-encryption"}
	ControlsCloudTrail  = []string{"aws-cloudtrail-multi-region-logging", "aws-cloudtrail-kms-encrypted", "aws-cloudtrail-log-validation", "aws-cloudtrail-cloudwatch-logs"}
	ControlsConfig      = []string{"aws-config-recorder-enabled"}
	ControlsGuardDuty   = []string{"aws-guardduty-enabled"}
	ControlsSecurityHub = []string{"aws-securityhub-enabled"}
	ControlsPassword    = []string{"aws-iam-password-policy-strong", "aws-iam-password-reuse-prevention", "aws-iam-password-policy-complexity"}
	ControlsRoot        = []string{"aws-iam-root-mfa", "aws-iam-root-no-access-keys"}
	ControlsFlowLogs    = []string{"aws-vpc-flow-logs-enabled"}
	ControlsDefaultSG   = []string{"aws-ec2-default-sg-restricts-all"}
	ControlsSubnets     = []string{"aws-ec2-subnet-no-auto-public-ip"}
)

// Account is the live posture of an account in the client's Region.
type Account struct {
	ID       string
	Region   string
	Trails   int
	VPCs     int
	Sections []Section
}

// AccountID returns the caller's account id (sts GetCallerIdentity, once).
func (c *Client) AccountID(ctx context.Context) (string, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return "", err
	}
	return cached(ctx, c, "sts:GetCallerIdentity", func(ctx context.Context) (string, error) {
		out, err := svc.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			return "", classify(err, Operation{"STS", "GetCallerIdentity"}, "")
		}
		return aws.ToString(out.Account), nil
	})
}

// LoadAccount reads the account-level settings whose controls opts selects,
// each part in parallel. A failed read becomes a Failure of the part's
// controls; only configuration errors and cancellation return an error.
func (c *Client) LoadAccount(ctx context.Context, eng *engine.Engine, opts engine.Options) (*Account, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	acct := &Account{Region: c.region}
	parts := []struct {
		controls []string
		load     func(context.Context, *services, *Account) []Section
	}{
		{ControlsS3Account, c.loadS3Account},
		{ControlsEBSDefault, c.loadEBSDefault},
		{ControlsCloudTrail, c.loadCloudTrailAccount},
		{ControlsConfig, c.loadConfig},
		{ControlsGuardDuty, c.loadGuardDuty},
		{ControlsSecurityHub, c.loadSecurityHub},
		{ControlsPassword, c.loadPasswordPolicy},
		{ControlsRoot, c.loadAccountSummary},
		{ControlsFlowLogs, c.loadFlowLogs},
		{ControlsDefaultSG, c.loadDefaultSGs},
		{ControlsSubnets, c.loadSubnets},
	}
	results := make([][]Section, len(parts))
	var mu sync.Mutex
	err = forEach(ctx, c, len(parts), func(ctx context.Context, i int) {
		if !Wanted(eng, opts, parts[i].controls...) {
			return
		}
		s := parts[i].load(ctx, svc, acct)
		mu.Lock()
		results[i] = s
		mu.Unlock()
	})
	if err != nil {
		return nil, err
	}
	if id, err := c.AccountID(ctx); err == nil {
		acct.ID = id
	}
	for _, r := range results {
		acct.Sections = append(acct.Sections, r...)
	}
	return acct, nil
}

func failed(rt string, controls []string, err error) []Section {
	return []Section{{ResourceType: rt, Only: controls, Failed: []Failure{{Controls: controls, Err: err}}}}
}

func (c *Client) loadS3Account(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_s3_account_public_access_block"
	id, err := c.AccountID(ctx)
	if err != nil {
		return failed(rt, ControlsS3Account, err)
	}
	op := Operation{"S3 Control", "GetPublicAccessBlock"}
	cfg, err := svc.s3control.getPublicAccessBlock(ctx, id)
	var pab evs3.PublicAccessBlock
	if re := classify(err, op, "account "+id, "NoSuchPublicAccessBlockConfiguration"); re != nil {
		if re.Kind != KindNotFound {
			return failed(rt, ControlsS3Account, re)
		}
		// No configuration: every setting is off.
		pab = accessBlock(nil, nil, nil, nil, "PublicAccessBlockConfiguration")
	} else {
		pab = accessBlock(cfg.BlockPublicAcls, cfg.BlockPublicPolicy, cfg.IgnorePublicAcls, cfg.RestrictPublicBuckets, "PublicAccessBlockConfiguration")
	}
	return []Section{{ResourceType: rt, Only: ControlsS3Account, Subjects: []any{pab}}}
}

// accessBlock builds a PublicAccessBlock subject; nil flags are false.
func accessBlock(acls, policy, ignore, restrict *bool, at string) evs3.PublicAccessBlock {
	return evs3.PublicAccessBlock{
		BlockPublicACLs:       subject.Of(aws.ToBool(acls), at+".BlockPublicAcls"),
		BlockPublicPolicy:     subject.Of(aws.ToBool(policy), at+".BlockPublicPolicy"),
		IgnorePublicACLs:      subject.Of(aws.ToBool(ignore), at+".IgnorePublicAcls"),
		RestrictPublicBuckets: subject.Of(aws.ToBool(restrict), at+".RestrictPublicBuckets"),
	}
}

func (c *Client) loadEBSDefault(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_ebs_encryption_by_default"
	enabled, err := svc.ec2.getEbsEncryptionByDefault(ctx)
	if re := classify(err, Operation{"EC2", "GetEbsEncryptionByDefault"}, "Region "+c.region); re != nil {
		return failed(rt, ControlsEBSDefault, re)
	}
	s := evebs.DefaultEncryption{Enabled: subject.Of(enabled, "EbsEncryptionByDefault")}
	return []Section{{ResourceType: rt, Only: ControlsEBSDefault, Subjects: []any{s}}}
}

// trails reads every trail that applies to the Region (shadow trails
// included), with status and event selectors.
func (c *Client) trails(ctx context.Context, svc *services, names []string) ([]evcloudtrail.Trail, []Failure, error) {
	list, err := svc.cloudtrail.describeTrails(ctx, names)
	if re := classify(err, Operation{"CloudTrail", "DescribeTrails"}, "Region "+c.region, "TrailNotFoundException"); re != nil {
		return nil, nil, re
	}
	trails := make([]evcloudtrail.Trail, len(list))
	var mu sync.Mutex
	var failures []Failure
	fail := func(re *ReadError) {
		mu.Lock()
		failures = append(failures, Failure{Controls: ControlsCloudTrail[:1], Err: re})
		mu.Unlock()
	}
	err = forEach(ctx, c, len(list), func(ctx context.Context, i int) {
		t := list[i]
		arn := t.TrailARN
		at := "trail " + t.Name
		trails[i] = evcloudtrail.Trail{
			Name:          t.Name,
			MultiRegion:   subject.Of(t.IsMultiRegionTrail, "IsMultiRegionTrail"),
			GlobalEvents:  subject.Of(t.IncludeGlobalServiceEvents, "IncludeGlobalServiceEvents"),
			LogValidation: subject.Of(t.LogFileValidationEnabled, "LogFileValidationEnabled"),
			KMSKeyID:      subject.Of(t.KmsKeyID, "KmsKeyId"),
			CloudWatchLog: subject.Of(t.CloudWatchLogsLogGroupArn, "CloudWatchLogsLogGroupArn"),
		}
		logging, err := svc.cloudtrail.isLogging(ctx, arn)
		if re := classify(err, Operation{"CloudTrail", "GetTrailStatus"}, at); re != nil {
			fail(re)
		} else {
			trails[i].Logging = subject.Of(logging, "IsLogging")
		}
		trails[i].ManagementPath = "EventSelectors"
		if !t.HasCustomEventSelectors {
			trails[i].ManagementEvents = subject.True
			return
		}
		sel, err := svc.cloudtrail.eventSelectors(ctx, arn)
		if re := classify(err, Operation{"CloudTrail", "GetEventSelectors"}, at); re != nil {
			fail(re)
			return
		}
		trails[i].ManagementEvents = subject.TriOf(evcloudtrail.RecordsAllManagementEvents(basicSelectors(sel.EventSelectors), advancedSelectors(sel.AdvancedEventSelectors)))
		if len(sel.AdvancedEventSelectors) > 0 {
			trails[i].ManagementPath = "AdvancedEventSelectors"
		}
	})
	return trails, failures, err
}

func basicSelectors(in []ctEventSelector) []evcloudtrail.EventSelector {
	out := make([]evcloudtrail.EventSelector, len(in))
	for i, s := range in {
		out[i] = evcloudtrail.EventSelector{
			ReadWriteType:                 s.ReadWriteType,
			IncludeManagementEvents:       s.IncludeManagementEvents == nil || *s.IncludeManagementEvents,
			ExcludeManagementEventSources: s.ExcludeManagementEventSources,
		}
	}
	return out
}

func advancedSelectors(in []ctAdvancedEventSelector) [][]evcloudtrail.AdvancedFieldSelector {
	out := make([][]evcloudtrail.AdvancedFieldSelector, len(in))
	for i, s := range in {
		for _, f := range s.FieldSelectors {
			out[i] = append(out[i], evcloudtrail.AdvancedFieldSelector{Field: f.Field, Equals: f.Equals})
		}
	}
	return out
}

func (c *Client) loadCloudTrailAccount(ctx context.Context, svc *services, acct *Account) []Section {
	const rt = "aws_cloudtrail"
	trails, failures, err := c.trails(ctx, svc, nil)
	if err != nil {
		return failed(rt, ControlsCloudTrail, err)
	}
	acct.Trails = len(trails)
	return []Section{{ResourceType: rt, Only: ControlsCloudTrail, Subjects: []any{evcloudtrail.Account{Trails: trails}}, Failed: failures}}
}

func (c *Client) loadConfig(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_config_configuration_recorder"
	recs, err := svc.config.recorders(ctx)
	if re := classify(err, Operation{"Config Service", "DescribeConfigurationRecorders"}, "Region "+c.region); re != nil {
		return failed(rt, ControlsConfig, re)
	}
	var account evconfig.Account
	recording := map[string]bool{}
	if len(recs) > 0 {
		st, err := svc.config.recorderStatus(ctx)
		if re := classify(err, Operation{"Config Service", "DescribeConfigurationRecorderStatus"}, "Region "+c.region); re != nil {
			return failed(rt, ControlsConfig, re)
		}
		for _, s := range st {
			recording[s.Name] = s.Recording
		}
	}
	for _, r := range recs {
		name := r.Name
		rec := evconfig.Recorder{Name: name, CheckGroup: true, CheckStatus: true,
			AllSupported:  subject.Of(false, "RecordingGroup.AllSupported"),
			IncludeGlobal: subject.Of(false, "RecordingGroup.IncludeGlobalResourceTypes"),
			Recording:     subject.Of(recording[name], "ConfigurationRecordersStatus.Recording"),
		}
		if g := r.RecordingGroup; g != nil {
			rec.AllSupported.V = g.AllSupported
			rec.IncludeGlobal.V = g.IncludeGlobalResourceTypes
		}
		account.Recorders = append(account.Recorders, rec)
	}
	return []Section{{ResourceType: rt, Only: ControlsConfig, Subjects: []any{account}}}
}

func (c *Client) loadGuardDuty(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_guardduty_detector"
	ids, err := svc.guardduty.listDetectors(ctx)
	if re := classify(err, Operation{"GuardDuty", "ListDetectors"}, "Region "+c.region); re != nil {
		return failed(rt, ControlsGuardDuty, re)
	}
	var account evguardduty.Account
	for _, id := range ids {
		status, err := svc.guardduty.detectorStatus(ctx, id)
		if re := classify(err, Operation{"GuardDuty", "GetDetector"}, "detector "+id); re != nil {
			return failed(rt, ControlsGuardDuty, re)
		}
		account.Detectors = append(account.Detectors, evguardduty.Detector{Enabled: subject.Of(strings.EqualFold(status, "ENABLED"), "Status")})
	}
	return []Section{{ResourceType: rt, Only: ControlsGuardDuty, Subjects: []any{account}}}
}

func (c *Client) loadSecurityHub(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_securityhub_account"
	hub := evsecurityhub.Hub{Enabled: subject.Of(true, "DescribeHub")}
	err := svc.securityhub.describeHub(ctx)
	re := classify(err, Operation{"SecurityHub", "DescribeHub"}, "Region "+c.region, "InvalidAccessException", "ResourceNotFoundException")
	switch {
	case re != nil && re.Kind == KindNotFound:
		// "not subscribed to AWS Security Hub"
		hub.Enabled.V = false
	case re != nil:
		return failed(rt, ControlsSecurityHub, re)
	default:
		n := 0
		subs, err := svc.securityhub.getEnabledStandards(ctx)
		if re := classify(err, Operation{"SecurityHub", "GetEnabledStandards"}, "Region "+c.region); re != nil {
			return failed(rt, ControlsSecurityHub, re)
		}
		for _, s := range subs {
			switch s.StandardsStatus {
			case "READY", "PENDING", "INCOMPLETE":
				n++
			}
		}
		hub.EnabledStandards, hub.StandardsCounted = n, true
	}
	return []Section{{ResourceType: rt, Only: ControlsSecurityHub, Subjects: []any{hub}}}
}

func (c *Client) loadPasswordPolicy(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_iam_account_password_policy"
	out, err := svc.iam.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	re := classify(err, Operation{"IAM", "GetAccountPasswordPolicy"}, "the account", "NoSuchEntity")
	const at = "PasswordPolicy."
	p := eviam.PasswordPolicy{
		MinimumLength:    subject.Of(int64(6), at+"MinimumPasswordLength"),
		ReusePrevention:  subject.Of(int64(0), at+"PasswordReusePrevention"),
		RequireUppercase: subject.Of(false, at+"RequireUppercaseCharacters"),
		RequireLowercase: subject.Of(false, at+"RequireLowercaseCharacters"),
		RequireNumbers:   subject.Of(false, at+"RequireNumbers"),
		RequireSymbols:   subject.Of(false, at+"RequireSymbols"),
		MaxAge:           subject.Of(int64(0), at+"MaxPasswordAge"),
	}
	switch {
	case re != nil && re.Kind == KindNotFound:
		p.Absent = true
	case re != nil:
		return failed(rt, ControlsPassword, re)
	case out.PasswordPolicy != nil:
		pp := out.PasswordPolicy
		p.MinimumLength.V = int64(aws.ToInt32(pp.MinimumPasswordLength))
		p.ReusePrevention.V = int64(aws.ToInt32(pp.PasswordReusePrevention))
		p.RequireUppercase.V = pp.RequireUppercaseCharacters
		p.RequireLowercase.V = pp.RequireLowercaseCharacters
		p.RequireNumbers.V = pp.RequireNumbers
		p.RequireSymbols.V = pp.RequireSymbols
		p.MaxAge.V = int64(aws.ToInt32(pp.MaxPasswordAge))
	}
	return []Section{{ResourceType: rt, Only: ControlsPassword, Subjects: []any{p}}}
}

func (c *Client) loadAccountSummary(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_account"
	out, err := svc.iam.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if re := classify(err, Operation{"IAM", "GetAccountSummary"}, "the account"); re != nil {
		return failed(rt, ControlsRoot, re)
	}
	s := eviam.AccountSummary{
		AccessKeysPresent: subject.Of(out.SummaryMap["AccountAccessKeysPresent"] != 0, "SummaryMap.AccountAccessKeysPresent"),
		MFAEnabled:        subject.Of(out.SummaryMap["AccountMFAEnabled"] != 0, "SummaryMap.AccountMFAEnabled"),
	}
	return []Section{{ResourceType: rt, Only: ControlsRoot, Subjects: []any{s}}}
}

func (c *Client) loadFlowLogs(ctx context.Context, svc *services, acct *Account) []Section {
	const rt = "aws_vpc"
	vpcs, err := svc.ec2.describeVpcs(ctx)
	if re := classify(err, Operation{"EC2", "DescribeVpcs"}, "Region "+c.region); re != nil {
		return failed(rt, ControlsFlowLogs, re)
	}
	acct.VPCs = len(vpcs)
	if len(vpcs) == 0 {
		return nil
	}
	byVPC := map[string][]evvpc.FlowLog{}
	// Every flow log of the Region in one paginated call, grouped by
	// resource id here (no per-VPC calls; subnet and interface flow logs
	// simply match no VPC).
	flowLogs, err := svc.ec2.describeFlowLogs(ctx)
	if re := classify(err, Operation{"EC2", "DescribeFlowLogs"}, "Region "+c.region); re != nil {
		return failed(rt, ControlsFlowLogs, re)
	}
	for _, f := range flowLogs {
		byVPC[f.ResourceID] = append(byVPC[f.ResourceID], evvpc.FlowLog{
			VPCID:       subject.Of(f.ResourceID, "ResourceId"),
			TrafficType: subject.Of(f.TrafficType, "TrafficType"),
			Status:      f.FlowLogStatus,
		})
	}
	sort.Slice(vpcs, func(i, j int) bool { return vpcs[i].VpcID < vpcs[j].VpcID })
	subjects := make([]any, len(vpcs))
	for i, v := range vpcs {
		id := v.VpcID
		subjects[i] = evvpc.VPC{ID: id, FlowLogs: byVPC[id]}
	}
	return []Section{{ResourceType: rt, Only: ControlsFlowLogs, Subjects: subjects}}
}

func (c *Client) loadDefaultSGs(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_default_security_group"
	groups, err := c.describeSecurityGroups(ctx, svc, nil, []ec2Filter{{Name: "group-name", Values: []string{"default"}}}, "default security groups")
	if err != nil {
		return failed(rt, ControlsDefaultSG, err)
	}
	var out []Section
	for _, g := range groups {
		out = append(out, Section{
			ResourceType: rt, Only: ControlsDefaultSG, Subjects: []any{g.Subject},
			Label: g.ID + " (" + g.VPCID + ")", Raw: g.Raw(),
		})
	}
	return out
}

// loadSubnets reads every subnet of the Region in one paginated call
// (EC2.15): a subnet that maps public IPv4 addresses on launch gives one to
// every instance started in it. Default subnets do, unless changed.
func (c *Client) loadSubnets(ctx context.Context, svc *services, _ *Account) []Section {
	const rt = "aws_subnet"
	subnets, err := svc.ec2.describeSubnets(ctx)
	if re := classify(err, Operation{"EC2", "DescribeSubnets"}, "Region "+c.region); re != nil {
		return failed(rt, ControlsSubnets, re)
	}
	sort.Slice(subnets, func(i, j int) bool { return subnets[i].SubnetID < subnets[j].SubnetID })
	out := make([]Section, 0, len(subnets))
	for _, sn := range subnets {
		id := sn.SubnetID
		out = append(out, Section{
			ResourceType: rt, Only: ControlsSubnets, Label: id + " (" + sn.VpcID + ")",
			Subjects: []any{evec2.Subnet{MapPublicIP: subject.Of(sn.MapPublicIPOnLaunch, "MapPublicIpOnLaunch")}},
			Raw:      subject.Object(map[string]subject.Value{"id": subject.String(id), "vpc_id": subject.String(sn.VpcID)}),
		})
	}
	return out
}
