package sql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// flagRule is one CIS database flag recommendation: on instances whose
// database_version starts with Engine, flag Name must satisfy OK. Unset
// holds the flag's Cloud SQL default; DefaultOK says whether the default
// complies.
type flagRule struct {
	Control   string
	Engine    string // MYSQL, POSTGRES, SQLSERVER
	Name      string
	Want      string // for messages: `"on"`, `-1`, `ERROR or stricter`
	Default   string // the Cloud SQL default, for messages
	DefaultOK bool
	OK        func(v string) bool
}

func is(vals ...string) func(string) bool {
	return func(v string) bool {
		for _, w := range vals {
			if strings.EqualFold(strings.TrimSpace(v), w) {
				return true
			}
		}
		return false
	}
}

// severities of PostgreSQL messages, least to most severe.
var pgLevels = []string{"debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic"}

// atLeast accepts a level from lo up to (and including) hi.
func atLeast(lo, hi string) func(string) bool {
	idx := func(s string) int {
		for i, l := range pgLevels {
			if l == strings.ToLower(strings.TrimSpace(s)) {
				return i
			}
		}
		return -1
	}
	return func(v string) bool {
		i := idx(v)
		return i >= 0 && i >= idx(lo) && i <= idx(hi)
	}
}

func intIs(n int64) func(string) bool {
	return func(v string) bool {
		i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return err == nil && i == n
	}
}

// flagRules are the CIS 6.1.x, 6.2.x and 6.3.x flag recommendations that a
// plan can decide. Defaults are Cloud SQL's, as the benchmark states them.
var flagRules = []flagRule{
	{Control: "google-sql-mysql-skip-show-database", Engine: "MYSQL", Name: "skip_show_database", Want: `"on"`, Default: "off", OK: is("on")},
	{Control: "google-sql-mysql-local-infile-off", Engine: "MYSQL", Name: "local_infile", Want: `"off"`, Default: "on", OK: is("off")},
	{Control: "google-sql-postgres-log-error-verbosity", Engine: "POSTGRES", Name: "log_error_verbosity", Want: `"default" or "terse"`, Default: "default", DefaultOK: true, OK: is("default", "terse")},
	{Control: "google-sql-postgres-log-connections", Engine: "POSTGRES", Name: "log_connections", Want: `"on"`, Default: "off", OK: is("on")},
	{Control: "google-sql-postgres-log-disconnections", Engine: "POSTGRES", Name: "log_disconnections", Want: `"on"`, Default: "off", OK: is("on")},
	{Control: "google-sql-postgres-log-statement", Engine: "POSTGRES", Name: "log_statement", Want: `"ddl" (or "mod", "all")`, Default: "none", OK: is("ddl", "mod", "all")},
	{Control: "google-sql-postgres-log-min-messages", Engine: "POSTGRES", Name: "log_min_messages", Want: `"warning" or more severe (up to "error")`, Default: "error", DefaultOK: true, OK: atLeast("warning", "error")},
	{Control: "google-sql-postgres-log-min-error-statement", Engine: "POSTGRES", Name: "log_min_error_statement", Want: `"error" or lower (down to "debug5")`, Default: "error", DefaultOK: true, OK: atLeast("debug5", "error")},
	{Control: "google-sql-postgres-log-min-duration-statement", Engine: "POSTGRES", Name: "log_min_duration_statement", Want: "-1 (disabled)", Default: "-1", DefaultOK: true, OK: intIs(-1)},
	{Control: "google-sql-postgres-pgaudit", Engine: "POSTGRES", Name: "cloudsql.enable_pgaudit", Want: `"on"`, Default: "off", OK: is("on")},
	{Control: "google-sql-sqlserver-external-scripts-off", Engine: "SQLSERVER", Name: "external scripts enabled", Want: `"off"`, Default: "off", DefaultOK: true, OK: is("off")},
	{Control: "google-sql-sqlserver-cross-db-ownership-chaining-off", Engine: "SQLSERVER", Name: "cross db ownership chaining", Want: `"off"`, Default: "off", DefaultOK: true, OK: is("off")},
	{Control: "google-sql-sqlserver-user-connections", Engine: "SQLSERVER", Name: "user connections", Want: "0 (no limit)", Default: "0", DefaultOK: true, OK: intIs(0)},
	{Control: "google-sql-sqlserver-user-options-unset", Engine: "SQLSERVER", Name: "user options", Want: "not configured", Default: "not configured", DefaultOK: true, OK: func(string) bool { return false }},
	{Control: "google-sql-sqlserver-remote-access-off", Engine: "SQLSERVER", Name: "remote access", Want: `"off"`, Default: "on", OK: is("off")},
	{Control: "google-sql-sqlserver-trace-flag-3625", Engine: "SQLSERVER", Name: "3625", Want: `"on"`, Default: "off", OK: is("on")},
	{Control: "google-sql-sqlserver-contained-db-auth-off", Engine: "SQLSERVER", Name: "contained database authentication", Want: `not "on"`, Default: "off", DefaultOK: true, OK: func(v string) bool { return !strings.EqualFold(strings.TrimSpace(v), "on") }},
}

// Check judges the rule on an instance. Instances of other engines pass as
// not applicable.
func (rule flagRule) Check(in instance) engine.Outcome {
	v := in.Version
	if v.Unknown {
		return engine.Undecided(v.Path, "database_version is unknown until apply, so which flags apply is not known")
	}
	if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(v.V)), rule.Engine) {
		return engine.Pass()
	}
	if in.FlagsUnk {
		return engine.Undecided(in.FlagsPath, "database_flags is unknown until apply")
	}
	var unknownAt string
	for _, f := range in.Flags {
		if f.Name.Unknown {
			if unknownAt == "" {
				unknownAt = f.Name.Path
			}
			continue
		}
		if !strings.EqualFold(strings.TrimSpace(f.Name.V), rule.Name) {
			continue
		}
		if f.Value.Unknown {
			return engine.Undecided(f.Value.Path, "the value of database flag %q is unknown until apply", rule.Name)
		}
		if rule.OK(f.Value.V) {
			return engine.Pass()
		}
		if rule.Want == "not configured" {
			return engine.Fail(f.Name.Path, "database flag %q is configured (%q); CIS asks that it is not", rule.Name, f.Value.V)
		}
		return engine.Fail(f.Value.Path, "database flag %q is %q; it must be %s", rule.Name, f.Value.V, rule.Want)
	}
	if unknownAt != "" {
		return engine.Undecided(unknownAt, "a database flag name is unknown until apply")
	}
	if rule.DefaultOK {
		return engine.Pass()
	}
	return engine.Fail(in.FlagsPath, "%s", fmt.Sprintf("database flag %q is not set and defaults to %q; it must be %s", rule.Name, rule.Default, rule.Want))
}
