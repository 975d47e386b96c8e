// Package cloudfront judges CloudFront distributions: encryption between
// viewers, edge and origins, standard logging, the web ACL, and access to S3
// origins.
package cloudfront

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// origin is one origin of a distribution. A live loader fills it from
// GetDistributionConfig Origins.Items (CustomOriginConfig, S3OriginConfig,
// VpcOriginConfig, OriginAccessControlId).
type origin struct {
	ID subject.Field[string]
	// Custom is set for an origin with a custom_origin_config block.
	Custom         bool
	ProtocolPolicy subject.Field[string]
	SSLProtocols   subject.StringSeq
	// VPC is set for an origin with a vpc_origin_config block.
	VPC           bool
	AccessControl subject.Field[string]
}

// S3 reports whether the origin is an S3 bucket's REST endpoint: neither a
// custom origin (which S3 website endpoints are) nor a VPC origin.
func (o origin) S3() bool { return !o.Custom && !o.VPC }

// certificate is a distribution's viewer_certificate.
type certificate struct {
	Default     subject.Field[bool]
	ACM         subject.Field[string]
	IAM         subject.Field[string]
	MinProtocol subject.Field[string]
}

// distribution is a CloudFront distribution. A live loader fills it from
// GetDistributionConfig.
type distribution struct {
	// Policies are the viewer protocol policies of the default and every
	// ordered cache behavior.
	Policies       []subject.Field[string]
	OrderedUnknown bool
	OrderedPath    string

	Origins        []origin
	OriginsUnknown bool
	OriginsPath    string

	// LoggingBucket is logging_config.bucket; null without the block.
	LoggingBucket     subject.Field[string]
	WebACL            subject.Field[string]
	DefaultRootObject subject.Field[string]
	Certificate       certificate
}

// defaultMinProtocol is the provider default of
// viewer_certificate.minimum_protocol_version.
const defaultMinProtocol = "TLSv1"

// decodeDistribution reads aws_cloudfront_distribution values.
func decodeDistribution(n subject.Node) distribution {
	d := distribution{}
	d.Policies = append(d.Policies, n.Get("default_cache_behavior").Block().Get("viewer_protocol_policy").String(""))
	seq := n.Get("ordered_cache_behavior").Items()
	d.OrderedUnknown, d.OrderedPath = seq.Unknown, seq.Path
	for _, it := range seq.Items {
		d.Policies = append(d.Policies, it.Get("viewer_protocol_policy").String(""))
	}

	origins := n.Get("origin").Items()
	d.OriginsUnknown, d.OriginsPath = origins.Unknown, origins.Path
	for _, it := range origins.Items {
		o := origin{
			ID:            it.Get("origin_id").String(""),
			AccessControl: it.Get("origin_access_control_id").String(""),
		}
		if c := it.Get("custom_origin_config").Block(); !c.IsNull() {
			o.Custom = true
			o.ProtocolPolicy = c.Get("origin_protocol_policy").String("")
			o.SSLProtocols = c.Get("origin_ssl_protocols").Strings()
		}
		o.VPC = !it.Get("vpc_origin_config").Block().IsNull()
		d.Origins = append(d.Origins, o)
	}

	d.LoggingBucket = n.Get("logging_config").Block().Get("bucket").String("")
	d.WebACL = n.Get("web_acl_id").String("")
	d.DefaultRootObject = n.Get("default_root_object").String("")
	vc := n.Get("viewer_certificate").Block()
	d.Certificate = certificate{
		Default:     vc.Get("cloudfront_default_certificate").Bool(false),
		ACM:         vc.Get("acm_certificate_arn").String(""),
		IAM:         vc.Get("iam_certificate_id").String(""),
		MinProtocol: vc.Get("minimum_protocol_version").String(defaultMinProtocol),
	}
	return d
}

