package definition_test

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition/deftest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// BenchmarkCustomControls: 200 custom controls on one security group of
// 1,000 ingress entries, through the engine. Target: under 5 ms per call.
func BenchmarkCustomControls(b *testing.B) {
	base, err := catalog.Engine()
	if err != nil {
		b.Fatal(err)
	}
	spec, probs := definition.Parse(definition.Source{Name: "bench.yaml", Document: []byte(deftest.BenchSpec(200))})
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	c, probs := definition.Compile(base, spec)
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	v := deftest.BenchValues(1000)
	opts := engine.Options{Controls: c.Custom}
	verdict, err := c.Engine.Evaluate("aws_security_group", v, opts)
	if err != nil || verdict.Passed != 200 {
		b.Fatalf("want 200 passing controls, got %+v %v", verdict, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Engine.Evaluate("aws_security_group", v, opts); err != nil {
			b.Fatal(err)
		}
	}
}
