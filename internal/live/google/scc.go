// Package livegoogle reads Google Security Command Center findings with
// cloud.google.com/go/securitycenter v2 — read-only — and judges them with
// the catalog through internal/live/posture. It is free of
// terraform-plugin-framework types.
package livegoogle

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	securitycenter "cloud.google.com/go/securitycenter/apiv2"
	"cloud.google.com/go/securitycenter/apiv2/securitycenterpb"
	"github.com/googleapis/gax-go/v2"
	"github.com/googleapis/gax-go/v2/apierror"
	"golang.org/x/oauth2"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

// ResourceType is the resource type of the verdict and its findings.
const ResourceType = "google_scc_findings"

// ReaderControlID names the error findings of a read that failed.
const ReaderControlID = "google-scc-findings"

// PageSize is the page_size of every ListFindings call (the API's maximum).
const PageSize = 1000

// Least privilege: the predefined role and the permission the read needs.
const (
	Role       = "roles/securitycenter.findingsViewer"
	Permission = "securitycenter.findings.list"
)

// Filter selects active, unmuted misconfiguration findings (the class of
// Security Health Analytics' detectors).
const Filter = `state="ACTIVE" AND NOT mute="MUTED" AND finding_class="MISCONFIGURATION"`

// Source describes Security Command Center to the posture aggregator.
var Source = posture.Source{
	Name: "Security Command Center", Cloud: "google", JoinPrefix: "gcp-sha:", KeyFramework: "gcp-scc:",
	ScopeNoun: "project", Attribute: "finding.state", ScopeMatch: "project", KeyMatch: "category",
	Remediation: "This Security Command Center finding category is not in the baseline catalog: follow the finding's next steps in " +
		"Security Command Center (the Security Health Analytics findings reference lists each category's remediation).",
}

// Config is how to reach Security Command Center.
type Config struct {
	// Endpoint overrides securitycenter.googleapis.com:443 (host:port).
	Endpoint string
	// AccessToken, when set, is sent as the bearer token instead of
	// Application Default Credentials.
	AccessToken string
	// MaxRetries of a throttled (RESOURCE_EXHAUSTED) or unavailable call;
	// 0 means 3. RetryDelay is the first back-off (0 means 1s) when the
	// answer carries no RetryInfo.
	MaxRetries int
	RetryDelay time.Duration
	// Options are extra client options (tests, embedding).
	Options []option.ClientOption
}

// Query says what to read.
type Query struct {
	// Parent: organizations/N, folders/N or projects/P.
	Parent string
	posture.Query
}

// Report is what Read read and judged.
type Report struct {
	// Calls counts ListFindings attempts (retries too), Pages the pages read.
	Calls, Pages          int
	FindingsRead, Tallied int
	Controls              []posture.Summary
	Results               []engine.ExternalResult
}

