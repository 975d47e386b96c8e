// Command terraform-provider-baseline serves the baseline provider over
// protocol 6.
package main

import (
	"flag"
	"log"
	"os"
	runtimedebug "runtime/debug"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

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

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		quietLogs(os.LookupEnv, os.Setenv)
	}
	newServer := provider.NewServer(version)
	err := tf6server.Serve("registry.terraform.io/cloudbaseline/baseline", func() tfprotov6.ProviderServer {
		s, err := newServer()
		if err != nil {
			log.Fatal(err.Error())
		}
		return s
	}, opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// logEnv are the variables that make Terraform or OpenTofu keep a
// provider's log lines (TF_LOG, TF_LOG_PROVIDER, TF_LOG_PROVIDER_<NAME>) or
// set the plugin SDK's own levels.
var logEnv = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_BASELINE", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietSDKLoggers are the plugin SDK's loggers, which log at trace level by
// default: several JSON lines per call (about 5 per function call, 4.6 MB
// over a plan of 500 postconditions), which the CLI reads and parses even
// when it discards them.
var quietSDKLoggers = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietLogs turns the SDK's loggers off when the CLI discards provider logs
// (none of logEnv set); with any of them set, logging is left as the
// user asked.
func quietLogs(lookup func(string) (string, bool), set func(string, string) error) {
	for _, name := range logEnv {
		if v, ok := lookup(name); ok && v != "" {
			return
		}
	}
	for _, name := range quietSDKLoggers {
		_ = set(name, "off") // os.Setenv fails only on an invalid name
	}
}
