// Package storage judges Azure Storage accounts, their network rules and
// blob containers: anonymous and network access, encryption in transit and
// at rest, keys and shared key access.
package storage

import (
	"strings"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/azurerm3"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// account is the subject of the storage account controls. Null fields hold
// the azurerm 4.x default; a value planned by azurerm 3.x is read through its
// 3.x names (enable_https_traffic_only).
type account struct {
	Kind              subject.Field[string] // account_kind, default StorageV2
	IPRules           subject.StringSeq     // network_rules[0].ip_rules
	Bypass            subject.StringSeq     // network_rules[0].bypass; null: the default ["AzureServices"]
	HasRules          bool                  // a network_rules block is planned
	BlobProperties    bool                  // a blob_properties block is planned
	BlobDelete        subject.Field[int64]  // blob_properties[0].delete_retention_policy[0].days
	ContainerDelete   subject.Field[int64]  // blob_properties[0].container_delete_retention_policy[0].days
	Versioning        subject.Field[bool]   // blob_properties[0].versioning_enabled, default false
	QueueLogging      []subject.Field[bool] // queue_properties[0].logging[0].delete/read/write
	QueueLoggingPath  string                // path of the logging block (or queue_properties)
	SASExpiration     subject.Field[string] // sas_policy[0].expiration_period
	NestedPublic      subject.Field[bool]   // allow_nested_items_to_be_public, default true
	PublicNetwork     subject.Field[bool]   // public_network_access_enabled, default true
	DefaultAction     subject.Field[string] // network_rules[0].default_action; null without network_rules (Allow)
	MinTLS            subject.Field[string] // min_tls_version, default TLS1_2
	HTTPSOnly         subject.Field[bool]   // https_traffic_only_enabled, default true
	Infrastructure    subject.Field[bool]   // infrastructure_encryption_enabled, default false
	SharedKey         subject.Field[bool]   // shared_access_key_enabled, default true
	CrossTenant       subject.Field[bool]   // cross_tenant_replication_enabled, default false
	CMKKey, CMKHSMKey subject.Field[string] // customer_managed_key[0].key_vault_key_id / managed_hsm_key_id

	BlobDeleteSet, ContainerDeleteSet bool // the retention policy blocks are planned
}

// decodeAccount reads azurerm_storage_account values.
func decodeAccount(n subject.Node) account {
	rules := n.Get("network_rules").Block()
	cmk := n.Get("customer_managed_key").Block()
	blob := n.Get("blob_properties").Block()
	queue := n.Get("queue_properties").Block()
	logging := queue.Get("logging").Block()
	a := account{
		Kind:            n.Get("account_kind").String("StorageV2"),
		IPRules:         rules.Get("ip_rules").Strings(),
		Bypass:          rules.Get("bypass").Strings(),
		HasRules:        !rules.IsNull(),
		BlobProperties:  !blob.IsNull(),
		BlobDelete:      blob.Get("delete_retention_policy").Block().Get("days").Int(7),
		ContainerDelete: blob.Get("container_delete_retention_policy").Block().Get("days").Int(7),
		Versioning:      blob.Get("versioning_enabled").Bool(false),
		SASExpiration:   n.Get("sas_policy").Block().Get("expiration_period").String(""),
		NestedPublic:    n.Get("allow_nested_items_to_be_public").Bool(true),
		PublicNetwork:   n.Get("public_network_access_enabled").Bool(true),
		DefaultAction:   rules.Get("default_action").String(""),
		MinTLS:          n.Get("min_tls_version").String("TLS1_2"),
		HTTPSOnly:       n.Get("https_traffic_only_enabled").Bool(true),
		Infrastructure:  n.Get("infrastructure_encryption_enabled").Bool(false),
		SharedKey:       n.Get("shared_access_key_enabled").Bool(true),
		CrossTenant:     n.Get("cross_tenant_replication_enabled").Bool(false),
		CMKKey:          cmk.Get("key_vault_key_id").String(""),
		CMKHSMKey:       cmk.Get("managed_hsm_key_id").String(""),
	}
	a.BlobDeleteSet = !blob.Get("delete_retention_policy").Block().IsNull()
	a.ContainerDeleteSet = !blob.Get("container_delete_retention_policy").Block().IsNull()
	a.QueueLoggingPath = logging.Path()
	if logging.IsNull() && !logging.IsUnknown() {
		a.QueueLoggingPath = ""
	} else {
		for _, op := range []string{"delete", "read", "write"} {
			a.QueueLogging = append(a.QueueLogging, logging.Get(op).Bool(false))
		}
	}
	// azurerm 3.x names the secure-transfer argument enable_https_traffic_only
	// (3.x late releases carry both names): read it when the 4.x name is unset.
	if f, ok := azurerm3.Bool(n, "enable_https_traffic_only", true); ok && a.HTTPSOnly.Null && !a.HTTPSOnly.Unknown && !f.Null {
		a.HTTPSOnly = f
	}
	return a
}

func noNestedPublic(a account) engine.Outcome {
	return judge.False(a.NestedPublic, "containers and blobs in the account may be made readable anonymously")
}

func noPublicNetwork(a account) engine.Outcome {
	return judge.False(a.PublicNetwork, "the account's endpoints accept connections from every network")
}

func defaultDeny(a account) engine.Outcome {
	if a.PublicNetwork.Known() && !a.PublicNetwork.V {
		return engine.Pass() // no public endpoint: the network rules are moot
	}
	f := a.DefaultAction
	if f.Null && !f.Unknown {
		// network_rules is Optional+Computed: left out, the plan shows it
		// unknown (read as not declared here) and Azure creates the account
		// with default action Allow.
		return engine.Fail("network_rules", "network_rules is not set, so the default action is Allow: every network reaches the account (set network_rules { default_action = \"Deny\" }, or manage them in azurerm_storage_account_network_rules and waive this finding)")
	}
	return denyWithoutInternet(f, a.IPRules)
}

// denyWithoutInternet passes a default action of Deny whose ip_rules do not,
// alone or together, admit the internet.
func denyWithoutInternet(action subject.Field[string], ipRules subject.StringSeq) engine.Outcome {
	out := judge.OneOf(action, "the default action must deny networks not explicitly allowed", "Deny")
	if out.Status != engine.StatusPass {
		return out
	}
	return iprange.Internet(ipRules, "account despite default action Deny")
}

// bypassesTrusted reports whether bypass lets trusted Azure services through;
// a null list holds the default ["AzureServices"].
func bypassesTrusted(bypass subject.StringSeq) engine.Outcome {
	if bypass.Null {
		return engine.Pass()
	}
	switch bypass.Any(func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "AzureServices") }) {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return judge.Unknown(bypass.Path)
	}
	return engine.Fail(bypass.Path, "bypass does not include AzureServices: trusted Azure services (Backup, Site Recovery, Monitor, Defender) cannot reach the account behind its firewall, which pushes users to open the firewall instead")
}

