package compute

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strconv"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// network is a google_compute_network as judged.
type network struct {
	Name subject.Field[string]
	Auto subject.Field[bool]
}

// decodeNetwork reads google_compute_network: auto_create_subnetworks
// defaults to true (an auto mode network, as the default network is).
func decodeNetwork(n subject.Node) network {
	return network{Name: n.Get("name").String(""), Auto: n.Get("auto_create_subnetworks").Bool(true)}
}

// checkNoDefaultNetwork is CIS 3.1: no network named "default" and no auto
// mode network, which recreates the default network's subnets (with the
// default network's permissive firewall rules usually following).
func checkNoDefaultNetwork(nw network) engine.Outcome {
	if nw.Name.Unknown {
		return judge.Unknown(nw.Name.Path)
	}
	if strings.EqualFold(strings.TrimSpace(nw.Name.V), "default") {
		return engine.Fail(nw.Name.Path, "the network is named \"default\": use a custom mode network with a name of its own")
	}
	f := nw.Auto
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case !f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "auto_create_subnetworks is not set and defaults to true: an auto mode network like the default network, with a subnet in every region")
	}
	return engine.Fail(f.Path, "auto_create_subnetworks is true: an auto mode network like the default network, with a subnet in every region")
}

// subnet is a google_compute_subnetwork as judged.
type subnet struct {
	Purpose     subject.Field[string]
	LogPath     string
	HasLog      subject.Tri
	FlowLogs    subject.Field[bool]
	Aggregation subject.Field[string]
	Sampling    subject.Field[string]
	Metadata    subject.Field[string]
	Filter      subject.Field[string]
}

// decodeSubnet reads google_compute_subnetwork. purpose defaults to PRIVATE;
// a log_config block turns flow logs on with aggregation_interval
// INTERVAL_5_SEC, flow_sampling 0.5, metadata INCLUDE_ALL_METADATA and
// filter_expr "true" unless set.
func decodeSubnet(n subject.Node) subnet {
	lc := n.Get("log_config")
	s := subnet{Purpose: n.Get("purpose").String("PRIVATE"), FlowLogs: n.Get("enable_flow_logs").Bool(false), LogPath: lc.Path()}
	b := lc.Block()
	switch {
	case b.IsUnknown():
		s.HasLog = subject.Unknown
	case b.IsNull():
		s.HasLog = subject.False
	default:
		s.HasLog = subject.True
	}
	s.Aggregation = b.Get("aggregation_interval").String("INTERVAL_5_SEC")
	s.Sampling = b.Get("flow_sampling").String("0.5")
	s.Metadata = b.Get("metadata").String("INCLUDE_ALL_METADATA")
	s.Filter = b.Get("filter_expr").String("true")
	return s
}

// noFlowLogs are the subnet purposes that carry no VM traffic and cannot
// have flow logs (proxy-only, Private Service Connect, Private NAT).
var noFlowLogs = []string{"REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT", "PRIVATE_NAT"}

func (s subnet) applies() (subject.Tri, engine.Outcome) {
	if s.Purpose.Unknown {
		return subject.Unknown, judge.Unknown(s.Purpose.Path)
	}
	for _, p := range noFlowLogs {
		if strings.EqualFold(strings.TrimSpace(s.Purpose.V), p) {
			return subject.False, engine.Pass()
		}
	}
	return subject.True, engine.Outcome{}
}

// checkFlowLogs is CIS 3.8: flow logs are on (a log_config block).
func checkFlowLogs(s subnet) engine.Outcome {
	if t, o := s.applies(); t != subject.True {
		return o
	}
	switch s.HasLog {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(s.LogPath, "log_config is unknown until apply")
	}
	if !s.FlowLogs.Unknown && s.FlowLogs.V {
		return engine.Pass()
	}
	return engine.Fail(s.LogPath, "the subnet has no log_config block: VPC flow logs are off")
}

// checkFlowLogSettings is the rest of CIS 3.8: flow logs, where on, record
// every flow with all metadata at 5-second aggregation and no filter.
// Subnets without flow logs pass here (the flow log control fails them).
func checkFlowLogSettings(s subnet) engine.Outcome {
	if t, o := s.applies(); t != subject.True {
		return o
	}
	switch s.HasLog {
	case subject.Unknown:
		return engine.Undecided(s.LogPath, "log_config is unknown until apply")
	case subject.False:
		return engine.Pass()
	}
	if f := s.Aggregation; f.Unknown {
		return judge.Unknown(f.Path)
	} else if !strings.EqualFold(f.V, "INTERVAL_5_SEC") {
		return engine.Fail(f.Path, "aggregation_interval is %q: CIS asks INTERVAL_5_SEC", f.V)
	}
	if f := s.Sampling; f.Unknown {
		return judge.Unknown(f.Path)
	} else if v, err := strconv.ParseFloat(strings.TrimSpace(f.V), 64); err != nil || v < 1 {
		if f.Null {
			return engine.Fail(f.Path, "flow_sampling is not set and defaults to 0.5: half of the flows are not recorded")
		}
		return engine.Fail(f.Path, "flow_sampling is %s: CIS asks 1 (every flow)", f.V)
	}
	if f := s.Metadata; f.Unknown {
		return judge.Unknown(f.Path)
	} else if !strings.EqualFold(f.V, "INCLUDE_ALL_METADATA") {
		return engine.Fail(f.Path, "metadata is %q: CIS asks INCLUDE_ALL_METADATA", f.V)
	}
	if f := s.Filter; f.Unknown {
		return judge.Unknown(f.Path)
	} else if t := strings.TrimSpace(f.V); t != "" && !strings.EqualFold(t, "true") {
		return engine.Fail(f.Path, "filter_expr %q drops flows from the log: CIS asks for no filter", f.V)
	}
	return engine.Pass()
}
