// Package compute judges Compute Engine: VPC firewall rules, the default
// network, subnet flow logs, VM instances, project metadata and disks.
package compute

import (
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// rule is one allow block of a firewall rule: protocol and ports.
type rule struct {
	Protocol subject.Field[string]
	Ports    subject.StringSeq
}

// firewall is a google_compute_firewall as judged.
type firewall struct {
	Direction    subject.Field[string]
	Disabled     subject.Field[bool]
	Sources      subject.StringSeq
	SourceTags   subject.StringSeq
	SourceSAs    subject.StringSeq
	TargetTags   subject.StringSeq
	TargetSAs    subject.StringSeq
	Priority     subject.Field[int64]
	Allow        []rule
	AllowPath    string
	AllowUnknown bool
}

// decodeFirewall reads google_compute_firewall: direction defaults to
// INGRESS, disabled to false; an ingress rule without source_ranges,
// source_tags or source_service_accounts applies to 0.0.0.0/0. Deny blocks
// never expose anything and are not read.
func decodeFirewall(n subject.Node) firewall {
	fw := firewall{
		Direction:  n.Get("direction").String("INGRESS"),
		Disabled:   n.Get("disabled").Bool(false),
		Sources:    n.Get("source_ranges").Strings(),
		SourceTags: n.Get("source_tags").Strings(),
		SourceSAs:  n.Get("source_service_accounts").Strings(),
		TargetTags: n.Get("target_tags").Strings(),
		TargetSAs:  n.Get("target_service_accounts").Strings(),
		Priority:   n.Get("priority").Int(1000),
	}
	// source_ranges is Optional+Computed: a plan that leaves it out shows the
	// whole list unknown, and an ingress rule without source_tags or
	// source_service_accounts is then created with 0.0.0.0/0. A list
	// configured from a value unknown until apply looks the same; reading it
	// as not set fails closed. With source tags or service accounts it stays
	// unknown, since a range would widen what they match.
	if fw.Sources.Unknown && !fw.SourceTags.Unknown && !fw.SourceSAs.Unknown &&
		len(fw.SourceTags.Items) == 0 && len(fw.SourceSAs.Items) == 0 {
		fw.Sources = subject.StringSeq{Path: fw.Sources.Path, Null: true}
	}
	allow := n.Get("allow").Items()
	fw.AllowPath, fw.AllowUnknown = allow.Path, allow.Unknown
	for _, it := range allow.Items {
		fw.Allow = append(fw.Allow, rule{Protocol: it.Get("protocol").String(""), Ports: it.Get("ports").Strings()})
	}
	return fw
}

// reaches reports whether rule lets TCP traffic to port through.
func (r rule) reaches(port int64) (subject.Tri, string, error) {
	p := r.Protocol
	if p.Unknown {
		return subject.Unknown, p.Path, nil
	}
	switch strings.ToLower(strings.TrimSpace(p.V)) {
	case "all":
		return subject.True, p.Path, nil
	case "tcp", "6":
	default:
		return subject.False, "", nil
	}
	if r.Ports.Unknown {
		return subject.Unknown, r.Ports.Path, nil
	}
	if len(r.Ports.Items) == 0 {
		return subject.True, p.Path, nil // no ports: every port of the protocol
	}
	res, at := subject.False, ""
	for _, it := range r.Ports.Items {
		if it.Unknown {
			res, at = subject.Unknown, it.Path
			continue
		}
		in, ok := netrange.PortSpecCovers(it.V, port)
		if !ok {
			return subject.False, it.Path, fmt.Errorf("port %q is not a port or range such as \"22\" or \"20-30\"", it.V)
		}
		if in {
			return subject.True, it.Path, nil
		}
	}
	return res, at, nil
}

// world reports whether the rule's sources are the internet: source_ranges
// that are the internet as the baseline counts it (a /0, a block wider than
// /8 or /16 holding public addresses, or entries whose union covers every
// public address; reserved ranges never count), or no source at all (GCP then
// applies 0.0.0.0/0). src describes the deciding sources for the message.
func (fw firewall) world() (w subject.Tri, at, src string, err error) {
	s := fw.Sources
	if s.Unknown {
		return subject.Unknown, s.Path, "", nil
	}
	if len(s.Items) == 0 {
		// No ranges: with source tags or service accounts the rule matches
		// only those instances; with neither, GCP applies 0.0.0.0/0.
		switch {
		case fw.SourceTags.Unknown || fw.SourceSAs.Unknown:
			return subject.Unknown, fw.SourceTags.Path, "", nil
		case len(fw.SourceTags.Items) > 0 || len(fw.SourceSAs.Items) > 0:
			return subject.False, "", "", nil
		}
		return subject.True, s.Path, `"0.0.0.0/0"`, nil
	}
	j := netrange.JudgeSources(s)
	if j.Malformed {
		return subject.False, j.At, "", fmt.Errorf("source range %q is not a CIDR range", j.Bad)
	}
	if j.World == subject.True {
		return subject.True, j.At, j.Describe(), nil
	}
	return j.World, j.At, "", nil
}

// scope describes which instances the rule applies to and its priority, for
// the failure message: a higher-priority deny rule elsewhere is not seen.
func (fw firewall) scope() string {
	var parts []string
	if len(fw.TargetTags.Items) > 0 {
		parts = append(parts, "instances tagged "+quoteAll(fw.TargetTags.Items))
	}
	if len(fw.TargetSAs.Items) > 0 {
		parts = append(parts, "instances running as "+quoteAll(fw.TargetSAs.Items))
	}
	to := "every instance of the network"
	if len(parts) > 0 {
		to = strings.Join(parts, " and ")
	}
	prio := "priority 1000"
	if !fw.Priority.Unknown && !fw.Priority.Null {
		prio = fmt.Sprintf("priority %d", fw.Priority.V)
	}
	return fmt.Sprintf(" (applies to %s at %s; a deny rule of higher priority in another resource is not seen here)", to, prio)
}

func quoteAll(fs []subject.Field[string]) string {
	q := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Unknown {
			q = append(q, "(unknown)")
			continue
		}
		q = append(q, fmt.Sprintf("%q", f.V))
	}
	return strings.Join(q, ", ")
}

