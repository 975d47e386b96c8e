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

// flag is one entry of settings.database_flags.
type flag struct {
	Name  subject.Field[string]
	Value subject.Field[string]
}

// instance is a google_sql_database_instance as judged.
type instance struct {
	Version    subject.Field[string]
	Master     subject.Field[string]
	SSLMode    subject.Field[string]
	IPv4       subject.Field[bool]
	Networks   []subject.Field[string]
	NetsPath   string
	NetsUnk    bool
	Backups    subject.Field[bool]
	Flags      []flag
	FlagsPath  string
	FlagsUnk   bool
	IPConfPath string
	// RequireSSL is ip_configuration.require_ssl of hashicorp/google 5.x
	// (removed in 6.0); null when absent.
	RequireSSL subject.Field[bool]
	NetValues  subject.StringSeq
}

// decodeInstance reads google_sql_database_instance. Defaults:
// settings.ip_configuration.ssl_mode ALLOW_UNENCRYPTED_AND_ENCRYPTED,
// ipv4_enabled true (a public IP), backup_configuration.enabled false.
func decodeInstance(n subject.Node) instance {
	s := n.Get("settings").Block()
	ip := s.Get("ip_configuration").Block()
	in := instance{
		Version:    n.Get("database_version").String(""),
		Master:     n.Get("master_instance_name").String(""),
		SSLMode:    ip.Get("ssl_mode").String("ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
		IPv4:       ip.Get("ipv4_enabled").Bool(true),
		Backups:    s.Get("backup_configuration").Block().Get("enabled").Bool(false),
		IPConfPath: ip.Path(),
	}
	in.RequireSSL = legacyBool(ip, "require_ssl")
	nets := ip.Get("authorized_networks").Items()
	in.NetsPath, in.NetsUnk = nets.Path, nets.Unknown
	in.NetValues = subject.StringSeq{Path: nets.Path, Unknown: nets.Unknown}
	for _, it := range nets.Items {
		v := it.Get("value").String("")
		in.Networks = append(in.Networks, v)
		in.NetValues.Items = append(in.NetValues.Items, v)
	}
	flags := s.Get("database_flags").Items()
	in.FlagsPath, in.FlagsUnk = flags.Path, flags.Unknown
	for _, it := range flags.Items {
		in.Flags = append(in.Flags, flag{Name: it.Get("name").String(""), Value: it.Get("value").String("")})
	}
	return in
}

// replica reports whether the instance is a read replica.
func (in instance) replica() bool {
	return !in.Master.Unknown && !in.Master.Null && strings.TrimSpace(in.Master.V) != ""
}

// checkSSL is CIS 6.4.
func checkSSL(in instance) engine.Outcome {
	f := in.SSLMode
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(f.V, "ENCRYPTED_ONLY"), strings.EqualFold(f.V, "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"):
		return engine.Pass()
	case f.Null && in.RequireSSL.Unknown:
		return judge.Unknown(in.RequireSSL.Path)
	case f.Null && !in.RequireSSL.Null && in.RequireSSL.V:
		return engine.Pass() // hashicorp/google 5.x: require_ssl = true
	case f.Null && !in.RequireSSL.Null:
		return engine.Fail(in.RequireSSL.Path, "require_ssl is false and ssl_mode is not set: clients may connect without TLS")
	case f.Null:
		return engine.Fail(f.Path, "ssl_mode is not set and defaults to ALLOW_UNENCRYPTED_AND_ENCRYPTED: clients may connect without TLS")
	}
	return engine.Fail(f.Path, "ssl_mode is %q: clients may connect without TLS", f.V)
}

// checkAuthorizedNetworks is CIS 6.5: the authorized networks together must
// not be the internet (netrange.JudgeSources: a /0, a block wider than /8 or
// /16 holding public addresses, or entries whose union covers every public
// address; reserved ranges never count).
func checkAuthorizedNetworks(in instance) engine.Outcome {
	if in.NetsUnk {
		return engine.Undecided(in.NetsPath, "authorized_networks is unknown until apply")
	}
	j := netrange.JudgeSources(in.NetValues)
	switch {
	case j.Malformed:
		return engine.Errored(j.At, "authorized network %q is not an IP address or CIDR range", j.Bad)
	case j.World == subject.True && j.Union():
		return engine.Fail(j.At, "authorized networks admit every address on the internet: %s together cover the public address space", j.Describe())
	case j.World == subject.True:
		return engine.Fail(j.At, "authorized network %s admits every address on the internet", j.Describe())
	case j.World == subject.Unknown:
		return engine.Undecided(j.At, "an authorized network is unknown until apply")
	}
	return engine.Pass()
}

// legacyBool reads a boolean of an older provider major from the raw value
// of n: the current schema no longer has the attribute, so it is not a
// schema read. Absent or null is null.
func legacyBool(n subject.Node, name string) subject.Field[bool] {
	f := subject.Field[bool]{Path: n.Path() + "." + name, Null: true}
	v := n.Value()
	if v.Kind() != subject.KindObject {
		return f
	}
	e, ok := v.Attr(name)
	switch {
	case !ok || e.IsNull():
	case e.IsUnknown():
		f.Null, f.Unknown = false, true
	default:
		if b, isBool := e.Scalar(); isBool {
			if bv, ok := b.(bool); ok {
				f.Null, f.V = false, bv
			}
		}
		if t, ok := e.Text(); ok {
			f.Null, f.V = false, strings.EqualFold(strings.TrimSpace(t), "true")
		}
	}
	return f
}

// checkNoPublicIP is CIS 6.6. Read replicas inherit the primary's setting
// but are judged on their own ipv4_enabled, which they plan too.
func checkNoPublicIP(in instance) engine.Outcome {
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

// checkBackups is CIS 6.7. Read replicas cannot have automated backups and
// pass as not applicable.
func checkBackups(in instance) engine.Outcome {
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
	checks := []engine.Check[instance]{
		{Control: "google-sql-ssl-required", Eval: checkSSL},
		{Control: "google-sql-no-public-authorized-networks", Eval: checkAuthorizedNetworks},
		{Control: "google-sql-no-public-ip", Eval: checkNoPublicIP},
		{Control: "google-sql-automated-backups", Eval: checkBackups},
	}
	for _, rule := range flagRules {
		checks = append(checks, engine.Check[instance]{Control: rule.Control, Eval: rule.Check})
	}
	engine.Add(r, "google_sql_database_instance", decodeInstance, checks...)
}
