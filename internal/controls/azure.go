package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/aks"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/apimanagement"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/appservice"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/authorization"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/compute"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/containerregistry"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/cosmosdb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/databricks"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/datafactory"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/defender"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/eventhub"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/keyvault"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/loganalytics"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/monitor"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/mysql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/network"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/postgresql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/redis"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/servicebus"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/sql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/storage"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/synapse"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/waf"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// azureRegistrars are the Azure service folders (azure/<service>).
var azureRegistrars = []func(*engine.Registry){
	aks.Register,
	apimanagement.Register,
	appservice.Register,
	authorization.Register,
	compute.Register,
	containerregistry.Register,
	cosmosdb.Register,
	databricks.Register,
	datafactory.Register,
	defender.Register,
	eventhub.Register,
	keyvault.Register,
	loganalytics.Register,
	monitor.Register,
	mysql.Register,
	network.Register,
	postgresql.Register,
	redis.Register,
	servicebus.Register,
	sql.Register,
	storage.Register,
	synapse.Register,
	waf.Register,
}
