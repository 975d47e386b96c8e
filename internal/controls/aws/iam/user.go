package iam

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// userPolicies is the subject of FSBP IAM.2 / CIS 1.15: a policy given to IAM
// users directly. What says how (an inline policy, a managed policy
// attachment); Users are the users it reaches. A live loader fills one per
// user from ListUserPolicies and ListAttachedUserPolicies.
type userPolicies struct {
	What  string
	Users subject.StringSeq
}

// decodeUserPolicy reads aws_iam_user_policy values: an inline policy of one user.
func decodeUserPolicy(n subject.Node) userPolicies {
	return userPolicies{What: "an inline policy", Users: single(n.Get("user").String(""))}
}

// decodeUserPolicyAttachment reads aws_iam_user_policy_attachment values.
func decodeUserPolicyAttachment(n subject.Node) userPolicies {
	return userPolicies{What: "a managed policy attachment", Users: single(n.Get("user").String(""))}
}

// decodePolicyAttachment reads aws_iam_policy_attachment values, which attach
// a managed policy to users, groups and roles at once; only users matter.
func decodePolicyAttachment(n subject.Node) userPolicies {
	return userPolicies{What: "a managed policy attachment", Users: n.Get("users").Strings()}
}

func single(f subject.Field[string]) subject.StringSeq {
	s := subject.StringSeq{Path: f.Path}
	if !f.Null {
		s.Items = []subject.Field[string]{f}
	}
	return s
}

func noUserPolicies(u userPolicies) engine.Outcome {
	switch {
	case u.Users.Unknown:
		return engine.Undecided(u.Users.Path, "the users the policy is attached to are unknown until apply")
	case len(u.Users.Items) == 0:
		return engine.Pass()
	}
	// An unknown user name is still a user: the resource gives a user a policy.
	return engine.Fail(u.Users.Items[0].Path, "%s gives IAM users permissions directly; attach the policy to a group the users belong to, or to a role they assume", u.What)
}

// userPoliciesCheck is FSBP IAM.2 / CIS 1.15.
var userPoliciesCheck = engine.Check[userPolicies]{Control: "aws-iam-user-no-attached-policies", Eval: noUserPolicies}
