package acctest

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"
)

// HubSeeder writes Security Hub state into moto: it enables the hub and
// imports ASFF control findings with BatchImportFindings (100 per call, the
// API's maximum). moto stores imported findings in the caller's account
// whatever their AwsAccountId, which is how an administrator account holds
// its members' aggregated findings. moto implements EnableSecurityHub,
// DescribeHub, BatchImportFindings, GetFindings (paging by MaxResults and
// NextToken, but ignoring Filters) and GetAdministratorAccount.
type HubSeeder struct {
	Client *securityhub.Client
}

// NewHubSeeder returns a seeder for endpoint with the static test credentials.
func NewHubSeeder(endpoint string) *HubSeeder {
	cfg := aws.Config{Region: MotoRegion, Credentials: credentials.NewStaticCredentialsProvider(MotoAccessKey, MotoSecretKey, "")}
	return &HubSeeder{Client: securityhub.NewFromConfig(cfg, func(o *securityhub.Options) { o.BaseEndpoint = aws.String(endpoint) })}
}

// Enable turns Security Hub on in the caller's account.
func (s *HubSeeder) Enable(ctx context.Context) error {
	_, err := s.Client.EnableSecurityHub(ctx, &securityhub.EnableSecurityHubInput{EnableDefaultStandards: aws.Bool(true)})
	return err
}

// HubControlFinding describes one control finding to import.
type HubControlFinding struct {
	Account, Region string
	// Control is the Security Hub control id, such as "S3.8".
	Control string
	// Status is PASSED, FAILED, WARNING or NOT_AVAILABLE.
	Status string
	// Severity is the label; passed findings get INFORMATIONAL as in AWS.
	Severity     string
	ResourceARN  string
	ResourceType string
	// Workflow defaults to NEW; RecordState to ACTIVE; Product to Security Hub.
	Workflow, RecordState, Product string
	Title                          string
}

// ASFF returns the finding as Security Hub shapes it for a consolidated
// control finding.
func (f HubControlFinding) ASFF() shtypes.AwsSecurityFinding {
	region := f.Region
	if region == "" {
		region = MotoRegion
	}
	sev := f.Severity
	if f.Status == "PASSED" || sev == "" {
		sev = "INFORMATIONAL"
	}
	workflow, state, product := f.Workflow, f.RecordState, f.Product
	if workflow == "" {
		workflow = "NEW"
	}
	if state == "" {
		state = "ACTIVE"
	}
	productARN := fmt.Sprintf("arn:aws:securityhub:%s::product/aws/securityhub", region)
	if product == "" {
		product = "Security Hub"
	} else {
		productARN = fmt.Sprintf("arn:aws:securityhub:%s::product/aws/%s", region, product)
	}
	title := f.Title
	if title == "" {
		title = "Security Hub control " + f.Control
	}
	id := fmt.Sprintf("arn:aws:securityhub:%s:%s:security-control/%s/finding/%s", region, f.Account, f.Control, f.ResourceARN)
	return shtypes.AwsSecurityFinding{
		SchemaVersion: aws.String("2018-10-08"), Id: aws.String(id), ProductArn: aws.String(productARN), ProductName: aws.String(product),
		GeneratorId: aws.String("security-control/" + f.Control), AwsAccountId: aws.String(f.Account), Region: aws.String(region),
		Types:     []string{"Software and Configuration Checks/Industry and Regulatory Standards"},
		CreatedAt: aws.String("2025-01-01T00:00:00.000Z"), UpdatedAt: aws.String("2025-01-01T00:00:00.000Z"),
		Severity: &shtypes.Severity{Label: shtypes.SeverityLabel(sev), Original: aws.String(sev)},
		Title:    aws.String(title), Description: aws.String("Seeded by the provider's tests."),
		Resources: []shtypes.Resource{{Type: aws.String(f.ResourceType), Id: aws.String(f.ResourceARN), Region: aws.String(region)}},
		Compliance: &shtypes.Compliance{Status: shtypes.ComplianceStatus(f.Status), SecurityControlId: aws.String(f.Control),
			AssociatedStandards: []shtypes.AssociatedStandard{{StandardsId: aws.String("standards/aws-foundational-security-best-practices/v/1.0.0")}}},
		RecordState: shtypes.RecordState(state),
		Workflow:    &shtypes.Workflow{Status: shtypes.WorkflowStatus(workflow)},
	}
}

// Import imports findings 100 per call with up to parallel calls in flight.
func (s *HubSeeder) Import(ctx context.Context, findings []shtypes.AwsSecurityFinding, parallel int) error {
	if parallel < 1 {
		parallel = 1
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for start := 0; start < len(findings); start += 100 {
		end := min(start+100, len(findings))
		sem <- struct{}{}
		wg.Add(1)
		go func(batch []shtypes.AwsSecurityFinding) {
			defer wg.Done()
			defer func() { <-sem }()
			out, err := s.Client.BatchImportFindings(ctx, &securityhub.BatchImportFindingsInput{Findings: batch})
			if err == nil && aws.ToInt32(out.FailedCount) > 0 {
				err = fmt.Errorf("BatchImportFindings: %d findings failed: %s", aws.ToInt32(out.FailedCount), aws.ToString(out.FailedFindings[0].ErrorMessage))
			}
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}(findings[start:end])
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop {
			break
		}
	}
	wg.Wait()
	return first
}

// ImportControls imports findings described by fs.
func (s *HubSeeder) ImportControls(ctx context.Context, fs ...HubControlFinding) error {
	out := make([]shtypes.AwsSecurityFinding, len(fs))
	for i, f := range fs {
		out[i] = f.ASFF()
	}
	return s.Import(ctx, out, 1)
}
