// Package sql judges Azure SQL logical servers and databases: TLS, network
// exposure, firewall rules, Entra authentication, auditing and TDE.
package sql

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// server is the subject of the azurerm_mssql_server controls.
type server struct {
	MinTLS        subject.Field[string] // default "1.2"
	PublicNetwork subject.Field[bool]   // default true
	AdminLogin    subject.Field[string] // azuread_administrator[0].login_username
	EntraOnly     subject.Field[bool]   // azuread_administrator[0].azuread_authentication_only, default false
	TDEKey        subject.Field[string] // transparent_data_encryption_key_vault_key_id
}

// decodeServer reads azurerm_mssql_server values.
func decodeServer(n subject.Node) server {
	return server{
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		AdminLogin:    n.Get("azuread_administrator").Block().Get("login_username").String(""),
		EntraOnly:     n.Get("azuread_administrator").Block().Get("azuread_authentication_only").Bool(false),
		TDEKey:        n.Get("transparent_data_encryption_key_vault_key_id").String(""),
	}
}

func minTLS(s server) engine.Outcome {
	return judge.OneOf(s.MinTLS, "clients may connect with TLS 1.0 or 1.1 (\"Disabled\" accepts any version)", "1.2", "1.3")
}

func noPublicNetwork(s server) engine.Outcome {
	return judge.False(s.PublicNetwork, "the server's endpoint is reachable from public networks, limited only by firewall rules")
}

func entraAdmin(s server) engine.Outcome {
	return judge.Set(s.AdminLogin, "no Microsoft Entra administrator is configured (azuread_administrator), so only SQL logins authenticate")
}

func entraOnly(s server) engine.Outcome {
	if judge.IsSet(s.AdminLogin) == subject.False {
		return engine.Fail("azuread_administrator", "no azuread_administrator block: SQL logins with passwords are the only authentication")
	}
	return judge.True(s.EntraOnly, "SQL logins with passwords still authenticate beside Microsoft Entra ID")
}

func serverTDECMK(s server) engine.Outcome {
	return judge.Set(s.TDEKey, "the TDE protector is a service-managed key; set transparent_data_encryption_key_vault_key_id (or an azurerm_mssql_server_transparent_data_encryption with a key, and waive this finding)")
}

// tde is the subject of azurerm_mssql_server_transparent_data_encryption.
type tde struct{ Key, HSMKey subject.Field[string] }

// decodeTDE reads azurerm_mssql_server_transparent_data_encryption values.
func decodeTDE(n subject.Node) tde {
	return tde{Key: n.Get("key_vault_key_id").String(""), HSMKey: n.Get("managed_hsm_key_id").String("")}
}

func tdeCMK(t tde) engine.Outcome {
	return judge.AnySet("without a key the TDE protector is service-managed", t.Key, t.HSMKey)
}

// auditing is the subject of the server and database extended auditing policies.
type auditing struct {
	Enabled   subject.Field[bool]  // default true
	Retention subject.Field[int64] // default 0: kept forever
}

// decodeAuditing reads azurerm_mssql_server_extended_auditing_policy and
// azurerm_mssql_database_extended_auditing_policy values.
func decodeAuditing(n subject.Node) auditing {
	return auditing{Enabled: n.Get("enabled").Bool(true), Retention: n.Get("retention_in_days").Int(0)}
}

func auditingOn(a auditing) engine.Outcome {
	return judge.True(a.Enabled, "database events are not audited")
}

func auditingRetention(a auditing) engine.Outcome {
	return judge.AtLeast(a.Retention, 90, true, "audit records in the storage account are deleted before 90 days")
}

// database is the subject of the azurerm_mssql_database controls.
type database struct{ TDE subject.Field[bool] }

// decodeDatabase reads azurerm_mssql_database values (tde defaults to on).
func decodeDatabase(n subject.Node) database {
	return database{TDE: n.Get("transparent_data_encryption_enabled").Bool(true)}
}

