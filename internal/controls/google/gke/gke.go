// Package gke judges Google Kubernetes Engine clusters and node pools
// (google_container_cluster, google_container_node_pool): a private control
// plane and nodes, who may reach the control plane, Workload Identity,
// Shielded GKE nodes, network policy, legacy authentication, release channel,
// Binary Authorization, logging, monitoring and the node image.
package gke

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Nodes is a node_config (of a cluster's default pool or of a node pool) and
// the pool's management settings.
type Nodes struct {
	// Skip is set when the cluster has no default pool to judge: Autopilot
	// (Google manages the nodes) or remove_default_node_pool.
	Skip        subject.Tri
	SkipPath    string
	SecureBoot  subject.Field[bool]
	Integrity   subject.Field[bool]
	ImageType   subject.Field[string]
	SA          subject.Field[string]
	AutoRepair  subject.Field[bool]
	AutoUpgrade subject.Field[bool]
}

func decodeNodes(nc subject.Node) Nodes {
	sh := nc.Get("shielded_instance_config").Block()
	return Nodes{
		Skip:       subject.False,
		SecureBoot: sh.Get("enable_secure_boot").Bool(false),
		Integrity:  sh.Get("enable_integrity_monitoring").Bool(true),
		ImageType:  nc.Get("image_type").String("COS_CONTAINERD"),
		SA:         nc.Get("service_account").String("default"),
	}
}

// decodeNodePool reads google_container_node_pool. Defaults: secure boot
// off, integrity monitoring on, image COS_CONTAINERD, the Compute Engine
// default service account, auto-repair and auto-upgrade on.
func decodeNodePool(n subject.Node) Nodes {
	nodes := decodeNodes(n.Get("node_config").Block())
	m := n.Get("management").Block()
	nodes.AutoRepair = m.Get("auto_repair").Bool(true)
	nodes.AutoUpgrade = m.Get("auto_upgrade").Bool(true)
	return nodes
}

// cluster is a google_container_cluster as judged.
type cluster struct {
	Autopilot       subject.Field[bool]
	PrivateNodes    subject.Field[bool]
	PrivateEndpoint subject.Field[bool]
	MAN             subject.Node
	MANCidrs        subject.StringSeq
	WorkloadPool    subject.Field[string]
	ShieldedNodes   subject.Field[bool]
	NetPolicy       subject.Field[bool]
	Datapath        subject.Field[string]
	LegacyABAC      subject.Field[bool]
	ClientCert      subject.Field[bool]
	Channel         subject.Field[string]
	BinAuthzMode    subject.Field[string]
	BinAuthzEnabled subject.Field[bool]
	Logging         subject.Field[string]
	Monitoring      subject.Field[string]
	SecretsState    subject.Field[string]
	Nodes           Nodes
}

// decodeCluster reads google_container_cluster. Defaults (hashicorp/google
// 6.x and the GKE API for a cluster created today): public nodes and
// endpoint, no master authorized networks, no Workload Identity, Shielded
// GKE nodes on, network policy off, legacy ABAC off, no client certificate,
// the REGULAR release channel, Binary Authorization DISABLED, Cloud Logging
// and Cloud Monitoring on, application-layer secrets encryption DECRYPTED.
func decodeCluster(n subject.Node) cluster {
	pc := n.Get("private_cluster_config").Block()
	man := n.Get("master_authorized_networks_config").Block()
	c := cluster{
		Autopilot:       n.Get("enable_autopilot").Bool(false),
		PrivateNodes:    pc.Get("enable_private_nodes").Bool(false),
		PrivateEndpoint: pc.Get("enable_private_endpoint").Bool(false),
		MAN:             man,
		WorkloadPool:    n.Get("workload_identity_config").Block().Get("workload_pool").String(""),
		ShieldedNodes:   n.Get("enable_shielded_nodes").Bool(true),
		NetPolicy:       n.Get("network_policy").Block().Get("enabled").Bool(false),
		Datapath:        n.Get("datapath_provider").String("LEGACY_DATAPATH"),
		LegacyABAC:      n.Get("enable_legacy_abac").Bool(false),
		ClientCert:      n.Get("master_auth").Block().Get("client_certificate_config").Block().Get("issue_client_certificate").Bool(false),
		Channel:         n.Get("release_channel").Block().Get("channel").String("REGULAR"),
		BinAuthzMode:    n.Get("binary_authorization").Block().Get("evaluation_mode").String("DISABLED"),
		BinAuthzEnabled: n.Get("binary_authorization").Block().Get("enabled").Bool(false),
		Logging:         n.Get("logging_service").String("logging.googleapis.com/kubernetes"),
		Monitoring:      n.Get("monitoring_service").String("monitoring.googleapis.com/kubernetes"),
		SecretsState:    n.Get("database_encryption").Block().Get("state").String("DECRYPTED"),
	}
	if !man.IsNull() && !man.IsUnknown() {
		blocks := man.Get("cidr_blocks").Items()
		c.MANCidrs = subject.StringSeq{Path: blocks.Path, Unknown: blocks.Unknown}
		for _, b := range blocks.Items {
			c.MANCidrs.Items = append(c.MANCidrs.Items, b.Get("cidr_block").String(""))
		}
	}
	c.Nodes = decodeNodes(n.Get("node_config").Block())
	remove := n.Get("remove_default_node_pool").Bool(false)
	switch {
	case c.Autopilot.Unknown:
		c.Nodes.Skip, c.Nodes.SkipPath = subject.Unknown, c.Autopilot.Path
	case c.Autopilot.V:
		c.Nodes.Skip = subject.True
	case remove.Unknown:
		c.Nodes.Skip, c.Nodes.SkipPath = subject.Unknown, remove.Path
	case remove.V:
		c.Nodes.Skip = subject.True
	}
	return c
}

// nodeCheck judges a node setting unless the cluster has no default pool.
func nodeCheck(eval func(Nodes) engine.Outcome) func(Nodes) engine.Outcome {
	return func(n Nodes) engine.Outcome {
		switch n.Skip {
		case subject.True:
			return engine.Pass()
		case subject.Unknown:
			if o := eval(n); o.Status == engine.StatusPass {
				return o
			}
			return engine.Undecided(n.SkipPath, "%s is unknown until apply, so whether the cluster keeps its default node pool is not known", judge.Name(n.SkipPath))
		}
		return eval(n)
	}
}

// checkSecureBoot: Shielded GKE nodes boot only signed software.
func checkSecureBoot(n Nodes) engine.Outcome {
	return judge.True(n.SecureBoot, "nodes boot without verifying the signatures of their boot components")
}

// checkIntegrity: Shielded GKE nodes' integrity monitoring stays on.
func checkIntegrity(n Nodes) engine.Outcome {
	return judge.True(n.Integrity, "changes to the nodes' boot sequence go unnoticed")
}

// checkImage: Container-Optimized OS with containerd.
func checkImage(n Nodes) engine.Outcome {
	return judge.OneOf(n.ImageType, "the nodes do not run Container-Optimized OS with containerd, the hardened image GKE maintains", "COS_CONTAINERD")
}

// checkNodeSA: nodes do not run as the Compute Engine default service
// account (Editor on the project).
func checkNodeSA(n Nodes) engine.Outcome {
	f := n.SA
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null:
		return engine.Fail(f.Path, "service_account is not set, so the nodes run as the Compute Engine default service account (Editor on the project)")
	}
	v := strings.ToLower(strings.TrimSpace(f.V))
	if v == "" || v == "default" || strings.HasSuffix(v, "-compute@developer.gserviceaccount.com") {
		return engine.Fail(f.Path, "service_account %q is the Compute Engine default service account (Editor on the project)", f.V)
	}
	return engine.Pass()
}

