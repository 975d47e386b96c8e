package elb

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// loadBalancer is the subject of the access log control. A live loader fills
// Type from DescribeLoadBalancers and AccessLogs from the load balancer
// attribute access_logs.s3.enabled (v2) or AccessLog.Enabled (classic).
type loadBalancer struct {
	Type       subject.Field[string]
	AccessLogs subject.Field[bool]
	// DropInvalidHeaders is routing.http.drop_invalid_header_fields.enabled
	// (Application Load Balancers only).
	DropInvalidHeaders subject.Field[bool]
	// DesyncMode is routing.http.desync_mitigation_mode (application) or the
	// classic attribute elb.http.desyncmitigationmode.
	DesyncMode subject.Field[string]
}

// defaultDesyncMode is the service and provider default desync mitigation
// mode.
const defaultDesyncMode = "defensive"

// decodeLoadBalancer reads aws_lb / aws_alb values: load_balancer_type
// defaults to application, access_logs.enabled to false.
func decodeLoadBalancer(n subject.Node) loadBalancer {
	return loadBalancer{
		Type:               n.Get("load_balancer_type").String("application"),
		AccessLogs:         n.Get("access_logs").Block().Get("enabled").Bool(false),
		DropInvalidHeaders: n.Get("drop_invalid_header_fields").Bool(false),
		DesyncMode:         n.Get("desync_mitigation_mode").String(defaultDesyncMode),
	}
}

// decodeClassicLoadBalancer reads aws_elb values: inside an access_logs block
// enabled defaults to true; without the block nothing is logged.
func decodeClassicLoadBalancer(n subject.Node) loadBalancer {
	lb := loadBalancer{
		Type:       subject.Field[string]{V: "classic"},
		DesyncMode: n.Get("desync_mitigation_mode").String(defaultDesyncMode),
	}
	al := n.Get("access_logs")
	if al.IsNull() || (al.Value().Kind() == subject.KindList && len(al.Value().Elems()) == 0) {
		lb.AccessLogs = subject.Field[bool]{Null: true, Path: "access_logs"}
		return lb
	}
	lb.AccessLogs = al.Block().Get("enabled").Bool(true)
	return lb
}

// checkAccessLogs is ELB.5, which covers Application and Classic Load
// Balancers; Network and Gateway Load Balancers pass (not applicable).
func checkAccessLogs(lb loadBalancer) engine.Outcome {
	t := lb.Type
	if t.Unknown {
		return judge.Unknown(t.Path)
	}
	if !strings.EqualFold(t.V, "application") && !strings.EqualFold(t.V, "classic") {
		return engine.Pass()
	}
	return judge.True(lb.AccessLogs, "requests to the load balancer are not logged to S3")
}

// isApplication reports, in three-valued logic, whether the load balancer is
// an Application Load Balancer.
func isApplication(lb loadBalancer) subject.Tri {
	return judge.Is(lb.Type, "application")
}

// checkDropInvalidHeaders is ELB.4: an Application Load Balancer drops header
// fields that are not valid HTTP instead of passing them to targets.
func checkDropInvalidHeaders(lb loadBalancer) engine.Outcome {
	switch isApplication(lb) {
	case subject.Unknown:
		return judge.Unknown(lb.Type.Path)
	case subject.False:
		return engine.Pass()
	}
	return judge.True(lb.DropInvalidHeaders, "requests with invalid header fields reach the targets, which helps HTTP desync attacks")
}

// checkDesyncMitigation is ELB.12 (application) and ELB.14 (classic): the
// desync mitigation mode is defensive (the default) or strictest, not
// monitor. Network and Gateway Load Balancers pass (not applicable).
func checkDesyncMitigation(lb loadBalancer) engine.Outcome {
	t := lb.Type
	if t.Unknown {
		return judge.Unknown(t.Path)
	}
	if !strings.EqualFold(t.V, "application") && !strings.EqualFold(t.V, "classic") {
		return engine.Pass()
	}
	m := lb.DesyncMode
	switch judge.Is(m, "defensive", "strictest") {
	case subject.Unknown:
		return judge.Unknown(m.Path)
	case subject.False:
		return engine.Fail(m.Path, "desync_mitigation_mode is %q: ambiguous requests that enable HTTP request smuggling reach the targets; use defensive or strictest", m.V)
	}
	return engine.Pass()
}

// Register adds the ELB checks to r.
func Register(r *engine.Registry) {
	listener := []engine.Check[Listener]{
		{Control: "aws-elb-http-redirects-to-https", Eval: checkHTTPRedirect},
		{Control: "aws-elb-listener-tls-policy", Eval: checkTLSPolicy},
		{Control: "aws-elb-listener-recommended-tls-policy", Eval: checkRecommendedTLSPolicy},
	}
	engine.Add(r, "aws_lb_listener", decodeListener, listener...)
	engine.Add(r, "aws_alb_listener", decodeListener, listener...)
	engine.Add(r, "aws_elb", decodeClassic,
		engine.Check[classicListeners]{Control: "aws-elb-classic-listener-encrypted", Eval: checkClassicListeners},
		engine.Check[classicListeners]{Control: "aws-elb-classic-acm-certificate", Eval: checkClassicACMCertificates},
	)
	logs := engine.Check[loadBalancer]{Control: "aws-elb-access-logs", Eval: checkAccessLogs}
	desync := engine.Check[loadBalancer]{Control: "aws-elb-desync-mitigation", Eval: checkDesyncMitigation}
	headers := engine.Check[loadBalancer]{Control: "aws-elb-alb-drop-invalid-headers", Eval: checkDropInvalidHeaders}
	engine.Add(r, "aws_lb", decodeLoadBalancer, logs, headers, desync)
	engine.Add(r, "aws_alb", decodeLoadBalancer, logs, headers, desync)
	engine.Add(r, "aws_elb", decodeClassicLoadBalancer, logs, desync)
}
