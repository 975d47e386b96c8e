package compute

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// ProjectOSLogin is the enable-oslogin project metadata entry, from
// google_compute_project_metadata (a map) or google_compute_project_metadata_item
// (key, value). Applies is false for an item of another key.
type ProjectOSLogin struct {
	Applies subject.Tri
	Value   subject.Field[string]
}

// DecodeProjectMetadata reads google_compute_project_metadata.
func DecodeProjectMetadata(n subject.Node) ProjectOSLogin {
	return ProjectOSLogin{Applies: subject.True, Value: judge.MapEntry(n.Get("metadata"), "enable-oslogin")}
}

// DecodeProjectMetadataItem reads google_compute_project_metadata_item.
func DecodeProjectMetadataItem(n subject.Node) ProjectOSLogin {
	k := n.Get("key").String("")
	p := ProjectOSLogin{Value: n.Get("value").String("")}
	switch {
	case k.Unknown:
		p.Applies, p.Value = subject.Unknown, k
	default:
		p.Applies = subject.TriOf(strings.EqualFold(strings.TrimSpace(k.V), "enable-oslogin"))
	}
	return p
}

// CheckProjectOSLogin is CIS 4.4: project metadata enable-oslogin = TRUE.
func CheckProjectOSLogin(p ProjectOSLogin) engine.Outcome {
	switch p.Applies {
	case subject.False:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(p.Value.Path, "the metadata key is unknown until apply")
	}
	f := p.Value
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "enable-oslogin is unknown until apply")
	case f.Null:
		return engine.Fail(f.Path, "project metadata enable-oslogin is not set: OS Login is off and SSH keys in metadata grant access")
	case judge.Truthy(f.V):
		return engine.Pass()
	}
	return engine.Fail(f.Path, "project metadata enable-oslogin is %q: OS Login is off", f.V)
}

// Disk is the encryption of a google_compute_disk.
type Disk struct {
	Path             string
	Raw, RSA, KMSKey subject.Field[string]
}

// DecodeDisk reads google_compute_disk.disk_encryption_key: raw_key or
// rsa_encrypted_key (customer-supplied, CSEK) or kms_key_self_link
// (customer-managed, CMEK). Absent means Google-managed keys.
func DecodeDisk(n subject.Node) Disk {
	k := n.Get("disk_encryption_key")
	b := k.Block()
	return Disk{Path: k.Path(), Raw: b.Get("raw_key").String(""), RSA: b.Get("rsa_encrypted_key").String(""), KMSKey: b.Get("kms_key_self_link").String("")}
}

// CheckDiskCustomerKey is CIS 4.7 (CSEK), accepting CMEK as a customer-held
// key too.
func CheckDiskCustomerKey(d Disk) engine.Outcome {
	unknownAt := ""
	for _, f := range []subject.Field[string]{d.Raw, d.RSA, d.KMSKey} {
		switch {
		case f.Unknown:
			if unknownAt == "" {
				unknownAt = f.Path
			}
		case !f.Null && strings.TrimSpace(f.V) != "":
			return engine.Pass()
		}
	}
	if unknownAt != "" {
		return engine.Undecided(unknownAt, "the disk's key is unknown until apply")
	}
	return engine.Fail(d.Path, "disk_encryption_key is not set: the disk is encrypted with Google-managed keys only")
}

// Register adds the Compute Engine checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_compute_firewall", DecodeFirewall,
		engine.Check[Firewall]{Control: "google-compute-firewall-no-public-ssh", Eval: OpenPort(22, "SSH")},
		engine.Check[Firewall]{Control: "google-compute-firewall-no-public-rdp", Eval: OpenPort(3389, "RDP")},
		engine.Check[Firewall]{Control: "google-compute-firewall-no-public-all-ports", Eval: CheckNoPublicAllTraffic})
	engine.Add(r, "google_compute_ssl_policy", DecodeSSLPolicy, engine.Check[SSLPolicy]{Control: "google-compute-ssl-policy-strong", Eval: CheckSSLPolicy})
	engine.Add(r, "google_compute_backend_service", DecodeBackendService, engine.Check[BackendService]{Control: "google-compute-backend-service-logging", Eval: CheckBackendLogging})
	engine.Add(r, "google_compute_network", DecodeNetwork, engine.Check[Network]{Control: "google-compute-no-default-network", Eval: CheckNoDefaultNetwork})
	engine.Add(r, "google_compute_subnetwork", DecodeSubnet,
		engine.Check[Subnet]{Control: "google-compute-subnet-flow-logs", Eval: CheckFlowLogs},
		engine.Check[Subnet]{Control: "google-compute-subnet-flow-logs-complete", Eval: CheckFlowLogSettings})
	instance := []engine.Check[Instance]{
		{Control: "google-compute-instance-no-default-sa", Eval: CheckNoDefaultSA},
		{Control: "google-compute-instance-no-default-sa-full-access", Eval: CheckNoDefaultSAFullAccess},
		{Control: "google-compute-instance-block-project-ssh-keys", Eval: CheckBlockProjectSSHKeys},
		{Control: "google-compute-oslogin", Eval: CheckInstanceOSLogin},
		{Control: "google-compute-instance-serial-port-disabled", Eval: CheckSerialPort},
		{Control: "google-compute-instance-no-ip-forwarding", Eval: CheckIPForwarding},
		{Control: "google-compute-instance-shielded-vm", Eval: CheckShieldedVM},
		{Control: "google-compute-instance-no-public-ip", Eval: CheckNoPublicIP},
		{Control: "google-compute-instance-confidential-computing", Eval: CheckConfidential},
	}
	// Instance templates carry the same settings for every VM a managed
	// instance group creates from them.
	for _, rt := range []string{"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"} {
		engine.Add(r, rt, DecodeInstance, instance...)
	}
	oslogin := engine.Check[ProjectOSLogin]{Control: "google-compute-oslogin", Eval: CheckProjectOSLogin}
	engine.Add(r, "google_compute_project_metadata", DecodeProjectMetadata, oslogin)
	engine.Add(r, "google_compute_project_metadata_item", DecodeProjectMetadataItem, oslogin)
	engine.Add(r, "google_compute_disk", DecodeDisk, engine.Check[Disk]{Control: "google-compute-disk-customer-key", Eval: CheckDiskCustomerKey})
}