// checkViewerHTTPS is CloudFront.3: no cache behavior allows plain HTTP
// (allow-all); redirect-to-https and https-only pass.
func checkViewerHTTPS(d distribution) engine.Outcome {
	var undecided *engine.Outcome
	for _, p := range d.Policies {
		switch {
		case p.Unknown:
			if undecided == nil {
				o := judge.Unknown(p.Path)
				undecided = &o
			}
		case strings.EqualFold(p.V, "redirect-to-https"), strings.EqualFold(p.V, "https-only"):
		case p.Null || p.V == "":
			return engine.Fail(p.Path, "viewer_protocol_policy is not set; use redirect-to-https or https-only")
		default:
			return engine.Fail(p.Path, "viewer_protocol_policy is %q: viewers can fetch content over plain HTTP", p.V)
		}
	}
	if undecided != nil {
		return *undecided
	}
	if d.OrderedUnknown {
		return engine.Undecided(d.OrderedPath, "the ordered cache behaviors are unknown until apply")
	}
	return engine.Pass()
}

// checkLogging is CloudFront.5: standard logging writes to an S3 bucket.
func checkLogging(d distribution) engine.Outcome {
	b := d.LoggingBucket
	if b.Null && !b.Unknown {
		return engine.Fail("logging_config", "logging_config is not set: requests to the distribution are not logged")
	}
	return judge.Set(b, "standard logging has no bucket to write to")
}

// checkWebACL is CloudFront.6: the distribution is associated with a web ACL.
func checkWebACL(d distribution) engine.Outcome {
	return judge.Set(d.WebACL, "no AWS WAF web ACL filters requests to the distribution")
}

