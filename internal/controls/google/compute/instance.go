package compute

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Instance is a google_compute_instance as judged.
type Instance struct {
	SAPath       string
	HasSA        subject.Tri
	SAEmail      subject.Field[string]
	Scopes       subject.StringSeq
	BlockSSHKeys subject.Field[string]
	SerialPort   subject.Field[string]
	OSLogin      subject.Field[string]
	IPForward    subject.Field[bool]
	Shielded     struct{ VTPM, Integrity subject.Field[bool] }
	NICPath      string
	NICs         []NIC
	NICsUnknown  bool
	// Confidential is confidential_instance_config.enable_confidential_compute
	// (false when the block is absent); ConfidentialType its
	// confidential_instance_type.
	Confidential     subject.Field[bool]
	ConfidentialType subject.Field[string]
}

// NIC is one network_interface: its external IPv4 (access_config) and IPv6
// (ipv6_access_config) blocks.
type NIC struct {
	Access, IPv6Access subject.Seq
}

// decodeInstance reads google_compute_instance. Defaults: no
// service_account block means no service account; a block without email
// means the Compute Engine default service account; metadata entries unset;
// can_ip_forward false; shielded_instance_config enable_vtpm and
// enable_integrity_monitoring true.
func decodeInstance(n subject.Node) Instance {
	in := Instance{IPForward: n.Get("can_ip_forward").Bool(false)}
	sa := n.Get("service_account")
	in.SAPath = sa.Path()
	b := sa.Block()
	switch {
	case b.IsUnknown():
		in.HasSA = subject.Unknown
	case b.IsNull():
		in.HasSA = subject.False
	default:
		in.HasSA = subject.True
	}
	in.SAEmail = b.Get("email").String("")
	in.Scopes = b.Get("scopes").Strings()
	md := n.Get("metadata")
	in.BlockSSHKeys = judge.MapEntry(md, "block-project-ssh-keys")
	in.SerialPort = judge.MapEntry(md, "serial-port-enable")
	in.OSLogin = judge.MapEntry(md, "enable-oslogin")
	sh := n.Get("shielded_instance_config").Block()
	in.Shielded.VTPM = sh.Get("enable_vtpm").Bool(true)
	in.Shielded.Integrity = sh.Get("enable_integrity_monitoring").Bool(true)
	cc := n.Get("confidential_instance_config").Block()
	in.Confidential = cc.Get("enable_confidential_compute").Bool(false)
	in.ConfidentialType = cc.Get("confidential_instance_type").String("")
	nics := n.Get("network_interface").Items()
	in.NICPath, in.NICsUnknown = nics.Path, nics.Unknown
	for _, it := range nics.Items {
		in.NICs = append(in.NICs, NIC{Access: it.Get("access_config").Items(), IPv6Access: it.Get("ipv6_access_config").Items()})
	}
	return in
}

// defaultSA reports whether the instance runs as the Compute Engine default
// service account (PROJECT_NUMBER-compute@developer.gserviceaccount.com, or
// a service_account block without email).
func (in Instance) defaultSA() (subject.Tri, string) {
	switch in.HasSA {
	case subject.False:
		return subject.False, ""
	case subject.Unknown:
		return subject.Unknown, in.SAPath
	}
	e := in.SAEmail
	switch {
	case e.Unknown:
		return subject.Unknown, e.Path
	case e.Null || strings.TrimSpace(e.V) == "":
		return subject.True, e.Path
	}
	return subject.TriOf(strings.HasSuffix(strings.ToLower(strings.TrimSpace(e.V)), "-compute@developer.gserviceaccount.com")), e.Path
}

// checkNoDefaultSA is CIS 4.1.
func checkNoDefaultSA(in Instance) engine.Outcome {
	t, at := in.defaultSA()
	switch t {
	case subject.True:
		if in.SAEmail.Null || in.SAEmail.V == "" {
			return engine.Fail(at, "service_account sets no email, so the instance runs as the Compute Engine default service account (Editor on the project)")
		}
		return engine.Fail(at, "the instance runs as the Compute Engine default service account (Editor on the project)")
	case subject.Unknown:
		return engine.Undecided(at, "the instance's service account is unknown until apply")
	}
	return engine.Pass()
}

