// Package liveazure reads Microsoft Defender for Cloud with the Azure SDK
// for Go (azidentity, armsecurity) — read-only — and judges its assessments
// with the catalog through internal/live/posture. It is free of
// terraform-plugin-framework types.
package liveazure

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/security/armsecurity"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/azure/resid"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

// Concurrency is how many subscriptions are read at once.
const Concurrency = 8

// ResourceType is the resource type of the verdict and its findings.
const ResourceType = "azure_defender_assessments"

// ReaderControlID names the error findings of a read that failed: not a
// catalog control but the precondition of every control the read judges.
const ReaderControlID = "azure-defender-assessments"

// Least privilege: the built-in role and the one permission the read needs.
const (
	Role       = "Security Reader"
	Permission = "Microsoft.Security/assessments/read"
	// MetadataPermission lists the assessment metadata (tenant level;
	// Security Reader grants it).
	MetadataPermission = "Microsoft.Security/assessmentMetadata/read"
)

// Source describes Defender for Cloud to the posture aggregator.
var Source = posture.Source{
	Name: "Defender for Cloud", Cloud: "azure", JoinPrefix: "azure-policy:", KeyFramework: "azure-defender:",
	ScopeNoun: "subscription", Attribute: "properties.status.code", ScopeMatch: "subscription_id", KeyMatch: "assessment_key",
	Remediation: "This Defender for Cloud recommendation is not in the baseline catalog: follow its remediation steps in Defender for Cloud " +
		"(Recommendations, or the assessment metadata's remediationDescription).",
}

// Config is how to reach Azure. Zero values mean the public cloud, the
// default credential chain and the SDK's retry defaults.
type Config struct {
	// Cloud: AzurePublic (default), AzureChina or AzureGovernment.
	Cloud string
	// ResourceManagerEndpoint and AuthorityHost override the cloud's.
	ResourceManagerEndpoint string
	AuthorityHost           string
	// MaxRetries of a throttled (429) or failed (5xx) call; 0 means 3.
	MaxRetries int
	// RetryDelay is the first back-off when the answer has no Retry-After.
	RetryDelay time.Duration
	// Credential replaces azidentity's default chain (tests, embedding).
	Credential azcore.TokenCredential
}

// Query says what to read.
type Query struct {
	// Subscriptions, or ManagementGroup: the scopes read.
	Subscriptions   []string
	ManagementGroup string
	posture.Query
}

// Report is what Read read and judged.
type Report struct {
	// Calls counts HTTP requests to Resource Manager (each retry too);
	// NonRead those that were not GET (always 0: the read is read-only).
	Calls, NonRead int
	// MetadataPages and Pages count the assessmentMetadata and assessment
	// pages read.
	MetadataPages, Pages     int
	AssessmentsRead, Tallied int
	Scopes                   []string
	Controls                 []posture.Summary
	// Results holds the read errors first, then one result per
	// recommendation and subscription; judge them with engine.JudgeExternal.
	Results []engine.ExternalResult
}

var (
	guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	mgPattern   = regexp.MustCompile(`^[A-Za-z0-9_().-]{1,90}$`)
)

// IsGUID reports whether s is a GUID (a subscription id, an assessment key).
func IsGUID(s string) bool { return guidPattern.MatchString(s) }

// IsManagementGroup reports whether s is a valid management group name.
func IsManagementGroup(s string) bool { return mgPattern.MatchString(s) }

// CloudConfig returns the cloud configuration cfg names, with overrides.
func CloudConfig(cfg Config) (cloud.Configuration, error) {
	var c cloud.Configuration
	switch strings.ToLower(cfg.Cloud) {
	case "", "azurepublic", "azurecloud", "public":
		c = cloud.AzurePublic
	case "azurechina", "azurechinacloud", "china":
		c = cloud.AzureChina
	case "azuregovernment", "azureusgovernment", "usgovernment":
		c = cloud.AzureGovernment
	default:
		return c, fmt.Errorf("unknown Azure cloud %q: use AzurePublic, AzureChina or AzureGovernment", cfg.Cloud)
	}
	services := map[cloud.ServiceName]cloud.ServiceConfiguration{}
	for k, v := range c.Services {
		services[k] = v
	}
	c.Services = services
	if cfg.ResourceManagerEndpoint != "" {
		rm := c.Services[cloud.ResourceManager]
		rm.Endpoint = strings.TrimRight(cfg.ResourceManagerEndpoint, "/")
		c.Services[cloud.ResourceManager] = rm
	}
	if cfg.AuthorityHost != "" {
		c.ActiveDirectoryAuthorityHost = strings.TrimRight(cfg.AuthorityHost, "/") + "/"
	}
	return c, nil
}

