package definition

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FuzzPath: any attribute path parses or is refused, resolves in a schema or
// is refused, and walks any value, without a panic; a parsed path renders
// back to a path that parses to the same steps.
func FuzzPath(f *testing.F) {
	for _, p := range []string{"ingress[*].cidr_blocks[*]", "tags.data-classification", `tags["kubernetes.io/role"]`, "metadata_options.http_tokens", "a..b", "[*]", `x["`, "egress[*][*]"} {
		f.Add(p)
	}
	ps, err := schema.For("aws_security_group")
	if err != nil || len(ps) == 0 {
		f.Fatal(ps, err)
	}
	block, _, err := ps[0].Resource("aws_security_group")
	if err != nil {
		f.Fatal(err)
	}
	v, err := subject.FromGo(map[string]any{"ingress": []any{map[string]any{"cidr_blocks": []any{"10.0.0.0/8"}}}, "tags": map[string]any{"a": "b"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, p string) {
		steps, err := parsePath(p)
		if err != nil {
			return
		}
		again, err := parsePath(joinSteps(steps))
		if err != nil || len(again) != len(steps) {
			t.Fatalf("%q renders as %q, which parses to %v (%v)", p, joinSteps(steps), again, err)
		}
		if marked, _, err := lookup(block, true, steps); err == nil {
			steps = marked
		}
		_, root := subject.Decode(v)
		e := newEvaluation(root)
		l := e.of(pathKey(steps), steps)
		for _, x := range l.list {
			_ = l.at(x)
		}
	})
}
