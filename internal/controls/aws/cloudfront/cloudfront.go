// Package cloudfront judges CloudFront distributions.
package cloudfront

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Distribution is the subject of CloudFront.3: the viewer protocol policy of
// the default and every ordered cache behavior. A live loader fills it from
// GetDistributionConfig.
type Distribution struct {
	Policies       []subject.Field[string]
	OrderedUnknown bool
	OrderedPath    string
}

// DecodeDistribution reads aws_cloudfront_distribution values.
func DecodeDistribution(n subject.Node) Distribution {
	d := Distribution{}
	d.Policies = append(d.Policies, n.Get("default_cache_behavior").Block().Get("viewer_protocol_policy").String(""))
	seq := n.Get("ordered_cache_behavior").Items()
	d.OrderedUnknown, d.OrderedPath = seq.Unknown, seq.Path
	for _, it := range seq.Items {
		d.Policies = append(d.Policies, it.Get("viewer_protocol_policy").String(""))
	}
	return d
}

// CheckViewerHTTPS is CloudFront.3: no cache behavior allows plain HTTP
// (allow-all); redirect-to-https and https-only pass.
func CheckViewerHTTPS(d Distribution) engine.Outcome {
	var undecided *engine.Outcome
	for _, p := range d.Policies {
		switch {
		case p.Unknown:
			if undecided == nil {
				o := engine.Undecided(p.Path, "viewer_protocol_policy is unknown until apply")
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

// Register adds the CloudFront checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_cloudfront_distribution", DecodeDistribution, engine.Check[Distribution]{Control: "aws-cloudfront-viewer-https", Eval: CheckViewerHTTPS})
}
