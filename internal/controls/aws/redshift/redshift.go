// Package redshift judges Redshift provisioned clusters.
package redshift

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/attr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Cluster is the subject of Redshift.10. A live loader fills Encrypted from
// DescribeClusters Encrypted.
type Cluster struct {
	Encrypted subject.Field[bool]
}

// DecodeCluster reads aws_redshift_cluster values. Fail-closed choice: an
// unset encrypted is judged false. (Older hashicorp/aws versions default it to
// false; newer ones and the Redshift API encrypt new clusters by default, in
// which case a real plan shows the value as true and this never fires.)
func DecodeCluster(n subject.Node) Cluster {
	return Cluster{Encrypted: n.Get("encrypted").Bool(false)}
}

// CheckEncrypted is Redshift.10.
func CheckEncrypted(c Cluster) engine.Outcome {
	return attr.True(c.Encrypted, "the cluster's data blocks, metadata and snapshots are not encrypted")
}

// Register adds the Redshift checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_redshift_cluster", DecodeCluster, engine.Check[Cluster]{Control: "aws-redshift-cluster-encrypted", Eval: CheckEncrypted})
}
