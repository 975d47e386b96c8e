// Package monitor judges Azure Monitor diagnostic settings of the
// subscription Activity Log.
package monitor

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/armid"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/keyvault"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// activityLogCategories are the categories CIS 6.1.2 asks a subscription's
// diagnostic setting to capture.
var activityLogCategories = []string{"Administrative", "Alert", "Policy", "Security"}

func activityLog(d keyvault.Diagnostic) engine.Outcome {
	var missing []string
	undecided := false
	for _, c := range activityLogCategories {
		switch d.Has(c) {
		case subject.False:
			missing = append(missing, c)
		case subject.Unknown:
			undecided = true
		}
	}
	if len(missing) == 0 && !undecided {
		return engine.Pass()
	}
	switch {
	case d.Target.Unknown:
		return engine.Undecided(d.Target.Path, "target_resource_id is unknown until apply, so whether this is the subscription's Activity Log setting cannot be judged")
	case armid.ScopeOf(d.Target.V) != armid.ScopeSubscription:
		return engine.Pass() // not a subscription: the control does not apply
	case len(missing) == 0:
		return engine.Undecided(d.LogsUnknown, "the enabled_log categories are unknown until apply")
	}
	return engine.Fail("enabled_log", "the subscription Activity Log diagnostic setting does not enable %s: those control-plane events are not exported", strings.Join(missing, ", "))
}

// Register adds the monitor checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_monitor_diagnostic_setting", keyvault.DecodeDiagnostic,
		engine.Check[keyvault.Diagnostic]{Control: "azure-monitor-activity-log-categories", Eval: activityLog},
		engine.Check[keyvault.Diagnostic]{Control: "azure-monitor-diagnostic-setting-logs", Eval: logsEnabled})
	engine.Add(r, "azurerm_monitor_activity_log_alert", decodeAlert, alertChecks()...)
}

// logsEnabled passes when the diagnostic setting exports at least one log
// category or category group: a setting with only enabled_metric blocks
// exports no resource logs.
func logsEnabled(d keyvault.Diagnostic) engine.Outcome {
	if d.LogsUnknown != "" {
		return engine.Undecided(d.LogsUnknown, "the enabled_log blocks are unknown until apply")
	}
	if len(d.Logs) == 0 {
		return engine.Fail("enabled_log", "the diagnostic setting has no enabled_log block, so it exports no resource logs")
	}
	return engine.Pass()
}
