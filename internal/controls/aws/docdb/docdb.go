// Package docdb judges Amazon DocumentDB (with MongoDB compatibility) clusters:
// encryption at rest and audit log export.
package docdb

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is the subject of the DocumentDB controls. A live loader would fill
// it from DescribeDBClusters (StorageEncrypted, EnabledCloudwatchLogsExports).
type cluster struct {
	Encrypted subject.Field[bool]
	// Inherited names the argument (snapshot_identifier,
	// restore_to_point_in_time, global_cluster_identifier) from which an unset
	// storage_encrypted is inherited, if any.
	Inherited string
	Exports   subject.StringSeq
}

// decodeCluster reads aws_docdb_cluster values. storage_encrypted is Optional
// without a default: an unset value sends nothing and the DocumentDB API
// creates an unencrypted cluster, except that a restore or a secondary
// cluster of a global cluster inherits the source's encryption.
func decodeCluster(n subject.Node) cluster {
	return cluster{
		Encrypted: n.Get("storage_encrypted").Bool(false),
		Exports:   n.Get("enabled_cloudwatch_logs_exports").Strings(),
		Inherited: judge.InheritedFrom(n, "snapshot_identifier", "restore_to_point_in_time", "global_cluster_identifier"),
	}
}

// checkEncrypted is DocumentDB.1.
func checkEncrypted(c cluster) engine.Outcome {
	return judge.TrueOrInherited(c.Encrypted, c.Inherited, "cluster", "the cluster's storage, backups and snapshots are not encrypted, and this cannot be changed after creation")
}

// checkAuditLogs is DocumentDB.4.
func checkAuditLogs(c cluster) engine.Outcome {
	s := c.Exports
	switch s.Any(func(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "audit") }) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(s.First(func(string) bool { return false }), "enabled_cloudwatch_logs_exports is unknown until apply")
	}
	return engine.Fail(s.Path, "the cluster does not publish audit logs to CloudWatch Logs: authentication attempts and DDL events are not recorded; add \"audit\" to enabled_cloudwatch_logs_exports")
}

// Register adds the DocumentDB checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_docdb_cluster", decodeCluster,
		engine.Check[cluster]{Control: "aws-docdb-cluster-encrypted", Eval: checkEncrypted},
		engine.Check[cluster]{Control: "aws-docdb-cluster-audit-logs", Eval: checkAuditLogs},
	)
}
