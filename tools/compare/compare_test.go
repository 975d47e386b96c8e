package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
)

// TestMappingTable checks the committed tables against the catalog: every
// control exists (and cites the FSBP id given), no peer id appears twice,
// every explained difference is a pair of the mapping with its reference.
func TestMappingTable(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	m, err := LoadMapping("mapping.yaml", eng)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) < 50 {
		t.Errorf("only %d mapping entries", len(m))
	}
	if _, err := LoadDifferences("differences.yaml", m); err != nil {
		t.Fatal(err)
	}
	for _, tool := range Tools {
		n := 0
		for _, e := range m {
			if e.Tool == tool {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no mapping entry for %s", tool)
		}
	}
}

func TestCheckMappingRejects(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	bad := []Mapping{
		{Tool: "checkov", Check: "CKV_AWS_24", Control: "aws-ec2-sg-no-world-ssh", FSBP: "EC2.13"},
		{Tool: "checkov", Check: "CKV_AWS_24", Control: "aws-ec2-sg-no-world-rdp"},
		{Tool: "trivy", Check: "AVD-AWS-0107", Control: "aws-no-such-control"},
		{Tool: "trivy", Check: "AVD-AWS-0065", Control: "aws-kms-key-rotation", FSBP: "S3.8"},
		{Tool: "kics", Check: "x", Control: "aws-kms-key-rotation"},
		{Tool: "trivy", Check: "AVD-AWS-0001", Control: "aws-kms-key-rotation", Scope: "sideways"},
	}
	err = CheckMapping(bad, eng)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"duplicate peer check id for aws_security_group", "aws-no-such-control is not in the catalog", "does not map to FSBP S3.8", "tool must be one of", "scope must be one of"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if err := CheckMapping(bad[:1], eng); err != nil {
		t.Errorf("a valid entry: %v", err)
	}
	// One peer id on two controls of different resource types is fine.
	split := []Mapping{
		{Tool: "checkov", Check: "CKV_AWS_88", Control: "aws-ec2-instance-no-public-ip"},
		{Tool: "checkov", Check: "CKV_AWS_88", Control: "aws-ec2-launch-template-no-public-ip", Types: []string{"aws_launch_template"}},
	}
	if err := CheckMapping(split, eng); err != nil {
		t.Errorf("one peer id on two types: %v", err)
	}
	split[1].Types = []string{"aws_instance"}
	if err := CheckMapping(split, eng); err == nil || !strings.Contains(err.Error(), "not all checked by") {
		t.Errorf("types outside the control: %v", err)
	}
	diffs := []Difference{{Tool: "checkov", Check: "CKV_AWS_25", Control: "aws-ec2-sg-no-world-ssh", Resources: []string{"m:*"}, Ours: "maybe", Kind: "wrong"}}
	err = CheckDifferences(diffs, bad[:1])
	for _, want := range []string{"not a pair of the mapping", "ours must be pass or fail", "kind must be one of", "needs an explanation and a reference"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("differences error lacks %q: %v", want, err)
		}
	}
}

func TestParsePeers(t *testing.T) {
	ck := readReport(t, "testdata/checkov.json", ParseCheckov)
	if len(ck.Results) != 9 || ck.ImplicitPass {
		t.Errorf("checkov: %d results, implicit %v", len(ck.Results), ck.ImplicitPass)
	}
	// A list of reports (several frameworks) reads the same.
	raw, _ := os.ReadFile("testdata/checkov.json")
	list, err := ParseCheckov(append(append([]byte("["), raw...), ']'))
	if err != nil || len(list.Results) != 9 {
		t.Errorf("checkov list: %v, %v", err, list)
	}
	if _, err := ParseCheckov(nil); err == nil {
		t.Error("an empty checkov report parsed")
	}
	tv := readReport(t, "testdata/trivy.json", ParseTrivy)
	if len(tv.Results) != 4 || !tv.ImplicitPass {
		t.Errorf("trivy: %d results, implicit %v", len(tv.Results), tv.ImplicitPass)
	}
	for _, r := range tv.Results {
		if r.Status == Pass && r.Address != "" {
			t.Errorf("a trivy pass kept its resource: %+v", r)
		}
		if !strings.HasPrefix(r.Check, "AVD-AWS-") {
			t.Errorf("trivy id %q", r.Check)
		}
	}
}

