package cloudwatch

import (
	"strings"
	"testing"
)

// cisPatterns are the filter patterns the CIS AWS Foundations Benchmark
// v3.0 remediation steps give for items 4.1 to 4.15.
var cisPatterns = map[string]string{
	"4.1":  `{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }`,
	"4.2":  `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
	"4.3":  `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
	"4.4":  `{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}`,
	"4.5":  `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
	"4.6":  `{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`,
	"4.7":  `{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }`,
	"4.8":  `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }`,
	"4.9":  `{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }`,
	"4.10": `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`,
	"4.11": `{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }`,
	"4.12": `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`,
	"4.13": `{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`,
	"4.14": `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }`,
	"4.15": `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`,
}

// Every CIS pattern is meant for its own item, and only for it, and covers it.
func TestCISPatternsCoverTheirItem(t *testing.T) {
	for item, src := range cisPatterns {
		p, err := parsePattern(src)
		if err != nil {
			t.Fatalf("%s: %v", item, err)
		}
		cov := cisCoverage(p)
		if len(cov) != 1 || cov[0].Family.Item != item || len(cov[0].Missed) != 0 {
			t.Errorf("%s: coverage %+v", item, cov)
		}
	}
}

func TestPartialAndForeignPatterns(t *testing.T) {
	tests := []struct {
		pattern, item, missed string
	}{
		{`{ ($.eventName = DeleteTrail) || ($.eventName = StopLogging) }`, "4.5", "CreateTrail, StartLogging, UpdateTrail"},
		{`{ $.errorCode = "AccessDenied*" }`, "4.1", "DescribeInstances"},
		{`{ ($.eventSource = iam.amazonaws.com) && ($.eventName = Put*Policy) }`, "4.4", "AttachGroupPolicy, AttachRolePolicy, AttachUserPolicy, CreatePolicy, CreatePolicyVersion, DeleteGroupPolicy, DeletePolicy, DeletePolicyVersion, DeleteRolePolicy, DeleteUserPolicy, DetachGroupPolicy, DetachRolePolicy, DetachUserPolicy"},
		{`{ $.level = "ERROR" }`, "", ""},
		{`{ $.eventName = %^(Create|Delete)SecurityGroup$% }`, "4.10", "AuthorizeSecurityGroupEgress, AuthorizeSecurityGroupIngress, RevokeSecurityGroupEgress, RevokeSecurityGroupIngress"},
	}
	for _, tt := range tests {
		p, err := parsePattern(tt.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		cov := cisCoverage(p)
		if tt.item == "" {
			if len(cov) != 0 {
				t.Errorf("%s: coverage %+v, want none", tt.pattern, cov)
			}
			continue
		}
		if len(cov) != 1 || cov[0].Family.Item != tt.item || strings.Join(cov[0].Missed, ", ") != tt.missed {
			t.Errorf("%s: coverage %+v, want %s missing %s", tt.pattern, cov, tt.item, tt.missed)
		}
	}
}

func TestParsePatternErrors(t *testing.T) {
	for _, s := range []string{`ERROR`, `{ $.a = }`, `{ ($.a = b }`, `{ a = b }`, `{ $.a = "x }`, `{ $.a IS MAYBE }`, `{ $.a = b } c`} {
		if _, err := parsePattern(s); err == nil {
			t.Errorf("%s: parsed", s)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tt := range []struct {
		v, s string
		want bool
	}{
		{"*UnauthorizedOperation", "Client.UnauthorizedOperation", true},
		{"AccessDenied*", "AccessDeniedException", true},
		{"AccessDenied*", "NotAccessDenied", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxcyyb", false},
		{"*", "", true},
	} {
		if got := glob(tt.v, tt.s); got != tt.want {
			t.Errorf("glob(%q, %q) = %v", tt.v, tt.s, got)
		}
	}
}
