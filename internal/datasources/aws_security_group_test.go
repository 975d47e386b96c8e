package datasources_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

func TestAccAWSSecurityGroup_sshOpenFailsPrivatePasses(t *testing.T) {
	e := newLiveEnv(t)
	ctx := context.Background()
	open, err := e.seed.SecurityGroup(ctx, "acc-ssh-open", 22, "0.0.0.0/0")
	if err != nil {
		t.Fatal(err)
	}
	private, err := e.seed.SecurityGroup(ctx, "acc-ssh-private", 22, "10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.provider("") + fmt.Sprintf(`
data "baseline_aws_security_group" "open" { id = %q }
data "baseline_aws_security_group" "private" { id = %q }
data "baseline_aws_security_groups" "acc" { name_prefix = "acc-" }
output "ssh" { value = [for f in data.baseline_aws_security_group.open.findings : f.message if f.control_id == "aws-ec2-sg-no-world-ssh"][0] }
output "by_name" { value = { for g in data.baseline_aws_security_groups.acc.groups : g.name => g.compliant } }
`, open, private),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.baseline_aws_security_group.open", tfjsonpath.New("compliant"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.baseline_aws_security_group.open", tfjsonpath.New("name"), knownvalue.StringExact("acc-ssh-open")),
				statecheck.ExpectKnownOutputValue("ssh", knownvalue.StringRegexp(regexp.MustCompile(`IpPermissions\[0\] allows .*port 22 from the internet`))),
				statecheck.ExpectKnownValue("data.baseline_aws_security_group.private", tfjsonpath.New("compliant"), knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("by_name", knownvalue.MapExact(map[string]knownvalue.Check{
					"acc-ssh-open": knownvalue.Bool(false), "acc-ssh-private": knownvalue.Bool(true),
				})),
			},
		}},
	})
}

func TestAccAWSSecurityGroup_missingGroupIsAnError(t *testing.T) {
	e := newLiveEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      e.provider("") + `data "baseline_aws_security_group" "x" { id = "sg-0123456789abcdef0" }`,
			ExpectError: acctest.Wrapped(`(?s)Unable to Find Security Group .* Security group sg-0123456789abcdef0 does not exist`),
		}},
	})
}
