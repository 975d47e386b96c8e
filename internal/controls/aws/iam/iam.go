// Package iam judges identity basics: IAM policies that grant full
// administrative access, the account password policy, and the root user's
// access keys and MFA.
package iam

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// policies is the subject of the policy controls: one or more policy
// documents as raw JSON text with their attribute paths (live loaders fill it
// from GetPolicyVersion or GetRolePolicy; the text may be URL-decoded JSON),
// and documents built from aws_iam_policy_document statement blocks when the
// data source's json is not known at plan.
type policies struct {
	Docs []subject.Field[string]
	// statements are documents read from statement blocks (see Statements).
	Statements []statements
	// Unknown is set when the set of documents cannot be enumerated.
	Unknown bool
	Path    string
}

// decodePolicyAttr returns a decoder for resources with one policy attribute
// (aws_iam_policy.policy, aws_iam_role_policy.policy, ...).
func decodePolicyAttr(attr string) func(subject.Node) policies {
	return func(n subject.Node) policies {
		f := n.Get(attr).String("")
		return policies{Docs: []subject.Field[string]{f}, Path: f.Path}
	}
}

// decodeRole reads aws_iam_role values: the policy of each inline_policy
// block. inline_policy is Optional+Computed, so a plan shows the whole set
// unknown when it is not configured; an unknown set is therefore not judged
// (the aws_iam_role_policy resources are), while an unknown policy inside a
// configured block is undecided.
func decodeRole(n subject.Node) policies {
	seq := n.Get("inline_policy").Items()
	p := policies{Path: seq.Path}
	for _, it := range seq.Items {
		p.Docs = append(p.Docs, it.Get("policy").String(""))
	}
	return p
}

// judgeDocs runs analysis on every document and fails on the first match. A
// document built from statement blocks with unknown values fails when even
// its narrowest reading matches, and is undecided when only its widest does.
// Malformed JSON is an error, unknown JSON undecided; neither is a pass.
func judgeDocs(p policies, analysis func(*policy.Policy) []policy.Match) engine.Outcome {
	var errored, undecided *engine.Outcome
	undecide := func(at, format string, args ...any) {
		if undecided == nil {
			o := engine.Undecided(at, format, args...)
			undecided = &o
		}
	}
	for _, f := range p.Docs {
		if f.Unknown {
			undecide(f.Path, "the policy is unknown until apply")
			continue
		}
		if strings.TrimSpace(f.V) == "" {
			continue
		}
		doc, err := policy.Parse([]byte(f.V))
		if err != nil {
			if errored == nil {
				o := engine.Errored(f.Path, "the policy cannot be analysed: %v", err)
				errored = &o
			}
			continue
		}
		if m := analysis(doc); len(m) > 0 {
			return engine.Fail(f.Path, "%s %s", m[0].Where(), m[0].Reason)
		}
	}
	for _, st := range p.Statements {
		if m := analysis(st.Narrowest); len(m) > 0 {
			return engine.Fail(st.At(m[0].Index), "statement %d %s", m[0].Index, m[0].Reason)
		}
		if m := analysis(st.Widest); len(m) > 0 {
			undecide(st.At(m[0].Index), "statement %d may %s: some of its values are unknown until apply", m[0].Index, m[0].Reason)
		}
	}
	switch {
	case errored != nil:
		return *errored
	case undecided != nil:
		return *undecided
	}
	return engine.Pass()
}

func noAdmin(p policies) engine.Outcome {
	return judgeDocs(p, (*policy.Policy).GrantsFullAdmin)
}

// noAdminCheck is FSBP IAM.1.
var noAdminCheck = engine.Check[policies]{Control: "aws-iam-no-admin-policy", Eval: noAdmin}

// noServiceWildcardCheck is FSBP IAM.21 on customer managed policies.
var noServiceWildcardCheck = engine.Check[policies]{Control: "aws-iam-no-service-wildcard-actions", Eval: func(p policies) engine.Outcome {
	return judgeDocs(p, (*policy.Policy).ServiceWildcards)
}}

func noKMSDecryptAll(p policies) engine.Outcome {
	return judgeDocs(p, (*policy.Policy).DecryptsAllKMSKeys)
}

// managedNoKMSDecryptCheck is FSBP KMS.1 (customer managed policies) and
// inlineNoKMSDecryptCheck FSBP KMS.2 (inline policies of users, groups and
// roles).
var (
	managedNoKMSDecryptCheck = engine.Check[policies]{Control: "aws-iam-managed-policy-no-kms-decrypt-all", Eval: noKMSDecryptAll}
	inlineNoKMSDecryptCheck  = engine.Check[policies]{Control: "aws-iam-inline-policy-no-kms-decrypt-all", Eval: noKMSDecryptAll}
)
