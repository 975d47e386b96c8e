package definition_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/definition"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/schema"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// teamBaseline is the guide's five rules plus a selection of built-ins.
const teamBaseline = `
select:
  baseline: foundational
  controls: [aws-s3-bucket-access-logging]
  exclude_controls: [aws-ec2-instance-imdsv2]
severities:
  aws-s3-bucket-access-logging: high
waivers:
  - control_id: acme-instance-types
    reason: GPU trial approved by the architecture board
    owner: team-ml
    expires: "2099-12-31"
    match:
      tags.Project: gpu-trial
controls:
  - id: acme-rds-backups
    title: RDS keeps 7 days of backups and deletion protection
    severity: high
    area: backup
    resource_types: [aws_db_instance, aws_rds_cluster]
    service_model: PaaS
    frameworks: ["acme-standard:DB-1"]
    remediation: Set backup_retention_period >= 7 and deletion_protection = true.
    condition:
      all:
        - { attribute: backup_retention_period, op: ">=", value: 7 }
        - { attribute: deletion_protection, op: equals, value: true }
  - id: acme-data-classification
    title: Buckets carry a data-classification tag from the list
    severity: medium
    area: tagging
    resource_types: [aws_s3_bucket]
    remediation: Tag the bucket with data-classification = public, internal, confidential or restricted.
    condition: { attribute: tags.data-classification, op: in, value: [public, internal, confidential, restricted] }
  - id: acme-instance-types
    title: Only approved instance types
    severity: medium
    area: cost
    resource_types: [aws_instance]
    service_model: IaaS
    remediation: Use a t3 or m6i instance type.
    condition: { attribute: instance_type, op: matches, value: '(t3|m6i)\.(micro|small|medium|large)' }
  - id: acme-sg-described-private
    title: Security group ingress is described and private
    severity: high
    area: network
    resource_types: [aws_security_group]
    remediation: Describe every ingress rule and allow only 10.0.0.0/8.
    condition:
      all:
        - { attribute: "ingress[*].description", op: exists }
        - { attribute: "ingress[*].cidr_blocks[*]", op: cidr_within, value: [10.0.0.0/8] }
  - id: acme-lambda-runtime
    title: Zip-packaged functions use a supported runtime
    severity: low
    resource_types: [aws_lambda_function]
    remediation: Use python3.12 or nodejs20.x.
    condition:
      when: { attribute: package_type, op: not_equals, value: Image }
      any:
        - { attribute: runtime, op: equals, value: python3.12 }
        - { attribute: runtime, op: equals, value: nodejs20.x }
`

func compile(t *testing.T, doc string) *definition.Compiled {
	t.Helper()
	base, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	spec, probs := definition.Parse(definition.Source{Name: "baseline.yaml", Document: []byte(doc)})
	if len(probs) > 0 {
		t.Fatalf("parse: %v", probs)
	}
	c, probs := definition.Compile(base, spec)
	if len(probs) > 0 {
		t.Fatalf("compile: %v", probs)
	}
	return c
}

func problems(t *testing.T, doc string) string {
	t.Helper()
	base, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	spec, probs := definition.Parse(definition.Source{Name: "baseline.yaml", Document: []byte(doc)})
	if len(probs) == 0 {
		_, probs = definition.Compile(base, spec)
	}
	if len(probs) == 0 {
		t.Fatalf("no problem found in\n%s", doc)
	}
	return probs.Error()
}

// complete fills v as hashicorp/aws 5.100.0 plans it: every attribute
// present, absent computed ones unknown.
func complete(t *testing.T, rt string, v map[string]any) subject.Value {
	t.Helper()
	val, err := subject.FromGo(v)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := schema.For(rt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Version == "5.100.0" {
			b, ok, err := p.Resource(rt)
			if err != nil || !ok {
				t.Fatalf("%s in aws 5.100.0: %v %v", rt, ok, err)
			}
			return schema.Complete(b, val)
		}
	}
	t.Fatal("no aws 5.100.0 schema")
	return val
}

