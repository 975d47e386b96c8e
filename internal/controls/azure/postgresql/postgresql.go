// Package postgresql judges Azure Database for PostgreSQL flexible servers,
// their server parameters and firewall rules: network exposure, Entra
// authentication, geo-redundant backups, TLS and the logging CIS asks for.
package postgresql

import (
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/serverparam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// server is the subject of the azurerm_postgresql_flexible_server controls.
// Null fields hold the azurerm default.
type server struct {
	PublicNetwork subject.Field[bool]   // public_network_access_enabled, default true
	Subnet        subject.Field[string] // delegated_subnet_id: VNet integration has no public endpoint
	GeoBackup     subject.Field[bool]   // geo_redundant_backup_enabled, default false
	EntraAuth     subject.Field[bool]   // authentication[0].active_directory_auth_enabled, default false
}

// decodeServer reads azurerm_postgresql_flexible_server values.
func decodeServer(n subject.Node) server {
	return server{
		PublicNetwork: n.Get("public_network_access_enabled").Bool(true),
		Subnet:        n.Get("delegated_subnet_id").String(""),
		GeoBackup:     n.Get("geo_redundant_backup_enabled").Bool(false),
		EntraAuth:     n.Get("authentication").Block().Get("active_directory_auth_enabled").Bool(false),
	}
}

func noPublicNetwork(s server) engine.Outcome {
	if s.PublicNetwork.Null && judge.IsSet(s.Subnet) == subject.True {
		return engine.Pass() // a VNet-integrated server has no public endpoint
	}
	return judge.False(s.PublicNetwork, "the server's endpoint is reachable from public networks, limited only by firewall rules")
}

func geoBackup(s server) engine.Outcome {
	return judge.True(s.GeoBackup, "backups stay in the server's region and are lost with it; geo-redundancy can only be chosen at creation")
}

func entraAuth(s server) engine.Outcome {
	return judge.True(s.EntraAuth, "only PostgreSQL password logins authenticate, outside Microsoft Entra ID")
}

func requireSecureTransport(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "require_secure_transport", serverparam.On, "clients may connect without TLS")
}

func tlsVersion(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "ssl_min_protocol_version", func(v string) bool {
		return strings.EqualFold(v, "TLSv1.2") || strings.EqualFold(v, "TLSv1.3")
	}, "clients may negotiate TLS 1.0 or 1.1")
}

func logCheckpoints(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "log_checkpoints", serverparam.On, "checkpoints are not logged, hiding the query and error evidence CIS asks for")
}

func connectionThrottle(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "connection_throttle.enable", serverparam.On, "repeated failed logins from one address are not throttled")
}

func logRetention(p serverparam.Param) engine.Outcome {
	return serverparam.Judge(p, "logfiles.retention_days", func(v string) bool {
		d, err := strconv.Atoi(v)
		return err == nil && d > 3
	}, "server logs are kept 3 days or less")
}

// Register adds the PostgreSQL flexible server checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_postgresql_flexible_server", decodeServer,
		engine.Check[server]{Control: "azure-postgresql-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[server]{Control: "azure-postgresql-geo-redundant-backup", Eval: geoBackup},
		engine.Check[server]{Control: "azure-postgresql-entra-authentication", Eval: entraAuth},
	)
	engine.Add(r, "azurerm_postgresql_flexible_server_configuration", serverparam.Decode,
		engine.Check[serverparam.Param]{Control: "azure-postgresql-require-secure-transport", Eval: requireSecureTransport},
		engine.Check[serverparam.Param]{Control: "azure-postgresql-min-tls-1-2", Eval: tlsVersion},
		engine.Check[serverparam.Param]{Control: "azure-postgresql-log-checkpoints", Eval: logCheckpoints},
		engine.Check[serverparam.Param]{Control: "azure-postgresql-connection-throttling", Eval: connectionThrottle},
		engine.Check[serverparam.Param]{Control: "azure-postgresql-log-retention-days", Eval: logRetention},
	)
	engine.Add(r, "azurerm_postgresql_flexible_server_firewall_rule", iprange.DecodeFirewallRule,
		engine.Check[iprange.FirewallRule]{Control: "azure-postgresql-firewall-no-internet", Eval: iprange.Firewall})
}
