// Package rds judges RDS DB instances and clusters.
package rds

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// DBInstance is the subject of the RDS instance controls.
type DBInstance struct {
	PubliclyAccessible subject.Field[bool]
}

// DecodeDBInstance reads aws_db_instance and aws_rds_cluster_instance values.
func DecodeDBInstance(n subject.Node) DBInstance {
	return DBInstance{
		PubliclyAccessible: n.Get("publicly_accessible").Bool(false),
	}
}

func notPublic(db DBInstance) engine.Outcome {
	f := db.PubliclyAccessible
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "publicly_accessible is unknown until apply")
	case f.V:
		return engine.Fail(f.Path, "the DB instance is publicly accessible: its endpoint resolves to a public address")
	}
	return engine.Pass()
}

// Register adds the RDS checks to r.
func Register(r *engine.Registry) {
	checks := []engine.Check[DBInstance]{{Control: "aws-rds-instance-not-public", Eval: notPublic}}
	engine.Add(r, "aws_db_instance", DecodeDBInstance, checks...)
	engine.Add(r, "aws_rds_cluster_instance", DecodeDBInstance, checks...)
}
