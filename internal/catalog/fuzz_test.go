package catalog_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FuzzEvaluate feeds arbitrary JSON values to every planned resource type:
// decoding and judging must return a verdict or an error, never panic and
// never report an internal error.
func FuzzEvaluate(f *testing.F) {
	for _, seed := range []string{
		`{"ingress":[{"protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"]}]}`,
		`{"ingress":[{"protocol":"-1","cidr_blocks":"0.0.0.0/0"}]}`,
		`{"metadata_options":[{"http_tokens":"optional"},{"http_tokens":1}]}`,
		`{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]}"}`,
		`{"rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms"}]}]}`,
		`[]`, `"x"`, `{"a":{"b":[1,2,{"c":null}]}}`,
	} {
		f.Add(uint8(0), seed)
	}
	eng, err := catalog.Engine()
	if err != nil {
		f.Fatal(err)
	}
	types := eng.ResourceTypes()
	f.Fuzz(func(t *testing.T, pick uint8, doc string) {
		var x any
		if json.Unmarshal([]byte(doc), &x) != nil {
			return
		}
		v, err := subject.FromGo(x)
		if err != nil {
			return
		}
		rt := types[int(pick)%len(types)]
		for _, policy := range []engine.UnknownPolicy{engine.UnknownFail, engine.UnknownDefer} {
			verdict, err := eng.Evaluate(rt, v, engine.Options{Unknown: policy})
			if err != nil {
				if strings.Contains(err.Error(), "internal error") {
					t.Fatalf("%s: %v", rt, err)
				}
				continue
			}
			for _, fd := range verdict.Findings {
				if strings.Contains(fd.Message, "internal error") {
					t.Fatalf("%s: %s: %s", rt, fd.ControlID, fd.Message)
				}
			}
		}
	})
}
