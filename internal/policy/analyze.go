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
// This mirrors the keys that S3 Block Public Access and IAM Access Analyzer
// treat as restricting a policy to "fixed values" (AWS's definition of a
// public policy), each with the kind of value it holds.
var narrowingKeys = map[string]valueKind{
	"aws:sourcevpce":            plainValue,
	"aws:sourcevpc":             plainValue,
	"aws:sourceip":              cidrValue,
	"aws:sourceaccount":         plainValue,
	"aws:sourcearn":             arnValue,
	"aws:sourceowner":           plainValue,
	"aws:principalorgid":        plainValue,
	"aws:principalaccount":      plainValue,
	"aws:principalarn":          arnValue,
	"aws:userid":                userIDValue,
	"s3:dataaccesspointarn":     arnValue,
	"s3:dataaccesspointaccount": plainValue,
}

// valueKind says how a narrowing key's value is shown to be fixed.
type valueKind uint8

const (
	// plainValue: an account id, organization id, VPC or endpoint id; any
	// wildcard or policy variable leaves it open.
	plainValue valueKind = iota + 1
	// arnValue: an ARN; fixed without wildcards, or when a wildcard leaves
	// the account field a literal 12-digit account id (the value then pins
	// one account, as IAM Access Analyzer reads it).
	arnValue
	// userIDValue: aws:userid; fixed without wildcards, or "UNIQUEID:*" (a
	// role's sessions), which AWS's definition of public counts as fixed.
	userIDValue
	// cidrValue: aws:SourceIp under IpAddress; a CIDR narrower than /0.
	cidrValue
)

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
// aws:SourceOwner, aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn,
// aws:userid, s3:DataAccessPointArn or s3:DataAccessPointAccount whose every
// value is fixed (see FixedValue). IfExists and ForAllValues variants do not
// narrow (they match requests that lack the key).
func (s *Statement) Narrowed() bool {
	for _, c := range s.Conditions {
		kind := narrowingKeys[c.Key]
		if kind == 0 || !positiveOps[c.Base] || c.IfExists || c.Qualifier == "forallvalues" || len(c.Values) == 0 {
			continue
		}
		if (kind == cidrValue) != (c.Base == "ipaddress") {
			continue
		}
		fixed := true
		for _, v := range c.Values {
			if !FixedValue(c.Key, v) {
				fixed = false
				break
			}
		}
		if fixed {
			return true
		}
	}
	return false
}

// FixedValue reports whether v, a value of the narrowing condition key key
// (lower case), restricts a request to a known party or network:
//
//   - aws:SourceIp: an address or a CIDR narrower than /0;
//   - ARN keys (aws:PrincipalArn, aws:SourceArn, s3:DataAccessPointArn): an ARN
//     without wildcards or policy variables, or one whose account field is a
//     literal 12-digit account id ("arn:aws:iam::111122223333:role/*");
//     "arn:aws:iam::*:root" and "arn:aws:iam::*" pin no account;
//   - aws:userid: a value without wildcards, or "UNIQUEID:*";
//   - any other key: a value without wildcards ('*', '?') or policy variables.
//
// A key that is not a narrowing key is never fixed.
func FixedValue(key, v string) bool {
	switch narrowingKeys[key] {
	case cidrValue:
		return fixedCIDR(v)
	case arnValue:
		return literal(v) || pinsAccount(v)
	case userIDValue:
		if literal(v) {
			return true
		}
		id, rest, ok := strings.Cut(v, ":")
		return ok && rest == "*" && id != "" && literal(id)
	case plainValue:
		return literal(v)
	}
	return false
}

// literal reports whether v is a non-empty value without wildcards or policy
// variables.
func literal(v string) bool {
	return strings.TrimSpace(v) != "" && !strings.ContainsAny(v, "*?") && !strings.Contains(v, "${")
}

// pinsAccount reports whether the ARN pattern v names one account: its
// account field (the fifth) is twelve digits.
func pinsAccount(v string) bool {
	parts := strings.SplitN(v, ":", 6)
	if len(parts) < 6 || !strings.EqualFold(parts[0], "arn") {
		return false
	}
	acct := parts[4]
	if len(acct) != 12 {
		return false
	}
	for i := 0; i < len(acct); i++ {
		if acct[i] < '0' || acct[i] > '9' {
			return false
		}
	}
	return true
}

