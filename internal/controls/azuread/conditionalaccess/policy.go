// Package conditionalaccess judges Microsoft Entra ID Conditional Access
// policies (azuread_conditional_access_policy), the authentication strengths
// they require and the named locations they trust: the tenant's sign-in
// rules, which stay the customer's in Microsoft 365 (SaaS).
package conditionalaccess

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// policy is the part of a Conditional Access policy the controls read.
type policy struct {
	State subject.Field[string]

	Conditions           string // path of the conditions block
	IncludedUsers        subject.StringSeq
	ExcludedUsers        subject.StringSeq
	IncludedRoles        subject.StringSeq
	IncludedApplications subject.StringSeq
	ExcludedApplications subject.StringSeq
	ClientAppTypes       subject.StringSeq
	SignInRiskLevels     subject.StringSeq
	UserRiskLevels       subject.StringSeq

	Grant             string // path of grant_controls
	HasGrant          bool
	BuiltInControls   subject.StringSeq
	StrengthPolicyID  subject.Field[string]
	Session           string // path of session_controls
	HasSession        bool
	SignInFrequency   subject.Field[int64]
	FrequencyPeriod   subject.Field[string]
	FrequencyInterval subject.Field[string]
	PersistentBrowser subject.Field[string]
}

// decode reads azuread_conditional_access_policy.
func decode(n subject.Node) policy {
	p := policy{State: n.Get("state").String("")}
	cond := n.Get("conditions")
	p.Conditions = cond.Path()
	c := cond.Block()
	users := c.Get("users").Block()
	p.IncludedUsers = users.Get("included_users").Strings()
	p.ExcludedUsers = users.Get("excluded_users").Strings()
	p.IncludedRoles = users.Get("included_roles").Strings()
	apps := c.Get("applications").Block()
	p.IncludedApplications = apps.Get("included_applications").Strings()
	p.ExcludedApplications = apps.Get("excluded_applications").Strings()
	p.ClientAppTypes = c.Get("client_app_types").Strings()
	p.SignInRiskLevels = c.Get("sign_in_risk_levels").Strings()
	p.UserRiskLevels = c.Get("user_risk_levels").Strings()

	grant := n.Get("grant_controls")
	p.Grant = grant.Path()
	g := grant.Block()
	p.HasGrant = !g.IsNull()
	p.BuiltInControls = g.Get("built_in_controls").Strings()
	p.StrengthPolicyID = g.Get("authentication_strength_policy_id").String("")

	session := n.Get("session_controls")
	p.Session = session.Path()
	s := session.Block()
	p.HasSession = !s.IsNull()
	p.SignInFrequency = s.Get("sign_in_frequency").Int(0)
	p.FrequencyPeriod = s.Get("sign_in_frequency_period").String("")
	p.FrequencyInterval = s.Get("sign_in_frequency_interval").String("")
	p.PersistentBrowser = s.Get("persistent_browser_mode").String("")
	return p
}

// has reports, in three-valued logic, whether seq holds one of values
// (case-insensitive).
func has(seq subject.StringSeq, values ...string) subject.Tri {
	return seq.Any(func(s string) bool {
		for _, v := range values {
			if strings.EqualFold(strings.TrimSpace(s), v) {
				return true
			}
		}
		return false
	})
}

// nonEmpty reports, in three-valued logic, whether seq holds any element.
func nonEmpty(seq subject.StringSeq) subject.Tri {
	if seq.Unknown {
		return subject.Unknown
	}
	return subject.TriOf(len(seq.Items) > 0)
}

// blocks reports whether the policy blocks access.
func (p policy) blocks() subject.Tri { return has(p.BuiltInControls, "block") }

// enforced: a report-only or disabled policy enforces nothing (CIS M365
// 5.2.2.x: "not complete until the policy is on").
func enforced(p policy) engine.Outcome {
	return judge.OneOf(p.State, "only an enabled policy is enforced; enabledForReportingButNotEnforced (report-only) and disabled policies grant access without their controls", "enabled")
}

// noExcludedAll: excluding All users or All applications empties the policy.
func noExcludedAll(p policy) engine.Outcome {
	for _, seq := range []subject.StringSeq{p.ExcludedUsers, p.ExcludedApplications} {
		switch has(seq, "All") {
		case subject.Unknown:
			return judge.Unknown(seq.First(func(string) bool { return false }))
		case subject.True:
			return engine.Fail(seq.First(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "All") }),
				"%s holds All: the exclusion removes everyone the policy includes, so it applies to no sign-in", judge.Name(seq.Path))
		}
	}
	return engine.Pass()
}

// forAdmins reports whether the policy targets directory roles and grants
// (rather than blocks) access; the admin controls judge only those.
func (p policy) forAdmins() subject.Tri {
	return nonEmpty(p.IncludedRoles).And(p.blocks().Not())
}

// The built-in authentication strengths of Entra ID: MFA, passwordless MFA
// and phishing-resistant MFA.
const (
	strengthMFA               = "00000000-0000-0000-0000-000000000002"
	strengthPasswordless      = "00000000-0000-0000-0000-000000000003"
	strengthPhishingResistant = "00000000-0000-0000-0000-000000000004"
)

