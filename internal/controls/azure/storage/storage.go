// Package storage judges Azure Storage accounts, their network rules and
// blob containers: anonymous and network access, encryption in transit and
// at rest, keys and shared key access.
package storage

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Account is the subject of the storage account controls. Null fields hold
// the azurerm 4.x default.
type Account struct {
	NestedPublic      subject.Field[bool]   // allow_nested_items_to_be_public, default true
	PublicNetwork     subject.Field[bool]   // public_network_access_enabled, default true
	DefaultAction     subject.Field[string] // network_rules[0].default_action; null without network_rules (Allow)
	MinTLS            subject.Field[string] // min_tls_version, default TLS1_2
	HTTPSOnly         subject.Field[bool]   // https_traffic_only_enabled, default true
	Infrastructure    subject.Field[bool]   // infrastructure_encryption_enabled, default false
	SharedKey         subject.Field[bool]   // shared_access_key_enabled, default true
	CrossTenant       subject.Field[bool]   // cross_tenant_replication_enabled, default false
	CMKKey, CMKHSMKey subject.Field[string] // customer_managed_key[0].key_vault_key_id / managed_hsm_key_id
}

// DecodeAccount reads azurerm_storage_account values.
func DecodeAccount(n subject.Node) Account {
	rules := n.Get("network_rules").Block()
	cmk := n.Get("customer_managed_key").Block()
	a := Account{
		NestedPublic:   n.Get("allow_nested_items_to_be_public").Bool(true),
		PublicNetwork:  n.Get("public_network_access_enabled").Bool(true),
		DefaultAction:  rules.Get("default_action").String(""),
		MinTLS:         n.Get("min_tls_version").String("TLS1_2"),
		HTTPSOnly:      n.Get("https_traffic_only_enabled").Bool(true),
		Infrastructure: n.Get("infrastructure_encryption_enabled").Bool(false),
		SharedKey:      n.Get("shared_access_key_enabled").Bool(true),
		CrossTenant:    n.Get("cross_tenant_replication_enabled").Bool(false),
		CMKKey:         cmk.Get("key_vault_key_id").String(""),
		CMKHSMKey:      cmk.Get("managed_hsm_key_id").String(""),
	}
	return a
}

func noNestedPublic(a Account) engine.Outcome {
	return judge.False(a.NestedPublic, "containers and blobs in the account may be made readable anonymously")
}

func noPublicNetwork(a Account) engine.Outcome {
	return judge.False(a.PublicNetwork, "the account's endpoints accept connections from every network")
}

func defaultDeny(a Account) engine.Outcome {
	if a.PublicNetwork.Known() && !a.PublicNetwork.V {
		return engine.Pass() // no public endpoint: the network rules are moot
	}
	f := a.DefaultAction
	if f.Null && !f.Unknown {
		return engine.Fail("network_rules", "network_rules is not set, so the default action is Allow: every network reaches the account (set network_rules { default_action = \"Deny\" }, or manage them in azurerm_storage_account_network_rules and waive this finding)")
	}
	return judge.OneOf(f, "the default action must deny networks not explicitly allowed", "Deny")
}

func minTLS(a Account) engine.Outcome {
	return judge.OneOf(a.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "TLS1_2", "TLS1_3")
}

func httpsOnly(a Account) engine.Outcome {
	return judge.True(a.HTTPSOnly, "the account accepts plain HTTP requests")
}

func infrastructure(a Account) engine.Outcome {
	return judge.True(a.Infrastructure, "data is encrypted once, at the service level only; infrastructure encryption adds a second layer and can only be chosen at creation")
}

func cmk(a Account) engine.Outcome {
	return judge.AnySet("the account is encrypted with Microsoft-managed keys; set a customer_managed_key block (or an azurerm_storage_account_customer_managed_key resource, and waive this finding)", a.CMKKey, a.CMKHSMKey)
}

func noSharedKey(a Account) engine.Outcome {
	return judge.False(a.SharedKey, "requests may be authorized with the account keys and SAS signed by them instead of Microsoft Entra ID")
}

func noCrossTenant(a Account) engine.Outcome {
	return judge.False(a.CrossTenant, "object replication may copy blobs into a storage account of another Microsoft Entra tenant")
}

// NetworkRules is the subject of azurerm_storage_account_network_rules.
type NetworkRules struct{ DefaultAction subject.Field[string] }

// DecodeNetworkRules reads azurerm_storage_account_network_rules values.
func DecodeNetworkRules(n subject.Node) NetworkRules {
	return NetworkRules{DefaultAction: n.Get("default_action").String("")}
}

func rulesDefaultDeny(r NetworkRules) engine.Outcome {
	return judge.OneOf(r.DefaultAction, "the default action must deny networks not explicitly allowed", "Deny")
}

// Container is the subject of the blob container control.
type Container struct{ AccessType subject.Field[string] }

// DecodeContainer reads azurerm_storage_container values
// (container_access_type defaults to "private").
func DecodeContainer(n subject.Node) Container {
	return Container{AccessType: n.Get("container_access_type").String("private")}
}

func containerPrivate(c Container) engine.Outcome {
	return judge.OneOf(c.AccessType, "anonymous clients can read the container's blobs", "private")
}

// CustomerManagedKey is the subject of azurerm_storage_account_customer_managed_key.
type CustomerManagedKey struct{ Key, KeyName, HSMKey subject.Field[string] }

// DecodeCustomerManagedKey reads azurerm_storage_account_customer_managed_key values.
func DecodeCustomerManagedKey(n subject.Node) CustomerManagedKey {
	return CustomerManagedKey{
		Key:     n.Get("key_vault_key_id").String(""),
		KeyName: n.Get("key_name").String(""),
		HSMKey:  n.Get("managed_hsm_key_id").String(""),
	}
}

func cmkResource(k CustomerManagedKey) engine.Outcome {
	return judge.AnySet("the resource names no key", k.KeyName, k.Key, k.HSMKey)
}

// Register adds the storage checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_storage_account", DecodeAccount,
		engine.Check[Account]{Control: "azure-storage-no-anonymous-blob-access", Eval: noNestedPublic},
		engine.Check[Account]{Control: "azure-storage-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[Account]{Control: "azure-storage-default-network-action-deny", Eval: defaultDeny},
		engine.Check[Account]{Control: "azure-storage-min-tls-1-2", Eval: minTLS},
		engine.Check[Account]{Control: "azure-storage-https-only", Eval: httpsOnly},
		engine.Check[Account]{Control: "azure-storage-infrastructure-encryption", Eval: infrastructure},
		engine.Check[Account]{Control: "azure-storage-customer-managed-key", Eval: cmk},
		engine.Check[Account]{Control: "azure-storage-shared-key-access-disabled", Eval: noSharedKey},
		engine.Check[Account]{Control: "azure-storage-cross-tenant-replication-disabled", Eval: noCrossTenant},
	)
	engine.Add(r, "azurerm_storage_account_network_rules", DecodeNetworkRules,
		engine.Check[NetworkRules]{Control: "azure-storage-default-network-action-deny", Eval: rulesDefaultDeny})
	engine.Add(r, "azurerm_storage_account_customer_managed_key", DecodeCustomerManagedKey,
		engine.Check[CustomerManagedKey]{Control: "azure-storage-customer-managed-key", Eval: cmkResource})
	engine.Add(r, "azurerm_storage_container", DecodeContainer,
		engine.Check[Container]{Control: "azure-storage-container-private", Eval: containerPrivate})
}
