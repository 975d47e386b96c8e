package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azuread/applications"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azuread/conditionalaccess"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azuread/groups"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// azureadRegistrars are the Microsoft Entra ID service folders
// (azuread/<service>), judging hashicorp/azuread resources (SaaS).
var azureadRegistrars = []func(*engine.Registry){
	applications.Register,
	conditionalaccess.Register,
	groups.Register,
}
