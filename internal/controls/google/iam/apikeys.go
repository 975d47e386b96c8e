package iam

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/netrange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// apiKey is a google_apikeys_key as judged.
type apiKey struct {
	Restrictions subject.Node
	Referrers    subject.StringSeq
	IPs          subject.StringSeq
	Android      subject.Seq
	IOS          subject.StringSeq
	HasBrowser   bool
	HasServer    bool
	HasAndroid   bool
	HasIOS       bool
	Targets      subject.Seq
}

// decodeAPIKey reads google_apikeys_key: without a restrictions block the
// key works from any host or app and for every enabled API.
func decodeAPIKey(n subject.Node) apiKey {
	r := n.Get("restrictions").Block()
	k := apiKey{Restrictions: r}
	b, s := r.Get("browser_key_restrictions").Block(), r.Get("server_key_restrictions").Block()
	a, i := r.Get("android_key_restrictions").Block(), r.Get("ios_key_restrictions").Block()
	k.HasBrowser, k.HasServer, k.HasAndroid, k.HasIOS = !b.IsNull(), !s.IsNull(), !a.IsNull(), !i.IsNull()
	k.Referrers = b.Get("allowed_referrers").Strings()
	k.IPs = s.Get("allowed_ips").Strings()
	k.Android = a.Get("allowed_applications").Items()
	k.IOS = i.Get("allowed_bundle_ids").Strings()
	k.Targets = r.Get("api_targets").Items()
	return k
}

// anyReferrer reports whether a referrer pattern admits every site.
func anyReferrer(s string) bool {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, p)
	}
	return s == "*" || s == "*/*" || s == "*.*" || strings.HasPrefix(s, "*/") || s == ""
}

// checkAPIKeyHostsApps is CIS 1.13: the key is restricted to HTTP
// referrers, server IP addresses or mobile apps, and the restriction is not
// "*" or the internet.
func checkAPIKeyHostsApps(k apiKey) engine.Outcome {
	r := k.Restrictions
	switch {
	case r.IsUnknown():
		return judge.Unknown(r.Path())
	case r.IsNull():
		return engine.Fail(r.Path(), "restrictions is not set: the key can be used from any website, server or app")
	}
	if k.HasBrowser {
		switch k.Referrers.Any(anyReferrer) {
		case subject.True:
			return engine.Fail(k.Referrers.First(anyReferrer), "allowed_referrers admits every website")
		case subject.Unknown:
			return engine.Undecided(k.Referrers.First(anyReferrer), "allowed_referrers is unknown until apply")
		}
		return engine.Pass()
	}
	if k.HasServer {
		j := netrange.JudgeSources(k.IPs)
		switch {
		case j.Malformed:
			return engine.Errored(j.At, "allowed_ips entry %q is not an IP address or CIDR range", j.Bad)
		case j.World == subject.True:
			return engine.Fail(j.At, "allowed_ips admits the whole internet: %s", j.Describe())
		case j.World == subject.Unknown:
			return engine.Undecided(j.At, "allowed_ips is unknown until apply")
		}
		return engine.Pass()
	}
	if k.HasAndroid || k.HasIOS {
		return engine.Pass()
	}
	return engine.Fail(r.Path(), "restrictions sets no browser_key_restrictions, server_key_restrictions, android_key_restrictions or ios_key_restrictions: the key can be used from anywhere")
}

// checkAPIKeyAPIs is CIS 1.14: the key is restricted to named APIs.
func checkAPIKeyAPIs(k apiKey) engine.Outcome {
	r := k.Restrictions
	switch {
	case r.IsUnknown():
		return judge.Unknown(r.Path())
	case r.IsNull():
		return engine.Fail(r.Path(), "restrictions is not set: the key can call every API enabled in the project")
	case k.Targets.Unknown:
		return judge.Unknown(k.Targets.Path)
	case len(k.Targets.Items) == 0:
		return engine.Fail(k.Targets.Path, "restrictions sets no api_targets: the key can call every API enabled in the project")
	}
	return engine.Pass()
}
