// Package cloudtrail judges CloudTrail trails, one by one (planned values of
// aws_cloudtrail) and as the set of trails of an account (live mode).
package cloudtrail

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Trail is one trail. A live loader fills it from DescribeTrails
// (IsMultiRegionTrail, IncludeGlobalServiceEvents, LogFileValidationEnabled,
// KmsKeyId, CloudWatchLogsLogGroupArn), GetTrailStatus (IsLogging) and
// GetEventSelectors (ManagementEvents, see RecordsAllManagementEvents), using
// subject.Of for known values.
type Trail struct {
	Name          string
	MultiRegion   subject.Field[bool]
	Logging       subject.Field[bool] // enable_logging planned, IsLogging live
	GlobalEvents  subject.Field[bool]
	LogValidation subject.Field[bool]
	KMSKeyID      subject.Field[string]
	CloudWatchLog subject.Field[string]
	// ManagementEvents is whether the trail records both read and write
	// management events; ManagementPath is where that was decided.
	ManagementEvents subject.Tri
	ManagementPath   string
}

// decodeTrail reads aws_cloudtrail values with the hashicorp/aws defaults:
// is_multi_region_trail false, enable_logging true,
// include_global_service_events true, enable_log_file_validation false.
func decodeTrail(n subject.Node) Trail {
	t := Trail{
		Name:          n.Get("name").String("").V,
		MultiRegion:   n.Get("is_multi_region_trail").Bool(false),
		Logging:       n.Get("enable_logging").Bool(true),
		GlobalEvents:  n.Get("include_global_service_events").Bool(true),
		LogValidation: n.Get("enable_log_file_validation").Bool(false),
		KMSKeyID:      n.Get("kms_key_id").String(""),
		CloudWatchLog: n.Get("cloud_watch_logs_group_arn").String(""),
	}
	t.ManagementEvents, t.ManagementPath = decodeManagement(n)
	return t
}

// decodeManagement decides whether the event selectors record all read and
// write management events. Without selectors a trail records them all.
func decodeManagement(n subject.Node) (subject.Tri, string) {
	basic := n.Get("event_selector").Items()
	adv := n.Get("advanced_event_selector").Items()
	switch {
	case basic.Unknown:
		return subject.Unknown, basic.Path
	case adv.Unknown:
		return subject.Unknown, adv.Path
	}
	if len(adv.Items) > 0 {
		res := subject.False
		for _, sel := range adv.Items {
			res = res.Or(advancedManagement(sel))
		}
		return res, adv.Path
	}
	if len(basic.Items) == 0 {
		return subject.True, ""
	}
	res := subject.False
	for _, sel := range basic.Items {
		inc := sel.Get("include_management_events").Bool(true).Test(func(b bool) bool { return b })
		rw := judge.Is(sel.Get("read_write_type").String("All"), "All")
		excl := sel.Get("exclude_management_event_sources").Strings()
		none := subject.TriOf(len(excl.Items) == 0)
		if excl.Unknown {
			none = subject.Unknown
		}
		res = res.Or(inc.And(rw).And(none))
	}
	return res, basic.Path
}

// advancedManagement: an advanced selector records all management events when
// it selects eventCategory = Management and does not narrow by readOnly or
// eventSource.
func advancedManagement(sel subject.Node) subject.Tri {
	fs := sel.Get("field_selector").Items()
	if fs.Unknown {
		return subject.Unknown
	}
	category, narrowed := subject.False, subject.False
	for _, f := range fs.Items {
		field := f.Get("field").String("")
		if field.Unknown {
			return subject.Unknown
		}
		switch field.V {
		case "eventCategory":
			category = category.Or(f.Get("equals").Strings().Any(func(s string) bool { return s == "Management" }))
		case "readOnly", "eventSource":
			narrowed = subject.True
		}
	}
	return category.And(narrowed.Not())
}

// EventSelector is a basic event selector as GetEventSelectors returns it.
type EventSelector struct {
	ReadWriteType                 string
	IncludeManagementEvents       bool
	ExcludeManagementEventSources []string
}

// AdvancedFieldSelector is one field selector of an advanced event selector.
type AdvancedFieldSelector struct {
	Field  string
	Equals []string
}

// RecordsAllManagementEvents decides ManagementEvents for a live trail from
// its GetEventSelectors answer. With neither kind of selector, a trail records
// all management events.
func RecordsAllManagementEvents(basic []EventSelector, advanced [][]AdvancedFieldSelector) bool {
	if len(advanced) > 0 {
		for _, sel := range advanced {
			category, narrowed := false, false
			for _, f := range sel {
				switch f.Field {
				case "eventCategory":
					for _, e := range f.Equals {
						category = category || e == "Management"
					}
				case "readOnly", "eventSource":
					narrowed = true
				}
			}
			if category && !narrowed {
				return true
			}
		}
		return false
	}
	if len(basic) == 0 {
		return true
	}
	for _, s := range basic {
		if s.IncludeManagementEvents && strings.EqualFold(s.ReadWriteType, "All") && len(s.ExcludeManagementEventSources) == 0 {
			return true
		}
	}
	return false
}

