package iam

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Register adds the identity checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_iam_policy", DecodePolicyAttr("policy"), NoAdminCheck, NoServiceWildcardCheck, ManagedNoKMSDecryptCheck)
	for _, rt := range []string{"aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"} {
		engine.Add(r, rt, DecodePolicyAttr("policy"), NoAdminCheck, InlineNoKMSDecryptCheck)
	}
	engine.Add(r, "aws_iam_policy_document", DecodePolicyDocument, NoAdminCheck)
	engine.Add(r, "aws_iam_role", DecodeRole, NoAdminCheck, InlineNoKMSDecryptCheck)
	engine.Add(r, "aws_iam_user_policy", DecodeUserPolicy, UserPoliciesCheck)
	engine.Add(r, "aws_iam_user_policy_attachment", DecodeUserPolicyAttachment, UserPoliciesCheck)
	engine.Add(r, "aws_iam_policy_attachment", DecodePolicyAttachment, UserPoliciesCheck)
	engine.Add(r, "aws_iam_account_password_policy", DecodePasswordPolicy, PasswordChecks()...)
	engine.Add(r, "aws_account", DecodeAccountSummary, AccountChecks()...)
}