// checkAutoRepair and checkAutoUpgrade judge a node pool's management.
func checkAutoRepair(n Nodes) engine.Outcome {
	return judge.True(n.AutoRepair, "unhealthy nodes are not repaired automatically")
}

func checkAutoUpgrade(n Nodes) engine.Outcome {
	return judge.True(n.AutoUpgrade, "nodes do not receive GKE's security patches automatically")
}

// checkPrivateNodes: nodes have internal IP addresses only (Autopilot
// clusters decide this per cluster too, through the same block).
func checkPrivateNodes(c cluster) engine.Outcome {
	return judge.True(c.PrivateNodes, "private_cluster_config.enable_private_nodes is off, so every node gets an external IP address")
}

// checkPrivateEndpoint: the control plane is reachable only on its internal
// address.
func checkPrivateEndpoint(c cluster) engine.Outcome {
	return judge.True(c.PrivateEndpoint, "the control plane has a public endpoint")
}

// checkAuthorizedNetworks: master_authorized_networks_config restricts who
// reaches the control plane, and its cidr_blocks are not the internet
// (netrange.JudgeSources).
func checkAuthorizedNetworks(c cluster) engine.Outcome {
	switch {
	case c.MAN.IsUnknown():
		return judge.Unknown(c.MAN.Path())
	case c.MAN.IsNull():
		if !c.PrivateEndpoint.Unknown && c.PrivateEndpoint.V {
			return engine.Pass() // no public endpoint to restrict
		}
		return engine.Fail(c.MAN.Path(), "master_authorized_networks_config is not set: every address on the internet can reach the control plane's public endpoint")
	}
	j := netrange.JudgeSources(c.MANCidrs)
	switch {
	case j.Malformed:
		return engine.Errored(j.At, "cidr_block %q is not a CIDR range", j.Bad)
	case j.World == subject.True:
		return engine.Fail(j.At, "master authorized networks admit the whole internet: %s", j.Describe())
	case j.World == subject.Unknown:
		return engine.Undecided(j.At, "a master authorized network is unknown until apply")
	}
	return engine.Pass()
}

