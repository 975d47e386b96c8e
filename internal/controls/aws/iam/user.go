package iam

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// UserPolicies is the subject of FSBP IAM.2 / CIS 1.15: a policy given to IAM
// users directly. What says how (an inline policy, a managed policy
// attachment); Users are the users it reaches. A live loader fills one per
// user from ListUserPolicies and ListAttachedUserPolicies.
type UserPolicies struct {
	What  string
	Users subject.StringSeq
}

// DecodeUserPolicy reads aws_iam_user_policy values: an inline policy of one user.
func DecodeUserPolicy(n subject.Node) UserPolicies {
	return UserPolicies{What: "an inline policy", Users: single(n.Get("user").String(""))}
}

// DecodeUserPolicyAttachment reads aws_iam_user_policy_attachment values.
func DecodeUserPolicyAttachment(n subject.Node) UserPolicies {
	return UserPolicies{What: "a managed policy attachment", Users: single(n.Get("user").String(""))}
}

// DecodePolicyAttachment reads aws_iam_policy_attachment values, which attach
// a managed policy to users, groups and roles at once; only users matter.
func DecodePolicyAttachment(n subject.Node) UserPolicies {
	return UserPolicies{What: "a managed policy attachment", Users: n.Get("users").Strings()}
}

func single(f subject.Field[string]) subject.StringSeq {
	s := subject.StringSeq{Path: f.Path}
	if !f.Null {
		s.Items = []subject.Field[string]{f}
	}
	return s
}

func noUserPolicies(u UserPolicies) engine.Outcome {
	switch {
	case u.Users.Unknown:
		return engine.Undecided(u.Users.Path, "the users the policy is attached to are unknown until apply")
	case len(u.Users.Items) == 0:
		return engine.Pass()
	}
	// An unknown user name is still a user: the resource gives a user a policy.
	return engine.Fail(u.Users.Items[0].Path, "%s gives IAM users permissions directly; attach the policy to a group the users belong to, or to a role they assume", u.What)
}

// UserPoliciesCheck is FSBP IAM.2 / CIS 1.15.
var UserPoliciesCheck = engine.Check[UserPolicies]{Control: "aws-iam-user-no-attached-policies", Eval: noUserPolicies}
