// Package stepfunctions judges Step Functions state machines.
package stepfunctions

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// stateMachine is a state machine. A live loader fills LogLevel from
// DescribeStateMachine loggingConfiguration.level.
type stateMachine struct {
	LogLevel subject.Field[string]
}

// decodeStateMachine reads aws_sfn_state_machine values: without a
// logging_configuration block, or without its level, logging is OFF.
func decodeStateMachine(n subject.Node) stateMachine {
	return stateMachine{LogLevel: n.Get("logging_configuration").Block().Get("level").String("OFF")}
}

// checkLogging is StepFunctions.1: the logging level is ALL, ERROR or FATAL.
func checkLogging(s stateMachine) engine.Outcome {
	l := s.LogLevel
	switch judge.Is(l, "ALL", "ERROR", "FATAL") {
	case subject.Unknown:
		return judge.Unknown(l.Path)
	case subject.True:
		return engine.Pass()
	}
	if l.Null || l.V == "" {
		at := l.Path
		if at == "" {
			at = "logging_configuration"
		}
		return engine.Fail(at, "logging is not configured and defaults to OFF: executions are not logged to CloudWatch Logs")
	}
	return engine.Fail(l.Path, "level is %q: executions are not logged; use ALL, ERROR or FATAL", l.V)
}

// Register adds the Step Functions checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_sfn_state_machine", decodeStateMachine, engine.Check[stateMachine]{Control: "aws-stepfunctions-logging", Eval: checkLogging})
}