func databaseTDE(d database) engine.Outcome {
	return judge.True(d.TDE, "the database, its backups and logs are stored unencrypted")
}

// alertPolicy is the subject of azurerm_mssql_server_security_alert_policy
// (Microsoft Defender for SQL's Advanced Threat Protection of one server).
type alertPolicy struct {
	State    subject.Field[string]
	Disabled subject.StringSeq
}

// decodeAlertPolicy reads azurerm_mssql_server_security_alert_policy values.
func decodeAlertPolicy(n subject.Node) alertPolicy {
	return alertPolicy{State: n.Get("state").String(""), Disabled: n.Get("disabled_alerts").Strings()}
}

func alertsEnabled(a alertPolicy) engine.Outcome {
	return judge.OneOf(a.State, "threat detection (SQL injection, anomalous access, brute force) is off for the server", "Enabled")
}

func allAlerts(a alertPolicy) engine.Outcome {
	switch {
	case a.Disabled.Unknown:
		return judge.Unknown(a.Disabled.Path)
	case len(a.Disabled.Items) > 0:
		return engine.Fail(a.Disabled.Path, "disabled_alerts turns off %d threat detection type(s), starting with %q", len(a.Disabled.Items), a.Disabled.Items[0].V)
	}
	return engine.Pass()
}

// assessment is the subject of azurerm_mssql_server_vulnerability_assessment.
type assessment struct{ Recurring subject.Field[bool] }

// decodeAssessment reads azurerm_mssql_server_vulnerability_assessment values.
func decodeAssessment(n subject.Node) assessment {
	return assessment{Recurring: n.Get("recurring_scans").Block().Get("enabled").Bool(false)}
}

func recurringScans(a assessment) engine.Outcome {
	return judge.True(a.Recurring, "the vulnerability assessment only runs when started by hand")
}

// Register adds the SQL checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_mssql_server", decodeServer,
		engine.Check[server]{Control: "azure-sql-min-tls-1-2", Eval: minTLS},
		engine.Check[server]{Control: "azure-sql-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[server]{Control: "azure-sql-entra-admin", Eval: entraAdmin},
		engine.Check[server]{Control: "azure-sql-tde-customer-managed-key", Eval: serverTDECMK},
		engine.Check[server]{Control: "azure-sql-entra-only-authentication", Eval: entraOnly},
	)
	engine.Add(r, "azurerm_mssql_server_security_alert_policy", decodeAlertPolicy,
		engine.Check[alertPolicy]{Control: "azure-sql-threat-detection-enabled", Eval: alertsEnabled},
		engine.Check[alertPolicy]{Control: "azure-sql-threat-detection-all-alerts", Eval: allAlerts})
	engine.Add(r, "azurerm_mssql_server_vulnerability_assessment", decodeAssessment,
		engine.Check[assessment]{Control: "azure-sql-vulnerability-assessment-recurring", Eval: recurringScans})
	engine.Add(r, "azurerm_mssql_server_transparent_data_encryption", decodeTDE,
		engine.Check[tde]{Control: "azure-sql-tde-customer-managed-key", Eval: tdeCMK})
	engine.Add(r, "azurerm_mssql_firewall_rule", iprange.DecodeFirewallRule,
		engine.Check[iprange.FirewallRule]{Control: "azure-sql-firewall-no-internet", Eval: iprange.Firewall})
	for _, rt := range []string{"azurerm_mssql_server_extended_auditing_policy", "azurerm_mssql_database_extended_auditing_policy"} {
		engine.Add(r, rt, decodeAuditing,
			engine.Check[auditing]{Control: "azure-sql-auditing-enabled", Eval: auditingOn},
			engine.Check[auditing]{Control: "azure-sql-auditing-retention-90-days", Eval: auditingRetention})
	}
	engine.Add(r, "azurerm_mssql_database", decodeDatabase,
		engine.Check[database]{Control: "azure-sql-database-tde-enabled", Eval: databaseTDE})
}
