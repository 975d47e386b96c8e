// Package memorystore judges Memorystore for Redis instances
// (google_redis_instance): AUTH, in-transit encryption and customer-managed
// encryption keys.
package memorystore

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Instance is a google_redis_instance as judged.
type Instance struct {
	Auth    subject.Field[bool]
	Transit subject.Field[string]
	Key     subject.Field[string]
}

// DecodeInstance reads google_redis_instance: auth_enabled defaults to
// false, transit_encryption_mode to DISABLED.
func DecodeInstance(n subject.Node) Instance {
	return Instance{
		Auth:    n.Get("auth_enabled").Bool(false),
		Transit: n.Get("transit_encryption_mode").String("DISABLED"),
		Key:     n.Get("customer_managed_key").String(""),
	}
}

// CheckAuth: clients must present the AUTH string.
func CheckAuth(in Instance) engine.Outcome {
	return judge.True(in.Auth, "any client that reaches the instance's network can read and write every key")
}

// CheckTransit: TLS between clients and the instance.
func CheckTransit(in Instance) engine.Outcome {
	return judge.OneOf(in.Transit, "clients talk to Redis in plaintext", "SERVER_AUTHENTICATION")
}

// CheckCMEK: data at rest is encrypted with a Cloud KMS key.
func CheckCMEK(in Instance) engine.Outcome {
	return judge.Set(in.Key, "the instance is encrypted with Google-managed keys only")
}

// Register adds the Memorystore checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "google_redis_instance", DecodeInstance,
		engine.Check[Instance]{Control: "google-memorystore-redis-auth", Eval: CheckAuth},
		engine.Check[Instance]{Control: "google-memorystore-redis-transit-encryption", Eval: CheckTransit},
		engine.Check[Instance]{Control: "google-memorystore-redis-cmek", Eval: CheckCMEK})
}
