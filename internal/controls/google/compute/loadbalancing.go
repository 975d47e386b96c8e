package compute

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// sslPolicy is a google_compute_ssl_policy as judged.
type sslPolicy struct {
	Profile  subject.Field[string]
	MinTLS   subject.Field[string]
	Features subject.StringSeq
}

// decodeSSLPolicy reads google_compute_ssl_policy: profile defaults to
// COMPATIBLE and min_tls_version to TLS_1_0 (API defaults).
func decodeSSLPolicy(n subject.Node) sslPolicy {
	return sslPolicy{
		Profile:  n.Get("profile").String("COMPATIBLE"),
		MinTLS:   n.Get("min_tls_version").String("TLS_1_0"),
		Features: n.Get("custom_features").Strings(),
	}
}

// weakFeatures are the cipher suites CIS 3.9 names as weak for a CUSTOM
// profile.
var weakFeatures = []string{
	"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
}

// checkSSLPolicy is CIS 3.9: a MODERN or RESTRICTED profile with TLS 1.2 as
// the minimum, or a CUSTOM profile with TLS 1.2 and none of the weak suites.
func checkSSLPolicy(p sslPolicy) engine.Outcome {
	if o := judge.OneOf(p.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "TLS_1_2", "TLS_1_3"); o.Status != engine.StatusPass {
		return o
	}
	switch judge.Is(p.Profile, "MODERN", "RESTRICTED") {
	case subject.Unknown:
		return judge.Unknown(p.Profile.Path)
	case subject.True:
		return engine.Pass()
	}
	if judge.Is(p.Profile, "CUSTOM") != subject.True {
		if p.Profile.Null {
			return engine.Fail(p.Profile.Path, "profile is not set and defaults to COMPATIBLE: weak cipher suites stay enabled")
		}
		return engine.Fail(p.Profile.Path, "profile is %q: weak cipher suites stay enabled", p.Profile.V)
	}
	weak := func(s string) bool {
		for _, w := range weakFeatures {
			if strings.EqualFold(strings.TrimSpace(s), w) {
				return true
			}
		}
		return false
	}
	switch p.Features.Any(weak) {
	case subject.Unknown:
		return engine.Undecided(p.Features.First(weak), "custom_features are unknown until apply")
	case subject.True:
		at := p.Features.First(weak)
		return engine.Fail(at, "custom_features enables a weak cipher suite (RSA key exchange or 3DES)")
	}
	return engine.Pass()
}

// backendService is a google_compute_backend_service as judged.
type backendService struct {
	LogEnable subject.Field[bool]
	Scheme    subject.Field[string]
}

// decodeBackendService reads google_compute_backend_service: without a
// log_config block, or with enable unset, request logging is off.
func decodeBackendService(n subject.Node) backendService {
	return backendService{
		LogEnable: n.Get("log_config").Block().Get("enable").Bool(false),
		Scheme:    n.Get("load_balancing_scheme").String("EXTERNAL"),
	}
}

// checkBackendLogging is CIS 2.16: the HTTP(S) load balancer's backend
// service logs requests.
func checkBackendLogging(b backendService) engine.Outcome {
	return judge.True(b.LogEnable, "the load balancer does not log the requests it serves")
}

// checkConfidential is CIS 4.11: Confidential VM (enable_confidential_compute,
// or a confidential_instance_type of SEV, SEV_SNP or TDX).
func checkConfidential(in Instance) engine.Outcome {
	if in.Confidential.Unknown {
		return judge.Unknown(in.Confidential.Path)
	}
	if in.Confidential.V {
		return engine.Pass()
	}
	switch judge.Is(in.ConfidentialType, "SEV", "SEV_SNP", "TDX") {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return judge.Unknown(in.ConfidentialType.Path)
	}
	return engine.Fail(in.Confidential.Path, "confidential_instance_config.enable_confidential_compute is not true and no confidential_instance_type is set: memory is not encrypted while in use")
}
