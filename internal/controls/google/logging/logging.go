// Package logging judges Cloud Audit Logs configuration
// (google_project_iam_audit_config and its folder and organization forms).
package logging

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// logConfig is one audit_log_config block.
type logConfig struct {
	Type     subject.Field[string]
	Exempted subject.StringSeq
}

// auditConfig is an *_iam_audit_config as judged.
type auditConfig struct {
	Service    subject.Field[string]
	ConfigPath string
	Unknown    bool
	Configs    []logConfig
}

// decodeAuditConfig reads google_project_iam_audit_config (and the folder
// and organization forms): service and the audit_log_config blocks.
func decodeAuditConfig(n subject.Node) auditConfig {
	ac := auditConfig{Service: n.Get("service").String("")}
	items := n.Get("audit_log_config").Items()
	ac.ConfigPath, ac.Unknown = items.Path, items.Unknown
	for _, it := range items.Items {
		ac.Configs = append(ac.Configs, logConfig{Type: it.Get("log_type").String(""), Exempted: it.Get("exempted_members").Strings()})
	}
	return ac
}

// checkAuditConfig is CIS 2.1: the allServices config logs ADMIN_READ,
// DATA_READ and DATA_WRITE, and no config exempts any member. A config for
// one service passes when it exempts no one (it adds logging, never removes
// it); the project's allServices config is judged on its own resource.
func checkAuditConfig(ac auditConfig) engine.Outcome {
	if ac.Unknown {
		return engine.Undecided(ac.ConfigPath, "audit_log_config is unknown until apply")
	}
	have := map[string]bool{}
	for _, c := range ac.Configs {
		switch {
		case c.Exempted.Unknown:
			return judge.Unknown(c.Exempted.Path)
		case len(c.Exempted.Items) > 0:
			return engine.Fail(c.Exempted.Path, "audit_log_config exempts members from %s audit logs: their activity is not logged", c.Type.V)
		case c.Type.Unknown:
			return judge.Unknown(c.Type.Path)
		}
		have[strings.ToUpper(strings.TrimSpace(c.Type.V))] = true
	}
	s := ac.Service
	if s.Unknown {
		return judge.Unknown(s.Path)
	}
	if strings.TrimSpace(s.V) != "allServices" {
		return engine.Pass()
	}
	var missing []string
	for _, t := range []string{"ADMIN_READ", "DATA_READ", "DATA_WRITE"} {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return engine.Fail(ac.ConfigPath, "the allServices audit config does not log %s", strings.Join(missing, ", "))
	}
	return engine.Pass()
}

// Register adds the audit logging checks to r.
func Register(r *engine.Registry) {
	c := engine.Check[auditConfig]{Control: "google-logging-audit-config-all-services", Eval: checkAuditConfig}
	for _, rt := range []string{"google_project_iam_audit_config", "google_folder_iam_audit_config", "google_organization_iam_audit_config"} {
		engine.Add(r, rt, decodeAuditConfig, c)
	}
	engine.Add(r, "google_monitoring_alert_policy", decodeAlertPolicy,
		engine.Check[alertPolicy]{Control: "google-monitoring-alert-policy-notifies", Eval: checkAlertPolicyNotifies})
}
