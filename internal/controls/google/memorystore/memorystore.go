// Package memorystore judges Memorystore for Redis instances
// (google_redis_instance): AUTH, in-transit encryption and customer-managed
// encryption keys.
package memorystore

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// instance is a google_redis_instance as judged.
type instance struct {
	Auth    subject.Field[bool]
	Transit subject.Field[string]
	Key     subject.Field[string]
}

// decodeInstance reads google_redis_instance: auth_enabled defaults to
// false, transit_encryption_mode to DISABLED.
func decodeInstance(n subject.Node) instance {
	return instance{
		Auth:    n.Get("auth_enabled").Bool(false),
		Transit: n.Get("transit_encryption_mode").String("DISABLED"),
		Key:     n.Get("customer_managed_key").String(""),
	}
}

// checkAuth: clients must present the AUTH string.
func checkAuth(in instance) engine.Outcome {
	return judge.True(in.Auth, "any client that reaches the instance's network can read and write every key")
}

// checkTransit: TLS between clients and the instance.
func checkTransit(in instance) engine.Outcome {
	return judge.OneOf(in.Transit, "clients talk to Redis in plaintext", "SERVER_AUTHENTICATION")
}

// checkCMEK: data at rest is encrypted with a Cloud KMS key.
func checkCMEK(in instance) engine.Outcome {
	return judge.Set(in.Key, "the instance is encrypted with Google-managed keys only")
}

// Register adds the Memorystore checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_redis_instance", decodeInstance,
		engine.Check[instance]{Control: "google-memorystore-redis-auth", Eval: checkAuth},
		engine.Check[instance]{Control: "google-memorystore-redis-transit-encryption", Eval: checkTransit},
		engine.Check[instance]{Control: "google-memorystore-redis-cmek", Eval: checkCMEK})
}
