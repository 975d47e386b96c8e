package liveaws

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// The Security Hub reader streams control findings (ASFF) page by page into
// per-control, per-account aggregates — counts and a bounded list of failing
// resource ARNs — and never holds the findings themselves, so memory grows
// with controls × accounts, not with findings. This file is the aggregation,
// free of SDK types; securityhub.go feeds it from GetFindings.

// HubResourceType is the resource type of the Security Hub verdict and its findings.
const HubResourceType = "aws_securityhub_findings"

// MaxFailingResources bounds the failing resource ARNs kept per control and
// per control and account; the counts stay exact.
const MaxFailingResources = 20

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

// hubAccount is one control's tally in one account.
type hubAccount struct {
	failed, passed, notAvailable, waived int
	failing                              []string
	regions                              []string
	waiver, expired                      *engine.Waiver
}

// hubControl is one Security Hub control's tally.
type hubControl struct {
	id       string
	title    string
	severity engine.Severity // highest label of a non-passed finding
	anyLabel engine.Severity // highest label of any finding
	fsbp     bool
	accounts map[string]*hubAccount
	failing  []string
}

// HubAggregator tallies control findings. Add is not safe for concurrent use.
type HubAggregator struct {
	eng     *engine.Engine
	opts    engine.Options
	q       HubQuery
	joined  map[string][]*engine.Control // FSBP id → catalog controls, catalog order
	waived  map[string]bool              // control ids (ours or Security Hub's) a waiver names
	byID    map[string]*hubControl
	read    int // findings read
	counted int // control findings tallied
}

// NewHubAggregator returns an aggregator that joins Security Hub controls to
// eng's catalog by their aws-fsbp references.
func NewHubAggregator(eng *engine.Engine, opts engine.Options, q HubQuery) *HubAggregator {
	a := &HubAggregator{eng: eng, opts: opts, q: q, joined: map[string][]*engine.Control{}, waived: map[string]bool{},
		byID: map[string]*hubControl{}}
	for _, c := range eng.Controls() {
		for _, f := range c.Frameworks {
			if id, ok := strings.CutPrefix(f, "aws-fsbp:"); ok {
				a.joined[id] = append(a.joined[id], c)
			}
		}
	}
	for _, w := range opts.Waivers {
		a.waived[w.ControlID] = true
	}
	return a
}

// Read returns how many findings were read and how many were tallied.
func (a *HubAggregator) Read() (read, tallied int) { return a.read, a.counted }

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

