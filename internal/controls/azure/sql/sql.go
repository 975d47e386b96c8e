// Package sql judges Azure SQL logical servers and databases: TLS, network
// exposure, firewall rules, Entra authentication, auditing and TDE.
package sql

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Server is the subject of the azurerm_mssql_server controls.
type Server struct {
	MinTLS        subject.Field[string] // default "1.2"
	PublicNetwork subject.Field[bool]   // default true
	AdminLogin    subject.Field[string] // azuread_administrator[0].login_username
	EntraOnly     subject.Field[bool]   // azuread_administrator[0].azuread_authentication_only, default false
	TDEKey        subject.Field[string] // transparent_data_encryption_key_vault_key_id
}

// DecodeServer reads azurerm_mssql_server values.
func DecodeServer(n subject.Node) Server {
	return Server{
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		AdminLogin:    n.Get("azuread_administrator").Block().Get("login_username").String(""),
		EntraOnly:     n.Get("azuread_administrator").Block().Get("azuread_authentication_only").Bool(false),
		TDEKey:        n.Get("transparent_data_encryption_key_vault_key_id").String(""),
	}
}

func minTLS(s Server) engine.Outcome {
	return judge.OneOf(s.MinTLS, "clients may connect with TLS 1.0 or 1.1 (\"Disabled\" accepts any version)", "1.2", "1.3")
}

func noPublicNetwork(s Server) engine.Outcome {
	return judge.False(s.PublicNetwork, "the server's endpoint is reachable from public networks, limited only by firewall rules")
}

func entraAdmin(s Server) engine.Outcome {
	return judge.Set(s.AdminLogin, "no Microsoft Entra administrator is configured (azuread_administrator), so only SQL logins authenticate")
}

func entraOnly(s Server) engine.Outcome {
	if judge.IsSet(s.AdminLogin) == subject.False {
		return engine.Fail("azuread_administrator", "no azuread_administrator block: SQL logins with passwords are the only authentication")
	}
	return judge.True(s.EntraOnly, "SQL logins with passwords still authenticate beside Microsoft Entra ID")
}

func serverTDECMK(s Server) engine.Outcome {
	return judge.Set(s.TDEKey, "the TDE protector is a service-managed key; set transparent_data_encryption_key_vault_key_id (or an azurerm_mssql_server_transparent_data_encryption with a key, and waive this finding)")
}

// TDE is the subject of azurerm_mssql_server_transparent_data_encryption.
type TDE struct{ Key, HSMKey subject.Field[string] }

// DecodeTDE reads azurerm_mssql_server_transparent_data_encryption values.
func DecodeTDE(n subject.Node) TDE {
	return TDE{Key: n.Get("key_vault_key_id").String(""), HSMKey: n.Get("managed_hsm_key_id").String("")}
}

func tdeCMK(t TDE) engine.Outcome {
	return judge.AnySet("without a key the TDE protector is service-managed", t.Key, t.HSMKey)
}

// FirewallRule is the subject of azurerm_mssql_firewall_rule.
type FirewallRule struct{ Start, End subject.Field[string] }

// DecodeFirewallRule reads azurerm_mssql_firewall_rule values.
func DecodeFirewallRule(n subject.Node) FirewallRule {
	return FirewallRule{Start: n.Get("start_ip_address").String(""), End: n.Get("end_ip_address").String("")}
}

func firewall(r FirewallRule) engine.Outcome {
	return iprange.StartEnd(r.Start, r.End, "server")
}

// Auditing is the subject of the server and database extended auditing policies.
type Auditing struct {
	Enabled   subject.Field[bool]  // default true
	Retention subject.Field[int64] // default 0: kept forever
}

// DecodeAuditing reads azurerm_mssql_server_extended_auditing_policy and
// azurerm_mssql_database_extended_auditing_policy values.
func DecodeAuditing(n subject.Node) Auditing {
	return Auditing{Enabled: n.Get("enabled").Bool(true), Retention: n.Get("retention_in_days").Int(0)}
}

func auditingOn(a Auditing) engine.Outcome {
	return judge.True(a.Enabled, "database events are not audited")
}

func auditingRetention(a Auditing) engine.Outcome {
	return judge.AtLeast(a.Retention, 90, true, "audit records in the storage account are deleted before 90 days")
}

