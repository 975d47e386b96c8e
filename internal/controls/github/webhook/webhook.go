// Package webhook judges GitHub repository and organisation webhooks
// (github_repository_webhook, github_organization_webhook): deliveries go
// over https, with certificate verification, signed with a secret.
package webhook

import (
	"net/url"
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// hook is a webhook's configuration block.
type hook struct {
	Config      string
	HasConfig   bool
	URL         subject.Field[string]
	InsecureSSL subject.Field[bool]
	Secret      subject.Field[string]
}

// decode reads github_repository_webhook and github_organization_webhook.
func decode(n subject.Node) hook {
	c := n.Get("configuration")
	b := c.Block()
	return hook{Config: c.Path(), HasConfig: !b.IsNull(), URL: b.Get("url").String(""), InsecureSSL: b.Get("insecure_ssl").Bool(false), Secret: b.Get("secret").String("")}
}

// https: deliveries go to an https:// URL (payloads carry code and
// repository events).
func https(h hook) engine.Outcome {
	u := h.URL
	switch {
	case !h.HasConfig:
		return engine.Fail(h.Config, "configuration is not set: the webhook has no delivery URL to judge")
	case u.Unknown:
		return judge.Unknown(u.Path)
	}
	p, err := url.Parse(strings.TrimSpace(u.V))
	if err != nil || p.Scheme == "" {
		return engine.Fail(u.Path, "url is not an absolute URL, so the delivery scheme cannot be judged")
	}
	if !strings.EqualFold(p.Scheme, "https") {
		return engine.Fail(u.Path, "url uses %s: deliveries and their signature travel in clear; use https", p.Scheme)
	}
	return engine.Pass()
}

// sslVerification: GitHub verifies the receiver's certificate (insecure_ssl
// false, its default).
func sslVerification(h hook) engine.Outcome {
	if !h.HasConfig {
		return engine.Pass()
	}
	return judge.False(h.InsecureSSL, "GitHub delivers without verifying the receiver's certificate, so anyone in the path can impersonate it")
}

// secret: deliveries are signed (X-Hub-Signature-256) with a secret the
// receiver checks (CIS GitHub 1.4.4).
func secret(h hook) engine.Outcome {
	if !h.HasConfig {
		return engine.Fail(h.Config, "configuration is not set: the webhook has no secret")
	}
	return judge.Set(h.Secret, "deliveries are not signed, so the receiver cannot tell them from forged requests")
}

// Register adds the webhook checks to r.
func Register(r *engine.Registry) {
	checks := []engine.Check[hook]{
		{Control: "github-webhook-https", Eval: https},
		{Control: "github-webhook-ssl-verification", Eval: sslVerification},
		{Control: "github-webhook-secret", Eval: secret},
	}
	engine.Add(r, "github_repository_webhook", decode, checks...)
	engine.Add(r, "github_organization_webhook", decode, checks...)
}
