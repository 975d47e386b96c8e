// Package cloudwatch judges CloudWatch metric alarms and the log metric
// filters that the CIS AWS Foundations Benchmark (section 4) asks for on the
// CloudTrail log group.
package cloudwatch

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"sort"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// alarm is a metric alarm. A live loader fills it from DescribeAlarms
// (ActionsEnabled, AlarmActions).
type alarm struct {
	ActionsEnabled subject.Field[bool]
	AlarmActions   subject.StringSeq
}

// decodeAlarm reads aws_cloudwatch_metric_alarm values (actions_enabled
// defaults to true).
func decodeAlarm(n subject.Node) alarm {
	return alarm{
		ActionsEnabled: n.Get("actions_enabled").Bool(true),
		AlarmActions:   n.Get("alarm_actions").Strings(),
	}
}

// checkAlarmAction is CloudWatch.15: the alarm has an action for the ALARM
// state. An action whose ARN is unknown until apply (a topic created in the
// same plan) is still an action.
func checkAlarmAction(a alarm) engine.Outcome {
	s := a.AlarmActions
	switch {
	case s.Unknown:
		return judge.Unknown(s.Path)
	case len(s.Items) == 0:
		return engine.Fail(s.Path, "alarm_actions is empty: nobody is notified when the alarm fires")
	}
	return engine.Pass()
}

// checkAlarmActionsEnabled is CloudWatch.17: alarm actions are activated.
func checkAlarmActionsEnabled(a alarm) engine.Outcome {
	f := a.ActionsEnabled
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case !f.V:
		return engine.Fail(f.Path, "actions_enabled is false: the alarm changes state without running its actions")
	}
	return engine.Pass()
}

// family is one CIS AWS Foundations v3.0 section 4 item: the CloudTrail
// events whose metric filter and alarm it asks for.
type family struct {
	Item  string // "4.5"
	Title string
	// Events are CloudTrail records (as CloudWatch Logs receives them) that
	// the item's filter must match: one per API call, with the fields the
	// CIS pattern tests.
	Events []map[string]any
	// Canonical is this catalog's pattern of the item, used only to tell
	// which events are specific to it.
	Canonical string
}

// call is a successful API call by an IAM user.
func call(source, name string) map[string]any {
	return map[string]any{
		"eventVersion":    "1.09",
		"eventSource":     source,
		"eventName":       name,
		"eventType":       "AwsApiCall",
		"awsRegion":       "eu-west-1",
		"sourceIPAddress": "203.0.113.10",
		"userIdentity":    map[string]any{"type": "IAMUser", "userName": "alice", "accountId": "111122223333"},
	}
}

func calls(source string, names ...string) []map[string]any {
	out := make([]map[string]any, len(names))
	for i, n := range names {
		out[i] = call(source, n)
	}
	return out
}

func orNames(names ...string) string {
	terms := make([]string, len(names))
	for i, n := range names {
		terms[i] = "($.eventName = " + n + ")"
	}
	return "(" + strings.Join(terms, " || ") + ")"
}

func with(ev map[string]any, kv map[string]any) map[string]any {
	for k, v := range kv {
		ev[k] = v
	}
	return ev
}

var (
	iamPolicy     = []string{"DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"}
	trailChanges  = []string{"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"}
	kmsChanges    = []string{"DisableKey", "ScheduleKeyDeletion"}
	bucketPolicy  = []string{"PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"}
	configChanges = []string{"StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"}
	sgChanges     = []string{"AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"}
	naclChanges   = []string{"CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"}
	gwChanges     = []string{"CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"}
	routeChanges  = []string{"CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"}
	vpcChanges    = []string{"CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink"}
	orgChanges    = []string{"AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"}
)

