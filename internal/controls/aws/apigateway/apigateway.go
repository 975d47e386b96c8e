// Package apigateway judges API Gateway REST API stages and method settings,
// and HTTP and WebSocket (v2) API stages and routes.
package apigateway

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// methodSettings is the subject of the execution logging and cache encryption
// controls. A live loader fills it from GetStage MethodSettings (one subject
// per method path, "*/*" for the stage default).
type methodSettings struct {
	LoggingLevel       subject.Field[string]
	CachingEnabled     subject.Field[bool]
	CacheDataEncrypted subject.Field[bool]
}

// decodeMethodSettings reads aws_api_gateway_method_settings values. The
// settings block's logging_level defaults to OFF, caching_enabled and
// cache_data_encrypted to false.
func decodeMethodSettings(n subject.Node) methodSettings {
	s := n.Get("settings").Block()
	return methodSettings{
		LoggingLevel:       s.Get("logging_level").String("OFF"),
		CachingEnabled:     s.Get("caching_enabled").Bool(false),
		CacheDataEncrypted: s.Get("cache_data_encrypted").Bool(false),
	}
}

// checkExecutionLogging is APIGateway.1: logging level ERROR or INFO.
func checkExecutionLogging(m methodSettings) engine.Outcome {
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

// checkCacheEncrypted is APIGateway.5: when caching is enabled, cached
// responses are encrypted.
func checkCacheEncrypted(m methodSettings) engine.Outcome {
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

// stage is the subject of APIGateway.2 and APIGateway.3. A live loader fills
// it from GetStage clientCertificateId and tracingEnabled.
type stage struct {
	ClientCertificate subject.Field[string]
	XRayTracing       subject.Field[bool]
}

// decodeStage reads aws_api_gateway_stage values (xray_tracing_enabled
// defaults to false).
func decodeStage(n subject.Node) stage {
	return stage{
		ClientCertificate: n.Get("client_certificate_id").String(""),
		XRayTracing:       n.Get("xray_tracing_enabled").Bool(false),
	}
}

// checkXRayTracing is APIGateway.3: active X-Ray tracing on REST API stages.
func checkXRayTracing(s stage) engine.Outcome {
	return judge.True(s.XRayTracing, "requests through the stage are not traced with AWS X-Ray")
}

// stageV2 is an HTTP or WebSocket API stage. A live loader fills
// AccessLogDestination from GetStage AccessLogSettings.DestinationArn.
type stageV2 struct {
	AccessLogDestination subject.Field[string]
}

// decodeStageV2 reads aws_apigatewayv2_stage values; without an
// access_log_settings block the destination is null.
func decodeStageV2(n subject.Node) stageV2 {
	return stageV2{AccessLogDestination: n.Get("access_log_settings").Block().Get("destination_arn").String("")}
}

// checkAccessLoggingV2 is APIGateway.9: access logging is configured.
func checkAccessLoggingV2(s stageV2) engine.Outcome {
	d := s.AccessLogDestination
	if d.Null && !d.Unknown {
		return engine.Fail("access_log_settings", "access_log_settings is not set: who called the API and how is not logged")
	}
	return judge.Set(d, "access logs have no destination")
}

// route is an HTTP or WebSocket API route. A live loader fills it from
// GetRoutes (RouteKey, AuthorizationType).
type route struct {
	Key               subject.Field[string]
	AuthorizationType subject.Field[string]
}

// decodeRoute reads aws_apigatewayv2_route values (authorization_type
// defaults to NONE).
func decodeRoute(n subject.Node) route {
	return route{
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

// checkRouteAuthorization is APIGateway.8: a route names an authorization
// type (AWS_IAM, CUSTOM or JWT), not NONE.
func checkRouteAuthorization(r route) engine.Outcome {
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

// checkClientCertificate is APIGateway.2.
func checkClientCertificate(s stage) engine.Outcome {
	return judge.Set(s.ClientCertificate, "the backend cannot verify that requests come from API Gateway")
}

// Register adds the API Gateway checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_api_gateway_method_settings", decodeMethodSettings,
		engine.Check[methodSettings]{Control: "aws-apigateway-execution-logging", Eval: checkExecutionLogging},
		engine.Check[methodSettings]{Control: "aws-apigateway-cache-encrypted", Eval: checkCacheEncrypted},
	)
	engine.Add(r, "aws_api_gateway_stage", decodeStage,
		engine.Check[stage]{Control: "aws-apigateway-backend-client-cert", Eval: checkClientCertificate},
		engine.Check[stage]{Control: "aws-apigateway-xray-tracing", Eval: checkXRayTracing},
	)
	engine.Add(r, "aws_apigatewayv2_stage", decodeStageV2, engine.Check[stageV2]{Control: "aws-apigateway-v2-access-logging", Eval: checkAccessLoggingV2})
	engine.Add(r, "aws_apigatewayv2_route", decodeRoute, engine.Check[route]{Control: "aws-apigateway-v2-route-authorization", Eval: checkRouteAuthorization})
}
