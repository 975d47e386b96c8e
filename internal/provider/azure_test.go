package provider_test

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// The TestAccAzure and TestAccGoogle tests plan real hashicorp/azurerm and
// hashicorp/google resource blocks and judge `self` in postconditions
// (guarded). Neither provider is installed on the test machines, so they run
// on the schema stand-in (internal/acctest/standin), which plans with the
// same SDK as the real providers; where a real provider is reachable
// (acctest.AzureProvider) they plan with it instead. A compliant case must
// plan clean and, on the stand-in, apply (with placeholder computed values)
// and plan empty again; a non-compliant one must fail the plan naming the
// control, the attribute and the fix.

// cloudProviders is acctest.AzureProvider or acctest.GoogleProvider.
type cloudProviders func(*testing.T, ...string) (map[string]func() (tfprotov5.ProviderServer, error), map[string]resource.ExternalProvider)

// cloudCase is one plan of azurerm or google resources.
type cloudCase struct {
	config string         // HCL after the provider block
	err    *regexp.Regexp // nil: the plan must succeed
}

// resourceTypes lists the resource types config declares with prefix.
func resourceTypes(config, prefix string) []string {
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*resource\s+"(`+prefix+`[a-z0-9_]+)"`).FindAllStringSubmatch(config, -1) {
		seen[m[1]] = true
	}
	types := make([]string, 0, len(seen))
	for t := range seen {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}

// cloudTestCase builds the TestCase for config with provider name (azurerm or
// google) served by providers, configured by providerBlock.
func cloudTestCase(t *testing.T, providers cloudProviders, name, providerBlock, config string, err *regexp.Regexp) resource.TestCase {
	t.Helper()
	v5, ext := providers(t, resourceTypes(config, name+"_")...)
	step := resource.TestStep{Config: providerBlock + config, ExpectError: err}
	// Only the stand-in can apply; a real provider would call the cloud.
	if err != nil || !acctest.UsesStandIn(name) {
		step.PlanOnly, step.ExpectNonEmptyPlan = true, true
	}
	return resource.TestCase{
		TerraformVersionChecks:   acctest.FunctionsVersion,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		ProtoV5ProviderFactories: v5,
		ExternalProviders:        ext,
		Steps:                    []resource.TestStep{step},
	}
}

// planCloud runs each case as a parallel subtest.
func planCloud(t *testing.T, providers cloudProviders, name, providerBlock string, cases map[string]cloudCase) {
	for caseName, c := range cases {
		t.Run(caseName, func(t *testing.T) {
			t.Parallel()
			resource.UnitTest(t, cloudTestCase(t, providers, name, providerBlock, c.config, c.err))
		})
	}
}

func planAzure(t *testing.T, cases map[string]cloudCase) {
	planCloud(t, acctest.AzureProvider, "azurerm", acctest.AzureOfflineProvider, cases)
}

const azureRG = `
resource "azurerm_resource_group" "main" {
  name     = "rg-baseline"
  location = "westeurope"
}
`

// args renders the arguments base, with over applied (an empty value removes
// the argument), one per line in name order, followed by the blocks.
func args(base, over map[string]string, blocks string) string {
	merged := map[string]string{}
	for k, v := range base {
		merged[k] = v
	}
	for k, v := range over {
		merged[k] = v
	}
	names := make([]string, 0, len(merged))
	for k, v := range merged {
		if v != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		fmt.Fprintf(&b, "  %s = %s\n", k, merged[k])
	}
	return b.String() + strings.TrimLeft(blocks, "\n")
}

const azureIdentityID = `"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.ManagedIdentity/userAssignedIdentities/st"`

// storageAccount renders a guarded storage account with every control's
// setting compliant, but for over.
func storageAccount(over map[string]string) string {
	return guarded("azurerm_storage_account", "main", args(map[string]string{
		"name":                              `"stbaseline"`,
		"resource_group_name":               "azurerm_resource_group.main.name",
		"location":                          "azurerm_resource_group.main.location",
		"account_tier":                      `"Standard"`,
		"account_replication_type":          `"GRS"`,
		"min_tls_version":                   `"TLS1_2"`,
		"allow_nested_items_to_be_public":   "false",
		"infrastructure_encryption_enabled": "true",
		"shared_access_key_enabled":         "false",
		"public_network_access_enabled":     "false",
	}, over, `
  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }
  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 14
    }
    container_delete_retention_policy {
      days = 14
    }
  }
  queue_properties {
    logging {
      delete                = true
      read                  = true
      write                 = true
      version               = "1.0"
      retention_policy_days = 90
    }
  }
  sas_policy {
    expiration_period = "0.01:00:00"
  }
  identity {
    type         = "UserAssigned"
    identity_ids = [`+azureIdentityID+`]
  }
  customer_managed_key {
    key_vault_key_id          = "https://kv-baseline.vault.azure.net/keys/storage"
    user_assigned_identity_id = `+azureIdentityID+`
  }`))
}

func TestAccAzure_storageAccount(t *testing.T) {
	container := func(access string) string {
		return guarded("azurerm_storage_container", "data", fmt.Sprintf(`
  name                  = "data"
  storage_account_id    = azurerm_storage_account.main.id
  container_access_type = %q`, access))
	}
	planAzure(t, map[string]cloudCase{
		"compliant": {config: azureRG + storageAccount(nil) + container("private")},
		// azurerm 4.x defaults allow_nested_items_to_be_public to true.
		"nestedItemsPublicByDefault": {
			config: azureRG + storageAccount(map[string]string{"allow_nested_items_to_be_public": ""}),
			err:    acctest.Wrapped(`(?s)azure-storage-no-anonymous-blob-access \[[^]]*\] \([a-z]+\): allow_nested_items_to_be_public:.* Fix: Set allow_nested_items_to_be_public = false`),
		},
		"publicContainer": {
			config: azureRG + storageAccount(nil) + container("blob"),
			err:    acctest.Wrapped(`(?s)azure-storage-container-private \[[^]]*\] \([a-z]+\): container_access_type:.* Fix: Set container_access_type = "private"`),
		},
		// network_rules is Optional+Computed: left out, Azure creates the
		// account with default action Allow, so it fails as [] does.
		"networkRulesLeftOut": {
			config: azureRG + strings.Replace(storageAccount(map[string]string{"public_network_access_enabled": ""}),
				"  network_rules {\n    default_action = \"Deny\"\n    bypass         = [\"AzureServices\"]\n  }\n", "", 1),
			err: acctest.Wrapped(`(?s)azure-storage-default-network-action-deny \[[^]]*\] \([a-z]+\): network_rules: network_rules is not set, so the default action is Allow.* Fix: Set network_rules`),
		},
		"tls10": {
			config: azureRG + storageAccount(map[string]string{"min_tls_version": `"TLS1_0"`}),
			err:    acctest.Wrapped(`(?s)azure-storage-min-tls-1-2 \[[^]]*\] \([a-z]+\): min_tls_version:.* Fix: Set min_tls_version = "TLS1_2"`),
		},
	})
}

// nsg renders a guarded network security group with one inline inbound rule
// allowing source to reach port.
func nsg(source, port string) string {
	return guarded("azurerm_network_security_group", "admin", fmt.Sprintf(`
  name                = "nsg-admin"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  security_rule {
    name                       = "admin"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = %q
    source_address_prefix      = %q
    destination_address_prefix = "*"
  }`, port, source))
}

// nsgRule renders a guarded separate rule of an unguarded group.
func nsgRule(source string, ports ...string) string {
	portArgs := fmt.Sprintf("destination_port_range      = %q", ports[0])
	if len(ports) > 1 {
		portArgs = fmt.Sprintf("destination_port_ranges     = [%q, %q]", ports[0], ports[1])
	}
	return `
