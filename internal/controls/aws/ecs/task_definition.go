package ecs

import (
	"encoding/json"
	"fmt"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// container is the part of one container definition the task definition
// controls read.
type container struct {
	Name          string
	LogDriver     string // logConfiguration.logDriver; "" when not configured
	Privileged    bool
	ReadonlyRoot  bool
	PlainCredsEnv []string // environment names that carry AWS credentials
}

// taskDefinition is the subject of ECS.4, ECS.5, ECS.8 and ECS.9. Definitions
// is the raw container_definitions JSON; Containers and Err are its parse.
// A live loader would fill Containers from DescribeTaskDefinition
// containerDefinitions.
type taskDefinition struct {
	Definitions subject.Field[string]
	Containers  []container
	Err         error
}

// decodeTaskDefinition reads aws_ecs_task_definition values and parses
// container_definitions, a JSON array of container definitions (camelCase keys,
// as the ECS API takes them).
func decodeTaskDefinition(n subject.Node) taskDefinition {
	td := taskDefinition{Definitions: n.Get("container_definitions").String("")}
	if td.Definitions.Unknown || td.Definitions.Null {
		return td
	}
	td.Containers, td.Err = parseContainerDefinitions(td.Definitions.V)
	return td
}

// credentialEnv are the environment variable names ECS.8 looks for.
var credentialEnv = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"}

// parseContainerDefinitions parses a container_definitions document.
func parseContainerDefinitions(doc string) ([]container, error) {
	var raw []map[string]any
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return nil, fmt.Errorf("container_definitions is not a JSON array of objects: %v", err)
	}
	out := make([]container, 0, len(raw))
	for i, m := range raw {
		c := container{Name: text(m["name"])}
		if c.Name == "" {
			c.Name = fmt.Sprintf("#%d", i)
		}
		if lc, ok := m["logConfiguration"].(map[string]any); ok {
			c.LogDriver = strings.TrimSpace(text(lc["logDriver"]))
		}
		c.Privileged = truthy(m["privileged"])
		c.ReadonlyRoot = truthy(m["readonlyRootFilesystem"])
		if env, ok := m["environment"].([]any); ok {
			for _, e := range env {
				em, ok := e.(map[string]any)
				if !ok {
					continue
				}
				name := strings.TrimSpace(text(em["name"]))
				for _, k := range credentialEnv {
					if strings.EqualFold(name, k) {
						c.PlainCredsEnv = append(c.PlainCredsEnv, name)
					}
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func text(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// truthy reads a JSON boolean, accepting "true" as Terraform's jsonencode of
// a string variable would write it.
func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return strings.EqualFold(strings.TrimSpace(t), "true")
	}
	return false
}

// judge runs fn on the parsed containers, handling the unknown and malformed
// document first.
func (td taskDefinition) judge(fn func([]container) engine.Outcome) engine.Outcome {
	f := td.Definitions
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case td.Err != nil:
		return engine.Errored(f.Path, "%v", td.Err)
	case len(td.Containers) == 0:
		return engine.Errored(f.Path, "container_definitions holds no container definition")
	}
	return fn(td.Containers)
}

// checkLogging is ECS.9: every container has a logConfiguration with a
// logDriver.
func checkLogging(td taskDefinition) engine.Outcome {
	return td.judge(func(cs []container) engine.Outcome {
		for _, c := range cs {
			if c.LogDriver == "" {
				return engine.Fail(td.Definitions.Path, "container %q has no logConfiguration.logDriver: its output is not collected", c.Name)
			}
		}
		return engine.Pass()
	})
}

// checkNotPrivileged is ECS.4.
func checkNotPrivileged(td taskDefinition) engine.Outcome {
	return td.judge(func(cs []container) engine.Outcome {
		for _, c := range cs {
			if c.Privileged {
				return engine.Fail(td.Definitions.Path, "container %q sets privileged = true: it runs with root-like access to the host", c.Name)
			}
		}
		return engine.Pass()
	})
}

// checkReadonlyRoot is ECS.5: readonlyRootFilesystem defaults to false.
func checkReadonlyRoot(td taskDefinition) engine.Outcome {
	return td.judge(func(cs []container) engine.Outcome {
		for _, c := range cs {
			if !c.ReadonlyRoot {
				return engine.Fail(td.Definitions.Path, "container %q does not set readonlyRootFilesystem = true: its root filesystem is writable", c.Name)
			}
		}
		return engine.Pass()
	})
}

// checkNoCredentialEnv is ECS.8: no plaintext environment variable named
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or ECS_ENGINE_AUTH_DATA (secrets
// belong in the secrets list, read from Secrets Manager or Parameter Store).
func checkNoCredentialEnv(td taskDefinition) engine.Outcome {
	return td.judge(func(cs []container) engine.Outcome {
		for _, c := range cs {
			if len(c.PlainCredsEnv) > 0 {
				return engine.Fail(td.Definitions.Path, "container %q passes %s as a plaintext environment variable: anyone who can describe the task definition reads it", c.Name, strings.Join(c.PlainCredsEnv, ", "))
			}
		}
		return engine.Pass()
	})
}

// Register adds the ECS checks to r.
func Register(r *engine.Registry) {
	noPublicIP := engine.Check[placement]{Control: "aws-ecs-no-public-ip", Eval: checkNoPublicIP}
	engine.Add(r, "aws_ecs_service", decodePlacement("service"), noPublicIP)
	engine.Add(r, "aws_ecs_task_set", decodePlacement("task set"), noPublicIP)
	engine.Add(r, "aws_ecs_cluster", decodeCluster,
		engine.Check[cluster]{Control: "aws-ecs-container-insights", Eval: checkContainerInsights})
	engine.Add(r, "aws_ecs_task_definition", decodeTaskDefinition,
		engine.Check[taskDefinition]{Control: "aws-ecs-task-definition-logging", Eval: checkLogging},
		engine.Check[taskDefinition]{Control: "aws-ecs-container-not-privileged", Eval: checkNotPrivileged},
		engine.Check[taskDefinition]{Control: "aws-ecs-container-readonly-root", Eval: checkReadonlyRoot},
		engine.Check[taskDefinition]{Control: "aws-ecs-no-credentials-in-environment", Eval: checkNoCredentialEnv},
	)
}