func finding(t *testing.T, eng *engine.Engine, rt string, v subject.Value, id string, opts engine.Options) (engine.Status, string) {
	t.Helper()
	verdict, err := eng.Evaluate(rt, v, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range verdict.Findings {
		if f.ControlID == id {
			return f.Status, f.Line()
		}
	}
	return engine.StatusPass, ""
}

func TestTeamRules(t *testing.T) {
	c := compile(t, teamBaseline)
	eng := c.Engine
	waivers, err := c.Waivers(mustDay(t, "2026-11-29"))
	if err != nil {
		t.Fatal(err)
	}
	opts := engine.Options{Controls: c.Custom, Waivers: waivers}
	cases := []struct {
		name, rt, id string
		values       map[string]any
		want         engine.Status
		line         string
	}{
		{"rds ok", "aws_db_instance", "acme-rds-backups", map[string]any{"backup_retention_period": 7, "deletion_protection": true}, engine.StatusPass, ""},
		{"rds short backups", "aws_db_instance", "acme-rds-backups", map[string]any{"backup_retention_period": 1, "deletion_protection": true},
			engine.StatusFail, "acme-rds-backups [acme-standard:DB-1] (high): backup_retention_period: is 1; want >= 7. Fix: Set backup_retention_period"},
		// backup_retention_period is Optional+Computed: unset, it is unknown at plan.
		{"rds retention unset", "aws_db_instance", "acme-rds-backups", map[string]any{"deletion_protection": true}, engine.StatusUnknown, "is known only after apply"},
		{"rds no deletion protection", "aws_db_instance", "acme-rds-backups", map[string]any{"backup_retention_period": 30}, engine.StatusFail, "deletion_protection: is not set; want equals true"},
		{"cluster", "aws_rds_cluster", "acme-rds-backups", map[string]any{"backup_retention_period": 14, "deletion_protection": false}, engine.StatusFail, "deletion_protection: is false; want equals true"},
		{"bucket tagged", "aws_s3_bucket", "acme-data-classification", map[string]any{"tags": map[string]any{"data-classification": "internal"}}, engine.StatusPass, ""},
		{"bucket mis-tagged", "aws_s3_bucket", "acme-data-classification", map[string]any{"tags": map[string]any{"data-classification": "secret"}}, engine.StatusFail, `tags.data-classification: is "secret"; want in ["public", "internal", "confidential", "restricted"]`},
		{"bucket untagged", "aws_s3_bucket", "acme-data-classification", map[string]any{}, engine.StatusFail, "tags.data-classification: is not set"},
		{"instance ok", "aws_instance", "acme-instance-types", map[string]any{"instance_type": "t3.micro"}, engine.StatusPass, ""},
		{"instance big", "aws_instance", "acme-instance-types", map[string]any{"instance_type": "p4d.24xlarge"}, engine.StatusFail, `instance_type: is "p4d.24xlarge"; want it to match`},
		{"instance waived", "aws_instance", "acme-instance-types", map[string]any{"instance_type": "p4d.24xlarge", "tags": map[string]any{"Project": "gpu-trial"}}, engine.StatusWaived, ""},
		{"sg ok", "aws_security_group", "acme-sg-described-private", map[string]any{"ingress": []any{
			map[string]any{"description": "https", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": []any{"10.1.0.0/16"}}}}, engine.StatusPass, ""},
		{"sg undescribed", "aws_security_group", "acme-sg-described-private", map[string]any{"ingress": []any{
			map[string]any{"description": "https", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": []any{"10.1.0.0/16"}},
			map[string]any{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"10.2.0.0/16"}}}}, engine.StatusFail, "ingress[1].description: is not set; it must be"},
		{"sg public", "aws_security_group", "acme-sg-described-private", map[string]any{"ingress": []any{
			map[string]any{"description": "ssh", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"10.0.0.0/8", "0.0.0.0/0"}}}}, engine.StatusFail, `ingress[0].cidr_blocks[1]: is "0.0.0.0/0", not within [10.0.0.0/8]`},
		{"sg no ingress", "aws_security_group", "acme-sg-described-private", map[string]any{"ingress": []any{}}, engine.StatusPass, ""},
		{"lambda ok", "aws_lambda_function", "acme-lambda-runtime", map[string]any{"runtime": "python3.12", "package_type": "Zip"}, engine.StatusPass, ""},
		{"lambda old", "aws_lambda_function", "acme-lambda-runtime", map[string]any{"runtime": "python3.8", "package_type": "Zip"}, engine.StatusFail, `runtime: none of these holds: is "python3.8"; want equals "python3.12"; is "python3.8"; want equals "nodejs20.x"`},
		{"lambda image", "aws_lambda_function", "acme-lambda-runtime", map[string]any{"package_type": "Image"}, engine.StatusPass, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, line := finding(t, eng, tc.rt, complete(t, tc.rt, tc.values), tc.id, opts)
			if st != tc.want {
				t.Fatalf("status %s, want %s (%s)", st, tc.want, line)
			}
			if !strings.Contains(line, tc.line) {
				t.Fatalf("line %q does not contain %q", line, tc.line)
			}
		})
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := engine.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSelection(t *testing.T) {
	c := compile(t, teamBaseline)
	if _, ok := c.Engine.Control("aws-ec2-instance-imdsv2"); ok {
		t.Error("excluded control is still in the baseline")
	}
	logging, ok := c.Engine.Control("aws-s3-bucket-access-logging")
	if !ok || logging.Severity != engine.SeverityHigh {
		t.Errorf("selected control with its severity raised: %+v", logging)
	}
	base, _ := catalog.Engine()
	for _, ctl := range base.Controls() {
		_, kept := c.Engine.Control(ctl.ID)
		want := ctl.ID == "aws-s3-bucket-access-logging" || engine.InBaseline(ctl, "foundational") && ctl.ID != "aws-ec2-instance-imdsv2"
		if kept != want {
			t.Errorf("%s kept=%v, want %v", ctl.ID, kept, want)
		}
	}
	if orig, _ := base.Control("aws-s3-bucket-access-logging"); orig.Severity == engine.SeverityHigh {
		t.Error("the built-in engine was changed")
	}
	if len(c.Custom) != 5 {
		t.Errorf("custom ids %v", c.Custom)
	}
}

func TestSpecRoundTrip(t *testing.T) {
	c := compile(t, teamBaseline)
	base, _ := catalog.Engine()
	again, err := definition.Load(base, c.Spec)
	if err != nil {
		t.Fatal(err)
	}
	if again.Spec != c.Spec || strings.Join(again.Custom, ",") != strings.Join(c.Custom, ",") {
		t.Fatalf("spec changed on the round trip:\n%s\n%s", c.Spec, again.Spec)
	}
	same, _ := definition.Load(base, c.Spec)
	if same != again {
		t.Error("Load compiled a spec it had seen")
	}
}

func TestProblems(t *testing.T) {
	ctl := func(body string) string {
		return "controls:\n  - id: acme-x\n    title: X\n    severity: high\n    resource_types: [aws_db_instance]\n" + body
	}
	cases := map[string]struct{ doc, want string }{
		"unknown operator": {ctl("    condition: { attribute: storage_encrypted, op: is, value: true }\n"),
			`baseline.yaml:6: control "acme-x": condition.op: unknown operator "is": use one of equals`},
		"missing path": {ctl("    condition: { attribute: storage_encryption, op: equals, value: true }\n"),
			`control "acme-x": condition.attribute: "storage_encryption" does not exist in the schema of aws_db_instance: no attribute or block "storage_encryption" in the resource`},
		"list without [*]": {"controls:\n  - id: acme-x\n    title: X\n    severity: high\n    resource_types: [aws_security_group]\n    condition: { attribute: ingress.description, op: exists }\n",
			`ingress is a set: write ingress[*].description`},
		"bad regexp": {ctl("    condition: { attribute: engine, op: matches, value: 'postgres(' }\n"),
			`condition.value: bad regular expression "postgres(": missing closing )`},
		"operator on wrong type": {ctl("    condition: { attribute: engine, op: '>=', value: 3 }\n"),
			`condition.op: ">=" does not apply to engine, which is a string in aws_db_instance`},
		"duplicate id": {ctl("    condition: { attribute: engine, op: exists }\n  - id: acme-x\n    title: Y\n    severity: low\n    resource_types: [aws_db_instance]\n    condition: { attribute: engine, op: exists }\n"),
			`baseline.yaml:7: control "acme-x": id: "acme-x" is defined twice`},
		"reserved prefix": {strings.Replace(ctl("    condition: { attribute: engine, op: exists }\n"), "acme-x", "aws-x", 1),
			`id: "aws-x" starts with aws-, azure-, google-`},
		"unknown field": {ctl("    condition: { attribute: engine, op: exists, valeu: 1 }\n"),
			`condition.valeu: unknown field`},
		"unknown resource type": {strings.Replace(ctl("    condition: { attribute: engine, op: exists }\n"), "aws_db_instance", "aws_db_instanz", 1),
			`resource_types[0]: "aws_db_instanz" is not a resource type`},
		"value missing":     {ctl("    condition: { attribute: engine, op: equals }\n"), `condition.value: is missing: "equals" needs a value`},
		"both test and all": {ctl("    condition: { attribute: engine, op: exists, all: [] }\n"), `give either a test`},
		"bad yaml":          {"controls: [\n", `baseline.yaml: line 1: did not find expected node content`},
		"not a map":         {"- 1\n", `baseline.yaml:1: the document must be a map`},
		"waiver unknown": {ctl("    condition: { attribute: engine, op: exists }\nwaivers:\n  - { control_id: acme-y, reason: r, owner: o, expires: '2030-01-01' }\n"),
			`waivers[0]: control_id "acme-y" is not a control of this baseline`},
		"severity of unknown":     {"severities: { aws-nope: high }\n", `severities.aws-nope: "aws-nope" is not a built-in control id`},
		"select unknown baseline": {"select: { baseline: nist }\n", `select.baseline: unknown baseline "nist"`},
		"cidr": {"controls:\n  - id: acme-x\n    title: X\n    severity: high\n    resource_types: [aws_security_group]\n    condition: { attribute: 'ingress[*].cidr_blocks[*]', op: cidr_within, value: [10.0.0.0/33] }\n",
			`condition.value[0]: "10.0.0.0/33" is not a CIDR block`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := problems(t, tc.doc)
			if !strings.Contains(got, tc.want) {
				t.Fatalf("problems:\n%s\nwant them to contain %q", got, tc.want)
			}
		})
	}
}
