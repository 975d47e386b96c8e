package elb

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/attr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// LoadBalancer is the subject of the access log control. A live loader fills
// Type from DescribeLoadBalancers and AccessLogs from the load balancer
// attribute access_logs.s3.enabled (v2) or AccessLog.Enabled (classic).
type LoadBalancer struct {
	Type       subject.Field[string]
	AccessLogs subject.Field[bool]
}

// DecodeLoadBalancer reads aws_lb / aws_alb values: load_balancer_type
// defaults to application, access_logs.enabled to false.
func DecodeLoadBalancer(n subject.Node) LoadBalancer {
	return LoadBalancer{
		Type:       n.Get("load_balancer_type").String("application"),
		AccessLogs: n.Get("access_logs").Block().Get("enabled").Bool(false),
	}
}

// DecodeClassicLoadBalancer reads aws_elb values: inside an access_logs block
// enabled defaults to true; without the block nothing is logged.
func DecodeClassicLoadBalancer(n subject.Node) LoadBalancer {
	lb := LoadBalancer{Type: subject.Field[string]{V: "classic"}}
	al := n.Get("access_logs")
	if al.IsNull() || (al.Value().Kind() == subject.KindList && len(al.Value().Elems()) == 0) {
		lb.AccessLogs = subject.Field[bool]{Null: true, Path: "access_logs"}
		return lb
	}
	lb.AccessLogs = al.Block().Get("enabled").Bool(true)
	return lb
}

// CheckAccessLogs is ELB.5, which covers Application and Classic Load
// Balancers; Network and Gateway Load Balancers pass (not applicable).
func CheckAccessLogs(lb LoadBalancer) engine.Outcome {
	t := lb.Type
	if t.Unknown {
		return engine.Undecided(t.Path, "load_balancer_type is unknown until apply")
	}
	if !strings.EqualFold(t.V, "application") && !strings.EqualFold(t.V, "classic") {
		return engine.Pass()
	}
	return attr.True(lb.AccessLogs, "requests to the load balancer are not logged to S3")
}

// Register adds the ELB checks to r.
func Register(r *engine.Registry) {
	listener := []engine.Check[Listener]{
		{Control: "aws-elb-http-redirects-to-https", Eval: CheckHTTPRedirect},
		{Control: "aws-elb-listener-tls-policy", Eval: CheckTLSPolicy},
	}
	engine.Add(r, "aws_lb_listener", DecodeListener, listener...)
	engine.Add(r, "aws_alb_listener", DecodeListener, listener...)
	engine.Add(r, "aws_elb", DecodeClassic, engine.Check[ClassicListeners]{Control: "aws-elb-classic-listener-encrypted", Eval: CheckClassicListeners})
	logs := engine.Check[LoadBalancer]{Control: "aws-elb-access-logs", Eval: CheckAccessLogs}
	engine.Add(r, "aws_lb", DecodeLoadBalancer, logs)
	engine.Add(r, "aws_alb", DecodeLoadBalancer, logs)
	engine.Add(r, "aws_elb", DecodeClassicLoadBalancer, logs)
}