// adminPhishingResistant: a policy for directory roles requires an
// authentication strength, not the plain "mfa" control, and not the built-in
// MFA or passwordless strengths, which admit phishable methods.
func adminPhishingResistant(p policy) engine.Outcome {
	switch p.forAdmins() {
	case subject.Unknown:
		return judge.Unknown(p.IncludedRoles.Path)
	case subject.False:
		return engine.Pass()
	}
	id := p.StrengthPolicyID
	switch {
	case id.Unknown:
		return judge.Unknown(id.Path)
	case !p.HasGrant || id.Null || strings.TrimSpace(id.V) == "":
		return engine.Fail(pathOr(id.Path, p.Grant+".authentication_strength_policy_id"), "the policy includes directory roles but requires no authentication strength: set the phishing-resistant MFA strength (%s) so administrators sign in with FIDO2, Windows Hello for Business or certificate-based authentication", strengthPhishingResistant)
	}
	last := id.V[strings.LastIndexByte(id.V, '/')+1:]
	if strings.EqualFold(last, strengthMFA) || strings.EqualFold(last, strengthPasswordless) {
		return engine.Fail(id.Path, "authentication_strength_policy_id is the built-in %s strength, which accepts phishable methods: use the phishing-resistant MFA strength (%s)",
			map[string]string{strengthMFA: "MFA", strengthPasswordless: "passwordless MFA"}[strings.ToLower(last)], strengthPhishingResistant)
	}
	return engine.Pass()
}

func pathOr(path, alt string) string {
	if path != "" {
		return path
	}
	return alt
}

// adminSession: a policy for directory roles re-authenticates every 4 hours
// or less and never keeps the browser session (CIS M365 5.2.2.4).
func adminSession(p policy) engine.Outcome {
	switch p.forAdmins() {
	case subject.Unknown:
		return judge.Unknown(p.IncludedRoles.Path)
	case subject.False:
		return engine.Pass()
	}
	freq := p.SignInFrequency
	if !p.HasSession {
		return engine.Fail(p.Session, "the policy includes directory roles but has no session_controls: set sign_in_frequency = 4, sign_in_frequency_period = \"hours\" and persistent_browser_mode = \"never\"")
	}
	every := judge.Is(p.FrequencyInterval, "everyTime")
	if p.FrequencyInterval.Null {
		every = subject.False
	}
	var freqOut engine.Outcome
	switch {
	case every == subject.True:
		freqOut = engine.Pass()
	case freq.Unknown || p.FrequencyPeriod.Unknown:
		freqOut = judge.Unknown(freq.Path)
	case freq.Null || freq.V <= 0:
		freqOut = engine.Fail(freq.Path, "sign_in_frequency is not set: administrators keep their sessions until the token lifetime ends; set 4 hours or less")
	default:
		hours := freq.V
		if strings.EqualFold(p.FrequencyPeriod.V, "days") {
			hours = freq.V * 24
		}
		if hours > 4 {
			freqOut = engine.Fail(freq.Path, "sign_in_frequency is %d %s: administrators must re-authenticate every 4 hours or less", freq.V, p.FrequencyPeriod.V)
		} else {
			freqOut = engine.Pass()
		}
	}
	browser := judge.OneOf(p.PersistentBrowser, "administrators' browser sessions must not persist after the browser closes", "never")
	return judge.Worst(freqOut, browser)
}

// legacyAuthBlocked: a policy that targets the legacy client app types
// (exchangeActiveSync, other) must block them (CIS M365 5.2.2.3); they cannot
// do MFA.
func legacyAuthBlocked(p policy) engine.Outcome {
	legacy := has(p.ClientAppTypes, "exchangeActiveSync", "other")
	switch legacy {
	case subject.Unknown:
		return judge.Unknown(p.ClientAppTypes.Path)
	case subject.False:
		return engine.Pass()
	}
	switch p.blocks() {
	case subject.Unknown:
		return judge.Unknown(p.BuiltInControls.Path)
	case subject.True:
		return engine.Pass()
	}
	at := p.BuiltInControls.Path
	if at == "" {
		at = p.Grant
	}
	return engine.Fail(at, "the policy targets legacy authentication (client_app_types %s) without blocking it: legacy protocols cannot perform MFA, so grant_controls must be built_in_controls = [\"block\"]",
		p.ClientAppTypes.First(func(s string) bool { return s == "exchangeActiveSync" || s == "other" }))
}

// riskPolicy judges a risk-based policy: when levels are set they include
// high, and the grant requires one of want (or blocks).
func riskPolicy(p policy, levels subject.StringSeq, what string, want ...string) engine.Outcome {
	switch nonEmpty(levels) {
	case subject.Unknown:
		return judge.Unknown(levels.Path)
	case subject.False:
		return engine.Pass()
	}
	switch has(levels, "high") {
	case subject.Unknown:
		return judge.Unknown(levels.Path)
	case subject.False:
		return engine.Fail(levels.Path, "%s does not include high: the riskiest %s pass unchallenged", judge.Name(levels.Path), what)
	}
	req := has(p.BuiltInControls, append([]string{"block"}, want...)...)
	if slicesContains(want, "mfa") && req != subject.True && judge.IsSet(p.StrengthPolicyID) == subject.True {
		req = subject.True
	}
	switch req {
	case subject.Unknown:
		return judge.Unknown(p.BuiltInControls.Path)
	case subject.False:
		return engine.Fail(pathOr(p.BuiltInControls.Path, p.Grant), "the policy reacts to risky %s without requiring %s or blocking", what, strings.Join(want, " and "))
	}
	return engine.Pass()
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// userRisk: a user-risk policy covers high risk and requires a secure
// password change (with MFA) or blocks (CIS M365 5.2.2.6).
func userRisk(p policy) engine.Outcome {
	return riskPolicy(p, p.UserRiskLevels, "users", "passwordChange")
}

// signInRisk: a sign-in-risk policy covers high risk and requires MFA or
// blocks (CIS M365 5.2.2.7).
func signInRisk(p policy) engine.Outcome {
	return riskPolicy(p, p.SignInRiskLevels, "sign-ins", "mfa")
}
