package ec2

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Register adds the EC2 network checks to r.
func Register(r *engine.Registry) {
	sg := SecurityGroupChecks()
	engine.Add(r, "aws_security_group", DecodeSecurityGroup, sg...)
	engine.Add(r, "aws_default_security_group", DecodeDefaultSecurityGroup, append(sg, DefaultSecurityGroupCheck)...)
	engine.Add(r, "aws_security_group_rule", DecodeSecurityGroupRule, sg...)
	engine.Add(r, "aws_vpc_security_group_ingress_rule", DecodeVPCIngressRule, sg...)
	engine.Add(r, "aws_network_acl", DecodeNetworkACL, NetworkACLCheck)
	engine.Add(r, "aws_default_network_acl", DecodeNetworkACL, NetworkACLCheck)
	engine.Add(r, "aws_network_acl_rule", DecodeNetworkACLRule, NetworkACLCheck)
	engine.Add(r, "aws_instance", DecodeInstance, InstanceChecks()...)
	engine.Add(r, "aws_launch_template", DecodeLaunchTemplate, IMDSv2Check)
}