// Add tallies one finding (it ignores findings Accept rejects).
func (a *HubAggregator) Add(f *HubFinding) {
	a.read++
	id, ok := a.Accept(f)
	if !ok {
		return
	}
	a.counted++
	c := a.byID[id]
	if c == nil {
		c = &hubControl{id: id, title: f.Title, accounts: map[string]*hubAccount{}}
		a.byID[id] = c
	}
	if c.title == "" {
		c.title = f.Title
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
	acct := c.accounts[f.AccountID]
	if acct == nil {
		acct = &hubAccount{}
		c.accounts[f.AccountID] = acct
	}
	if f.Region != "" && !slices.Contains(acct.regions, f.Region) && len(acct.regions) < 32 {
		acct.regions = append(acct.regions, f.Region)
	}
	switch strings.ToUpper(f.ComplianceStatus) {
	case "PASSED":
		acct.passed++
		return
	case "FAILED", "WARNING":
	default: // NOT_AVAILABLE, or no status
		acct.notAvailable++
		if sev.Rank() > c.severity.Rank() {
			c.severity = sev
		}
		return
	}
	if sev.Rank() > c.severity.Rank() {
		c.severity = sev
	}
	arn := f.ResourceARN
	if arn == "" {
		arn = f.ID
	}
	if w := a.waiverFor(id, f, arn); w != nil && w.Active() {
		acct.waived++
		if acct.waiver == nil {
			acct.waiver = w
		}
		return
	} else if w != nil && acct.expired == nil {
		acct.expired = w
	}
	acct.failed++
	if len(acct.failing) < MaxFailingResources {
		acct.failing = append(acct.failing, arn)
	}
	if len(c.failing) < MaxFailingResources {
		c.failing = append(c.failing, arn)
	}
}

// waiverFor matches waivers naming the Security Hub id or a joined catalog
// control against the failing resource: account_id, region, resource (ARN),
// resource_type (ASFF type such as AwsS3Bucket), security_control_id.
func (a *HubAggregator) waiverFor(id string, f *HubFinding, arn string) *engine.Waiver {
	names := []string{id}
	for _, c := range a.joined[id] {
		names = append(names, c.ID)
	}
	named := false
	for _, n := range names {
		named = named || a.waived[n]
	}
	if !named {
		return nil
	}
	raw := subject.Object(map[string]subject.Value{
		"account_id": subject.String(f.AccountID), "region": subject.String(f.Region), "resource": subject.String(arn),
		"resource_type": subject.String(f.ResourceType), "security_control_id": subject.String(id),
	})
	var expired *engine.Waiver
	for _, n := range names {
		if w := a.opts.Waivers.For(n, raw); w != nil {
			if w.Active() {
				return w
			}
			if expired == nil {
				expired = w
			}
		}
	}
	return expired
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

// catalogControl returns the catalog control a Security Hub control joins:
// the first (in catalog order) that opts select, else the first.
func (a *HubAggregator) catalogControl(id string) *engine.Control {
	cs := a.joined[id]
	for _, c := range cs {
		if a.eng.SelectedExternal(c, a.opts) {
			return c
		}
	}
	if len(cs) > 0 {
		return cs[0]
	}
	return nil
}

// externalControl describes a Security Hub control outside the catalog.
func (a *HubAggregator) externalControl(c *hubControl) *engine.Control {
	sev := c.severity
	if sev == "" {
		sev = c.anyLabel
	}
	title := c.title
	if title == "" {
		title = "Security Hub control " + c.id
	}
	frameworks := []string{"aws-securityhub:" + c.id}
	if c.fsbp {
		frameworks = append([]string{"aws-fsbp:" + c.id}, frameworks...)
	}
	return engine.ExternalControl(c.id, title, sev, engine.Customer, "", frameworks,
		fmt.Sprintf("Security Hub control %s is not in the baseline catalog: see its remediation in the Security Hub console or https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html", c.id))
}

// Results returns one external result per control and account, in control
// then account order, and the per-control summaries of selected controls.
func (a *HubAggregator) Results() ([]engine.ExternalResult, []HubControlSummary) {
	ids := make([]string, 0, len(a.byID))
	for id := range a.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var results []engine.ExternalResult
	summaries := []HubControlSummary{}
	for _, id := range ids {
		c := a.byID[id]
		ctl := a.catalogControl(id)
		inCatalog := ctl != nil
		if !inCatalog {
			ctl = a.externalControl(c)
		}
		if !a.eng.SelectedExternal(ctl, a.opts) {
			continue
		}
		sum := HubControlSummary{ControlID: ctl.ID, SecurityControlID: id, InCatalog: inCatalog, Title: ctl.Title, Severity: ctl.Severity,
			Status: engine.StatusPass, FailingResources: nonNil(c.failing), Accounts: []HubAccountSummary{}}
		accts := make([]string, 0, len(c.accounts))
		for acct := range c.accounts {
			accts = append(accts, acct)
		}
		sort.Strings(accts)
		for _, acctID := range accts {
			t := c.accounts[acctID]
			r := engine.ExternalResult{Control: ctl, Outcome: outcome(c, inCatalog, acctID, t)}
			switch {
			case t.failed > 0:
				r.Waiver = t.expired
			case t.waived > 0:
				r.Waiver = t.waiver
			}
			results = append(results, r)
			st := r.Outcome.Status
			if st == engine.StatusFail && r.Waiver != nil && r.Waiver.Active() {
				st = engine.StatusWaived
			}
			sum.Accounts = append(sum.Accounts, HubAccountSummary{AccountID: acctID, Status: st, Failed: t.failed, Passed: t.passed,
				NotAvailable: t.notAvailable, Waived: t.waived, FailingResources: nonNil(t.failing)})
			sum.Failed += t.failed
			sum.Passed += t.passed
			sum.NotAvailable += t.notAvailable
			sum.Waived += t.waived
			if statusRank(st) > statusRank(sum.Status) {
				sum.Status = st
			}
		}
		summaries = append(summaries, sum)
	}
	return results, summaries
}

func statusRank(s engine.Status) int {
	switch s {
	case engine.StatusFail:
		return 3
	case engine.StatusUnknown:
		return 2
	case engine.StatusWaived:
		return 1
	}
	return 0
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// outcome judges one control in one account: fail when a resource fails
// (FAILED or WARNING) and is not waived, pass when none fails and one passed,
// unknown when Security Hub could not evaluate any (NOT_AVAILABLE only).
func outcome(c *hubControl, inCatalog bool, acctID string, t *hubAccount) engine.Outcome {
	source := "Security Hub " + c.id
	if !inCatalog {
		source = "Security Hub " + c.id + " (a Security Hub control outside the baseline catalog)"
	}
	where := "account " + acctID
	if len(t.regions) > 0 {
		where += " (" + strings.Join(t.regions, ", ") + ")"
	}
	total := t.failed + t.passed + t.notAvailable + t.waived
	switch {
	case t.failed > 0:
		list := strings.Join(t.failing, ", ")
		if more := t.failed - len(t.failing); more > 0 {
			list += fmt.Sprintf(" and %d more", more)
		}
		msg := fmt.Sprintf("%s: %d of %d resources fail %s: %s", where, t.failed, total, source, list)
		if t.waived > 0 {
			msg += fmt.Sprintf(" (%d more waived)", t.waived)
		}
		return engine.Fail("Compliance.Status", "%s", msg)
	case t.waived > 0:
		return engine.Fail("Compliance.Status", "%s: %d of %d resources fail %s, all waived", where, t.waived, total, source)
	case t.passed > 0:
		return engine.Pass()
	default:
		return engine.Undecided("Compliance.Status", "%s: Security Hub could not evaluate %s on any of %d resources (NOT_AVAILABLE)", where, source, t.notAvailable)
	}
}

// Accounts returns the accounts that had at least one tallied finding.
func (a *HubAggregator) Accounts() map[string]bool {
	out := map[string]bool{}
	for _, c := range a.byID {
		for acct := range c.accounts {
			out[acct] = true
		}
	}
	return out
}