// checkWorkloadIdentity: pods use Workload Identity, not the node's service
// account.
func checkWorkloadIdentity(c cluster) engine.Outcome {
	if !c.Autopilot.Unknown && c.Autopilot.V {
		return engine.Pass() // always on in Autopilot
	}
	return judge.Set(c.WorkloadPool, "workload_identity_config is not set: pods act with the node's service account and can read the metadata server's credentials")
}

// checkShieldedNodes: Shielded GKE Nodes.
func checkShieldedNodes(c cluster) engine.Outcome {
	return judge.True(c.ShieldedNodes, "nodes joining the cluster are not verified as Shielded VMs")
}

// checkNetworkPolicy: network policy is enforced, by the Calico add-on or
// by GKE Dataplane V2 (ADVANCED_DATAPATH), which always enforces it.
func checkNetworkPolicy(c cluster) engine.Outcome {
	if !c.Autopilot.Unknown && c.Autopilot.V {
		return engine.Pass()
	}
	switch judge.Is(c.Datapath, "ADVANCED_DATAPATH") {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		if c.NetPolicy.V && !c.NetPolicy.Unknown {
			return engine.Pass()
		}
		return judge.Unknown(c.Datapath.Path)
	}
	return judge.True(c.NetPolicy, "pods can reach every other pod: Kubernetes NetworkPolicy is not enforced (enable network_policy or datapath_provider = \"ADVANCED_DATAPATH\")")
}

// checkLegacyABAC: attribute-based access control stays off.
func checkLegacyABAC(c cluster) engine.Outcome {
	return judge.False(c.LegacyABAC, "legacy ABAC grants broad static permissions beside RBAC")
}

// checkClientCert: no legacy client certificate for the control plane.
func checkClientCert(c cluster) engine.Outcome {
	return judge.False(c.ClientCert, "a long-lived client certificate with cluster-admin rights is issued")
}

// checkReleaseChannel: the cluster is enrolled in a release channel.
func checkReleaseChannel(c cluster) engine.Outcome {
	f := c.Channel
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null:
		return engine.Pass() // GKE enrolls new clusters in REGULAR
	case strings.EqualFold(strings.TrimSpace(f.V), "UNSPECIFIED"), strings.TrimSpace(f.V) == "":
		return engine.Fail(f.Path, "release_channel.channel is %q: the cluster is not enrolled in a release channel and its versions are managed by hand", f.V)
	}
	return engine.Pass()
}

