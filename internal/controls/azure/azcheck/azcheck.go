// Package azcheck holds the small judgements the Azure evaluators share, on
// top of the cloud-neutral ones in aws/attr: a boolean that must be false, a
// string that must be one of some values, a number with a lower bound, and
// the reading of Azure resource ids. Unknown is undecided, never a pass; a
// null value holds the provider default the decoder gave it, and the failure
// names the argument to set.
package azcheck

import (
	"fmt"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/attr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// False passes when f is false. why completes "…: <why>" on failure.
func False(f subject.Field[bool], why string) engine.Outcome {
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "%s is unknown until apply", attr.Name(f.Path))
	case !f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "%s is not set and defaults to true: %s", attr.Name(f.Path), why)
	}
	return engine.Fail(f.Path, "%s is true: %s", attr.Name(f.Path), why)
}

// OneOf passes when f equals one of want, ignoring case.
func OneOf(f subject.Field[string], why string, want ...string) engine.Outcome {
	switch attr.Is(f, want...) {
	case subject.Unknown:
		return engine.Undecided(f.Path, "%s is unknown until apply", attr.Name(f.Path))
	case subject.True:
		return engine.Pass()
	}
	if f.Null {
		if f.V == "" {
			return engine.Fail(f.Path, "%s is not set: %s", attr.Name(f.Path), why)
		}
		return engine.Fail(f.Path, "%s is not set and defaults to %q: %s", attr.Name(f.Path), f.V, why)
	}
	return engine.Fail(f.Path, "%s is %q: %s", attr.Name(f.Path), f.V, why)
}

// AtLeast passes when f is at least least, or when zero is allowed and f is 0
// (Azure reads a retention of 0 days as keeping forever).
func AtLeast(f subject.Field[int64], least int64, zeroIsForever bool, why string) engine.Outcome {
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "%s is unknown until apply", attr.Name(f.Path))
	case f.V >= least, zeroIsForever && f.V == 0:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "%s is not set and defaults to %d: %s", attr.Name(f.Path), f.V, why)
	}
	return engine.Fail(f.Path, "%s is %d, below %d: %s", attr.Name(f.Path), f.V, least, why)
}

// AnySet passes when one of fs is a known, non-empty string; it is undecided
// when none is set but one is unknown, and fails naming the first otherwise.
func AnySet(why string, fs ...subject.Field[string]) engine.Outcome {
	var unknown *subject.Field[string]
	for i := range fs {
		switch attr.IsSet(fs[i]) {
		case subject.True:
			return engine.Pass()
		case subject.Unknown:
			if unknown == nil {
				unknown = &fs[i]
			}
		}
	}
	if unknown != nil {
		return engine.Undecided(unknown.Path, "%s is unknown until apply", attr.Name(unknown.Path))
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = attr.Name(f.Path)
	}
	at := ""
	if len(fs) > 0 {
		at = fs[0].Path
	}
	return engine.Fail(at, "%s %s not set: %s", strings.Join(names, " / "), plural(len(fs)), why)
}

func plural(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

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

// ProviderType returns the "<namespace>/<type>" of a resource id
// ("microsoft.keyvault/vaults"), lower-case, or "" if id names none.
func ProviderType(id string) string {
	parts := strings.Split(strings.ToLower(strings.Trim(strings.TrimSpace(id), "/")), "/")
	for i := len(parts) - 3; i >= 0; i-- {
		if parts[i] == "providers" && i+2 < len(parts) {
			return fmt.Sprintf("%s/%s", parts[i+1], parts[i+2])
		}
	}
	return ""
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

// Worst combines the outcomes of several settings that must all hold: the
// first failure or error decides, then the first undecided one, else a pass.
func Worst(outs ...engine.Outcome) engine.Outcome {
	var undecided *engine.Outcome
	for i := range outs {
		switch outs[i].Status {
		case engine.StatusFail, engine.StatusError:
			return outs[i]
		case engine.StatusUnknown:
			if undecided == nil {
				undecided = &outs[i]
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}
