package rds

// Log exports to CloudWatch Logs (RDS.9, RDS.34, RDS.37) and IAM database
// authentication (RDS.10, RDS.12) of RDS DB instances and DB clusters.

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// database is the subject of the log export and IAM authentication controls.
// A live loader would fill it from DescribeDBInstances / DescribeDBClusters
// (Engine, EngineMode, EnabledCloudwatchLogsExports,
// IAMDatabaseAuthenticationEnabled).
type database struct {
	Engine  subject.Field[string]
	Mode    subject.Field[string] // engine_mode of a cluster; null for an instance
	Exports subject.StringSeq     // enabled_cloudwatch_logs_exports
	IAMAuth subject.Field[bool]   // iam_database_authentication_enabled
	What    string                // "DB instance" or "DB cluster"
}

// decodeInstanceDatabase reads aws_db_instance values. engine is
// Optional+Computed: a read replica or a restore that leaves it unset inherits
// the source's engine, which the plan cannot see.
func decodeInstanceDatabase(n subject.Node) database {
	return database{
		Engine:  n.Get("engine").String(""),
		Mode:    subject.Field[string]{Null: true},
		Exports: n.Get("enabled_cloudwatch_logs_exports").Strings(),
		IAMAuth: n.Get("iam_database_authentication_enabled").Bool(false),
		What:    "DB instance",
	}
}

// decodeClusterDatabase reads aws_rds_cluster values.
func decodeClusterDatabase(n subject.Node) database {
	return database{
		Engine:  n.Get("engine").String(""),
		Mode:    n.Get("engine_mode").String("provisioned"),
		Exports: n.Get("enabled_cloudwatch_logs_exports").Strings(),
		IAMAuth: n.Get("iam_database_authentication_enabled").Bool(false),
		What:    "DB cluster",
	}
}

func engineName(f subject.Field[string]) string { return strings.ToLower(strings.TrimSpace(f.V)) }

// instanceLogs are the log types RDS.9 requires per DB instance engine; nil
// for engines the control does not name (Db2, RDS Custom).
func instanceLogs(eng string) []string {
	switch {
	case strings.HasPrefix(eng, "oracle-"):
		return []string{"alert", "audit", "trace", "listener"}
	case eng == "postgres":
		return []string{"postgresql", "upgrade"}
	case eng == "mysql", eng == "mariadb":
		return []string{"audit", "error", "general", "slowquery"}
	case strings.HasPrefix(eng, "sqlserver-"):
		return []string{"error", "agent"}
	}
	return nil
}

// clusterLogs are the log types RDS.34 (Aurora MySQL: audit) and RDS.37
// (Aurora PostgreSQL: postgresql) require; nil for Multi-AZ DB clusters of
// the mysql and postgres engines, which neither control covers.
func clusterLogs(eng string) []string {
	switch eng {
	case "aurora-mysql", "aurora":
		return []string{"audit"}
	case "aurora-postgresql":
		return []string{"postgresql"}
	}
	return nil
}

// unknownEngine is the outcome when the engine that decides a control is not
// known at plan.
func unknownEngine(db database, what string) (engine.Outcome, bool) {
	switch {
	case db.Engine.Unknown:
		return engine.Undecided(db.Engine.Path, "engine is unknown until apply (a read replica or restore inherits its source's), and %s depends on it", what), true
	case db.Engine.Null || engineName(db.Engine) == "":
		return engine.Undecided(db.Engine.Path, "engine is not set, and %s depends on it", what), true
	}
	return engine.Outcome{}, false
}

