// Package authorization judges Azure RBAC custom role definitions.
package authorization

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/armid"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// roleDefinition is the subject of the custom role control.
type roleDefinition struct {
	Scope        subject.Field[string]
	Assignable   subject.StringSeq
	Actions      []subject.StringSeq
	PermsUnknown string
}

// decodeRoleDefinition reads azurerm_role_definition values.
func decodeRoleDefinition(n subject.Node) roleDefinition {
	rd := roleDefinition{Scope: n.Get("scope").String(""), Assignable: n.Get("assignable_scopes").Strings()}
	perms := n.Get("permissions").Items()
	if perms.Unknown {
		rd.PermsUnknown = perms.Path
	}
	for _, p := range perms.Items {
		rd.Actions = append(rd.Actions, p.Get("actions").Strings())
	}
	return rd
}

func broad(s string) bool {
	switch armid.ScopeOf(s) {
	case armid.ScopeSubscription, armid.ScopeManagementGroup, armid.ScopeRoot:
		return true
	}
	return false
}

func noCustomAdmin(rd roleDefinition) engine.Outcome {
	star, at := subject.False, rd.PermsUnknown
	if at != "" {
		star = subject.Unknown
	}
	for _, a := range rd.Actions {
		t := a.Any(func(s string) bool { return strings.TrimSpace(s) == "*" })
		if t == subject.True {
			star, at = t, a.First(func(s string) bool { return strings.TrimSpace(s) == "*" })
			break
		}
		if t == subject.Unknown {
			star, at = t, a.Path
		}
	}
	if star == subject.False {
		return engine.Pass()
	}
	scopes := rd.Assignable
	if scopes.Null || (!scopes.Unknown && len(scopes.Items) == 0) {
		scopes = subject.StringSeq{Items: []subject.Field[string]{rd.Scope}, Path: rd.Scope.Path}
	}
	wide := scopes.Any(broad)
	switch star.And(wide) {
	case subject.True:
		return engine.Fail(at, "the custom role grants every action (\"*\") and is assignable at subscription or management group scope: it is a custom subscription owner")
	case subject.Unknown:
		return engine.Undecided(at, "the role's actions or scopes are unknown until apply")
	}
	return engine.Pass()
}

// Register adds the authorization checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_role_definition", decodeRoleDefinition,
		engine.Check[roleDefinition]{Control: "azure-authorization-no-custom-owner-role", Eval: noCustomAdmin})
}
