package schema_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/fixture"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/inputcheck"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// The schemas the evaluators are held to (see providers/README.md): for AWS
// the real provider these machines carry and the current major version.
var schemaFiles = []string{"aws-5.100.0", "aws-6.47.0", "azurerm-4.79.0", "google-6.50.0", "azuread-3.7.0", "github-6.9.1"}

// parts maps the keys of the baseline's own composite values to the provider
// resource each key holds: an S3 bucket judged with its companions, and a
// VPC with its flow logs.
var parts = map[string]map[string]string{
	"aws_s3_bucket_posture": {
		"bucket":                               "aws_s3_bucket",
		"acl":                                  "aws_s3_bucket_acl",
		"policy":                               "aws_s3_bucket_policy",
		"public_access_block":                  "aws_s3_bucket_public_access_block",
		"ownership_controls":                   "aws_s3_bucket_ownership_controls",
		"server_side_encryption_configuration": "aws_s3_bucket_server_side_encryption_configuration",
		"logging":                              "aws_s3_bucket_logging",
		"versioning":                           "aws_s3_bucket_versioning",
	},
	"aws_vpc": {"flow_logs": "aws_flow_log"},
}

// summaries are resource types of the baseline's own that no provider has:
// aws_account is the account facts live mode reads (root MFA, root keys).
var summaries = []string{"aws_account"}

type provider struct {
	name   string // "aws 5.100.0"
	prefix string // of the resource types it holds: "aws_"
	*schema.Provider
}

// covers reports whether resource type rt belongs to p's provider.
func (p provider) covers(rt string) bool { return strings.HasPrefix(rt, p.prefix) }

func loadSchemas(t *testing.T) []provider {
	t.Helper()
	var out []provider
	for _, f := range schemaFiles {
		p, err := schema.Load(filepath.Join("providers", f+".json.gz"))
		if err != nil {
			t.Fatal(err)
		}
		name, version, _ := strings.Cut(f, "-")
		out = append(out, provider{name + " " + version, name + "_", p})
	}
	return out
}

func (p provider) block(rt string) *schema.Block {
	if b, ok := p.Resources[rt]; ok {
		return b
	}
	return p.DataSources[rt]
}

// resolve finds the block and path an attribute path of rt names, going
// into the part a composite key holds. It returns a nil block for paths the
// schema cannot hold (the composite's own keys, summaries).
func (p provider) resolve(rt, path string) (*schema.Block, string) {
	key, rest, _ := strings.Cut(path, ".")
	if part, ok := parts[rt][strings.TrimSuffix(key, "[*]")]; ok {
		if rest == "" {
			return nil, "" // the composite's own key
		}
		return p.block(part), rest
	}
	return p.block(rt), path
}

