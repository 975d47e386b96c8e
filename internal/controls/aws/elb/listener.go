// Package elb judges Elastic Load Balancing: ALB/NLB listeners (encryption in
// transit), Classic Load Balancer listeners, and access logs.
package elb

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"regexp"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// action is a listener's default action, as far as redirects matter.
type action struct {
	Type             subject.Field[string]
	RedirectProtocol subject.Field[string]
}

// Listener is an Application or Network Load Balancer listener. A live loader
// fills it from DescribeListeners (Protocol, SslPolicy, DefaultActions).
type Listener struct {
	Protocol       subject.Field[string]
	SSLPolicy      subject.Field[string]
	Actions        []action
	ActionsUnknown bool
	ActionsPath    string
}

// decodeListener reads aws_lb_listener / aws_alb_listener values. An unset
// protocol is HTTP (the Application Load Balancer default; a Network Load
// Balancer listener must set it).
func decodeListener(n subject.Node) Listener {
	l := Listener{
		Protocol:  n.Get("protocol").String("HTTP"),
		SSLPolicy: n.Get("ssl_policy").String(""),
	}
	seq := n.Get("default_action").Items()
	l.ActionsUnknown, l.ActionsPath = seq.Unknown, seq.Path
	for _, it := range seq.Items {
		l.Actions = append(l.Actions, action{
			Type: it.Get("type").String(""),
			// The redirect protocol defaults to "#{protocol}", i.e. unchanged.
			RedirectProtocol: it.Get("redirect").Block().Get("protocol").String("#{protocol}"),
		})
	}
	return l
}

// checkHTTPRedirect is ELB.1: an HTTP listener must redirect every request to
// HTTPS with its default action. Other protocols pass here (HTTPS and TLS are
// judged by checkTLSPolicy).
func checkHTTPRedirect(l Listener) engine.Outcome {
	p := l.Protocol
	if p.Unknown {
		return judge.Unknown(p.Path)
	}
	if !strings.EqualFold(p.V, "HTTP") {
		return engine.Pass()
	}
	if l.ActionsUnknown {
		return engine.Undecided(l.ActionsPath, "the default action is unknown until apply")
	}
	res := subject.False
	at := l.ActionsPath
	for _, a := range l.Actions {
		t := judge.Is(a.Type, "redirect").And(judge.Is(a.RedirectProtocol, "HTTPS"))
		if t == subject.Unknown && res == subject.False {
			at = a.Type.Path
			if !a.Type.Unknown {
				at = a.RedirectProtocol.Path
			}
		}
		res = res.Or(t)
	}
	switch res {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(at, "%s is unknown until apply", judge.Name(at))
	}
	return engine.Fail(l.ActionsPath, "the HTTP listener serves requests in plain text instead of redirecting them to HTTPS")
}

// tlsMin extracts the minimum TLS version of an ELB security policy name:
// ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS-1-2-Ext-2018-06,
// ELBSecurityPolicy-FS-1-2-Res-2020-10 … (minor version in the second group).
// Policies without a version in the name (ELBSecurityPolicy-2016-08,
// ELBSecurityPolicy-FS-2018-06, ELBSecurityPolicy-2015-05) allow TLS 1.0.
var tlsMin = regexp.MustCompile(`(?i)-(?:TLS13|TLS|FS)-1-([0-3])(?:-|$)`)

// secureTLSPolicy reports whether an ELB security policy refuses TLS versions
// older than 1.2.
func secureTLSPolicy(name string) bool {
	m := tlsMin.FindStringSubmatch(name)
	return m != nil && m[1] >= "2"
}

// checkTLSPolicy: an HTTPS or TLS listener must use a security policy whose
// minimum is TLS 1.2. An unset ssl_policy fails: the service default has been
// ELBSecurityPolicy-2016-08, which accepts TLS 1.0.
func checkTLSPolicy(l Listener) engine.Outcome {
	p := l.Protocol
	if p.Unknown {
		return judge.Unknown(p.Path)
	}
	if !strings.EqualFold(p.V, "HTTPS") && !strings.EqualFold(p.V, "TLS") {
		return engine.Pass()
	}
	s := l.SSLPolicy
	switch {
	case s.Unknown:
		return judge.Unknown(s.Path)
	case s.Null || s.V == "":
		return engine.Fail(s.Path, "ssl_policy is not set, so the default policy applies, which may accept TLS 1.0; set ELBSecurityPolicy-TLS13-1-2-2021-06 or later")
	case !secureTLSPolicy(s.V):
		return engine.Fail(s.Path, "ssl_policy %q accepts TLS versions older than 1.2", s.V)
	}
	return engine.Pass()
}

