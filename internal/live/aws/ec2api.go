package liveaws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws/awsapi"
)

// The EC2 reads of live mode go through awsapi, not the generated
// service/ec2 client: that client links all of EC2's operations (about a
// fifth of the provider binary) for the five reads below.

var ec2Service = awsapi.Service{ID: "EC2", SigningName: "ec2", EndpointPrefix: "ec2", Version: "2016-11-15"}

// ec2Client is the EC2 Query API, read operations only.
type ec2Client struct{ api *awsapi.Client }

func newEC2Client(cfg aws.Config, endpoint string, record func(Operation)) (*ec2Client, error) {
	api, err := awsapi.New(cfg, ec2Service, endpoint, func(op string) { record(Operation{"EC2", op}) })
	if err != nil {
		return nil, err
	}
	return &ec2Client{api: api}, nil
}

// ec2Filter is one Filter.N of a Describe call.
type ec2Filter struct {
	Name   string
	Values []string
}

func ec2Params(ids []string, filters []ec2Filter, maxResults int) url.Values {
	v := url.Values{}
	for i, id := range ids {
		v.Set(fmt.Sprintf("GroupId.%d", i+1), id)
	}
	for i, f := range filters {
		v.Set(fmt.Sprintf("Filter.%d.Name", i+1), f.Name)
		for j, val := range f.Values {
			v.Set(fmt.Sprintf("Filter.%d.Value.%d", i+1, j+1), val)
		}
	}
	if maxResults > 0 {
		v.Set("MaxResults", strconv.Itoa(maxResults))
	}
	return v
}

// pages calls action until the answer carries no nextToken; each page is
// decoded into a fresh P and handed to each. A token repeated by the service
// is an error, not the end of the list (a partial list would judge less
// than exists).
func pages[P interface{ token() string }](ctx context.Context, c *ec2Client, action string, params url.Values, each func(*P)) error {
	seen := map[string]bool{}
	for {
		var page P
		if err := c.api.Query(ctx, action, params, &page); err != nil {
			return err
		}
		each(&page)
		next := page.token()
		if next == "" {
			return nil
		}
		if seen[next] {
			return errors.New(action + " repeated its pagination token " + strconv.Quote(next))
		}
		seen[next] = true
		params.Set("NextToken", next)
	}
}

type ec2Tag struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

type ec2IPPermission struct {
	IPProtocol string  `xml:"ipProtocol"`
	FromPort   *int32  `xml:"fromPort"`
	ToPort     *int32  `xml:"toPort"`
	IPRanges   []ec2V4 `xml:"ipRanges>item"`
	IPv6Ranges []ec2V6 `xml:"ipv6Ranges>item"`
}

type ec2V4 struct {
	CidrIP string `xml:"cidrIp"`
}

type ec2V6 struct {
	CidrIPv6 string `xml:"cidrIpv6"`
}

type ec2SecurityGroup struct {
	GroupID             string            `xml:"groupId"`
	GroupName           string            `xml:"groupName"`
	VpcID               string            `xml:"vpcId"`
	IPPermissions       []ec2IPPermission `xml:"ipPermissions>item"`
	IPPermissionsEgress []ec2IPPermission `xml:"ipPermissionsEgress>item"`
	Tags                []ec2Tag          `xml:"tagSet>item"`
}

type describeSecurityGroupsPage struct {
	SecurityGroups []ec2SecurityGroup `xml:"securityGroupInfo>item"`
	NextToken      string             `xml:"nextToken"`
}

func (p describeSecurityGroupsPage) token() string { return p.NextToken }

func (c *ec2Client) describeSecurityGroups(ctx context.Context, ids []string, filters []ec2Filter, maxResults int, each func([]ec2SecurityGroup)) error {
	return pages(ctx, c, "DescribeSecurityGroups", ec2Params(ids, filters, maxResults), func(p *describeSecurityGroupsPage) { each(p.SecurityGroups) })
}

type ec2Vpc struct {
	VpcID string `xml:"vpcId"`
}

type describeVpcsPage struct {
	Vpcs      []ec2Vpc `xml:"vpcSet>item"`
	NextToken string   `xml:"nextToken"`
}

func (p describeVpcsPage) token() string { return p.NextToken }

