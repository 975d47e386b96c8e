// Package dataproc judges Dataproc clusters (google_dataproc_cluster):
// customer-managed encryption keys and internal IP addresses only.
package dataproc

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is a google_dataproc_cluster as judged.
type cluster struct {
	Key          subject.Field[string]
	InternalOnly subject.Field[bool]
}

// decodeCluster reads google_dataproc_cluster: without
// cluster_config.encryption_config the disks use Google-managed keys;
// gce_cluster_config.internal_ip_only unset gives every VM an external IP
// (provider documentation).
func decodeCluster(n subject.Node) cluster {
	cc := n.Get("cluster_config").Block()
	return cluster{
		Key:          cc.Get("encryption_config").Block().Get("kms_key_name").String(""),
		InternalOnly: cc.Get("gce_cluster_config").Block().Get("internal_ip_only").Bool(false),
	}
}

// checkCMEK is CIS 8.1.
func checkCMEK(c cluster) engine.Outcome {
	return judge.Set(c.Key, "the cluster's persistent disks are encrypted with Google-managed keys only")
}

// checkInternalIP: the cluster's VMs have internal IP addresses only.
func checkInternalIP(c cluster) engine.Outcome {
	return judge.True(c.InternalOnly, "every cluster VM gets an external IP address")
}

// Register adds the Dataproc checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_dataproc_cluster", decodeCluster,
		engine.Check[cluster]{Control: "google-dataproc-cluster-cmek", Eval: checkCMEK},
		engine.Check[cluster]{Control: "google-dataproc-cluster-no-public-ip", Eval: checkInternalIP})
}
