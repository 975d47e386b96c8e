// Package mysql judges Azure Database for MySQL flexible servers, their
// server parameters and firewall rules: network exposure, geo-redundant
// backups, TLS and the audit logging CIS asks for.
package mysql

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/serverparam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// server is the subject of the azurerm_mysql_flexible_server controls.
type server struct {
	PublicAccess subject.Field[string] // public_network_access (4.x), "Enabled" unless VNet-integrated
	Subnet       subject.Field[string] // delegated_subnet_id
	GeoBackup    subject.Field[bool]   // geo_redundant_backup_enabled, default false
}

// decodeServer reads azurerm_mysql_flexible_server values.
func decodeServer(n subject.Node) server {
	return server{
		PublicAccess: n.Get("public_network_access").String(""),
		Subnet:       n.Get("delegated_subnet_id").String(""),
		GeoBackup:    n.Get("geo_redundant_backup_enabled").Bool(false),
	}
}

func noPublicNetwork(s server) engine.Outcome {
	f := s.PublicAccess
	if f.Null && !f.Unknown {
		if judge.IsSet(s.Subnet) == subject.True {
			return engine.Pass() // a VNet-integrated server has no public endpoint
		}
		return engine.Fail(f.Path, "public_network_access is not set and a server outside a delegated subnet is created with public access Enabled, limited only by firewall rules")
	}
	return judge.OneOf(f, "the server's endpoint is reachable from public networks, limited only by firewall rules", "Disabled")
}

func geoBackup(s server) engine.Outcome {
	return judge.True(s.GeoBackup, "backups stay in the server's region and are lost with it; geo-redundancy can only be chosen at creation")
}

func requireSecureTransport(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "require_secure_transport", serverparam.On, "clients may connect without TLS")
}

// tlsOK: every version the tls_version list allows is TLSv1.2 or later.
func tlsOK(v string) bool {
	seen := false
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.EqualFold(part, "TLSv1.2") && !strings.EqualFold(part, "TLSv1.3") {
			return false
		}
		seen = true
	}
	return seen
}

func tlsVersion(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "tls_version", tlsOK, "clients may negotiate TLS 1.0 or 1.1")
}

func auditLog(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "audit_log_enabled", serverparam.On, "connections and queries are not written to the audit log")
}

func auditConnections(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "audit_log_events", func(v string) bool {
		for _, e := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(e), "CONNECTION") {
				return true
			}
		}
		return false
	}, "connection events are not audited")
}

// Register adds the MySQL flexible server checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_mysql_flexible_server", decodeServer,
		engine.Check[server]{Control: "azure-mysql-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[server]{Control: "azure-mysql-geo-redundant-backup", Eval: geoBackup},
	)
	engine.Add(r, "azurerm_mysql_flexible_server_configuration", serverparam.Decode,
		engine.Check[serverparam.Param]{Control: "azure-mysql-require-secure-transport", Eval: requireSecureTransport},
		engine.Check[serverparam.Param]{Control: "azure-mysql-min-tls-1-2", Eval: tlsVersion},
		engine.Check[serverparam.Param]{Control: "azure-mysql-audit-log-enabled", Eval: auditLog},
		engine.Check[serverparam.Param]{Control: "azure-mysql-audit-log-connections", Eval: auditConnections},
	)
	engine.Add(r, "azurerm_mysql_flexible_server_firewall_rule", iprange.DecodeFirewallRule,
		engine.Check[iprange.FirewallRule]{Control: "azure-mysql-firewall-no-internet", Eval: iprange.Firewall})
}
