// Package resid parses Azure resource ids and Azure Policy definition ids.
// It has no dependencies, so its fuzz target builds quickly.
package resid

import "strings"

// SubscriptionOf returns the subscription id of an Azure resource id.
func SubscriptionOf(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], "subscriptions") {
			return strings.ToLower(parts[i+1])
		}
	}
	return ""
}

// ResourceTypeOf returns the ARM type of a resource id, such as
// Microsoft.Storage/storageAccounts ("" when it names none).
func ResourceTypeOf(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	last := -1
	for i, p := range parts {
		if strings.EqualFold(p, "providers") && i+2 < len(parts) {
			last = i
		}
	}
	if last < 0 {
		switch {
		case len(parts) == 2 && strings.EqualFold(parts[0], "subscriptions"):
			return "Microsoft.Resources/subscriptions"
		case len(parts) == 4 && strings.EqualFold(parts[2], "resourceGroups"):
			return "Microsoft.Resources/resourceGroups"
		}
		return ""
	}
	t := parts[last+1] + "/" + parts[last+2]
	for i := last + 4; i < len(parts); i += 2 {
		t += "/" + parts[i]
	}
	return t
}

// PolicyGUID returns the definition name (a GUID for built-ins) of an Azure
// Policy definition id such as
// /providers/Microsoft.Authorization/policyDefinitions/<guid>.
func PolicyGUID(id string) string {
	i := strings.LastIndexByte(id, '/')
	if i < 0 || !strings.Contains(strings.ToLower(id), "/policydefinitions/") {
		return ""
	}
	return strings.ToLower(id[i+1:])
}
