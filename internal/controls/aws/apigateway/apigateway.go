// Package apigateway judges API Gateway REST API stages and method settings,
// and HTTP and WebSocket (v2) API stages and routes.
package apigateway

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

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
	switch judge.Is(f, "ERROR", "INFO") {
	case subject.Unknown:
		return judge.Unknown(f.Path)
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
		return judge.Unknown(m.CachingEnabled.Path)
	}
	return judge.True(m.CacheDataEncrypted, "cached responses are stored unencrypted")
}

// Stage is the subject of APIGateway.2 and APIGateway.3. A live loader fills
// it from GetStage clientCertificateId and tracingEnabled.
type Stage struct {
	ClientCertificate subject.Field[string]
	XRayTracing       subject.Field[bool]
}

// DecodeStage reads aws_api_gateway_stage values (xray_tracing_enabled
// defaults to false).
func DecodeStage(n subject.Node) Stage {
	return Stage{
		ClientCertificate: n.Get("client_certificate_id").String(""),
		XRayTracing:       n.Get("xray_tracing_enabled").Bool(false),
	}
}

// CheckXRayTracing is APIGateway.3: active X-Ray tracing on REST API stages.
func CheckXRayTracing(s Stage) engine.Outcome {
	return judge.True(s.XRayTracing, "requests through the stage are not traced with AWS X-Ray")
}

// StageV2 is an HTTP or WebSocket API stage. A live loader fills
// AccessLogDestination from GetStage AccessLogSettings.DestinationArn.
type StageV2 struct {
	AccessLogDestination subject.Field[string]
}

// DecodeStageV2 reads aws_apigatewayv2_stage values; without an
// access_log_settings block the destination is null.
func DecodeStageV2(n subject.Node) StageV2 {
	return StageV2{AccessLogDestination: n.Get("access_log_settings").Block().Get("destination_arn").String("")}
}

// CheckAccessLoggingV2 is APIGateway.9: access logging is configured.
func CheckAccessLoggingV2(s StageV2) engine.Outcome {
	d := s.AccessLogDestination
	if d.Null && !d.Unknown {
		return engine.Fail("access_log_settings", "access_log_settings is not set: who called the API and how is not logged")
	}
	return judge.Set(d, "access logs have no destination")
}

// Route is an HTTP or WebSocket API route. A live loader fills it from
// GetRoutes (RouteKey, AuthorizationType).
type Route struct {
	Key               subject.Field[string]
	AuthorizationType subject.Field[string]
}

// DecodeRoute reads aws_apigatewayv2_route values (authorization_type
// defaults to NONE).
func DecodeRoute(n subject.Node) Route {
	return Route{
		Key:               n.Get("route_key").String(""),
		AuthorizationType: n.Get("authorization_type").String("NONE"),
	}
}

// webSocketMessageRoute reports route keys of WebSocket routes that cannot
// carry an authorizer: $disconnect and custom message routes ("sendmessage"),
// which, unlike HTTP route keys ("GET /items"), have no space. WebSocket
// authorization happens on $connect.
func webSocketMessageRoute(key string) bool {
	key = strings.TrimSpace(key)
	if key == "$disconnect" {
		return true
	}
	return key != "" && !strings.HasPrefix(key, "$") && !strings.Contains(key, " ")
}

// CheckRouteAuthorization is APIGateway.8: a route names an authorization
// type (AWS_IAM, CUSTOM or JWT), not NONE.
func CheckRouteAuthorization(r Route) engine.Outcome {
	if r.Key.Known() && webSocketMessageRoute(r.Key.V) {
		return engine.Pass()
	}
	a := r.AuthorizationType
	switch {
	case a.Unknown:
		return judge.Unknown(a.Path)
	case a.Null || strings.TrimSpace(a.V) == "" || strings.EqualFold(strings.TrimSpace(a.V), "NONE"):
		return engine.Fail(a.Path, "authorization_type is NONE: anyone who can reach the API can call the route; use AWS_IAM, CUSTOM or JWT")
	}
	return engine.Pass()
}

// CheckClientCertificate is APIGateway.2.
func CheckClientCertificate(s Stage) engine.Outcome {
	return judge.Set(s.ClientCertificate, "the backend cannot verify that requests come from API Gateway")
}

// Register adds the API Gateway checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_api_gateway_method_settings", DecodeMethodSettings,
		engine.Check[MethodSettings]{Control: "aws-apigateway-execution-logging", Eval: CheckExecutionLogging},
		engine.Check[MethodSettings]{Control: "aws-apigateway-cache-encrypted", Eval: CheckCacheEncrypted},
	)
	engine.Add(r, "aws_api_gateway_stage", DecodeStage,
		engine.Check[Stage]{Control: "aws-apigateway-backend-client-cert", Eval: CheckClientCertificate},
		engine.Check[Stage]{Control: "aws-apigateway-xray-tracing", Eval: CheckXRayTracing},
	)
	engine.Add(r, "aws_apigatewayv2_stage", DecodeStageV2, engine.Check[StageV2]{Control: "aws-apigateway-v2-access-logging", Eval: CheckAccessLoggingV2})
	engine.Add(r, "aws_apigatewayv2_route", DecodeRoute, engine.Check[Route]{Control: "aws-apigateway-v2-route-authorization", Eval: CheckRouteAuthorization})
}
