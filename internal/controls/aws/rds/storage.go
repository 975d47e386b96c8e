package rds

// Encryption at rest of RDS DB instances (RDS.3) and DB clusters (RDS.27).

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Storage is the subject of the RDS encryption controls. A live loader fills
// Encrypted from DescribeDBInstances / DescribeDBClusters StorageEncrypted.
type Storage struct {
	Encrypted subject.Field[bool]
	// Inherited names the argument (replicate_source_db, snapshot_identifier…)
	// from which an unset storage_encrypted is inherited, if any.
	Inherited string
	What      string // "DB instance" or "DB cluster"
}

// DecodeInstanceStorage reads aws_db_instance values: storage_encrypted defaults
// to false, except that a read replica or a restore from a snapshot inherits
// the source's encryption.
func DecodeInstanceStorage(n subject.Node) Storage {
	return Storage{
		Encrypted: n.Get("storage_encrypted").Bool(false),
		Inherited: judge.InheritedFrom(n, "replicate_source_db", "snapshot_identifier"),
		What:      "DB instance",
	}
}

// DecodeClusterStorage reads aws_rds_cluster values. storage_encrypted defaults to
// false for the provisioned engine mode (which includes Aurora Serverless v2).
// An Aurora Serverless v1 cluster (engine_mode "serverless") is always
// encrypted: encryption cannot be turned off, and a storage_encrypted = false
// written for it does not make it unencrypted (AWS encrypts it anyway and the
// provider reads back true), so engine_mode alone decides. Restores from a
// snapshot and replicas inherit.
func DecodeClusterStorage(n subject.Node) Storage {
	mode := n.Get("engine_mode").String("provisioned")
	s := Storage{Encrypted: n.Get("storage_encrypted").Bool(false), What: "DB cluster"}
	switch {
	case !mode.Unknown && strings.EqualFold(strings.TrimSpace(mode.V), "serverless"):
		return Storage{Encrypted: subject.Of(true, mode.Path), What: "DB cluster"}
	case mode.Unknown && !s.Encrypted.Unknown && !s.Encrypted.V:
		// Unset or false: encrypted only if the mode turns out to be serverless.
		s.Encrypted = subject.Field[bool]{Unknown: true, Path: mode.Path}
	}
	s.Inherited = judge.InheritedFrom(n, "snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time")
	return s
}

// CheckEncrypted is RDS.3 (instances) and RDS.27 (clusters).
func CheckEncrypted(s Storage) engine.Outcome {
	f := s.Encrypted
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "whether the %s is encrypted is unknown until apply", s.What)
	case f.Null && s.Inherited != "":
		return engine.Undecided(f.Path, "storage_encrypted is not set, so the %s inherits encryption from its %s, which the plan cannot see; set storage_encrypted = true", s.What, s.Inherited)
	case f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "storage_encrypted is not set and defaults to false: the %s's storage, backups and snapshots are not encrypted", s.What)
	}
	return engine.Fail(f.Path, "storage_encrypted is false: the %s's storage, backups and snapshots are not encrypted", s.What)
}
