package rds

// Encryption at rest of RDS DB instances (RDS.3) and DB clusters (RDS.27).

import (
	"fmt"
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
	// Default says why an unset storage_encrypted is unencrypted ("" for
	// "defaults to false").
	Default string
	// Why, when set, is the reason an unknown Encrypted is unknown.
	Why string
}

// decodeInstanceStorage reads aws_db_instance values: storage_encrypted defaults
// to false, except that a read replica or a restore from a snapshot inherits
// the source's encryption.
func decodeInstanceStorage(n subject.Node) Storage {
	return Storage{
		Encrypted: n.Get("storage_encrypted").Bool(false),
		Inherited: judge.InheritedFrom(n, "replicate_source_db", "snapshot_identifier"),
		What:      "DB instance",
	}
}

// auroraEncryptedSince is the day from which Amazon Aurora encrypts every new
// DB cluster at rest (Aurora User Guide, "Encrypting Amazon Aurora
// resources"); attributes.yaml records it as the default's since.
const auroraEncryptedSince = "18 February 2026"

// aurora reports whether engine is an Aurora engine (aurora, aurora-mysql,
// aurora-postgresql); unknown while the engine is unknown or not set.
func aurora(engine subject.Field[string]) subject.Tri {
	e := strings.ToLower(strings.TrimSpace(engine.V))
	if engine.Unknown || e == "" {
		return subject.Unknown
	}
	return subject.TriOf(strings.HasPrefix(e, "aurora"))
}

// decodeClusterStorage reads aws_rds_cluster values. An unset
// storage_encrypted (Optional+Computed: unknown at create) takes the default
// of a cluster created today: Amazon Aurora encrypts every new DB cluster at
// rest since 18 February 2026, whatever the engine mode; a Multi-AZ DB
// cluster (engine mysql or postgres) stays unencrypted. An explicit
// storage_encrypted = false fails. An Aurora Serverless v1 cluster
// (engine_mode "serverless") is always encrypted: encryption cannot be turned
// off, and a storage_encrypted = false written for it does not make it
// unencrypted (AWS encrypts it anyway and the provider reads back true), so
// engine_mode alone decides. Restores from a snapshot and replicas inherit.
// Values that lack storage_encrypted altogether (a dated default, see
// attributes.yaml) may describe an Aurora cluster older than the default, so
// they are unknown for Aurora and fail for Multi-AZ DB clusters.
func decodeClusterStorage(n subject.Node) Storage {
	mode := n.Get("engine_mode").String("provisioned")
	engine := n.Get("engine").String("")
	s := Storage{Encrypted: n.Get("storage_encrypted").Bool(false), What: "DB cluster"}
	if !mode.Unknown && strings.EqualFold(strings.TrimSpace(mode.V), "serverless") {
		return Storage{Encrypted: subject.Of(true, mode.Path), What: "DB cluster"}
	}
	s.Inherited = judge.InheritedFrom(n, "snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time")
	f := s.Encrypted
	isAurora := aurora(engine)
	switch {
	case f.Absent && isAurora == subject.False:
		s.Encrypted = subject.Field[bool]{Null: true, Absent: true, Path: f.Path}
		s.Default = fmt.Sprintf("is absent from the values; a Multi-AZ DB cluster (engine %q) is unencrypted unless it is set", engine.V)
		return s
	case f.Absent:
		s.Why = "storage_encrypted is absent from the values (a state written by hand or by a provider version that predates it): an Aurora cluster created before " + auroraEncryptedSince + " is unencrypted unless it was set, so whether this one is encrypted is not known; set storage_encrypted = true"
		return s
	case f.Null && s.Inherited == "":
		switch isAurora {
		case subject.True:
			// Encrypted by default: a new Aurora cluster.
			s.Encrypted = subject.Field[bool]{V: true, Null: true, Path: f.Path}
			return s
		case subject.Unknown:
			s.Encrypted = subject.Field[bool]{Unknown: true, Path: engine.Path}
			s.Why = "storage_encrypted is not set and the engine is not known at plan: Aurora engines encrypt new DB clusters by default (since " + auroraEncryptedSince + "), Multi-AZ DB clusters (mysql, postgres) do not; set storage_encrypted = true"
			return s
		}
		s.Default = fmt.Sprintf("is not set and defaults to false for a Multi-AZ DB cluster (engine %q; only Aurora engines encrypt new clusters by default, since %s)", engine.V, auroraEncryptedSince)
	}
	if mode.Unknown && !f.Unknown && !f.V {
		// false: encrypted only if the mode turns out to be serverless.
		s.Encrypted = subject.Field[bool]{Unknown: true, Path: mode.Path}
	}
	return s
}

// checkEncrypted is RDS.3 (instances) and RDS.27 (clusters).
func checkEncrypted(s Storage) engine.Outcome {
	f := s.Encrypted
	switch {
	case f.Unknown && s.Why != "":
		return engine.Undecided(f.Path, "%s", s.Why)
	case f.Unknown:
		return engine.Undecided(f.Path, "whether the %s is encrypted is unknown until apply", s.What)
	case f.Null && s.Inherited != "":
		return engine.Undecided(f.Path, "storage_encrypted is not set, so the %s inherits encryption from its %s, which the plan cannot see; set storage_encrypted = true", s.What, s.Inherited)
	case f.V:
		return engine.Pass()
	case f.Null:
		why := s.Default
		if why == "" {
			why = "is not set and defaults to false"
		}
		return engine.Fail(f.Path, "storage_encrypted %s: the %s's storage, backups and snapshots are not encrypted", why, s.What)
	}
	return engine.Fail(f.Path, "storage_encrypted is false: the %s's storage, backups and snapshots are not encrypted", s.What)
}
