package cloudtrail

// AccountMultiRegion exposes the account-level evaluator to the external test
// package, which cannot be internal: it imports the catalog, which imports this
// package.
var AccountMultiRegion = accountMultiRegion
