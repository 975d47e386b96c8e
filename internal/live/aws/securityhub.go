package liveaws

import (
	"context"
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// HubPageSize is the MaxResults of every GetFindings call (the API's maximum).
const HubPageSize = 100

// HubReaderControlID names the error findings of a Security Hub read that
// failed (denied, throttled, not the administrator): it is not a catalog
// control but the precondition of every control the read would judge.
const HubReaderControlID = "aws-securityhub-findings"

// HubReport is what ReadSecurityHub read and judged.
type HubReport struct {
	// AccountID is the caller's account, Region the Region read (the
	// aggregation Region when cross-Region aggregation is on).
	AccountID string
	Region    string
	// FindingsRead counts the findings GetFindings returned; Tallied those
	// that are control findings the query selects.
	FindingsRead, Tallied int
	// Pages counts the GetFindings calls.
	Pages    int
	Controls []HubControlSummary
	// Results holds the read errors first, then one result per control and
	// account; judge them with engine.JudgeExternal.
	Results []engine.ExternalResult
}

// hubReaderControl is the control of read errors.
func hubReaderControl() *engine.Control {
	return engine.ExternalControl(HubReaderControlID, "Security Hub control findings can be read", engine.SeverityHigh, engine.Customer, "SaaS", nil,
		"Run the read in the Security Hub administrator account (or the account itself), in the aggregation Region, with securityhub:DescribeHub, "+
			"securityhub:GetAdministratorAccount and securityhub:GetFindings granted (see the live mode IAM policy). Throttling that outlasts the "+
			"retries goes away with a higher aws.max_retries or a later run.")
}

// ReadSecurityHub reads the Security Hub control findings q selects — the
// administrator's aggregated findings of every member account, in one pass of
// GetFindings pages of 100, tallied as they arrive — and returns them as
// external results joined to eng's catalog. A failed call (Security Hub not
// enabled, access denied, throttled through every retry, a member account
// asking for other accounts) becomes an error result, never a pass; only a
// configuration error or the end of ctx is returned as an error.
func (c *Client) ReadSecurityHub(ctx context.Context, eng *engine.Engine, opts engine.Options, q HubQuery) (*HubReport, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	h := &hubRead{rep: &HubReport{Region: c.region}, reader: hubReaderControl()}
	caller, err := c.AccountID(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		h.fail(h.reader, err, "the caller's account could not be read, so no Security Hub finding was judged: %s", err)
		return h.rep, nil
	}
	h.rep.AccountID = caller
	h.caller, h.where = caller, fmt.Sprintf("account %s, Region %s", caller, c.region)

	// 1. The hub: not enabled means there is nothing to judge.
	err = svc.securityhub.describeHub(ctx)
	if re := classify(err, Operation{"SecurityHub", "DescribeHub"}, h.where, "InvalidAccessException", "ResourceNotFoundException"); re != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if re.Kind == KindNotFound {
			ctl, ok := eng.Control(evSecurityHubEnabled)
			if !ok {
				ctl = h.reader
			}
			h.fail(ctl, re, "Security Hub is not enabled in %s (DescribeHub answered %s), so no control of any account can be judged there; enable it (aws_securityhub_account) in every account and Region, and read from the administrator account", h.where, re.Code)
		} else {
			h.fail(h.reader, re, "%s", re)
		}
		return h.rep, nil
	}

	// 2. Other accounts need the administrator: a member sees only its own.
	handled, err := h.administered(ctx, svc.securityhub, q)
	if err != nil {
		return nil, err
	}

	// 3. One pass over the findings, 100 at a time, tallied as they arrive.
	agg := NewHubAggregator(eng, opts, q)
	if err := h.findings(ctx, svc.securityhub, q, agg); err != nil {
		return nil, err
	}
	h.rep.FindingsRead, h.rep.Tallied = agg.Read()

	// 4. An account asked for that has no finding is not judged: never a pass.
	h.unseen(q, agg.Accounts(), handled, c.region)
	results, summaries := agg.Results()
	h.rep.Results = append(h.rep.Results, results...)
	h.rep.Controls = summaries
	return h.rep, nil
}

// hubRead is one ReadSecurityHub call: the report it fills, the control that
// stands for the reader itself, and the caller's account.
type hubRead struct {
	rep           *HubReport
	reader        *engine.Control
	caller, where string
}

// fail records an error outcome of ctl; the action of a ReadError err names
// the attribute.
func (h *hubRead) fail(ctl *engine.Control, err error, format string, args ...any) {
	attr := ""
	var re *ReadError
	if err != nil && asReadError(err, &re) {
		attr = re.Action
	}
	h.rep.Results = append(h.rep.Results, engine.ExternalResult{Control: ctl, Always: true,
		Outcome: engine.Errored(attr, "%s", fmt.Sprintf(format, args...))})
}

// administered checks that the caller may read the other accounts of q: a
// Security Hub member sees only its own findings. handled holds the accounts
// already reported as not readable; err is set only when ctx ended.
func (h *hubRead) administered(ctx context.Context, sh *securityhubClient, q HubQuery) (handled map[string]bool, err error) {
	handled = map[string]bool{}
	var others []string
	for _, a := range q.Accounts {
		if a != h.caller {
			others = append(others, a)
		}
	}
	if len(others) == 0 {
		return handled, nil
	}
	admin, err := sh.getAdministratorAccount(ctx)
	re := classify(err, Operation{"SecurityHub", "GetAdministratorAccount"}, h.where)
	switch {
	case re != nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case re != nil:
		h.fail(h.reader, re, "could not tell whether account %s is the Security Hub administrator of accounts %s: %s", h.caller, strings.Join(others, ", "), re)
	case admin != "" && admin != h.caller:
		for _, a := range others {
			handled[a] = true
			h.fail(h.reader, nil, "account %s cannot be judged from account %s: the caller is a Security Hub member of administrator account %s, not an administrator, and sees only its own findings; read from account %s", a, h.caller, admin, admin)
		}
	}
	return handled, nil
}

