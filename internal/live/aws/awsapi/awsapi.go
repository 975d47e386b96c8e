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
// Only the EC2 Query protocol is implemented: POST of a form with Action and
// Version, an XML answer.
package awsapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	// Version is the API version sent with every Query call ("2016-11-15").
	Version string
}

// Client calls one service.
type Client struct {
	svc      Service
	cfg      aws.Config
	endpoint *url.URL
	signer   *v4.Signer
	onCall   func(operation string)
}

// New returns a client of svc for cfg. endpoint, when not empty, overrides
// every other endpoint source (the provider's endpoints block); onCall, when
// not nil, is told each operation once per call (not per attempt).
func New(cfg aws.Config, svc Service, endpoint string, onCall func(operation string)) (*Client, error) {
	if cfg.Region == "" {
		return nil, errors.New("no AWS Region")
	}
	u, err := ResolveEndpoint(cfg, svc, endpoint)
	if err != nil {
		return nil, err
	}
	return &Client{svc: svc, cfg: cfg, endpoint: u, signer: v4.NewSigner(), onCall: onCall}, nil
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
func ResolveEndpoint(cfg aws.Config, svc Service, override string) (*url.URL, error) {
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
						return nil, fmt.Errorf("endpoint of %s: %w", svc.ID, err)
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
			return nil, fmt.Errorf("endpoint of %s: %q is not an absolute URL", svc.ID, base)
		}
		return u, nil
	}
	return defaultEndpoint(cfg, svc)
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
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
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
	if fips && !(name == "aws-us-gov" && !dual) {
		prefix += "-fips"
	}
	if dual {
		if dualSuffix == "" {
			return nil, fmt.Errorf("dual-stack endpoints are not available in the %s partition of Region %s", name, region)
		}
		suffix = dualSuffix
	}
	return url.Parse("https://" + prefix + "." + region + "." + suffix)
}

// Query calls action with params (the Query protocol's flattened members)
// and decodes the XML answer into out. Failed calls are retried as the
// configured retryer decides.
func (c *Client) Query(ctx context.Context, action string, params url.Values, out any) error {
	if c.onCall != nil {
		c.onCall(action)
	}
	form := url.Values{}
	for k, v := range params {
		form[k] = v
	}
	form.Set("Action", action)
	form.Set("Version", c.svc.Version)
	body := []byte(form.Encode())
	return c.retry(ctx, func(ctx context.Context) error { return c.attempt(ctx, body, out) })
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

func (c *Client) attempt(ctx context.Context, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint.String(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	if req.URL.Path == "" {
		req.URL.Path = "/"
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Set("User-Agent", "terraform-provider-baseline aws-sdk-go-v2/"+aws.SDKVersion)
	if c.cfg.Credentials != nil {
		creds, err := c.cfg.Credentials.Retrieve(ctx)
		if err != nil {
			return fmt.Errorf("failed to retrieve credentials: %w", err)
		}
		sum := sha256.Sum256(body)
		if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), c.svc.SigningName, c.cfg.Region, time.Now().UTC()); err != nil {
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
		return responseError(resp)
	}
	if err := xml.NewDecoder(resp.Body).Decode(out); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &smithy.DeserializationError{Err: fmt.Errorf("decoding the %s answer: %w", c.svc.ID, err)}
	}
	return nil
}

// responseError reads an error answer: EC2's <Response><Errors><Error> or
// the Query protocol's <ErrorResponse><Error>. An answer without a code
// (a bare 404 or 500) keeps the code empty; the status is in the error.
func responseError(resp *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var doc struct {
		Errors    []xmlError `xml:"Errors>Error"`
		Error     []xmlError `xml:"Error"`
		RequestID string     `xml:"RequestID"`
		RequestId string     `xml:"RequestId"` //nolint:revive // the Query protocol's element name
	}
	var inner error
	if xml.Unmarshal(raw, &doc) == nil {
		if errs := append(doc.Errors, doc.Error...); len(errs) > 0 && errs[0].Code != "" {
			apiErr := &smithy.GenericAPIError{Code: errs[0].Code, Message: errs[0].Message, Fault: smithy.FaultClient}
			if resp.StatusCode >= 500 {
				apiErr.Fault = smithy.FaultServer
			}
			inner = apiErr
		}
	}
	if inner == nil {
		// No error code to read (a bare 404 or 500, say): as the SDK's
		// deserializers, no APIError; the status decides.
		msg := strings.TrimSpace(string(raw))
		if len(msg) > 200 {
			msg = msg[:200] + "..."
		}
		inner = &smithy.DeserializationError{Err: fmt.Errorf("HTTP %d %s without an error code: %q", resp.StatusCode, http.StatusText(resp.StatusCode), msg)}
	}
	reqID := doc.RequestID
	if reqID == "" {
		reqID = doc.RequestId
	}
	if reqID == "" {
		reqID = resp.Header.Get("X-Amzn-Requestid")
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
