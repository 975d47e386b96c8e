// Package armid reads Azure Resource Manager ids: the scope an id names
// (tenant root, management group, subscription, resource group) and whether
// it names a resource of a given type.
package armid

import (
	"strings"
)

// Scope is the kind of Azure resource an id names.
type Scope uint8

const (
	ScopeOther Scope = iota
	ScopeSubscription
	ScopeManagementGroup
	ScopeResourceGroup
	ScopeRoot // "/": the tenant root
)

// ScopeOf classifies an Azure resource id: "/subscriptions/<id>" is a
// subscription, "/providers/Microsoft.Management/managementGroups/<id>" a
// management group, "/" the root.
func ScopeOf(id string) Scope {
	s := strings.ToLower(strings.TrimRight(strings.TrimSpace(id), "/"))
	if s == "" {
		if strings.TrimSpace(id) == "/" {
			return ScopeRoot
		}
		return ScopeOther
	}
	parts := strings.Split(strings.TrimPrefix(s, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "subscriptions":
		return ScopeSubscription
	case len(parts) == 4 && parts[0] == "subscriptions" && parts[2] == "resourcegroups":
		return ScopeResourceGroup
	case len(parts) == 4 && parts[0] == "providers" && parts[1] == "microsoft.management" && parts[2] == "managementgroups":
		return ScopeManagementGroup
	}
	return ScopeOther
}

// IsResource reports whether id names a resource of type typ
// ("microsoft.keyvault/vaults") itself, not one of its child resources.
func IsResource(id, typ string) bool {
	parts := strings.Split(strings.ToLower(strings.Trim(strings.TrimSpace(id), "/")), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "providers" {
			return len(parts) == i+4 && parts[i+1]+"/"+parts[i+2] == strings.ToLower(typ)
		}
	}
	return false
}
