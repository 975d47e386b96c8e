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

// Policies is the subject of the admin-policy control: one or more policy
// documents as raw JSON text with their attribute paths (live loaders fill it
// from GetPolicyVersion or GetRolePolicy; the text may be URL-decoded JSON).
type Policies struct {
	Docs []subject.Field[string]
	// Unknown is set when the set of documents cannot be enumerated.
	Unknown bool
	Path    string
}

// DecodePolicyAttr returns a decoder for resources with one policy attribute
// (aws_iam_policy.policy, aws_iam_role_policy.policy, ...;
// aws_iam_policy_document.json).
func DecodePolicyAttr(attr string) func(subject.Node) Policies {
	return func(n subject.Node) Policies {
		f := n.Get(attr).String("")
		return Policies{Docs: []subject.Field[string]{f}, Path: f.Path}
	}
}

// DecodeRole reads aws_iam_role values: the policy of each inline_policy
// block. inline_policy is Optional+Computed, so a plan shows the whole set
// unknown when it is not configured; an unknown set is therefore not judged
// (the aws_iam_role_policy resources are), while an unknown policy inside a
// configured block is undecided.
func DecodeRole(n subject.Node) Policies {
	seq := n.Get("inline_policy").Items()
	p := Policies{Path: seq.Path}
	for _, it := range seq.Items {
		p.Docs = append(p.Docs, it.Get("policy").String(""))
	}
	return p
}

func noAdmin(p Policies) engine.Outcome {
	var errored, undecided *engine.Outcome
	for _, f := range p.Docs {
		if f.Unknown {
			if undecided == nil {
				o := engine.Undecided(f.Path, "the policy is unknown until apply")
				undecided = &o
			}
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
		if m := doc.GrantsFullAdmin(); len(m) > 0 {
			return engine.Fail(f.Path, "%s %s", m[0].Where(), m[0].Reason)
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

// NoAdminCheck is FSBP IAM.1.
var NoAdminCheck = engine.Check[Policies]{Control: "aws-iam-no-admin-policy", Eval: noAdmin}
