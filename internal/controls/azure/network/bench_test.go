package network

import (
	"fmt"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// BenchmarkNSGExposure judges the four exposure controls on one NSG of 200
// inbound rules (Allows of private and partner ranges, Denies of public
// blocks, several destinations), as a large hub NSG has.
func BenchmarkNSGExposure(b *testing.B) {
	b.Run("private-allows", func(b *testing.B) { benchNSG(b, "10.%d.0.0/16") })
	b.Run("public-allows", func(b *testing.B) { benchNSG(b, "20.%d.0.0/16") })
}

// benchNSG builds the NSG with allow sources from the allow format.
func benchNSG(b *testing.B, allow string) {
	field := func(v string) subject.Field[string] { return subject.Field[string]{V: v, Path: "x"} }
	g := group{Ordered: true}
	for i := 0; i < 200; i++ {
		access, src := "Allow", fmt.Sprintf(allow, i)
		if i%3 == 0 {
			access, src = "Deny", fmt.Sprintf("%d.0.0.0/8", 1+i%200)
		}
		g.Rules = append(g.Rules, rule{
			Path: fmt.Sprintf("security_rule[%d]", i), Priority: subject.Field[int64]{V: int64(100 + i)},
			Direction: field("Inbound"), Access: field(access), Protocol: field("*"),
			Sources: []subject.Field[string]{field(src)}, Ports: []subject.Field[string]{field(fmt.Sprintf("%d-%d", i*10, i*10+100))},
			Dests: []subject.Field[string]{field(fmt.Sprintf("10.200.%d.0/24", i%8))},
		})
	}
	checks := Checks()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range checks {
			_ = c.Eval(g)
		}
	}
}