// exported judges whether every required log type is in the exports. An
// unknown element of the set may stand for one missing type, not for several.
func exported(db database, required []string) engine.Outcome {
	s := db.Exports
	if s.Unknown {
		return judge.Unknown(s.Path)
	}
	unknowns := 0
	for _, it := range s.Items {
		if it.Unknown {
			unknowns++
		}
	}
	var missing []string
	for _, want := range required {
		found := false
		for _, it := range s.Items {
			found = found || (!it.Unknown && strings.EqualFold(strings.TrimSpace(it.V), want))
		}
		if !found {
			missing = append(missing, want)
		}
	}
	switch {
	case len(missing) > unknowns:
		return engine.Fail(s.Path, "the %s (engine %s) does not publish %s logs to CloudWatch Logs; add %s to enabled_cloudwatch_logs_exports",
			db.What, engineName(db.Engine), strings.Join(missing, ", "), quoteAll(missing))
	case len(missing) > 0:
		return engine.Undecided(s.Path, "enabled_cloudwatch_logs_exports holds values unknown until apply, and %s are not among the known ones", strings.Join(missing, ", "))
	}
	return engine.Pass()
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = `"` + s + `"`
	}
	return strings.Join(q, ", ")
}

// serverlessV1 reports whether a cluster is Aurora Serverless v1
// (engine_mode "serverless"), which supports neither log exports nor IAM
// database authentication.
func serverlessV1(db database) subject.Tri {
	if db.Mode.Null {
		return subject.False
	}
	return judge.Is(db.Mode, "serverless")
}

// notForServerlessV1 passes an Aurora Serverless v1 cluster and turns a
// failure into unknown while engine_mode is unknown.
func notForServerlessV1(db database, o engine.Outcome) engine.Outcome {
	switch serverlessV1(db) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		if o.Status == engine.StatusFail {
			return engine.Undecided(db.Mode.Path, "engine_mode is unknown until apply; Aurora Serverless v1 (\"serverless\") cannot export logs or use IAM authentication, other modes can")
		}
	}
	return o
}

// checkInstanceLogs is RDS.9: a DB instance publishes its engine's logs to
// CloudWatch Logs.
func checkInstanceLogs(db database) engine.Outcome {
	if o, ok := unknownEngine(db, "which logs RDS.9 asks for"); ok {
		return o
	}
	required := instanceLogs(engineName(db.Engine))
	if required == nil {
		return engine.Pass()
	}
	return exported(db, required)
}

// checkClusterLogs is RDS.34 (Aurora MySQL audit log) and RDS.37 (Aurora
// PostgreSQL log).
func checkClusterLogs(db database) engine.Outcome {
	if o, ok := unknownEngine(db, "which logs must be exported"); ok {
		return o
	}
	required := clusterLogs(engineName(db.Engine))
	if required == nil {
		return engine.Pass()
	}
	return notForServerlessV1(db, exported(db, required))
}

// iamAuthEngines are the DB instance engines that support IAM database
// authentication (the engines RDS.10 evaluates).
var iamAuthEngines = []string{"mysql", "postgres", "mariadb"}

const iamWhy = "database users authenticate with passwords stored in the database instead of short-lived IAM tokens"

// checkInstanceIAMAuth is RDS.10.
func checkInstanceIAMAuth(db database) engine.Outcome {
	if o, ok := unknownEngine(db, "whether IAM authentication applies"); ok {
		return o
	}
	eng := engineName(db.Engine)
	for _, e := range iamAuthEngines {
		if eng == e {
			return judge.True(db.IAMAuth, iamWhy)
		}
	}
	return engine.Pass()
}

// checkClusterIAMAuth is RDS.12: every engine of aws_rds_cluster (Aurora and
// Multi-AZ DB clusters) supports IAM authentication, except Aurora Serverless v1.
func checkClusterIAMAuth(db database) engine.Outcome {
	return notForServerlessV1(db, judge.True(db.IAMAuth, iamWhy))
}

// registerLogsAndAuth adds the log export and IAM authentication checks to r.
func registerLogsAndAuth(r *engine.Registry) {
	engine.Add(r, "aws_db_instance", decodeInstanceDatabase,
		engine.Check[database]{Control: "aws-rds-instance-logs-exported", Eval: checkInstanceLogs},
		engine.Check[database]{Control: "aws-rds-instance-iam-auth", Eval: checkInstanceIAMAuth},
	)
	engine.Add(r, "aws_rds_cluster", decodeClusterDatabase,
		engine.Check[database]{Control: "aws-rds-cluster-logs-exported", Eval: checkClusterLogs},
		engine.Check[database]{Control: "aws-rds-cluster-iam-auth", Eval: checkClusterIAMAuth},
	)
}
