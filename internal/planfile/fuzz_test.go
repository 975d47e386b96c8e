package planfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzPlanReader reads arbitrary bytes as plan or state JSON: it never
// panics, fails only with an *Error, and every finding it returns names the
// instance it is about.
func FuzzPlanReader(f *testing.F) {
	for _, name := range []string{"modules-plan.json", "standin-azure-google-plan.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		stateDoc,
		planDoc(versioningSuspended, ""),
		`{"format_version":"1.0"}`,
		`{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"],"after":{"x":[1,{"y":null}]},"after_unknown":{"x":[true,{"y":true}]},"after_sensitive":{"x":true}}}]}`,
		`{"format_version":"1.2","prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_iam_policy_document.p","mode":"data","type":"aws_iam_policy_document","name":"p","values":{"json":"{}"}}]}}}}`,
		`{"format_version":"1.2","configuration":{"root_module":{"module_calls":{"m":{"module":{"resources":[{"address":"aws_s3_bucket_acl.a","type":"aws_s3_bucket_acl","expressions":{"bucket":{"references":["aws_s3_bucket.b[\"k\"]"]}}}]}}}}}}`,
		`[]`, `{`, `{"format_version":2}`,
	} {
		f.Add([]byte(s))
	}
	eng := testEngine(f)
	f.Fuzz(func(t *testing.T, doc []byte) {
		res, err := Read(bytes.NewReader(doc), Options{Engine: eng, Modules: []string{"*", "!module.x*"}})
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if res.Kind != KindPlan && res.Kind != KindState {
			t.Fatalf("kind %q", res.Kind)
		}
		for _, f := range res.Verdict.Findings {
			if f.Address == "" || res.Resources[f.Address] == nil {
				t.Fatalf("finding without a listed address: %+v", f)
			}
		}
	})
}
