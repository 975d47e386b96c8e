package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// An organisation's own controls (issue: organisation baselines as data) fail
// plans of real hashicorp/aws resources through every surface: a function
// postcondition fed by baseline_definition, the guardrail and baseline_check
// with provider-level definitions; waivers and reports carry them; a bad
// definition fails the plan naming the control, the field and the reason.

const orgBaseline = `
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
    frameworks: ["acme-standard:DB-1"]
    remediation: Set backup_retention_period >= 7 and deletion_protection = true.
    condition:
      all:
        - { attribute: backup_retention_period, op: ">=", value: 7 }
        - { attribute: deletion_protection, op: equals, value: true }
  - id: acme-instance-types
    title: Only approved instance types
    severity: medium
    area: cost
    resource_types: [aws_instance]
    remediation: Use a t3 or m6i instance type.
    condition: { attribute: instance_type, op: matches, value: '(t3|m6i)\.(micro|small|medium|large)' }
`

func writeBaseline(t *testing.T, doc string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "baseline.yaml")
	if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func rdsWithDefinitions(file, retention, deletionProtection string) string {
	return fmt.Sprintf(`
data "baseline_definition" "org" {
  controls_file = %q
}

locals {
  org = { definitions = data.baseline_definition.org.spec, controls = data.baseline_definition.org.control_ids }
}

resource "aws_db_instance" "main" {
  identifier              = "main"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  username                = "main"
  password                = "not-a-secret-1"
  storage_encrypted       = true
  skip_final_snapshot     = true
  backup_retention_period = %s
  deletion_protection     = %s

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_db_instance", self, local.org)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_db_instance", self, local.org)))
    }
  }
}
`, file, retention, deletionProtection)
}

func TestAccDefinitions_functionPostcondition(t *testing.T) {
	file := writeBaseline(t, orgBaseline)
	planReal(t, map[string]realCase{
		"compliant": {config: rdsWithDefinitions(file, "7", "true")},
		"shortBackups": {
			config: rdsWithDefinitions(file, "1", "true"),
			err:    acctest.Wrapped(`(?s)acme-rds-backups \[acme-standard:DB-1\] \([a-z]+\): backup_retention_period: is 1; want >= 7\. Fix: Set backup_retention_period >= 7`),
		},
		"noDeletionProtection": {
			config: rdsWithDefinitions(file, "30", "false"),
			err:    acctest.Wrapped(`(?s)acme-rds-backups \[acme-standard:DB-1\] \([a-z]+\): deletion_protection: is false; want equals true`),
		},
	})
}

func instanceGuardrail(instanceType, tags string) string {
	return fmt.Sprintf(`
resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = %q
  tags          = %s
}

resource "baseline_guardrail" "app" {
  resource_type = "aws_instance"
  values        = aws_instance.app
  controls      = ["acme-instance-types"]
}
`, instanceType, tags)
}

const providerControl = `
provider "baseline" {
  control {
    id             = "acme-instance-types"
    title          = "Only approved instance types"
    severity       = "medium"
    area           = "cost"
    resource_types = ["aws_instance"]
    remediation    = "Use a t3 or m6i instance type."
    condition = {
      any = [
        { attribute = "instance_type", op = "matches", value = "t3\\..*" },
        { attribute = "instance_type", op = "in", value = ["m6i.large", "m6i.xlarge"] },
      ]
    }
  }
  waiver {
    control_id = "acme-instance-types"
    reason     = "GPU trial approved by the architecture board"
    owner      = "team-ml"
    expires    = "2099-12-31"
    match      = { "tags.Project" = "gpu-trial" }
  }
}
`

func TestAccDefinitions_guardrail(t *testing.T) {
	planReal(t, map[string]realCase{
		"approved": {config: providerControl + instanceGuardrail("m6i.large", "{}")},
		"gpu": {
			config: providerControl + instanceGuardrail("p4d.24xlarge", "{}"),
			err:    acctest.Wrapped(`(?s)Guardrail Control Failed: acme-instance-types.*Attribute: instance_type.*none of these holds.*Use a t3 or m6i instance type`),
		},
		"gpuWaived": {config: providerControl + instanceGuardrail("p4d.24xlarge", `{ Project = "gpu-trial" }`)},
	})
}

