// Package keyvault judges Key Vaults, their keys and secrets, and the
// diagnostic settings that audit them.
package keyvault

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/armid"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// vault is the subject of the azurerm_key_vault controls.
type vault struct {
	PurgeProtection subject.Field[bool]  // default false
	SoftDeleteDays  subject.Field[int64] // default 90
	PublicNetwork   subject.Field[bool]  // default true
	DefaultAction   subject.Field[string]
	IPRules         subject.StringSeq
	RBAC            []subject.Field[bool] // rbac_authorization_enabled, enable_rbac_authorization (deprecated)
}

// decodeVault reads azurerm_key_vault values.
func decodeVault(n subject.Node) vault {
	return vault{
		PurgeProtection: n.Get("purge_protection_enabled").Bool(false),
		SoftDeleteDays:  n.Get("soft_delete_retention_days").Int(90),
		PublicNetwork:   n.Get("public_network_access_enabled").Bool(true),
		DefaultAction:   n.Get("network_acls").Block().Get("default_action").String(""),
		IPRules:         n.Get("network_acls").Block().Get("ip_rules").Strings(),
		RBAC:            []subject.Field[bool]{n.Get("rbac_authorization_enabled").Bool(false), n.Get("enable_rbac_authorization").Bool(false)},
	}
}

func purgeProtection(v vault) engine.Outcome {
	return judge.True(v.PurgeProtection, "a deleted vault and its keys can be purged before the soft-delete retention ends")
}

func softDelete(v vault) engine.Outcome {
	return judge.AtLeast(v.SoftDeleteDays, 90, false, "a deleted vault can be recovered for fewer than 90 days")
}

func networkRestricted(v vault) engine.Outcome {
	if v.PublicNetwork.Known() && !v.PublicNetwork.V {
		return engine.Pass()
	}
	if v.DefaultAction.Null && !v.DefaultAction.Unknown {
		if v.PublicNetwork.Unknown {
			return judge.Unknown(v.PublicNetwork.Path)
		}
		return engine.Fail("public_network_access_enabled", "public network access is enabled and no network_acls deny other networks: every network reaches the vault")
	}
	if out := judge.OneOf(v.DefaultAction, "networks not listed in network_acls reach the vault", "Deny"); out.Status != engine.StatusPass {
		return out
	}
	return iprange.Internet(v.IPRules, "vault despite default action Deny")
}

func noPublicNetwork(v vault) engine.Outcome {
	return judge.False(v.PublicNetwork, "the vault's endpoint is reachable from public networks, limited only by network_acls")
}

func rbac(v vault) engine.Outcome {
	for _, f := range v.RBAC {
		if f.Known() && f.V {
			return engine.Pass()
		}
	}
	for _, f := range v.RBAC {
		if f.Unknown {
			return judge.Unknown(f.Path)
		}
	}
	return judge.True(v.RBAC[0], "the vault authorizes data access with access policies instead of Azure RBAC")
}

// item is a key or secret: its expiration date and, for keys, rotation,
// type and size.
type item struct {
	KeyType        subject.Field[string]
	KeySize        subject.Field[int64]
	Expiration     subject.Field[string]
	RotateAfter    subject.Field[string]
	RotateBefore   subject.Field[string]
	RotationPolicy bool
}

// decodeKey reads azurerm_key_vault_key values.
func decodeKey(n subject.Node) item {
	rp := n.Get("rotation_policy").Block()
	auto := rp.Get("automatic").Block()
	return item{
		KeyType:        n.Get("key_type").String(""),
		KeySize:        n.Get("key_size").Int(0),
		Expiration:     n.Get("expiration_date").String(""),
		RotationPolicy: !rp.IsNull(),
		RotateAfter:    auto.Get("time_after_creation").String(""),
		RotateBefore:   auto.Get("time_before_expiry").String(""),
	}
}

// decodeSecret reads azurerm_key_vault_secret values.
func decodeSecret(n subject.Node) item {
	return item{Expiration: n.Get("expiration_date").String("")}
}

func expires(i item) engine.Outcome {
	return judge.Set(i.Expiration, "the item never expires, so a leaked or forgotten one stays valid")
}

func rotates(i item) engine.Outcome {
	return judge.AnySet("the key has no rotation_policy with an automatic block, so Key Vault never rotates it", i.RotateAfter, i.RotateBefore)
}

