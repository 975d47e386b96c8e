package netrange

import (
	"net/netip"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// SourceList is the judgement of one list of source addresses that admit
// traffic together (a firewall rule's source ranges, a database's authorized
// networks, a control plane's allowed CIDRs): whether the list as a whole is
// the internet as the baseline counts it.
type SourceList struct {
	// World is True when the known entries are the internet: one of them is
	// on its own (InternetCIDR), or the entries of one family together cover
	// every public address of it (CoversInternet). Unknown when they are not
	// but an entry is unknown until apply. False otherwise.
	World subject.Tri
	// At is the path of the deciding entry: the internet-wide entry, the
	// last entry of a covering union, the first unknown or malformed entry.
	At string
	// Entries are the values that decide World = True: one internet-wide
	// entry, or the entries of the covering union.
	Entries []string
	// Malformed is set for an entry that is not an address or CIDR (Bad
	// holds it); World is then False.
	Malformed bool
	Bad       string
}

// Union reports whether World came from several entries together.
func (s SourceList) Union() bool { return len(s.Entries) > 1 }

// Describe names the deciding entries for a message: `"0.0.0.0/0"` or
// `the union of "0.0.0.0/1", "128.0.0.0/1"`.
func (s SourceList) Describe() string {
	q := make([]string, len(s.Entries))
	for i, e := range s.Entries {
		q[i] = `"` + strings.TrimSpace(e) + `"`
	}
	if len(q) == 1 {
		return q[0]
	}
	return "the union of " + strings.Join(q, ", ")
}

// JudgeSources judges the entries of one source list. Reserved ranges never
// count towards the internet (see CoversInternet).
func JudgeSources(list subject.StringSeq) SourceList {
	if list.Unknown {
		return SourceList{World: subject.Unknown, At: list.Path}
	}
	var (
		out      = SourceList{World: subject.False}
		unknown  string
		prefixes [2][]netip.Prefix
		entries  [2][]string
		lastAt   [2]string
	)
	for _, it := range list.Items {
		if it.Unknown {
			if unknown == "" {
				unknown = it.Path
			}
			continue
		}
		if it.Null {
			continue
		}
		p, fam, ok := parseSource(it.V)
		if !ok {
			return SourceList{World: subject.False, At: it.Path, Malformed: true, Bad: it.V}
		}
		if internetPrefix(p, fam) {
			return SourceList{World: subject.True, At: it.Path, Entries: []string{it.V}}
		}
		i := famIndex(fam)
		prefixes[i] = append(prefixes[i], p)
		entries[i] = append(entries[i], it.V)
		lastAt[i] = it.Path
	}
	for _, fam := range []Family{IPv4, IPv6} {
		i := famIndex(fam)
		if len(prefixes[i]) > 1 && CoversInternet(fam, prefixes[i]...) {
			return SourceList{World: subject.True, At: lastAt[i], Entries: entries[i]}
		}
	}
	if unknown != "" {
		out.World, out.At = subject.Unknown, unknown
	}
	return out
}
