package definition_test

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FuzzParse feeds arbitrary documents to the definition parser and compiler,
// and judges what compiles on a few values: problems are fine, panics are not,
// and a compiled definition's canonical spec must compile again to the same.
func FuzzParse(f *testing.F) {
	f.Add([]byte(teamBaseline))
	f.Add([]byte("controls:\n  - id: acme-x\n    title: X\n    severity: high\n    resource_types: [aws_security_group]\n    condition: { attribute: 'ingress[*].cidr_blocks[*]', op: not_world }\n"))
	f.Add([]byte("controls:\n  - id: acme-y\n    title: Y\n    severity: low\n    resource_types: [aws_s3_bucket]\n    condition: { none: [{ attribute: 'tags[\"a.b\"]', op: matches, value: 'x(' }] }\n"))
	f.Add([]byte(`{"controls":[{"id":"acme-z","title":"Z","severity":"info","resource_types":["aws_instance"],"condition":{"when":{"attribute":"tags.env","op":"equals","value":"prod"},"attribute":"instance_type","op":"in","value":["t3.micro"]}}]}`))
	f.Add([]byte("select: { baseline: foundational, exclude_controls: [aws-ec2-instance-imdsv2] }\nseverities: { aws-s3-bucket-access-logging: high }\n"))
	f.Add([]byte("controls: [&a {id: x}, *a]\n"))
	base, err := catalog.Engine()
	if err != nil {
		f.Fatal(err)
	}
	values := []subject.Value{subject.Null(), subject.UnknownValue()}
	for _, g := range []map[string]any{
		{"ingress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0", 7}, "description": nil}}, "tags": map[string]any{"a.b": "x", "env": "prod"}, "instance_type": "t3.micro"},
		{"ingress": "oops", "tags": []any{1, true}, "instance_type": []any{}},
	} {
		v, err := subject.FromGo(g)
		if err != nil {
			f.Fatal(err)
		}
		values = append(values, v)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		spec, probs := definition.Parse(definition.Source{Name: "fuzz.yaml", Document: doc})
		for _, p := range probs {
			if p.Error() == "" {
				t.Fatal("empty problem")
			}
		}
		if len(probs) > 0 {
			return
		}
		c, probs := definition.Compile(base, spec)
		if len(probs) > 0 {
			return
		}
		again, err := definition.Load(base, c.Spec)
		if err != nil {
			t.Fatalf("canonical spec does not compile: %v\n%s", err, c.Spec)
		}
		if again.Spec != c.Spec {
			t.Fatalf("canonical spec changed:\n%s\n%s", c.Spec, again.Spec)
		}
		for _, id := range c.Custom {
			ctl, _ := c.Engine.Control(id)
			for _, rt := range ctl.ResourceTypes {
				for _, v := range values {
					// Errors on values of the wrong shape are fine; panics are not.
					_, _ = c.Engine.Evaluate(rt, v, engine.Options{Controls: c.Custom})
				}
			}
		}
	})
}
