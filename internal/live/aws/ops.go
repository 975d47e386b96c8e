package liveaws

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"sync"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// Operation is one AWS API operation: the SDK's service id ("S3", "S3
// Control", "EC2", ...) and operation name.
type Operation struct {
	Service string
	Name    string
}

func (o Operation) String() string { return o.Service + " " + o.Name }

// Actions maps every operation live mode may call to the IAM action that
// authorises it. examples/iam/live-readonly-policy.json grants exactly these
// actions; a test fails when a recorded operation is missing here or there.
var Actions = map[Operation]string{
	{"S3", "ListBuckets"}:                                     "s3:ListAllMyBuckets",
	{"S3", "HeadBucket"}:                                      "s3:ListBucket",
	{"S3", "GetBucketTagging"}:                                "s3:GetBucketTagging",
	{"S3", "GetPublicAccessBlock"}:                            "s3:GetBucketPublicAccessBlock",
	{"S3", "GetBucketPolicy"}:                                 "s3:GetBucketPolicy",
	{"S3", "GetBucketAcl"}:                                    "s3:GetBucketAcl",
	{"S3", "GetBucketOwnershipControls"}:                      "s3:GetBucketOwnershipControls",
	{"S3", "GetBucketEncryption"}:                             "s3:GetEncryptionConfiguration",
	{"S3", "GetBucketLogging"}:                                "s3:GetBucketLogging",
	{"S3", "GetBucketVersioning"}:                             "s3:GetBucketVersioning",
	{"S3 Control", "GetPublicAccessBlock"}:                    "s3:GetAccountPublicAccessBlock",
	{"EC2", "GetEbsEncryptionByDefault"}:                      "ec2:GetEbsEncryptionByDefault",
	{"EC2", "DescribeSecurityGroups"}:                         "ec2:DescribeSecurityGroups",
	{"EC2", "DescribeVpcs"}:                                   "ec2:DescribeVpcs",
	{"EC2", "DescribeFlowLogs"}:                               "ec2:DescribeFlowLogs",
	{"EC2", "DescribeSubnets"}:                                "ec2:DescribeSubnets",
	{"CloudTrail", "DescribeTrails"}:                          "cloudtrail:DescribeTrails",
	{"CloudTrail", "GetTrailStatus"}:                          "cloudtrail:GetTrailStatus",
	{"CloudTrail", "GetEventSelectors"}:                       "cloudtrail:GetEventSelectors",
	{"Config Service", "DescribeConfigurationRecorders"}:      "config:DescribeConfigurationRecorders",
	{"Config Service", "DescribeConfigurationRecorderStatus"}: "config:DescribeConfigurationRecorderStatus",
	{"GuardDuty", "ListDetectors"}:                            "guardduty:ListDetectors",
	{"GuardDuty", "GetDetector"}:                              "guardduty:GetDetector",
	{"SecurityHub", "DescribeHub"}:                            "securityhub:DescribeHub",
	{"SecurityHub", "GetEnabledStandards"}:                    "securityhub:GetEnabledStandards",
	{"SecurityHub", "GetFindings"}:                            "securityhub:GetFindings",
	{"SecurityHub", "GetAdministratorAccount"}:                "securityhub:GetAdministratorAccount",
	{"IAM", "GetAccountSummary"}:                              "iam:GetAccountSummary",
	{"IAM", "GetAccountPasswordPolicy"}:                       "iam:GetAccountPasswordPolicy",
	{"RDS", "DescribeDBInstances"}:                            "rds:DescribeDBInstances",
	// GetCallerIdentity needs no permission (it cannot be denied); it is in
	// the policy so the policy names every call.
	{"STS", "GetCallerIdentity"}: "sts:GetCallerIdentity",
}

// Action returns the IAM action of an operation, or "<service>:<operation>"
// for one not in Actions.
func Action(op Operation) string {
	if a, ok := Actions[op]; ok {
		return a
	}
	return strings.ToLower(strings.ReplaceAll(op.Service, " ", "")) + ":" + op.Name
}

// ReadOnlyName reports whether an operation name is a read: Get, Describe,
// List or Head.
func ReadOnlyName(name string) bool {
	for _, p := range []string{"Get", "Describe", "List", "Head"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// Counter counts invoked operations. It is safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	n  map[Operation]int
}

// NewCounter returns an empty counter.
func NewCounter() *Counter { return &Counter{n: map[Operation]int{}} }

func (c *Counter) add(op Operation) {
	c.mu.Lock()
	c.n[op]++
	c.mu.Unlock()
}

// Snapshot returns the counts so far.
func (c *Counter) Snapshot() map[Operation]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[Operation]int, len(c.n))
	for k, v := range c.n {
		out[k] = v
	}
	return out
}

// Total returns the number of operations invoked.
func (c *Counter) Total() int {
	total := 0
	for _, v := range c.Snapshot() {
		total += v
	}
	return total
}

// Operations returns the distinct operations invoked, sorted.
func (c *Counter) Operations() []Operation {
	snap := c.Snapshot()
	out := make([]Operation, 0, len(snap))
	for op := range snap {
		out = append(out, op)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Reset forgets every count.
func (c *Counter) Reset() {
	c.mu.Lock()
	c.n = map[Operation]int{}
	c.mu.Unlock()
}

// Recorded collects, process-wide, every operation any Client invoked (once
// per operation call, not per retry attempt).
var Recorded = NewCounter()

// record counts one call of op, process-wide and on the client.
func (c *Client) record(op Operation) {
	Recorded.add(op)
	c.calls.add(op)
}

// recordMiddleware is added to every service client: it records the service
// and operation of each call before it is sent.
func (c *Client) recordMiddleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("BaselineRecordOperation",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			c.record(Operation{Service: awsmiddleware.GetServiceID(ctx), Name: awsmiddleware.GetOperationName(ctx)})
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

// PolicyProblems checks operations against an IAM policy document (JSON):
// each must be in Actions, be a read (Get/Describe/List/Head) and have its
// action granted by an Allow statement. It returns one line per problem.
func PolicyProblems(policyJSON []byte, ops []Operation) []string {
	var doc struct {
		Statement []struct {
			Effect string
			Action []string
		}
	}
	if err := json.Unmarshal(policyJSON, &doc); err != nil {
		return []string{"policy: " + err.Error()}
	}
	granted := map[string]bool{}
	for _, s := range doc.Statement {
		if s.Effect == "Allow" {
			for _, a := range s.Action {
				granted[a] = true
			}
		}
	}
	var out []string
	for _, op := range ops {
		if _, known := Actions[op]; !known {
			out = append(out, op.String()+" is not in the operation table (liveaws.Actions)")
		}
		if !ReadOnlyName(op.Name) {
			out = append(out, op.String()+" is not a Get/Describe/List/Head call")
		}
		if !granted[Action(op)] {
			out = append(out, op.String()+" needs "+Action(op)+", which the policy does not grant")
		}
	}
	sort.Strings(out)
	return out
}