func readReport(t *testing.T, file string, parse func([]byte) (*PeerReport, error)) *PeerReport {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestCompare runs the comparison on canned peer reports (testdata) and
// canned verdicts of ours: agreement, explained and unexplained differences,
// narrower and broader scopes, Trivy's implicit passes, coverage gaps,
// unmapped peer checks and stale explanations.
func TestCompare(t *testing.T) {
	res := func(addr, typ string, controls map[string]string) *Resource {
		return &Resource{Module: "m", Address: addr, Type: typ, Controls: controls}
	}
	sg := func(ssh, ipv4Admin, highRisk string) map[string]string {
		return map[string]string{"aws-ec2-sg-no-world-ssh": ssh, "aws-ec2-sg-no-ipv4-admin-ports": ipv4Admin, "aws-ec2-sg-no-world-high-risk-ports": highRisk}
	}
	ours := []*Resource{
		res("aws_security_group.world", "aws_security_group", sg(Fail, Fail, Fail)),
		res("aws_security_group.private", "aws_security_group", sg(Pass, Pass, Pass)),
		res("aws_security_group.ipv6", "aws_security_group", sg(Fail, Pass, Fail)),
		res("aws_security_group.mysql", "aws_security_group", sg(Pass, Pass, Fail)),
		res("aws_s3_bucket.data", "aws_s3_bucket", map[string]string{"aws-s3-bucket-versioning": Pass}),
		res("aws_s3_bucket.logs", "aws_s3_bucket", map[string]string{"aws-s3-bucket-versioning": Unknown}),
		res("aws_kms_key.asym", "aws_kms_key", map[string]string{"aws-kms-key-rotation": Pass}),
		res("aws_kms_key.sym", "aws_kms_key", map[string]string{"aws-kms-key-rotation": Fail}),
	}
	checked := map[string][]string{
		"aws-ec2-sg-no-world-ssh":             {"aws_security_group"},
		"aws-ec2-sg-no-ipv4-admin-ports":      {"aws_security_group"},
		"aws-ec2-sg-no-world-high-risk-ports": {"aws_security_group"},
		"aws-s3-bucket-versioning":            {"aws_s3_bucket", "aws_s3_bucket_posture", "aws_s3_bucket_versioning"},
		"aws-kms-key-rotation":                {"aws_kms_key"},
	}
	mapping := []Mapping{
		{Tool: "checkov", Check: "CKV_AWS_24", Control: "aws-ec2-sg-no-world-ssh"},
		{Tool: "checkov", Check: "CKV_AWS_277", Control: "aws-ec2-sg-no-world-high-risk-ports", Scope: "narrower"},
		{Tool: "checkov", Check: "CKV_AWS_21", Control: "aws-s3-bucket-versioning"},
		{Tool: "checkov", Check: "CKV_AWS_7", Control: "aws-kms-key-rotation"},
		{Tool: "trivy", Check: "AVD-AWS-0107", Control: "aws-ec2-sg-no-ipv4-admin-ports", Scope: "broader"},
		{Tool: "trivy", Check: "AVD-AWS-0065", Control: "aws-kms-key-rotation"},
	}
	diffs := []Difference{
		{Tool: "checkov", Check: "CKV_AWS_24", Control: "aws-ec2-sg-no-world-ssh", Resources: []string{"m:aws_security_group.ipv*"}, Ours: Fail, Kind: "peer-wrong", Explanation: "::/0 is the internet", Reference: "EC2.13"},
		{Tool: "checkov", Check: "CKV_AWS_21", Control: "aws-s3-bucket-versioning", Resources: []string{"m:aws_s3_bucket.data"}, Ours: Pass, Kind: "peer-wrong", Explanation: "companion", Reference: "S3.14"},
		{Tool: "checkov", Check: "CKV_AWS_7", Control: "aws-kms-key-rotation", Resources: []string{"m:aws_kms_key.asym"}, Ours: Pass, Kind: "peer-stricter", Explanation: "asymmetric", Reference: "KMS.4"},
		// Ours is fail on this pair, so this pass entry explains nothing: stale.
		{Tool: "checkov", Check: "CKV_AWS_21", Control: "aws-s3-bucket-versioning", Resources: []string{"m:aws_s3_bucket.logs"}, Ours: Pass, Kind: "scope", Explanation: "x", Reference: "y"},
	}
	reports := map[string]map[string]*PeerReport{"m": {
		"checkov": readReport(t, "testdata/checkov.json", ParseCheckov),
		"trivy":   readReport(t, "testdata/trivy.json", ParseTrivy),
	}}
	c := Compare(ours, reports, mapping, diffs, checked)

	ck := c.Stats("checkov")
	if ck.Compared != 6 || ck.BothFail != 1 || ck.BothPass != 1 || ck.Explained != 3 || ck.Unexplained != 1 || ck.Kinds["peer-wrong"] != 2 {
		t.Errorf("checkov stats %+v", ck)
	}
	tv := c.Stats("trivy")
	if tv.Compared != 5 || tv.BothFail != 1 || tv.BothPass != 3 || tv.Unexplained != 1 {
		t.Errorf("trivy stats %+v", tv)
	}
	if c.Scoped["checkov"] != 1 || c.Scoped["trivy"] != 1 {
		t.Errorf("scoped %v", c.Scoped)
	}
	if c.Unexplained() != 2 {
		t.Errorf("unexplained %d", c.Unexplained())
	}
	unexplained := map[string]bool{}
	for _, p := range c.Pairs {
		if !p.Agree() && p.Explained == nil {
			unexplained[p.Tool+" "+p.Key] = true
		}
	}
	for _, want := range []string{"checkov m:aws_s3_bucket.logs", "trivy m:aws_kms_key.sym"} {
		if !unexplained[want] {
			t.Errorf("%s not unexplained: %v", want, unexplained)
		}
	}
	if len(c.Outside) != 1 || c.Outside[0].Key != "m:aws_s3_bucket.ghost" {
		t.Errorf("outside %+v", c.Outside)
	}
	if c.Unmapped["checkov"]["CKV2_AWS_5"] != 1 || c.Unmapped["trivy"]["AVD-AWS-0104"] != 1 {
		t.Errorf("unmapped %v", c.Unmapped)
	}
	if len(c.Stale) != 1 || c.Stale[0].Resources[0] != "m:aws_s3_bucket.logs" {
		t.Errorf("stale %v", c.Stale)
	}

	var out bytes.Buffer
	if err := c.Print(&out, map[string]string{"checkov": "3.3.30"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"checkov  3.3.30   all       6 compared,    2 agree ( 33.3%",
		"!!! UNEXPLAINED [checkov] CKV_AWS_21 <-> aws-s3-bucket-versioning on m:aws_s3_bucket.logs: ours unknown, checkov pass",
		"!!! UNEXPLAINED [trivy] AVD-AWS-0065 <-> aws-kms-key-rotation on m:aws_kms_key.sym",
		"peer-stricter: asymmetric",
		"decided by: KMS.4",
		"CKV2_AWS_5×1",
		"no longer occur",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// TestJudge judges a plan the real hashicorp/aws 5.100.0 made (trimmed from
// corpus/s3): companions are found through their bucket argument's references
// and the bucket's posture results are reported on the bucket.
func TestJudge(t *testing.T) {
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/plan-s3.json")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Judge(eng, "corpus/s3", raw)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*Resource{}
	for _, r := range rs {
		got[r.Address] = r
	}
	want := map[string]map[string]string{
		// Versioning and the public access block are companions of ok_full.
		"aws_s3_bucket.ok_full": {"aws-s3-bucket-versioning": Pass, "aws-s3-bucket-public-access-block": Pass, "aws-s3-bucket-no-public-acl": Pass},
		// Alone: S3's defaults pass the access block, versioning is off.
		"aws_s3_bucket.default_only": {"aws-s3-bucket-versioning": Fail, "aws-s3-bucket-public-access-block": Pass},
		// The public-read ACL and the suspended versioning are bad_public's.
		"aws_s3_bucket.bad_public":            {"aws-s3-bucket-versioning": Fail, "aws-s3-bucket-no-public-acl": Fail},
		"aws_s3_bucket_acl.bad_public":        {"aws-s3-bucket-no-public-acl": Fail},
		"aws_s3_bucket_versioning.ok_full":    {"aws-s3-bucket-versioning": Pass},
		"aws_s3_bucket_versioning.bad_public": {"aws-s3-bucket-versioning": Fail},
	}
	for addr, controls := range want {
		r := got[addr]
		if r == nil {
			t.Errorf("%s not judged", addr)
			continue
		}
		if r.Key() != "corpus/s3:"+addr {
			t.Errorf("key %s", r.Key())
		}
		for id, st := range controls {
			if r.Controls[id] != st {
				t.Errorf("%s %s: %q, want %q (%s)", addr, id, r.Controls[id], st, r.Messages[id])
			}
		}
	}
	// A control that does not apply to a type is not reported for it.
	if _, ok := got["aws_s3_bucket_acl.bad_public"].Controls["aws-s3-bucket-versioning"]; ok {
		t.Error("versioning reported on an ACL")
	}
	if _, err := Judge(eng, "x", []byte("{")); err == nil {
		t.Error("bad plan JSON judged")
	}
}

func TestConfigAddress(t *testing.T) {
	for in, want := range map[string]string{
		`aws_s3_bucket.b`:                      `aws_s3_bucket.b`,
		`aws_s3_bucket.b[0]`:                   `aws_s3_bucket.b`,
		`module.m["x.y"].aws_s3_bucket.b["k"]`: `module.m.aws_s3_bucket.b`,
	} {
		if got := configAddress(in); got != want {
			t.Errorf("configAddress(%s) = %s, want %s", in, got, want)
		}
	}
}