func (c *ec2Client) describeVpcs(ctx context.Context) ([]ec2Vpc, error) {
	var out []ec2Vpc
	err := pages(ctx, c, "DescribeVpcs", url.Values{}, func(p *describeVpcsPage) { out = append(out, p.Vpcs...) })
	return out, err
}

type ec2FlowLog struct {
	ResourceID    string `xml:"resourceId"`
	TrafficType   string `xml:"trafficType"`
	FlowLogStatus string `xml:"flowLogStatus"`
}

type describeFlowLogsPage struct {
	FlowLogs  []ec2FlowLog `xml:"flowLogSet>item"`
	NextToken string       `xml:"nextToken"`
}

func (p describeFlowLogsPage) token() string { return p.NextToken }

func (c *ec2Client) describeFlowLogs(ctx context.Context) ([]ec2FlowLog, error) {
	var out []ec2FlowLog
	err := pages(ctx, c, "DescribeFlowLogs", url.Values{}, func(p *describeFlowLogsPage) { out = append(out, p.FlowLogs...) })
	return out, err
}

type ec2Subnet struct {
	SubnetID            string `xml:"subnetId"`
	VpcID               string `xml:"vpcId"`
	MapPublicIPOnLaunch bool   `xml:"mapPublicIpOnLaunch"`
}

type describeSubnetsPage struct {
	Subnets   []ec2Subnet `xml:"subnetSet>item"`
	NextToken string      `xml:"nextToken"`
}

func (p describeSubnetsPage) token() string { return p.NextToken }

func (c *ec2Client) describeSubnets(ctx context.Context) ([]ec2Subnet, error) {
	var out []ec2Subnet
	err := pages(ctx, c, "DescribeSubnets", url.Values{}, func(p *describeSubnetsPage) { out = append(out, p.Subnets...) })
	return out, err
}

func (c *ec2Client) getEbsEncryptionByDefault(ctx context.Context) (bool, error) {
	var out struct {
		Enabled bool `xml:"ebsEncryptionByDefault"`
	}
	err := c.api.Query(ctx, "GetEbsEncryptionByDefault", url.Values{}, &out)
	return out.Enabled, err
}

// S3 Control's one read, GetPublicAccessBlock, goes through awsapi too (the
// generated client is about 3 MiB of code).

var s3controlService = awsapi.Service{ID: "S3 Control", SigningName: "s3", EndpointPrefix: "s3-control", DualStackPrefix: "s3-control.dualstack", Protocol: awsapi.RESTXML}

type s3controlClient struct{ api *awsapi.Client }

func newS3ControlClient(cfg aws.Config, endpoint string, record func(Operation)) (*s3controlClient, error) {
	api, err := awsapi.New(cfg, s3controlService, endpoint, func(op string) { record(Operation{"S3 Control", op}) })
	if err != nil {
		return nil, err
	}
	return &s3controlClient{api: api}, nil
}

// accountPublicAccessBlock is the payload of GetPublicAccessBlock (its root
// element is PublicAccessBlockConfiguration).
type accountPublicAccessBlock struct {
	BlockPublicAcls       *bool `xml:"BlockPublicAcls"`
	BlockPublicPolicy     *bool `xml:"BlockPublicPolicy"`
	IgnorePublicAcls      *bool `xml:"IgnorePublicAcls"`
	RestrictPublicBuckets *bool `xml:"RestrictPublicBuckets"`
}

// getPublicAccessBlock reads the account's S3 Block Public Access settings.
// The host of the public endpoint starts with the account id; a configured
// endpoint (an emulator) is used as given.
func (c *s3controlClient) getPublicAccessBlock(ctx context.Context, accountID string) (*accountPublicAccessBlock, error) {
	if !validAccountID(accountID) {
		return nil, fmt.Errorf("account id %q is not 12 digits", accountID)
	}
	h := http.Header{}
	h.Set("X-Amz-Account-Id", accountID)
	var out accountPublicAccessBlock
	err := c.api.Do(ctx, awsapi.Request{
		Operation: "GetPublicAccessBlock", Method: http.MethodGet, Path: "/v20180820/configuration/publicAccessBlock",
		Header: h, HostPrefix: accountID + ".",
	}, awsapi.DecodeXML(&out))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func validAccountID(s string) bool { return len(s) == 12 && isDigits(s) }
