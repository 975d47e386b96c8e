package elb

import "testing"

func TestSecureTLSPolicy(t *testing.T) {
	for name, want := range map[string]bool{
		"ELBSecurityPolicy-TLS13-1-2-2021-06":          true,
		"ELBSecurityPolicy-TLS13-1-3-2021-06":          true,
		"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09":  true,
		"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04":     true,
		"ELBSecurityPolicy-TLS-1-2-2017-01":            true,
		"ELBSecurityPolicy-TLS-1-2-Ext-2018-06":        true,
		"ELBSecurityPolicy-FS-1-2-Res-2020-10":         true,
		"ELBSecurityPolicy-FS-1-2-2019-08":             true,
		"ELBSecurityPolicy-2016-08":                    false,
		"ELBSecurityPolicy-2015-05":                    false,
		"ELBSecurityPolicy-FS-2018-06":                 false,
		"ELBSecurityPolicy-TLS-1-0-2015-04":            false,
		"ELBSecurityPolicy-TLS-1-1-2017-01":            false,
		"ELBSecurityPolicy-FS-1-1-2019-08":             false,
		"ELBSecurityPolicy-TLS13-1-1-2021-06":          false,
		"ELBSecurityPolicy-TLS13-1-0-2021-06":          false,
		"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04": true,
	} {
		if got := secureTLSPolicy(name); got != want {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
}

// Every policy ELB.17 recommends also passes the TLS 1.2 minimum control.
func TestRecommendedPoliciesAreSecure(t *testing.T) {
	for _, p := range recommendedTLSPolicies {
		if !secureTLSPolicy(p) {
			t.Errorf("%s is recommended but SecureTLSPolicy rejects it", p)
		}
	}
}
