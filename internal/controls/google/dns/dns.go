// Package dns judges Cloud DNS: DNSSEC on public managed zones, its signing
// algorithms, and query logging of DNS server policies.
package dns

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// keySpec is one dnssec_config.default_key_specs entry.
type keySpec struct {
	Algorithm subject.Field[string]
	KeyType   subject.Field[string]
}

// zone is a google_dns_managed_zone as judged.
type zone struct {
	Visibility subject.Field[string]
	State      subject.Field[string]
	Specs      []keySpec
	SpecsPath  string
	SpecsUnk   bool
}

// decodeZone reads google_dns_managed_zone: visibility defaults to public,
// dnssec_config.state to off; without default_key_specs Cloud DNS signs
// with RSASHA256.
func decodeZone(n subject.Node) zone {
	dc := n.Get("dnssec_config").Block()
	z := zone{Visibility: n.Get("visibility").String("public"), State: dc.Get("state").String("off")}
	specs := dc.Get("default_key_specs").Items()
	z.SpecsPath, z.SpecsUnk = specs.Path, specs.Unknown
	for _, it := range specs.Items {
		z.Specs = append(z.Specs, keySpec{Algorithm: it.Get("algorithm").String(""), KeyType: it.Get("key_type").String("")})
	}
	return z
}

// private reports whether the zone is private (DNSSEC applies to public
// zones only).
func (z zone) private() subject.Tri { return judge.Is(z.Visibility, "private") }

// checkDNSSEC is CIS 3.3.
func checkDNSSEC(z zone) engine.Outcome {
	switch z.private() {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return judge.Unknown(z.Visibility.Path)
	}
	return judge.OneOf(z.State, "responses of the public zone are not signed, so they can be spoofed", "on")
}

// rsasha1 returns the check of CIS 3.4 (keySigning) or 3.5 (zoneSigning):
// no default key spec of that type uses rsasha1.
func rsasha1(keyType string) func(zone) engine.Outcome {
	return func(z zone) engine.Outcome {
		if z.SpecsUnk {
			return judge.Unknown(z.SpecsPath)
		}
		var undecided *engine.Outcome
		for _, s := range z.Specs {
			switch {
			case s.KeyType.Unknown:
				o := judge.Unknown(s.KeyType.Path)
				undecided = &o
				continue
			case !strings.EqualFold(strings.TrimSpace(s.KeyType.V), keyType):
				continue
			case s.Algorithm.Unknown:
				o := judge.Unknown(s.Algorithm.Path)
				undecided = &o
			case strings.EqualFold(strings.TrimSpace(s.Algorithm.V), "rsasha1"):
				return engine.Fail(s.Algorithm.Path, "the %s key uses RSASHA1, a deprecated algorithm", keyType)
			}
		}
		if undecided != nil {
			return *undecided
		}
		return engine.Pass()
	}
}

// policy is a google_dns_policy as judged.
type policy struct{ Logging subject.Field[bool] }

// decodePolicy reads google_dns_policy: enable_logging defaults to false.
func decodePolicy(n subject.Node) policy { return policy{Logging: n.Get("enable_logging").Bool(false)} }

// checkLogging is CIS 2.12.
func checkLogging(p policy) engine.Outcome {
	return judge.True(p.Logging, "DNS queries from the policy's VPC networks are not logged")
}

// Register adds the Cloud DNS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_dns_managed_zone", decodeZone,
		engine.Check[zone]{Control: "google-dns-dnssec-enabled", Eval: checkDNSSEC},
		engine.Check[zone]{Control: "google-dns-dnssec-no-rsasha1-ksk", Eval: rsasha1("keySigning")},
		engine.Check[zone]{Control: "google-dns-dnssec-no-rsasha1-zsk", Eval: rsasha1("zoneSigning")})
	engine.Add(r, "google_dns_policy", decodePolicy, engine.Check[policy]{Control: "google-dns-policy-logging", Eval: checkLogging})
}
