package provider_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// installLocalModule is a module as a user writes it: the provider from its
// registry address beside hashicorp/aws, a postcondition that passes and a
// check block whose open SSH rule is reported as a warning.
const installLocalModule = `terraform {
  required_providers {
    aws      = { source = "hashicorp/aws" }
    baseline = { source = "cloudbaseline/baseline" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAFAKEFAKEFAKEFAKE"
  secret_key                  = "fake"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", self)
      error_message = join("\n", provider::baseline::violations("aws_security_group", self))
    }
  }
}

locals {
  bastion = { ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }] }
}

check "bastion" {
  assert {
    condition     = provider::baseline::compliant("aws_security_group", local.bastion)
    error_message = join("\n", provider::baseline::violations("aws_security_group", local.bastion))
  }
}
`

// TestAccInstallLocal follows the README's local-build recipe on the CLI under
// test (terraform, and OpenTofu on the second pass of scripts/test.sh): `make
// install-local` builds the provider into a filesystem mirror and prints the
// CLI configuration; with it, init installs cloudbaseline/baseline from the
// mirror and hashicorp/aws from its own (here /opt/tf-plugins, standing in for
// the registry on a machine without network), and plan judges the module.
func TestAccInstallLocal(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC=1 runs the CLI")
	}
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names the CLI under test")
	}
	awsMirror, why := acctest.AWSProviderMirror()
	if awsMirror == "" {
		t.Skip("hashicorp/aws is not in a filesystem mirror: " + why)
	}
	cache := t.TempDir()
	cmd := exec.Command("../../scripts/install-local.sh")
	cmd.Env = append(os.Environ(), "BASELINE_TOOL_CACHE="+cache, "BASELINE_EXTRA_MIRROR="+awsMirror)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	printed, err := cmd.Output()
	if err != nil {
		t.Fatalf("make install-local: %v\n%s", err, stderr.String())
	}
	cfg := string(printed)
	for _, want := range []string{
		`include = ["registry.terraform.io/cloudbaseline/baseline", "registry.opentofu.org/cloudbaseline/baseline"]`,
		"direct {", "filesystem_mirror {",
	} {
		if !strings.Contains(cfg, want) {
			t.Fatalf("the printed configuration lacks %q:\n%s", want, cfg)
		}
	}
	if !strings.Contains(stderr.String(), "export TF_CLI_CONFIG_FILE=") {
		t.Errorf("install-local does not say how to use the configuration:\n%s", stderr.String())
	}
	tfrc := filepath.Join(t.TempDir(), "cli.tfrc")
	if err := os.WriteFile(tfrc, printed, 0o600); err != nil {
		t.Fatal(err)
	}
	module := t.TempDir()
	if err := os.WriteFile(filepath.Join(module, "main.tf"), []byte(installLocalModule), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		c := exec.Command(cli, args...)
		c.Dir = module
		c.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+tfrc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(cli), strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	initOut := run("init", "-input=false", "-no-color")
	if !strings.Contains(initOut, "Installed cloudbaseline/baseline v0.0.1") {
		t.Errorf("init did not install the local build:\n%s", initOut)
	}
	plan := run("plan", "-input=false", "-no-color", "-lock=false")
	for _, want := range []string{"Plan: 1 to add", "aws-ec2-sg-no-world-ssh", `Check block assertion failed`} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, plan)
		}
	}
}
