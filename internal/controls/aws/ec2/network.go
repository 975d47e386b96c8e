package ec2

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Subnet is the subject of EC2.15. A live loader fills MapPublicIP from
// DescribeSubnets MapPublicIpOnLaunch.
type Subnet struct {
	MapPublicIP subject.Field[bool]
}

// decodeSubnet reads aws_subnet values: map_public_ip_on_launch defaults to
// false in hashicorp/aws and in the API.
func decodeSubnet(n subject.Node) Subnet {
	return Subnet{MapPublicIP: n.Get("map_public_ip_on_launch").Bool(false)}
}

func subnetNoPublicIP(s Subnet) engine.Outcome {
	f := s.MapPublicIP
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "map_public_ip_on_launch is true: every instance launched in the subnet gets a public IPv4 address unless it opts out")
	}
	return engine.Pass()
}

// subnetCheck is FSBP EC2.15.
var subnetCheck = engine.Check[Subnet]{Control: "aws-ec2-subnet-no-auto-public-ip", Eval: subnetNoPublicIP}

// launchTemplateInterfaces is the subject of EC2.25: the
// associate_public_ip_address of each network interface of a launch
// template. hashicorp/aws keeps it as a string: "true", "false" or "" (not
// set, the subnet decides). A live loader fills it from
// DescribeLaunchTemplateVersions NetworkInterfaces.
type launchTemplateInterfaces struct {
	PublicIP []subject.Field[string]
	Unknown  bool
	Path     string
}

// decodeLaunchTemplateInterfaces reads aws_launch_template network_interfaces.
func decodeLaunchTemplateInterfaces(n subject.Node) launchTemplateInterfaces {
	seq := n.Get("network_interfaces").Items()
	out := launchTemplateInterfaces{Unknown: seq.Unknown, Path: seq.Path}
	for _, it := range seq.Items {
		out.PublicIP = append(out.PublicIP, it.Get("associate_public_ip_address").String(""))
	}
	return out
}

func launchTemplateNoPublicIP(l launchTemplateInterfaces) engine.Outcome {
	if l.Unknown {
		return engine.Undecided(l.Path, "the network interfaces are unknown until apply")
	}
	var undecided *engine.Outcome
	for _, f := range l.PublicIP {
		switch {
		case f.Unknown:
			if undecided == nil {
				o := judge.Unknown(f.Path)
				undecided = &o
			}
		case strings.EqualFold(strings.TrimSpace(f.V), "true"):
			return engine.Fail(f.Path, "associate_public_ip_address is \"true\": instances launched from the template get a public IPv4 address")
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}

// launchTemplatePublicIPCheck is FSBP EC2.25.
var launchTemplatePublicIPCheck = engine.Check[launchTemplateInterfaces]{Control: "aws-ec2-launch-template-no-public-ip", Eval: launchTemplateNoPublicIP}

// transitGateway is the subject of EC2.23. A live loader fills AutoAccept
// from DescribeTransitGateways Options.AutoAcceptSharedAttachments.
type transitGateway struct {
	AutoAccept subject.Field[string]
}

// decodeTransitGateway reads aws_ec2_transit_gateway values:
// auto_accept_shared_attachments is "enable" or "disable" (the default).
func decodeTransitGateway(n subject.Node) transitGateway {
	return transitGateway{AutoAccept: n.Get("auto_accept_shared_attachments").String("disable")}
}

func transitGatewayNoAutoAccept(t transitGateway) engine.Outcome {
	f := t.AutoAccept
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case strings.EqualFold(strings.TrimSpace(f.V), "enable"):
		return engine.Fail(f.Path, "auto_accept_shared_attachments is \"enable\": VPC attachment requests from other accounts are accepted without review")
	}
	return engine.Pass()
}

// transitGatewayCheck is FSBP EC2.23.
var transitGatewayCheck = engine.Check[transitGateway]{Control: "aws-ec2-transit-gateway-no-auto-accept", Eval: transitGatewayNoAutoAccept}
