// Package autoscaling judges EC2 Auto Scaling launch configurations and
// groups: IMDSv2 and public addresses of the instances they launch, and the
// use of launch templates.
package autoscaling

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ec2"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// launchConfiguration is the subject of AutoScaling.5. A live loader fills
// PublicIP from DescribeLaunchConfigurations AssociatePublicIpAddress.
type launchConfiguration struct {
	PublicIP subject.Field[bool]
}

// decodeLaunchConfiguration reads aws_launch_configuration values.
// associate_public_ip_address is Optional+Computed: unknown at create when not
// set, which reads as not set (attributes.yaml): the subnet then decides,
// which aws-ec2-subnet-no-auto-public-ip judges.
func decodeLaunchConfiguration(n subject.Node) launchConfiguration {
	return launchConfiguration{PublicIP: n.Get("associate_public_ip_address").Bool(false)}
}

func noPublicIP(l launchConfiguration) engine.Outcome {
	f := l.PublicIP
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "associate_public_ip_address is true: every instance the launch configuration launches gets a public IPv4 address")
	}
	return engine.Pass()
}

// group is the subject of AutoScaling.9: how an Auto Scaling group says what
// to launch. A live loader fills it from DescribeAutoScalingGroups
// (LaunchConfigurationName, LaunchTemplate, MixedInstancesPolicy).
type group struct {
	LaunchConfiguration subject.Field[string]
	// LaunchTemplate and MixedTemplate report whether a launch_template block,
	// or a mixed_instances_policy launch_template block, is given.
	LaunchTemplate, MixedTemplate subject.Tri
	TemplatePath                  string
}

// decodeGroup reads aws_autoscaling_group values.
func decodeGroup(n subject.Node) group {
	lt := n.Get("launch_template")
	mixed := n.Get("mixed_instances_policy").Block().Get("launch_template")
	return group{
		LaunchConfiguration: n.Get("launch_configuration").String(""),
		LaunchTemplate:      present(lt),
		MixedTemplate:       present(mixed),
		TemplatePath:        lt.Path(),
	}
}

// present reports whether a block is given: unknown for an unknown value,
// false for null or an empty list.
func present(n subject.Node) subject.Tri {
	switch v := n.Value(); {
	case n.IsUnknown():
		return subject.Unknown
	case n.IsNull(), v.Kind() == subject.KindList && len(v.Elems()) == 0:
		return subject.False
	}
	return subject.True
}

func usesLaunchTemplate(g group) engine.Outcome {
	switch g.LaunchTemplate.Or(g.MixedTemplate) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return engine.Undecided(g.TemplatePath, "whether the group uses a launch template is unknown until apply")
	}
	// A group launches from exactly one of a launch template, a mixed
	// instances policy or a launch configuration: without the first two it
	// uses a launch configuration, even when its name is unknown until apply.
	at := g.LaunchConfiguration.Path
	if at == "" {
		at = "launch_configuration"
	}
	return engine.Fail(at, "the group launches instances from a launch configuration; use a launch_template block (or mixed_instances_policy.launch_template) instead")
}

// Register adds the Auto Scaling checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_launch_configuration", ec2.DecodeLaunchTemplate,
		engine.Check[ec2.Instance]{Control: "aws-autoscaling-launch-config-imdsv2", Eval: ec2.IMDSv2Check.Eval})
	engine.Add(r, "aws_launch_configuration", decodeLaunchConfiguration,
		engine.Check[launchConfiguration]{Control: "aws-autoscaling-launch-config-no-public-ip", Eval: noPublicIP})
	engine.Add(r, "aws_autoscaling_group", decodeGroup,
		engine.Check[group]{Control: "aws-autoscaling-group-launch-template", Eval: usesLaunchTemplate})
}
