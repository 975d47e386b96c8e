// Package liveaws reads AWS state with aws-sdk-go-v2 — only Get, Describe,
// List and Head calls — and turns it into the same subjects the planned
// evaluators judge (internal/controls/aws/...), so live and planned mode share
// one engine and one catalog.
//
// A Client is created by the provider's Configure without touching the
// network; the SDK configuration and the service clients are built on the
// first live read. Every answer is memoised for the life of the Client (one
// plan), concurrent identical calls share one request, list-wide reads run
// with bounded parallelism, and every operation invoked is recorded so tests
// can prove the shipped IAM policy covers it.
package liveaws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws/awsapi"
)

// AssumeRole is the role the provider assumes before reading.
type AssumeRole struct {
	RoleARN     string
	SessionName string
	ExternalID  string
	Duration    time.Duration
}

// Config is the provider's aws block. Every field is optional: the standard
// AWS environment (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_<SERVICE>, AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, ...) and the
// shared config and credentials files fill the rest.
type Config struct {
	Region                 string
	Profile                string
	SharedConfigFiles      []string
	SharedCredentialsFiles []string
	AssumeRole             *AssumeRole
	// Endpoints maps a service key (see EndpointServices) to a URL.
	Endpoints map[string]string
	// MaxRetries is the number of retries after the first attempt; 0 takes
	// AWS_MAX_ATTEMPTS or the default of 4 retries.
	MaxRetries int
	// RetryMode is "adaptive" or "standard"; "" takes AWS_RETRY_MODE or adaptive.
	RetryMode string
	// MaxConcurrency bounds the calls in flight for list-wide reads (default 16).
	MaxConcurrency int
	// ReadTimeout bounds one data source read (default 5 minutes).
	ReadTimeout time.Duration
	// MaxBackoff caps the delay between retries (default 20s; tests lower it).
	MaxBackoff time.Duration
}

// EndpointServices are the keys of Config.Endpoints.
var EndpointServices = []string{"cloudtrail", "config", "ec2", "guardduty", "iam", "rds", "s3", "s3control", "securityhub", "sts"}

// DefaultMaxConcurrency is the default bound on concurrent calls of a list-wide read.
const DefaultMaxConcurrency = 16

// DefaultReadTimeout is the default deadline of one live read.
const DefaultReadTimeout = 5 * time.Minute

// Validate reports configuration errors that need no network.
func (c Config) Validate() error {
	for k, v := range c.Endpoints {
		if !slices.Contains(EndpointServices, k) {
			return fmt.Errorf("endpoints: unknown service %q; use one of %s", k, strings.Join(EndpointServices, ", "))
		}
		u, err := url.Parse(v)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("endpoints.%s: %q is not an absolute URL such as http://127.0.0.1:5000", k, v)
		}
	}
	switch c.RetryMode {
	case "", "adaptive", "standard":
	default:
		return fmt.Errorf("retry_mode %q: use adaptive or standard", c.RetryMode)
	}
	if c.MaxRetries < 0 {
		return fmt.Errorf("max_retries must not be negative")
	}
	if c.AssumeRole != nil && c.AssumeRole.RoleARN == "" {
		return fmt.Errorf("assume_role.role_arn must be set")
	}
	return nil
}

// Client is the shared, concurrency-safe set of AWS clients and the per-plan
// cache of their answers. The zero value is not usable; call New.
type Client struct {
	cfg Config

	mu     sync.Mutex
	loaded bool
	awsCfg aws.Config
	svc    *services

	memo   memo
	sem    chan struct{}
	calls  *Counter
	region string
}

type services struct {
	s3          *s3.Client
	s3control   *s3controlClient
	ec2         *ec2Client
	cloudtrail  *cloudtrailClient
	config      *configClient
	guardduty   *guarddutyClient
	securityhub *securityhubClient
	iam         *iam.Client
	rds         *rdsClient
	sts         *sts.Client
}

// New returns a client for cfg. It does not read any file or call AWS.
func New(cfg Config) *Client {
	n := cfg.MaxConcurrency
	if n <= 0 {
		n = DefaultMaxConcurrency
	}
	return &Client{cfg: cfg, sem: make(chan struct{}, n), calls: NewCounter()}
}

// ReadTimeout is the deadline of one live read.
func (c *Client) ReadTimeout() time.Duration {
	if c.cfg.ReadTimeout > 0 {
		return c.cfg.ReadTimeout
	}
	return DefaultReadTimeout
}

// Calls returns the operations this client invoked, with counts.
func (c *Client) Calls() *Counter { return c.calls }

// Region returns the Region reads go to, loading the configuration if needed.
func (c *Client) Region(ctx context.Context) (string, error) {
	if _, err := c.services(ctx); err != nil {
		return "", err
	}
	return c.region, nil
}

// ConfigError is a problem with the AWS configuration (no Region, a missing
// profile, unreadable shared files).
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return "AWS configuration: " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

func (c *Client) services(ctx context.Context) (*services, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		return c.svc, nil
	}
	svc, err := c.load(ctx)
	if err != nil {
		// Not cached: a later read may succeed (say once a file exists).
		return nil, &ConfigError{Err: err}
	}
	c.svc, c.loaded = svc, true
	return svc, nil
}

