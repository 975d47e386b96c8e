package compute

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// projectOSLogin is the enable-oslogin project metadata entry, from
// google_compute_project_metadata (a map) or google_compute_project_metadata_item
// (key, value). Applies is false for an item of another key.
type projectOSLogin struct {
	Applies subject.Tri
	Value   subject.Field[string]
}

// decodeProjectMetadata reads google_compute_project_metadata.
func decodeProjectMetadata(n subject.Node) projectOSLogin {
	return projectOSLogin{Applies: subject.True, Value: judge.MapEntry(n.Get("metadata"), "enable-oslogin")}
}

// decodeProjectMetadataItem reads google_compute_project_metadata_item.
func decodeProjectMetadataItem(n subject.Node) projectOSLogin {
	k := n.Get("key").String("")
	p := projectOSLogin{Value: n.Get("value").String("")}
	switch {
	case k.Unknown:
		p.Applies, p.Value = subject.Unknown, k
	default:
		p.Applies = subject.TriOf(strings.EqualFold(strings.TrimSpace(k.V), "enable-oslogin"))
	}
	return p
}

// checkProjectOSLogin is CIS 4.4: project metadata enable-oslogin = TRUE.
func checkProjectOSLogin(p projectOSLogin) engine.Outcome {
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

// disk is the encryption of a google_compute_disk.
type disk struct {
	Path             string
	Raw, RSA, KMSKey subject.Field[string]
}

// decodeDisk reads google_compute_disk.disk_encryption_key: raw_key or
// rsa_encrypted_key (customer-supplied, CSEK) or kms_key_self_link
// (customer-managed, CMEK). Absent means Google-managed keys.
func decodeDisk(n subject.Node) disk {
	k := n.Get("disk_encryption_key")
	b := k.Block()
	return disk{Path: k.Path(), Raw: b.Get("raw_key").String(""), RSA: b.Get("rsa_encrypted_key").String(""), KMSKey: b.Get("kms_key_self_link").String("")}
}

// checkDiskCustomerKey is CIS 4.7 (CSEK), accepting CMEK as a customer-held
// key too.
func checkDiskCustomerKey(d disk) engine.Outcome {
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
	engine.Add(r, "google_compute_firewall", decodeFirewall,
		engine.Check[firewall]{Control: "google-compute-firewall-no-public-ssh", Eval: openPort(22, "SSH")},
		engine.Check[firewall]{Control: "google-compute-firewall-no-public-rdp", Eval: openPort(3389, "RDP")},
		engine.Check[firewall]{Control: "google-compute-firewall-no-public-all-ports", Eval: checkNoPublicAllTraffic})
	engine.Add(r, "google_compute_ssl_policy", decodeSSLPolicy, engine.Check[sslPolicy]{Control: "google-compute-ssl-policy-strong", Eval: checkSSLPolicy})
	engine.Add(r, "google_compute_backend_service", decodeBackendService, engine.Check[backendService]{Control: "google-compute-backend-service-logging", Eval: checkBackendLogging})
	engine.Add(r, "google_compute_network", decodeNetwork, engine.Check[network]{Control: "google-compute-no-default-network", Eval: checkNoDefaultNetwork})
	engine.Add(r, "google_compute_subnetwork", decodeSubnet,
		engine.Check[subnet]{Control: "google-compute-subnet-flow-logs", Eval: checkFlowLogs},
		engine.Check[subnet]{Control: "google-compute-subnet-flow-logs-complete", Eval: checkFlowLogSettings})
	instance := []engine.Check[Instance]{
		{Control: "google-compute-instance-no-default-sa", Eval: checkNoDefaultSA},
		{Control: "google-compute-instance-no-default-sa-full-access", Eval: checkNoDefaultSAFullAccess},
		{Control: "google-compute-instance-block-project-ssh-keys", Eval: checkBlockProjectSSHKeys},
		{Control: "google-compute-oslogin", Eval: checkInstanceOSLogin},
		{Control: "google-compute-instance-serial-port-disabled", Eval: checkSerialPort},
		{Control: "google-compute-instance-no-ip-forwarding", Eval: checkIPForwarding},
		{Control: "google-compute-instance-shielded-vm", Eval: checkShieldedVM},
		{Control: "google-compute-instance-no-public-ip", Eval: checkNoPublicIP},
		{Control: "google-compute-instance-confidential-computing", Eval: checkConfidential},
	}
	// Instance templates carry the same settings for every VM a managed
	// instance group creates from them.
	for _, rt := range []string{"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"} {
		engine.Add(r, rt, decodeInstance, instance...)
	}
	oslogin := engine.Check[projectOSLogin]{Control: "google-compute-oslogin", Eval: checkProjectOSLogin}
	engine.Add(r, "google_compute_project_metadata", decodeProjectMetadata, oslogin)
	engine.Add(r, "google_compute_project_metadata_item", decodeProjectMetadataItem, oslogin)
	engine.Add(r, "google_compute_disk", decodeDisk, engine.Check[disk]{Control: "google-compute-disk-customer-key", Eval: checkDiskCustomerKey})
}
