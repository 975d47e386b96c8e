package cloudemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// Defender emulates, over HTTPS, what the Azure SDK for Go calls to read
// Defender for Cloud:
//   - Microsoft Entra ID (the authority host): the tenant's OpenID
//     configuration and the v2.0 token endpoint (client credentials), as
//     azidentity's EnvironmentCredential (client secret) uses them;
//   - Azure Resource Manager: GET /providers/Microsoft.Security/assessmentMetadata
//     and GET /{scope}/providers/Microsoft.Security/assessments for a
//     subscription or a management group, paged with nextLink (absolute URLs
//     carrying $skipToken), in the JSON of the Azure REST API specs'
//     examples (Assessments_List, AssessmentsMetadata_List).
//
// Every ARM request must carry the bearer token the token endpoint issued.
// Faults answer a path with an ARM error body (and Retry-After), or with a
// malformed page.
type Defender struct {
	URL      string // https://127.0.0.1:port (authority host and ARM endpoint)
	Tenant   string
	ClientID string
	Secret   string
	// PageSize is how many values a page holds (default 100).
	PageSize int

	srv      *httptest.Server
	mu       sync.Mutex
	token    string
	metadata []Metadata
	subs     []string
	data     Assessments
	mgs      map[string][]string
	faults   []*Fault
	requests []Request
}

// Request is one request the server answered.
type Request struct{ Method, Path string }

// Metadata is one assessment type (assessmentMetadata).
type Metadata struct {
	Key, DisplayName, Severity, PolicyDefinitionGUID string
}

// Assessment is one resource's assessment.
type Assessment struct {
	Key, ResourceID, Status string // Status: Healthy, Unhealthy, NotApplicable
	DisplayName             string
}

// Assessments gives the assessments of a subscription by position, so that
// large data sets need not be held (benchmarks generate them).
type Assessments interface {
	Len(sub string) int
	At(sub string, i int) Assessment
}

// Seed holds assessments per subscription.
type Seed map[string][]Assessment

// Len implements Assessments.
func (s Seed) Len(sub string) int { return len(s[sub]) }

// At implements Assessments.
func (s Seed) At(sub string, i int) Assessment { return s[sub][i] }

// Fault answers requests whose path contains PathContains (all when "").
type Fault struct {
	PathContains string
	Status       int
	Code         string
	RetryAfter   string
	// Malformed answers 200 with a body that is not JSON.
	Malformed bool
	// Times limits how often it fires (0: always).
	Times int
	hits  int
}

// Hits reports how often the fault fired.
func (f *Fault) Hits() int { return f.hits }

// NewDefender starts the server; Close stops it.
func NewDefender(ca *CA, metadata []Metadata, subs []string, data Assessments) *Defender {
	d := &Defender{Tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47", ClientID: "00000000-0000-0000-0000-00000000c11e", Secret: "test-secret",
		PageSize: 100, token: "emulated-arm-token", metadata: metadata, subs: subs, data: data, mgs: map[string][]string{}}
	d.srv = httptest.NewUnstartedServer(http.HandlerFunc(d.serve))
	d.srv.TLS = ca.ServerTLS()
	d.srv.StartTLS()
	d.URL = d.srv.URL
	return d
}

// Close stops the server.
func (d *Defender) Close() { d.srv.Close() }

// ManagementGroup makes name hold subs.
func (d *Defender) ManagementGroup(name string, subs ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.mgs[strings.ToLower(name)] = subs
}

// Inject adds a fault.
func (d *Defender) Inject(f Fault) *Fault {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.faults = append(d.faults, &f)
	return &f
}

// Clear removes faults and the request log.
func (d *Defender) Clear() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.faults, d.requests = nil, nil
}

// Requests returns the requests answered so far.
func (d *Defender) Requests() []Request {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Request{}, d.requests...)
}

// Env is the environment of azidentity's EnvironmentCredential for this
// server's tenant and client.
func (d *Defender) Env() map[string]string {
	return map[string]string{"AZURE_TENANT_ID": d.Tenant, "AZURE_CLIENT_ID": d.ClientID, "AZURE_CLIENT_SECRET": d.Secret}
}

