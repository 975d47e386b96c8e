package liveaws

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws/awsapi"
)

// Security Hub's four reads go through awsapi (REST-JSON), not the generated
// service/securityhub client (about 4 MiB of code, mostly the ASFF types).

var securityhubService = awsapi.Service{ID: "SecurityHub", SigningName: "securityhub", EndpointPrefix: "securityhub", Protocol: awsapi.RESTJSON}

type securityhubClient struct{ api *awsapi.Client }

func newSecurityHubClient(cfg aws.Config, endpoint string, record func(Operation)) (*securityhubClient, error) {
	api, err := awsapi.New(cfg, securityhubService, endpoint, func(op string) { record(Operation{"SecurityHub", op}) })
	if err != nil {
		return nil, err
	}
	return &securityhubClient{api: api}, nil
}

func (c *securityhubClient) call(ctx context.Context, op, method, path string, in, out any) error {
	r := awsapi.Request{Operation: op, Method: method, Path: path, Header: http.Header{}}
	if in != nil {
		body, err := json.Marshal(in)
		if err != nil {
			return err
		}
		r.Body = body
		r.Header.Set("Content-Type", "application/json")
	}
	return c.api.Do(ctx, r, awsapi.DecodeJSON(out))
}

// describeHub succeeds when Security Hub is enabled; it fails with
// InvalidAccessException (not subscribed) otherwise.
func (c *securityhubClient) describeHub(ctx context.Context) error {
	var out struct {
		HubArn string
	}
	return c.call(ctx, "DescribeHub", http.MethodGet, "/accounts", nil, &out)
}

type standardsSubscription struct {
	StandardsStatus string
}

// getEnabledStandards lists the standards subscriptions, every page.
func (c *securityhubClient) getEnabledStandards(ctx context.Context) ([]standardsSubscription, error) {
	var all []standardsSubscription
	in := struct {
		NextToken string `json:",omitempty"`
	}{}
	seen := map[string]bool{}
	for {
		var page struct {
			StandardsSubscriptions []standardsSubscription
			NextToken              string
		}
		if err := c.call(ctx, "GetEnabledStandards", http.MethodPost, "/standards/get", in, &page); err != nil {
			return nil, err
		}
		all = append(all, page.StandardsSubscriptions...)
		if page.NextToken == "" {
			return all, nil
		}
		if seen[page.NextToken] {
			return nil, fmt.Errorf("GetEnabledStandards repeated its pagination token %s", strconv.Quote(page.NextToken))
		}
		seen[page.NextToken] = true
		in.NextToken = page.NextToken
	}
}

// getAdministratorAccount returns the account id of the caller's Security
// Hub administrator, "" when it has none.
func (c *securityhubClient) getAdministratorAccount(ctx context.Context) (string, error) {
	var out struct {
		Administrator *struct {
			AccountID string `json:"AccountId"`
		}
	}
	if err := c.call(ctx, "GetAdministratorAccount", http.MethodGet, "/administrator", nil, &out); err != nil {
		return "", err
	}
	if out.Administrator == nil {
		return "", nil
	}
	return out.Administrator.AccountID, nil
}

// hubStringFilter is a StringFilter of AwsSecurityFindingFilters.
type hubStringFilter struct {
	Comparison string
	Value      string
}

// hubFindingFilters holds the AwsSecurityFindingFilters members the reader
// sets.
type hubFindingFilters struct {
	RecordState                 []hubStringFilter `json:",omitempty"`
	WorkflowStatus              []hubStringFilter `json:",omitempty"`
	ProductName                 []hubStringFilter `json:",omitempty"`
	AwsAccountID                []hubStringFilter `json:"AwsAccountId,omitempty"`
	Region                      []hubStringFilter `json:",omitempty"`
	ComplianceSecurityControlID []hubStringFilter `json:"ComplianceSecurityControlId,omitempty"`
	SeverityLabel               []hubStringFilter `json:",omitempty"`
}

// asffFinding holds the members of an ASFF finding the reader copies into a
// HubFinding (encoding/json skips the rest of each finding).
type asffFinding struct {
	ID            string `json:"Id"`
	AwsAccountID  string `json:"AwsAccountId"`
	Region        string
	ProductName   string
	ProductArn    string
	RecordState   string
	GeneratorID   string `json:"GeneratorId"`
	ProductFields map[string]string
	Title         string
	Workflow      *struct{ Status string }
	Compliance    *struct {
		SecurityControlID   string `json:"SecurityControlId"`
		Status              string
		AssociatedStandards []struct {
			StandardsID string `json:"StandardsId"`
		}
	}
	Severity  *struct{ Label string }
	Resources []struct {
		ID   string `json:"Id"`
		Type string
	}
}

type getFindingsPage struct {
	Findings  []asffFinding
	NextToken string
}

// getFindings reads one page of findings.
func (c *securityhubClient) getFindings(ctx context.Context, filters *hubFindingFilters, maxResults int, token string) (*getFindingsPage, error) {
	in := struct {
		Filters    *hubFindingFilters `json:",omitempty"`
		MaxResults int                `json:",omitempty"`
		NextToken  string             `json:",omitempty"`
	}{filters, maxResults, token}
	var page getFindingsPage
	if err := c.call(ctx, "GetFindings", http.MethodPost, "/findings", in, &page); err != nil {
		return nil, err
	}
	return &page, nil
}
