package planfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

func testEngine(t testing.TB) *engine.Engine {
	t.Helper()
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func readString(t *testing.T, doc string, opts Options) *Result {
	t.Helper()
	if opts.Engine == nil {
		opts.Engine = testEngine(t)
	}
	res, err := Read(strings.NewReader(doc), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// find returns the findings of control id on address.
func find(res *Result, address, id string) []engine.Finding {
	var out []engine.Finding
	for _, f := range res.Verdict.Findings {
		if f.Address == address && f.ControlID == id {
			out = append(out, f)
		}
	}
	return out
}

func only(t *testing.T, res *Result, address, id string) engine.Finding {
	t.Helper()
	fs := find(res, address, id)
	if len(fs) != 1 {
		var got []string
		for _, f := range res.Verdict.Findings {
			got = append(got, f.Line())
		}
		t.Fatalf("want one finding %s on %s, got %d; findings:\n%s", id, address, len(fs), strings.Join(got, "\n"))
	}
	return fs[0]
}

// TestReadFile_terraformPlanWithModules reads `terraform show -json` of a
// saved plan (Terraform 1.11, hashicorp/aws 5.100.0): a root module calling
// one local child module twice, a VPC with its flow log, an IAM policy
// document read at plan and a database with a sensitive password.
func TestReadFile_terraformPlanWithModules(t *testing.T) {
	res, err := ReadFile(filepath.Join("testdata", "modules-plan.json"), Options{Engine: testEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != KindPlan || res.FormatVersion != "1.2" || !strings.HasPrefix(res.TerraformVersion, "1.") {
		t.Errorf("kind %q format %q version %q", res.Kind, res.FormatVersion, res.TerraformVersion)
	}
	// The companion in the child module carries the posture finding.
	f := only(t, res, "module.legacy.aws_s3_bucket_versioning.this", "aws-s3-bucket-versioning")
	if f.Status != engine.StatusFail || f.ModuleAddress != "module.legacy" || f.Attribute != "versioning_configuration[0].status" ||
		f.ResourceType != "aws_s3_bucket_versioning" || !strings.Contains(f.Line(), "module.legacy.aws_s3_bucket_versioning.this: aws-s3-bucket-versioning") {
		t.Errorf("versioning finding: %+v", f)
	}
	// The data source read at plan (in prior_state only) is judged.
	if f := only(t, res, "data.aws_iam_policy_document.admin", "aws-iam-no-admin-policy"); f.Status != engine.StatusFail {
		t.Errorf("policy document: %+v", f)
	}
	for _, f := range res.Verdict.Findings {
		if strings.HasPrefix(f.Address, "module.good.") {
			t.Errorf("the compliant module has a finding: %s", f.Line())
		}
		if strings.Contains(f.Address, "aws_flow_log") || strings.Contains(f.Address, "aws_vpc") {
			t.Errorf("the VPC has its flow log: %s", f.Line())
		}
		if strings.Contains(f.Message, "hunter2") {
			t.Errorf("a sensitive value is in a message: %s", f.Line())
		}
	}
	// Companions are judged with their bucket: the bucket passes every
	// posture control the companions satisfy; they appear as resources.
	if s := res.Resources["module.good.aws_s3_bucket.this"]; s == nil || s.Type != "aws_s3_bucket" || s.Passed != 8 {
		t.Errorf("good bucket summary: %+v", s)
	}
	for _, addr := range []string{"module.good.aws_s3_bucket_policy.this", "module.legacy.aws_s3_bucket_logging.this", "aws_flow_log.main"} {
		if s := res.Resources[addr]; s == nil || s.Failed != 0 {
			t.Errorf("%s: %+v", addr, s)
		}
	}
	if res.Verdict.Compliant || res.Verdict.Failed != 4 {
		t.Errorf("verdict compliant=%v failed=%d", res.Verdict.Compliant, res.Verdict.Failed)
	}
	for _, want := range []string{"aws_s3_bucket", "aws_s3_bucket_versioning", "aws_iam_policy_document", "aws_vpc", "aws_flow_log", "aws_db_instance"} {
		if !slices.Contains(res.ResourceTypes, want) {
			t.Errorf("resource_types lacks %s: %v", want, res.ResourceTypes)
		}
	}
	if len(res.UnjudgedTypes) != 0 {
		t.Errorf("unjudged: %v", res.UnjudgedTypes)
	}
}

// TestReadFile_standInPlan reads the plan JSON of the azurerm and google
// schema stand-ins (TestAccPlan_standInClouds wrote it).
func TestReadFile_standInPlan(t *testing.T) {
	res, err := ReadFile(filepath.Join("testdata", "standin-azure-google-plan.json"), Options{Engine: testEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	f := only(t, res, "azurerm_storage_account.open", "azure-storage-min-tls-1-2")
	if f.Attribute != "min_tls_version" || f.ModuleAddress != "" {
		t.Errorf("%+v", f)
	}
	if f := only(t, res, "google_storage_bucket.data", "google-storage-bucket-uniform-access"); f.Attribute != "uniform_bucket_level_access" {
		t.Errorf("%+v", f)
	}
	if !slices.Contains(res.UnjudgedTypes, "azurerm_resource_group") {
		t.Errorf("azurerm_resource_group has no control and should be unjudged: %v", res.UnjudgedTypes)
	}
}

// planDoc wraps resource changes (and a configuration) in a plan document.
func planDoc(changes, configuration string) string {
	if configuration == "" {
		configuration = `{"root_module":{}}`
	}
	return `{"format_version":"1.2","terraform_version":"1.11.0","planned_values":{"root_module":{}},"resource_changes":[` + changes +
		`],"configuration":` + configuration + `}`
}

const versioningSuspended = `{"address":"module.vendor.aws_s3_bucket_versioning.v","module_address":"module.vendor","mode":"managed","type":"aws_s3_bucket_versioning","name":"v",
 "change":{"actions":["create"],"after":{"bucket":"b1","expected_bucket_owner":null,"mfa":null,"versioning_configuration":[{"mfa_delete":null,"status":"Suspended"}]},
 "after_unknown":{"id":true,"versioning_configuration":[{}]},"after_sensitive":{"versioning_configuration":[{}]}}}`

func TestRead_unknownAfterIsUnknown(t *testing.T) {
	// status left out of after and marked unknown: the control is undecided.
	doc := planDoc(`{"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v",
 "change":{"actions":["create"],"after":{"bucket":"b1","versioning_configuration":[{"mfa_delete":null}]},
 "after_unknown":{"id":true,"versioning_configuration":[{"status":true}]}}}`, "")
	res := readString(t, doc, Options{})
	f := only(t, res, "aws_s3_bucket_versioning.v", "aws-s3-bucket-versioning")
	if f.Status != engine.StatusUnknown || res.Verdict.Compliant {
		t.Errorf("want unknown and non-compliant under fail: %+v compliant=%v", f, res.Verdict.Compliant)
	}
	res = readString(t, doc, Options{Eval: engine.Options{Unknown: engine.UnknownWarn}})
	if !res.Verdict.Compliant || res.Verdict.Unknown != 1 {
		t.Errorf("warn: compliant=%v unknown=%d", res.Verdict.Compliant, res.Verdict.Unknown)
	}
	// A wholly unknown after is unknown too.
	doc = planDoc(`{"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v",
 "change":{"actions":["create"],"after":{},"after_unknown":true}}`, "")
	if f := only(t, readString(t, doc, Options{}), "aws_s3_bucket_versioning.v", "aws-s3-bucket-versioning"); f.Status != engine.StatusUnknown {
		t.Errorf("wholly unknown: %+v", f)
	}
}

func TestRead_deletedAndDeposedAreNotJudged(t *testing.T) {
	bad := `"after":{"bucket":"b1","versioning_configuration":[{"status":"Suspended"}]}`
	doc := planDoc(`{"address":"aws_s3_bucket_versioning.gone","mode":"managed","type":"aws_s3_bucket_versioning","name":"gone","change":{"actions":["delete"],"after":null}},
 {"address":"aws_s3_bucket_versioning.old","mode":"managed","type":"aws_s3_bucket_versioning","name":"old","deposed":"abc","change":{"actions":["delete"],`+bad+`}},
 {"address":"aws_s3_bucket_versioning.kept","mode":"managed","type":"aws_s3_bucket_versioning","name":"kept","change":{"actions":["delete","create"],`+bad+`}}`, "")
	res := readString(t, doc, Options{})
	if len(res.Verdict.Findings) != 1 || res.Verdict.Findings[0].Address != "aws_s3_bucket_versioning.kept" {
		t.Errorf("findings: %+v", res.Verdict.Findings)
	}
	if _, ok := res.Resources["aws_s3_bucket_versioning.gone"]; ok {
		t.Error("a deleted instance is listed")
	}
}

func waiver(t *testing.T, id string, match map[string]string, expires string) engine.Waiver {
	t.Helper()
	w, err := engine.NewWaiver(id, "vendored", "platform", expires, match, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestRead_waiversByAddressAndModules(t *testing.T) {
	doc := planDoc(versioningSuspended+","+strings.ReplaceAll(strings.ReplaceAll(versioningSuspended, "module.vendor", "module.own"), `"b1"`, `"b2"`), "")
	cases := map[string]struct {
		opts   Options
		waived []string
		failed []string
	}{
		"none": {failed: []string{"module.own.aws_s3_bucket_versioning.v", "module.vendor.aws_s3_bucket_versioning.v"}},
		"byAddress": {
			opts:   Options{Eval: engine.Options{Waivers: engine.Waivers{waiver(t, "aws-s3-bucket-versioning", map[string]string{"address": "module.vendor.aws_s3_bucket_versioning.*"}, "2030-01-01")}}},
			waived: []string{"module.vendor.aws_s3_bucket_versioning.v"}, failed: []string{"module.own.aws_s3_bucket_versioning.v"},
		},
		"byModuleAndAttribute": {
			opts:   Options{Eval: engine.Options{Waivers: engine.Waivers{waiver(t, "aws-s3-bucket-versioning", map[string]string{"module_address": "module.*", "bucket": "b2"}, "2030-01-01")}}},
			waived: []string{"module.own.aws_s3_bucket_versioning.v"}, failed: []string{"module.vendor.aws_s3_bucket_versioning.v"},
		},
		"expiredWaiverStillFails": {
			opts:   Options{Eval: engine.Options{Waivers: engine.Waivers{waiver(t, "aws-s3-bucket-versioning", map[string]string{"address": "module.vendor.*"}, "2025-01-01")}}},
			failed: []string{"module.own.aws_s3_bucket_versioning.v", "module.vendor.aws_s3_bucket_versioning.v"},
		},
		"includeModule":   {opts: Options{Modules: []string{"module.own"}}, failed: []string{"module.own.aws_s3_bucket_versioning.v"}},
		"excludeModule":   {opts: Options{Modules: []string{"!module.own"}}, failed: []string{"module.vendor.aws_s3_bucket_versioning.v"}},
		"rootOnly":        {opts: Options{Modules: []string{"root"}}},
		"everyModuleGlob": {opts: Options{Modules: []string{"module.*", "!module.vendor"}}, failed: []string{"module.own.aws_s3_bucket_versioning.v"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res := readString(t, doc, c.opts)
			var waived, failed []string
			for _, f := range res.Verdict.Findings {
				switch f.Status {
				case engine.StatusWaived:
					waived = append(waived, f.Address)
				case engine.StatusFail:
					failed = append(failed, f.Address)
				}
			}
			slices.Sort(waived)
			slices.Sort(failed)
			if !slices.Equal(waived, c.waived) || !slices.Equal(failed, c.failed) {
				t.Errorf("waived %v failed %v; want %v and %v", waived, failed, c.waived, c.failed)
			}
			if res.Verdict.Compliant != (len(c.failed) == 0) {
				t.Errorf("compliant = %v", res.Verdict.Compliant)
			}
		})
	}
}

// TestRead_companionsByConfigurationReferences matches companions to their
// bucket through the configuration when the bucket names are unknown at plan
// (bucket_prefix), for counted instances too.
func TestRead_companionsByConfigurationReferences(t *testing.T) {
	bucket := func(i string) string {
		return `{"address":"module.m.aws_s3_bucket.b[` + i + `]","module_address":"module.m","mode":"managed","type":"aws_s3_bucket","name":"b","index":` + i + `,
 "change":{"actions":["create"],"after":{"bucket_prefix":"x","force_destroy":false,"tags":null},"after_unknown":{"bucket":true,"id":true,"acl":true,"policy":true,"versioning":true,"logging":true,"server_side_encryption_configuration":true}}}`
	}
	versioning := func(i, status string) string {
		return `{"address":"module.m.aws_s3_bucket_versioning.v[` + i + `]","module_address":"module.m","mode":"managed","type":"aws_s3_bucket_versioning","name":"v","index":` + i + `,
 "change":{"actions":["create"],"after":{"versioning_configuration":[{"status":"` + status + `"}]},"after_unknown":{"bucket":true,"id":true}}}`
	}
	config := `{"root_module":{"module_calls":{"m":{"module":{"resources":[
 {"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","expressions":{"bucket_prefix":{"constant_value":"x"}}},
 {"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","expressions":{"bucket":{"references":["aws_s3_bucket.b[count.index].id","aws_s3_bucket.b"]}}}]}}}}}`
	res := readString(t, planDoc(bucket("0")+","+bucket("1")+","+versioning("0", "Enabled")+","+versioning("1", "Suspended"), config), Options{})
	only(t, res, "module.m.aws_s3_bucket_versioning.v[1]", "aws-s3-bucket-versioning")
	if fs := find(res, "module.m.aws_s3_bucket.b[0]", "aws-s3-bucket-versioning"); len(fs) != 0 {
		t.Errorf("bucket 0 has its versioning: %+v", fs)
	}
	if fs := find(res, "module.m.aws_s3_bucket_versioning.v[0]", "aws-s3-bucket-versioning"); len(fs) != 0 {
		t.Errorf("versioning 0 is enabled: %+v", fs)
	}
	// Both buckets still lack logging: a missing companion fails on the bucket.
	if f := only(t, res, "module.m.aws_s3_bucket.b[1]", "aws-s3-bucket-access-logging"); f.Attribute != "logging" {
		t.Errorf("%+v", f)
	}
	// Without the configuration and with unknown names, the versioning cannot
	// be matched: it is judged on its own, and the bucket lacks versioning.
	res = readString(t, planDoc(bucket("0")+","+versioning("0", "Enabled"), ""), Options{})
	only(t, res, "module.m.aws_s3_bucket.b[0]", "aws-s3-bucket-versioning")
}

// stateDoc is a state with a bucket in a child module whose versioning
// is matched by its known bucket name, and a sensitive status.
const stateDoc = `{"format_version":"1.0","terraform_version":"1.11.0","values":{"outputs":{},"root_module":{
 "resources":[{"address":"aws_vpc.main","mode":"managed","type":"aws_vpc","name":"main","values":{"id":"vpc-1","cidr_block":"10.0.0.0/16"},"sensitive_values":{}}],
 "child_modules":[{"resources":[
  {"address":"module.app.aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","values":{"id":"app-bucket","bucket":"app-bucket","acl":null,"policy":""},"sensitive_values":{}},
  {"address":"module.app.aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v","values":{"id":"app-bucket","bucket":"app-bucket","versioning_configuration":[{"status":"SuspendedSecretly","mfa_delete":""}]},
   "sensitive_values":{"versioning_configuration":[{"status":true}]}}
 ],"address":"module.app","child_modules":[{"address":"module.app.module.deep","resources":[
  {"address":"module.app.module.deep.aws_flow_log.f","mode":"managed","type":"aws_flow_log","name":"f","values":{"vpc_id":"vpc-9","traffic_type":"ACCEPT"},"sensitive_values":{}}]}]}]}}}`

func TestRead_state(t *testing.T) {
	res := readString(t, stateDoc, Options{})
	if res.Kind != KindState {
		t.Errorf("kind %q", res.Kind)
	}
	f := only(t, res, "module.app.aws_s3_bucket_versioning.v", "aws-s3-bucket-versioning")
	if strings.Contains(f.Message, "SuspendedSecretly") || !strings.Contains(f.Message, Redacted) || strings.Contains(f.Line(), "SuspendedSecretly") {
		t.Errorf("the sensitive status is quoted: %q", f.Message)
	}
	// The VPC has no flow log of its own; the nested module's flow log is
	// for another VPC and is judged alone.
	only(t, res, "aws_vpc.main", "aws-vpc-flow-logs-enabled")
	if g := only(t, res, "module.app.module.deep.aws_flow_log.f", "aws-vpc-flow-logs-enabled"); g.ModuleAddress != "module.app.module.deep" {
		t.Errorf("%+v", g)
	}
	// Modules select nested modules through their parents.
	res = readString(t, stateDoc, Options{Modules: []string{"module.app", "!module.app.module.deep"}})
	if len(find(res, "module.app.module.deep.aws_flow_log.f", "aws-vpc-flow-logs-enabled")) != 0 || len(find(res, "aws_vpc.main", "aws-vpc-flow-logs-enabled")) != 0 {
		t.Errorf("module selection: %+v", res.Verdict.Findings)
	}
	only(t, res, "module.app.aws_s3_bucket_versioning.v", "aws-s3-bucket-versioning")
	// An empty state is a state with nothing in it.
	res = readString(t, `{"format_version":"1.0"}`, Options{})
	if res.Kind != KindState || len(res.Resources) != 0 || !res.Verdict.Compliant {
		t.Errorf("empty state: %+v", res)
	}
}

func TestRead_errors(t *testing.T) {
	plan, err := os.ReadFile(filepath.Join("testdata", "modules-plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		doc     string
		problem string
	}{
		"empty":           {"", ProblemNotPlan},
		"notJSON":         {"Terraform will perform the following actions:", ProblemNotJSON},
		"array":           {`[{"format_version":"1.2"}]`, ProblemNotPlan},
		"otherJSON":       {`{"name":"package.json","version":"1.0.0"}`, ProblemNotPlan},
		"futureFormat":    {`{"format_version":"2.0","resource_changes":[]}`, ProblemUnsupported},
		"badFormat":       {`{"format_version":"one"}`, ProblemUnsupported},
		"truncated":       {string(plan[:len(plan)/2]), ProblemTruncated},
		"truncatedInTop":  {`{"format_version":"1.2","resource_changes":[`, ProblemTruncated},
		"wrongShape":      {`{"format_version":"1.2","resource_changes":{"a":1}}`, ProblemMalformed},
		"wrongChange":     {`{"format_version":"1.2","resource_changes":[{"address":1}]}`, ProblemMalformed},
		"noType":          {`{"format_version":"1.2","resource_changes":[{"change":{"actions":["create"],"after":{}}}]}`, ProblemMalformed},
		"syntaxInsideRes": {`{"format_version":"1.2","resource_changes":[{"address":"a.b",}]}`, ProblemNotJSON},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.doc), Options{Engine: testEngine(t)})
			var pe *Error
			if !errors.As(err, &pe) || pe.Problem != c.problem {
				t.Fatalf("want %q, got %v", c.problem, err)
			}
		})
	}
	_, err = ReadFile(filepath.Join(t.TempDir(), "missing.json"), Options{Engine: testEngine(t)})
	var pe *Error
	if !errors.As(err, &pe) || pe.Problem != ProblemMissing || !strings.Contains(err.Error(), "terraform show -json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		p, s string
		ok   bool
	}{
		{"module.legacy.aws_s3_bucket.*", "module.legacy.aws_s3_bucket.logs[0]", true},
		{"module.legacy.aws_s3_bucket.*", "module.other.aws_s3_bucket.logs", false},
		{`module.app["eu"].*`, `module.app["eu"].aws_vpc.x`, true},
		{`module.app["eu"].*`, `module.app["us"].aws_vpc.x`, false},
		{"*", "", true},
		{"a?c", "abc", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
	} {
		if got := Glob(c.p, c.s); got != c.ok {
			t.Errorf("Glob(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

func TestModuleOfAndStripKeys(t *testing.T) {
	in := &instance{Address: `module.a["x.y"].module.b[0].aws_s3_bucket.aws_s3_bucket[1]`, Type: "aws_s3_bucket", Name: "aws_s3_bucket", Mode: "managed"}
	if got := moduleOf(in); got != `module.a["x.y"].module.b[0]` {
		t.Errorf("moduleOf = %q", got)
	}
	if got := stripKeys(`module.a["x]y"].module.b[0]`); got != "module.a.module.b" {
		t.Errorf("stripKeys = %q", got)
	}
	in = &instance{Address: "data.aws_iam_policy_document.p", Type: "aws_iam_policy_document", Name: "p", Mode: "data"}
	if got := moduleOf(in); got != "" {
		t.Errorf("moduleOf data = %q", got)
	}
}

// TestReadFile_publicPlans reads `terraform show -json` outputs committed to
// a public repository (testdata/README.md): types without controls are
// listed as unjudged, deletions are not judged.
func TestReadFile_publicPlans(t *testing.T) {
	res, err := ReadFile(filepath.Join("testdata", "public", "ovsds-tf-plan-format-sensitive.json"), Options{Engine: testEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.TerraformVersion != "1.7.5" || !slices.Equal(res.UnjudgedTypes, []string{"random_bytes"}) || res.Resources["random_bytes.test"] == nil || len(res.Verdict.Findings) != 0 {
		t.Errorf("sensitive: %+v", res)
	}
	res, err = ReadFile(filepath.Join("testdata", "public", "ovsds-tf-plan-format-delete.json"), Options{Engine: testEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != 0 || len(res.UnjudgedTypes) != 0 || !res.Verdict.Compliant {
		t.Errorf("delete: %+v", res)
	}
}

func TestRead_deferredAndErroredPlans(t *testing.T) {
	// A deferred change is judged on what is known of it: never skipped.
	doc := `{"format_version":"1.2","deferred_changes":[{"reason":"provider_config_unknown","resource_change":{"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v","change":{"actions":["create"],"after":{},"after_unknown":true}}}]}`
	if f := only(t, readString(t, doc, Options{}), "aws_s3_bucket_versioning.v", "aws-s3-bucket-versioning"); f.Status != engine.StatusUnknown {
		t.Errorf("deferred: %+v", f)
	}
	_, err := Read(strings.NewReader(`{"format_version":"1.2","resource_changes":[],"errored":true}`), Options{Engine: testEngine(t)})
	var pe *Error
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "errored") {
		t.Errorf("errored plan: %v", err)
	}
}