func (d *Defender) serve(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	d.requests = append(d.requests, Request{r.Method, r.URL.Path})
	var fault *Fault
	for _, f := range d.faults {
		if (f.PathContains == "" || strings.Contains(strings.ToLower(r.URL.Path), strings.ToLower(f.PathContains))) && (f.Times == 0 || f.hits < f.Times) &&
			!strings.Contains(r.URL.Path, "/oauth2/") && !strings.Contains(r.URL.Path, "openid-configuration") {
			f.hits++
			fault = f
			break
		}
	}
	d.mu.Unlock()
	path := r.URL.Path
	switch {
	case strings.HasSuffix(path, "/v2.0/.well-known/openid-configuration"):
		d.openID(w, r)
		return
	case strings.HasSuffix(path, "/oauth2/v2.0/token"):
		d.tokenEndpoint(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+d.token {
		armError(w, http.StatusUnauthorized, "InvalidAuthenticationToken", "The access token is missing or invalid.", "")
		return
	}
	if r.Method != http.MethodGet {
		armError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "The emulator answers reads only.", "")
		return
	}
	if fault != nil {
		if fault.Malformed {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"value": [{"id": "/subscriptions/`))
			return
		}
		msg := map[string]string{
			"AuthorizationFailed":             "The client '" + d.ClientID + "' with object id '" + d.ClientID + "' does not have authorization to perform action 'Microsoft.Security/assessments/read' over scope '" + path + "' or the scope is invalid.",
			"MissingSubscriptionRegistration": "The subscription is not registered to use namespace 'Microsoft.Security'. See https://aka.ms/rps-not-found for how to register subscriptions.",
			"TooManyRequests":                 "The request is being throttled.",
		}[fault.Code]
		if msg == "" {
			msg = "The emulator was told to fail this request."
		}
		armError(w, fault.Status, fault.Code, msg, fault.RetryAfter)
		return
	}
	lower := strings.ToLower(path)
	switch {
	case lower == "/providers/microsoft.security/assessmentmetadata":
		d.metadataPage(w, r)
	case strings.HasSuffix(lower, "/providers/microsoft.security/assessments"):
		d.assessmentsPage(w, r, strings.TrimSuffix(lower, "/providers/microsoft.security/assessments"))
	default:
		armError(w, http.StatusNotFound, "NotFound", "No route for "+path, "")
	}
}

func armError(w http.ResponseWriter, status int, code, msg, retryAfter string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-ms-error-code", code)
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func (d *Defender) openID(w http.ResponseWriter, _ *http.Request) {
	base := d.URL + "/" + d.Tenant
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"token_endpoint": base + "/oauth2/v2.0/token", "authorization_endpoint": base + "/oauth2/v2.0/authorize",
		"issuer": base + "/v2.0", "token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"response_types_supported": []string{"code", "id_token", "code id_token", "id_token token"}, "tenant_region_scope": "EU",
	})
}

func (d *Defender) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
		r.PostForm.Get("client_id") != d.ClientID || r.PostForm.Get("client_secret") != d.Secret {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}`))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": d.token})
}

func (d *Defender) page(r *http.Request, n int) (from, to int, next string) {
	from, _ = strconv.Atoi(r.URL.Query().Get("$skipToken"))
	if from < 0 || from > n {
		from = n
	}
	to = min(from+d.PageSize, n)
	if to < n {
		q := url.Values{"api-version": {r.URL.Query().Get("api-version")}, "$skipToken": {strconv.Itoa(to)}}
		next = d.URL + r.URL.Path + "?" + q.Encode()
	}
	return from, to, next
}

func writeJSON(w http.ResponseWriter, v any) {
	var b bytes.Buffer
	_ = json.NewEncoder(&b).Encode(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

func (d *Defender) metadataPage(w http.ResponseWriter, r *http.Request) {
	from, to, next := d.page(r, len(d.metadata))
	values := make([]any, 0, to-from)
	for _, m := range d.metadata[from:to] {
		props := map[string]any{"displayName": m.DisplayName, "severity": m.Severity, "assessmentType": "BuiltIn", "categories": []string{"Compute"},
			"description": m.DisplayName + ".", "remediationDescription": "See the recommendation.", "userImpact": "Low", "implementationEffort": "Low"}
		if m.PolicyDefinitionGUID != "" {
			props["policyDefinitionId"] = "/providers/Microsoft.Authorization/policyDefinitions/" + m.PolicyDefinitionGUID
		}
		values = append(values, map[string]any{"id": "/providers/Microsoft.Security/assessmentMetadata/" + m.Key, "name": m.Key,
			"type": "Microsoft.Security/assessmentMetadata", "properties": props})
	}
	body := map[string]any{"value": values}
	if next != "" {
		body["nextLink"] = next
	}
	writeJSON(w, body)
}

// assessmentsPage pages the assessments of a subscription, or of every
// subscription of a management group, in one numbering.
func (d *Defender) assessmentsPage(w http.ResponseWriter, r *http.Request, scope string) {
	var subs []string
	switch {
	case strings.HasPrefix(scope, "/subscriptions/"):
		sub := strings.TrimPrefix(scope, "/subscriptions/")
		known := false
		for _, s := range d.subs {
			known = known || strings.EqualFold(s, sub)
		}
		if !known {
			armError(w, http.StatusNotFound, "SubscriptionNotFound", fmt.Sprintf("The subscription '%s' could not be found.", sub), "")
			return
		}
		subs = []string{sub}
	case strings.HasPrefix(scope, "/providers/microsoft.management/managementgroups/"):
		d.mu.Lock()
		subs = d.mgs[strings.TrimPrefix(scope, "/providers/microsoft.management/managementgroups/")]
		d.mu.Unlock()
		if subs == nil {
			armError(w, http.StatusNotFound, "ManagementGroupNotFound", "The management group could not be found.", "")
			return
		}
	default:
		armError(w, http.StatusBadRequest, "InvalidScope", "Unsupported scope "+scope, "")
		return
	}
	total := 0
	for _, s := range subs {
		total += d.data.Len(s)
	}
	from, to, next := d.page(r, total)
	values := make([]any, 0, to-from)
	i := 0
	for _, s := range subs {
		n := d.data.Len(s)
		for j := max(from-i, 0); j < n && i+j < to; j++ {
			a := d.data.At(s, j)
			status := map[string]any{"code": a.Status}
			if a.Status == "Unhealthy" {
				status["cause"] = "OffByPolicy"
				status["description"] = "The resource does not follow the recommendation."
			}
			values = append(values, map[string]any{
				"type": "Microsoft.Security/assessments", "id": a.ResourceID + "/providers/Microsoft.Security/assessments/" + a.Key, "name": a.Key,
				"properties": map[string]any{"displayName": a.DisplayName, "status": status,
					"resourceDetails": map[string]any{"source": "Azure", "id": a.ResourceID}},
			})
		}
		i += n
		if i >= to {
			break
		}
	}
	body := map[string]any{"value": values}
	if next != "" {
		body["nextLink"] = next
	}
	writeJSON(w, body)
}

// Addr returns host:port of the server.
func (d *Defender) Addr() string {
	u, _ := url.Parse(d.URL)
	return net.JoinHostPort(u.Hostname(), u.Port())
}
