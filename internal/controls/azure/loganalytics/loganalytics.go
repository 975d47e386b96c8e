// Package loganalytics judges Log Analytics workspaces: how long they keep
// records and whether the internet can ingest into or query them.
package loganalytics

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// workspace is the subject of the Log Analytics controls.
type workspace struct {
	Retention subject.Field[int64] // retention_in_days, default 30 (Optional+Computed)
	Ingestion subject.Field[bool]  // internet_ingestion_enabled, default true
	Query     subject.Field[bool]  // internet_query_enabled, default true
}

// decodeWorkspace reads azurerm_log_analytics_workspace values.
func decodeWorkspace(n subject.Node) workspace {
	return workspace{
		Retention: n.Get("retention_in_days").Int(30),
		Ingestion: n.Get("internet_ingestion_enabled").Bool(true),
		Query:     n.Get("internet_query_enabled").Bool(true),
	}
}

func retention(w workspace) engine.Outcome {
	return judge.AtLeast(w.Retention, 90, false, "records are deleted before the 90 days an investigation needs")
}

func internet(w workspace) engine.Outcome {
	return judge.Worst(
		judge.False(w.Ingestion, "any network can send records into the workspace; ingest through Azure Monitor Private Link Scope"),
		judge.False(w.Query, "any network can query the workspace's records; query through Azure Monitor Private Link Scope"),
	)
}

// Register adds the Log Analytics checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_log_analytics_workspace", decodeWorkspace,
		engine.Check[workspace]{Control: "azure-loganalytics-retention-90-days", Eval: retention},
		engine.Check[workspace]{Control: "azure-loganalytics-no-internet-access", Eval: internet},
	)
}