func fullScope(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "cloud-platform" || s == "https://www.googleapis.com/auth/cloud-platform"
}

// checkNoDefaultSAFullAccess is CIS 4.2: the default service account with
// the cloud-platform scope ("Allow full access to all Cloud APIs").
func checkNoDefaultSAFullAccess(in Instance) engine.Outcome {
	t, at := in.defaultSA()
	if t == subject.False {
		return engine.Pass()
	}
	full := in.Scopes.Any(fullScope)
	switch {
	case full == subject.False:
		return engine.Pass()
	case t == subject.True && full == subject.True:
		return engine.Fail(in.Scopes.First(fullScope), "the Compute Engine default service account has the cloud-platform scope: full access to all Cloud APIs")
	case t == subject.Unknown:
		return engine.Undecided(at, "the instance's service account is unknown until apply")
	}
	return engine.Undecided(in.Scopes.First(fullScope), "the scopes are unknown until apply")
}

// checkBlockProjectSSHKeys is CIS 4.3.
func checkBlockProjectSSHKeys(in Instance) engine.Outcome {
	f := in.BlockSSHKeys
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "metadata block-project-ssh-keys is unknown until apply")
	case f.Null:
		return engine.Fail(f.Path, "metadata block-project-ssh-keys is not set: project-wide SSH keys can log in to the instance")
	case judge.Truthy(f.V):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "metadata block-project-ssh-keys is %q: project-wide SSH keys can log in to the instance", f.V)
}

// checkSerialPort is CIS 4.5: serial-port-enable is off by default.
func checkSerialPort(in Instance) engine.Outcome {
	f := in.SerialPort
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "metadata serial-port-enable is unknown until apply")
	case f.Null || !judge.Truthy(f.V):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "metadata serial-port-enable is %q: the interactive serial console accepts connections", f.V)
}

// checkInstanceOSLogin is CIS 4.4 on the instance: instance metadata must
// not turn OS Login off where the project turns it on.
func checkInstanceOSLogin(in Instance) engine.Outcome {
	f := in.OSLogin
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "metadata enable-oslogin is unknown until apply")
	case f.Null || judge.Truthy(f.V):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "metadata enable-oslogin is %q: the instance opts out of OS Login", f.V)
}

// checkIPForwarding is CIS 4.6.
func checkIPForwarding(in Instance) engine.Outcome {
	f := in.IPForward
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "can_ip_forward is true: the instance can send and receive packets for other addresses")
	}
	return engine.Pass()
}

// checkShieldedVM is CIS 4.8: vTPM and integrity monitoring on.
func checkShieldedVM(in Instance) engine.Outcome {
	for _, f := range []subject.Field[bool]{in.Shielded.VTPM, in.Shielded.Integrity} {
		switch {
		case f.Unknown:
			return judge.Unknown(f.Path)
		case !f.V:
			return engine.Fail(f.Path, "%s is false: the instance is not a fully Shielded VM", judge.Name(f.Path))
		}
	}
	return engine.Pass()
}

// checkNoPublicIP is CIS 4.9: no access_config (external IPv4) and no
// ipv6_access_config (external IPv6) on any network interface.
func checkNoPublicIP(in Instance) engine.Outcome {
	if in.NICsUnknown {
		return engine.Undecided(in.NICPath, "network_interface is unknown until apply")
	}
	var unknownAt string
	for _, nic := range in.NICs {
		for _, s := range []subject.Seq{nic.Access, nic.IPv6Access} {
			switch {
			case s.Unknown:
				if unknownAt == "" {
					unknownAt = s.Path
				}
			case len(s.Items) > 0:
				return engine.Fail(s.Path, "the network interface has an %s block: the instance gets an external IP address", judge.Name(s.Path))
			}
		}
	}
	if unknownAt != "" {
		return engine.Undecided(unknownAt, "the external IP configuration is unknown until apply")
	}
	return engine.Pass()
}