// Database is the subject of the azurerm_mssql_database controls.
type Database struct{ TDE subject.Field[bool] }

// DecodeDatabase reads azurerm_mssql_database values (TDE defaults to on).
func DecodeDatabase(n subject.Node) Database {
	return Database{TDE: n.Get("transparent_data_encryption_enabled").Bool(true)}
}

func databaseTDE(d Database) engine.Outcome {
	return judge.True(d.TDE, "the database, its backups and logs are stored unencrypted")
}

// AlertPolicy is the subject of azurerm_mssql_server_security_alert_policy
// (Microsoft Defender for SQL's Advanced Threat Protection of one server).
type AlertPolicy struct {
	State    subject.Field[string]
	Disabled subject.StringSeq
}

// DecodeAlertPolicy reads azurerm_mssql_server_security_alert_policy values.
func DecodeAlertPolicy(n subject.Node) AlertPolicy {
	return AlertPolicy{State: n.Get("state").String(""), Disabled: n.Get("disabled_alerts").Strings()}
}

func alertsEnabled(a AlertPolicy) engine.Outcome {
	return judge.OneOf(a.State, "threat detection (SQL injection, anomalous access, brute force) is off for the server", "Enabled")
}

func allAlerts(a AlertPolicy) engine.Outcome {
	switch {
	case a.Disabled.Unknown:
		return judge.Unknown(a.Disabled.Path)
	case len(a.Disabled.Items) > 0:
		return engine.Fail(a.Disabled.Path, "disabled_alerts turns off %d threat detection type(s), starting with %q", len(a.Disabled.Items), a.Disabled.Items[0].V)
	}
	return engine.Pass()
}

// Assessment is the subject of azurerm_mssql_server_vulnerability_assessment.
type Assessment struct{ Recurring subject.Field[bool] }

// DecodeAssessment reads azurerm_mssql_server_vulnerability_assessment values.
func DecodeAssessment(n subject.Node) Assessment {
	return Assessment{Recurring: n.Get("recurring_scans").Block().Get("enabled").Bool(false)}
}

func recurringScans(a Assessment) engine.Outcome {
	return judge.True(a.Recurring, "the vulnerability assessment only runs when started by hand")
}

// Register adds the SQL checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_mssql_server", DecodeServer,
		engine.Check[Server]{Control: "azure-sql-min-tls-1-2", Eval: minTLS},
		engine.Check[Server]{Control: "azure-sql-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[Server]{Control: "azure-sql-entra-admin", Eval: entraAdmin},
		engine.Check[Server]{Control: "azure-sql-tde-customer-managed-key", Eval: serverTDECMK},
		engine.Check[Server]{Control: "azure-sql-entra-only-authentication", Eval: entraOnly},
	)
	engine.Add(r, "azurerm_mssql_server_security_alert_policy", DecodeAlertPolicy,
		engine.Check[AlertPolicy]{Control: "azure-sql-threat-detection-enabled", Eval: alertsEnabled},
		engine.Check[AlertPolicy]{Control: "azure-sql-threat-detection-all-alerts", Eval: allAlerts})
	engine.Add(r, "azurerm_mssql_server_vulnerability_assessment", DecodeAssessment,
		engine.Check[Assessment]{Control: "azure-sql-vulnerability-assessment-recurring", Eval: recurringScans})
	engine.Add(r, "azurerm_mssql_server_transparent_data_encryption", DecodeTDE,
		engine.Check[TDE]{Control: "azure-sql-tde-customer-managed-key", Eval: tdeCMK})
	engine.Add(r, "azurerm_mssql_firewall_rule", DecodeFirewallRule,
		engine.Check[FirewallRule]{Control: "azure-sql-firewall-no-internet", Eval: firewall})
	for _, rt := range []string{"azurerm_mssql_server_extended_auditing_policy", "azurerm_mssql_database_extended_auditing_policy"} {
		engine.Add(r, rt, DecodeAuditing,
			engine.Check[Auditing]{Control: "azure-sql-auditing-enabled", Eval: auditingOn},
			engine.Check[Auditing]{Control: "azure-sql-auditing-retention-90-days", Eval: auditingRetention})
	}
	engine.Add(r, "azurerm_mssql_database", DecodeDatabase,
		engine.Check[Database]{Control: "azure-sql-database-tde-enabled", Eval: databaseTDE})
}
