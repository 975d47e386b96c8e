// Package rds judges RDS DB instances, clusters and snapshots: network
// exposure, encryption at rest and public sharing.
package rds

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// DBInstance is the subject of the RDS instance controls.
type DBInstance struct {
	PubliclyAccessible subject.Field[bool]
	// UnsetMayBePublic is set where an unset publicly_accessible is left to
	// AWS (aws_rds_cluster_instance), which makes an instance public when its
	// subnet group's VPC has an internet gateway; aws_db_instance sends false.
	UnsetMayBePublic bool
}

// decodeDBInstance reads aws_db_instance values.
func decodeDBInstance(n subject.Node) DBInstance {
	return DBInstance{PubliclyAccessible: n.Get("publicly_accessible").Bool(false)}
}

// decodeClusterInstance reads aws_rds_cluster_instance values.
func decodeClusterInstance(n subject.Node) DBInstance {
	return DBInstance{PubliclyAccessible: n.Get("publicly_accessible").Bool(false), UnsetMayBePublic: true}
}

func notPublic(db DBInstance) engine.Outcome {
	f := db.PubliclyAccessible
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null && db.UnsetMayBePublic:
		return engine.Fail(f.Path, "publicly_accessible is not set, so AWS decides from the DB subnet group and may make the instance public; set publicly_accessible = false")
	case f.V:
		return engine.Fail(f.Path, "the DB instance is publicly accessible: its endpoint resolves to a public address")
	}
	return engine.Pass()
}

// Register adds the RDS checks to r.
func Register(r *engine.Registry) {
	registerLogsAndAuth(r)
	checks := []engine.Check[DBInstance]{{Control: "aws-rds-instance-not-public", Eval: notPublic}}
	engine.Add(r, "aws_db_instance", decodeDBInstance, checks...)
	engine.Add(r, "aws_rds_cluster_instance", decodeClusterInstance, checks...)
	engine.Add(r, "aws_db_instance", decodeInstanceStorage, engine.Check[Storage]{Control: "aws-rds-instance-encrypted", Eval: checkEncrypted})
	engine.Add(r, "aws_rds_cluster", decodeClusterStorage, engine.Check[Storage]{Control: "aws-rds-cluster-encrypted", Eval: checkEncrypted})
	for _, rt := range []string{"aws_db_snapshot", "aws_db_snapshot_copy", "aws_db_cluster_snapshot"} {
		engine.Add(r, rt, decodeDBSnapshot, engine.Check[resourcepolicy.Sharing]{Control: "aws-rds-snapshot-not-public", Eval: resourcepolicy.NotPublicShared})
	}
}

// decodeDBSnapshot reads aws_db_snapshot, aws_db_snapshot_copy and
// aws_db_cluster_snapshot values (shared_accounts, a set of strings).
func decodeDBSnapshot(n subject.Node) resourcepolicy.Sharing {
	return resourcepolicy.Sharing{What: "DB snapshot", Targets: n.Get("shared_accounts").Strings(), Public: subject.Field[bool]{Null: true}}
}