// families are CIS AWS Foundations Benchmark v3.0 items 4.1 to 4.15.
var families = []family{
	{Item: "4.1", Title: "unauthorized API calls", Events: []map[string]any{
		with(call("ec2.amazonaws.com", "DescribeInstances"), map[string]any{"errorCode": "Client.UnauthorizedOperation", "errorMessage": "You are not authorized to perform this operation."}),
		with(call("s3.amazonaws.com", "GetObject"), map[string]any{"errorCode": "AccessDenied", "errorMessage": "Access Denied"}),
	}, Canonical: `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`},
	{Item: "4.2", Title: "management console sign-in without MFA", Events: []map[string]any{
		with(call("signin.amazonaws.com", "ConsoleLogin"), map[string]any{"eventType": "AwsConsoleSignIn", "additionalEventData": map[string]any{"MFAUsed": "No", "LoginTo": "https://console.aws.amazon.com/"}, "responseElements": map[string]any{"ConsoleLogin": "Success"}}),
	}, Canonical: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.responseElements.ConsoleLogin = "Success") }`},
	{Item: "4.3", Title: "usage of the root user", Events: []map[string]any{
		with(call("s3.amazonaws.com", "ListBuckets"), map[string]any{"userIdentity": map[string]any{"type": "Root", "accountId": "111122223333"}}),
		with(call("signin.amazonaws.com", "ConsoleLogin"), map[string]any{"eventType": "AwsConsoleSignIn", "userIdentity": map[string]any{"type": "Root", "accountId": "111122223333"}, "additionalEventData": map[string]any{"MFAUsed": "Yes"}, "responseElements": map[string]any{"ConsoleLogin": "Success"}}),
	}, Canonical: `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`},
	{Item: "4.4", Title: "IAM policy changes", Events: calls("iam.amazonaws.com", iamPolicy...), Canonical: "{ " + orNames(iamPolicy...) + " }"},
	{Item: "4.5", Title: "CloudTrail configuration changes", Events: calls("cloudtrail.amazonaws.com", trailChanges...), Canonical: "{ " + orNames(trailChanges...) + " }"},
	{Item: "4.6", Title: "management console authentication failures", Events: []map[string]any{
		with(call("signin.amazonaws.com", "ConsoleLogin"), map[string]any{"eventType": "AwsConsoleSignIn", "errorMessage": "Failed authentication", "additionalEventData": map[string]any{"MFAUsed": "No"}, "responseElements": map[string]any{"ConsoleLogin": "Failure"}}),
	}, Canonical: `{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`},
	{Item: "4.7", Title: "disabling or scheduled deletion of customer managed keys", Events: calls("kms.amazonaws.com", kmsChanges...), Canonical: "{ ($.eventSource = kms.amazonaws.com) && " + orNames(kmsChanges...) + " }"},
	{Item: "4.8", Title: "S3 bucket policy changes", Events: calls("s3.amazonaws.com", bucketPolicy...), Canonical: "{ ($.eventSource = s3.amazonaws.com) && " + orNames(bucketPolicy...) + " }"},
	{Item: "4.9", Title: "AWS Config configuration changes", Events: calls("config.amazonaws.com", configChanges...), Canonical: "{ ($.eventSource = config.amazonaws.com) && " + orNames(configChanges...) + " }"},
	{Item: "4.10", Title: "security group changes", Events: calls("ec2.amazonaws.com", sgChanges...), Canonical: "{ " + orNames(sgChanges...) + " }"},
	{Item: "4.11", Title: "network ACL changes", Events: calls("ec2.amazonaws.com", naclChanges...), Canonical: "{ " + orNames(naclChanges...) + " }"},
	{Item: "4.12", Title: "network gateway changes", Events: calls("ec2.amazonaws.com", gwChanges...), Canonical: "{ " + orNames(gwChanges...) + " }"},
	{Item: "4.13", Title: "route table changes", Events: calls("ec2.amazonaws.com", routeChanges...), Canonical: "{ " + orNames(routeChanges...) + " }"},
	{Item: "4.14", Title: "VPC changes", Events: calls("ec2.amazonaws.com", vpcChanges...), Canonical: "{ " + orNames(vpcChanges...) + " }"},
	{Item: "4.15", Title: "AWS Organizations changes", Events: calls("organizations.amazonaws.com", orgChanges...), Canonical: "{ ($.eventSource = organizations.amazonaws.com) && " + orNames(orgChanges...) + " }"},
}

// specific[i][j] says whether event j of family i is matched by no other
// family's canonical pattern: a filter that matches it is meant for family i.
var specific = func() [][]bool {
	canon := make([]Pattern, len(families))
	for i, f := range families {
		p, err := parsePattern(f.Canonical)
		if err != nil {
			panic("cloudwatch: CIS " + f.Item + ": " + err.Error())
		}
		canon[i] = p
	}
	out := make([][]bool, len(families))
	for i, f := range families {
		out[i] = make([]bool, len(f.Events))
		for j, ev := range f.Events {
			if !canon[i].Match(ev) {
				panic("cloudwatch: CIS " + f.Item + ": an event does not match its own pattern")
			}
			out[i][j] = true
			for k := range families {
				if k != i && canon[k].Match(ev) {
					out[i][j] = false
				}
			}
		}
	}
	return out
}()

// coverage is what a filter pattern does for one CIS item it is meant for.
type coverage struct {
	Family family
	// Missed names the API calls (eventName) of the family that the filter
	// does not match; empty when the filter covers the item.
	Missed []string
}

// cisCoverage returns, for every CIS item the pattern is meant for (it
// matches an event specific to that item), the item's events it misses.
func cisCoverage(p Pattern) []coverage {
	var out []coverage
	for i, f := range families {
		meant := false
		for j, ev := range f.Events {
			if specific[i][j] && p.Match(ev) {
				meant = true
				break
			}
		}
		if !meant {
			continue
		}
		c := coverage{Family: f}
		seen := map[string]bool{}
		for _, ev := range f.Events {
			name, _ := ev["eventName"].(string)
			if !p.Match(ev) && !seen[name] {
				seen[name] = true
				c.Missed = append(c.Missed, name)
			}
		}
		sort.Strings(c.Missed)
		out = append(out, c)
	}
	return out
}

// metricFilter is a log metric filter. A live loader fills it from
// DescribeMetricFilters (filterPattern).
type metricFilter struct {
	Pattern subject.Field[string]
}

// decodeMetricFilter reads aws_cloudwatch_log_metric_filter values.
func decodeMetricFilter(n subject.Node) metricFilter {
	return metricFilter{Pattern: n.Get("pattern").String("")}
}

// checkCISMetricFilter: a metric filter meant for a CIS section 4 item (its
// pattern matches events specific to the item) matches every event the item
// names. Filters of other purposes, and patterns that are not JSON filter
// patterns, pass: they are not CIS filters.
func checkCISMetricFilter(m metricFilter) engine.Outcome {
	f := m.Pattern
	if f.Unknown {
		return judge.Unknown(f.Path)
	}
	if strings.TrimSpace(f.V) == "" || !strings.HasPrefix(strings.TrimSpace(f.V), "{") {
		return engine.Pass()
	}
	p, err := parsePattern(f.V)
	if err != nil {
		return engine.Fail(f.Path, "the JSON filter pattern cannot be read (%v); CloudWatch Logs would reject or misread it", err)
	}
	for _, c := range cisCoverage(p) {
		if len(c.Missed) > 0 {
			return engine.Fail(f.Path, "the pattern watches CIS %s (%s) but misses %s", c.Family.Item, c.Family.Title, strings.Join(c.Missed, ", "))
		}
	}
	return engine.Pass()
}

// Register adds the CloudWatch checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_cloudwatch_metric_alarm", decodeAlarm,
		engine.Check[alarm]{Control: "aws-cloudwatch-alarm-action-configured", Eval: checkAlarmAction},
		engine.Check[alarm]{Control: "aws-cloudwatch-alarm-actions-enabled", Eval: checkAlarmActionsEnabled},
	)
	engine.Add(r, "aws_cloudwatch_log_metric_filter", decodeMetricFilter,
		engine.Check[metricFilter]{Control: "aws-cloudwatch-cis-metric-filter-complete", Eval: checkCISMetricFilter},
	)
}
