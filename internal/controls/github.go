package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// githubRegistrars are the GitHub service folders (github/<service>),
// judging integrations/github resources (SaaS).
var githubRegistrars = []func(*engine.Registry){}
