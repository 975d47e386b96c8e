package awsapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws/awsapi"
)

var (
	ec2 = awsapi.Service{ID: "EC2", SigningName: "ec2", EndpointPrefix: "ec2", Version: "2016-11-15"}
	s3c = awsapi.Service{ID: "S3 Control", SigningName: "s3", EndpointPrefix: "s3-control", DualStackPrefix: "s3-control.dualstack", Protocol: awsapi.RESTXML}
	hub = awsapi.Service{ID: "SecurityHub", SigningName: "securityhub", EndpointPrefix: "securityhub", Protocol: awsapi.RESTJSON}
)

// loadConfig loads the SDK configuration from a clean environment plus env
// and a shared config file holding sharedConfig.
func loadConfig(t *testing.T, env map[string]string, sharedConfig string) aws.Config {
	t.Helper()
	for _, k := range []string{"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL_S3_CONTROL", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		t.Setenv(k, "") // restored after the test
		if err := os.Unsetenv(k); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "config")
	if err := os.WriteFile(cfgFile, []byte(sharedConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", cfgFile)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	for k, v := range env {
		t.Setenv(k, v)
	}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestResolveEndpoint(t *testing.T) {
	const services = "[default]\nregion = eu-west-1\nservices = local\n\n[services local]\nec2 =\n  endpoint_url = http://shared-ec2:4000\n"
	cases := []struct {
		name       string
		svc        awsapi.Service
		env        map[string]string
		shared     string
		override   string
		want       string
		configured bool
	}{
		{"public", ec2, map[string]string{"AWS_REGION": "eu-west-1"}, "", "", "https://ec2.eu-west-1.amazonaws.com", false},
		{"china", ec2, map[string]string{"AWS_REGION": "cn-north-1"}, "", "", "https://ec2.cn-north-1.amazonaws.com.cn", false},
		{"fips", ec2, map[string]string{"AWS_REGION": "us-east-1", "AWS_USE_FIPS_ENDPOINT": "true"}, "", "", "https://ec2-fips.us-east-1.amazonaws.com", false},
		{"dual-stack", ec2, map[string]string{"AWS_REGION": "us-east-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"}, "", "", "https://ec2.us-east-1.api.aws", false},
		{"s3 control dual-stack", s3c, map[string]string{"AWS_REGION": "us-east-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"}, "", "", "https://s3-control.dualstack.us-east-1.amazonaws.com", false},
		{"provider endpoint wins", ec2, map[string]string{"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_EC2": "http://env-ec2:1"}, "", "http://override:2", "http://override:2", true},
		{"service variable", ec2, map[string]string{"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_EC2": "http://env-ec2:1", "AWS_ENDPOINT_URL": "http://global:3"}, "", "", "http://env-ec2:1", true},
		{"service variable with a space in the id", s3c, map[string]string{"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_S3_CONTROL": "http://env-s3c:1"}, "", "", "http://env-s3c:1", true},
		{"global variable", hub, map[string]string{"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://global:3"}, "", "", "http://global:3", true},
		{"shared config services section", ec2, nil, services, "", "http://shared-ec2:4000", true},
		{"global variable over the shared config", ec2, map[string]string{"AWS_ENDPOINT_URL": "http://global:3"}, services, "", "http://global:3", true},
		{"ignored configured endpoints", ec2, map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, services, "", "https://ec2.eu-west-1.amazonaws.com", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := loadConfig(t, tc.env, tc.shared)
			u, configured, err := awsapi.ResolveEndpoint(cfg, tc.svc, tc.override)
			if err != nil {
				t.Fatal(err)
			}
			if u.String() != tc.want || configured != tc.configured {
				t.Errorf("endpoint = %s (configured %v), want %s (configured %v)", u, configured, tc.want, tc.configured)
			}
		})
	}
}

func TestResolveEndpoint_rejects(t *testing.T) {
	cfg := loadConfig(t, map[string]string{"AWS_REGION": "us-east-1"}, "")
	if _, _, err := awsapi.ResolveEndpoint(cfg, ec2, "not a url"); err == nil {
		t.Error("a relative endpoint was accepted")
	}
	cfg.Region = "us-east-1/evil"
	if _, _, err := awsapi.ResolveEndpoint(cfg, ec2, ""); err == nil {
		t.Error("a Region that is no host label was accepted")
	}
	cfg = loadConfig(t, map[string]string{"AWS_REGION": "us-iso-east-1", "AWS_USE_DUALSTACK_ENDPOINT": "true"}, "")
	if _, _, err := awsapi.ResolveEndpoint(cfg, ec2, ""); err == nil {
		t.Error("dual-stack in a partition without it was accepted")
	}
}

// server answers with the handler's status and body and records requests.
type server struct {
	*httptest.Server
	requests []*http.Request
	bodies   []string
}

func newServer(t *testing.T, h func(n int, r *http.Request) (int, http.Header, string)) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.requests = append(s.requests, r)
		s.bodies = append(s.bodies, string(b))
		status, hdr, body := h(len(s.requests), r)
		for k, v := range hdr {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func testConfig(t *testing.T, attempts int) aws.Config {
	cfg := loadConfig(t, map[string]string{"AWS_REGION": "us-east-1"}, "")
	cfg.Retryer = func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = attempts
			o.MaxBackoff = time.Millisecond
			o.Backoff = retry.NewExponentialJitterBackoff(time.Millisecond)
		})
	}
	return cfg
}