func isTrue(f subject.Field[bool]) subject.Tri { return f.Test(func(b bool) bool { return b }) }

// multiRegion judges CloudTrail.1 / CIS 3.1 on one trail: multi-Region,
// logging, with global service events and all read and write management events.
func multiRegion(t Trail) engine.Outcome {
	parts := []struct {
		t    subject.Tri
		path string
		fail string
	}{
		{isTrue(t.MultiRegion), t.MultiRegion.Path, "is_multi_region_trail is false: the trail records events of one Region only"},
		{isTrue(t.Logging), t.Logging.Path, "enable_logging is false: the trail does not log"},
		{isTrue(t.GlobalEvents), t.GlobalEvents.Path, "include_global_service_events is false: events of global services such as IAM are not recorded"},
		{t.ManagementEvents, t.ManagementPath, "the event selectors do not record all read and write management events"},
	}
	var undecided *engine.Outcome
	for _, p := range parts {
		switch p.t {
		case subject.False:
			return engine.Fail(p.path, "%s", p.fail)
		case subject.Unknown:
			if undecided == nil {
				o := engine.Undecided(p.path, "%s is unknown until apply", judge.Name(p.path))
				undecided = &o
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	return engine.Pass()
}

func kmsEncrypted(t Trail) engine.Outcome {
	return judge.Set(t.KMSKeyID, "log files are encrypted with SSE-S3 only, not with a KMS key whose policy controls who can read them")
}

func logValidation(t Trail) engine.Outcome {
	return judge.True(t.LogValidation, "CloudTrail does not write digest files, so tampering with delivered log files cannot be detected")
}

func cloudWatchLogs(t Trail) engine.Outcome {
	return judge.Set(t.CloudWatchLog, "events are not delivered to CloudWatch Logs, so no metric filter or alarm can act on them")
}

// trailChecks are the per-trail checks.
func trailChecks() []engine.Check[Trail] {
	return []engine.Check[Trail]{
		{Control: "aws-cloudtrail-multi-region-logging", Eval: multiRegion},
		{Control: "aws-cloudtrail-kms-encrypted", Eval: kmsEncrypted},
		{Control: "aws-cloudtrail-log-validation", Eval: logValidation},
		{Control: "aws-cloudtrail-cloudwatch-logs", Eval: cloudWatchLogs},
	}
}

// Account is every trail that applies to an account (DescribeTrails with
// includeShadowTrails, plus organization trails). Live loaders judge it under
// "aws_cloudtrail" with engine.EvaluateSubject.
type Account struct {
	Trails []Trail
}

// accountMultiRegion is CloudTrail.1 for an account: at least one trail is
// multi-Region, logging, with global service events and all management events.
func accountMultiRegion(a Account) engine.Outcome {
	var undecided *engine.Outcome
	for _, t := range a.Trails {
		o := multiRegion(t)
		switch o.Status {
		case engine.StatusPass:
			return o
		case engine.StatusUnknown:
			if undecided == nil {
				undecided = &o
			}
		}
	}
	if undecided != nil {
		return *undecided
	}
	if len(a.Trails) == 0 {
		return engine.Fail("trails", "the account has no CloudTrail trail")
	}
	return engine.Fail("trails", "none of the account's %d trails is multi-Region, logging, and recording global service events and all read and write management events", len(a.Trails))
}

// everyTrail applies a per-trail check to every trail of an account; an
// account without trails passes (CloudTrail.1 reports that gap).
func everyTrail(check func(Trail) engine.Outcome) func(Account) engine.Outcome {
	return func(a Account) engine.Outcome {
		var undecided *engine.Outcome
		for _, t := range a.Trails {
			o := check(t)
			switch o.Status {
			case engine.StatusFail, engine.StatusError:
				if t.Name != "" {
					o.Message = "trail " + t.Name + ": " + o.Message
				}
				return o
			case engine.StatusUnknown:
				if undecided == nil {
					undecided = &o
				}
			}
		}
		if undecided != nil {
			return *undecided
		}
		return engine.Pass()
	}
}

// accountChecks are the account-level checks over all trails.
func accountChecks() []engine.Check[Account] {
	return []engine.Check[Account]{
		{Control: "aws-cloudtrail-multi-region-logging", Eval: accountMultiRegion},
		{Control: "aws-cloudtrail-kms-encrypted", Eval: everyTrail(kmsEncrypted)},
		{Control: "aws-cloudtrail-log-validation", Eval: everyTrail(logValidation)},
		{Control: "aws-cloudtrail-cloudwatch-logs", Eval: everyTrail(cloudWatchLogs)},
	}
}

// Register adds the CloudTrail checks to r: per trail for planned values, and
// per account for subjects built by live loaders.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_cloudtrail", decodeTrail, trailChecks()...)
	engine.Add[Account](r, "aws_cloudtrail", nil, accountChecks()...)
}
