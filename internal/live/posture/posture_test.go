package posture_test

import (
	"slices"
	"testing"
	"time"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/live/posture"
)

var src = posture.Source{Name: "Engine", Cloud: "azure", JoinPrefix: "azure-policy:", KeyFramework: "azure-defender:", ScopeNoun: "subscription",
	Attribute: "status", ScopeMatch: "subscription_id", KeyMatch: "assessment_key"}

func newEngine(t testing.TB) *engine.Engine {
	eng, err := engine.New([]engine.Control{{ID: "c-https", Title: "HTTPS only", Severity: engine.SeverityHigh, Responsibility: engine.Customer,
		Cloud: "azure", Frameworks: []string{"azure-policy:404c3081-a854-4457-ae30-26a93ef643f9", "nist-800-53-r5:SC-8"}}}, engine.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// waiving returns options with one active waiver of id.
func waiving(t *testing.T, id string, match map[string]string) engine.Options {
	t.Helper()
	w, err := engine.NewWaiver(id, "r", "o", "2099-01-01", match, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return engine.Options{Waivers: engine.Waivers{w}}
}

// The failing list is bounded while the counts stay exact; a waiver by
// scope accepts one scope only; an unjoined key is reported as its own.
func TestAggregatorBoundsAndWaivers(t *testing.T) {
	eng := newEngine(t)
	opts := waiving(t, "c-https", map[string]string{"subscription_id": "sub-b"})
	a := posture.New(src, eng, opts, posture.Query{})
	for i := 0; i < 1000; i++ {
		a.Add(&posture.Item{Key: "k1", Join: "404C3081-a854-4457-ae30-26a93ef643f9", Scope: []string{"sub-a", "sub-b"}[i%2], Resource: "r", State: posture.Unhealthy, Severity: engine.SeverityLow})
	}
	a.Add(&posture.Item{Key: "k2", Scope: "sub-a", Resource: "vm", State: posture.Unhealthy, Severity: engine.SeverityMedium, Title: "Other"})
	a.Add(&posture.Item{Key: "k3", Scope: "sub-a", Resource: "vm", State: posture.Healthy, Severity: engine.SeverityMedium})
	results, sums := a.Results()
	if len(sums) != 3 {
		t.Fatalf("summaries %+v", sums)
	}
	k1 := sums[0]
	if k1.ControlID != "c-https" || !k1.InCatalog || k1.Unhealthy != 500 || k1.Waived != 500 || len(k1.FailingResources) != posture.MaxFailingResources {
		t.Errorf("k1 %+v", k1)
	}
	if k1.Scopes[0].Status != engine.StatusFail || k1.Scopes[1].Status != engine.StatusWaived {
		t.Errorf("scopes %+v", k1.Scopes)
	}
	if sums[1].InCatalog || sums[1].ControlID != "k2" || sums[2].Status != engine.StatusPass {
		t.Errorf("k2/k3 %+v %+v", sums[1], sums[2])
	}
	v := eng.JudgeExternal("t", results, opts)
	if v.Failed != 2 || v.Waived != 1 || v.Passed != 1 {
		t.Errorf("verdict failed %d waived %d passed %d", v.Failed, v.Waived, v.Passed)
	}
}

// FuzzAggregator: any items, never a panic; counts add up.
func FuzzAggregator(f *testing.F) {
	f.Add("k", "404c3081-a854-4457-ae30-26a93ef643f9", "s", "r", uint8(0), "high")
	f.Add("", "", "", "", uint8(9), "")
	f.Fuzz(func(t *testing.T, key, join, scope, res string, state uint8, sev string) {
		eng := newEngine(t)
		a := posture.New(src, eng, engine.Options{}, posture.Query{MinimumSeverity: engine.SeverityLow})
		s, _ := engine.ParseSeverity(sev)
		for i := 0; i < 3; i++ {
			a.Add(&posture.Item{Key: key, Join: join, Scope: scope, Resource: res, State: posture.State(state % 3), Severity: s})
		}
		read, tallied := a.Read()
		_, sums := a.Results()
		n := 0
		for _, c := range sums {
			n += c.Unhealthy + c.Healthy + c.NotApplicable + c.Waived
		}
		if read != 3 || n != tallied {
			t.Fatalf("read %d tallied %d summed %d", read, tallied, n)
		}
	})
}

// A scope the engine could evaluate on no resource is unknown, quoting the
// engine's word; one healthy resource beside it makes it a pass. Locations
// are listed after the scope and matched by waivers under LocationMatch;
// ExactJoin keeps the join's case.
func TestAggregatorUnavailableLocationsExactJoin(t *testing.T) {
	eng := newEngine(t)
	opts := waiving(t, "k1", map[string]string{"region": "eu-west-1"})
	s := src
	s.LocationMatch, s.UnavailableLabel, s.ExactJoin = "region", "NOT_AVAILABLE", true
	a := posture.New(s, eng, opts, posture.Query{})
	a.Add(&posture.Item{Key: "k1", Scope: "sub-a", Location: "us-east-1", Resource: "r1", State: posture.Unavailable})
	a.Add(&posture.Item{Key: "k1", Scope: "sub-a", Location: "eu-west-1", Resource: "r2", State: posture.Unavailable})
	a.Add(&posture.Item{Key: "k1", Scope: "sub-b", Resource: "r3", State: posture.Unavailable})
	a.Add(&posture.Item{Key: "k1", Scope: "sub-b", Resource: "r4", State: posture.Healthy})
	a.Add(&posture.Item{Key: "k1", Scope: "sub-c", Location: "eu-west-1", Resource: "r5", State: posture.Unhealthy})
	a.Add(&posture.Item{Key: "k1", Scope: "sub-d", Location: "us-east-1", Resource: "r6", State: posture.Unhealthy})
	a.Add(&posture.Item{Key: "k2", Join: "404C3081-A854-4457-AE30-26A93EF643F9", Scope: "sub-a", Resource: "r7", State: posture.Unhealthy})
	results, sums := a.Results()
	if len(sums) != 2 || sums[0].InCatalog || sums[1].InCatalog {
		t.Fatalf("an upper-case join must not join under ExactJoin: %+v", sums)
	}
	k1 := sums[0]
	var st []engine.Status
	for _, sc := range k1.Scopes {
		st = append(st, sc.Status)
	}
	want := []engine.Status{engine.StatusUnknown, engine.StatusPass, engine.StatusWaived, engine.StatusFail}
	if k1.Status != engine.StatusFail || k1.Unavailable != 3 || k1.Healthy != 1 || k1.Waived != 1 || k1.Unhealthy != 1 || !slices.Equal(st, want) {
		t.Errorf("k1 %+v, scope statuses %v, want %v", k1, st, want)
	}
	if got := results[0].Outcome.Message; got != "subscription sub-a (us-east-1, eu-west-1): Engine could not evaluate Engine k1, a Engine recommendation outside the baseline catalog on any of 2 resources (NOT_AVAILABLE)" {
		t.Errorf("unavailable message %q", got)
	}
	if got := results[2].Outcome.Message; got != "subscription sub-c (eu-west-1): 1 of 1 resources fail Engine k1, a Engine recommendation outside the baseline catalog, all waived" {
		t.Errorf("waived message %q", got)
	}
}
