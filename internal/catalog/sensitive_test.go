package catalog

import (
	"os"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/fixture"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// TestSensitiveValues_schemaPaths: the sensitive attributes come from the
// provider schemas, nested blocks included.
func TestSensitiveValues_schemaPaths(t *testing.T) {
	v, err := subject.FromGo(map[string]any{
		"password": "db-secret-1", "username": "admin",
		"master_user_secret": []any{map[string]any{"secret_arn": "arn:x"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := SensitiveValues("aws_db_instance", v)
	if len(got) != 1 || got[0] != "db-secret-1" {
		t.Errorf("SensitiveValues(aws_db_instance) = %q, want the password only", got)
	}
	if got := SensitiveValues("baseline_unknown_type", v); len(got) != 0 {
		t.Errorf("a type without a schema has sensitive values %q", got)
	}
}

// TestFixtures_sensitiveValuesRedacted runs every fixture of a resource type
// with sensitive attributes with each of them set to a recognisable secret:
// no finding may carry it.
func TestFixtures_sensitiveValuesRedacted(t *testing.T) {
	eng, err := Engine()
	if err != nil {
		t.Fatal(err)
	}
	fx, err := fixture.Load(os.DirFS("../controls"), "*/*/fixtures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const secret = "S3nsitive-Value-42"
	ran := 0
	for _, f := range fx {
		var top []string
		for _, steps := range pathsOf(f.ResourceType) {
			if len(steps) == 1 {
				top = append(top, steps[0])
			}
		}
		if len(top) == 0 || f.Values.Kind() != subject.KindObject {
			continue
		}
		attrs := map[string]subject.Value{}
		for _, n := range f.Values.AttrNames() {
			attrs[n], _ = f.Values.Attr(n)
		}
		for _, n := range top {
			attrs[n] = subject.String(secret)
		}
		v, err := eng.Evaluate(f.ResourceType, subject.Object(attrs), engine.Options{})
		if err != nil {
			continue // an error fixture
		}
		ran++
		for _, line := range v.Violations(engine.UnknownFail) {
			if strings.Contains(line, secret) {
				t.Errorf("%s %q: %s", f.File, f.Name, line)
			}
		}
	}
	if ran < 20 {
		t.Fatalf("only %d fixtures of types with sensitive attributes ran", ran)
	}
}

// TestVerdict_Redact: raw, %q-quoted and short values.
func TestVerdict_Redact(t *testing.T) {
	v := engine.Verdict{Findings: []engine.Finding{
		{Message: `password is "pa\"ss" and raw pa"ss; token abc is "abc"; other text`},
	}}
	v.Redact([]string{`pa"ss`, "abc", ""})
	got := v.Findings[0].Message
	want := `password is (sensitive value) and raw (sensitive value); token abc is (sensitive value); other text`
	if got != want {
		t.Errorf("Redact = %q\nwant      %q", got, want)
	}
}
