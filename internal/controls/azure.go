package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/aks"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/appservice"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/authorization"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/compute"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/containerregistry"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/cosmosdb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/keyvault"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/monitor"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/mysql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/network"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/postgresql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/sql"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/storage"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
)

// azureRegistrars are the Azure service folders (azure/<service>).
var azureRegistrars = []func(*engine.Registry){
	aks.Register,
	appservice.Register,
	authorization.Register,
	compute.Register,
	containerregistry.Register,
	cosmosdb.Register,
	keyvault.Register,
	monitor.Register,
	mysql.Register,
	network.Register,
	postgresql.Register,
	sql.Register,
	storage.Register,
}
