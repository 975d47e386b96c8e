package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/bigquery"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/compute"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gke"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/iam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/kms"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/logging"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/sql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/storage"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// googleRegistrars are the Google Cloud service folders (google/<service>).
var googleRegistrars = []func(*engine.Registry){
	bigquery.Register,
	compute.Register,
	gke.Register,
	iam.Register,
	kms.Register,
	logging.Register,
	sql.Register,
	storage.Register,
}
