package catalog

import (
	"sort"
	"sync"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// sensitivePaths holds, per resource type, the attribute paths that any
// embedded provider schema marks sensitive ("password",
// "master_user_secret[*].kms_key_id"); generated into sensitive_paths.go by
// `go test ./internal/catalog -run TestSensitivePaths -update` so that a plan
// never decodes a whole provider schema to find them. TestSensitivePaths
// fails when the embedded schemas and the table disagree.
var splitPaths = sync.OnceValue(func() map[string][][]string {
	out := make(map[string][][]string, len(sensitivePaths))
	for rt, paths := range sensitivePaths {
		for _, p := range paths {
			steps, err := subject.SplitPath(p)
			if err == nil {
				out[rt] = append(out[rt], steps)
			}
		}
	}
	return out
})

func pathsOf(rt string) [][]string { return splitPaths()[rt] }

// schemaSensitivePaths reads the sensitive attribute paths of every resource
// type from the embedded schemas (what sensitive_paths.go is generated from).
func schemaSensitivePaths() (map[string][]string, error) {
	all, err := schema.Embedded()
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	seen := map[string]bool{}
	for _, s := range all {
		for _, rt := range s.ResourceTypes() {
			b, ok, err := s.Resource(rt)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			collectSensitive(b, "", func(p string) {
				if !seen[rt+" "+p] {
					seen[rt+" "+p] = true
					out[rt] = append(out[rt], p)
				}
			})
		}
	}
	for _, ps := range out {
		sort.Strings(ps)
	}
	return out, nil
}

func collectSensitive(b *schema.Block, prefix string, emit func(string)) {
	if b == nil {
		return
	}
	for name, a := range b.Attributes {
		if a.Sensitive {
			emit(prefix + name)
		}
	}
	for name, nb := range b.BlockTypes {
		collectSensitive(nb.Block, prefix+name+"[*].", emit)
	}
}

// SensitiveValues returns the string values that v, planned values of
// resource type rt, holds at attributes the provider schema marks sensitive
// (aws_db_instance.password, …), every string inside a sensitive collection
// or object included. The engine removes them from finding messages.
func SensitiveValues(rt string, v subject.Value) []string {
	var out []string
	for _, steps := range pathsOf(rt) {
		walkSteps(v, steps, func(leaf subject.Value) { collectStrings(leaf, &out) })
	}
	return out
}

// walkSteps calls fn with each value of v at steps; a "[*]" step, or a
// sequence met where an attribute is asked for (a nested block planned as a
// list), goes through every element.
func walkSteps(v subject.Value, steps []string, fn func(subject.Value)) {
	if len(steps) == 0 {
		fn(v)
		return
	}
	switch v.Kind() {
	case subject.KindList:
		rest := steps
		if steps[0] == "[*]" {
			rest = steps[1:]
		}
		for _, e := range v.Elems() {
			walkSteps(e, rest, fn)
		}
	case subject.KindObject:
		if steps[0] == "[*]" {
			walkSteps(v, steps[1:], fn) // a block written as one object
			return
		}
		if a, ok := v.Attr(steps[0]); ok {
			walkSteps(a, steps[1:], fn)
		}
	}
}

// collectStrings appends every string inside v.
func collectStrings(v subject.Value, out *[]string) {
	switch v.Kind() {
	case subject.KindList:
		for _, e := range v.Elems() {
			collectStrings(e, out)
		}
	case subject.KindObject:
		for _, n := range v.AttrNames() {
			a, _ := v.Attr(n)
			collectStrings(a, out)
		}
	default:
		if t, ok := v.Text(); ok {
			*out = append(*out, t)
		}
	}
}