// counter counts the requests sent (each try) and those that are not GET.
type counter struct{ calls, nonRead atomic.Int64 }

func (c *counter) Do(req *policy.Request) (*http.Response, error) {
	c.calls.Add(1)
	if req.Raw().Method != http.MethodGet {
		c.nonRead.Add(1)
	}
	return req.Next()
}

func readerControl() *engine.Control {
	c := engine.ExternalControl(ReaderControlID, "Defender for Cloud assessments can be read", engine.SeverityHigh, engine.Customer, "SaaS", nil,
		"Grant the identity the "+Role+" role (it holds "+Permission+" and "+MetadataPermission+") on every subscription or the management group read, "+
			"enable Defender for Cloud there (the Microsoft.Security resource provider registered; the free Foundational CSPM suffices), and rerun; "+
			"throttling that outlasts the retries goes away with a later run.")
	c.Cloud = "azure"
	return c
}

type meta struct {
	title    string
	severity engine.Severity
	join     string
}

// Read reads the Defender for Cloud assessments of q's scopes — one pass
// over the assessment metadata, then one pass of pages per scope following
// nextLink, tallied as they arrive — and returns them as external results
// joined to eng's catalog. A failed read (no credential, permission denied,
// Defender for Cloud not enabled, throttled or failing through every retry,
// a malformed page) is an error result naming its cause, never a pass; only
// a configuration error or the end of ctx is returned as an error.
func Read(ctx context.Context, cfg Config, eng *engine.Engine, opts engine.Options, q Query) (*Report, error) {
	cc, err := CloudConfig(cfg)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	reader := readerControl()
	fail := func(attr, format string, args ...any) {
		rep.Results = append(rep.Results, engine.ExternalResult{Control: reader, Always: true, Outcome: engine.Errored(attr, "%s", fmt.Sprintf(format, args...))})
	}
	scopes := scopesOf(q)
	if len(scopes) == 0 {
		return nil, errors.New("no subscription or management group to read")
	}
	for _, s := range scopes {
		rep.Scopes = append(rep.Scopes, s.name)
	}
	retries := cfg.MaxRetries
	if retries == 0 {
		retries = 3
	}
	cnt := &counter{}
	copts := policy.ClientOptions{Cloud: cc, Retry: policy.RetryOptions{MaxRetries: int32(retries), RetryDelay: cfg.RetryDelay}, PerRetryPolicies: []policy.Policy{cnt}}
	cred := cfg.Credential
	if cred == nil {
		cred, err = azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
			ClientOptions: policy.ClientOptions{Cloud: cc}, DisableInstanceDiscovery: cfg.AuthorityHost != "",
		})
		if err != nil {
			fail("credential", "no Azure credential could be built (azidentity default chain: environment, workload identity, managed identity, Azure CLI), so no Defender for Cloud assessment was read: %s", err)
			return rep, nil
		}
	}
	aopts := &arm.ClientOptions{ClientOptions: copts, DisableRPRegistration: true}
	defer func() { rep.Calls, rep.NonRead = int(cnt.calls.Load()), int(cnt.nonRead.Load()) }()

	// 1. The assessment metadata: severity, display name and the Azure
	// Policy definition of every assessment type, tenant-wide (a few hundred
	// entries, not per resource).
	mc, err := armsecurity.NewAssessmentsMetadataClient(firstSubscription(q), cred, aopts)
	if err != nil {
		return nil, err
	}
	metas := map[string]meta{}
	mp := mc.NewListPager(nil)
	for mp.More() {
		page, err := mp.NextPage(ctx)
		rep.MetadataPages++
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			fail("assessmentMetadata", "%s", explain(err, "the assessment metadata (GET /providers/Microsoft.Security/assessmentMetadata)", MetadataPermission, retries))
			return rep, nil
		}
		for _, m := range page.Value {
			if m == nil || m.Name == nil || m.Properties == nil {
				continue
			}
			p := m.Properties
			mm := meta{title: deref(p.DisplayName)}
			if p.Severity != nil {
				mm.severity = severityOf(string(*p.Severity))
			}
			mm.join = resid.PolicyGUID(deref(p.PolicyDefinitionID))
			metas[strings.ToLower(*m.Name)] = mm
		}
	}

	// 2. The assessments of each scope, page by page.
	ac, err := armsecurity.NewAssessmentsClient(cred, aopts)
	if err != nil {
		return nil, err
	}
	agg := posture.New(Source, eng, opts, q.Query)
	// Scopes are read Concurrency at a time; each page is tallied under mu
	// as it arrives (one page per worker in memory).
	var mu sync.Mutex
	var ctxErr error
	work := make(chan scope)
	var wg sync.WaitGroup
	for w := 0; w < min(Concurrency, len(scopes)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var it posture.Item
			for s := range work {
				read := 0
				p := ac.NewListPager(s.path, nil)
				failed := false
				for p.More() {
					page, err := p.NextPage(ctx)
					mu.Lock()
					rep.Pages++
					if err != nil {
						if ctx.Err() != nil {
							ctxErr = ctx.Err()
						} else {
							fail("assessments", "%s (after %d assessments; the recommendations of the assessments not read cannot be judged)",
								explain(err, s.desc+" (GET /"+s.path+"/providers/Microsoft.Security/assessments)", Permission, retries), read)
						}
						mu.Unlock()
						failed = true
						break
					}
					for _, a := range page.Value {
						if a == nil {
							continue
						}
						read++
						item(a, metas, s, &it)
						agg.Add(&it)
					}
					mu.Unlock()
				}
				if !failed && read == 0 {
					mu.Lock()
					fail("assessments", "Defender for Cloud returned no assessment for %s: Defender for Cloud is not enabled there (no CSPM plan, or the Microsoft.Security resource provider is not registered), "+
						"or the scope holds no resource it assesses; nothing there can be judged, so this is not a pass", s.desc)
					mu.Unlock()
				}
			}
		}()
	}
	for _, s := range scopes {
		work <- s
	}
	close(work)
	wg.Wait()
	if ctxErr != nil {
		return nil, ctxErr
	}
	sortErrors(rep.Results)
	rep.AssessmentsRead, rep.Tallied = agg.Read()
	results, sums := agg.Results()
	rep.Results = append(rep.Results, results...)
	rep.Controls = sums
	return rep, nil
}

