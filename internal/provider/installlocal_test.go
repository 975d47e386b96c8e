package provider_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
// test (terraform, and OpenTofu on the second pass of scripts/test.sh) and runs
// every documentation snippet with it (docSnippets): `make install-local`
// builds the provider into a filesystem mirror and prints the CLI
// configuration; with it, init installs cloudbaseline/baseline from the
// mirror and hashicorp/aws from its own (here /opt/tf-plugins, standing in for
// the registry on a machine without network). One root module holds a module
// as a user writes it and every snippet that must plan, each as a child
// module: one init and one plan for them all. Each snippet that must fail gets
// a root module and a plan of its own, and every snippet is `fmt -check`ed.
func TestAccInstallLocal(t *testing.T) {
	snippets := docSnippets(t)
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
	checkSnippetsFmt(t, cli, snippets)

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
	run := func(dir string, wantErr bool, args ...string) string {
		t.Helper()
		c := exec.Command(cli, args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+tfrc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
		out, err := c.CombinedOutput()
		if (err != nil) != wantErr {
			t.Fatalf("%s %s in %s: error %v, want an error: %v\n%s", filepath.Base(cli), strings.Join(args, " "), dir, err, wantErr, out)
		}
		return string(out)
	}

	root := t.TempDir()
	planned, failing := snippetModules(t, snippets, root)
	main := installLocalModule + "\n" + strings.Join(planned, "")
	if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	initOut := run(root, false, "init", "-input=false", "-no-color")
	if !strings.Contains(initOut, "Installed cloudbaseline/baseline v0.0.1") {
		t.Errorf("init did not install the local build:\n%s", initOut)
	}
	plan := run(root, false, "plan", "-input=false", "-no-color", "-lock=false")
	for _, want := range []string{"aws_security_group.web will be created", "aws-ec2-sg-no-world-ssh", `Check block assertion failed`, "module.s"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, plan)
		}
	}
	for i, f := range failing {
		dir := filepath.Join(root, fmt.Sprintf("failing%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		block := strings.Replace(f[0], `"./snippets/`, `"../snippets/`, 1)
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(strings.SplitN(installLocalModule, "\nresource ", 2)[0]+"\n"+block), 0o600); err != nil {
			t.Fatal(err)
		}
		run(dir, false, "init", "-input=false", "-no-color")
		out := run(dir, true, "plan", "-input=false", "-no-color", "-lock=false")
		if !acctest.Wrapped(regexp.QuoteMeta(f[1])).MatchString(out) {
			t.Errorf("%s: the plan failed without naming %q:\n%s", f[0], f[1], out)
		}
	}
}