var parentPattern = regexp.MustCompile(`^(organizations/[0-9]+|folders/[0-9]+|projects/[a-z0-9][a-z0-9-]{4,28}[a-z0-9]|projects/[0-9]+)$`)
var categoryPattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]*[A-Z0-9]$`)

// IsParent reports whether s is organizations/N, folders/N or projects/P.
func IsParent(s string) bool { return parentPattern.MatchString(s) }

// IsCategory reports whether s looks like a finding category such as
// PUBLIC_BUCKET_ACL.
func IsCategory(s string) bool { return len(s) <= 100 && categoryPattern.MatchString(s) }

func readerControl() *engine.Control {
	c := engine.ExternalControl(ReaderControlID, "Security Command Center findings can be read", engine.SeverityHigh, engine.Customer, "SaaS", nil,
		"Grant the identity "+Role+" (permission "+Permission+") on the organization, folder or project read, activate Security Command Center "+
			"with Security Health Analytics there and enable the securitycenter.googleapis.com API, and rerun; throttling that outlasts the "+
			"retries goes away with a later run.")
	c.Cloud = "google"
	return c
}

// retryer retries RESOURCE_EXHAUSTED, UNAVAILABLE and INTERNAL up to max
// times, waiting what RetryInfo asks or an exponential back-off.
type retryer struct {
	max, n int
	delay  time.Duration
	last   *time.Duration
}

func (r *retryer) Retry(err error) (time.Duration, bool) {
	st, ok := status.FromError(err)
	if !ok || r.n >= r.max {
		return 0, false
	}
	switch st.Code() {
	case codes.ResourceExhausted, codes.Unavailable, codes.Internal:
	default:
		return 0, false
	}
	r.n++
	d := r.delay << (r.n - 1)
	for _, det := range st.Details() {
		if ri, ok := det.(*errdetails.RetryInfo); ok && ri.GetRetryDelay() != nil {
			d = ri.GetRetryDelay().AsDuration()
			*r.last = d
		}
	}
	if d > 30*time.Second {
		d = 30 * time.Second
	}
	return d + time.Duration(rand.Int64N(int64(d)/10+1)), true
}

// Read reads the active, unmuted misconfiguration findings under q.Parent
// with ListFindings over <parent>/sources/-, PageSize at a time, tallied as
// they arrive, and returns them as external results joined to eng's
// catalog. A failed read (permission denied, Security Command Center not
// activated or its API disabled, throttled or unavailable through every
// retry, a malformed page) is an error result naming its cause, never a
// pass; only a configuration error or the end of ctx is returned as an error.
func Read(ctx context.Context, cfg Config, eng *engine.Engine, opts engine.Options, q Query) (*Report, error) {
	if !IsParent(q.Parent) {
		return nil, fmt.Errorf("parent %q is not organizations/N, folders/N or projects/P", q.Parent)
	}
	rep := &Report{}
	reader := readerControl()
	fail := func(attr, format string, args ...any) {
		rep.Results = append(rep.Results, engine.ExternalResult{Control: reader, Always: true, Outcome: engine.Errored(attr, "%s", fmt.Sprintf(format, args...))})
	}
	retries := cfg.MaxRetries
	if retries == 0 {
		retries = 3
	}
	delay := cfg.RetryDelay
	if delay == 0 {
		delay = time.Second
	}
	var calls atomic.Int64
	copts := []option.ClientOption{option.WithGRPCDialOption(grpc.WithChainUnaryInterceptor(
		func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, o ...grpc.CallOption) error {
			calls.Add(1)
			return invoker(ctx, method, req, reply, cc, o...)
		}))}
	if cfg.Endpoint != "" {
		copts = append(copts, option.WithEndpoint(cfg.Endpoint))
	}
	if cfg.AccessToken != "" {
		copts = append(copts, option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cfg.AccessToken, TokenType: "Bearer"})))
	}
	copts = append(copts, cfg.Options...)
	client, err := securitycenter.NewClient(ctx, copts...)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		fail("credentials", "no Security Command Center client could be built (Application Default Credentials or access_token), so no finding was read: %s", firstLine(err.Error()))
		return rep, nil
	}
	defer func() { _ = client.Close() }()
	defer func() { rep.Calls = int(calls.Load()) }()

	filter := Filter
	if len(q.Keys) > 0 && len(q.Keys) <= 50 {
		var or []string
		for _, k := range q.Keys {
			or = append(or, fmt.Sprintf("category=%q", k))
		}
		filter += " AND (" + strings.Join(or, " OR ") + ")"
	}
	var lastRetryAfter time.Duration
	req := &securitycenterpb.ListFindingsRequest{Parent: q.Parent + "/sources/-", Filter: filter, PageSize: PageSize}
	it := client.ListFindings(ctx, req, gax.WithRetry(func() gax.Retryer {
		return &retryer{max: retries, delay: delay, last: &lastRetryAfter}
	}))
	pager := iterator.NewPager(it, PageSize, "")
	agg := posture.New(Source, eng, opts, q.Query)
	var item posture.Item
	prev := ""
	where := "the findings under " + q.Parent + " (ListFindings " + q.Parent + "/sources/-)"
	for {
		var page []*securitycenterpb.ListFindingsResponse_ListFindingsResult
		next, err := pager.NextPage(&page)
		rep.Pages++
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			read, _ := agg.Read()
			fail("findings", "%s (after %d findings in %d pages; the categories of the findings not read cannot be judged)", explain(err, where, retries, lastRetryAfter), read, rep.Pages-1)
			break
		}
		bad := ""
		for _, r := range page {
			if r == nil || r.GetFinding() == nil || r.GetFinding().GetCategory() == "" {
				bad = "a result without a finding or a category"
				break
			}
			if !finding(r, &item) {
				continue
			}
			agg.Add(&item)
		}
		if bad == "" && next != "" && next == prev {
			bad = "the next page token repeats the previous one"
		}
		if bad != "" {
			read, _ := agg.Read()
			fail("findings", "page %d of %s was malformed (%s), so the read stopped after %d findings; the categories of the findings not read cannot be judged", rep.Pages, where, bad, read)
			break
		}
		if next == "" {
			break
		}
		prev = next
	}
	rep.FindingsRead, rep.Tallied = agg.Read()
	results, sums := agg.Results()
	rep.Results = append(rep.Results, results...)
	rep.Controls = sums
	return rep, nil
}

// finding copies what the aggregator reads of a result into out; false for
// findings the filter should have dropped (inactive, muted, another class).
func finding(r *securitycenterpb.ListFindingsResponse_ListFindingsResult, out *posture.Item) bool {
	f := r.GetFinding()
	if f.GetState() != securitycenterpb.Finding_ACTIVE || f.GetMute() == securitycenterpb.Finding_MUTED ||
		f.GetFindingClass() != securitycenterpb.Finding_MISCONFIGURATION {
		return false
	}
	*out = posture.Item{Key: f.GetCategory(), Join: f.GetCategory(), Resource: f.GetResourceName(), State: posture.Unhealthy,
		Severity: severityOf(f.GetSeverity()), Title: f.GetCategory()}
	if res := r.GetResource(); res != nil {
		out.ResourceType = res.GetType()
		if out.Resource == "" {
			out.Resource = res.GetName()
		}
		if g := res.GetGcpMetadata(); g != nil {
			out.Scope = g.GetProjectDisplayName()
			if out.Scope == "" {
				out.Scope = lastSegment(g.GetProject())
			}
		}
	}
	if out.Scope == "" {
		out.Scope = "(no project)"
	}
	return true
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func severityOf(s securitycenterpb.Finding_Severity) engine.Severity {
	switch s {
	case securitycenterpb.Finding_CRITICAL:
		return engine.SeverityCritical
	case securitycenterpb.Finding_HIGH:
		return engine.SeverityHigh
	case securitycenterpb.Finding_LOW:
		return engine.SeverityLow
	}
	return engine.SeverityMedium
}

// explain turns a failed call into a sentence naming the cause.
func explain(err error, what string, retries int, retryAfter time.Duration) string {
	st, ok := status.FromError(err)
	if !ok {
		return fmt.Sprintf("reading %s failed: %s", what, firstLine(err.Error()))
	}
	reason := ""
	var ae *apierror.APIError
	if errors.As(err, &ae) {
		reason = ae.Reason()
	}
	msg := firstLine(st.Message())
	switch st.Code() {
	case codes.PermissionDenied:
		if reason == "SERVICE_DISABLED" || strings.Contains(msg, "has not been used") || strings.Contains(msg, "is disabled") {
			return fmt.Sprintf("reading %s failed: the Security Command Center API (securitycenter.googleapis.com) is not enabled (PERMISSION_DENIED %s: %s)", what, reason, msg)
		}
		return fmt.Sprintf("reading %s was denied (PERMISSION_DENIED: %s): the identity needs %s (permission %s) on the parent", what, msg, Role, Permission)
	case codes.Unauthenticated:
		return fmt.Sprintf("reading %s failed: the credentials were not accepted (UNAUTHENTICATED: %s); check Application Default Credentials or access_token", what, msg)
	case codes.FailedPrecondition:
		return fmt.Sprintf("Security Command Center is not activated for %s, or its tier does not include Security Health Analytics (FAILED_PRECONDITION: %s)", what, msg)
	case codes.NotFound:
		return fmt.Sprintf("%s: the parent was not found (NOT_FOUND: %s)", what, msg)
	case codes.InvalidArgument:
		return fmt.Sprintf("reading %s was refused (INVALID_ARGUMENT: %s)", what, msg)
	case codes.ResourceExhausted:
		ra := "none"
		if retryAfter > 0 {
			ra = retryAfter.String()
		}
		return fmt.Sprintf("reading %s was throttled (RESOURCE_EXHAUSTED, retry delay asked: %s) through %d retries: %s", what, ra, max(retries, 0), msg)
	case codes.Unavailable, codes.Internal, codes.Unknown, codes.DeadlineExceeded:
		return fmt.Sprintf("reading %s failed with a server error (%s) through %d retries: %s", what, st.Code(), max(retries, 0), msg)
	}
	return fmt.Sprintf("reading %s failed (%s: %s)", what, st.Code(), msg)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
