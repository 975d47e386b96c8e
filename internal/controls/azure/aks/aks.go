// Package aks judges Azure Kubernetes Service clusters: API server exposure,
// Kubernetes RBAC and Microsoft Entra integration, local accounts, network
// policy, Microsoft Defender and the Azure Policy add-on.
package aks

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/azurerm3"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/azure/iprange"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// cluster is the subject of the azurerm_kubernetes_cluster controls. Null
// fields hold the azurerm 4.x default.
type cluster struct {
	Private       subject.Field[bool]   // private_cluster_enabled, default false
	Authorized    subject.StringSeq     // api_server_access_profile[0].authorized_ip_ranges (3.x: api_server_authorized_ip_ranges)
	RBAC          subject.Field[bool]   // role_based_access_control_enabled, default true
	Entra         bool                  // an azure_active_directory_role_based_access_control block is planned
	EntraUnknown  string                // its path when the block is unknown
	AzureRBAC     subject.Field[bool]   // azure_active_directory_role_based_access_control[0].azure_rbac_enabled
	LocalDisabled subject.Field[bool]   // local_account_disabled, default false
	Policy        subject.Field[string] // network_profile[0].network_policy; null without network_profile
	Defender      bool                  // a microsoft_defender block is planned
	DefenderPath  string                // its path when the block is unknown
	AzurePolicy   subject.Field[bool]   // azure_policy_enabled, default false
}

// decodeCluster reads azurerm_kubernetes_cluster values.
func decodeCluster(n subject.Node) cluster {
	entra := n.Get("azure_active_directory_role_based_access_control").Block()
	def := n.Get("microsoft_defender").Block()
	c := cluster{
		Private:       n.Get("private_cluster_enabled").Bool(false),
		Authorized:    n.Get("api_server_access_profile").Block().Get("authorized_ip_ranges").Strings(),
		RBAC:          n.Get("role_based_access_control_enabled").Bool(true),
		Entra:         !entra.IsNull() && !entra.IsUnknown(),
		AzureRBAC:     entra.Get("azure_rbac_enabled").Bool(false),
		LocalDisabled: n.Get("local_account_disabled").Bool(false),
		Policy:        n.Get("network_profile").Block().Get("network_policy").String(""),
		Defender:      !def.IsNull() && !def.IsUnknown(),
		AzurePolicy:   n.Get("azure_policy_enabled").Bool(false),
	}
	if entra.IsUnknown() {
		c.EntraUnknown = entra.Path()
	}
	if def.IsUnknown() {
		c.DefenderPath = def.Path()
	}
	// azurerm 3.x names the authorized ranges api_server_authorized_ip_ranges.
	// It is Optional+Computed there: a 3.x plan that sets neither it nor the
	// api_server_access_profile block shows both unknown, and the cluster is
	// created without authorized ranges, so that unknown reads as not set.
	if c.Authorized.Null || len(c.Authorized.Items) == 0 && !c.Authorized.Unknown {
		if old, ok := azurerm3.Strings(n, "api_server_authorized_ip_ranges"); ok && len(old.Items) > 0 {
			c.Authorized = old
		}
	}
	return c
}

func private(c cluster) engine.Outcome {
	return judge.True(c.Private, "the Kubernetes API server has a public endpoint")
}

func authorizedRanges(c cluster) engine.Outcome {
	if c.Private.Known() && c.Private.V {
		return engine.Pass() // no public API endpoint
	}
	seq := c.Authorized
	if out := iprange.Internet(seq, "API server"); out.Status != engine.StatusPass {
		return out
	}
	if len(seq.Items) > 0 {
		return engine.Pass()
	}
	if c.Private.Unknown {
		return judge.Unknown(c.Private.Path)
	}
	return engine.Fail("api_server_access_profile", "the public API server accepts connections from every address: no authorized_ip_ranges are set")
}

func rbac(c cluster) engine.Outcome {
	return judge.True(c.RBAC, "every authenticated user has full control of the cluster")
}

func entra(c cluster) engine.Outcome {
	switch {
	case c.EntraUnknown != "":
		return judge.Unknown(c.EntraUnknown)
	case !c.Entra:
		return engine.Fail("azure_active_directory_role_based_access_control", "the cluster is not integrated with Microsoft Entra ID: users authenticate with cluster certificates instead of directory identities")
	}
	return judge.True(c.AzureRBAC, "Kubernetes authorization is managed inside the cluster, not with Azure RBAC role assignments")
}

func localAccounts(c cluster) engine.Outcome {
	return judge.True(c.LocalDisabled, "the shared clusterAdmin credential (az aks get-credentials --admin) bypasses Entra ID and its audit")
}

func networkPolicy(c cluster) engine.Outcome {
	f := c.Policy
	if f.Null && !f.Unknown {
		return engine.Fail("network_profile", "no network_policy is set: every pod can reach every other pod")
	}
	return judge.OneOf(f, "pods are not isolated by network policies", "azure", "calico", "cilium")
}

func defender(c cluster) engine.Outcome {
	switch {
	case c.DefenderPath != "":
		return judge.Unknown(c.DefenderPath)
	case c.Defender:
		return engine.Pass()
	}
	return engine.Fail("microsoft_defender", "no microsoft_defender block: the Defender sensor does not collect runtime threat signals from the nodes")
}

func azurePolicy(c cluster) engine.Outcome {
	return judge.True(c.AzurePolicy, "the Azure Policy add-on (Gatekeeper) does not enforce or audit pod security policies in the cluster")
}

// Register adds the AKS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_kubernetes_cluster", decodeCluster,
		engine.Check[cluster]{Control: "azure-aks-private-cluster", Eval: private},
		engine.Check[cluster]{Control: "azure-aks-api-server-authorized-ranges", Eval: authorizedRanges},
		engine.Check[cluster]{Control: "azure-aks-rbac-enabled", Eval: rbac},
		engine.Check[cluster]{Control: "azure-aks-entra-integration", Eval: entra},
		engine.Check[cluster]{Control: "azure-aks-local-accounts-disabled", Eval: localAccounts},
		engine.Check[cluster]{Control: "azure-aks-network-policy", Eval: networkPolicy},
		engine.Check[cluster]{Control: "azure-aks-defender", Eval: defender},
		engine.Check[cluster]{Control: "azure-aks-azure-policy", Eval: azurePolicy},
	)
}