// forEachOrigin applies check to every origin and returns the first failure,
// else the first undecided outcome, else a pass.
func forEachOrigin(d distribution, check func(origin) engine.Outcome) engine.Outcome {
	var undecided *engine.Outcome
	for _, o := range d.Origins {
		out := check(o)
		switch out.Status {
		case engine.StatusFail, engine.StatusError:
			if id := o.ID; id.Known() && id.V != "" {
				out.Message = "origin " + id.V + ": " + out.Message
			}
			return out
		case engine.StatusUnknown:
			if undecided == nil {
				undecided = &out
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	if d.OriginsUnknown {
		return engine.Undecided(d.OriginsPath, "the origins are unknown until apply")
	}
	return engine.Pass()
}

// allowsHTTPViewers reports, in three-valued logic, whether some cache
// behavior lets viewers use plain HTTP.
func allowsHTTPViewers(d distribution) subject.Tri {
	res := subject.False
	for _, p := range d.Policies {
		res = res.Or(judge.Is(p, "allow-all"))
	}
	if d.OrderedUnknown && res != subject.True {
		return subject.Unknown
	}
	return res
}

// checkOriginHTTPS is CloudFront.9: custom origins are reached over HTTPS.
// match-viewer fails when some cache behavior allows plain HTTP viewers.
func checkOriginHTTPS(d distribution) engine.Outcome {
	return forEachOrigin(d, func(o origin) engine.Outcome {
		if !o.Custom {
			return engine.Pass()
		}
		p := o.ProtocolPolicy
		switch {
		case p.Unknown:
			return judge.Unknown(p.Path)
		case strings.EqualFold(p.V, "https-only"):
			return engine.Pass()
		case strings.EqualFold(p.V, "match-viewer"):
			switch allowsHTTPViewers(d) {
			case subject.True:
				return engine.Fail(p.Path, "origin_protocol_policy is match-viewer and a cache behavior allows HTTP viewers, so requests reach the origin in plain text")
			case subject.Unknown:
				return engine.Undecided(p.Path, "whether viewers may use plain HTTP, which match-viewer passes on to the origin, is unknown until apply")
			}
			return engine.Pass()
		}
		return engine.Fail(p.Path, "origin_protocol_policy is %q: CloudFront reaches the origin in plain text; use https-only", p.V)
	})
}

// deprecatedOriginProtocol reports SSL/TLS versions older than TLS 1.2.
func deprecatedOriginProtocol(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "SSLV3", "TLSV1", "TLSV1.1":
		return true
	}
	return false
}

// checkOriginTLS is CloudFront.10 and more: origin_ssl_protocols of custom
// origins offer neither SSLv3 (what FSBP fails) nor TLSv1 or TLSv1.1
// (deprecated by RFC 8996).
func checkOriginTLS(d distribution) engine.Outcome {
	return forEachOrigin(d, func(o origin) engine.Outcome {
		if !o.Custom {
			return engine.Pass()
		}
		s := o.SSLProtocols
		switch s.Any(deprecatedOriginProtocol) {
		case subject.True:
			at := s.First(deprecatedOriginProtocol)
			for _, it := range s.Items {
				if it.Path == at {
					return engine.Fail(at, "origin_ssl_protocols offers %s to the origin; offer only TLSv1.2", it.V)
				}
			}
			return engine.Fail(at, "origin_ssl_protocols offers a protocol older than TLSv1.2 to the origin")
		case subject.Unknown:
			return engine.Undecided(s.First(deprecatedOriginProtocol), "origin_ssl_protocols is unknown until apply")
		}
		return engine.Pass()
	})
}

// recommendedViewerPolicies are the security policies CloudFront.15 accepts.
var recommendedViewerPolicies = []string{"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

// checkViewerTLS is CloudFront.15 with CloudFront.7: viewers are served with
// a custom certificate under a recommended security policy. The default
// *.cloudfront.net certificate always accepts TLSv1, whatever
// minimum_protocol_version says.
func checkViewerTLS(d distribution) engine.Outcome {
	c := d.Certificate
	if c.Default.Unknown {
		return judge.Unknown(c.Default.Path)
	}
	custom := judge.IsSet(c.ACM).Or(judge.IsSet(c.IAM))
	if c.Default.V || custom == subject.False {
		at := c.Default.Path
		if at == "" {
			at = "viewer_certificate"
		}
		return engine.Fail(at, "the distribution serves viewers with the default *.cloudfront.net certificate, which accepts TLSv1; use an ACM certificate with minimum_protocol_version = \"TLSv1.2_2021\"")
	}
	// cloudfront_default_certificate is not true, so CloudFront requires the
	// ACM or IAM certificate: an unknown reference is a custom certificate.
	p := c.MinProtocol
	switch judge.Is(p, recommendedViewerPolicies...) {
	case subject.Unknown:
		return judge.Unknown(p.Path)
	case subject.False:
		if p.Null {
			return engine.Fail(p.Path, "minimum_protocol_version is not set and defaults to %s; use TLSv1.2_2021 or later", defaultMinProtocol)
		}
		return engine.Fail(p.Path, "minimum_protocol_version is %q; use TLSv1.2_2021, TLSv1.2_2025 or TLSv1.3_2025", p.V)
	}
	return engine.Pass()
}

// checkS3OriginAccessControl is CloudFront.13: S3 origins are reached with an
// origin access control, so the bucket can refuse every other reader.
func checkS3OriginAccessControl(d distribution) engine.Outcome {
	return forEachOrigin(d, func(o origin) engine.Outcome {
		if !o.S3() {
			return engine.Pass()
		}
		return judge.Set(o.AccessControl, "the S3 origin is read without an origin access control (an origin access identity or a public bucket)")
	})
}

// checkDefaultRootObject is CloudFront.1: a distribution with an S3 origin
// names the object served for the root URL.
func checkDefaultRootObject(d distribution) engine.Outcome {
	if d.OriginsUnknown {
		return engine.Undecided(d.OriginsPath, "the origins are unknown until apply")
	}
	hasS3 := false
	for _, o := range d.Origins {
		hasS3 = hasS3 || o.S3()
	}
	if !hasS3 {
		return engine.Pass()
	}
	return judge.Set(d.DefaultRootObject, "a request for the root URL of an S3 origin may list or expose the bucket's contents")
}

// Register adds the CloudFront checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_cloudfront_distribution", decodeDistribution,
		engine.Check[distribution]{Control: "aws-cloudfront-viewer-https", Eval: checkViewerHTTPS},
		engine.Check[distribution]{Control: "aws-cloudfront-access-logging", Eval: checkLogging},
		engine.Check[distribution]{Control: "aws-cloudfront-waf", Eval: checkWebACL},
		engine.Check[distribution]{Control: "aws-cloudfront-origin-https", Eval: checkOriginHTTPS},
		engine.Check[distribution]{Control: "aws-cloudfront-origin-tls-protocols", Eval: checkOriginTLS},
		engine.Check[distribution]{Control: "aws-cloudfront-viewer-tls-policy", Eval: checkViewerTLS},
		engine.Check[distribution]{Control: "aws-cloudfront-s3-origin-access-control", Eval: checkS3OriginAccessControl},
		engine.Check[distribution]{Control: "aws-cloudfront-default-root-object", Eval: checkDefaultRootObject},
	)
}