// classicListeners is the listener set of a Classic Load Balancer. A live
// loader fills it from DescribeLoadBalancers ListenerDescriptions.
type classicListeners struct {
	Protocols []subject.Field[string]
	// Certificates are the listeners' ssl_certificate_id, in the order of
	// Protocols.
	Certificates []subject.Field[string]
	Unknown      bool
	Path         string
}

// decodeClassic reads the listener blocks of aws_elb values.
func decodeClassic(n subject.Node) classicListeners {
	seq := n.Get("listener").Items()
	c := classicListeners{Unknown: seq.Unknown, Path: seq.Path}
	for _, it := range seq.Items {
		c.Protocols = append(c.Protocols, it.Get("lb_protocol").String(""))
		c.Certificates = append(c.Certificates, it.Get("ssl_certificate_id").String(""))
	}
	return c
}

// checkClassicListeners is ELB.3: every front-end listener terminates HTTPS or
// SSL/TLS.
func checkClassicListeners(c classicListeners) engine.Outcome {
	var undecided *engine.Outcome
	for _, p := range c.Protocols {
		switch judge.Is(p, "HTTPS", "SSL") {
		case subject.False:
			return engine.Fail(p.Path, "the listener's front-end protocol is %q, which is not encrypted; use HTTPS or SSL", p.V)
		case subject.Unknown:
			if undecided == nil {
				o := judge.Unknown(p.Path)
				undecided = &o
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	if c.Unknown {
		return engine.Undecided(c.Path, "the listeners are unknown until apply")
	}
	return engine.Pass()
}

// acmARN matches the ARN of an ACM certificate in any partition.
var acmARN = regexp.MustCompile(`^arn:aws[a-z-]*:acm:`)

// checkClassicACMCertificates is ELB.2: HTTPS and SSL listeners of a Classic
// Load Balancer use certificates from ACM (which renews them), not IAM server
// certificates.
func checkClassicACMCertificates(c classicListeners) engine.Outcome {
	var undecided *engine.Outcome
	keep := func(o engine.Outcome) {
		if undecided == nil {
			undecided = &o
		}
	}
	for i, p := range c.Protocols {
		switch judge.Is(p, "HTTPS", "SSL") {
		case subject.False:
			continue
		case subject.Unknown:
			keep(judge.Unknown(p.Path))
			continue
		}
		cert := c.Certificates[i]
		switch {
		case cert.Unknown:
			keep(judge.Unknown(cert.Path))
		case cert.Null || strings.TrimSpace(cert.V) == "":
			return engine.Fail(cert.Path, "the %s listener has no ssl_certificate_id; use the ARN of an ACM certificate", p.V)
		case !acmARN.MatchString(strings.TrimSpace(cert.V)):
			return engine.Fail(cert.Path, "ssl_certificate_id %q is not an ACM certificate, so nothing renews it; use an ACM certificate", cert.V)
		}
	}
	if undecided != nil {
		return *undecided
	}
	if c.Unknown {
		return engine.Undecided(c.Path, "the listeners are unknown until apply")
	}
	return engine.Pass()
}

// recommendedTLSPolicies are the security policies FSBP ELB.17 accepts on
// HTTPS and TLS listeners: TLS 1.3 only, or TLS 1.2 and 1.3 with restricted
// (forward-secret AEAD) ciphers.
var recommendedTLSPolicies = []string{
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
}

// checkRecommendedTLSPolicy is ELB.17: HTTPS and TLS listeners use one of
// recommendedTLSPolicies. Stricter than checkTLSPolicy, which accepts every
// policy whose minimum is TLS 1.2.
func checkRecommendedTLSPolicy(l Listener) engine.Outcome {
	p := l.Protocol
	if p.Unknown {
		return judge.Unknown(p.Path)
	}
	if !strings.EqualFold(p.V, "HTTPS") && !strings.EqualFold(p.V, "TLS") {
		return engine.Pass()
	}
	s := l.SSLPolicy
	switch {
	case s.Unknown:
		return judge.Unknown(s.Path)
	case s.Null || s.V == "":
		return engine.Fail(s.Path, "ssl_policy is not set, so the service default applies, which is not a recommended policy; set ELBSecurityPolicy-TLS13-1-2-Res-2021-06")
	case judge.Is(s, recommendedTLSPolicies...) != subject.True:
		return engine.Fail(s.Path, "ssl_policy %q is not a recommended security policy (TLS 1.3, or TLS 1.2 with restricted ciphers)", s.V)
	}
	return engine.Pass()
}