// findings reads the findings of q page by page into agg; a page that cannot
// be read ends the pass with an error outcome. err is set only when ctx ended.
func (h *hubRead) findings(ctx context.Context, sh *securityhubClient, q HubQuery, agg *HubAggregator) error {
	filters := hubFilters(q)
	var hf HubFinding
	token := ""
	seen := map[string]bool{}
	for {
		page, err := sh.getFindings(ctx, filters, HubPageSize, token)
		h.rep.Pages++
		if err == nil && page.NextToken != "" && seen[page.NextToken] {
			err = fmt.Errorf("GetFindings repeated its pagination token %q", page.NextToken)
		}
		if re := classify(err, Operation{"SecurityHub", "GetFindings"}, h.where); re != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			read, _ := agg.Read()
			h.fail(h.reader, re, "%s (after %d findings in %d pages; the controls of the findings not read cannot be judged)", re, read, h.rep.Pages-1)
			return nil
		}
		for i := range page.Findings {
			hubFinding(&page.Findings[i], &hf)
			agg.Add(&hf)
		}
		if page.NextToken == "" {
			return nil
		}
		seen[page.NextToken] = true
		token = page.NextToken
	}
}

// unseen reports every account of q with no finding (seen) that was not
// already reported (handled): not judged, never a pass.
func (h *hubRead) unseen(q HubQuery, seen, handled map[string]bool, region string) {
	filtered := len(q.SecurityControlIDs) > 0 || len(q.Regions) > 0 || q.MinimumSeverity != ""
	for _, a := range q.Accounts {
		if seen[a] || handled[a] {
			continue
		}
		msg := fmt.Sprintf("account %s has no active Security Hub control findings in the findings of account %s (Region %s): it is not a member of this administrator, Security Hub or its standards are not enabled there, or its findings are not aggregated to this Region", a, h.caller, region)
		if filtered {
			h.rep.Results = append(h.rep.Results, engine.ExternalResult{Control: h.reader, Always: true,
				Outcome: engine.Undecided("AwsAccountId", "%s, or it has no resources the selected controls check", msg)})
			continue
		}
		h.fail(h.reader, nil, "%s", msg)
	}
}

// evSecurityHubEnabled is the catalog control "Security Hub is enabled".
const evSecurityHubEnabled = "aws-securityhub-enabled"

// hubFilters are the server-side filters of q: active, unsuppressed Security
// Hub findings of the selected accounts, Regions, controls and severities.
func hubFilters(q HubQuery) *hubFindingFilters {
	eq := func(values ...string) []hubStringFilter {
		out := make([]hubStringFilter, len(values))
		for i, v := range values {
			out[i] = hubStringFilter{Comparison: "EQUALS", Value: v}
		}
		return out
	}
	f := &hubFindingFilters{
		RecordState:    eq("ACTIVE"),
		WorkflowStatus: []hubStringFilter{{Comparison: "NOT_EQUALS", Value: "SUPPRESSED"}},
		ProductName:    eq("Security Hub"),
	}
	fits := func(values []string) bool { return len(values) > 0 && len(values) <= MaxFilterValues }
	if fits(q.Accounts) {
		f.AwsAccountID = eq(q.Accounts...)
	}
	if fits(q.Regions) {
		f.Region = eq(q.Regions...)
	}
	if fits(q.SecurityControlIDs) {
		f.ComplianceSecurityControlID = eq(q.SecurityControlIDs...)
	} else if len(q.SecurityControlIDs) == 0 && fits(q.ExcludeSecurityControlIDs) {
		for _, id := range q.ExcludeSecurityControlIDs {
			f.ComplianceSecurityControlID = append(f.ComplianceSecurityControlID, hubStringFilter{Comparison: "NOT_EQUALS", Value: id})
		}
	}
	if q.MinimumSeverity != "" {
		f.SeverityLabel = eq(labelsAtOrAbove(q.MinimumSeverity)...)
	}
	return f
}

// hubFinding copies what the aggregator reads of an ASFF finding into out
// (reused across findings).
func hubFinding(in *asffFinding, out *HubFinding) {
	*out = HubFinding{
		ID: in.ID, AccountID: in.AwsAccountID, Region: in.Region,
		ProductName: in.ProductName, ProductARN: in.ProductArn, RecordState: in.RecordState,
		GeneratorID: in.GeneratorID, ProductControlID: in.ProductFields["ControlId"], Title: in.Title,
		Standards: out.Standards[:0],
	}
	if in.Workflow != nil {
		out.WorkflowStatus = in.Workflow.Status
	}
	if c := in.Compliance; c != nil {
		out.SecurityControlID = c.SecurityControlID
		out.ComplianceStatus = c.Status
		for _, s := range c.AssociatedStandards {
			out.Standards = append(out.Standards, s.StandardsID)
		}
	}
	if in.Severity != nil {
		out.SeverityLabel = in.Severity.Label
	}
	if out.Region == "" {
		// ASFF findings always carry Region; older ones name it in the ARN.
		if parts := strings.SplitN(out.ProductARN, ":", 5); len(parts) == 5 {
			out.Region = parts[3]
		}
	}
	if len(in.Resources) > 0 {
		out.ResourceARN = in.Resources[0].ID
		out.ResourceType = in.Resources[0].Type
	}
}
