// Package attr holds the small judgements that many AWS evaluators share: a
// boolean that must be true, a string that must be set. They keep the
// fail-closed rule in one place: an unknown value is undecided, never a pass.
package attr

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Name returns the last attribute name of a path ("a[0].b" → "b"), for messages.
func Name(path string) string {
	if i := strings.LastIndex(path, "."); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.Index(path, "["); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return "the value"
	}
	return path
}

// True passes when f is true. A null f holds the default the decoder gave it;
// the message says so. why completes "…: <why>" on failure.
func True(f subject.Field[bool], why string) engine.Outcome {
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "%s is unknown until apply", Name(f.Path))
	case f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "%s is not set and defaults to false: %s", Name(f.Path), why)
	}
	return engine.Fail(f.Path, "%s is false: %s", Name(f.Path), why)
}

// InheritedFrom returns the first of sources (snapshot_identifier,
// replicate_source_db…) that is set or unknown at plan: the argument a new
// resource copies unset settings from, which the plan cannot see. "" if none.
func InheritedFrom(n subject.Node, sources ...string) string {
	for _, src := range sources {
		if n.Has(src) || n.Get(src).IsUnknown() {
			return src
		}
	}
	return ""
}

// TrueOrInherited is True for a setting that, left unset, is copied from the
// source inherited names (InheritedFrom) when there is one: the plan cannot
// see the source, so the outcome is undecided. what names the resource.
func TrueOrInherited(f subject.Field[bool], inherited, what, why string) engine.Outcome {
	if f.Null && !f.Unknown && inherited != "" {
		return engine.Undecided(f.Path, "%s is not set, so the %s inherits it from its %s, which the plan cannot see; set %s = true", Name(f.Path), what, inherited, Name(f.Path))
	}
	return True(f, why)
}

// Set passes when f is a known, non-empty string. why completes the failure
// message.
func Set(f subject.Field[string], why string) engine.Outcome {
	switch {
	case f.Unknown:
		// A reference to a resource not created yet (aws_kms_key.x.arn) is
		// unknown at plan but will be set; its value cannot be judged, so the
		// outcome stays undecided until apply.
		return engine.Undecided(f.Path, "%s is unknown until apply", Name(f.Path))
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Fail(f.Path, "%s is not set: %s", Name(f.Path), why)
	}
	return engine.Pass()
}

// IsSet reports, in three-valued logic, whether f is a non-empty string.
func IsSet(f subject.Field[string]) subject.Tri {
	if f.Unknown {
		return subject.Unknown
	}
	return subject.TriOf(!f.Null && strings.TrimSpace(f.V) != "")
}

// Is reports whether f equals one of values, ignoring case.
func Is(f subject.Field[string], values ...string) subject.Tri {
	return f.Test(func(s string) bool {
		for _, v := range values {
			if strings.EqualFold(strings.TrimSpace(s), v) {
				return true
			}
		}
		return false
	})
}
