package network

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// flowLog is the subject of the flow log controls.
type flowLog struct {
	Enabled          subject.Field[bool]
	RetentionEnabled subject.Field[bool]
	RetentionDays    subject.Field[int64]
	Analytics        subject.Field[bool]
}

// decodeFlowLog reads azurerm_network_watcher_flow_log values.
func decodeFlowLog(n subject.Node) flowLog {
	rp := n.Get("retention_policy").Block()
	ta := n.Get("traffic_analytics").Block()
	return flowLog{
		Enabled:          n.Get("enabled").Bool(false),
		RetentionEnabled: rp.Get("enabled").Bool(false),
		RetentionDays:    rp.Get("days").Int(0),
		Analytics:        ta.Get("enabled").Bool(false),
	}
}

func flowLogEnabled(f flowLog) engine.Outcome {
	return judge.True(f.Enabled, "the flow log records no traffic")
}

func flowLogRetention(f flowLog) engine.Outcome {
	if o := judge.True(f.RetentionEnabled, "flow log records are kept without a retention policy and may be deleted at any time"); o.Status != engine.StatusPass {
		return o
	}
	return judge.AtLeast(f.RetentionDays, 90, true, "flow log records are deleted before the 90 days an investigation needs")
}

func trafficAnalytics(f flowLog) engine.Outcome {
	return judge.True(f.Analytics, "flow logs are not sent to a Log Analytics workspace (traffic_analytics)")
}

// flowLogChecks are the flow log checks.
func flowLogChecks() []engine.Check[flowLog] {
	return []engine.Check[flowLog]{
		{Control: "azure-network-flow-log-enabled", Eval: flowLogEnabled},
		{Control: "azure-network-flow-log-retention-90-days", Eval: flowLogRetention},
		{Control: "azure-network-flow-log-traffic-analytics", Eval: trafficAnalytics},
	}
}
