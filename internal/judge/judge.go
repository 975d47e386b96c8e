// Package judge holds the small attribute judgements the evaluators of every
// cloud share: a boolean that must be true or false, a string that must be
// set or one of some values, a number with a lower bound, a setting inherited
// from a source the plan cannot see. They keep the fail-closed rule in one
// place: an unknown value is undecided, never a pass; a null value holds the
// provider default the decoder gave it, and the failure names the argument
// to set (DESIGN.md, "Real shapes").
package judge

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
		return Unknown(f.Path)
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
		return Unknown(f.Path)
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

// False passes when f is false. why completes "…: <why>" on failure.
func False(f subject.Field[bool], why string) engine.Outcome {
	switch {
	case f.Unknown:
		return Unknown(f.Path)
	case !f.V:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "%s is not set and defaults to true: %s", Name(f.Path), why)
	}
	return engine.Fail(f.Path, "%s is true: %s", Name(f.Path), why)
}

// OneOf passes when f equals one of want, ignoring case.
func OneOf(f subject.Field[string], why string, want ...string) engine.Outcome {
	switch Is(f, want...) {
	case subject.Unknown:
		return Unknown(f.Path)
	case subject.True:
		return engine.Pass()
	}
	if f.Null {
		if f.V == "" {
			return engine.Fail(f.Path, "%s is not set: %s", Name(f.Path), why)
		}
		return engine.Fail(f.Path, "%s is not set and defaults to %q: %s", Name(f.Path), f.V, why)
	}
	return engine.Fail(f.Path, "%s is %q: %s", Name(f.Path), f.V, why)
}

// AtLeast passes when f is at least least, or when zero is allowed and f is 0
// (Azure reads a retention of 0 days as keeping forever).
func AtLeast(f subject.Field[int64], least int64, zeroIsForever bool, why string) engine.Outcome {
	switch {
	case f.Unknown:
		return Unknown(f.Path)
	case f.V >= least, zeroIsForever && f.V == 0:
		return engine.Pass()
	case f.Null:
		return engine.Fail(f.Path, "%s is not set and defaults to %d: %s", Name(f.Path), f.V, why)
	}
	return engine.Fail(f.Path, "%s is %d, below %d: %s", Name(f.Path), f.V, least, why)
}

// AnySet passes when one of fs is a known, non-empty string; it is undecided
// when none is set but one is unknown, and fails naming the first otherwise.
func AnySet(why string, fs ...subject.Field[string]) engine.Outcome {
	var unknown *subject.Field[string]
	for i := range fs {
		switch IsSet(fs[i]) {
		case subject.True:
			return engine.Pass()
		case subject.Unknown:
			if unknown == nil {
				unknown = &fs[i]
			}
		}
	}
	if unknown != nil {
		return Unknown(unknown.Path)
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = Name(f.Path)
	}
	at := ""
	if len(fs) > 0 {
		at = fs[0].Path
	}
	return engine.Fail(at, "%s %s not set: %s", strings.Join(names, " / "), plural(len(fs)), why)
}

func plural(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// Worst combines the outcomes of several settings that must all hold: the
// first failure or error decides, then the first undecided one, else a pass.
func Worst(outs ...engine.Outcome) engine.Outcome {
	var undecided *engine.Outcome
	for i := range outs {
		switch outs[i].Status {
		case engine.StatusFail, engine.StatusError:
			return outs[i]
		case engine.StatusUnknown:
			if undecided == nil {
				undecided = &outs[i]
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}

// Unknown is the outcome of a deciding value that stays unknown until apply:
// undecided, at path, naming the attribute.
func Unknown(path string) engine.Outcome {
	return engine.Undecided(path, "%s is unknown until apply", Name(path))
}

// MapEntry reads key of a map attribute at n (metadata, labels) as a string
// field. Map keys are not schema attributes, so the entry is read from the
// raw value; its path is "<map>.<key>".
func MapEntry(n subject.Node, key string) subject.Field[string] {
	f := subject.Field[string]{Path: n.Path() + "." + key, Null: true}
	v := n.Value()
	switch v.Kind() {
	case subject.KindUnknown:
		return subject.Field[string]{Path: f.Path, Unknown: true}
	case subject.KindObject:
		e, ok := v.Attr(key)
		switch {
		case !ok || e.IsNull():
		case e.IsUnknown():
			f.Null, f.Unknown = false, true
		case e.Kind() == subject.KindString:
			_, sn := subject.Decode(e)
			f = sn.String("")
			f.Path = n.Path() + "." + key
		default:
			f.Null, f.V = false, e.GoString()
		}
	}
	return f
}

// Truthy reports whether a metadata value means true ("true", "TRUE", "1",
// "yes", "on").
func Truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "y", "on":
		return true
	}
	return false
}
