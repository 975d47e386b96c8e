// Package sql judges Cloud SQL instances (google_sql_database_instance):
// TLS, public exposure, backups, and the database flags CIS asks per engine.
package sql

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Flag is one entry of settings.database_flags.
type Flag struct {
	Name  subject.Field[string]
	Value subject.Field[string]
}

// Instance is a google_sql_database_instance as judged.
type Instance struct {
	Version    subject.Field[string]
	Master     subject.Field[string]
	SSLMode    subject.Field[string]
	IPv4       subject.Field[bool]
	Networks   []subject.Field[string]
	NetsPath   string
	NetsUnk    bool
	Backups    subject.Field[bool]
	Flags      []Flag
	FlagsPath  string
	FlagsUnk   bool
	IPConfPath string
}

// DecodeInstance reads google_sql_database_instance. Defaults:
// settings.ip_configuration.ssl_mode ALLOW_UNENCRYPTED_AND_ENCRYPTED,
// ipv4_enabled true (a public IP), backup_configuration.enabled false.
func DecodeInstance(n subject.Node) Instance {
	s := n.Get("settings").Block()
	ip := s.Get("ip_configuration").Block()
	in := Instance{
		Version:    n.Get("database_version").String(""),
		Master:     n.Get("master_instance_name").String(""),
		SSLMode:    ip.Get("ssl_mode").String("ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
		IPv4:       ip.Get("ipv4_enabled").Bool(true),
		Backups:    s.Get("backup_configuration").Block().Get("enabled").Bool(false),
		IPConfPath: ip.Path(),
	}
	nets := ip.Get("authorized_networks").Items()
	in.NetsPath, in.NetsUnk = nets.Path, nets.Unknown
	for _, it := range nets.Items {
		in.Networks = append(in.Networks, it.Get("value").String(""))
	}
	flags := s.Get("database_flags").Items()
	in.FlagsPath, in.FlagsUnk = flags.Path, flags.Unknown
	for _, it := range flags.Items {
		in.Flags = append(in.Flags, Flag{Name: it.Get("name").String(""), Value: it.Get("value").String("")})
	}
	return in
}

// replica reports whether the instance is a read replica.
func (in Instance) replica() bool {
	return !in.Master.Unknown && !in.Master.Null && strings.TrimSpace(in.Master.V) != ""
}

// CheckSSL is CIS 6.4.
func CheckSSL(in Instance) engine.Outcome {
	f := in.SSLMode
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(f.V, "ENCRYPTED_ONLY"), strings.EqualFold(f.V, "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"):
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "ssl_mode is not set and defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED: clients may connect without TLS")
	}
	return engine.Fail(f.Path, "ssl_mode is %q: clients may connect without TLS", f.V)
}

// CheckAuthorizedNetworks is CIS 6.5.
func CheckAuthorizedNetworks(in Instance) engine.Outcome {
	if in.NetsUnk {
		return engine.Undecided(in.NetsPath, "authorized_networks is unknown until apply")
	}
	var unknownAt string
	for _, v := range in.Networks {
		if v.Unknown {
			if unknownAt == "" {
				unknownAt = v.Path
			}
			continue
		}
		world, _, ok := netrange.WorldCIDR(v.V)
		if !ok {
			return engine.Errored(v.Path, "authorized network %q is not an IP address or CIDR range", v.V)
		}
		if world {
			return engine.Fail(v.Path, "authorized network %q admits every address on the internet", v.V)
		}
	}
	if unknownAt != "" {
		return engine.Undecided(unknownAt, "an authorized network is unknown until apply")
	}
	return engine.Pass()
}

// CheckNoPublicIP is CIS 6.6. Read replicas inherit the primary's setting
// but are judged on their own ipv4_enabled, which they plan too.
func CheckNoPublicIP(in Instance) engine.Outcome {
	f := in.IPv4
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "ipv4_enabled is unknown until apply")
	case !f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "ipv4_enabled is not set and defaults to true: the instance gets a public IP address")
	}
	return engine.Fail(f.Path, "ipv4_enabled is true: the instance gets a public IP address")
}

// CheckBackups is CIS 6.7. Read replicas cannot have automated backups and
// pass as not applicable.
func CheckBackups(in Instance) engine.Outcome {
	if in.Master.Unknown {
		return engine.Undecided(in.Master.Path, "master_instance_name is unknown until apply, so whether this is a replica is not known")
	}
	if in.replica() {
		return engine.Pass()
	}
	f := in.Backups
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "backup_configuration.enabled is unknown until apply")
	case f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "backup_configuration.enabled is not set and defaults to false: no automated backups are taken")
	}
	return engine.Fail(f.Path, "backup_configuration.enabled is false: no automated backups are taken")
}

// Register adds the Cloud SQL checks to r.
func Register(r *engine.Registry) {
	checks := []engine.Check[Instance]{
		{Control: "google-sql-ssl-required", Eval: CheckSSL},
		{Control: "google-sql-no-public-authorized-networks", Eval: CheckAuthorizedNetworks},
		{Control: "google-sql-no-public-ip", Eval: CheckNoPublicIP},
		{Control: "google-sql-automated-backups", Eval: CheckBackups},
	}
	for _, rule := range FlagRules {
		checks = append(checks, engine.Check[Instance]{Control: rule.Control, Eval: rule.Check})
	}
	engine.Add(r, "google_sql_database_instance", DecodeInstance, checks...)
}
