package policy

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Match is a statement an analysis picked out, with the reason.
type Match struct {
	Index  int
	Sid    string
	Reason string
}

// Where names the statement for messages: `Statement[2] (Sid "Public")`.
func (m Match) Where() string {
	if m.Sid == "" {
		return fmt.Sprintf("Statement[%d]", m.Index)
	}
	return fmt.Sprintf("Statement[%d] (Sid %q)", m.Index, m.Sid)
}

func (s *Statement) match(reason string) Match {
	return Match{Index: s.Index, Sid: s.Sid, Reason: reason}
}

// narrowingKeys are the condition keys that, with a fixed value under a
// positive operator, restrict an Allow to a known set of callers or networks.
// This mirrors what S3 Block Public Access treats as "fixed values".
var narrowingKeys = map[string]bool{
	"aws:sourcevpce":       true,
	"aws:sourcevpc":        true,
	"aws:sourceip":         true,
	"aws:sourceaccount":    true,
	"aws:sourcearn":        true,
	"aws:sourceowner":      true,
	"aws:principalorgid":   true,
	"aws:principalaccount": true,
	"aws:principalarn":     true,
}

// positiveOps are the operators whose match restricts the request to the listed
// values (the Not* operators exclude a set and leave the rest of the world in).
var positiveOps = map[string]bool{
	"stringequals":           true,
	"stringequalsignorecase": true,
	"stringlike":             true,
	"arnequals":              true,
	"arnlike":                true,
	"ipaddress":              true,
}

// PublicStatements returns the Allow statements that grant access to anyone:
// Principal "*", a principal type whose values include "*" (such as
// {"AWS": "*"}), or any NotPrincipal — unless a condition narrows the statement
// (see Narrowed).
//
// Like S3's own "is public" evaluation, Deny statements are not considered: a
// policy is non-public only when every Allow is restricted on its own.
func (p *Policy) PublicStatements() []Match {
	var out []Match
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow {
			continue
		}
		var why string
		switch {
		case s.NotPrincipal != nil:
			why = "allows every principal except those in NotPrincipal"
		case s.Principal != nil && s.Principal.All:
			why = `allows Principal "*"`
		case s.Principal != nil:
			for _, typ := range sortedPrincipalTypes(s.Principal) {
				for _, v := range s.Principal.Values[typ] {
					if strings.Contains(v, "*") {
						why = fmt.Sprintf("allows Principal {%q: %q}", typ, v)
						break
					}
				}
				if why != "" {
					break
				}
			}
		}
		if why == "" || s.Narrowed() {
			continue
		}
		out = append(out, s.match(why+" without a condition that restricts the caller or network"))
	}
	return out
}

// Narrowed reports whether a condition of the statement restricts it to fixed
// callers or networks: a positive operator (StringEquals, StringLike, ArnLike,
// ArnEquals, IpAddress, with or without ForAnyValue) on aws:SourceVpce,
// aws:SourceVpc, aws:SourceIp, aws:SourceAccount, aws:SourceArn,
// aws:SourceOwner, aws:PrincipalOrgID, aws:PrincipalAccount or
// aws:PrincipalArn whose every value is fixed: not a bare wildcard, and for
// aws:SourceIp a CIDR narrower than /0. IfExists and ForAllValues variants do
// not narrow (they match requests that lack the key).
func (s *Statement) Narrowed() bool {
	for _, c := range s.Conditions {
		if !narrowingKeys[c.Key] || !positiveOps[c.Base] || c.IfExists || c.Qualifier == "forallvalues" || len(c.Values) == 0 {
			continue
		}
		if c.Key == "aws:sourceip" {
			if c.Base == "ipaddress" && allFixedCIDRs(c.Values) {
				return true
			}
			continue
		}
		if c.Base == "ipaddress" {
			continue
		}
		if allFixedValues(c.Values) {
			return true
		}
	}
	return false
}

func allFixedCIDRs(vals []string) bool {
	for _, v := range vals {
		s := strings.TrimSpace(v)
		if pfx, err := netip.ParsePrefix(s); err == nil {
			if pfx.Bits() == 0 {
				return false
			}
			continue
		}
		if _, err := netip.ParseAddr(s); err == nil {
			continue
		}
		return false // not an address: cannot be shown to narrow
	}
	return true
}

func allFixedValues(vals []string) bool {
	for _, v := range vals {
		if strings.Trim(v, "*?") == "" {
			return false
		}
	}
	return true
}

