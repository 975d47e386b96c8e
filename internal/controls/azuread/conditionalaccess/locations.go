package conditionalaccess

import (
	"net/netip"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// NamedLocation is an azuread_named_location's IP block.
type NamedLocation struct {
	IP      string // path of the ip block
	HasIP   bool
	Trusted subject.Field[bool]
	Ranges  subject.StringSeq
}

// DecodeNamedLocation reads azuread_named_location.
func DecodeNamedLocation(n subject.Node) NamedLocation {
	ip := n.Get("ip")
	b := ip.Block()
	return NamedLocation{IP: ip.Path(), HasIP: !b.IsNull(), Trusted: b.Get("trusted").Bool(false), Ranges: b.Get("ip_ranges").Strings()}
}

// The widest ranges a trusted location may hold: a trusted location lowers
// the bar of every policy that excludes or trusts it, so it names the
// organisation's own egress addresses, not whole provider or private blocks.
const (
	widestIPv4 = 16
	widestIPv6 = 48
)

// TrustedNarrow: a trusted named location lists specific ranges, none wider
// than /16 (IPv4) or /48 (IPv6), and none that is unparseable.
func TrustedNarrow(l NamedLocation) engine.Outcome {
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

// Strength is an azuread_authentication_strength_policy.
type Strength struct {
	Combinations subject.StringSeq
}

// DecodeStrength reads azuread_authentication_strength_policy.
func DecodeStrength(n subject.Node) Strength {
	return Strength{Combinations: n.Get("allowed_combinations").Strings()}
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

// StrengthNoSMSVoice: a custom authentication strength does not admit SMS or
// voice-call codes, which are phishable and interceptable.
func StrengthNoSMSVoice(s Strength) engine.Outcome {
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
	engine.Add(r, "azuread_conditional_access_policy", Decode,
		engine.Check[Policy]{Control: "azuread-ca-policy-enforced", Eval: Enforced},
		engine.Check[Policy]{Control: "azuread-ca-no-excluded-all", Eval: NoExcludedAll},
		engine.Check[Policy]{Control: "azuread-ca-admin-phishing-resistant", Eval: AdminPhishingResistant},
		engine.Check[Policy]{Control: "azuread-ca-admin-session", Eval: AdminSession},
		engine.Check[Policy]{Control: "azuread-ca-legacy-auth-blocked", Eval: LegacyAuthBlocked},
		engine.Check[Policy]{Control: "azuread-ca-user-risk", Eval: UserRisk},
		engine.Check[Policy]{Control: "azuread-ca-sign-in-risk", Eval: SignInRisk},
	)
	engine.Add(r, "azuread_named_location", DecodeNamedLocation, engine.Check[NamedLocation]{Control: "azuread-named-location-trusted-narrow", Eval: TrustedNarrow})
	engine.Add(r, "azuread_authentication_strength_policy", DecodeStrength, engine.Check[Strength]{Control: "azuread-auth-strength-no-sms-voice", Eval: StrengthNoSMSVoice})
}
