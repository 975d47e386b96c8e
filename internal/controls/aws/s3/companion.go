// Package s3 judges storage public access, encryption, logging and versioning
// of S3 buckets — the split hashicorp/aws v4+ resources on their own and the
// whole bucket as one posture (aws_s3_bucket_posture) — plus account-level S3
// Block Public Access.
//
// Subjects are plain Go: live loaders (internal/live/aws) build the same
// structs from the S3 API (GetPublicAccessBlock, GetBucketPolicy, GetBucketAcl,
// GetBucketOwnershipControls, GetBucketEncryption, GetBucketLogging,
// GetBucketVersioning) and reuse the checks through bucketChecks.
package s3

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// state says whether a companion of a bucket (its public access block, policy,
// ACL, ...) exists, and whether that is known.
type state uint8

const (
	// Absent: the companion was not given (planned) or does not exist (live:
	// NoSuchPublicAccessBlockConfiguration, NoSuchBucketPolicy, ...).
	Absent state = iota
	// present: the companion exists and V holds it.
	present
	// unknown: the companion value is unknown until apply.
	unknown
	// Unreadable: a live read failed for another reason (access denied,
	// throttling); Err says why. Judged as an error, never as absent.
	Unreadable
)

// companion is one companion resource of a bucket in a Bucket posture.
type companion[T any] struct {
	State state
	// Path is the attribute path of the companion in the values (such as
	// "public_access_block"), or the API call for live subjects.
	Path string
	Err  string
	V    T
}

// PresentCompanion builds a present companion (for live loaders).
func PresentCompanion[T any](path string, v T) companion[T] {
	return companion[T]{State: present, Path: path, V: v}
}

// AbsentCompanion builds an absent companion (for live loaders).
func AbsentCompanion[T any](path string) companion[T] {
	return companion[T]{State: Absent, Path: path}
}

// UnreadableCompanion builds a companion whose read failed (for live loaders).
func UnreadableCompanion[T any](path string, err error) companion[T] {
	c := companion[T]{State: Unreadable, Path: path, Err: "unknown error"}
	if err != nil {
		c.Err = err.Error()
	}
	return c
}

// decodeCompanion reads attribute name of the posture values with decode. A
// null attribute or an empty tuple (a resource with count = 0) is absent.
func decodeCompanion[T any](n subject.Node, name string, decode func(subject.Node) T) companion[T] {
	c := n.Get(name)
	out := companion[T]{Path: c.Path()}
	v := c.Value()
	switch {
	case c.IsUnknown():
		out.State = unknown
	case c.IsNull(), v.Kind() == subject.KindList && len(v.Elems()) == 0:
		out.State = Absent
	default:
		out.State = present
		out.V = decode(c.Block())
	}
	return out
}

// gate judges a companion: absent gives missing(), unknown and unreadable give
// undecided and error outcomes, present gives judge(v).
func gate[T any](c companion[T], what string, missing func() engine.Outcome, judge func(T) engine.Outcome) engine.Outcome {
	switch c.State {
	case Absent:
		return missing()
	case unknown:
		return engine.Undecided(c.Path, "the bucket's %s is unknown until apply", what)
	case Unreadable:
		return engine.Errored(c.Path, "could not read the bucket's %s: %s", what, c.Err)
	}
	return judge(c.V)
}
