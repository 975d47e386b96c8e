package netrange

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Entry is one rule of an ordered rule list, where the first rule that
// matches a packet decides: network ACL entries by rule number, NSG rules and
// firewall rules by priority. Action is "allow" or "deny" (any case).
type Entry struct {
	Permission
	Order     subject.Field[int64]
	Action    subject.Field[string]
	OrderName string // "rule" (the default) or "priority", for messages
}

func (e *Entry) orderName() string {
	if e.OrderName == "" {
		return "rule"
	}
	return e.OrderName
}

// WalkOrdered judges the entries, sorted by Order, for one family and port
// as the cloud evaluates them: each entry decides the public addresses no
// earlier entry decided. It fails when the addresses its allows decide cover
// every public address of the family, or when an allow from a source that is
// the internet on its own (InternetCIDR) decides any of them. A deny shadows
// later entries only for the addresses it names. When ordered is false (a
// rule judged on its own) no entry shadows another.
func WalkOrdered(entries []Entry, fam Family, port int64, ordered bool) engine.Outcome {
	fi := famIndex(fam)
	remaining := publicSpace[fi]
	var allowed rangeSet
	for i := range entries {
		e := &entries[i]
		if !e.classified {
			e.Classify()
		}
		cov := e.Covers(port)
		if cov == subject.False || (len(e.prefixes[fi]) == 0 && !e.partial[fi]) {
			continue
		}
		var set rangeSet
		for _, p := range e.prefixes[fi] {
			set = append(set, prefixRange(p))
		}
		set = normalize(set)
		matched := remaining.intersect(set)
		world, at := e.World(fam)
		if cov == subject.Unknown || e.partial[fi] || e.Action.Unknown || e.Ingress.Unknown {
			if e.partial[fi] || len(matched) > 0 {
				return engine.Undecided(e.UnknownAt(at), "%s may decide whether the internet reaches port %d; its source, protocol, ports or action are unknown until apply", e.RulePath(), port)
			}
			continue
		}
		if strings.EqualFold(e.Action.V, "allow") && len(matched) > 0 {
			allowed = allowed.union(matched)
			if world == subject.True {
				return engine.Fail(at, "%s (%s %d) allows %s from the internet to port %d", e.RulePath(), e.orderName(), e.Order.V, e.Describe(), port)
			}
			if allowed.contains(publicSpace[fi]) {
				return engine.Fail(e.Path, "%s (%s %d) and the allow entries before it together let every public %s address reach port %d", e.RulePath(), e.orderName(), e.Order.V, famName(fam), port)
			}
		}
		if ordered {
			remaining = remaining.subtract(set)
			if len(remaining) == 0 {
				break
			}
		}
	}
	return engine.Pass()
}
