// Package controls holds one folder per cloud service (aws/s3, aws/ec2…),
// each with everything about its controls: controls.yaml (the metadata),
// the evaluators, fixtures.yaml (passing and failing cases) and their tests.
// This package embeds the metadata of every folder and lists their
// registrars; internal/catalog assembles the engine from them.
package controls

import (
	"embed"
	"slices"
)

// Files holds every service folder's controls.yaml and attributes.yaml (how
// plan-time values of its resource types are read), as
// <cloud>/<service>/controls.yaml.
//
//go:embed */*/controls.yaml */*/attributes.yaml
var Files embed.FS

// Registrars lists the Register function of every service folder, cloud by
// cloud (aws.go, azure.go, google.go; azuread.go and github.go for the SaaS
// providers). Add new folders there.
var Registrars = slices.Concat(awsRegistrars, azureRegistrars, googleRegistrars, azureadRegistrars, githubRegistrars)
