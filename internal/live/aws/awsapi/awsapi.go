// Package awsapi calls a few AWS read operations without the generated
// service clients of aws-sdk-go-v2, whose code (all of a service's
// operations, kept whole by the linker) dominated the provider binary. It is
// built on the SDK's core: the aws.Config that config.LoadDefaultConfig
// loads (credentials chain, Region, HTTP client, retryer), the SigV4 signer,
// the SDK's error types (smithy.APIError inside awshttp.ResponseError, so
// errors.As works as on a generated client's errors) and the configured
// endpoint sources (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the shared
// config's services section, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).
//
// The protocols are implemented only as far as read calls need: the Query
// protocols (EC2's and RDS's: POST of a form with Action and Version, an
// XML answer), REST-XML (S3 Control), REST-JSON (Security Hub, GuardDuty)
// and AWS JSON 1.1 (CloudTrail, Config).
package awsapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Protocol is a service's wire protocol.
type Protocol uint8

// The protocols Client speaks.
const (
	EC2Query Protocol = iota // also the Query protocol of RDS and IAM
	RESTXML
	RESTJSON
	JSON11
)

// Service describes one AWS service as the SDK names it.
type Service struct {
	// ID is the SDK service id ("EC2"): the suffix of
	// AWS_ENDPOINT_URL_<ID> (upper case, spaces as underscores) and the key
	// of the shared config's services section.
	ID string
	// SigningName is the SigV4 service name ("ec2").
	SigningName string
	// EndpointPrefix is the first label of the service's host name ("ec2").
	EndpointPrefix string
	// DualStackPrefix, when set, replaces EndpointPrefix in dual-stack host
	// names that keep the partition's DNS suffix ("s3-control.dualstack").
	DualStackPrefix string
	// Version is the API version sent with every Query call ("2016-11-15").
	Version  string
	Protocol Protocol
	// TargetPrefix is the X-Amz-Target prefix of AWS JSON 1.1 calls
	// ("CloudTrail_20131101").
	TargetPrefix string
}

// Client calls one service.
type Client struct {
	svc        Service
	cfg        aws.Config
	endpoint   *url.URL
	configured bool
	signer     *v4.Signer
	onCall     func(operation string)
}

// New returns a client of svc for cfg. endpoint, when not empty, overrides
// every other endpoint source (the provider's endpoints block); onCall, when
// not nil, is told each operation once per call (not per attempt).
func New(cfg aws.Config, svc Service, endpoint string, onCall func(operation string)) (*Client, error) {
	if cfg.Region == "" {
		return nil, errors.New("no AWS Region")
	}
	u, configured, err := ResolveEndpoint(cfg, svc, endpoint)
	if err != nil {
		return nil, err
	}
	return &Client{svc: svc, cfg: cfg, endpoint: u, configured: configured, signer: v4.NewSigner(), onCall: onCall}, nil
}

// Endpoint returns the URL requests go to.
func (c *Client) Endpoint() string { return c.endpoint.String() }

type serviceEndpointSource interface {
	GetServiceBaseEndpoint(ctx context.Context, sdkID string) (string, bool, error)
}

type ignoreEndpointsSource interface {
	GetIgnoreConfiguredEndpoints(ctx context.Context) (bool, bool, error)
}

type fipsSource interface {
	GetUseFIPSEndpoint(ctx context.Context) (aws.FIPSEndpointState, bool, error)
}

type dualStackSource interface {
	GetUseDualStackEndpoint(ctx context.Context) (aws.DualStackEndpointState, bool, error)
}

