package controls

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// azureRegistrars are the Azure service folders (azure/<service>).
var azureRegistrars = []func(*engine.Registry){}
