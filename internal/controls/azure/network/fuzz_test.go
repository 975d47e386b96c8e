package network

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FuzzNSGExposure runs the NSG exposure walk on a rule made of fuzzed
// fields, alone and after a Deny of another fuzzed source: it never panics,
// every outcome has a known status, and an inbound Tcp Allow of port 22 from
// a source World counts as the internet fails when judged alone.
func FuzzNSGExposure(f *testing.F) {
	for _, s := range [][4]string{{"*", "22", "Tcp", "Inbound"}, {"0.0.0.0/1", "20-30", "*", "Inbound"}, {"Internet", "*", "Udp", "Outbound"}, {"10.0.0.0/8", "x", "Tcp", "Inbound"}, {"AzureCloud", "22", "Esp", "Inbound"}} {
		f.Add(s[0], s[1], s[2], s[3], "128.0.0.0/1", int64(100), int64(200))
	}
	f.Fuzz(func(t *testing.T, src, port, proto, dir, denySrc string, denyPrio, allowPrio int64) {
		field := func(v string) subject.Field[string] { return subject.Field[string]{V: v, Path: "x"} }
		allow := rule{Path: "allow", Priority: subject.Field[int64]{V: allowPrio}, Direction: field(dir), Access: field("Allow"), Protocol: field(proto),
			Sources: []subject.Field[string]{field(src)}, Ports: []subject.Field[string]{field(port)}}
		deny := rule{Path: "deny", Priority: subject.Field[int64]{V: denyPrio}, Direction: field("Inbound"), Access: field("Deny"), Protocol: field("*"),
			Sources: []subject.Field[string]{field(denySrc)}, Ports: []subject.Field[string]{field("*")}}
		for _, c := range Checks() {
			for _, g := range []group{{Rules: []rule{allow}}, {Rules: []rule{deny, allow}, Ordered: true}} {
				switch o := c.Eval(g); o.Status {
				case engine.StatusPass, engine.StatusFail, engine.StatusUnknown, engine.StatusError:
				default:
					t.Fatalf("%s: status %q", c.Control, o.Status)
				}
			}
		}
		single := exposure("SSH", []string{"tcp"}, 22)(group{Rules: []rule{{Path: "r", Priority: subject.Field[int64]{V: 100}, Direction: field("Inbound"), Access: field("Allow"), Protocol: field("Tcp"),
			Sources: []subject.Field[string]{field(src)}, Ports: []subject.Field[string]{field("22")}}}})
		if world(src) && single.Status != engine.StatusFail {
			t.Fatalf("an Allow of SSH from %q (the internet) is %s: %s", src, single.Status, single.Message)
		}
	})
}
