// Package serverparam judges the server parameters of Azure Database for
// PostgreSQL and MySQL flexible servers, which Terraform sets one per
// configuration resource (name, value). A control about one parameter applies
// only to the configuration resources naming it; a parameter no resource sets
// keeps the server's default, which the plan of the server does not show.
package serverparam

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Param is the subject of a server configuration resource.
type Param struct{ Name, Value subject.Field[string] }

// Decode reads the name and value of a configuration resource.
func Decode(n subject.Node) Param {
	return Param{Name: n.Get("name").String(""), Value: n.Get("value").String("")}
}

// Judge passes when p is not parameter name, or its value satisfies ok. why
// completes the failure message.
func Judge(p Param, name string, ok func(string) bool, why string) engine.Outcome {
	switch {
	case p.Name.Unknown:
		return engine.Undecided(p.Name.Path, "the parameter name is unknown until apply, so whether it sets %s cannot be judged", name)
	case !strings.EqualFold(strings.TrimSpace(p.Name.V), name):
		return engine.Pass() // another parameter: the control does not apply
	case p.Value.Unknown:
		return judge.Unknown(p.Value.Path)
	case ok(strings.TrimSpace(p.Value.V)):
		return engine.Pass()
	}
	return engine.Fail(p.Value.Path, "%s is set to %q: %s", name, p.Value.V, why)
}

// On reports whether v turns a boolean server parameter on.
func On(v string) bool { return strings.EqualFold(v, "on") || strings.EqualFold(v, "true") || v == "1" }