func loadFixtures(t *testing.T) []fixture.Fixture {
	t.Helper()
	fx, err := fixture.Load(os.DirFS("../controls"), "*/*/fixtures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func engineT(t *testing.T) *engine.Engine {
	t.Helper()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestSchema_resourceTypesExist: every resource type of the catalog is a
// resource (or data source) of both schemas, or a composite or summary of the
// baseline's own.
func TestSchema_resourceTypesExist(t *testing.T) {
	eng := engineT(t)
	for _, p := range loadSchemas(t) {
		for _, c := range eng.Controls() {
			for _, rt := range c.ResourceTypes {
				if p.covers(rt) && p.block(rt) == nil && !slices.Contains(summaries, rt) && rt != "aws_s3_bucket_posture" {
					t.Errorf("%s has no resource type %s (control %s)", p.name, rt, c.ID)
				}
			}
		}
	}
}

// reads runs every fixture, as written and completed from each schema, and
// records per resource type the attribute paths (as patterns) decoders read
// and how.
func reads(t *testing.T, eng *engine.Engine, ps []provider) map[string]map[string][]string {
	t.Helper()
	out := map[string]map[string][]string{}
	var rt string
	stop := subject.RecordReads(func(path, as string) {
		pat := subject.Pattern(path)
		if out[rt] == nil {
			out[rt] = map[string][]string{}
		}
		if as != "" && !slices.Contains(out[rt][pat], as) {
			out[rt][pat] = append(out[rt][pat], as)
		} else if _, ok := out[rt][pat]; !ok {
			out[rt][pat] = nil
		}
	})
	defer stop()
	for _, f := range loadFixtures(t) {
		rt = f.ResourceType
		_, _ = eng.Evaluate(rt, f.Values, engine.Options{})
		for _, p := range ps {
			if p.covers(rt) {
				_, _ = eng.Evaluate(rt, complete(p, rt, f.Values), engine.Options{})
			}
		}
	}
	return out
}

// compatible reports whether a decoder reading a value as `as` can read what
// the schema found there.
func compatible(as string, f schema.Found) bool {
	if f.Block != nil {
		return as == "" || as == "block" || as == "sequence"
	}
	k := f.Type.Kind
	switch as {
	case "", "string":
		return true // every primitive converts to a string
	case "bool":
		return k == "bool" || k == "string"
	case "number":
		return k == "number" || k == "string"
	case "strings":
		return (k == "list" || k == "set") && (f.Type.Elem.Kind == "string" || f.Type.Elem.Kind == "dynamic")
	case "sequence":
		return k == "list" || k == "set" || k == "object"
	case "block":
		return k == "object" || ((k == "list" || k == "set") && f.Type.Elem.Kind == "object")
	}
	return false
}

// TestSchema_readsExist: every attribute path an evaluator reads exists in
// both schemas with a type the decoder can read.
func TestSchema_readsExist(t *testing.T) {
	eng, ps := engineT(t), loadSchemas(t)
	got := reads(t, eng, ps)
	n := 0
	for rt, paths := range got {
		for path, kinds := range paths {
			for _, p := range ps {
				b, sub := p.resolve(rt, path)
				if b == nil || !p.covers(rt) {
					continue
				}
				n++
				f, err := b.Lookup(sub)
				if err != nil {
					t.Errorf("%s: %s: an evaluator reads %s, which the schema does not have: %v", p.name, rt, path, err)
					continue
				}
				for _, as := range kinds {
					if !compatible(as, f) {
						t.Errorf("%s: %s.%s is read as %s but the schema has %+v", p.name, rt, path, as, f)
					}
				}
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d attribute reads checked against the schemas", n)
	}
}

// TestSchema_meanings: every attribute meaning in attributes.yaml names a
// path of both schemas, "elsewhere" only a collection, and every computed
// attribute an evaluator reads has its meaning decided explicitly.
func TestSchema_meanings(t *testing.T) {
	eng, ps := engineT(t), loadSchemas(t)
	attrs, err := catalog.Attributes()
	if err != nil {
		t.Fatal(err)
	}
	decided := func(rt, path string) (catalog.Attribute, bool) {
		for p, a := range attrs[rt] {
			if strings.ReplaceAll(p, "[*]", "") == strings.ReplaceAll(path, "[*]", "") {
				return a, true
			}
		}
		return catalog.Attribute{}, false
	}
	for rt, paths := range attrs {
		for path, a := range paths {
			if slices.Contains(inputcheck.OlderNames[rt], strings.ReplaceAll(path, "[*]", "")) {
				continue // an older provider major's name (azurerm 3.x, google 5.x), absent from these schemas by design
			}
			for _, p := range ps {
				if !p.covers(rt) {
					continue
				}
				b, sub := p.resolve(rt, path)
				if b == nil {
					t.Errorf("attributes.yaml: %s.%s is not a path of a provider resource", rt, path)
					continue
				}
				f, err := b.Lookup(sub)
				if err != nil {
					t.Errorf("attributes.yaml: %s: %v", p.name, err)
					continue
				}
				collection := (f.Block != nil && f.Block.NestingMode != "single") || (f.Block == nil && f.Type.IsCollection())
				if a.Meaning().Unknown == subject.UnknownIsElsewhere && !collection {
					t.Errorf("attributes.yaml: %s.%s is read as declared elsewhere but is not a collection in %s", rt, path, p.name)
				}
			}
		}
	}
	for rt, paths := range reads(t, eng, ps) {
		for path := range paths {
			for _, p := range ps {
				b, sub := p.resolve(rt, path)
				if b == nil || !p.covers(rt) {
					continue
				}
				f, err := b.Lookup(sub)
				if err != nil || f.Attribute == nil || f.Inner || !f.Attribute.Computed || strings.HasSuffix(path, "[*]") {
					continue
				}
				if a, ok := decided(rt, path); !ok || a.Unknown == "" {
					t.Errorf("%s.%s is computed in %s: decide in attributes.yaml what an unknown value means (unknown, unset or elsewhere)", rt, path, p.name)
				}
			}
		}
	}
}

// complete completes fixture values of rt from p's schema, part by part for
// composites.
func complete(p provider, rt string, v subject.Value) subject.Value {
	if b := p.block(rt); b != nil {
		v = schema.Complete(b, v)
	}
	keys, ok := parts[rt]
	if !ok || v.Kind() != subject.KindObject {
		return v
	}
	out := map[string]subject.Value{}
	for _, name := range v.AttrNames() {
		cur, _ := v.Attr(name)
		if part, ok := keys[name]; ok {
			cur = completeEach(p.block(part), cur)
		}
		out[name] = cur
	}
	return subject.Object(out)
}

func completeEach(b *schema.Block, v subject.Value) subject.Value {
	if v.Kind() != subject.KindList {
		return schema.Complete(b, v)
	}
	elems := make([]subject.Value, len(v.Elems()))
	for i, e := range v.Elems() {
		elems[i] = schema.Complete(b, e)
	}
	return subject.List(elems...)
}

// TestSchema_completedFixtures runs every fixture completed from each schema
// as the SDK plans it: the verdict must stay the fixture's.
func TestSchema_completedFixtures(t *testing.T) {
	eng, ps := engineT(t), loadSchemas(t)
	ran := 0
	for _, f := range loadFixtures(t) {
		for _, p := range ps {
			if f.Incomplete || !p.covers(f.ResourceType) || (p.block(f.ResourceType) == nil && parts[f.ResourceType] == nil) {
				continue
			}
			ran++
			v := complete(p, f.ResourceType, f.Values)
			verdict, err := eng.Evaluate(f.ResourceType, v, engine.Options{Controls: []string{f.Control}})
			if err != nil {
				t.Errorf("%s %q completed from %s: %v", f.File, f.Name, p.name, err)
				continue
			}
			got := "pass"
			for _, fd := range verdict.Findings {
				got = string(fd.Status)
			}
			if got != f.Want {
				t.Errorf("%s %q completed from %s: want %s, got %s; findings: %+v", f.File, f.Name, p.name, f.Want, got, verdict.Findings)
			}
		}
	}
	if ran < 600 {
		t.Fatalf("only %d completed fixtures ran", ran)
	}
}
