package resourcepolicy

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
// DescribeImageAttribute launchPermission (UserId and Group). The EBS, RDS and
// EC2 packages judge their snapshots and images with NotPublicShared.
type Sharing struct {
	What    string // "EBS snapshot", "DB snapshot", "AMI"
	Targets subject.StringSeq
	Public  subject.Field[bool]
}

// Targets builds a sequence from single-valued attributes, skipping nulls.
func Targets(fields ...subject.Field[string]) subject.StringSeq {
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

func isAll(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "all") }

// NotPublicShared fails a snapshot or image shared with "all".
func NotPublicShared(s Sharing) engine.Outcome {
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
