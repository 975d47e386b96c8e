// Package resourcepolicy judges who an AWS resource is open to: resource
// policies given as JSON (queues, topics, repositories, vaults) and the
// sharing of snapshots and images.
package resourcepolicy

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/policy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// NotPublic judges a resource policy given as JSON text: no Allow statement
// open to every principal that no condition narrows (internal/policy). what
// names the policy in messages ("the queue policy"); exposure says what a
// public statement lets anyone do. An unknown policy is undecided, an empty
// one passes (the owner account alone has access), a malformed one errors.
func NotPublic(f subject.Field[string], what, exposure string) engine.Outcome {
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "%s is unknown until apply", what)
	case f.Null || strings.TrimSpace(f.V) == "":
		return engine.Pass()
	}
	p, err := policy.Parse([]byte(f.V))
	if err != nil {
		return engine.Errored(f.Path, "%s cannot be analysed: %v", what, err)
	}
	if m := p.PublicStatements(); len(m) > 0 {
		return engine.Fail(f.Path, "%s %s: %s", m[0].Where(), m[0].Reason, exposure)
	}
	return engine.Pass()
}
