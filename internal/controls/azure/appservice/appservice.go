// Package appservice judges App Service web and function apps: HTTPS and TLS,
// FTP deployment, basic authentication, managed identity, HTTP/2 and remote
// debugging, public network access.
package appservice

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// App is the subject of the App Service controls, the same for Linux and
// Windows web and function apps. Null fields hold the azurerm 4.x default.
type App struct {
	HTTPSOnly       subject.Field[bool]   // https_only, default false
	FTPBasicAuth    subject.Field[bool]   // ftp_publish_basic_authentication_enabled, default true
	WebDeployBasic  subject.Field[bool]   // webdeploy_publish_basic_authentication_enabled, default true
	IdentityType    subject.Field[string] // identity[0].type; null without an identity block
	MinTLS          subject.Field[string] // site_config[0].minimum_tls_version, default "1.2"
	FTPSState       subject.Field[string] // site_config[0].ftps_state, default "Disabled"
	HTTP2           subject.Field[bool]   // site_config[0].http2_enabled, default false
	RemoteDebugging subject.Field[bool]   // site_config[0].remote_debugging_enabled, default false
	PublicNetwork   subject.Field[bool]   // public_network_access_enabled, default true
}

// DecodeApp reads azurerm_linux_web_app, azurerm_windows_web_app,
// azurerm_linux_function_app and azurerm_windows_function_app values.
func DecodeApp(n subject.Node) App {
	sc := n.Get("site_config").Block()
	return App{
		HTTPSOnly:       n.Get("https_only").Bool(false),
		FTPBasicAuth:    n.Get("ftp_publish_basic_authentication_enabled").Bool(true),
		WebDeployBasic:  n.Get("webdeploy_publish_basic_authentication_enabled").Bool(true),
		IdentityType:    n.Get("identity").Block().Get("type").String(""),
		MinTLS:          sc.Get("minimum_tls_version").String("1.2"),
		FTPSState:       sc.Get("ftps_state").String("Disabled"),
		HTTP2:           sc.Get("http2_enabled").Bool(false),
		RemoteDebugging: sc.Get("remote_debugging_enabled").Bool(false),
		PublicNetwork:   n.Get("public_network_access_enabled").Bool(true),
	}
}

func httpsOnly(a App) engine.Outcome {
	return judge.True(a.HTTPSOnly, "the app answers plain HTTP requests instead of redirecting them to HTTPS")
}

func minTLS(a App) engine.Outcome {
	return judge.OneOf(a.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "1.2", "1.3")
}

func ftps(a App) engine.Outcome {
	return judge.OneOf(a.FTPSState, "deployment credentials and content may cross the network in plain FTP", "Disabled", "FtpsOnly")
}

func basicAuth(a App) engine.Outcome {
	why := "the app's publishing credentials (user name and password) can deploy to it, bypassing Microsoft Entra ID"
	return judge.Worst(judge.False(a.FTPBasicAuth, why), judge.False(a.WebDeployBasic, why))
}

func identity(a App) engine.Outcome {
	f := a.IdentityType
	switch {
	case f.Unknown:
		return engine.Undecided(f.Path, "identity type is unknown until apply")
	case f.Null || f.V == "":
		return engine.Fail("identity", "no identity block: the app has no managed identity and must keep credentials for other services in its configuration")
	}
	return engine.Pass()
}

func http2(a App) engine.Outcome {
	return judge.True(a.HTTP2, "clients are served over HTTP/1.1 only")
}

func noRemoteDebugging(a App) engine.Outcome {
	return judge.False(a.RemoteDebugging, "remote debugging opens debugger ports into the running app")
}

func noPublicNetwork(a App) engine.Outcome {
	return judge.False(a.PublicNetwork, "the app's endpoint is reachable from the internet, limited only by access restrictions")
}

// Types are the resource types judged, Linux and Windows web and function apps.
var Types = []string{"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app"}

// Register adds the App Service checks to r.
func Register(r *engine.Registry) {
	for _, rt := range Types {
		engine.Add(r, rt, DecodeApp,
			engine.Check[App]{Control: "azure-appservice-https-only", Eval: httpsOnly},
			engine.Check[App]{Control: "azure-appservice-min-tls-1-2", Eval: minTLS},
			engine.Check[App]{Control: "azure-appservice-ftps-only-or-disabled", Eval: ftps},
			engine.Check[App]{Control: "azure-appservice-basic-auth-disabled", Eval: basicAuth},
			engine.Check[App]{Control: "azure-appservice-managed-identity", Eval: identity},
			engine.Check[App]{Control: "azure-appservice-http2-enabled", Eval: http2},
			engine.Check[App]{Control: "azure-appservice-remote-debugging-disabled", Eval: noRemoteDebugging},
			engine.Check[App]{Control: "azure-appservice-public-network-access-disabled", Eval: noPublicNetwork},
		)
	}
}
