package monitor

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/armid"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// alert is the subject of the Activity Log alert controls
// (azurerm_monitor_activity_log_alert).
type alert struct {
	Enabled   subject.Field[bool] // default true
	Scopes    subject.StringSeq
	Category  subject.Field[string]
	Operation subject.Field[string]
	// Filters are criteria that narrow the alert to some events only (level,
	// status, caller); CIS asks that the alert does not filter on them.
	Filters   []subject.Field[string]
	Actions   int
	ActionsAt string
	Unknown   string // path of an unknown filter list or action list
}

// decodeAlert reads azurerm_monitor_activity_log_alert values.
func decodeAlert(n subject.Node) alert {
	c := n.Get("criteria").Block()
	a := alert{
		Enabled:   n.Get("enabled").Bool(true),
		Scopes:    n.Get("scopes").Strings(),
		Category:  c.Get("category").String(""),
		Operation: c.Get("operation_name").String(""),
	}
	for _, name := range []string{"level", "status", "caller", "sub_status"} {
		a.Filters = append(a.Filters, c.Get(name).String(""))
	}
	for _, name := range []string{"levels", "statuses", "sub_statuses"} {
		seq := c.Get(name).Strings()
		if seq.Unknown && a.Unknown == "" {
			a.Unknown = seq.Path
		}
		a.Filters = append(a.Filters, seq.Items...)
	}
	acts := n.Get("action").Items()
	a.Actions, a.ActionsAt = len(acts.Items), acts.Path
	if acts.Unknown && a.Unknown == "" {
		a.Unknown = acts.Path
	}
	return a
}

// alertOperations are the operations CIS Microsoft Azure Foundations v3.0.0
// section 6.2 asks an Activity Log alert for, by control id.
var alertOperations = []struct{ Control, Operation, What string }{
	{"azure-monitor-alert-create-policy-assignment", "Microsoft.Authorization/policyAssignments/write", "policy assignments created"},
	{"azure-monitor-alert-delete-policy-assignment", "Microsoft.Authorization/policyAssignments/delete", "policy assignments deleted"},
	{"azure-monitor-alert-create-update-nsg", "Microsoft.Network/networkSecurityGroups/write", "network security groups created or changed"},
	{"azure-monitor-alert-delete-nsg", "Microsoft.Network/networkSecurityGroups/delete", "network security groups deleted"},
	{"azure-monitor-alert-create-update-security-solution", "Microsoft.Security/securitySolutions/write", "security solutions created or changed"},
	{"azure-monitor-alert-delete-security-solution", "Microsoft.Security/securitySolutions/delete", "security solutions deleted"},
	{"azure-monitor-alert-create-update-sql-firewall-rule", "Microsoft.Sql/servers/firewallRules/write", "SQL server firewall rules created or changed"},
	{"azure-monitor-alert-delete-sql-firewall-rule", "Microsoft.Sql/servers/firewallRules/delete", "SQL server firewall rules deleted"},
	{"azure-monitor-alert-create-update-public-ip", "Microsoft.Network/publicIPAddresses/write", "public IP addresses created or changed"},
	{"azure-monitor-alert-delete-public-ip", "Microsoft.Network/publicIPAddresses/delete", "public IP addresses deleted"},
}

// alertFor builds the check of one CIS operation. It applies to the alerts
// whose criteria name that operation: such an alert must be enabled, in the
// Administrative category, scoped to a subscription, without level, status
// or caller filters, and notify an action group. Other alerts pass (the
// control does not apply); whether the alert exists at all is a question of
// the whole subscription, which baseline_plan answers over a plan.
func alertFor(op, what string) func(alert) engine.Outcome {
	return func(a alert) engine.Outcome {
		switch judge.Is(a.Operation, op) {
		case subject.Unknown:
			return engine.Undecided(a.Operation.Path, "criteria operation_name is unknown until apply, so whether this alert is the one for %s is not known", what)
		case subject.False:
			return engine.Pass()
		}
		var filtered []string
		at := ""
		for _, f := range a.Filters {
			if f.Unknown {
				return judge.Unknown(f.Path)
			}
			if strings.TrimSpace(f.V) != "" {
				filtered = append(filtered, judge.Name(f.Path)+" = "+f.V)
				if at == "" {
					at = f.Path
				}
			}
		}
		outs := []engine.Outcome{
			judge.True(a.Enabled, "the alert for "+what+" never fires"),
			judge.OneOf(a.Category, "the operation is logged in the Administrative category", "Administrative"),
			subscriptionScope(a.Scopes),
		}
		if len(filtered) > 0 {
			outs = append(outs, engine.Fail(at, "the alert for %s only fires for some events (%s); remove the level, status and caller filters", what, strings.Join(filtered, ", ")))
		}
		if a.Unknown != "" {
			outs = append(outs, judge.Unknown(a.Unknown))
		} else if a.Actions == 0 {
			outs = append(outs, engine.Fail(a.ActionsAt, "the alert for %s has no action block, so nobody is notified", what))
		}
		return judge.Worst(outs...)
	}
}

func subscriptionScope(s subject.StringSeq) engine.Outcome {
	if s.Unknown {
		return judge.Unknown(s.Path)
	}
	undecided := ""
	for _, it := range s.Items {
		if it.Unknown {
			undecided = it.Path
			continue
		}
		if armid.ScopeOf(it.V) == armid.ScopeSubscription {
			return engine.Pass()
		}
	}
	if undecided != "" {
		return judge.Unknown(undecided)
	}
	return engine.Fail(s.Path, "the alert is not scoped to a subscription (\"/subscriptions/<id>\"), so the operation elsewhere in the subscription goes unnoticed")
}

// alertChecks are the Activity Log alert checks.
func alertChecks() []engine.Check[alert] {
	out := make([]engine.Check[alert], 0, len(alertOperations))
	for _, o := range alertOperations {
		out = append(out, engine.Check[alert]{Control: o.Control, Eval: alertFor(o.Operation, o.What)})
	}
	return out
}
