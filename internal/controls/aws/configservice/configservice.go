// Package configservice judges AWS Config recording (Config.1 / CIS 3.3).
package configservice

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Recorder is a configuration recorder. In planned mode the recorder's
// recording group (aws_config_configuration_recorder) and its status
// (aws_config_configuration_recorder_status) are separate resources, so each
// decoded subject judges only its part: CheckGroup / CheckStatus say which. A
// live loader fills everything from DescribeConfigurationRecorders
// (RecordingGroup.AllSupported, IncludeGlobalResourceTypes) and
// DescribeConfigurationRecorderStatus (Recording) and sets both flags.
type Recorder struct {
	Name          string
	AllSupported  subject.Field[bool]
	IncludeGlobal subject.Field[bool]
	Recording     subject.Field[bool]
	CheckGroup    bool
	CheckStatus   bool
}

// decodeRecorder reads aws_config_configuration_recorder values. Without a
// recording_group block AWS records all supported resource types
// (all_supported defaults to true) but not global ones
// (include_global_resource_types defaults to false).
func decodeRecorder(n subject.Node) Recorder {
	g := n.Get("recording_group").Block()
	return Recorder{
		Name:          n.Get("name").String("").V,
		AllSupported:  g.Get("all_supported").Bool(true),
		IncludeGlobal: g.Get("include_global_resource_types").Bool(false),
		CheckGroup:    true,
	}
}

// decodeRecorderStatus reads aws_config_configuration_recorder_status values
// (is_enabled is required by hashicorp/aws).
func decodeRecorderStatus(n subject.Node) Recorder {
	return Recorder{
		Name:        n.Get("name").String("").V,
		Recording:   n.Get("is_enabled").Bool(false),
		CheckStatus: true,
	}
}

// checkRecorder is Config.1 / CIS 3.3 on one recorder. CIS 3.3 asks for all
// supported resource types including global ones (IAM); FSBP Config.1 asks for
// recording of the resource types that enabled controls use, which
// all_supported covers. The service-linked role part of Config.1 is not
// judged.
func checkRecorder(r Recorder) engine.Outcome {
	if r.CheckGroup {
		if o := judge.True(r.AllSupported, "the recorder records only the listed resource types, not all supported ones"); o.Status != engine.StatusPass {
			return o
		}
		if o := judge.True(r.IncludeGlobal, "global resources such as IAM users, groups, roles and policies are not recorded"); o.Status != engine.StatusPass {
			return o
		}
	}
	if r.CheckStatus {
		if o := judge.True(r.Recording, "the configuration recorder is stopped, so no configuration change is recorded"); o.Status != engine.StatusPass {
			return o
		}
	}
	return engine.Pass()
}

// Account is the configuration recorders of an account in one Region (at most
// one customer recorder exists per Region). Live loaders judge it under
// "aws_config_configuration_recorder".
type Account struct {
	Recorders []Recorder
}

// checkAccount passes when some recorder records all resource types, global
// ones included, and is recording.
func checkAccount(a Account) engine.Outcome {
	var first *engine.Outcome
	for _, r := range a.Recorders {
		r.CheckGroup, r.CheckStatus = true, true
		o := checkRecorder(r)
		if o.Status == engine.StatusPass {
			return o
		}
		if first == nil || (first.Status != engine.StatusUnknown && o.Status == engine.StatusUnknown) {
			first = &o
		}
	}
	if first != nil {
		return *first
	}
	return engine.Fail("recorders", "AWS Config has no configuration recorder in this Region")
}

// Register adds the AWS Config checks to r.
func Register(r *engine.Registry) {
	c := engine.Check[Recorder]{Control: "aws-config-recorder-enabled", Eval: checkRecorder}
	engine.Add(r, "aws_config_configuration_recorder", decodeRecorder, c)
	engine.Add(r, "aws_config_configuration_recorder_status", decodeRecorderStatus, c)
	engine.Add[Account](r, "aws_config_configuration_recorder", nil,
		engine.Check[Account]{Control: "aws-config-recorder-enabled", Eval: checkAccount})
}
