package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/github/branchprotection"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/github/organization"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/github/repository"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/github/webhook"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// githubRegistrars are the GitHub service folders (github/<service>),
// judging integrations/github resources (SaaS).
var githubRegistrars = []func(*engine.Registry){
	branchprotection.Register,
	organization.Register,
	repository.Register,
	webhook.Register,
}
