// Package all assembles the default engine: the embedded catalog plus every
// evaluator package.
package all

import (
	"sync"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/ec2"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/rds"
)

// registrars lists every evaluator package. Add new packages here.
var registrars = []func(*engine.Registry){
	ec2.Register,
	rds.Register,
}

var (
	once    sync.Once
	eng     *engine.Engine
	loadErr error
)

// Engine returns the shared default engine, built once.
func Engine() (*engine.Engine, error) {
	once.Do(func() {
		controls, err := catalog.Load()
		if err != nil {
			loadErr = err
			return
		}
		reg := engine.NewRegistry()
		for _, register := range registrars {
			register(reg)
		}
		eng, loadErr = engine.New(controls, reg)
	})
	return eng, loadErr
}
