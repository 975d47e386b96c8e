// Package dataproc judges Dataproc clusters (google_dataproc_cluster):
// customer-managed encryption keys and internal IP addresses only.
package dataproc

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Cluster is a google_dataproc_cluster as judged.
type Cluster struct {
	Key          subject.Field[string]
	InternalOnly subject.Field[bool]
}

// DecodeCluster reads google_dataproc_cluster: without
// cluster_config.encryption_config the disks use Google-managed keys;
// gce_cluster_config.internal_ip_only unset gives every VM an external IP
// (provider documentation).
func DecodeCluster(n subject.Node) Cluster {
	cc := n.Get("cluster_config").Block()
	return Cluster{
		Key:          cc.Get("encryption_config").Block().Get("kms_key_name").String(""),
		InternalOnly: cc.Get("gce_cluster_config").Block().Get("internal_ip_only").Bool(false),
	}
}

// CheckCMEK is CIS 8.1.
func CheckCMEK(c Cluster) engine.Outcome {
	return judge.Set(c.Key, "the cluster's persistent disks are encrypted with Google-managed keys only")
}

// CheckInternalIP: the cluster's VMs have internal IP addresses only.
func CheckInternalIP(c Cluster) engine.Outcome {
	return judge.True(c.InternalOnly, "every cluster VM gets an external IP address")
}

// Register adds the Dataproc checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_dataproc_cluster", DecodeCluster,
		engine.Check[Cluster]{Control: "google-dataproc-cluster-cmek", Eval: CheckCMEK},
		engine.Check[Cluster]{Control: "google-dataproc-cluster-no-public-ip", Eval: CheckInternalIP})
}