// ResolveEndpoint returns the base URL of svc: override if set, else the
// service's configured endpoint (AWS_ENDPOINT_URL_<ID> or the shared
// config's services section), else the global one (cfg.BaseEndpoint, from
// AWS_ENDPOINT_URL or endpoint_url), else the service's public endpoint in
// cfg.Region, with FIPS or dual-stack host names when configured.
// configured reports an endpoint that was given (not the public one).
func ResolveEndpoint(cfg aws.Config, svc Service, override string) (u *url.URL, configured bool, err error) {
	ctx := context.Background()
	base := override
	if base == "" {
		ignore := false
		for _, s := range cfg.ConfigSources {
			if p, ok := s.(ignoreEndpointsSource); ok {
				if v, found, err := p.GetIgnoreConfiguredEndpoints(ctx); err == nil && found {
					ignore = v
					break
				}
			}
		}
		if !ignore {
			for _, s := range cfg.ConfigSources {
				if p, ok := s.(serviceEndpointSource); ok {
					v, found, err := p.GetServiceBaseEndpoint(ctx, svc.ID)
					if err != nil {
						return nil, false, fmt.Errorf("endpoint of %s: %w", svc.ID, err)
					}
					if found {
						base = v
						break
					}
				}
			}
		}
		// A global AWS_ENDPOINT_URL wins over a service entry of the shared
		// config, not over the service's own variable (as the SDK does).
		_, global := os.LookupEnv("AWS_ENDPOINT_URL")
		_, own := os.LookupEnv("AWS_ENDPOINT_URL_" + strings.ToUpper(strings.ReplaceAll(svc.ID, " ", "_")))
		if base == "" || (global && !own) {
			if cfg.BaseEndpoint != nil && *cfg.BaseEndpoint != "" {
				base = *cfg.BaseEndpoint
			}
		}
	}
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, false, fmt.Errorf("endpoint of %s: %q is not an absolute URL", svc.ID, base)
		}
		return u, true, nil
	}
	u, err = defaultEndpoint(cfg, svc)
	return u, false, err
}

// partition is the DNS suffix of a Region's partition.
func partition(region string) (name, suffix, dualStackSuffix string) {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov", "amazonaws.com", "api.aws"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b", "sc2s.sgov.gov", ""
	case strings.HasPrefix(region, "us-isof-"), strings.HasPrefix(region, "eu-isof-"):
		return "aws-iso-f", "csp.hci.ic.gov", ""
	case strings.HasPrefix(region, "eu-isoe-"):
		return "aws-iso-e", "cloud.adc-e.uk", ""
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso", "c2s.ic.gov", ""
	case strings.HasPrefix(region, "eusc-"):
		return "aws-eusc", "amazonaws.eu", ""
	}
	return "aws", "amazonaws.com", "api.aws"
}

func defaultEndpoint(cfg aws.Config, svc Service) (*url.URL, error) {
	region := cfg.Region
	for _, r := range region {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return nil, fmt.Errorf("region %q is not a valid host label", region)
		}
	}
	ctx := context.Background()
	fips, dual := false, false
	for _, s := range cfg.ConfigSources {
		if p, ok := s.(fipsSource); ok {
			if v, found, err := p.GetUseFIPSEndpoint(ctx); err == nil && found {
				fips = v == aws.FIPSEndpointStateEnabled
				break
			}
		}
	}
	for _, s := range cfg.ConfigSources {
		if p, ok := s.(dualStackSource); ok {
			if v, found, err := p.GetUseDualStackEndpoint(ctx); err == nil && found {
				dual = v == aws.DualStackEndpointStateEnabled
				break
			}
		}
	}
	name, suffix, dualSuffix := partition(region)
	prefix := svc.EndpointPrefix
	if fips && (name != "aws-us-gov" || dual) {
		prefix += "-fips"
	}
	if dual && svc.DualStackPrefix != "" {
		prefix = svc.DualStackPrefix
		if fips {
			prefix = strings.Replace(prefix, svc.EndpointPrefix, svc.EndpointPrefix+"-fips", 1)
		}
	} else if dual {
		if dualSuffix == "" {
			return nil, fmt.Errorf("dual-stack endpoints are not available in the %s partition of Region %s", name, region)
		}
		suffix = dualSuffix
	}
	return url.Parse("https://" + prefix + "." + region + "." + suffix)
}