// openPort returns the check that fails an enabled ingress allow rule from
// 0.0.0.0/0 or ::/0 reaching TCP port (CIS 3.6 for 22, 3.7 for 3389).
func openPort(port int64, service string) func(firewall) engine.Outcome {
	return func(fw firewall) engine.Outcome {
		d := fw.Direction
		if d.Unknown {
			return judge.Unknown(d.Path)
		}
		if !strings.EqualFold(strings.TrimSpace(d.V), "INGRESS") {
			return engine.Pass()
		}
		if fw.Disabled.Unknown {
			return judge.Unknown(fw.Disabled.Path)
		}
		if fw.Disabled.V {
			return engine.Pass()
		}
		if fw.AllowUnknown {
			return engine.Undecided(fw.AllowPath, "the allow blocks are unknown until apply")
		}
		if len(fw.Allow) == 0 {
			return engine.Pass() // a deny rule
		}
		open, openAt := subject.False, ""
		for _, r := range fw.Allow {
			t, at, err := r.reaches(port)
			if err != nil {
				return engine.Errored(at, "%v", err)
			}
			if t == subject.True {
				open, openAt = t, at
				break
			}
			if t == subject.Unknown && open == subject.False {
				open, openAt = t, at
			}
		}
		if open == subject.False {
			return engine.Pass()
		}
		w, wAt, src, err := fw.world()
		if err != nil {
			return engine.Errored(wAt, "%v", err)
		}
		switch {
		case w == subject.False:
			return engine.Pass()
		case w == subject.True && open == subject.True:
			if len(fw.Sources.Items) == 0 {
				return engine.Fail(fw.Sources.Path, "the ingress rule allows %s (port %d) and sets no source_ranges, source_tags or source_service_accounts, so it applies to 0.0.0.0/0%s", service, port, fw.scope())
			}
			return engine.Fail(wAt, "the ingress rule allows %s (port %d) from the whole internet: source_ranges %s%s", service, port, src, fw.scope())
		case w == subject.Unknown:
			return engine.Undecided(wAt, "the rule's sources are unknown until apply")
		}
		return engine.Undecided(openAt, "whether the rule allows port %d is unknown until apply", port)
	}
}

// everything reports whether rule allows every protocol ("all") or every
// port of TCP or UDP (no ports listed).
func (r rule) everything() (subject.Tri, string) {
	p := r.Protocol
	if p.Unknown {
		return subject.Unknown, p.Path
	}
	switch strings.ToLower(strings.TrimSpace(p.V)) {
	case "all":
		return subject.True, p.Path
	case "tcp", "6", "udp", "17":
		if r.Ports.Unknown {
			return subject.Unknown, r.Ports.Path
		}
		return subject.TriOf(len(r.Ports.Items) == 0), p.Path
	}
	return subject.False, ""
}

// checkNoPublicAllTraffic fails an enabled ingress allow rule that lets the
// internet reach every protocol, or every TCP or UDP port, of its targets
// (CIS 3.6 and 3.7 at their widest; NIST SC-7).
func checkNoPublicAllTraffic(fw firewall) engine.Outcome {
	d := fw.Direction
	switch {
	case d.Unknown:
		return judge.Unknown(d.Path)
	case !strings.EqualFold(strings.TrimSpace(d.V), "INGRESS"):
		return engine.Pass()
	case fw.Disabled.Unknown:
		return judge.Unknown(fw.Disabled.Path)
	case fw.Disabled.V:
		return engine.Pass()
	case fw.AllowUnknown:
		return engine.Undecided(fw.AllowPath, "the allow blocks are unknown until apply")
	}
	open, openAt := subject.False, ""
	for _, r := range fw.Allow {
		t, at := r.everything()
		if t == subject.True {
			open, openAt = t, at
			break
		}
		if t == subject.Unknown && open == subject.False {
			open, openAt = t, at
		}
	}
	if open == subject.False {
		return engine.Pass() // a deny rule, or only listed ports
	}
	w, wAt, src, err := fw.world()
	switch {
	case err != nil:
		return engine.Errored(wAt, "%v", err)
	case w == subject.False:
		return engine.Pass()
	case w == subject.Unknown:
		return engine.Undecided(wAt, "the rule's sources are unknown until apply")
	case open == subject.Unknown:
		return engine.Undecided(openAt, "the rule's protocol or ports are unknown until apply")
	}
	if len(fw.Sources.Items) == 0 {
		return engine.Fail(fw.Sources.Path, "the ingress rule allows every port and sets no source_ranges, source_tags or source_service_accounts, so it applies to 0.0.0.0/0%s", fw.scope())
	}
	return engine.Fail(openAt, "the ingress rule allows every port (%s) from the whole internet: source_ranges %s%s", judge.Name(openAt), src, fw.scope())
}