type scope struct{ name, path, desc string }

func scopesOf(q Query) []scope {
	if q.ManagementGroup != "" {
		return []scope{{q.ManagementGroup, "providers/Microsoft.Management/managementGroups/" + q.ManagementGroup, "management group " + q.ManagementGroup}}
	}
	subs := append([]string{}, q.Subscriptions...)
	sort.Strings(subs)
	out := make([]scope, 0, len(subs))
	for _, s := range subs {
		out = append(out, scope{s, "subscriptions/" + s, "subscription " + s})
	}
	return out
}

func firstSubscription(q Query) string {
	if len(q.Subscriptions) > 0 {
		return q.Subscriptions[0]
	}
	return "00000000-0000-0000-0000-000000000000" // the tenant-level list does not use it
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func severityOf(s string) engine.Severity {
	switch strings.ToLower(s) {
	case "critical":
		return engine.SeverityCritical
	case "high":
		return engine.SeverityHigh
	case "medium":
		return engine.SeverityMedium
	case "low":
		return engine.SeverityLow
	}
	return engine.SeverityMedium
}

// item copies what the aggregator reads of an assessment into out.
func item(a *armsecurity.AssessmentResponse, metas map[string]meta, s scope, out *posture.Item) {
	key := strings.ToLower(deref(a.Name))
	m := metas[key]
	*out = posture.Item{Key: key, Join: m.join, Severity: m.severity, Title: m.title, State: posture.Unhealthy}
	resource := ""
	if p := a.Properties; p != nil {
		if out.Title == "" {
			out.Title = deref(p.DisplayName)
		}
		if p.Metadata != nil {
			if out.Severity == "" && p.Metadata.Severity != nil {
				out.Severity = severityOf(string(*p.Metadata.Severity))
			}
			if out.Join == "" {
				out.Join = resid.PolicyGUID(deref(p.Metadata.PolicyDefinitionID))
			}
		}
		if p.Status != nil && p.Status.Code != nil {
			switch strings.ToLower(string(*p.Status.Code)) {
			case "healthy":
				out.State = posture.Healthy
			case "notapplicable":
				out.State = posture.NotApplicable
			}
		}
		if d, ok := p.ResourceDetails.(*armsecurity.AzureResourceDetails); ok && d != nil {
			resource = deref(d.ID)
		}
	}
	if resource == "" {
		// The assessment id is <resource id>/providers/Microsoft.Security/assessments/<key>.
		id := deref(a.ID)
		if i := strings.Index(strings.ToLower(id), "/providers/microsoft.security/assessments/"); i > 0 {
			resource = id[:i]
		} else {
			resource = id
		}
	}
	if out.Severity == "" {
		out.Severity = engine.SeverityMedium
	}
	out.Resource = resource
	out.ResourceType = resid.ResourceTypeOf(resource)
	out.Scope = resid.SubscriptionOf(resource)
	if out.Scope == "" {
		out.Scope = s.name
	}
}

// explain turns a failed call into a sentence naming the cause.
func explain(err error, what, permission string, retries int) string {
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		retryAfter := ""
		if re.RawResponse != nil {
			retryAfter = re.RawResponse.Header.Get("Retry-After")
		}
		switch {
		case re.StatusCode == http.StatusUnauthorized || re.StatusCode == http.StatusForbidden:
			return fmt.Sprintf("reading %s was denied (HTTP %d %s): the identity needs the %s role (permission %s) on that scope", what, re.StatusCode, re.ErrorCode, Role, permission)
		case re.ErrorCode == "MissingSubscriptionRegistration" || re.ErrorCode == "SubscriptionNotRegistered":
			return fmt.Sprintf("Defender for Cloud is not enabled for %s: the Microsoft.Security resource provider is not registered (HTTP %d %s); register it and turn on Defender for Cloud (the provider never registers it itself: the read is read-only)", what, re.StatusCode, re.ErrorCode)
		case re.StatusCode == http.StatusNotFound:
			return fmt.Sprintf("%s was not found (HTTP 404 %s): the subscription or management group does not exist or the identity cannot see it (it needs the %s role there)", what, re.ErrorCode, Role)
		case re.StatusCode == http.StatusTooManyRequests:
			return fmt.Sprintf("reading %s was throttled by Resource Manager (HTTP 429 %s, Retry-After: %s) through %d retries", what, re.ErrorCode, orNone(retryAfter), max(retries, 0))
		case re.StatusCode >= 500:
			return fmt.Sprintf("reading %s failed with a server error (HTTP %d %s) through %d retries", what, re.StatusCode, re.ErrorCode, max(retries, 0))
		}
		return fmt.Sprintf("reading %s failed (HTTP %d %s)", what, re.StatusCode, re.ErrorCode)
	}
	var af *azidentity.AuthenticationFailedError
	if errors.As(err, &af) {
		return fmt.Sprintf("no token for reading %s: authentication failed (%s)", what, firstLine(af.Error()))
	}
	if strings.Contains(err.Error(), "unmarshalling") || strings.Contains(err.Error(), "invalid character") || strings.Contains(err.Error(), "unexpected end of JSON") {
		return fmt.Sprintf("a page of %s was malformed (not the JSON of the Azure REST API): %s", what, firstLine(err.Error()))
	}
	return fmt.Sprintf("reading %s failed: %s", what, firstLine(err.Error()))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
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

// sortErrors orders the error results (all there is before the tally's) by
// message, so concurrent reads report in a stable order.
func sortErrors(rs []engine.ExternalResult) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Outcome.Message < rs[j].Outcome.Message })
}