func rsaKeySize(i item) engine.Outcome {
	switch judge.Is(i.KeyType, "RSA", "RSA-HSM") {
	case subject.Unknown:
		return judge.Unknown(i.KeyType.Path)
	case subject.False:
		return engine.Pass() // elliptic-curve and symmetric keys have no RSA modulus
	}
	if i.KeySize.Null && !i.KeySize.Unknown {
		return engine.Fail(i.KeySize.Path, "key_size is not set for an RSA key")
	}
	return judge.AtLeast(i.KeySize, 2048, false, "RSA keys shorter than 2048 bits no longer give adequate strength")
}

func hsmBacked(i item) engine.Outcome {
	return judge.OneOf(i.KeyType, "the key is protected by software, not by a hardware security module", "RSA-HSM", "EC-HSM", "oct-HSM")
}

// Diagnostic is the part of azurerm_monitor_diagnostic_setting the Key Vault
// logging control reads.
type Diagnostic struct {
	Target subject.Field[string]
	Logs   []log
	// LogsUnknown is the path of an enabled_log set that is unknown.
	LogsUnknown string
}

// log is one enabled_log entry.
type log struct{ Category, Group subject.Field[string] }

// DecodeDiagnostic reads azurerm_monitor_diagnostic_setting values.
func DecodeDiagnostic(n subject.Node) Diagnostic {
	d := Diagnostic{Target: n.Get("target_resource_id").String("")}
	seq := n.Get("enabled_log").Items()
	if seq.Unknown {
		d.LogsUnknown = seq.Path
	}
	for _, it := range seq.Items {
		d.Logs = append(d.Logs, log{Category: it.Get("category").String(""), Group: it.Get("category_group").String("")})
	}
	return d
}

// Has reports whether an enabled_log names category (or one of groups).
func (d Diagnostic) Has(category string, groups ...string) subject.Tri {
	res := subject.False
	for _, l := range d.Logs {
		t := judge.Is(l.Category, category)
		for _, g := range groups {
			t = t.Or(judge.Is(l.Group, g))
		}
		if t == subject.True {
			return t
		}
		if t == subject.Unknown {
			res = t
		}
	}
	if res == subject.False && d.LogsUnknown != "" {
		return subject.Unknown
	}
	return res
}

func vaultLogging(d Diagnostic) engine.Outcome {
	has := d.Has("AuditEvent", "audit", "allLogs")
	if has == subject.True {
		return engine.Pass()
	}
	switch {
	case d.Target.Unknown:
		return engine.Undecided(d.Target.Path, "target_resource_id is unknown until apply, so whether this setting must log a Key Vault's AuditEvent cannot be judged")
	case !armid.IsResource(d.Target.V, "microsoft.keyvault/vaults"):
		return engine.Pass() // not a Key Vault: the control does not apply
	case has == subject.Unknown:
		return engine.Undecided(d.LogsUnknown, "the enabled_log categories are unknown until apply")
	}
	return engine.Fail("enabled_log", "the Key Vault diagnostic setting does not enable the AuditEvent category (or the audit or allLogs category group): key, secret and certificate access is not logged")
}

// Register adds the Key Vault checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_key_vault", decodeVault,
		engine.Check[vault]{Control: "azure-keyvault-purge-protection", Eval: purgeProtection},
		engine.Check[vault]{Control: "azure-keyvault-soft-delete-retention-90-days", Eval: softDelete},
		engine.Check[vault]{Control: "azure-keyvault-network-restricted", Eval: networkRestricted},
		engine.Check[vault]{Control: "azure-keyvault-rbac-authorization", Eval: rbac},
		engine.Check[vault]{Control: "azure-keyvault-public-network-access-disabled", Eval: noPublicNetwork},
	)
	engine.Add(r, "azurerm_key_vault_key", decodeKey,
		engine.Check[item]{Control: "azure-keyvault-key-expiration", Eval: expires},
		engine.Check[item]{Control: "azure-keyvault-key-rotation", Eval: rotates},
		engine.Check[item]{Control: "azure-keyvault-rsa-key-min-2048", Eval: rsaKeySize},
		engine.Check[item]{Control: "azure-keyvault-key-hsm-backed", Eval: hsmBacked},
	)
	engine.Add(r, "azurerm_key_vault_secret", decodeSecret,
		engine.Check[item]{Control: "azure-keyvault-secret-expiration", Eval: expires})
	engine.Add(r, "azurerm_monitor_diagnostic_setting", DecodeDiagnostic,
		engine.Check[Diagnostic]{Control: "azure-keyvault-audit-logging", Eval: vaultLogging})
}
