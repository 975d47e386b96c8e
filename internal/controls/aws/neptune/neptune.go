// Package neptune judges Amazon Neptune DB clusters: encryption at rest,
// audit log export and IAM database authentication.
package neptune

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is the subject of the Neptune controls. A live loader would fill it
// from DescribeDBClusters (StorageEncrypted, EnabledCloudwatchLogsExports,
// IAMDatabaseAuthenticationEnabled).
type cluster struct {
	Encrypted subject.Field[bool]
	// Inherited names the argument (snapshot_identifier,
	// replication_source_identifier, global_cluster_identifier) from which an
	// unset storage_encrypted is inherited, if any.
	Inherited string
	Exports   subject.StringSeq
	IAMAuth   subject.Field[bool]
}

// decodeCluster reads aws_neptune_cluster values. storage_encrypted and
// iam_database_authentication_enabled default to false; a restore, a read
// replica cluster or a secondary cluster of a global database inherits the
// source's encryption.
func decodeCluster(n subject.Node) cluster {
	return cluster{
		Encrypted: n.Get("storage_encrypted").Bool(false),
		Exports:   n.Get("enable_cloudwatch_logs_exports").Strings(),
		IAMAuth:   n.Get("iam_database_authentication_enabled").Bool(false),
		Inherited: judge.InheritedFrom(n, "snapshot_identifier", "replication_source_identifier", "global_cluster_identifier"),
	}
}

// checkEncrypted is Neptune.1.
func checkEncrypted(c cluster) engine.Outcome {
	return judge.TrueOrInherited(c.Encrypted, c.Inherited, "cluster", "the cluster's storage, backups and snapshots are not encrypted, and this cannot be changed after creation")
}

// checkAuditLogs is Neptune.2.
func checkAuditLogs(c cluster) engine.Outcome {
	s := c.Exports
	switch s.Any(func(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "audit") }) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(s.First(func(string) bool { return false }), "enable_cloudwatch_logs_exports is unknown until apply")
	}
	return engine.Fail(s.Path, "the cluster does not publish audit logs to CloudWatch Logs; add \"audit\" to enable_cloudwatch_logs_exports")
}

// checkIAMAuth is Neptune.7.
func checkIAMAuth(c cluster) engine.Outcome {
	return judge.True(c.IAMAuth, "requests to the cluster are not signed with IAM credentials (Signature Version 4), so anyone with network access can query it")
}

// Register adds the Neptune checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_neptune_cluster", decodeCluster,
		engine.Check[cluster]{Control: "aws-neptune-cluster-encrypted", Eval: checkEncrypted},
		engine.Check[cluster]{Control: "aws-neptune-cluster-audit-logs", Eval: checkAuditLogs},
		engine.Check[cluster]{Control: "aws-neptune-cluster-iam-auth", Eval: checkIAMAuth},
	)
}