func sortedPrincipalTypes(p *Principal) []string {
	keys := make([]string, 0, len(p.Values))
	for k := range p.Values {
		keys = append(keys, k)
	}
	// small maps: insertion sort keeps this allocation-light
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// DeniesInsecureTransport reports whether some statement denies, to every
// principal, requests made without TLS: Effect Deny, Principal "*" (or
// {"AWS": "*"}), an Action covering s3:GetObject (such as "s3:*" or "*"), a
// Resource covering objects, and a Bool (or BoolIfExists) condition
// aws:SecureTransport = "false" (as a string or a JSON boolean).
func (p *Policy) DeniesInsecureTransport() (Match, bool) {
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Deny || !s.Principal.everyone() || s.HasNotAction || !anyCovers(s.Action, "s3:GetObject") {
			continue
		}
		if s.HasNotResource || !coversObjects(s.Resource) {
			continue
		}
		for _, c := range s.Conditions {
			if c.Key == "aws:securetransport" && c.Base == "bool" && c.Qualifier == "" && len(c.Values) > 0 && allFalse(c.Values) {
				return s.match("denies requests without TLS"), true
			}
		}
	}
	return Match{}, false
}

func (pr *Principal) everyone() bool {
	if pr == nil {
		return false
	}
	if pr.All {
		return true
	}
	for _, v := range pr.Values["AWS"] {
		if v == "*" {
			return true
		}
	}
	return false
}

func allFalse(vals []string) bool {
	for _, v := range vals {
		if !strings.EqualFold(v, "false") {
			return false
		}
	}
	return true
}

func coversObjects(resources []string) bool {
	for _, r := range resources {
		if r == "*" || strings.HasSuffix(r, "/*") || strings.HasSuffix(r, "*") {
			return true
		}
	}
	return false
}

// escalationActions are IAM actions any one of which lets a principal grant
// itself every permission.
var escalationActions = []string{
	"iam:AttachUserPolicy", "iam:AttachRolePolicy", "iam:AttachGroupPolicy",
	"iam:PutUserPolicy", "iam:PutRolePolicy", "iam:PutGroupPolicy",
	"iam:CreatePolicyVersion",
}

// GrantsFullAdmin returns the Allow statements that grant full administrative
// access, as FSBP IAM.1 defines it and a little beyond:
//
//   - Action "*" (or "*:*", or any pattern that matches every action) on
//     Resource "*" — the IAM.1 case;
//   - NotAction on Resource "*" when the excluded actions leave any IAM
//     policy-attachment action allowed (iam:AttachRolePolicy, iam:PutUserPolicy,
//     iam:CreatePolicyVersion, ...): the principal can grant itself "*", so the
//     statement is administrative in effect. NotAction that excludes all of
//     them (PowerUserAccess style, NotAction ["iam:*", ...]) is not;
//   - NotResource counts as every resource unless it lists "*".
//
// Conditions do not make an admin grant non-admin (IAM.1 ignores them too):
// admin behind MFA is still admin.
func (p *Policy) GrantsFullAdmin() []Match {
	var out []Match
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow {
			continue
		}
		allResources := (s.HasResource && slices.Contains(s.Resource, "*")) ||
			(s.HasNotResource && !slices.Contains(s.NotResource, "*"))
		if !allResources {
			continue
		}
		switch {
		case !s.HasNotAction && coversEverything(s.Action):
			out = append(out, s.match(`allows Action "*" on Resource "*"`))
		case s.HasNotAction:
			for _, a := range escalationActions {
				if !anyCovers(s.NotAction, a) {
					out = append(out, s.match(fmt.Sprintf("allows every action except those in NotAction on Resource \"*\", which includes %s, so the principal can grant itself \"*\"", a)))
					break
				}
			}
		}
	}
	return out
}

// coversEverything reports whether some pattern matches every action: "*",
// "*:*", "**" and the like (only '*' characters, an optional ':').
func coversEverything(patterns []string) bool {
	for _, p := range patterns {
		svc, act, found := strings.Cut(p, ":")
		if !found {
			if strings.Trim(p, "*") == "" && p != "" {
				return true
			}
			continue
		}
		if svc != "" && act != "" && strings.Trim(svc, "*") == "" && strings.Trim(act, "*") == "" {
			return true
		}
	}
	return false
}

// anyCovers reports whether some action pattern matches action.
func anyCovers(patterns []string, action string) bool {
	for _, p := range patterns {
		if Glob(p, action) {
			return true
		}
	}
	return false
}

// Glob matches s against an IAM wildcard pattern ('*' any run, '?' any one
// character), ignoring ASCII case as IAM does for actions. It runs in
// O(len(pattern)*len(s)) at worst, never exponentially.
func Glob(pattern, s string) bool {
	p, str := 0, 0
	star, mark := -1, 0
	for str < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || lower(pattern[p]) == lower(s[str])):
			p++
			str++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, str
			p++
		case star >= 0:
			p = star + 1
			mark++
			str = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
