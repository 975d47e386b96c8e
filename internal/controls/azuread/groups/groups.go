// Package groups judges Microsoft Entra ID groups (azuread_group): Microsoft
// 365 groups are private unless made public on purpose, and do not take mail
// from outside the organisation.
package groups

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// group is the part of an azuread_group the controls read.
type group struct {
	Types          subject.StringSeq
	Visibility     subject.Field[string]
	ExternalSender subject.Field[bool]
}

// decode reads azuread_group.
func decode(n subject.Node) group {
	return group{Types: n.Get("types").Strings(), Visibility: n.Get("visibility").String(""), ExternalSender: n.Get("external_senders_allowed").Bool(false)}
}

// unified reports whether the group is a Microsoft 365 group.
func (g group) unified() subject.Tri {
	return g.Types.Any(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "Unified") })
}

// notPublic: a Microsoft 365 group is Private or HiddenMembership; one left
// unset is created Public, which lets any member of the tenant join it and
// read its files, mail and Teams channel (CIS M365 1.2.1). Security groups
// have no joinable visibility but are judged when visibility is set.
func notPublic(g group) engine.Outcome {
	u := g.unified()
	if u == subject.Unknown {
		return judge.Unknown(g.Types.Path)
	}
	v := g.Visibility
	switch {
	case v.Unknown:
		return judge.Unknown(v.Path)
	case v.Null || strings.TrimSpace(v.V) == "":
		if u == subject.True {
			return engine.Fail(v.Path, "visibility is not set and a Microsoft 365 group is created Public: anyone in the tenant can join it and read its content")
		}
		return engine.Pass()
	case strings.EqualFold(strings.TrimSpace(v.V), "Public"):
		return engine.Fail(v.Path, "visibility is \"Public\": anyone in the tenant can join the group and read its content")
	}
	return engine.Pass()
}

// noExternalSenders: a Microsoft 365 group does not accept mail from outside
// the organisation (its default).
func noExternalSenders(g group) engine.Outcome {
	if g.unified() == subject.False {
		return engine.Pass()
	}
	return judge.False(g.ExternalSender, "people outside the organisation can mail the whole group, a phishing and spam channel into it")
}

// Register adds the group checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azuread_group", decode,
		engine.Check[group]{Control: "azuread-group-not-public", Eval: notPublic},
		engine.Check[group]{Control: "azuread-group-no-external-senders", Eval: noExternalSenders})
}