// baseline_check and baseline_report with a provider-level controls_file:
// the custom control fails a precondition, and its waiver and id reach the report.
func TestAccDefinitions_checkAndReport(t *testing.T) {
	file := writeBaseline(t, orgBaseline)
	config := func(tags string) string {
		return fmt.Sprintf(`
provider "baseline" {
  controls_file = %q
}

data "baseline_check" "app" {
  resource_type = "aws_instance"
  values        = { instance_type = "p4d.24xlarge", tags = %s }
  controls      = ["acme-instance-types"]
}

data "baseline_report" "ci" {
  verdicts = [data.baseline_check.app]
  format   = "junit"
}

data "baseline_controls" "all" {}

data "baseline_responsibility" "rds" {
  resource_type = "aws_db_instance"
}

data "baseline_coverage" "rds" {
  resource_types = ["aws_db_instance"]
  include_shared = true # backup is shared on RDS
}

locals {
  backup_item = one([for i in data.baseline_responsibility.rds.items : i if i.item == "backup"])
}

resource "terraform_data" "deploy" {
  lifecycle {
    precondition {
      condition     = data.baseline_check.app.compliant
      error_message = join("\n", data.baseline_check.app.violations)
    }
    precondition {
      condition     = strcontains(data.baseline_report.ci.content, "acme-instance-types")
      error_message = "the report does not name the custom control"
    }
    precondition {
      condition     = data.baseline_check.app.waived == 0 || strcontains(data.baseline_report.ci.content, "team-ml")
      error_message = "the report does not carry the waiver owner"
    }
    precondition {
      condition     = contains(data.baseline_controls.all.ids, "acme-rds-backups")
      error_message = "baseline_controls does not list the custom control"
    }
    precondition {
      condition     = contains(local.backup_item.controls, "acme-rds-backups")
      error_message = "the responsibility matrix does not place the custom control under backup: ${jsonencode(local.backup_item)}"
    }
    precondition {
      condition     = length([for g in data.baseline_coverage.rds.gaps : g if g.item == "backup"]) == 0
      error_message = "coverage still reports the backup item of RDS as a gap"
    }
  }
}
`, file, tags)
	}
	for name, c := range map[string]struct {
		tags string
		err  *regexp.Regexp
	}{
		"fails":  {tags: "{}", err: acctest.Wrapped(`acme-instance-types \(medium\): instance_type: is "p4d.24xlarge"; want it to match`)},
		"waived": {tags: `{ Project = "gpu-trial" }`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:             config(c.tags),
					PlanOnly:           true,
					ExpectNonEmptyPlan: true,
					ExpectError:        c.err,
				}},
			})
		})
	}
}

// Bad definitions fail at plan with a diagnostic naming the control, the field
// and the reason, from the provider, the data source and a file (with its line).
func TestAccDefinitions_badDefinitions(t *testing.T) {
	block := func(id, condition string) string {
		return fmt.Sprintf(`
  control {
    id             = %q
    title          = "X"
    severity       = "high"
    resource_types = ["aws_db_instance"]
    condition      = %s
  }`, id, condition)
	}
	file := writeBaseline(t, `controls:
  - id: acme-x
    title: X
    severity: high
    resource_types: [aws_db_instance]
    condition: { attribute: storage_encrypted, op: is, value: true }
`)
	cases := map[string]struct {
		config string
		err    string
	}{
		"providerUnknownOperator": {
			config: "provider \"baseline\" {" + block("acme-x", `{ attribute = "storage_encrypted", op = "is", value = true }`) + "\n}\n" +
				"data \"baseline_controls\" \"all\" {}\n",
			err: `Invalid Control Definition.*control\[0\]: control "acme-x": condition.op: unknown operator "is"`,
		},
		"providerDuplicateID": {
			config: "provider \"baseline\" {" + block("acme-x", `{ attribute = "engine", op = "exists" }`) + block("acme-x", `{ attribute = "engine", op = "exists" }`) + "\n}\n" +
				"data \"baseline_controls\" \"all\" {}\n",
			err: `control "acme-x": id: "acme-x" is defined twice`,
		},
		"dataSourceBadPath": {
			config: "data \"baseline_definition\" \"org\" {" + block("acme-x", `{ attribute = "storage_encryption", op = "equals", value = true }`) + "\n}\n",
			err:    `control "acme-x": condition.attribute: "storage_encryption" does not exist in the schema of aws_db_instance`,
		},
		"dataSourceBadRegexp": {
			config: "data \"baseline_definition\" \"org\" {" + block("acme-x", `{ all = [{ attribute = "engine", op = "matches", value = "postgres(" }] }`) + "\n}\n",
			err:    `control "acme-x": condition.all\[0\].value: bad regular expression "postgres\(": missing closing \)`,
		},
		"dataSourceReservedID": {
			config: "data \"baseline_definition\" \"org\" {" + block("aws-mine", `{ attribute = "engine", op = "exists" }`) + "\n}\n",
			err:    `id: "aws-mine" starts with aws-`,
		},
		"fileLine": {
			config: fmt.Sprintf("data \"baseline_definition\" \"org\" {\n  controls_file = %q\n}\n", file),
			err:    regexp.QuoteMeta(file) + `:6: control "acme-x": condition.op: unknown operator "is"`,
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      c.config,
					PlanOnly:    true,
					ExpectError: acctest.Wrapped(`(?s)` + c.err),
				}},
			})
		})
	}
}