func trustedServices(a account) engine.Outcome {
	if !a.HasRules {
		return engine.Pass() // no firewall: nothing for trusted services to bypass (default-network-action-deny fails)
	}
	return bypassesTrusted(a.Bypass)
}

func blobSoftDelete(a account) engine.Outcome {
	if !hasBlobService(a) {
		return engine.Pass()
	}
	if !a.BlobDeleteSet {
		return engine.Fail(a.BlobDelete.Path, "blob_properties has no delete_retention_policy: deleted or overwritten blobs cannot be recovered")
	}
	return judge.AtLeast(a.BlobDelete, 7, false, "deleted blobs are recoverable for less than a week")
}

func containerSoftDelete(a account) engine.Outcome {
	if !hasBlobService(a) {
		return engine.Pass()
	}
	if !a.ContainerDeleteSet {
		return engine.Fail(a.ContainerDelete.Path, "blob_properties has no container_delete_retention_policy: a deleted container and all its blobs cannot be recovered")
	}
	return judge.AtLeast(a.ContainerDelete, 7, false, "deleted containers are recoverable for less than a week")
}

func blobVersioning(a account) engine.Outcome {
	if !hasBlobService(a) {
		return engine.Pass()
	}
	return judge.True(a.Versioning, "an overwritten or deleted blob keeps no previous version to restore")
}

