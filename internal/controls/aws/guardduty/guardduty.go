// Package guardduty judges whether GuardDuty is enabled (GuardDuty.1).
package guardduty

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Detector is a GuardDuty detector. A live loader fills Enabled from
// GetDetector Status == "ENABLED".
type Detector struct {
	Enabled subject.Field[bool]
}

// decodeDetector reads aws_guardduty_detector values (enable defaults to true).
func decodeDetector(n subject.Node) Detector {
	return Detector{Enabled: n.Get("enable").Bool(true)}
}

// checkDetector is GuardDuty.1 on one detector.
func checkDetector(d Detector) engine.Outcome {
	return judge.True(d.Enabled, "the detector is suspended, so GuardDuty analyses no events in this Region")
}

// Account is the detectors of an account in one Region (ListDetectors; at most
// one). Live loaders judge it under "aws_guardduty_detector".
type Account struct {
	Detectors []Detector
}

// checkAccount passes when an enabled detector exists.
func checkAccount(a Account) engine.Outcome {
	var last engine.Outcome
	for _, d := range a.Detectors {
		last = checkDetector(d)
		if last.Status == engine.StatusPass {
			return last
		}
	}
	if len(a.Detectors) == 0 {
		return engine.Fail("detectors", "GuardDuty has no detector in this Region")
	}
	return last
}

// Register adds the GuardDuty checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_guardduty_detector", decodeDetector, engine.Check[Detector]{Control: "aws-guardduty-enabled", Eval: checkDetector})
	engine.Add[Account](r, "aws_guardduty_detector", nil, engine.Check[Account]{Control: "aws-guardduty-enabled", Eval: checkAccount})
}
