package iam

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Register adds the identity checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_iam_policy", decodePolicyAttr("policy"), noAdminCheck, noServiceWildcardCheck, managedNoKMSDecryptCheck)
	for _, rt := range []string{"aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"} {
		engine.Add(r, rt, decodePolicyAttr("policy"), noAdminCheck, inlineNoKMSDecryptCheck)
	}
	engine.Add(r, "aws_iam_policy_document", decodePolicyDocument, noAdminCheck)
	engine.Add(r, "aws_iam_role", decodeRole, noAdminCheck, inlineNoKMSDecryptCheck)
	engine.Add(r, "aws_iam_user_policy", decodeUserPolicy, userPoliciesCheck)
	engine.Add(r, "aws_iam_user_policy_attachment", decodeUserPolicyAttachment, userPoliciesCheck)
	engine.Add(r, "aws_iam_policy_attachment", decodePolicyAttachment, userPoliciesCheck)
	engine.Add(r, "aws_iam_account_password_policy", decodePasswordPolicy, passwordChecks()...)
	engine.Add(r, "aws_account", decodeAccountSummary, accountChecks()...)
}