func (c *Client) load(ctx context.Context) (*services, error) {
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConnsPerHost = cap(c.sem) + 4
	})
	opts := []func(*config.LoadOptions) error{
		config.WithHTTPClient(httpClient),
		config.WithAPIOptions([]func(*middleware.Stack) error{c.recordMiddleware}),
	}
	if c.cfg.Region != "" {
		opts = append(opts, config.WithRegion(c.cfg.Region))
	}
	if c.cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.cfg.Profile))
	}
	if len(c.cfg.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(c.cfg.SharedConfigFiles))
	}
	if len(c.cfg.SharedCredentialsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(c.cfg.SharedCredentialsFiles))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, err
	}
	if awsCfg.Region == "" {
		return nil, errors.New("no AWS Region: set region in the provider's aws block, or AWS_REGION, or region in the shared config profile")
	}
	awsCfg.Retryer = c.retryer(awsCfg)
	if ar := c.cfg.AssumeRole; ar != nil {
		stsClient := sts.NewFromConfig(awsCfg, func(o *sts.Options) { setEndpoint(&o.BaseEndpoint, c.cfg.Endpoints["sts"]) })
		prov := stscreds.NewAssumeRoleProvider(stsClient, ar.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			if ar.SessionName != "" {
				o.RoleSessionName = ar.SessionName
			} else {
				o.RoleSessionName = "terraform-provider-baseline"
			}
			if ar.ExternalID != "" {
				o.ExternalID = aws.String(ar.ExternalID)
			}
			if ar.Duration > 0 {
				o.Duration = ar.Duration
			}
		})
		awsCfg.Credentials = aws.NewCredentialsCache(prov)
	}
	c.awsCfg = awsCfg
	c.region = awsCfg.Region

	ec2c, err := newEC2Client(awsCfg, c.cfg.Endpoints["ec2"], c.record)
	if err != nil {
		return nil, err
	}
	s3c, err := newS3ControlClient(awsCfg, c.cfg.Endpoints["s3control"], c.record)
	if err != nil {
		return nil, err
	}
	hub, err := newSecurityHubClient(awsCfg, c.cfg.Endpoints["securityhub"], c.record)
	if err != nil {
		return nil, err
	}
	apis := map[string]*awsapi.Client{}
	for key, svc := range map[string]awsapi.Service{"cloudtrail": cloudtrailService, "config": configService, "guardduty": guarddutyService, "rds": rdsService} {
		if apis[key], err = newAPI(awsCfg, svc, c.cfg.Endpoints[key], c.record); err != nil {
			return nil, err
		}
	}

	customS3 := c.cfg.Endpoints["s3"] != "" || awsCfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL_S3") != ""
	return &services{
		s3: s3.NewFromConfig(awsCfg, func(o *s3.Options) {
			setEndpoint(&o.BaseEndpoint, c.cfg.Endpoints["s3"])
			// Emulators and custom endpoints serve buckets by path, not by
			// virtual host.
			o.UsePathStyle = o.UsePathStyle || customS3
		}),
		s3control:   s3c,
		ec2:         ec2c,
		cloudtrail:  &cloudtrailClient{apis["cloudtrail"]},
		config:      &configClient{apis["config"]},
		guardduty:   &guarddutyClient{apis["guardduty"]},
		securityhub: hub,
		iam:         iam.NewFromConfig(awsCfg, func(o *iam.Options) { setEndpoint(&o.BaseEndpoint, c.cfg.Endpoints["iam"]) }),
		rds:         &rdsClient{apis["rds"]},
		sts:         sts.NewFromConfig(awsCfg, func(o *sts.Options) { setEndpoint(&o.BaseEndpoint, c.cfg.Endpoints["sts"]) }),
	}, nil
}

// setEndpoint sets a client's BaseEndpoint from the provider's endpoints map;
// without an entry the SDK resolves AWS_ENDPOINT_URL_<SERVICE>,
// AWS_ENDPOINT_URL and the shared config's endpoint_url itself.
func setEndpoint(base **string, u string) {
	if u != "" {
		*base = aws.String(u)
	}
}

func (c *Client) retryer(awsCfg aws.Config) func() aws.Retryer {
	mode := c.cfg.RetryMode
	if mode == "" {
		mode = string(awsCfg.RetryMode)
	}
	if mode == "" {
		mode = "adaptive"
	}
	attempts := 5
	if awsCfg.RetryMaxAttempts > 0 {
		attempts = awsCfg.RetryMaxAttempts
	}
	if c.cfg.MaxRetries > 0 {
		attempts = c.cfg.MaxRetries + 1
	}
	maxBackoff := c.cfg.MaxBackoff
	std := func(o *retry.StandardOptions) {
		o.MaxAttempts = attempts
		if maxBackoff > 0 {
			o.MaxBackoff = maxBackoff
			o.Backoff = retry.NewExponentialJitterBackoff(maxBackoff)
		}
	}
	return func() aws.Retryer {
		if mode == "standard" {
			return retry.NewStandard(std)
		}
		return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
			o.StandardOptions = append(o.StandardOptions, std)
		})
	}
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
