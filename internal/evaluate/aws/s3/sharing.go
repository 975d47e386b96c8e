package s3

// Public sharing of snapshots and machine images. These controls belong to the
// storage-public-access area with the bucket controls; they live in this
// package so the area is judged in one place.

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Sharing is who a snapshot or image is shared with: account ids and groups,
// where the group (or account list entry) "all" means everyone. Public is the
// read-back "public" flag some resources export (aws_ami); it is null when the
// shape has none. Live loaders fill Targets from DescribeSnapshotAttribute
// createVolumePermission, DescribeDBSnapshotAttributes restore values or
// DescribeImageAttribute launchPermission (UserId and Group).
type Sharing struct {
	What    string // "EBS snapshot", "DB snapshot", "AMI"
	Targets subject.StringSeq
	Public  subject.Field[bool]
}

// targets builds a sequence from single-valued attributes, skipping nulls.
func targets(fields ...subject.Field[string]) subject.StringSeq {
	var s subject.StringSeq
	for _, f := range fields {
		if s.Path == "" {
			s.Path = f.Path
		}
		if !f.Null {
			s.Items = append(s.Items, f)
		}
	}
	return s
}

// DecodeSnapshotVolumePermission reads aws_snapshot_create_volume_permission.
// Upstream hashicorp/aws only has account_id (passed to the API as a UserId,
// so it cannot make a snapshot public); a group attribute (as some forks and
// the API's CreateVolumePermission.Group have) and the value "all" are judged
// when present.
func DecodeSnapshotVolumePermission(n subject.Node) Sharing {
	return Sharing{What: "EBS snapshot", Targets: targets(n.Get("account_id").String(""), n.Get("group").String("")), Public: subject.Field[bool]{Null: true}}
}

// DecodeDBSnapshot reads aws_db_snapshot, aws_db_snapshot_copy and
// aws_db_cluster_snapshot values (shared_accounts, a set of strings).
func DecodeDBSnapshot(n subject.Node) Sharing {
	return Sharing{What: "DB snapshot", Targets: n.Get("shared_accounts").Strings(), Public: subject.Field[bool]{Null: true}}
}

// DecodeAMILaunchPermission reads aws_ami_launch_permission values (account_id,
// group, organization_arn, organizational_unit_arn; only group "all" is public).
func DecodeAMILaunchPermission(n subject.Node) Sharing {
	return Sharing{What: "AMI", Targets: targets(n.Get("account_id").String(""), n.Get("group").String("")), Public: subject.Field[bool]{Null: true}}
}

// DecodeAMI reads aws_ami, aws_ami_copy and aws_ami_from_instance values: the
// computed "public" attribute.
func DecodeAMI(n subject.Node) Sharing {
	return Sharing{What: "AMI", Public: n.Get("public").Bool(false)}
}

func isAll(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "all") }

func notPublicShared(s Sharing) engine.Outcome {
	switch s.Targets.Any(isAll) {
	case subject.True:
		return engine.Fail(s.Targets.First(isAll), "the %s is shared with \"all\": every AWS account can use it", s.What)
	case subject.Unknown:
		return engine.Undecided(s.Targets.First(isAll), "who the %s is shared with is unknown until apply", s.What)
	}
	switch {
	case s.Public.Unknown:
		// "public" is read back after create; a new image is private and is
		// made public only through a launch permission, which is judged on its
		// own. Unknown here is not the deciding value.
		return engine.Pass()
	case !s.Public.Null && s.Public.V:
		return engine.Fail(s.Public.Path, "the %s has public launch permissions", s.What)
	}
	return engine.Pass()
}

// Sharing checks.
var (
	EBSSnapshotCheck = engine.Check[Sharing]{Control: "aws-ebs-snapshot-not-public", Eval: notPublicShared}
	RDSSnapshotCheck = engine.Check[Sharing]{Control: "aws-rds-snapshot-not-public", Eval: notPublicShared}
	AMICheck         = engine.Check[Sharing]{Control: "aws-ec2-ami-not-public", Eval: notPublicShared}
)
