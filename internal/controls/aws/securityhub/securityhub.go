// Package securityhub judges whether Security Hub is enabled with security
// standards (CIS 4.16).
package securityhub

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Hub is Security Hub in one account and Region. A live loader sets Enabled
// from DescribeHub (InvalidAccessException / not subscribed = false), counts
// GetEnabledStandards into EnabledStandards and sets StandardsCounted.
type Hub struct {
	Enabled subject.Field[bool]
	// DefaultStandards is enable_default_standards in planned mode.
	DefaultStandards subject.Field[bool]
	EnabledStandards int
	StandardsCounted bool
}

// decodeAccount reads aws_securityhub_account values: the resource existing
// means Security Hub is enabled; enable_default_standards defaults to true.
func decodeAccount(n subject.Node) Hub {
	return Hub{
		Enabled:          subject.Field[bool]{V: true, Path: ""},
		DefaultStandards: n.Get("enable_default_standards").Bool(true),
	}
}

// checkHub passes when Security Hub is enabled and runs at least one standard.
// In planned mode, enable_default_standards = false fails: the hub then runs
// no controls unless aws_securityhub_standards_subscription resources
// subscribe one, which the resource's values cannot show (waive the finding
// when they do).
func checkHub(h Hub) engine.Outcome {
	switch {
	case h.Enabled.Unknown:
		return engine.Undecided(h.Enabled.Path, "whether Security Hub is enabled is unknown until apply")
	case !h.Enabled.V:
		return engine.Fail(h.Enabled.Path, "Security Hub is not enabled in this Region")
	case h.StandardsCounted:
		if h.EnabledStandards == 0 {
			return engine.Fail("standards", "Security Hub is enabled but no security standard is, so it evaluates no controls")
		}
		return engine.Pass()
	}
	f := h.DefaultStandards
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case !f.V:
		return engine.Fail(f.Path, "enable_default_standards is false: Security Hub evaluates no controls unless a standard is subscribed with aws_securityhub_standards_subscription")
	}
	return engine.Pass()
}

// Register adds the Security Hub checks to r. Live loaders judge a Hub under
// "aws_securityhub_account" too.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_securityhub_account", decodeAccount, engine.Check[Hub]{Control: "aws-securityhub-enabled", Eval: checkHub})
}
