// Package apimanagement judges API Management services: the SSL/TLS
// protocol versions and ciphers their gateway accepts.
package apimanagement

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// legacyProtocols are the security block arguments that turn on SSL 3.0,
// TLS 1.0 or TLS 1.1, with the azurerm 3.x names 4.x still accepts
// (deprecated). Unset, each is false (attributes.yaml).
var legacyProtocols = []string{
	"frontend_ssl30_enabled", "frontend_tls10_enabled", "frontend_tls11_enabled",
	"backend_ssl30_enabled", "backend_tls10_enabled", "backend_tls11_enabled",
	"enable_frontend_ssl30", "enable_frontend_tls10", "enable_frontend_tls11",
	"enable_backend_ssl30", "enable_backend_tls10", "enable_backend_tls11",
}

// service is the subject of the API Management controls.
type service struct {
	Protocols  []subject.Field[bool] // legacyProtocols in order
	TripleDES  subject.Field[bool]   // security[0].triple_des_ciphers_enabled, default false
	SecurityAt string
}

// decodeService reads azurerm_api_management values.
func decodeService(n subject.Node) service {
	sec := n.Get("security").Block()
	s := service{SecurityAt: sec.Path(), TripleDES: sec.Get("triple_des_ciphers_enabled").Bool(false)}
	for _, name := range legacyProtocols {
		s.Protocols = append(s.Protocols, sec.Get(name).Bool(false))
	}
	return s
}

func protocols(s service) engine.Outcome {
	var on []string
	var unknown *subject.Field[bool]
	at := ""
	for i := range s.Protocols {
		f := s.Protocols[i]
		switch {
		case f.Unknown:
			if unknown == nil {
				unknown = &s.Protocols[i]
			}
		case f.V:
			on = append(on, judge.Name(f.Path))
			if at == "" {
				at = f.Path
			}
		}
	}
	switch {
	case len(on) > 0:
		return engine.Fail(at, "%s %s true: the gateway or its backends accept SSL 3.0, TLS 1.0 or TLS 1.1", strings.Join(on, ", "), map[bool]string{true: "is", false: "are"}[len(on) == 1])
	case unknown != nil:
		return judge.Unknown(unknown.Path)
	}
	return engine.Pass()
}

func ciphers(s service) engine.Outcome {
	return judge.False(s.TripleDES, "the gateway accepts the 3DES cipher (TLS_RSA_WITH_3DES_EDE_CBC_SHA), which is open to the Sweet32 attack")
}

// Register adds the API Management checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_api_management", decodeService,
		engine.Check[service]{Control: "azure-apim-no-legacy-tls", Eval: protocols},
		engine.Check[service]{Control: "azure-apim-no-weak-ciphers", Eval: ciphers},
	)
}
