// Package ecs judges Amazon ECS clusters, services, task sets and task
// definitions.
package ecs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// placement is the subject of ECS.2 and ECS.16: whether the tasks of a service
// or task set get a public IP. A live loader would fill it from
// DescribeServices / DescribeTaskSets networkConfiguration.awsvpcConfiguration.assignPublicIp.
type placement struct {
	What           string // "service", "task set"
	AssignPublicIP subject.Field[bool]
}

func decodePlacement(what string) func(subject.Node) placement {
	return func(n subject.Node) placement {
		return placement{
			What:           what,
			AssignPublicIP: n.Get("network_configuration").Block().Get("assign_public_ip").Bool(false),
		}
	}
}

// checkNoPublicIP is ECS.2 (services) and ECS.16 (task sets).
// assign_public_ip defaults to false; without network_configuration (bridge
// or host networking) ECS assigns no address to the tasks.
func checkNoPublicIP(p placement) engine.Outcome {
	f := p.AssignPublicIP
	switch {
	case f.Unknown:
		return judge.Unknown(f.Path)
	case f.V:
		return engine.Fail(f.Path, "assign_public_ip is true: every task of the %s gets a public IP address and is reachable from the internet wherever its security groups allow", p.What)
	}
	return engine.Pass()
}

// cluster is the subject of ECS.12. A live loader would fill it from
// DescribeClusters settings (name containerInsights).
type cluster struct {
	// Insights is the value of the containerInsights setting; null when the
	// cluster does not set it.
	Insights subject.Field[string]
}

// decodeCluster reads aws_ecs_cluster values: the setting blocks named
// containerInsights.
func decodeCluster(n subject.Node) cluster {
	c := cluster{Insights: subject.Field[string]{Null: true, Path: "setting"}}
	settings := n.Get("setting").Items()
	if settings.Unknown {
		c.Insights = subject.Field[string]{Unknown: true, Path: settings.Path}
		return c
	}
	for _, s := range settings.Items {
		name := s.Get("name").String("")
		if name.Unknown {
			c.Insights = subject.Field[string]{Unknown: true, Path: name.Path}
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name.V), "containerInsights") {
			c.Insights = s.Get("value").String("")
			break
		}
	}
	return c
}

// checkContainerInsights is ECS.12. "enhanced" (Container Insights with
// enhanced observability) counts as enabled.
func checkContainerInsights(c cluster) engine.Outcome {
	f := c.Insights
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "the containerInsights setting is unknown until apply")
	case f.Null:
		return engine.Fail(f.Path, "no setting named containerInsights: the account default decides, and it is disabled unless changed; cluster and task metrics and diagnostics are not collected")
	}
	switch strings.ToLower(strings.TrimSpace(f.V)) {
	case "enabled", "enhanced":
		return engine.Pass()
	}
	return engine.Fail(f.Path, "containerInsights is %q: cluster and task metrics and diagnostics are not collected", f.V)
}
