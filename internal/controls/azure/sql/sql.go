// Package sql judges Azure SQL logical servers and databases: TLS, network
// exposure, firewall rules, Entra authentication, auditing and TDE.
package sql

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"net/netip"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Server is the subject of the azurerm_mssql_server controls.
type Server struct {
	MinTLS        subject.Field[string] // default "1.2"
	PublicNetwork subject.Field[bool]   // default true
	AdminLogin    subject.Field[string] // azuread_administrator[0].login_username
	TDEKey        subject.Field[string] // transparent_data_encryption_key_vault_key_id
}

// DecodeServer reads azurerm_mssql_server values.
func DecodeServer(n subject.Node) Server {
	return Server{
		MinTLS:        n.Get("minimum_tls_version").String("1.2"),
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		AdminLogin:    n.Get("azuread_administrator").Block().Get("login_username").String(""),
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
	for _, f := range []subject.Field[string]{r.Start, r.End} {
		if f.Unknown {
			return judge.Unknown(f.Path)
		}
	}
	start, err1 := netip.ParseAddr(strings.TrimSpace(r.Start.V))
	end, err2 := netip.ParseAddr(strings.TrimSpace(r.End.V))
	switch {
	case err1 != nil:
		return engine.Errored(r.Start.Path, "%q is not an IPv4 address", r.Start.V)
	case err2 != nil:
		return engine.Errored(r.End.Path, "%q is not an IPv4 address", r.End.V)
	}
	zero := netip.MustParseAddr("0.0.0.0")
	switch {
	case start == zero && end == zero:
		return engine.Fail(r.Start.Path, "the rule 0.0.0.0-0.0.0.0 allows every Azure service, including other customers' resources, to reach the server")
	case start == zero && end == netip.MustParseAddr("255.255.255.255"):
		return engine.Fail(r.Start.Path, "the rule %s-%s allows the whole internet to reach the server", r.Start.V, r.End.V)
	case start == zero:
		return engine.Fail(r.Start.Path, "the rule starts at 0.0.0.0 and spans %s-%s, most of the internet", r.Start.V, r.End.V)
	}
	return engine.Pass()
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

// Register adds the SQL checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_mssql_server", DecodeServer,
		engine.Check[Server]{Control: "azure-sql-min-tls-1-2", Eval: minTLS},
		engine.Check[Server]{Control: "azure-sql-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[Server]{Control: "azure-sql-entra-admin", Eval: entraAdmin},
		engine.Check[Server]{Control: "azure-sql-tde-customer-managed-key", Eval: serverTDECMK},
	)
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