// hasBlobService: FileStorage accounts hold file shares only.
func hasBlobService(a account) bool {
	return judge.Is(a.Kind, "FileStorage") != subject.True
}

func queueLogging(a account) engine.Outcome {
	// Only general-purpose accounts (StorageV2, Storage) have a queue service.
	switch judge.Is(a.Kind, "BlobStorage", "BlockBlobStorage", "FileStorage") {
	case subject.True:
		return engine.Pass()
	case subject.Unknown:
		return judge.Unknown(a.Kind.Path)
	}
	if a.QueueLoggingPath == "" {
		return engine.Fail("queue_properties", "queue_properties has no logging block: read, write and delete requests to the queue service are not logged (set it here or in an azurerm_storage_account_queue_properties, and waive this finding)")
	}
	return loggingAll(a.QueueLogging)
}

func loggingAll(ops []subject.Field[bool]) engine.Outcome {
	outs := make([]engine.Outcome, len(ops))
	for i, f := range ops {
		outs[i] = judge.True(f, "those queue requests are not logged")
	}
	return judge.Worst(outs...)
}

func sasExpiration(a account) engine.Outcome {
	return judge.Set(a.SASExpiration, "no sas_policy: shared access signatures may be issued that never expire")
}

func minTLS(a account) engine.Outcome {
	return judge.OneOf(a.MinTLS, "clients may negotiate TLS 1.0 or 1.1", "TLS1_2", "TLS1_3")
}

func httpsOnly(a account) engine.Outcome {
	return judge.True(a.HTTPSOnly, "the account accepts plain HTTP requests")
}

func infrastructure(a account) engine.Outcome {
	return judge.True(a.Infrastructure, "data is encrypted once, at the service level only; infrastructure encryption adds a second layer and can only be chosen at creation")
}

func cmk(a account) engine.Outcome {
	return judge.AnySet("the account is encrypted with Microsoft-managed keys; set a customer_managed_key block (or an azurerm_storage_account_customer_managed_key resource, and waive this finding)", a.CMKKey, a.CMKHSMKey)
}

func noSharedKey(a account) engine.Outcome {
	return judge.False(a.SharedKey, "requests may be authorized with the account keys and SAS signed by them instead of Microsoft Entra ID")
}

func noCrossTenant(a account) engine.Outcome {
	return judge.False(a.CrossTenant, "object replication may copy blobs into a storage account of another Microsoft Entra tenant")
}

// networkRules is the subject of azurerm_storage_account_network_rules.
type networkRules struct {
	DefaultAction subject.Field[string]
	IPRules       subject.StringSeq
	Bypass        subject.StringSeq
}

// decodeNetworkRules reads azurerm_storage_account_network_rules values.
func decodeNetworkRules(n subject.Node) networkRules {
	return networkRules{
		DefaultAction: n.Get("default_action").String(""),
		IPRules:       n.Get("ip_rules").Strings(),
		Bypass:        n.Get("bypass").Strings(),
	}
}

func rulesDefaultDeny(r networkRules) engine.Outcome {
	return denyWithoutInternet(r.DefaultAction, r.IPRules)
}

func rulesTrustedServices(r networkRules) engine.Outcome { return bypassesTrusted(r.Bypass) }

// queueProperties is the subject of azurerm_storage_account_queue_properties.
type queueProperties struct {
	Logging []subject.Field[bool] // logging[0].delete/read/write; nil without a logging block
	Path    string
}

// decodeQueueProperties reads azurerm_storage_account_queue_properties values.
func decodeQueueProperties(n subject.Node) queueProperties {
	l := n.Get("logging").Block()
	q := queueProperties{Path: l.Path()}
	if !l.IsNull() || l.IsUnknown() {
		for _, op := range []string{"delete", "read", "write"} {
			q.Logging = append(q.Logging, l.Get(op).Bool(false))
		}
	}
	return q
}