func TestQuery_signsRetriesAndDecodes(t *testing.T) {
	srv := newServer(t, func(n int, r *http.Request) (int, http.Header, string) {
		if n == 1 {
			return http.StatusServiceUnavailable, nil, `<Response><Errors><Error><Code>Unavailable</Code><Message>busy</Message></Error></Errors><RequestID>r1</RequestID></Response>`
		}
		return http.StatusOK, nil, `<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcSet><item><vpcId>vpc-1</vpcId></item><item><vpcId>vpc-2</vpcId></item></vpcSet></DescribeVpcsResponse>`
	})
	var calls []string
	c, err := awsapi.New(testConfig(t, 3), ec2, srv.URL, func(op string) { calls = append(calls, op) })
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Vpcs []string `xml:"vpcSet>item>vpcId"`
	}
	if err := c.Query(context.Background(), "DescribeVpcs", map[string][]string{"Filter.1.Name": {"vpc-id"}}, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Join(out.Vpcs, ",") != "vpc-1,vpc-2" {
		t.Errorf("decoded %v", out.Vpcs)
	}
	if len(srv.requests) != 2 || len(calls) != 1 {
		t.Fatalf("%d requests and %d recorded calls, want 2 (one retry) and 1", len(srv.requests), len(calls))
	}
	r := srv.requests[1]
	if auth := r.Header.Get("Authorization"); !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") || !strings.Contains(auth, "/us-east-1/ec2/aws4_request") {
		t.Errorf("Authorization = %q, want a SigV4 signature for ec2 in us-east-1", auth)
	}
	if r.Method != http.MethodPost || r.URL.Path != "/" || !strings.Contains(srv.bodies[1], "Action=DescribeVpcs") || !strings.Contains(srv.bodies[1], "Version=2016-11-15") || !strings.Contains(srv.bodies[1], "Filter.1.Name=vpc-id") {
		t.Errorf("request %s %s %q", r.Method, r.URL.Path, srv.bodies[1])
	}
}