// checkBinaryAuthorization: only attested images are deployed.
func checkBinaryAuthorization(c cluster) engine.Outcome {
	switch judge.Is(c.BinAuthzMode, "PROJECT_SINGLETON_POLICY_ENFORCE", "POLICY_BINDINGS", "POLICY_BINDINGS_AND_PROJECT_SINGLETON_POLICY_ENFORCE") {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return judge.Unknown(c.BinAuthzMode.Path)
	}
	if c.BinAuthzMode.Null && !c.BinAuthzEnabled.Unknown && c.BinAuthzEnabled.V {
		return engine.Pass() // deprecated enabled = true
	}
	return judge.OneOf(c.BinAuthzMode, "any container image can be deployed", "PROJECT_SINGLETON_POLICY_ENFORCE")
}

func notNone(f subject.Field[string], what string) engine.Outcome {
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "none"):
		return engine.Fail(f.Path, "%s is \"none\": %s", judge.Name(f.Path), what)
	}
	return engine.Pass()
}

// checkLogging and checkMonitoring: Cloud Logging and Cloud Monitoring stay on.
func checkLogging(c cluster) engine.Outcome {
	return notNone(c.Logging, "the cluster's system and workload logs are not collected")
}

func checkMonitoring(c cluster) engine.Outcome {
	return notNone(c.Monitoring, "the cluster's metrics are not collected")
}

// checkSecretsEncryption: application-layer secrets encryption with a
// Cloud KMS key.
func checkSecretsEncryption(c cluster) engine.Outcome {
	return judge.OneOf(c.SecretsState, "Kubernetes Secrets in etcd are not encrypted with a customer-managed Cloud KMS key", "ENCRYPTED")
}

func clusterNodes(eval func(Nodes) engine.Outcome) func(cluster) engine.Outcome {
	check := nodeCheck(eval)
	return func(c cluster) engine.Outcome { return check(c.Nodes) }
}

// Register adds the GKE checks to r.
func Register(r *engine.Registry) {
	type cc = engine.Check[cluster]
	type nc = engine.Check[Nodes]
	engine.Add(r, "google_container_cluster", decodeCluster,
		cc{Control: "google-gke-private-nodes", Eval: checkPrivateNodes},
		cc{Control: "google-gke-private-endpoint", Eval: checkPrivateEndpoint},
		cc{Control: "google-gke-master-authorized-networks", Eval: checkAuthorizedNetworks},
		cc{Control: "google-gke-workload-identity", Eval: checkWorkloadIdentity},
		cc{Control: "google-gke-shielded-nodes", Eval: checkShieldedNodes},
		cc{Control: "google-gke-network-policy", Eval: checkNetworkPolicy},
		cc{Control: "google-gke-legacy-abac-disabled", Eval: checkLegacyABAC},
		cc{Control: "google-gke-no-client-certificate", Eval: checkClientCert},
		cc{Control: "google-gke-release-channel", Eval: checkReleaseChannel},
		cc{Control: "google-gke-binary-authorization", Eval: checkBinaryAuthorization},
		cc{Control: "google-gke-logging", Eval: checkLogging},
		cc{Control: "google-gke-monitoring", Eval: checkMonitoring},
		cc{Control: "google-gke-secrets-encryption", Eval: checkSecretsEncryption},
		cc{Control: "google-gke-node-secure-boot", Eval: clusterNodes(checkSecureBoot)},
		cc{Control: "google-gke-node-integrity-monitoring", Eval: clusterNodes(checkIntegrity)},
		cc{Control: "google-gke-node-cos-containerd", Eval: clusterNodes(checkImage)},
		cc{Control: "google-gke-node-no-default-sa", Eval: clusterNodes(checkNodeSA)})
	engine.Add(r, "google_container_node_pool", decodeNodePool,
		nc{Control: "google-gke-node-secure-boot", Eval: checkSecureBoot},
		nc{Control: "google-gke-node-integrity-monitoring", Eval: checkIntegrity},
		nc{Control: "google-gke-node-cos-containerd", Eval: checkImage},
		nc{Control: "google-gke-node-no-default-sa", Eval: checkNodeSA},
		nc{Control: "google-gke-node-auto-repair", Eval: checkAutoRepair},
		nc{Control: "google-gke-node-auto-upgrade", Eval: checkAutoUpgrade})
}
