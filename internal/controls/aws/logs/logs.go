// Package logs judges CloudWatch Logs log groups.
package logs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// minRetentionDays is the shortest retention the retention control accepts:
// one year, the default of the AWS Config rule
// cw-loggroup-retention-period-check and a common audit requirement.
const minRetentionDays = 365

// logGroup is the subject of the log group controls. A live loader fills it
// from DescribeLogGroups (kmsKeyId, retentionInDays; a missing retention means
// never expire, i.e. 0).
type logGroup struct {
	KMSKey        subject.Field[string]
	RetentionDays subject.Field[int64]
}

// decodeLogGroup reads aws_cloudwatch_log_group values (retention_in_days
// defaults to 0, which means the events never expire).
func decodeLogGroup(n subject.Node) logGroup {
	return logGroup{
		KMSKey:        n.Get("kms_key_id").String(""),
		RetentionDays: n.Get("retention_in_days").Int(0),
	}
}

// checkKMS: log events are always encrypted by CloudWatch Logs; with a KMS key
// the account controls and audits who can decrypt them.
func checkKMS(g logGroup) engine.Outcome {
	return judge.Set(g.KMSKey, "log events are encrypted with a service key, not with a KMS key whose policy controls and logs who can read them")
}

// checkRetention passes for retention of at least minRetentionDays or 0
// (never expire).
func checkRetention(g logGroup) engine.Outcome {
	f := g.RetentionDays
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V == 0:
		return engine.Pass()
	case f.V < minRetentionDays:
		return engine.Fail(f.Path, "retention_in_days is %d: log events are deleted before the %d days that investigations and audits need", f.V, minRetentionDays)
	}
	return engine.Pass()
}

// Register adds the CloudWatch Logs checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_cloudwatch_log_group", decodeLogGroup,
		engine.Check[logGroup]{Control: "aws-cloudwatch-log-group-kms-encrypted", Eval: checkKMS},
		engine.Check[logGroup]{Control: "aws-cloudwatch-log-retention", Eval: checkRetention},
	)
}