func queuePropertiesLogging(q queueProperties) engine.Outcome {
	if q.Logging == nil {
		return engine.Fail("logging", "no logging block: read, write and delete requests to the queue service are not logged")
	}
	return loggingAll(q.Logging)
}

// container is the subject of the blob container control.
type container struct{ AccessType subject.Field[string] }

// decodeContainer reads azurerm_storage_container values
// (container_access_type defaults to "private").
func decodeContainer(n subject.Node) container {
	return container{AccessType: n.Get("container_access_type").String("private")}
}

func containerPrivate(c container) engine.Outcome {
	return judge.OneOf(c.AccessType, "anonymous clients can read the container's blobs", "private")
}

// customerManagedKey is the subject of azurerm_storage_account_customer_managed_key.
type customerManagedKey struct{ Key, KeyName, HSMKey subject.Field[string] }

// decodeCustomerManagedKey reads azurerm_storage_account_customer_managed_key values.
func decodeCustomerManagedKey(n subject.Node) customerManagedKey {
	return customerManagedKey{
		Key:     n.Get("key_vault_key_id").String(""),
		KeyName: n.Get("key_name").String(""),
		HSMKey:  n.Get("managed_hsm_key_id").String(""),
	}
}

func cmkResource(k customerManagedKey) engine.Outcome {
	return judge.AnySet("the resource names no key", k.KeyName, k.Key, k.HSMKey)
}

// Register adds the storage checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_storage_account", decodeAccount,
		engine.Check[account]{Control: "azure-storage-no-anonymous-blob-access", Eval: noNestedPublic},
		engine.Check[account]{Control: "azure-storage-public-network-access-disabled", Eval: noPublicNetwork},
		engine.Check[account]{Control: "azure-storage-default-network-action-deny", Eval: defaultDeny},
		engine.Check[account]{Control: "azure-storage-min-tls-1-2", Eval: minTLS},
		engine.Check[account]{Control: "azure-storage-https-only", Eval: httpsOnly},
		engine.Check[account]{Control: "azure-storage-infrastructure-encryption", Eval: infrastructure},
		engine.Check[account]{Control: "azure-storage-customer-managed-key", Eval: cmk},
		engine.Check[account]{Control: "azure-storage-shared-key-access-disabled", Eval: noSharedKey},
		engine.Check[account]{Control: "azure-storage-cross-tenant-replication-disabled", Eval: noCrossTenant},
		engine.Check[account]{Control: "azure-storage-trusted-services-bypass", Eval: trustedServices},
		engine.Check[account]{Control: "azure-storage-blob-soft-delete", Eval: blobSoftDelete},
		engine.Check[account]{Control: "azure-storage-container-soft-delete", Eval: containerSoftDelete},
		engine.Check[account]{Control: "azure-storage-blob-versioning", Eval: blobVersioning},
		engine.Check[account]{Control: "azure-storage-queue-logging", Eval: queueLogging},
		engine.Check[account]{Control: "azure-storage-sas-expiration-policy", Eval: sasExpiration},
	)
	engine.Add(r, "azurerm_storage_account_network_rules", decodeNetworkRules,
		engine.Check[networkRules]{Control: "azure-storage-default-network-action-deny", Eval: rulesDefaultDeny},
		engine.Check[networkRules]{Control: "azure-storage-trusted-services-bypass", Eval: rulesTrustedServices})
	engine.Add(r, "azurerm_storage_account_queue_properties", decodeQueueProperties,
		engine.Check[queueProperties]{Control: "azure-storage-queue-logging", Eval: queuePropertiesLogging})
	engine.Add(r, "azurerm_storage_account_customer_managed_key", decodeCustomerManagedKey,
		engine.Check[customerManagedKey]{Control: "azure-storage-customer-managed-key", Eval: cmkResource})
	engine.Add(r, "azurerm_storage_container", decodeContainer,
		engine.Check[container]{Control: "azure-storage-container-private", Eval: containerPrivate})
}
