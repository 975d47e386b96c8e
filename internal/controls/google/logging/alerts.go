package logging

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// alertPolicy is a google_monitoring_alert_policy as judged.
type alertPolicy struct {
	Enabled  subject.Field[bool]
	Channels subject.StringSeq
}

// decodeAlertPolicy reads google_monitoring_alert_policy: enabled defaults
// to true; without notification_channels an incident notifies no one.
func decodeAlertPolicy(n subject.Node) alertPolicy {
	return alertPolicy{Enabled: n.Get("enabled").Bool(true), Channels: n.Get("notification_channels").Strings()}
}

// checkAlertPolicyNotifies is the alert half of CIS 2.4 to 2.11: the alert
// on a log-based metric must be enabled and notify someone.
func checkAlertPolicyNotifies(p alertPolicy) engine.Outcome {
	if o := judge.True(p.Enabled, "the alert policy never opens incidents"); o.Status != engine.StatusPass {
		return o
	}
	switch {
	case p.Channels.Unknown:
		return judge.Unknown(p.Channels.Path)
	case len(p.Channels.Items) == 0:
		return engine.Fail(p.Channels.Path, "notification_channels is empty: incidents of the alert policy notify no one")
	}
	// A channel created in the same plan has an id unknown until apply, but
	// a channel is configured: the list's length decides.
	return engine.Pass()
}
