// Package apigateway judges API Gateway REST API stages and method settings.
package apigateway

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/attr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// MethodSettings is the subject of the execution logging and cache encryption
// controls. A live loader fills it from GetStage MethodSettings (one subject
// per method path, "*/*" for the stage default).
type MethodSettings struct {
	LoggingLevel       subject.Field[string]
	CachingEnabled     subject.Field[bool]
	CacheDataEncrypted subject.Field[bool]
}

// DecodeMethodSettings reads aws_api_gateway_method_settings values. The
// settings block's logging_level defaults to OFF, caching_enabled and
// cache_data_encrypted to false.
func DecodeMethodSettings(n subject.Node) MethodSettings {
	s := n.Get("settings").Block()
	return MethodSettings{
		LoggingLevel:       s.Get("logging_level").String("OFF"),
		CachingEnabled:     s.Get("caching_enabled").Bool(false),
		CacheDataEncrypted: s.Get("cache_data_encrypted").Bool(false),
	}
}

// CheckExecutionLogging is APIGateway.1: logging level ERROR or INFO.
func CheckExecutionLogging(m MethodSettings) engine.Outcome {
	f := m.LoggingLevel
	switch attr.Is(f, "ERROR", "INFO") {
	case subject.Unknown:
		return engine.Undecided(f.Path, "logging_level is unknown until apply")
	case subject.True:
		return engine.Pass()
	}
	if f.Null {
		return engine.Fail(f.Path, "logging_level is not set and defaults to OFF: execution logs are not written to CloudWatch Logs")
	}
	return engine.Fail(f.Path, "logging_level is %q: execution logs are not written to CloudWatch Logs; use ERROR or INFO", f.V)
}

// CheckCacheEncrypted is APIGateway.5: when caching is enabled, cached
// responses are encrypted.
func CheckCacheEncrypted(m MethodSettings) engine.Outcome {
	switch m.CachingEnabled.Test(func(b bool) bool { return b }) {
	case subject.False:
		return engine.Pass()
	case subject.Unknown:
		if m.CacheDataEncrypted.Known() && m.CacheDataEncrypted.V {
			return engine.Pass()
		}
		return engine.Undecided(m.CachingEnabled.Path, "caching_enabled is unknown until apply")
	}
	return attr.True(m.CacheDataEncrypted, "cached responses are stored unencrypted")
}

// Stage is the subject of APIGateway.2. A live loader fills ClientCertificate
// from GetStage clientCertificateId.
type Stage struct {
	ClientCertificate subject.Field[string]
}

// DecodeStage reads aws_api_gateway_stage values.
func DecodeStage(n subject.Node) Stage {
	return Stage{ClientCertificate: n.Get("client_certificate_id").String("")}
}

// CheckClientCertificate is APIGateway.2.
func CheckClientCertificate(s Stage) engine.Outcome {
	return attr.Set(s.ClientCertificate, "the backend cannot verify that requests come from API Gateway")
}

// Register adds the API Gateway checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_api_gateway_method_settings", DecodeMethodSettings,
		engine.Check[MethodSettings]{Control: "aws-apigateway-execution-logging", Eval: CheckExecutionLogging},
		engine.Check[MethodSettings]{Control: "aws-apigateway-cache-encrypted", Eval: CheckCacheEncrypted},
	)
	engine.Add(r, "aws_api_gateway_stage", DecodeStage, engine.Check[Stage]{Control: "aws-apigateway-backend-client-cert", Eval: CheckClientCertificate})
}
