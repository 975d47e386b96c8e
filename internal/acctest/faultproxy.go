package acctest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

// FaultProxy is a reverse proxy in front of moto that injects faults (error
// answers such as AccessDenied, 429 or 503, and slow answers) into chosen
// operations, and serves explicit stubs for operations moto lacks. Live-mode
// tests point the provider's endpoints at it instead of at moto.
type FaultProxy struct {
	URL   string
	srv   *httptest.Server
	proxy *httputil.ReverseProxy

	mu    sync.Mutex
	rules []*Fault
	stubs map[string]Stub
	seen  map[string]int
}

// Fault is one injected fault. Service is the SigV4 signing name ("s3" for S3
// and S3 Control, "ec2", "cloudtrail", "config", "guardduty", "securityhub",
// "iam", "rds", "sts"); Operation the API operation name; "" matches any.
type Fault struct {
	Service   string
	Operation string
	// Status and Code make the answer an AWS error in the service's protocol
	// (XML or JSON); Status 0 forwards the request.
	Status int
	Code   string
	// Delay holds the answer back, honouring the client's cancellation.
	Delay time.Duration
	// Times limits the fault to the first n matching requests (0: always).
	Times int
	hits  int
}

// Hits returns how many requests the fault answered.
func (f *Fault) Hits() int { return f.hits }

// Stub answers an operation moto does not implement.
type Stub struct {
	Status int
	Body   string
	// Why documents the moto gap the stub covers.
	Why string
}

// NewFaultProxy starts a proxy in front of target (moto's endpoint).
func NewFaultProxy(target string) *FaultProxy {
	u, err := url.Parse(target)
	if err != nil {
		panic(err)
	}
	p := &FaultProxy{proxy: httputil.NewSingleHostReverseProxy(u), stubs: map[string]Stub{}, seen: map[string]int{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	p.URL = p.srv.URL
	return p
}

// Close stops the proxy.
func (p *FaultProxy) Close() { p.srv.Close() }

// Inject adds a fault and returns it (to read its hits).
func (p *FaultProxy) Inject(f Fault) *Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	fp := &f
	p.rules = append(p.rules, fp)
	return fp
}

// Clear removes every fault (stubs stay).
func (p *FaultProxy) Clear() {
	p.mu.Lock()
	p.rules = nil
	p.mu.Unlock()
}

// Stub answers service/operation with s instead of forwarding it to moto.
func (p *FaultProxy) Stub(service, operation string, s Stub) {
	p.mu.Lock()
	p.stubs[service+" "+operation] = s
	p.mu.Unlock()
}

// Seen returns how many requests reached the proxy for service/operation
// (every attempt, retries included).
func (p *FaultProxy) Seen(service, operation string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seen[service+" "+operation]
}

var credentialScope = regexp.MustCompile(`Credential=[^/]+/[0-9]+/[^/]+/([^/]+)/aws4_request`)

// Identify names the signing service and operation of an AWS request.
func Identify(r *http.Request, body []byte) (service, operation string) {
	if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		service = m[1]
	}
	if t := r.Header.Get("X-Amz-Target"); t != "" {
		return service, t[strings.LastIndexByte(t, '.')+1:]
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if v, err := url.ParseQuery(string(body)); err == nil && v.Get("Action") != "" {
			return service, v.Get("Action")
		}
	}
	q := r.URL.Query()
	path := r.URL.Path
	switch service {
	case "s3":
		if strings.HasPrefix(path, "/v20180820/configuration/publicAccessBlock") {
			return service, r.Method[:1] + strings.ToLower(r.Method[1:]) + "PublicAccessBlock"
		}
		if r.Method == http.MethodHead {
			return service, "HeadBucket"
		}
		if r.Method == http.MethodGet && (path == "/" || path == "") {
			return service, "ListBuckets"
		}
		if r.Method == http.MethodGet {
			for key, op := range map[string]string{
				"policy": "GetBucketPolicy", "publicAccessBlock": "GetPublicAccessBlock", "acl": "GetBucketAcl",
				"ownershipControls": "GetBucketOwnershipControls", "encryption": "GetBucketEncryption",
				"logging": "GetBucketLogging", "versioning": "GetBucketVersioning", "tagging": "GetBucketTagging",
				"policyStatus": "GetBucketPolicyStatus",
			} {
				if _, ok := q[key]; ok {
					return service, op
				}
			}
		}
	case "securityhub":
		switch {
		case r.Method == http.MethodGet && path == "/accounts":
			return service, "DescribeHub"
		case r.Method == http.MethodPost && path == "/standards/get":
			return service, "GetEnabledStandards"
		case r.Method == http.MethodPost && path == "/findings":
			return service, "GetFindings"
		case r.Method == http.MethodPost && path == "/findings/import":
			return service, "BatchImportFindings"
		case r.Method == http.MethodGet && path == "/administrator":
			return service, "GetAdministratorAccount"
		}
	case "guardduty":
		switch {
		case r.Method == http.MethodGet && path == "/detector":
			return service, "ListDetectors"
		case r.Method == http.MethodGet && strings.HasPrefix(path, "/detector/") && strings.Count(path, "/") == 2:
			return service, "GetDetector"
		}
	}
	return service, r.Method + " " + path
}

func (p *FaultProxy) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	service, op := Identify(r, body)

	p.mu.Lock()
	p.seen[service+" "+op]++
	var fault *Fault
	for _, f := range p.rules {
		if (f.Service == "" || f.Service == service) && (f.Operation == "" || f.Operation == op) && (f.Times == 0 || f.hits < f.Times) {
			f.hits++
			fault = f
			break
		}
	}
	stub, stubbed := p.stubs[service+" "+op]
	p.mu.Unlock()

	if fault != nil && fault.Delay > 0 {
		select {
		case <-time.After(fault.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if fault != nil && fault.Status != 0 {
		writeAWSError(w, service, fault.Status, fault.Code)
		return
	}
	if stubbed {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(stub.Status)
		_, _ = io.WriteString(w, stub.Body)
		return
	}
	p.proxy.ServeHTTP(w, r)
}

// writeAWSError answers with an error in the protocol of service.
func writeAWSError(w http.ResponseWriter, service string, status int, code string) {
	msg := fmt.Sprintf("injected by the test proxy: %s", code)
	switch service {
	case "s3":
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>test</RequestId></Error>`, code, msg)
	case "ec2":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>test</RequestID></Response>`, code, msg)
	case "iam", "sts", "rds":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>test</RequestId></ErrorResponse>`, code, msg)
	case "cloudtrail", "config":
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
	default: // rest-json: guardduty, securityhub
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-Errortype", code)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message":%q}`, msg)
	}
}
