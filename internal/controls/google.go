package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/artifactregistry"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/bigquery"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/cloudfunctions"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/cloudrun"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/compute"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/dataflow"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/dataproc"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/dns"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/gke"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/iam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/kms"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/logging"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/memorystore"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/pubsub"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/secretmanager"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/spanner"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/sql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/storage"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/google/vertexai"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// googleRegistrars are the Google Cloud service folders (google/<service>).
var googleRegistrars = []func(*engine.Registry){
	artifactregistry.Register,
	bigquery.Register,
	cloudfunctions.Register,
	cloudrun.Register,
	compute.Register,
	dataflow.Register,
	dataproc.Register,
	dns.Register,
	gke.Register,
	iam.Register,
	kms.Register,
	logging.Register,
	memorystore.Register,
	pubsub.Register,
	secretmanager.Register,
	spanner.Register,
	sql.Register,
	storage.Register,
	vertexai.Register,
}
