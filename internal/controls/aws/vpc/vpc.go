// Package vpc judges VPC flow logging (EC2.6 / CIS 3.7).
package vpc

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
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

// decodeFlowLog reads aws_flow_log values.
func decodeFlowLog(n subject.Node) FlowLog {
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

// checkFlowLog judges one aws_flow_log: a VPC flow log must capture ALL or
// REJECT traffic. Flow logs of subnets, interfaces or transit gateways do not
// decide EC2.6 and pass. (That each VPC has such a flow log is an account
// question: see checkVPC.)
func checkFlowLog(f FlowLog) engine.Outcome {
	if !f.VPCID.Unknown && (f.VPCID.Null || f.VPCID.V == "") {
		return engine.Pass()
	}
	t := f.TrafficType
	switch {
	case t.Unknown:
		return judge.Unknown(t.Path)
	case t.Null || t.V == "":
		return engine.Fail(t.Path, "traffic_type is not set; a VPC flow log must capture ALL or REJECT traffic")
	case !capturesRejects(t.V):
		return engine.Fail(t.Path, "traffic_type is %q, so rejected traffic is not logged; use ALL or REJECT", t.V)
	}
	return engine.Pass()
}

// VPC is one VPC with the flow logs whose resource is that VPC. Live loaders
// build one per VPC (DescribeVpcs + DescribeFlowLogs resource-id filter);
// decodeVPC builds one from planned values.
type VPC struct {
	ID       string
	FlowLogs []FlowLog
	// FlowLogsUnknown is set when the planned flow_logs cannot be enumerated.
	FlowLogsUnknown bool
}

// KeyFlowLogs is the attribute of planned aws_vpc values that holds the VPC's
// aws_flow_log resources. They are separate resources that refer to the VPC,
// so `self` of an aws_vpc cannot hold them: pass them with
// merge(aws_vpc.this, { flow_logs = [aws_flow_log.this] }) in a check block
// or a guardrail.
const KeyFlowLogs = "flow_logs"

// decodeVPC reads aws_vpc values, with the VPC's aws_flow_log values under
// flow_logs. Without flow_logs the values show no flow log.
func decodeVPC(n subject.Node) VPC {
	v := VPC{ID: n.Get("id").String("").V}
	logs := n.Get(KeyFlowLogs).Items()
	v.FlowLogsUnknown = logs.Unknown
	for _, it := range logs.Items {
		v.FlowLogs = append(v.FlowLogs, decodeFlowLog(it))
	}
	return v
}

// checkVPC is EC2.6 for one VPC: some ACTIVE flow log captures ALL or REJECT
// traffic.
func checkVPC(v VPC) engine.Outcome {
	undecided := v.FlowLogsUnknown
	for _, f := range v.FlowLogs {
		if f.Status != "" && !strings.EqualFold(f.Status, "ACTIVE") {
			continue
		}
		if f.TrafficType.Unknown {
			undecided = true
			continue
		}
		if capturesRejects(f.TrafficType.V) {
			return engine.Pass()
		}
	}
	name := "the VPC"
	if v.ID != "" {
		name = "VPC " + v.ID
	}
	switch {
	case undecided:
		return engine.Undecided(KeyFlowLogs, "whether a flow log of %s captures ALL or REJECT traffic is unknown until apply", name)
	case len(v.FlowLogs) == 0:
		return engine.Fail(KeyFlowLogs, "%s has no flow log: add an aws_flow_log with vpc_id and traffic_type = \"ALL\" (in a plan, pass it as flow_logs: merge(aws_vpc.this, { flow_logs = [aws_flow_log.this] }))", name)
	}
	return engine.Fail(KeyFlowLogs, "%s has no active flow log that captures ALL or REJECT traffic", name)
}

// checkVPCs judges every VPC of an account and returns the first VPC that is
// not covered, or a pass.
func checkVPCs(vpcs []VPC) engine.Outcome {
	for _, v := range vpcs {
		if o := checkVPC(v); o.Status != engine.StatusPass {
			return o
		}
	}
	return engine.Pass()
}

// Register adds the VPC flow log checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_flow_log", decodeFlowLog, engine.Check[FlowLog]{Control: "aws-vpc-flow-logs-enabled", Eval: checkFlowLog})
	engine.Add(r, "aws_vpc", decodeVPC, engine.Check[VPC]{Control: "aws-vpc-flow-logs-enabled", Eval: checkVPC})
}
