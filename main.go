// Command terraform-provider-baseline serves the baseline provider over
// protocol 6.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	runtimedebug "runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/provider"
)

// version is set by goreleaser.
var version = "dev"

// memoryLimit is the provider's soft memory limit (runtime/debug.SetMemoryLimit).
const memoryLimit = 40 << 20

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// Terraform keeps the provider running for the whole plan. A soft memory
	// limit makes the runtime collect and return memory before growing far
	// past what the catalog needs; GOMEMLIMIT in the environment still wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		runtimedebug.SetMemoryLimit(memoryLimit)
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/cloudbaseline/baseline",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