// Request is one REST call.
type Request struct {
	Operation string
	Method    string
	Path      string
	Query     url.Values
	Header    http.Header
	// Body is sent as is (JSON for REST-JSON; a form for the Query protocol).
	Body []byte
	// HostPrefix is prepended to the host of the service's public endpoint
	// ("123456789012." for S3 Control); a configured endpoint is used as given.
	HostPrefix string
}

// Query calls action with params (the Query protocol's flattened members)
// and decodes the XML answer into out. Failed calls are retried as the
// configured retryer decides.
func (c *Client) Query(ctx context.Context, action string, params url.Values, out any) error {
	form := url.Values{}
	for k, v := range params {
		form[k] = v
	}
	form.Set("Action", action)
	form.Set("Version", c.svc.Version)
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return c.Do(ctx, Request{Operation: action, Method: http.MethodPost, Path: "/", Header: h, Body: []byte(form.Encode())}, decodeXML(out))
}

// JSON calls operation of an AWS JSON 1.1 service with in marshalled as the
// body and decodes the answer into out.
func (c *Client) JSON(ctx context.Context, operation string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.1")
	h.Set("X-Amz-Target", c.svc.TargetPrefix+"."+operation)
	return c.Do(ctx, Request{Operation: operation, Method: http.MethodPost, Path: "/", Header: h, Body: body}, DecodeJSON(out))
}

// Do sends r (retried as the configured retryer decides) and hands a
// successful answer's body to decode.
func (c *Client) Do(ctx context.Context, r Request, decode func(io.Reader) error) error {
	if c.onCall != nil {
		c.onCall(r.Operation)
	}
	return c.retry(ctx, func(ctx context.Context) error { return c.attempt(ctx, r, decode) })
}

func decodeXML(out any) func(io.Reader) error {
	return func(r io.Reader) error { return xml.NewDecoder(r).Decode(out) }
}

// DecodeXML decodes an XML answer into out.
func DecodeXML(out any) func(io.Reader) error { return decodeXML(out) }

// DecodeJSON decodes a JSON answer into out.
func DecodeJSON(out any) func(io.Reader) error {
	return func(r io.Reader) error { return json.NewDecoder(r).Decode(out) }
}

func (c *Client) retryer() aws.RetryerV2 {
	var r aws.Retryer
	if c.cfg.Retryer != nil {
		r = c.cfg.Retryer()
	}
	if r == nil {
		r = retry.NewStandard()
	}
	if v2, ok := r.(aws.RetryerV2); ok {
		return v2
	}
	return retryerV2{r}
}

type retryerV2 struct{ aws.Retryer }

func (r retryerV2) GetAttemptToken(context.Context) (func(error) error, error) {
	return r.GetInitialToken(), nil
}

func nopRelease(error) error { return nil }

