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

// Rule is one allow block of a firewall rule: protocol and ports.
type Rule struct {
	Protocol subject.Field[string]
	Ports    subject.StringSeq
}

// Firewall is a google_compute_firewall as judged.
type Firewall struct {
	Direction    subject.Field[string]
	Disabled     subject.Field[bool]
	Sources      subject.StringSeq
	SourceTags   subject.StringSeq
	SourceSAs    subject.StringSeq
	Allow        []Rule
	AllowPath    string
	AllowUnknown bool
}

// DecodeFirewall reads google_compute_firewall: direction defaults to
// INGRESS, disabled to false; an ingress rule without source_ranges,
// source_tags or source_service_accounts applies to 0.0.0.0/0. Deny blocks
// never expose anything and are not read.
func DecodeFirewall(n subject.Node) Firewall {
	fw := Firewall{
		Direction:  n.Get("direction").String("INGRESS"),
		Disabled:   n.Get("disabled").Bool(false),
		Sources:    n.Get("source_ranges").Strings(),
		SourceTags: n.Get("source_tags").Strings(),
		SourceSAs:  n.Get("source_service_accounts").Strings(),
	}
	allow := n.Get("allow").Items()
	fw.AllowPath, fw.AllowUnknown = allow.Path, allow.Unknown
	for _, it := range allow.Items {
		fw.Allow = append(fw.Allow, Rule{Protocol: it.Get("protocol").String(""), Ports: it.Get("ports").Strings()})
	}
	return fw
}

// reaches reports whether rule lets TCP traffic to port through.
func (r Rule) reaches(port int64) (subject.Tri, string, error) {
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

// world reports whether the rule's sources include the whole internet.
func (fw Firewall) world() (subject.Tri, string, error) {
	s := fw.Sources
	if s.Unknown {
		return subject.Unknown, s.Path, nil
	}
	if len(s.Items) == 0 {
		// No ranges: with source tags or service accounts the rule matches
		// only those instances; with neither, GCP applies 0.0.0.0/0.
		switch {
		case fw.SourceTags.Unknown || fw.SourceSAs.Unknown:
			return subject.Unknown, fw.SourceTags.Path, nil
		case len(fw.SourceTags.Items) > 0 || len(fw.SourceSAs.Items) > 0:
			return subject.False, "", nil
		}
		return subject.True, s.Path, nil
	}
	res, at := subject.False, ""
	for _, it := range s.Items {
		if it.Unknown {
			res, at = subject.Unknown, it.Path
			continue
		}
		w, _, ok := netrange.WorldCIDR(it.V)
		if !ok {
			return subject.False, it.Path, fmt.Errorf("source range %q is not a CIDR range", it.V)
		}
		if w {
			return subject.True, it.Path, nil
		}
	}
	return res, at, nil
}

// OpenPort returns the check that fails an enabled ingress allow rule from
// 0.0.0.0/0 or ::/0 reaching TCP port (CIS 3.6 for 22, 3.7 for 3389).
func OpenPort(port int64, service string) func(Firewall) engine.Outcome {
	return func(fw Firewall) engine.Outcome {
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
		w, wAt, err := fw.world()
		if err != nil {
			return engine.Errored(wAt, "%v", err)
		}
		switch {
		case w == subject.False:
			return engine.Pass()
		case w == subject.True && open == subject.True:
			if len(fw.Sources.Items) == 0 {
				return engine.Fail(fw.Sources.Path, "the ingress rule allows %s (port %d) and sets no source_ranges, source_tags or source_service_accounts, so it applies to 0.0.0.0/0", service, port)
			}
			return engine.Fail(wAt, "the ingress rule allows %s (port %d) from the whole internet", service, port)
		case w == subject.Unknown:
			return engine.Undecided(wAt, "the rule's sources are unknown until apply")
		}
		return engine.Undecided(openAt, "whether the rule allows port %d is unknown until apply", port)
	}
}
