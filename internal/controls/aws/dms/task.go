package dms

// Logging of replication tasks (DMS.7, DMS.8), read from the task settings
// JSON document.

import (
	"encoding/json"
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// task is the subject of the replication task logging controls. A live
// loader would fill Settings from DescribeReplicationTasks
// ReplicationTaskSettings.
type task struct {
	Settings subject.Field[string]
}

// decodeTask reads aws_dms_replication_task values. replication_task_settings
// is Optional+Computed: unset, DMS applies its default task settings, in which
// logging is off.
func decodeTask(n subject.Node) task {
	return task{Settings: n.Get("replication_task_settings").String("")}
}

// taskSettings is the part of the task settings document the controls read.
type taskSettings struct {
	Logging *struct {
		EnableLogging *bool `json:"EnableLogging"`
		LogComponents []struct {
			ID       string `json:"Id"`
			Severity string `json:"Severity"`
		} `json:"LogComponents"`
	} `json:"Logging"`
}

// verbose are the severities at least as verbose as LOGGER_SEVERITY_DEFAULT.
var verbose = []string{"LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_DEBUG", "LOGGER_SEVERITY_DETAILED_DEBUG"}

// checkLogging passes when logging is enabled and each of components logs at
// LOGGER_SEVERITY_DEFAULT or more verbosely. A component the settings do not
// list logs at the default severity once logging is enabled.
func checkLogging(t task, side string, components ...string) engine.Outcome {
	f := t.Settings
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Fail(f.Path, "replication_task_settings is not set, and the default task settings do not enable logging: %s activity of the task is not written to CloudWatch Logs; set Logging.EnableLogging = true", side)
	}
	var s taskSettings
	if err := json.Unmarshal([]byte(f.V), &s); err != nil {
		return engine.Errored(f.Path, "replication_task_settings is not a valid task settings JSON document: %v", err)
	}
	if s.Logging == nil || s.Logging.EnableLogging == nil || !*s.Logging.EnableLogging {
		return engine.Fail(f.Path, "Logging.EnableLogging is not true in replication_task_settings: %s activity of the task is not written to CloudWatch Logs", side)
	}
	var weak []string
	for _, want := range components {
		for _, c := range s.Logging.LogComponents {
			if !strings.EqualFold(strings.TrimSpace(c.ID), want) {
				continue
			}
			ok := false
			for _, v := range verbose {
				ok = ok || strings.EqualFold(strings.TrimSpace(c.Severity), v)
			}
			if !ok {
				weak = append(weak, fmt.Sprintf("%s at %s", want, c.Severity))
			}
		}
	}
	if len(weak) > 0 {
		return engine.Fail(f.Path, "replication_task_settings logs %s, below LOGGER_SEVERITY_DEFAULT: warnings and informational messages are dropped", strings.Join(weak, " and "))
	}
	return engine.Pass()
}

// checkSourceLogging is DMS.8 (SOURCE_CAPTURE and SOURCE_UNLOAD).
func checkSourceLogging(t task) engine.Outcome {
	return checkLogging(t, "source database", "SOURCE_CAPTURE", "SOURCE_UNLOAD")
}

// checkTargetLogging is DMS.7 (TARGET_APPLY and TARGET_LOAD).
func checkTargetLogging(t task) engine.Outcome {
	return checkLogging(t, "target database", "TARGET_APPLY", "TARGET_LOAD")
}