func TestDo_errors(t *testing.T) {
	cases := []struct {
		name     string
		svc      awsapi.Service
		status   int
		header   http.Header
		body     string
		code     string
		attempts int
	}{
		{"ec2", ec2, 403, nil, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>no</Message></Error></Errors><RequestID>x</RequestID></Response>`, "UnauthorizedOperation", 1},
		{"rest-xml wrapped", s3c, 404, nil, `<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>none</Message></Error></ErrorResponse>`, "NoSuchPublicAccessBlockConfiguration", 1},
		{"rest-xml bare", s3c, 404, nil, `<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>none</Message></Error>`, "NoSuchPublicAccessBlockConfiguration", 1},
		{"rest-json header", hub, 400, http.Header{"X-Amzn-Errortype": {"InvalidAccessException:http://internal.amazon.com/"}}, `{"message":"not subscribed"}`, "InvalidAccessException", 1},
		{"rest-json body", hub, 400, nil, `{"__type":"com.amazonaws.securityhub#InvalidAccessException","message":"not subscribed"}`, "InvalidAccessException", 1},
		{"throttled and retried", hub, 429, http.Header{"X-Amzn-Errortype": {"TooManyRequestsException"}}, `{}`, "TooManyRequestsException", 3},
		{"bare 404 has no code", hub, 404, nil, `Not Found`, "", 1},
		{"bare 500 is retried", ec2, 500, nil, ``, "", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv := newServer(t, func(int, *http.Request) (int, http.Header, string) {
				n.Add(1)
				return tc.status, tc.header, tc.body
			})
			c, err := awsapi.New(testConfig(t, 3), tc.svc, srv.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = c.Do(context.Background(), awsapi.Request{Operation: "Op", Method: http.MethodGet, Path: "/x"}, awsapi.DecodeJSON(&struct{}{}))
			if err == nil {
				t.Fatal("no error")
			}
			var ae smithy.APIError
			code := ""
			if errors.As(err, &ae) {
				code = ae.ErrorCode()
			}
			var re *awshttp.ResponseError
			if code != tc.code || !errors.As(err, &re) || re.HTTPStatusCode() != tc.status {
				t.Errorf("error %v: code %q, want %q, with status %d", err, code, tc.code, tc.status)
			}
			if int(n.Load()) != tc.attempts {
				t.Errorf("%d attempts, want %d", n.Load(), tc.attempts)
			}
		})
	}
}

func TestDo_hostPrefixOnlyOnThePublicEndpoint(t *testing.T) {
	srv := newServer(t, func(int, *http.Request) (int, http.Header, string) {
		return 200, nil, `<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>`
	})
	c, err := awsapi.New(testConfig(t, 1), s3c, srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		BlockPublicAcls bool
	}
	if err := c.Do(context.Background(), awsapi.Request{Operation: "GetPublicAccessBlock", Method: http.MethodGet, Path: "/v20180820/configuration/publicAccessBlock", HostPrefix: "123456789012."}, awsapi.DecodeXML(&out)); err != nil {
		t.Fatal(err)
	}
	r := srv.requests[0]
	if !out.BlockPublicAcls || r.Host != strings.TrimPrefix(srv.URL, "http://") || r.Header.Get("X-Amz-Content-Sha256") == "" {
		t.Errorf("host %s, content hash %q, decoded %+v", r.Host, r.Header.Get("X-Amz-Content-Sha256"), out)
	}
	cfg := testConfig(t, 1)
	pub, err := awsapi.New(cfg, s3c, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if pub.Endpoint() != "https://s3-control.us-east-1.amazonaws.com" {
		t.Errorf("public endpoint %s", pub.Endpoint())
	}
}

func TestDo_cancellation(t *testing.T) {
	srv := newServer(t, func(int, *http.Request) (int, http.Header, string) {
		return 503, nil, `<Response><Errors><Error><Code>Unavailable</Code></Error></Errors></Response>`
	})
	cfg := testConfig(t, 10)
	cfg.Retryer = func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 10
			o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Hour, nil })
		})
	}
	c, err := awsapi.New(cfg, ec2, srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = c.Query(ctx, "DescribeVpcs", nil, &struct{}{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err %v after %s, want the deadline promptly", err, time.Since(start))
	}
}
