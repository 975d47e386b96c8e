// Package vpc judges VPC flow logging (EC2.6 / CIS 3.7).
package vpc

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FlowLog is one flow log. A live loader fills it from DescribeFlowLogs
// (ResourceId, TrafficType, FlowLogStatus) with subject.Of.
type FlowLog struct {
	// VPCID is the VPC the flow log captures; null for subnet, network
	// interface and transit gateway flow logs.
	VPCID       subject.Field[string]
	TrafficType subject.Field[string]
	// Status is the live FlowLogStatus ("ACTIVE"); empty in planned mode.
	Status string
}

// DecodeFlowLog reads aws_flow_log values.
func DecodeFlowLog(n subject.Node) FlowLog {
	return FlowLog{
		VPCID:       n.Get("vpc_id").String(""),
		TrafficType: n.Get("traffic_type").String(""),
	}
}

// capturesRejects: CIS 3.7 asks for at least rejected traffic; ALL includes it.
func capturesRejects(t string) bool {
	switch strings.ToUpper(strings.TrimSpace(t)) {
	case "ALL", "REJECT":
		return true
	}
	return false
}

// CheckFlowLog judges one aws_flow_log: a VPC flow log must capture ALL or
// REJECT traffic. Flow logs of subnets, interfaces or transit gateways do not
// decide EC2.6 and pass. (That each VPC has such a flow log is an account
// question: see CheckVPC.)
func CheckFlowLog(f FlowLog) engine.Outcome {
	if !f.VPCID.Unknown && (f.VPCID.Null || f.VPCID.V == "") {
		return engine.Pass()
	}
	t := f.TrafficType
	switch {
	case t.Unknown:
		return engine.Undecided(t.Path, "traffic_type is unknown until apply")
	case t.Null || t.V == "":
		return engine.Fail(t.Path, "traffic_type is not set; a VPC flow log must capture ALL or REJECT traffic")
	case !capturesRejects(t.V):
		return engine.Fail(t.Path, "traffic_type is %q, so rejected traffic is not logged; use ALL or REJECT", t.V)
	}
	return engine.Pass()
}

// VPC is one VPC with the flow logs whose resource is that VPC. Live loaders
// build one per VPC (DescribeVpcs + DescribeFlowLogs resource-id filter) and
// judge it under "aws_vpc".
type VPC struct {
	ID       string
	FlowLogs []FlowLog
}

// CheckVPC is EC2.6 for one VPC: some ACTIVE flow log captures ALL or REJECT
// traffic.
func CheckVPC(v VPC) engine.Outcome {
	for _, f := range v.FlowLogs {
		if (f.Status == "" || strings.EqualFold(f.Status, "ACTIVE")) && !f.TrafficType.Unknown && capturesRejects(f.TrafficType.V) {
			return engine.Pass()
		}
	}
	if len(v.FlowLogs) == 0 {
		return engine.Fail("flow_logs", "VPC %s has no flow log", v.ID)
	}
	return engine.Fail("flow_logs", "VPC %s has no active flow log that captures ALL or REJECT traffic", v.ID)
}

// CheckVPCs judges every VPC of an account and returns the first VPC that is
// not covered, or a pass.
func CheckVPCs(vpcs []VPC) engine.Outcome {
	for _, v := range vpcs {
		if o := CheckVPC(v); o.Status != engine.StatusPass {
			return o
		}
	}
	return engine.Pass()
}

// Register adds the VPC flow log checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_flow_log", DecodeFlowLog, engine.Check[FlowLog]{Control: "aws-vpc-flow-logs-enabled", Eval: CheckFlowLog})
	engine.Add[VPC](r, "aws_vpc", nil, engine.Check[VPC]{Control: "aws-vpc-flow-logs-enabled", Eval: CheckVPC})
}
