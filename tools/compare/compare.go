package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// Pair is one comparison: our control and one peer check on one resource.
type Pair struct {
	Tool, Check, Control string
	Key, Type            string
	// Cloud is the cloud of Type: aws, azure or google.
	Cloud string
	// Ours is our status (pass, fail, unknown, error); Peer is pass or fail.
	Ours, Peer string
	// Explained is the differences.yaml entry that explains a difference.
	Explained *Difference
}

// OursVerdict is our side reduced to pass or fail: an unknown or error does
// not pass (fail closed).
func (p *Pair) OursVerdict() string {
	if p.Ours == Pass {
		return Pass
	}
	return Fail
}

// Agree reports whether both sides reached the same verdict.
func (p *Pair) Agree() bool { return p.OursVerdict() == p.Peer }

// Outside is a peer failure of a mapped check on a resource whose type our
// control is not checked on: a gap of coverage, not a difference of verdict.
type Outside struct {
	Tool, Check, Control, Key string
}

// Comparison is the outcome of a run.
type Comparison struct {
	// Ran lists the tools that reported on at least one module.
	Ran     []string
	Pairs   []Pair
	Outside []Outside
	// Scoped counts, per tool, the pairs whose verdicts differ as the
	// mapping's scope allows (a narrower peer check passing where we fail);
	// they are not compared.
	Scoped map[string]int
	// Unmapped counts, per tool and peer check id, the failures of checks
	// that the mapping does not tie to a control.
	Unmapped map[string]map[string]int
	// OutOfScope counts, per tool and peer check id, the failures of checks
	// the mapping lists as out of scope.
	OutOfScope map[string]map[string]int
	// Unlisted counts, per tool and peer check id of a ListedClouds cloud,
	// the results (pass or fail) of checks the mapping neither ties to a
	// control nor lists as out of scope: each makes the run fail.
	Unlisted map[string]map[string]int
	// Stale lists explained differences of a tool that ran that no longer occur.
	Stale []*Difference
}

