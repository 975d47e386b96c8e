package iam

import (
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// statements is a policy document read from the statement blocks of an
// aws_iam_policy_document, in two readings that bound its unknown values:
// Widest grants the most (an unknown effect is Allow, an unknown action or
// resource is "*", an unknown exclusion or condition is dropped) and
// Narrowest the least (an unknown effect is Deny, unknown actions and
// resources are dropped). Analyses that look for broad grants are monotone, so
// a match in Narrowest is certain and a match only in Widest is undecided.
type statements struct {
	Narrowest, Widest *policy.Policy
	Path              string // "statement"
}

// At returns the attribute path of statement i.
func (s statements) At(i int) string { return fmt.Sprintf("%s[%d]", s.Path, i) }

// decodePolicyDocument reads aws_iam_policy_document values. A known,
// non-empty json is the whole document (statements merged with source and
// override documents) and is judged as written. Whenever json is not a known
// string — unknown at plan (a statement names a resource created in the same
// plan), null or empty (the data source's arguments handed over as an HCL
// object, or read before the data source was) — the statement blocks are
// judged instead, together with the source and override documents that are
// known; unknown ones leave the outcome undecided unless a statement fails.
func decodePolicyDocument(n subject.Node) policies {
	j := n.Get("json").String("")
	if !j.Unknown && !j.Null && strings.TrimSpace(j.V) != "" {
		return policies{Docs: []subject.Field[string]{j}, Path: j.Path}
	}
	p := policies{Path: j.Path}
	for _, k := range []string{"source_policy_documents", "override_policy_documents"} {
		seq := n.Get(k).Strings()
		if seq.Unknown {
			p.Docs = append(p.Docs, subject.Field[string]{Unknown: true, Path: seq.Path})
		}
		p.Docs = append(p.Docs, seq.Items...)
	}
	for _, k := range []string{"source_json", "override_json"} {
		if f := n.Get(k).String(""); !f.Null {
			p.Docs = append(p.Docs, f)
		}
	}
	seq := n.Get("statement").Items()
	switch {
	case seq.Unknown:
		p.Docs = append(p.Docs, subject.Field[string]{Unknown: true, Path: seq.Path})
	case len(seq.Items) > 0:
		p.Statements = append(p.Statements, decodeStatements(seq))
	}
	if len(p.Docs) == 0 && len(p.Statements) == 0 {
		p.Docs = []subject.Field[string]{j}
	}
	return p
}

func decodeStatements(seq subject.Seq) statements {
	out := statements{Path: seq.Path, Narrowest: &policy.Policy{}, Widest: &policy.Policy{}}
	for i, it := range seq.Items {
		narrow, wide := policy.Statement{Index: i}, policy.Statement{Index: i}
		sid := it.Get("sid").String("")
		narrow.Sid, wide.Sid = sid.V, sid.V

		// effect defaults to Allow in the data source.
		switch e := it.Get("effect").String("Allow"); {
		case e.Unknown:
			narrow.Effect, wide.Effect = policy.Deny, policy.Allow
		case strings.EqualFold(e.V, "Deny"):
			narrow.Effect, wide.Effect = policy.Deny, policy.Deny
		default:
			narrow.Effect, wide.Effect = policy.Allow, policy.Allow
		}

		actions, notActions := it.Get("actions").Strings(), it.Get("not_actions").Strings()
		if notActions.Unknown || (actions.Null && !notActions.Null) {
			narrow.HasNotAction, wide.HasNotAction = true, true
			// Exclusions: the widest reading keeps only the known ones.
			narrow.NotAction, wide.NotAction = grants(notActions, "*", false), grants(notActions, "", false)
			if notActions.Unknown {
				narrow.NotAction = []string{"*"}
			}
		} else {
			narrow.Action, wide.Action = grants(actions, "", false), grants(actions, "*", true)
		}

		resources, notResources := it.Get("resources").Strings(), it.Get("not_resources").Strings()
		if notResources.Unknown || (resources.Null && !notResources.Null) {
			narrow.HasNotResource, wide.HasNotResource = true, true
			narrow.NotResource, wide.NotResource = grants(notResources, "*", false), grants(notResources, "", false)
			if notResources.Unknown {
				narrow.NotResource = []string{"*"}
			}
		} else {
			narrow.HasResource, wide.HasResource = true, true
			narrow.Resource, wide.Resource = grants(resources, "", false), grants(resources, "*", true)
		}

		narrow.Principal, wide.Principal = principals(it.Get("principals").Items())
		narrow.NotPrincipal, wide.NotPrincipal = principals(it.Get("not_principals").Items())

		narrow.Conditions, wide.Conditions = conditions(it.Get("condition").Items())
		out.Narrowest.Statements = append(out.Narrowest.Statements, narrow)
		out.Widest.Statements = append(out.Widest.Statements, wide)
	}
	return out
}

// grants lists the known values of seq; an unknown element becomes unknownAs
// (dropped when ""), and an unknown sequence becomes [unknownAs] when whole
// is set (else nothing).
func grants(seq subject.StringSeq, unknownAs string, whole bool) []string {
	if seq.Unknown {
		if whole && unknownAs != "" {
			return []string{unknownAs}
		}
		return nil
	}
	out := make([]string, 0, len(seq.Items))
	for _, f := range seq.Items {
		switch {
		case !f.Unknown:
			out = append(out, f.V)
		case unknownAs != "":
			out = append(out, unknownAs)
		}
	}
	return out
}

// principals reads principals (or not_principals) blocks: type "*" with
// identifier "*" is Principal "*". Unknown identifiers are "*" in the widest
// reading and dropped in the narrowest. No blocks is no principal.
func principals(seq subject.Seq) (narrow, wide *policy.Principal) {
	if seq.Null || (!seq.Unknown && len(seq.Items) == 0) {
		return nil, nil
	}
	narrow, wide = &policy.Principal{Values: map[string][]string{}}, &policy.Principal{Values: map[string][]string{}}
	if seq.Unknown {
		wide.All = true
		return narrow, wide
	}
	for _, it := range seq.Items {
		typ := it.Get("type").String("")
		ids := it.Get("identifiers").Strings()
		if typ.Unknown {
			wide.All = true
			continue
		}
		if typ.V == "*" {
			if ids.Any(func(s string) bool { return s == "*" }) != subject.False {
				wide.All = true
			}
			if ids.Any(func(s string) bool { return s == "*" }) == subject.True {
				narrow.All = true
			}
			continue
		}
		narrow.Values[typ.V] = append(narrow.Values[typ.V], grants(ids, "", false)...)
		wide.Values[typ.V] = append(wide.Values[typ.V], grants(ids, "*", true)...)
	}
	return narrow, wide
}

// conditions reads condition blocks (test, variable, values). A condition
// with an unknown part is dropped from the widest reading (conditions only
// restrict a grant) and kept in the narrowest with its known values.
func conditions(seq subject.Seq) (narrow, wide []policy.Condition) {
	for _, it := range seq.Items {
		test, variable := it.Get("test").String(""), it.Get("variable").String("")
		values := it.Get("values").Strings()
		if test.Unknown || variable.Unknown {
			continue
		}
		c := policy.Condition{Operator: test.V, Key: strings.ToLower(variable.V)}
		c.Base, c.Qualifier, c.IfExists = splitOperator(test.V)
		c.Values = grants(values, "", false)
		known := !values.Unknown
		for _, v := range values.Items {
			known = known && !v.Unknown
		}
		narrow = append(narrow, c)
		if known {
			wide = append(wide, c)
		}
	}
	return narrow, wide
}

// splitOperator splits a condition operator as the policy parser does
// ("ForAnyValue:StringLikeIfExists" → "stringlike", "foranyvalue", true).
func splitOperator(op string) (base, qual string, ifExists bool) {
	s := strings.ToLower(op)
	if q, rest, ok := strings.Cut(s, ":"); ok {
		qual, s = q, rest
	}
	if strings.HasSuffix(s, "ifexists") {
		ifExists, s = true, strings.TrimSuffix(s, "ifexists")
	}
	return s, qual, ifExists
}
