package liveaws

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

// The Security Hub reader streams control findings (ASFF) page by page into
// per-control, per-account aggregates — counts and a bounded list of failing
// resource ARNs — and never holds the findings themselves, so memory grows
// with controls × accounts, not with findings. This file is the aggregation,
// free of SDK types, on the posture aggregator that Defender for Cloud and
// Security Command Center share; securityhub.go feeds it from GetFindings.

// HubResourceType is the resource type of the Security Hub verdict and its findings.
const HubResourceType = "aws_securityhub_findings"

// MaxFailingResources bounds the failing resource ARNs kept per control and
// per control and account; the counts stay exact.
const MaxFailingResources = posture.MaxFailingResources

// HubFinding is the part of one ASFF finding the reader judges.
type HubFinding struct {
	ID                string
	AccountID         string
	Region            string
	ProductName       string
	ProductARN        string
	RecordState       string
	WorkflowStatus    string
	SecurityControlID string
	// GeneratorID and ProductControlID ("ControlId" of ProductFields) name
	// the control of findings without Compliance.SecurityControlId (the
	// per-standard findings of accounts without consolidated findings).
	GeneratorID      string
	ProductControlID string
	ComplianceStatus string
	SeverityLabel    string
	Title            string
	ResourceARN      string
	ResourceType     string
	Standards        []string
}

// HubQuery narrows what the reader asks Security Hub for. Every filter is
// also applied to each finding read, since emulators (and AWS for filters of
// more than MaxFilterValues values) may return more.
type HubQuery struct {
	// Accounts: only these account ids (default: every account the caller
	// sees — its own and, for an administrator, its members').
	Accounts []string
	// Regions: only findings of these Regions (default: every Region the
	// caller's Region aggregates).
	Regions []string
	// SecurityControlIDs: only these Security Hub control ids (S3.8).
	SecurityControlIDs []string
	// ExcludeSecurityControlIDs: never these.
	ExcludeSecurityControlIDs []string
	// MinimumSeverity asks only for findings of this Security Hub severity
	// label or above, and INFORMATIONAL (the label of passed findings).
	MinimumSeverity engine.Severity
}

// MaxFilterValues is the number of values of one GetFindings filter field up
// to which the reader filters on the server; beyond it (AWS accepts at most
// 20 per field) it reads unfiltered and filters each finding itself.
const MaxFilterValues = 20

var securityControlIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*\.[0-9]+[a-z]?$`)

// IsSecurityControlID reports whether s looks like a Security Hub control id
// such as "S3.8", "EC2.19" or "CloudTrail.1".
func IsSecurityControlID(s string) bool {
	return len(s) <= 64 && securityControlIDPattern.MatchString(s)
}

// SecurityControlID returns the Security Hub control id of a finding:
// Compliance.SecurityControlId, else ProductFields.ControlId, else the last
// segment of a GeneratorId such as "security-control/S3.8" or
// "aws-foundational-security-best-practices/v/1.0.0/S3.8". "" when none is a
// control id (the finding is not a control finding).
func SecurityControlID(securityControlID, productControlID, generatorID string) string {
	for _, s := range []string{securityControlID, productControlID} {
		if IsSecurityControlID(s) {
			return s
		}
	}
	if i := strings.LastIndexByte(generatorID, '/'); i >= 0 && i+1 < len(generatorID) {
		if s := generatorID[i+1:]; IsSecurityControlID(s) {
			return s
		}
	}
	return ""
}

// severityOfLabel maps a Security Hub severity label to a severity.
func severityOfLabel(label string) engine.Severity {
	switch strings.ToUpper(label) {
	case "CRITICAL":
		return engine.SeverityCritical
	case "HIGH":
		return engine.SeverityHigh
	case "MEDIUM":
		return engine.SeverityMedium
	case "LOW":
		return engine.SeverityLow
	case "INFORMATIONAL":
		return engine.SeverityInfo
	}
	return ""
}

// labelsAtOrAbove lists the Security Hub severity labels of floor or above,
// plus INFORMATIONAL, which Security Hub gives every passed finding.
func labelsAtOrAbove(floor engine.Severity) []string {
	out := []string{}
	for _, l := range []string{"CRITICAL", "HIGH", "MEDIUM", "LOW"} {
		if severityOfLabel(l).Rank() >= floor.Rank() {
			out = append(out, l)
		}
	}
	return append(out, "INFORMATIONAL")
}

// hubSource describes Security Hub to the posture aggregator: controls join
// the catalog by their aws-fsbp items, case kept; an account's Regions are
// listed after it and waivers match account_id, region, resource (ARN),
// resource_type (ASFF type such as AwsS3Bucket) and security_control_id.
var hubSource = posture.Source{
	Name: "Security Hub", Cloud: "aws", JoinPrefix: "aws-fsbp:", KeyFramework: "aws-securityhub:", ScopeNoun: "account",
	Attribute: "Compliance.Status", ScopeMatch: "account_id", KeyMatch: "security_control_id", LocationMatch: "region",
	UnavailableLabel: "NOT_AVAILABLE", ExactJoin: true,
	Describe: func(id, _ string, inCatalog bool) string {
		if !inCatalog {
			return "Security Hub " + id + " (a Security Hub control outside the baseline catalog)"
		}
		return "Security Hub " + id
	},
}

// hubControl is what the aggregator keeps of a Security Hub control beside
// posture's tallies, to describe it when it is outside the catalog.
type hubControl struct {
	severity engine.Severity // highest label of a non-passed finding
	anyLabel engine.Severity // highest label of any finding
	fsbp     bool
}

// HubAggregator tallies control findings per control and account with
// internal/live/posture. Add is not safe for concurrent use.
type HubAggregator struct {
	q    HubQuery
	agg  *posture.Aggregator
	byID map[string]*hubControl
	read int // findings read
}

// NewHubAggregator returns an aggregator that joins Security Hub controls to
// eng's catalog by their aws-fsbp references.
func NewHubAggregator(eng *engine.Engine, opts engine.Options, q HubQuery) *HubAggregator {
	a := &HubAggregator{q: q, byID: map[string]*hubControl{}}
	src := hubSource
	src.External = a.externalControl
	a.agg = posture.New(src, eng, opts, posture.Query{})
	return a
}

// Read returns how many findings were read and how many were tallied.
func (a *HubAggregator) Read() (read, tallied int) {
	_, tallied = a.agg.Read()
	return a.read, tallied
}

// Accept reports whether a finding is an active, unsuppressed Security Hub
// control finding that the query selects, and returns its control id.
func (a *HubAggregator) Accept(f *HubFinding) (string, bool) {
	if !strings.EqualFold(f.RecordState, "ACTIVE") || strings.EqualFold(f.WorkflowStatus, "SUPPRESSED") {
		return "", false
	}
	if f.ProductName != "Security Hub" && !strings.Contains(f.ProductARN, ":product/aws/securityhub") {
		return "", false
	}
	id := SecurityControlID(f.SecurityControlID, f.ProductControlID, f.GeneratorID)
	if id == "" {
		return "", false
	}
	if len(a.q.Accounts) > 0 && !slices.Contains(a.q.Accounts, f.AccountID) {
		return "", false
	}
	if len(a.q.Regions) > 0 && !slices.Contains(a.q.Regions, f.Region) {
		return "", false
	}
	if len(a.q.SecurityControlIDs) > 0 && !slices.Contains(a.q.SecurityControlIDs, id) {
		return "", false
	}
	if slices.Contains(a.q.ExcludeSecurityControlIDs, id) {
		return "", false
	}
	if a.q.MinimumSeverity != "" && !slices.Contains(labelsAtOrAbove(a.q.MinimumSeverity), strings.ToUpper(f.SeverityLabel)) {
		return "", false
	}
	return id, true
}

// Add tallies one finding (it ignores findings Accept rejects): PASSED
// passes, FAILED and WARNING fail, anything else (NOT_AVAILABLE, no status)
// is a resource Security Hub could not evaluate.
func (a *HubAggregator) Add(f *HubFinding) {
	a.read++
	id, ok := a.Accept(f)
	if !ok {
		return
	}
	c := a.byID[id]
	if c == nil {
		c = &hubControl{}
		a.byID[id] = c
	}
	for _, s := range f.Standards {
		if strings.Contains(s, "aws-foundational-security-best-practices") {
			c.fsbp = true
		}
	}
	sev := severityOfLabel(f.SeverityLabel)
	if sev.Rank() > c.anyLabel.Rank() {
		c.anyLabel = sev
	}
	state := posture.Unavailable
	switch strings.ToUpper(f.ComplianceStatus) {
	case "PASSED":
		state = posture.Healthy
	case "FAILED", "WARNING":
		state = posture.Unhealthy
	}
	if state != posture.Healthy && sev.Rank() > c.severity.Rank() {
		c.severity = sev
	}
	arn := f.ResourceARN
	if arn == "" {
		arn = f.ID
	}
	a.agg.Add(&posture.Item{Key: id, Join: id, Scope: f.AccountID, Location: f.Region, Resource: arn, ResourceType: f.ResourceType,
		State: state, Severity: sev, Title: f.Title})
}

// HubControlSummary is one Security Hub control over the accounts read.
type HubControlSummary struct {
	// ControlID is the catalog control the Security Hub control is joined to
	// (by its aws-fsbp reference), or the Security Hub id when none is.
	ControlID         string
	SecurityControlID string
	InCatalog         bool
	Title             string
	Severity          engine.Severity
	// Status is the worst per-account status: fail, unknown, waived or pass.
	Status                       engine.Status
	Failed, Passed, NotAvailable int
	Waived                       int
	FailingResources             []string
	Accounts                     []HubAccountSummary
}

// HubAccountSummary is one control in one account.
type HubAccountSummary struct {
	AccountID                    string
	Status                       engine.Status
	Failed, Passed, NotAvailable int
	Waived                       int
	FailingResources             []string
}

// externalControl describes a Security Hub control outside the catalog.
func (a *HubAggregator) externalControl(id, title string) *engine.Control {
	c := a.byID[id]
	if c == nil {
		c = &hubControl{}
	}
	sev := c.severity
	if sev == "" {
		sev = c.anyLabel
	}
	if title == "" {
		title = "Security Hub control " + id
	}
	frameworks := []string{"aws-securityhub:" + id}
	if c.fsbp {
		frameworks = append([]string{"aws-fsbp:" + id}, frameworks...)
	}
	return engine.ExternalControl(id, title, sev, engine.Customer, "", frameworks,
		fmt.Sprintf("Security Hub control %s is not in the baseline catalog: see its remediation in the Security Hub console or https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html", id))
}

// Results returns one external result per control and account, in control
// then account order, and the per-control summaries of selected controls.
func (a *HubAggregator) Results() ([]engine.ExternalResult, []HubControlSummary) {
	results, sums := a.agg.Results()
	summaries := make([]HubControlSummary, 0, len(sums))
	for _, s := range sums {
		sum := HubControlSummary{ControlID: s.ControlID, SecurityControlID: s.Key, InCatalog: s.InCatalog, Title: s.Title, Severity: s.Severity,
			Status: s.Status, Failed: s.Unhealthy, Passed: s.Healthy, NotAvailable: s.Unavailable, Waived: s.Waived,
			FailingResources: s.FailingResources, Accounts: make([]HubAccountSummary, 0, len(s.Scopes))}
		for _, t := range s.Scopes {
			sum.Accounts = append(sum.Accounts, HubAccountSummary{AccountID: t.Scope, Status: t.Status, Failed: t.Unhealthy, Passed: t.Healthy,
				NotAvailable: t.Unavailable, Waived: t.Waived, FailingResources: t.FailingResources})
		}
		summaries = append(summaries, sum)
	}
	return results, summaries
}

// Accounts returns the accounts that had at least one tallied finding.
func (a *HubAggregator) Accounts() map[string]bool { return a.agg.Scopes() }
