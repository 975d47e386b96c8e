package liveaws

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws/awsapi"
)

// The account reads of CloudTrail, Config, GuardDuty and RDS go through
// awsapi as well: their generated clients (with the schema tables they build
// at start-up) were about 7 MiB of code for seven reads.

var (
	cloudtrailService = awsapi.Service{ID: "CloudTrail", SigningName: "cloudtrail", EndpointPrefix: "cloudtrail", Protocol: awsapi.JSON11, TargetPrefix: "CloudTrail_20131101"}
	configService     = awsapi.Service{ID: "Config Service", SigningName: "config", EndpointPrefix: "config", Protocol: awsapi.JSON11, TargetPrefix: "StarlingDoveService"}
	guarddutyService  = awsapi.Service{ID: "GuardDuty", SigningName: "guardduty", EndpointPrefix: "guardduty", Protocol: awsapi.RESTJSON}
	rdsService        = awsapi.Service{ID: "RDS", SigningName: "rds", EndpointPrefix: "rds", Version: "2014-10-31"}
)

// newAPI returns an awsapi client of svc that records its calls under the
// SDK's service id.
func newAPI(cfg aws.Config, svc awsapi.Service, endpoint string, record func(Operation)) (*awsapi.Client, error) {
	return awsapi.New(cfg, svc, endpoint, func(op string) { record(Operation{svc.ID, op}) })
}

// CloudTrail.

type cloudtrailClient struct{ api *awsapi.Client }

type ctTrail struct {
	Name                       string
	TrailARN                   string `json:"TrailARN"`
	IsMultiRegionTrail         bool
	IncludeGlobalServiceEvents bool
	LogFileValidationEnabled   bool
	KmsKeyID                   string `json:"KmsKeyId"`
	CloudWatchLogsLogGroupArn  string
	HasCustomEventSelectors    bool
}

func (c *cloudtrailClient) describeTrails(ctx context.Context, names []string) ([]ctTrail, error) {
	in := struct {
		IncludeShadowTrails bool     `json:"includeShadowTrails"`
		TrailNameList       []string `json:"trailNameList,omitempty"`
	}{true, names}
	var out struct{ TrailList []ctTrail }
	err := c.api.JSON(ctx, "DescribeTrails", in, &out)
	return out.TrailList, err
}

func (c *cloudtrailClient) isLogging(ctx context.Context, trailARN string) (bool, error) {
	var out struct{ IsLogging bool }
	err := c.api.JSON(ctx, "GetTrailStatus", struct{ Name string }{trailARN}, &out)
	return out.IsLogging, err
}

type ctEventSelector struct {
	ReadWriteType                 string
	IncludeManagementEvents       *bool
	ExcludeManagementEventSources []string
}

type ctAdvancedEventSelector struct {
	FieldSelectors []struct {
		Field  string
		Equals []string
	}
}

type ctEventSelectors struct {
	EventSelectors         []ctEventSelector
	AdvancedEventSelectors []ctAdvancedEventSelector
}

func (c *cloudtrailClient) eventSelectors(ctx context.Context, trailARN string) (*ctEventSelectors, error) {
	var out ctEventSelectors
	if err := c.api.JSON(ctx, "GetEventSelectors", struct{ TrailName string }{trailARN}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Config.

type configClient struct{ api *awsapi.Client }

type configRecorder struct {
	Name           string
	RecordingGroup *struct {
		AllSupported               bool
		IncludeGlobalResourceTypes bool
	}
}

func (c *configClient) recorders(ctx context.Context) ([]configRecorder, error) {
	var out struct{ ConfigurationRecorders []configRecorder }
	err := c.api.JSON(ctx, "DescribeConfigurationRecorders", struct{}{}, &out)
	return out.ConfigurationRecorders, err
}

type configRecorderStatus struct {
	Name      string
	Recording bool
}

func (c *configClient) recorderStatus(ctx context.Context) ([]configRecorderStatus, error) {
	var out struct{ ConfigurationRecordersStatus []configRecorderStatus }
	err := c.api.JSON(ctx, "DescribeConfigurationRecorderStatus", struct{}{}, &out)
	return out.ConfigurationRecordersStatus, err
}

// GuardDuty.

type guarddutyClient struct{ api *awsapi.Client }

// listDetectors returns the ids of every detector of the Region, every page.
func (c *guarddutyClient) listDetectors(ctx context.Context) ([]string, error) {
	var ids []string
	q := url.Values{}
	seen := map[string]bool{}
	for {
		var page struct {
			DetectorIDs []string `json:"detectorIds"`
			NextToken   string   `json:"nextToken"`
		}
		if err := c.api.Do(ctx, awsapi.Request{Operation: "ListDetectors", Method: http.MethodGet, Path: "/detector", Query: q}, awsapi.DecodeJSON(&page)); err != nil {
			return nil, err
		}
		ids = append(ids, page.DetectorIDs...)
		if page.NextToken == "" {
			return ids, nil
		}
		if seen[page.NextToken] {
			return nil, fmt.Errorf("ListDetectors repeated its pagination token %s", strconv.Quote(page.NextToken))
		}
		seen[page.NextToken] = true
		q = url.Values{"nextToken": {page.NextToken}}
	}
}

// detectorStatus returns a detector's status ("ENABLED" or "DISABLED").
func (c *guarddutyClient) detectorStatus(ctx context.Context, id string) (string, error) {
	var out struct {
		Status string `json:"status"`
	}
	err := c.api.Do(ctx, awsapi.Request{Operation: "GetDetector", Method: http.MethodGet, Path: "/detector/" + url.PathEscape(id)}, awsapi.DecodeJSON(&out))
	return out.Status, err
}

// RDS.

type rdsClient struct{ api *awsapi.Client }

type rdsDBInstance struct {
	DBInstanceIdentifier string `xml:"DBInstanceIdentifier"`
	DBInstanceArn        string `xml:"DBInstanceArn"`
	Engine               string `xml:"Engine"`
	PubliclyAccessible   bool   `xml:"PubliclyAccessible"`
	StorageEncrypted     bool   `xml:"StorageEncrypted"`
}

func (c *rdsClient) describeDBInstance(ctx context.Context, id string) ([]rdsDBInstance, error) {
	var out struct {
		DBInstances []rdsDBInstance `xml:"DescribeDBInstancesResult>DBInstances>DBInstance"`
	}
	err := c.api.Query(ctx, "DescribeDBInstances", url.Values{"DBInstanceIdentifier": {id}}, &out)
	return out.DBInstances, err
}
