package controls

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// googleRegistrars are the Google Cloud service folders (google/<service>).
var googleRegistrars = []func(*engine.Registry){}
