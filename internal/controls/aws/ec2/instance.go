package ec2

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Instance is the subject of the instance controls.
type Instance struct {
	HTTPTokens         subject.Field[string]
	HTTPEndpoint       subject.Field[string]
	MetadataPath       string
	AssociatePublicIP  subject.Field[bool]
	CheckPublicAddress bool
}

// decodeInstance reads aws_instance values.
func decodeInstance(n subject.Node) Instance {
	i := decodeMetadata(n)
	i.AssociatePublicIP = n.Get("associate_public_ip_address").Bool(false)
	i.CheckPublicAddress = true
	return i
}

// DecodeLaunchTemplate reads aws_launch_template values.
func DecodeLaunchTemplate(n subject.Node) Instance {
	return decodeMetadata(n)
}

func decodeMetadata(n subject.Node) Instance {
	md := n.Get("metadata_options").Block()
	return Instance{
		HTTPTokens:   md.Get("http_tokens").String(""),
		HTTPEndpoint: md.Get("http_endpoint").String("enabled"),
		MetadataPath: md.Path(),
	}
}

func imdsv2(i Instance) engine.Outcome {
	if !i.HTTPEndpoint.Unknown && strings.EqualFold(i.HTTPEndpoint.V, "disabled") {
		return engine.Pass()
	}
	switch {
	case i.HTTPTokens.Unknown:
		return judge.Unknown(i.HTTPTokens.Path)
	case strings.EqualFold(i.HTTPTokens.V, "required"):
		return engine.Pass() // whatever the endpoint state
	case i.HTTPTokens.Null:
		return engine.Fail(i.HTTPTokens.Path, "http_tokens is not set, so the AMI or account default applies, which may allow IMDSv1; set it to \"required\"")
	}
	return engine.Fail(i.HTTPTokens.Path, "http_tokens is %q, which allows IMDSv1 requests without a session token", i.HTTPTokens.V)
}

func noPublicIP(i Instance) engine.Outcome {
	f := i.AssociatePublicIP
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null:
		return engine.Fail(f.Path, "associate_public_ip_address is not set, so the subnet's map_public_ip_on_launch decides and may give the instance a public address; set associate_public_ip_address = false")
	case f.V:
		return engine.Fail(f.Path, "the instance gets a public IPv4 address")
	}
	return engine.Pass()
}

// instanceChecks are the aws_instance checks of the network family.
func instanceChecks() []engine.Check[Instance] {
	return []engine.Check[Instance]{
		{Control: "aws-ec2-instance-imdsv2", Eval: imdsv2},
		{Control: "aws-ec2-instance-no-public-ip", Eval: noPublicIP},
	}
}

// IMDSv2Check is EC2.8 alone (launch templates carry no address choice here).
var IMDSv2Check = engine.Check[Instance]{Control: "aws-ec2-instance-imdsv2", Eval: imdsv2}
