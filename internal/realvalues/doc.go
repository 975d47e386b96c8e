// Package realvalues holds a test corpus of hashicorp/aws resource values
// copied from public terraform.tfstate files and `terraform show -json` plan
// outputs, with the verdict a careful reviewer gives each checked control.
// Only the test in this directory uses it; see testdata/SOURCES.md.
package realvalues
