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
		`{"state":"enabled","conditions":[{"client_app_types":["other"],"users":[{"included_roles":["r"],"excluded_users":["All"]}]}],"grant_controls":[{"built_in_controls":["mfa"],"authentication_strength_policy_id":"/x/00000000-0000-0000-0000-000000000002"}],"session_controls":[{"sign_in_frequency":9,"sign_in_frequency_period":"days"}]}`,
		`{"start_date":"2026-01-01T00:00:00Z","end_date":"not a date","end_date_relative":"-5h","ip":[{"ip_ranges":["10.0.0.0/8","x"],"trusted":true}]}`,
		`{"configuration":[{"url":"http://%zz","insecure_ssl":true}],"target":"branch","conditions":[{"ref_name":[{"include":["~ALL"]}]}],"rules":[{"pull_request":[{"required_approving_review_count":-1}]}],"bypass_actors":[{"bypass_mode":1}]}`,
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
