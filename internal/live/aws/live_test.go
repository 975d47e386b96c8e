package liveaws_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

// TestMain stops the shared moto server and then, when live tests ran,
// fails the run if any operation they invoked is missing from the shipped
// IAM policy or is not a read.
func TestMain(m *testing.M) {
	code := m.Run()
	acctest.StopSharedMoto()
	if n := len(liveaws.Recorded.Operations()); n > 0 {
		if problems := recordedProblems(); len(problems) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: live operations not covered by %s:\n  %s\n", PolicyFile, strings.Join(problems, "\n  "))
			code = 1
		} else {
			fmt.Printf("live mode: %d distinct operations recorded, all read-only and granted by %s\n", n, PolicyFile)
		}
	}
	os.Exit(code)
}

// endpoints points every service at url.
func endpoints(url string) map[string]string {
	out := map[string]string{}
	for _, s := range liveaws.EndpointServices {
		out[s] = url
	}
	return out
}

func findingsOf(v engine.Verdict) map[string]engine.Finding {
	out := map[string]engine.Finding{}
	for _, f := range v.Findings {
		if _, ok := out[f.ControlID]; !ok {
			out[f.ControlID] = f
		}
	}
	return out
}

func TestLive_loadersAgainstMoto(t *testing.T) {
	moto := acctest.SharedMoto(t)
	acctest.SetAWSEnv(t)
	if err := moto.Reset(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	seed := acctest.NewSeeder(moto.Endpoint)
	if err := seed.GoodBucket(ctx, "smoke-good", "smoke-logs"); err != nil {
		t.Fatal(err)
	}
	if err := seed.PublicBucket(ctx, "smoke-public"); err != nil {
		t.Fatal(err)
	}
	sshID, err := seed.SecurityGroup(ctx, "smoke-ssh", 22, "0.0.0.0/0")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := catalog.Engine()
	if err != nil {
		t.Fatal(err)
	}
	c := liveaws.New(liveaws.Config{Endpoints: endpoints(moto.Endpoint)})
	opts := engine.Options{}

	acct, err := c.LoadAccount(ctx, eng, opts)
	if err != nil {
		t.Fatal(err)
	}
	v, err := liveaws.Judge(eng, "aws_account", acct.Sections, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range v.Findings {
		t.Logf("account: %s", f.Line())
	}
	fs := findingsOf(v)
	for _, id := range []string{"aws-s3-account-public-access-block", "aws-ebs-default-encryption", "aws-cloudtrail-multi-region-logging"} {
		if fs[id].Status != engine.StatusFail {
			t.Errorf("%s: want fail, got %+v", id, fs[id])
		}
	}
	if acct.ID != acctest.MotoAccountID {
		t.Errorf("account id %q", acct.ID)
	}

	for name, want := range map[string]bool{"smoke-good": true, "smoke-public": false} {
		b, err := c.LoadBucket(ctx, eng, opts, name)
		if err != nil {
			t.Fatal(err)
		}
		v, err := liveaws.Judge(eng, liveaws.BucketResourceType, []liveaws.Section{b.Section()}, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range v.Findings {
			t.Logf("%s: %s", name, f.Line())
		}
		if v.Compliant != want {
			t.Errorf("%s: compliant = %v, want %v", name, v.Compliant, want)
		}
	}
	if _, err := c.LoadBucket(ctx, eng, opts, "no-such-bucket-here"); !liveaws.IsNotFound(err) {
		t.Errorf("missing bucket: want not found, got %v", err)
	}
	g, err := c.LoadSecurityGroup(ctx, sshID)
	if err != nil {
		t.Fatal(err)
	}
	v, err = liveaws.Judge(eng, g.ResourceType(), []liveaws.Section{g.Section()}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if v.Compliant || !strings.Contains(strings.Join(v.Violations(engine.UnknownFail), "\n"), "aws-ec2-sg-no-world-ssh") {
		t.Errorf("ssh group: %+v", v.Violations(engine.UnknownFail))
	}
	if _, err := c.LoadSecurityGroup(ctx, "sg-0000000000000dead"); !liveaws.IsNotFound(err) {
		t.Errorf("missing group: want not found, got %v", err)
	}
	for op, n := range c.Calls().Snapshot() {
		t.Logf("call %s x%d", op, n)
	}
}
