package subject_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

var ruleType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"protocol":    tftypes.String,
	"from_port":   tftypes.Number,
	"cidr_blocks": tftypes.List{ElementType: tftypes.String},
}}

func rule(cidr tftypes.Value) tftypes.Value {
	return tftypes.NewValue(ruleType, map[string]tftypes.Value{
		"protocol":    tftypes.NewValue(tftypes.String, "tcp"),
		"from_port":   tftypes.NewValue(tftypes.Number, big.NewFloat(22)),
		"cidr_blocks": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{cidr}),
	})
}

// Sets, lists and tuples all decode into sequences; unknown stays explicit
// down to the element.
func TestFromTerraform_setsListsTuplesAndUnknown(t *testing.T) {
	known := rule(tftypes.NewValue(tftypes.String, "0.0.0.0/0"))
	unknown := rule(tftypes.NewValue(tftypes.String, tftypes.UnknownValue))
	for name, ingress := range map[string]tftypes.Value{
		"set":   tftypes.NewValue(tftypes.Set{ElementType: ruleType}, []tftypes.Value{known, unknown}),
		"list":  tftypes.NewValue(tftypes.List{ElementType: ruleType}, []tftypes.Value{known, unknown}),
		"tuple": tftypes.NewValue(tftypes.Tuple{ElementTypes: []tftypes.Type{ruleType, ruleType}}, []tftypes.Value{known, unknown}),
	} {
		t.Run(name, func(t *testing.T) {
			obj := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"ingress": ingress.Type(), "id": tftypes.String}},
				map[string]tftypes.Value{"ingress": ingress, "id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
			v, err := subject.FromTerraform(obj)
			if err != nil {
				t.Fatal(err)
			}
			if v.WhollyKnown() {
				t.Fatal("value with unknown id reported wholly known")
			}
			d, n := subject.Decode(v)
			seq := n.Get("ingress").Items()
			if len(seq.Items) != 2 || seq.Unknown {
				t.Fatalf("got %d items, unknown=%v", len(seq.Items), seq.Unknown)
			}
			var knownCIDRs, unknownCIDRs int
			for _, it := range seq.Items {
				c := it.Get("cidr_blocks").Strings().Items[0]
				if c.Unknown {
					unknownCIDRs++
				} else if c.V == "0.0.0.0/0" {
					knownCIDRs++
				}
				if p := it.Get("from_port").Int(0); p.V != 22 || p.Path != it.Path()+".from_port" {
					t.Fatalf("from_port = %+v", p)
				}
			}
			if knownCIDRs != 1 || unknownCIDRs != 1 {
				t.Fatalf("known %d, unknown %d", knownCIDRs, unknownCIDRs)
			}
			if !n.Get("id").String("").Unknown {
				t.Fatal("id should be unknown")
			}
			if d.Err() != nil {
				t.Fatal(d.Err())
			}
		})
	}
}

func TestDecode_typeErrorsNameThePath(t *testing.T) {
	v, _ := subject.FromGo(map[string]any{"ingress": []any{map[string]any{"from_port": "ssh", "cidr_blocks": "0.0.0.0/0"}}})
	d, n := subject.Decode(v)
	it := n.Get("ingress").Items().Items[0]
	it.Get("from_port").Int(0)
	it.Get("cidr_blocks").Strings()
	if d.Err() == nil || !strings.Contains(d.Err().Error(), `ingress[0].from_port: expected number, got string "ssh"`) {
		t.Fatalf("err = %v", d.Err())
	}
}

func TestDecode_defaultsAndConversions(t *testing.T) {
	v, _ := subject.FromGo(map[string]any{"a": "true", "n": "42", "s": 3.0, "block": []any{map[string]any{"x": "y"}}})
	d, n := subject.Decode(v)
	if f := n.Get("a").Bool(false); !f.V || f.Null {
		t.Fatalf("a = %+v", f)
	}
	if f := n.Get("missing").Bool(true); !f.V || !f.Null {
		t.Fatalf("missing = %+v", f)
	}
	if f := n.Get("n").Int(0); f.V != 42 {
		t.Fatalf("n = %+v", f)
	}
	if f := n.Get("s").String(""); f.V != "3" {
		t.Fatalf("s = %+v", f)
	}
	if f := n.Get("block").Get("x").String(""); f.V != "y" || f.Path != "block[0].x" {
		t.Fatalf("block.x = %+v", f)
	}
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
}

func TestTri(t *testing.T) {
	u, tr, fa := subject.Unknown, subject.True, subject.False
	if u.And(fa) != fa || u.And(tr) != u || u.Or(tr) != tr || u.Or(fa) != u || u.Not() != u || tr.Not() != fa {
		t.Fatal("Kleene logic broken")
	}
}