// Compare pairs our results with the peers' reports. ours holds every
// module's resources; reports holds, per module, each tool's report.
func Compare(ours []*Resource, reports map[string]map[string]*PeerReport, mapping []Mapping, diffs []Difference, checked map[string][]string) *Comparison {
	mapped, outOfScope := splitMapping(mapping)
	k := &comparer{
		c: &Comparison{Unmapped: map[string]map[string]int{}, OutOfScope: map[string]map[string]int{},
			Unlisted: map[string]map[string]int{}, Scoped: map[string]int{}},
		mapping: mapped, outOfScope: outOfScope, diffs: diffs, checked: checked,
		mapped: map[string]bool{}, used: map[*Difference]bool{},
	}
	c := k.c
	byModule := map[string][]*Resource{}
	for _, r := range ours {
		byModule[r.Module] = append(byModule[r.Module], r)
	}
	for _, m := range mapped {
		k.mapped[m.Tool+" "+m.Check] = true
	}
	keys := make([]string, len(ours))
	for i, r := range ours {
		keys[i] = r.Key()
	}
	ran := map[string]bool{}
	modules := make([]string, 0, len(reports))
	for m := range reports {
		modules = append(modules, m)
	}
	sort.Strings(modules)
	for _, module := range modules {
		for _, tool := range Tools {
			rep := reports[module][tool]
			if rep == nil {
				continue
			}
			ran[tool] = true
			covered := k.pairs(tool, rep, k.statuses(tool, rep), byModule[module])
			k.outside(tool, module, rep, covered)
		}
	}
	for _, t := range Tools {
		if ran[t] {
			c.Ran = append(c.Ran, t)
		}
	}
	for i := range diffs {
		if !k.used[&diffs[i]] && diffs[i].covers(reports, keys) {
			c.Stale = append(c.Stale, &diffs[i])
		}
	}
	sort.SliceStable(c.Pairs, func(i, j int) bool {
		a, b := c.Pairs[i], c.Pairs[j]
		if a.Tool != b.Tool {
			return slices.Index(Tools, a.Tool) < slices.Index(Tools, b.Tool)
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Check < b.Check
	})
	return c
}

// comparer is one Compare call: the comparison it fills and what it compares
// by. mapped holds tool + " " + check of every mapped check; used the
// differences that explained a pair.
type comparer struct {
	c          *Comparison
	mapping    []Mapping
	outOfScope map[string]string
	diffs      []Difference
	checked    map[string][]string
	mapped     map[string]bool
	used       map[*Difference]bool
}

// statuses is, per check of rep, the status on each address (a failure wins);
// a check that ran has an entry. Failures of unmapped checks are counted.
func (k *comparer) statuses(tool string, rep *PeerReport) map[string]map[string]string {
	status := map[string]map[string]string{}
	for _, res := range rep.Results {
		if status[res.Check] == nil {
			status[res.Check] = map[string]string{}
		}
		if res.Address != "" && status[res.Check][res.Address] != Fail {
			status[res.Check][res.Address] = res.Status
		}
		id := tool + " " + res.Check
		switch {
		case k.mapped[id]:
		case k.outOfScope[id] != "":
			if res.Status == Fail {
				count(k.c.OutOfScope, tool, res.Check)
			}
		case slices.Contains(ListedClouds, checkCloud(res.Check)):
			count(k.c.Unlisted, tool, res.Check)
		case res.Status == Fail:
			count(k.c.Unmapped, tool, res.Check)
		}
	}
	return status
}

// pairs pairs our verdicts on resources with the peer's status of every
// mapped check of tool; covered holds check + " " + address of each pair
// compared or scoped.
func (k *comparer) pairs(tool string, rep *PeerReport, status map[string]map[string]string, resources []*Resource) (covered map[string]bool) {
	covered = map[string]bool{}
	for _, m := range k.mapping {
		if m.Tool != tool || status[m.Check] == nil {
			continue
		}
		types := effectiveTypes(m, k.checked)
		peer := status[m.Check]
		for _, r := range resources {
			if !slices.Contains(types, r.Type) {
				continue
			}
			st, ok := peerStatus(r, peer, rep.ImplicitPass)
			if !ok {
				continue
			}
			ourSt, isChecked := r.Controls[m.Control]
			if !isChecked {
				continue
			}
			covered[m.Check+" "+r.Address] = true
			p := Pair{Tool: tool, Check: m.Check, Control: m.Control, Key: r.Key(), Type: r.Type, Cloud: typeCloud(r.Type), Ours: ourSt, Peer: st}
			if m.consistent(p.OursVerdict(), p.Peer) {
				k.c.Scoped[tool]++
				continue
			}
			if !p.Agree() {
				k.explain(&p)
			}
			k.c.Pairs = append(k.c.Pairs, p)
		}
	}
	return covered
}

// peerStatus is the peer's status of r. A peer may report a finding of the
// whole on a companion (Trivy: versioning on aws_s3_bucket_versioning): the
// worst result of the resource and its companions counts. A resource the peer
// does not name passes when the peer reports passes implicitly.
func peerStatus(r *Resource, peer map[string]string, implicitPass bool) (string, bool) {
	st, ok := peer[r.Address]
	for _, comp := range r.Companions {
		if cs, found := peer[comp]; found && (!ok || cs == Fail) {
			st, ok = cs, true
		}
	}
	if !ok && implicitPass {
		return Pass, true
	}
	return st, ok
}

// explain attaches the first recorded difference that explains p.
func (k *comparer) explain(p *Pair) {
	for i := range k.diffs {
		if k.diffs[i].explains(p.Tool, p.Check, p.Control, p.Key, p.OursVerdict()) {
			p.Explained = &k.diffs[i]
			k.used[&k.diffs[i]] = true
			return
		}
	}
}

// outside records failures of mapped checks that no pair covers: a resource
// type our controls do not check, or a value we did not judge.
func (k *comparer) outside(tool, module string, rep *PeerReport, covered map[string]bool) {
	for _, res := range rep.Results {
		if res.Status != Fail || res.Address == "" || !k.mapped[tool+" "+res.Check] || covered[res.Check+" "+res.Address] {
			continue
		}
		covered[res.Check+" "+res.Address] = true
		var controls []string
		for _, m := range k.mapping {
			if m.Tool == tool && m.Check == res.Check && !slices.Contains(controls, m.Control) {
				controls = append(controls, m.Control)
			}
		}
		k.c.Outside = append(k.c.Outside, Outside{Tool: tool, Check: res.Check, Control: strings.Join(controls, ", "), Key: module + ":" + res.Address})
	}
}

// Stats are the counts of one tool.
type Stats struct {
	Compared, BothFail, BothPass, Explained, Unexplained int
	Kinds                                                map[string]int
}

// Agreed is the number of pairs with the same verdict.
func (s Stats) Agreed() int { return s.BothFail + s.BothPass }

// Rate is the agreement rate in percent.
func (s Stats) Rate() float64 {
	if s.Compared == 0 {
		return 0
	}
	return 100 * float64(s.Agreed()) / float64(s.Compared)
}

func count(m map[string]map[string]int, tool, check string) {
	if m[tool] == nil {
		m[tool] = map[string]int{}
	}
	m[tool][check]++
}

// Stats counts the pairs of tool.
func (c *Comparison) Stats(tool string) Stats { return c.CloudStats(tool, "") }

// CloudStats counts the pairs of tool on resources of cloud ("" for all).
func (c *Comparison) CloudStats(tool, cloud string) Stats {
	s := Stats{Kinds: map[string]int{}}
	for _, p := range c.Pairs {
		if p.Tool != tool || (cloud != "" && p.Cloud != cloud) {
			continue
		}
		s.Compared++
		switch {
		case p.Agree() && p.Peer == Fail:
			s.BothFail++
		case p.Agree():
			s.BothPass++
		case p.Explained != nil:
			s.Explained++
			s.Kinds[p.Explained.Kind]++
		default:
			s.Unexplained++
		}
	}
	return s
}

// UnlistedChecks counts the peer checks of ListedClouds that are neither
// mapped nor out of scope.
func (c *Comparison) UnlistedChecks() int {
	n := 0
	for _, u := range c.Unlisted {
		n += len(u)
	}
	return n
}

// Unexplained counts the differences no entry explains.
func (c *Comparison) Unexplained() int {
	n := 0
	for _, p := range c.Pairs {
		if !p.Agree() && p.Explained == nil {
			n++
		}
	}
	return n
}

// Print writes the summary and every difference.
func (c *Comparison) Print(out io.Writer, versions map[string]string) error {
	w := &strings.Builder{}
	fmt.Fprintln(w, "Agreement per tool and cloud (pairs of one resource, one of our controls and one mapped peer check):")
	for _, t := range c.Ran {
		for i, cloud := range append([]string{""}, Clouds...) {
			s := c.CloudStats(t, cloud)
			tool, version, name := t, versions[t], cloud
			if i > 0 {
				tool, version = "", ""
				if s.Compared == 0 {
					continue
				}
			} else {
				name = "all"
			}
			fmt.Fprintf(w, "  %-8s %-8s %-6s %4d compared, %4d agree (%5.1f%%: %d both fail, %d both pass), %d differ: %d explained%s, %d UNEXPLAINED\n",
				tool, version, name, s.Compared, s.Agreed(), s.Rate(), s.BothFail, s.BothPass, s.Compared-s.Agreed(), s.Explained, kinds(s.Kinds), s.Unexplained)
		}
		if n := c.Scoped[t]; n > 0 {
			fmt.Fprintf(w, "  %-8s %-8s %-6s %4d more pairs not compared: a narrower (broader) peer check passes (fails) where our control fails (passes), as its scope allows\n", "", "", "", n)
		}
	}
	if len(c.Ran) == 0 {
		fmt.Fprintln(w, "  no peer ran: nothing to compare")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Differences:")
	differed := false
	for _, p := range c.Pairs {
		if p.Agree() {
			continue
		}
		differed = true
		ours := p.Ours
		if p.Explained == nil {
			fmt.Fprintf(w, "  !!! UNEXPLAINED [%s] %s <-> %s on %s: ours %s, %s %s\n", p.Tool, p.Check, p.Control, p.Key, ours, p.Tool, p.Peer)
			fmt.Fprintln(w, "      add an entry to tools/compare/differences.yaml citing the cloud's definition, or fix our control")
			continue
		}
		fmt.Fprintf(w, "  [%s] %s <-> %s on %s: ours %s, %s %s\n", p.Tool, p.Check, p.Control, p.Key, ours, p.Tool, p.Peer)
		fmt.Fprintf(w, "      %s: %s\n", p.Explained.Kind, oneLine(p.Explained.Explanation))
		fmt.Fprintf(w, "      decided by: %s\n", oneLine(p.Explained.Reference))
	}
	if !differed {
		fmt.Fprintln(w, "  none")
	}
	if len(c.Outside) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Peer failures of mapped checks on resources our control is not checked on (coverage, not compared):")
		for _, o := range c.Outside {
			fmt.Fprintf(w, "  [%s] %s (mapped to %s) on %s\n", o.Tool, o.Check, o.Control, o.Key)
		}
	}
	for _, t := range c.Ran {
		if u := c.Unmapped[t]; len(u) > 0 {
			fmt.Fprintf(w, "\n%s checks without a control in mapping.yaml that failed something (%d): %s\n", t, len(u), counts(u))
		}
		if u := c.OutOfScope[t]; len(u) > 0 {
			fmt.Fprintf(w, "\n%s checks listed as out of scope in mapping.yaml that failed something (%d)\n", t, len(u))
		}
		if u := c.Unlisted[t]; len(u) > 0 {
			fmt.Fprintf(w, "\n!!! %s checks of %s neither mapped nor listed as out of scope in mapping.yaml (%d): %s\n", t, strings.Join(ListedClouds, ", "), len(u), counts(u))
		}
	}
	if len(c.Stale) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Explained differences that no longer occur (remove or update them in differences.yaml):")
		for _, d := range c.Stale {
			fmt.Fprintf(w, "  [%s] %s <-> %s on %s (ours %s)\n", d.Tool, d.Check, d.Control, strings.Join(d.Resources, ", "), d.Ours)
		}
	}
	_, err := io.WriteString(out, w.String())
	return err
}

// counts lists id×n, sorted by id.
func counts(u map[string]int) string {
	ids := make([]string, 0, len(u))
	for id := range u {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s×%d", id, u[id])
	}
	return strings.Join(parts, " ")
}

func kinds(k map[string]int) string {
	if len(k) == 0 {
		return ""
	}
	var parts []string
	for _, name := range Kinds {
		if k[name] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", k[name], name))
		}
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