func fixedCIDR(v string) bool {
	s := strings.TrimSpace(v)
	if pfx, err := netip.ParsePrefix(s); err == nil {
		return pfx.Bits() != 0
	}
	_, err := netip.ParseAddr(s)
	return err == nil // not an address: cannot be shown to narrow
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

// ServiceWildcards returns the Allow statements that grant every action of a
// service, as FSBP IAM.21 asks ("s3:*", and also "*" and "*:*", which grant
// every action of every service). A prefix with a wildcard suffix
// ("ec2:Describe*") is not a service wildcard. Beyond IAM.21, an Allow with
// NotAction counts too: it grants every action of every service it does not
// list. Resources and conditions do not matter.
func (p *Policy) ServiceWildcards() []Match {
	var out []Match
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow {
			continue
		}
		if s.HasNotAction {
			out = append(out, s.match("allows every action except those in NotAction, which grants whole services"))
			continue
		}
		for _, a := range s.Action {
			if svc, ok := serviceWildcard(a); ok {
				what := fmt.Sprintf("every %s action", svc)
				if svc == "" {
					what = "every action of every service"
				}
				out = append(out, s.match(fmt.Sprintf("allows Action %q: %s", a, what)))
				break
			}
		}
	}
	return out
}

// serviceWildcard reports whether action pattern a covers every action of a
// service, and which service ("" for all of them).
func serviceWildcard(a string) (string, bool) {
	svc, act, found := strings.Cut(strings.TrimSpace(a), ":")
	if !found {
		return "", svc != "" && strings.Trim(svc, "*") == ""
	}
	if act == "" || strings.Trim(act, "*") != "" {
		return "", false
	}
	if strings.Trim(svc, "*") == "" {
		return "", svc != ""
	}
	return strings.ToLower(svc), true
}

// KMSDecryptActions are the actions of FSBP KMS.1 and KMS.2
// (blockedActionsPatterns).
var KMSDecryptActions = []string{"kms:Decrypt", "kms:ReEncryptFrom"}

// DecryptsAllKMSKeys returns the Allow statements that allow kms:Decrypt or
// kms:ReEncryptFrom (through "kms:*", "*", "kms:Decrypt*" or a NotAction that
// leaves them) on every KMS key: Resource "*", or a KMS key ARN pattern that
// pins no account ("arn:aws:kms:*:*:key/*"), or NotResource that does not list
// "*". A pattern within one account ("arn:aws:kms:eu-west-1:111122223333:key/*")
// is scoped. As in KMS.1 and KMS.2, conditions are not taken into account.
func (p *Policy) DecryptsAllKMSKeys() []Match {
	var out []Match
	for i := range p.Statements {
		s := &p.Statements[i]
		if s.Effect != Allow {
			continue
		}
		action := ""
		for _, a := range KMSDecryptActions {
			if (s.HasNotAction && !anyCovers(s.NotAction, a)) || (!s.HasNotAction && anyCovers(s.Action, a)) {
				action = a
				break
			}
		}
		if action == "" {
			continue
		}
		all := s.HasNotResource && !slices.Contains(s.NotResource, "*")
		for _, r := range s.Resource {
			if all {
				break
			}
			all = allKMSKeys(r)
		}
		if all {
			out = append(out, s.match(fmt.Sprintf("allows %s on all KMS keys", action)))
		}
	}
	return out
}

// allKMSKeys reports whether resource pattern r matches the keys of any
// account: "*", or an ARN pattern whose service can be kms and whose account
// field is not a literal account id.
func allKMSKeys(r string) bool {
	r = strings.TrimSpace(r)
	if r == "" {
		return false
	}
	if strings.Trim(r, "*") == "" {
		return true
	}
	parts := strings.SplitN(r, ":", 6)
	if !Glob(parts[0], "arn") {
		return false
	}
	if len(parts) < 6 {
		// "arn:aws:kms:*" and the like: a trailing wildcard spans the rest.
		return strings.HasSuffix(r, "*") && (len(parts) < 3 || Glob(parts[2]+"*", "kms"))
	}
	return Glob(parts[2], "kms") && !pinsAccount(r)
}