// retry runs attempt as the SDK's retry middleware does: an attempt token
// per attempt (the adaptive mode's client-side rate limit), a retry-quota
// token per retry, the retryer's backoff between attempts, and
// retry.MaxAttemptsError once attempts run out on a retryable error.
func (c *Client) retry(ctx context.Context, attempt func(context.Context) error) error {
	r := c.retryer()
	maxAttempts := r.MaxAttempts()
	releaseRetry := nopRelease
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		releaseAttempt, err := r.GetAttemptToken(ctx)
		if err != nil {
			return fmt.Errorf("failed to get retry send token: %w", err)
		}
		err = attempt(ctx)
		_ = releaseRetry(err)
		_ = releaseAttempt(err)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || !r.IsErrorRetryable(err) {
			return err
		}
		if maxAttempts > 0 && n >= maxAttempts {
			return &retry.MaxAttemptsError{Attempt: n, Err: err}
		}
		releaseRetry, err = r.GetRetryToken(ctx, err)
		if err != nil {
			return err
		}
		delay, derr := r.RetryDelay(n, err)
		if derr != nil {
			return err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

func (c *Client) attempt(ctx context.Context, r Request, decode func(io.Reader) error) error {
	u := *c.endpoint
	if r.HostPrefix != "" && !c.configured {
		u.Host = r.HostPrefix + u.Host
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + r.Path
	if u.Path == "" {
		u.Path = "/"
	}
	u.RawQuery = r.Query.Encode()
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), bytes.NewReader(r.Body))
	if err != nil {
		return err
	}
	if len(r.Body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", "terraform-provider-baseline aws-sdk-go-v2/"+aws.SDKVersion)
	if c.cfg.Credentials != nil {
		creds, err := c.cfg.Credentials.Retrieve(ctx)
		if err != nil {
			return fmt.Errorf("failed to retrieve credentials: %w", err)
		}
		sum := sha256.Sum256(r.Body)
		hash := hex.EncodeToString(sum[:])
		if c.svc.SigningName == "s3" {
			req.Header.Set("X-Amz-Content-Sha256", hash)
		}
		if err := c.signer.SignHTTP(ctx, creds, req, hash, c.svc.SigningName, c.cfg.Region, time.Now().UTC()); err != nil {
			return fmt.Errorf("signing the request: %w", err)
		}
	}
	client := c.cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &smithyhttp.RequestSendError{Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.responseError(resp)
	}
	if err := decode(resp.Body); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &smithy.DeserializationError{Err: fmt.Errorf("decoding the %s %s answer: %w", c.svc.ID, r.Operation, err)}
	}
	return nil
}

// responseError reads an error answer: EC2's <Response><Errors><Error>,
// the Query and REST-XML <ErrorResponse><Error> or <Error>, REST-JSON's
// X-Amzn-Errortype header or __type/code member. An answer without a code
// (a bare 404 or 500) carries no APIError, as with the SDK's deserializers:
// its status decides.
func (c *Client) responseError(resp *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var code, msg, reqID string
	if c.svc.Protocol == RESTJSON || c.svc.Protocol == JSON11 {
		code, msg = jsonError(resp.Header.Get("X-Amzn-Errortype"), raw)
		reqID = resp.Header.Get("X-Amzn-Requestid")
	} else {
		var doc struct {
			Errors    []xmlError `xml:"Errors>Error"`
			Error     []xmlError `xml:"Error"`
			Code      string     `xml:"Code"`
			Message   string     `xml:"Message"`
			RequestID string     `xml:"RequestID"`
			RequestId string     `xml:"RequestId"` //nolint:revive // the Query protocol's element name
		}
		if xml.Unmarshal(raw, &doc) == nil {
			errs := append(doc.Errors, doc.Error...)
			errs = append(errs, xmlError{Code: doc.Code, Message: doc.Message})
			for _, e := range errs {
				if e.Code != "" {
					code, msg = e.Code, e.Message
					break
				}
			}
			reqID = doc.RequestID
			if reqID == "" {
				reqID = doc.RequestId
			}
		}
		if reqID == "" {
			reqID = resp.Header.Get("X-Amzn-Requestid")
		}
	}
	var inner error
	if code != "" {
		fault := smithy.FaultClient
		if resp.StatusCode >= 500 {
			fault = smithy.FaultServer
		}
		inner = &smithy.GenericAPIError{Code: code, Message: msg, Fault: fault}
	} else {
		body := strings.TrimSpace(string(raw))
		if len(body) > 200 {
			body = body[:200] + "..."
		}
		inner = &smithy.DeserializationError{Err: fmt.Errorf("HTTP %d %s without an error code: %q", resp.StatusCode, http.StatusText(resp.StatusCode), body)}
	}
	return &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: inner},
		RequestID:     reqID,
	}
}

type xmlError struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// jsonError reads the code and message of a REST-JSON error: the code from
// the X-Amzn-Errortype header, else the body's __type, code or Code
// ("aws.protocoltests#FooError:http://..." keeps only "FooError").
func jsonError(header string, raw []byte) (code, msg string) {
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	str := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := body[k].(string); ok && v != "" {
				return v
			}
		}
		return ""
	}
	code = header
	if code == "" {
		code = str("__type", "code", "Code")
	}
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return code, str("message", "Message", "errorMessage")
}
