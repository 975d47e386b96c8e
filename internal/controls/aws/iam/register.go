package iam

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Register adds the identity checks to r.
func Register(r *engine.Registry) {
	for _, rt := range []string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"} {
		engine.Add(r, rt, DecodePolicyAttr("policy"), NoAdminCheck)
	}
	engine.Add(r, "aws_iam_policy_document", DecodePolicyAttr("json"), NoAdminCheck)
	engine.Add(r, "aws_iam_role", DecodeRole, NoAdminCheck)
	engine.Add(r, "aws_iam_account_password_policy", DecodePasswordPolicy, PasswordChecks()...)
	engine.Add(r, "aws_account", DecodeAccountSummary, AccountChecks()...)
}
