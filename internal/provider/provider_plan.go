package provider

import "github.com/cloudbaseline/terraform-provider-baseline/internal/datasources"

// Whole plans and states: baseline_plan judges every instance of the JSON of
// a saved plan or a state.
func init() {
	dataSourceTypes = append(dataSourceTypes, datasources.NewPlan)
}
