package datasources_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
	liveaws "github.com/cloudbaseline/terraform-provider-baseline/internal/live/aws"
)

var livePolicyFile = filepath.Join("..", "..", "examples", "iam", "live-readonly-policy.json")

// TestMain stops the shared moto server after the tests and then, when live
// acceptance tests ran, fails the run if any AWS operation they invoked
// (recorded by the SDK middleware of internal/live/aws) is missing from the
// shipped least-privilege policy or is not a Get/Describe/List/Head call.
func TestMain(m *testing.M) {
	code := m.Run()
	acctest.StopSharedMoto()
	if ops := liveaws.Recorded.Operations(); len(ops) > 0 {
		b, err := os.ReadFile(livePolicyFile)
		problems := liveaws.PolicyProblems(b, ops)
		if err != nil {
			problems = append(problems, err.Error())
		}
		if len(problems) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: live operations not covered by %s:\n  %s\n", livePolicyFile, strings.Join(problems, "\n  "))
			code = 1
		} else {
			fmt.Printf("live mode: %d distinct AWS operations recorded, all read-only and granted by %s\n", len(ops), livePolicyFile)
		}
	}
	os.Exit(code)
}

// liveEnv is a fresh moto account behind a fault-injecting proxy that also
// serves the documented stubs for moto's gaps (acctest.MotoGaps).
type liveEnv struct {
	moto  *acctest.Moto
	proxy *acctest.FaultProxy
	seed  *acctest.Seeder
}

func newLiveEnv(t *testing.T) *liveEnv {
	t.Helper()
	moto := acctest.SharedMoto(t)
	acctest.SetAWSEnv(t)
	if err := moto.Reset(); err != nil {
		t.Fatal(err)
	}
	proxy := acctest.NewFaultProxy(moto.Endpoint)
	acctest.StubMotoGaps(proxy)
	t.Cleanup(proxy.Close)
	return &liveEnv{moto: moto, proxy: proxy, seed: acctest.NewSeeder(moto.Endpoint)}
}

// provider configures the baseline provider's aws block with every endpoint
// at the proxy; extra adds attributes to the block.
func (e *liveEnv) provider(extra string) string {
	var eps []string
	for _, s := range liveaws.EndpointServices {
		eps = append(eps, fmt.Sprintf("    %s = %q", s, e.proxy.URL))
	}
	if !strings.Contains(extra, "max_retries") {
		extra += "\n    max_retries = 2"
	}
	return acctest.ProviderBlock(fmt.Sprintf(`  aws {
    region = %q
    endpoints = {
%s
    }
%s
  }`, acctest.MotoRegion, strings.Join(eps, "\n"), extra))
}
