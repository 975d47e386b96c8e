// Package elasticache judges ElastiCache replication groups.
package elasticache

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// replicationGroup is the subject of ElastiCache.4 and .5. A live loader fills
// it from DescribeReplicationGroups (AtRestEncryptionEnabled,
// TransitEncryptionEnabled, TransitEncryptionMode).
type replicationGroup struct {
	AtRest      subject.Field[bool]
	Transit     subject.Field[bool]
	TransitMode subject.Field[string]
}

// decodeReplicationGroup reads aws_elasticache_replication_group values.
// at_rest_encryption_enabled defaults to false for engine redis and to true for
// engine valkey (hashicorp/aws documentation); transit_encryption_enabled
// defaults to false.
func decodeReplicationGroup(n subject.Node) replicationGroup {
	engineName := n.Get("engine").String("redis")
	rg := replicationGroup{
		AtRest:      n.Get("at_rest_encryption_enabled").Bool(!engineName.Unknown && strings.EqualFold(engineName.V, "valkey")),
		Transit:     n.Get("transit_encryption_enabled").Bool(false),
		TransitMode: n.Get("transit_encryption_mode").String(""),
	}
	if rg.AtRest.Null && engineName.Unknown {
		rg.AtRest = subject.Field[bool]{Unknown: true, Path: engineName.Path}
	}
	return rg
}

// checkAtRest is ElastiCache.4.
func checkAtRest(rg replicationGroup) engine.Outcome {
	return judge.True(rg.AtRest, "data on disk (swap, backups) is not encrypted, and this cannot be changed after creation")
}

// checkInTransit is ElastiCache.5. It is stricter than the FSBP control in one
// respect: transit_encryption_mode = "preferred" (a migration mode that still
// accepts unencrypted connections) fails.
func checkInTransit(rg replicationGroup) engine.Outcome {
	if o := judge.True(rg.Transit, "clients and nodes talk in plain text"); o.Status != engine.StatusPass {
		return o
	}
	m := rg.TransitMode
	switch {
	case m.Unknown:
		return judge.Unknown(m.Path)
	case strings.EqualFold(m.V, "preferred"):
		return engine.Fail(m.Path, "transit_encryption_mode is \"preferred\": unencrypted connections are still accepted; use \"required\"")
	}
	return engine.Pass()
}

// Register adds the ElastiCache checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_elasticache_replication_group", decodeReplicationGroup,
		engine.Check[replicationGroup]{Control: "aws-elasticache-encrypted-at-rest", Eval: checkAtRest},
		engine.Check[replicationGroup]{Control: "aws-elasticache-encrypted-in-transit", Eval: checkInTransit},
	)
}
