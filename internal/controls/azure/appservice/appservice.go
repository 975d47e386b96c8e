// Package appservice judges App Service web and function apps: HTTPS and TLS,
// FTP deployment, basic authentication, managed identity, HTTP/2 and remote
// debugging, public network access.
package appservice

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// app is the subject of the App Service controls, the same for Linux and
// Windows web and function apps. Null fields hold the azurerm 4.x default.
type app struct {
	HTTPSOnly       subject.Field[bool]   // https_only, default false
	FTPBasicAuth    subject.Field[bool]   // ftp_publish_basic_authentication_enabled, default true
	WebDeployBasic  subject.Field[bool]   // webdeploy_publish_basic_authentication_enabled, default true
	IdentityType    subject.Field[string] // identity[0].type; null without an identity block
	MinTLS          subject.Field[string] // site_config[0].minimum_tls_version, default "1.2"
	FTPSState       subject.Field[string] // site_config[0].ftps_state, default "Disabled"
	HTTP2           subject.Field[bool]   // site_config[0].http2_enabled, default false
	RemoteDebugging subject.Field[bool]   // site_config[0].remote_debugging_enabled, default false
	ClientCert      subject.Field[bool]   // client_certificate_enabled, default false
	ClientCertMode  subject.Field[string] // client_certificate_mode, default "Required"
	PublicNetwork   subject.Field[bool]   // public_network_access_enabled, default true
	AuthV2          subject.Field[bool]   // auth_settings_v2[0].auth_enabled, default false
	AuthV1          subject.Field[bool]   // auth_settings[0].enabled
	CORSOrigins     subject.StringSeq     // site_config[0].cors[0].allowed_origins
	Runtimes        []runtime             // site_config[0].application_stack[0] language versions
}

// decodeApp reads azurerm_linux_web_app, azurerm_windows_web_app,
// azurerm_linux_function_app and azurerm_windows_function_app values.
func decodeApp(n subject.Node) app {
	sc := n.Get("site_config").Block()
	return app{
		HTTPSOnly:       n.Get("https_only").Bool(false),
		FTPBasicAuth:    n.Get("ftp_publish_basic_authentication_enabled").Bool(true),
		WebDeployBasic:  n.Get("webdeploy_publish_basic_authentication_enabled").Bool(true),
		IdentityType:    n.Get("identity").Block().Get("type").String(""),
		MinTLS:          sc.Get("minimum_tls_version").String("1.2"),
		FTPSState:       sc.Get("ftps_state").String("Disabled"),
		HTTP2:           sc.Get("http2_enabled").Bool(false),
		RemoteDebugging: sc.Get("remote_debugging_enabled").Bool(false),
		ClientCert:      n.Get("client_certificate_enabled").Bool(false),
		ClientCertMode:  n.Get("client_certificate_mode").String("Required"),
		PublicNetwork:   n.Get("public_network_access_enabled").Bool(true),
		AuthV2:          n.Get("auth_settings_v2").Block().Get("auth_enabled").Bool(false),
		AuthV1:          n.Get("auth_settings").Block().Get("enabled").Bool(false),
		CORSOrigins:     sc.Get("cors").Block().Get("allowed_origins").Strings(),
		Runtimes:        decodeRuntimes(sc),
	}
}

func httpsOnly(a app) engine.Outcome {
	return judge.True(a.HTTPSOnly, "the app answers plain HTTP requests instead of redirecting them to HTTPS")
}

func minTLS(a app) engine.Outcome {
	return judge.OneOf(a.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "1.2", "1.3")
}

func ftps(a app) engine.Outcome {
	return judge.OneOf(a.FTPSState, "deployment credentials and content may cross the network in plain FTP", "Disabled", "FtpsOnly")
}

func basicAuth(a app) engine.Outcome {
	why := "the app's publishing credentials (user name and password) can deploy to it, bypassing Microsoft Entra ID"
	return judge.Worst(judge.False(a.FTPBasicAuth, why), judge.False(a.WebDeployBasic, why))
}

func identity(a app) engine.Outcome {
	f := a.IdentityType
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "identity type is unknown until apply")
	case f.Null || f.V == "":
		return engine.Fail("identity", "no identity block: the app has no managed identity and must keep credentials for other services in its configuration")
	}
	return engine.Pass()
}

func http2(a app) engine.Outcome {
	return judge.True(a.HTTP2, "clients are served over HTTP/1.1 only")
}

func noRemoteDebugging(a app) engine.Outcome {
	return judge.False(a.RemoteDebugging, "remote debugging opens debugger ports into the running app")
}

func clientCerts(a app) engine.Outcome {
	if out := judge.True(a.ClientCert, "clients are not asked for a TLS client certificate"); out.Status != engine.StatusPass {
		return out
	}
	return judge.OneOf(a.ClientCertMode, "a client certificate is optional, so clients without one are still served", "Required")
}

func authentication(a app) engine.Outcome {
	for _, f := range []subject.Field[bool]{a.AuthV2, a.AuthV1} {
		if f.Known() && f.V {
			return engine.Pass()
		}
	}
	for _, f := range []subject.Field[bool]{a.AuthV2, a.AuthV1} {
		if f.Unknown {
			return judge.Unknown(f.Path)
		}
	}
	return engine.Fail("auth_settings_v2", "App Service Authentication (Easy Auth) is off: anonymous requests reach the app's code, which must authenticate them itself")
}

func noPublicNetwork(a app) engine.Outcome {
	return judge.False(a.PublicNetwork, "the app is reachable from every network")
}

func corsNoWildcard(a app) engine.Outcome {
	seq := a.CORSOrigins
	wild := func(s string) bool { return strings.TrimSpace(s) == "*" }
	switch seq.Any(wild) {
	case subject.True:
		return engine.Fail(seq.First(wild), "allowed_origins holds \"*\": scripts on any web site may call the app from a visitor's browser")
	case subject.Unknown:
		return judge.Unknown(seq.First(wild))
	}
	return engine.Pass()
}

// types are the resource types judged, Linux and Windows web and function apps.
var types = []string{"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app"}

// Register adds the App Service checks to r.
func Register(r *engine.Registry) {
	for _, rt := range types {
		engine.Add(r, rt, decodeApp,
			engine.Check[app]{Control: "azure-appservice-https-only", Eval: httpsOnly},
			engine.Check[app]{Control: "azure-appservice-min-tls-1-2", Eval: minTLS},
			engine.Check[app]{Control: "azure-appservice-ftps-only-or-disabled", Eval: ftps},
			engine.Check[app]{Control: "azure-appservice-basic-auth-disabled", Eval: basicAuth},
			engine.Check[app]{Control: "azure-appservice-managed-identity", Eval: identity},
			engine.Check[app]{Control: "azure-appservice-http2-enabled", Eval: http2},
			engine.Check[app]{Control: "azure-appservice-remote-debugging-disabled", Eval: noRemoteDebugging},
			engine.Check[app]{Control: "azure-appservice-client-certificates-required", Eval: clientCerts},
			engine.Check[app]{Control: "azure-appservice-authentication-enabled", Eval: authentication},
			engine.Check[app]{Control: "azure-appservice-public-network-access-disabled", Eval: noPublicNetwork},
			engine.Check[app]{Control: "azure-appservice-cors-no-wildcard", Eval: corsNoWildcard},
			engine.Check[app]{Control: "azure-appservice-supported-runtime", Eval: supportedRuntime},
		)
	}
}