resource "azurerm_network_security_group" "admin" {
  name                = "nsg-admin"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
}
` + guarded("azurerm_network_security_rule", "admin", fmt.Sprintf(`
  name                        = "admin"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.admin.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  %s
  source_address_prefix       = %q
  destination_address_prefix  = "*"`, portArgs, source))
}

func TestAccAzure_networkSecurityGroup(t *testing.T) {
	ssh := acctest.Wrapped(`(?s)azure-network-nsg-no-internet-ssh \[[^]]*\] \([a-z]+\): security_rule\[0\]\.source_address_prefix: .* from the internet\. Fix: Set source_address_prefix of the rule covering port 22`)
	planAzure(t, map[string]cloudCase{
		"sshFromPrivateRange": {config: azureRG + nsg("10.0.0.0/8", "22")},
		"sshFromAnywhere":     {config: azureRG + nsg("*", "22"), err: ssh},
		"sshFromInternet":     {config: azureRG + nsg("Internet", "22"), err: ssh},
		"rangeCoversSSH":      {config: azureRG + nsg("0.0.0.0/0", "20-30"), err: ssh},
		"ruleSSHFromPrivate":  {config: azureRG + nsgRule("10.0.0.0/8", "22")},
		"ruleSSHFromInternet": {
			config: azureRG + nsgRule("Internet", "22"),
			err:    acctest.Wrapped(`(?s)azure-network-nsg-no-internet-ssh \[[^]]*\] \([a-z]+\): source_address_prefix: .* from the internet\. Fix: Set source_address_prefix of the rule covering port 22`),
		},
		"rulePortListRDP": {
			config: azureRG + nsgRule("*", "8443", "3389"),
			err:    acctest.Wrapped(`(?s)azure-network-nsg-no-internet-rdp \[[^]]*\] \([a-z]+\): source_address_prefix: .* from the internet\. Fix: Set source_address_prefix of the rule covering port 3389`),
		},
	})
}

// cloudExample is an example module of a cloud the tests serve with a
// stand-in, and an edit (old becomes new) that must make its plan fail
// naming the control want.
type cloudExample struct {
	dir           string // under examples/
	provider      string // azurerm or google
	providers     cloudProviders
	providerBlock string // replaced by the offline one for a real provider
	old, new      string
	want          string
}

// testCloudExample plans the example clean (and, on the stand-in, applies
// it), then plans the broken variant.
func testCloudExample(t *testing.T, ex cloudExample) {
	t.Helper()
	// The test factories serve the provider as hashicorp/baseline.
	config := strings.ReplaceAll(readModule(t, "../../examples/"+ex.dir), `"cloudbaseline/baseline"`, `"hashicorp/baseline"`)
	if !acctest.UsesStandIn(ex.provider) {
		config = strings.Replace(config, ex.providerBlock, "", 1)
	}
	if strings.Count(config, ex.old) != 1 {
		t.Fatalf("%q occurs %d times in examples/%s, want once", ex.old, strings.Count(config, ex.old), ex.dir)
	}
	good := cloudTestCase(t, ex.providers, ex.provider, "", config, nil)
	bad := cloudTestCase(t, ex.providers, ex.provider, "", strings.Replace(config, ex.old, ex.new, 1),
		acctest.Wrapped(regexp.QuoteMeta(ex.want)))
	if !acctest.UsesStandIn(ex.provider) {
		offline := map[string]string{"azurerm": acctest.AzureOfflineProvider, "google": acctest.GoogleOfflineProvider}[ex.provider]
		good.Steps[0].Config = offline + good.Steps[0].Config
		bad.Steps[0].Config = offline + bad.Steps[0].Config
	}
	good.Steps = append(good.Steps, bad.Steps...)
	resource.UnitTest(t, good)
}

func TestAccExamples_azure(t *testing.T) {
	testCloudExample(t, cloudExample{
		dir: "azure", provider: "azurerm", providers: acctest.AzureProvider,
		providerBlock: "provider \"azurerm\" {\n  features {}\n}\n",
		old:           `source_address_prefix      = "10.0.0.0/8"`,
		new:           `source_address_prefix      = "Internet"`,
		want:          "azure-network-nsg-no-internet-ssh",
	})
}

const azureTenantID = `"00000000-0000-0000-0000-000000000000"`

// keyVault renders a guarded key vault with every control's setting
// compliant, but for over.
func keyVault(over map[string]string) string {
	return guarded("azurerm_key_vault", "main", args(map[string]string{
		"name":                          `"kv-baseline"`,
		"location":                      "azurerm_resource_group.main.location",
		"resource_group_name":           "azurerm_resource_group.main.name",
		"tenant_id":                     azureTenantID,
		"sku_name":                      `"premium"`,
		"purge_protection_enabled":      "true",
		"soft_delete_retention_days":    "90",
		"rbac_authorization_enabled":    "true",
		"public_network_access_enabled": "false",
	}, over, ""))
}

func TestAccAzure_keyVault(t *testing.T) {
	planAzure(t, map[string]cloudCase{
		"compliant": {config: azureRG + keyVault(nil)},
		// purge_protection_enabled defaults to false.
		"purgeProtectionUnset": {
			config: azureRG + keyVault(map[string]string{"purge_protection_enabled": ""}),
			err:    acctest.Wrapped(`(?s)azure-keyvault-purge-protection \[[^]]*\] \([a-z]+\): purge_protection_enabled:.* Fix: Set purge_protection_enabled = true`),
		},
		// network_acls is Optional+Computed: left out, the vault is created
		// with default action Allow.
		"networkAclsLeftOut": {
			config: azureRG + keyVault(map[string]string{"public_network_access_enabled": ""}),
			err:    acctest.Wrapped(`(?s)azure-keyvault-network-restricted \[[^]]*\] \([a-z]+\): public_network_access_enabled: public network access is enabled and no network_acls.* Fix: Set public_network_access_enabled = false, or network_acls`),
		},
		"purgeProtectionOff": {
			config: azureRG + keyVault(map[string]string{"purge_protection_enabled": "false"}),
			err:    acctest.Wrapped(`(?s)azure-keyvault-purge-protection \[[^]]*\] \([a-z]+\): purge_protection_enabled:.* Fix: Set purge_protection_enabled = true`),
		},
	})
}

// mssqlServer renders a guarded SQL server with every control's setting
// compliant, but for over.
func mssqlServer(over map[string]string) string {
	return guarded("azurerm_mssql_server", "main", args(map[string]string{
		"name":                          `"sql-baseline"`,
		"resource_group_name":           "azurerm_resource_group.main.name",
		"location":                      "azurerm_resource_group.main.location",
		"version":                       `"12.0"`,
		"minimum_tls_version":           `"1.2"`,
		"public_network_access_enabled": "false",
		"transparent_data_encryption_key_vault_key_id": `"https://kv-baseline.vault.azure.net/keys/sql/0123456789abcdef0123456789abcdef"`,
	}, over, `
  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "00000000-0000-0000-0000-000000000001"
    azuread_authentication_only = true
  }
  identity {
    type         = "UserAssigned"
    identity_ids = [`+azureIdentityID+`]
  }`))
}

func TestAccAzure_mssqlServer(t *testing.T) {
	tls := acctest.Wrapped(`(?s)azure-sql-min-tls-1-2 \[[^]]*\] \([a-z]+\): minimum_tls_version:.* Fix: Set minimum_tls_version = "1.2"`)
	planAzure(t, map[string]cloudCase{
		"compliant":   {config: azureRG + mssqlServer(nil)},
		"tlsDefault":  {config: azureRG + mssqlServer(map[string]string{"minimum_tls_version": ""})},
		"tls10":       {config: azureRG + mssqlServer(map[string]string{"minimum_tls_version": `"1.0"`}), err: tls},
		"tlsDisabled": {config: azureRG + mssqlServer(map[string]string{"minimum_tls_version": `"Disabled"`}), err: tls},
		"publicNetwork": {
			config: azureRG + mssqlServer(map[string]string{"public_network_access_enabled": ""}),
			err:    acctest.Wrapped(`(?s)azure-sql-public-network-access-disabled \[[^]]*\] \([a-z]+\): public_network_access_enabled:.* Fix: Set public_network_access_enabled = false`),
		},
	})
}
