package vpc

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

func fl(traffic, status string) FlowLog {
	return FlowLog{VPCID: subject.Of("vpc-1", "resource_id"), TrafficType: subject.Of(traffic, "traffic_type"), Status: status}
}

func TestCheckVPCs(t *testing.T) {
	tests := []struct {
		name string
		vpcs []VPC
		want engine.Status
	}{
		{"no vpcs", nil, engine.StatusPass},
		{"vpc without flow log", []VPC{{ID: "vpc-1"}}, engine.StatusFail},
		{"accept-only flow log", []VPC{{ID: "vpc-1", FlowLogs: []FlowLog{fl("ACCEPT", "ACTIVE")}}}, engine.StatusFail},
		{"failed flow log", []VPC{{ID: "vpc-1", FlowLogs: []FlowLog{fl("ALL", "FAILED")}}}, engine.StatusFail},
		{"active reject flow log", []VPC{{ID: "vpc-1", FlowLogs: []FlowLog{fl("REJECT", "ACTIVE")}}}, engine.StatusPass},
		{"second vpc uncovered", []VPC{{ID: "vpc-1", FlowLogs: []FlowLog{fl("ALL", "ACTIVE")}}, {ID: "vpc-2"}}, engine.StatusFail},
	}
	for _, tt := range tests {
		if got := checkVPCs(tt.vpcs).Status; got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
