package conditionalaccess

import (
	"net/netip"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// namedLocation is an azuread_named_location's IP block.
type namedLocation struct {
	IP      string // path of the ip block
	HasIP   bool
	Trusted subject.Field[bool]
	Ranges  subject.StringSeq
}

// decodeNamedLocation reads azuread_named_location.
func decodeNamedLocation(n subject.Node) namedLocation {
	ip := n.Get("ip")
	b := ip.Block()
	return namedLocation{IP: ip.Path(), HasIP: !b.IsNull(), Trusted: b.Get("trusted").Bool(false), Ranges: b.Get("ip_ranges").Strings()}
}

// The widest ranges a trusted location may hold: a trusted location lowers
// the bar of every policy that excludes or trusts it, so it names the
// organisation's own egress addresses, not whole provider or private blocks.
const (
	widestIPv4 = 16
	widestIPv6 = 48
)

// trustedNarrow: a trusted named location lists specific ranges, none wider
// than /16 (IPv4) or /48 (IPv6), and none that is unparseable.
func trustedNarrow(l namedLocation) engine.Outcome {
	if !l.HasIP {
		return engine.Pass()
	}
	switch {
	case l.Trusted.Unknown:
		return judge.Unknown(l.Trusted.Path)
	case !l.Trusted.V:
		return engine.Pass()
	case l.Ranges.Unknown:
		return judge.Unknown(l.Ranges.Path)
	}
	var undecided *engine.Outcome
	for _, r := range l.Ranges.Items {
		if r.Unknown {
			u := judge.Unknown(r.Path)
			undecided = &u
			continue
		}
		p, err := netip.ParsePrefix(strings.TrimSpace(r.V))
		if err != nil {
			return engine.Fail(r.Path, "%q is not a CIDR range, so the trusted location cannot be judged", r.V)
		}
		widest := widestIPv4
		if p.Addr().Is6() && !p.Addr().Is4In6() {
			widest = widestIPv6
		}
		if p.Bits() < widest {
			return engine.Fail(r.Path, "%s is marked trusted but spans /%d (wider than /%d): trusted locations weaken every policy that relies on them; list the organisation's own egress ranges", p, p.Bits(), widest)
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}

// strength is an azuread_authentication_strength_policy.
type strength struct {
	Combinations subject.StringSeq
}

// decodeStrength reads azuread_authentication_strength_policy.
func decodeStrength(n subject.Node) strength {
	return strength{Combinations: n.Get("allowed_combinations").Strings()}
}

// phishable reports whether an allowed combination ("password,sms") relies
// on a one-time code sent by SMS or a voice call.
func phishable(combo string) bool {
	for _, m := range strings.Split(combo, ",") {
		switch strings.ToLower(strings.TrimSpace(m)) {
		case "sms", "voice":
			return true
		}
	}
	return false
}

// strengthNoSMSVoice: a custom authentication strength does not admit SMS or
// voice-call codes, which are phishable and interceptable.
func strengthNoSMSVoice(s strength) engine.Outcome {
	switch s.Combinations.Any(phishable) {
	case subject.Unknown:
		return judge.Unknown(s.Combinations.First(func(string) bool { return false }))
	case subject.True:
		c := s.Combinations.First(phishable)
		return engine.Fail(c, "allowed_combinations admits a combination with SMS or voice: those codes can be phished or intercepted; allow FIDO2, Windows Hello for Business, certificate-based or Authenticator methods")
	}
	return engine.Pass()
}

// Register adds the Conditional Access checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azuread_conditional_access_policy", decode,
		engine.Check[policy]{Control: "azuread-ca-policy-enforced", Eval: enforced},
		engine.Check[policy]{Control: "azuread-ca-no-excluded-all", Eval: noExcludedAll},
		engine.Check[policy]{Control: "azuread-ca-admin-phishing-resistant", Eval: adminPhishingResistant},
		engine.Check[policy]{Control: "azuread-ca-admin-session", Eval: adminSession},
		engine.Check[policy]{Control: "azuread-ca-legacy-auth-blocked", Eval: legacyAuthBlocked},
		engine.Check[policy]{Control: "azuread-ca-user-risk", Eval: userRisk},
		engine.Check[policy]{Control: "azuread-ca-sign-in-risk", Eval: signInRisk},
	)
	engine.Add(r, "azuread_named_location", decodeNamedLocation, engine.Check[namedLocation]{Control: "azuread-named-location-trusted-narrow", Eval: trustedNarrow})
	engine.Add(r, "azuread_authentication_strength_policy", decodeStrength, engine.Check[strength]{Control: "azuread-auth-strength-no-sms-voice", Eval: strengthNoSMSVoice})
}
