// Package defender judges Microsoft Defender for Cloud settings of a
// subscription: plan tiers, security contacts and auto-provisioning.
package defender

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Pricing is azurerm_security_center_subscription_pricing.
type Pricing struct {
	Tier         subject.Field[string]
	ResourceType subject.Field[string] // default VirtualMachines
}

// DecodePricing reads azurerm_security_center_subscription_pricing values.
func DecodePricing(n subject.Node) Pricing {
	return Pricing{Tier: n.Get("tier").String(""), ResourceType: n.Get("resource_type").String("VirtualMachines")}
}

func planStandard(p Pricing) engine.Outcome {
	return judge.OneOf(p.Tier, "the Defender plan for "+p.ResourceType.V+" is off (Free): no threat detection for those resources", "Standard")
}

// Contact is azurerm_security_center_contact.
type Contact struct {
	Email         subject.Field[string]
	Notifications subject.Field[bool]
	ToAdmins      subject.Field[bool]
}

// DecodeContact reads azurerm_security_center_contact values.
func DecodeContact(n subject.Node) Contact {
	return Contact{
		Email:         n.Get("email").String(""),
		Notifications: n.Get("alert_notifications").Bool(false),
		ToAdmins:      n.Get("alerts_to_admins").Bool(false),
	}
}

func contactNotified(c Contact) engine.Outcome {
	return judge.Worst(
		judge.Set(c.Email, "Defender for Cloud has no security contact to email"),
		judge.True(c.Notifications, "Defender for Cloud sends no email about security alerts"),
	)
}

func contactAdmins(c Contact) engine.Outcome {
	return judge.True(c.ToAdmins, "subscription owners are not emailed about security alerts")
}

// AutoProvisioning is azurerm_security_center_auto_provisioning.
type AutoProvisioning struct{ Value subject.Field[string] }

// DecodeAutoProvisioning reads azurerm_security_center_auto_provisioning values.
func DecodeAutoProvisioning(n subject.Node) AutoProvisioning {
	return AutoProvisioning{Value: n.Get("auto_provision").String("")}
}

func autoProvision(a AutoProvisioning) engine.Outcome {
	return judge.OneOf(a.Value, "new virtual machines get no monitoring agent, so Defender for Cloud collects no security data from them", "On")
}

// Register adds the Defender for Cloud checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_security_center_subscription_pricing", DecodePricing,
		engine.Check[Pricing]{Control: "azure-defender-plan-standard", Eval: planStandard})
	engine.Add(r, "azurerm_security_center_contact", DecodeContact,
		engine.Check[Contact]{Control: "azure-defender-contact-notifications", Eval: contactNotified},
		engine.Check[Contact]{Control: "azure-defender-contact-admins", Eval: contactAdmins})
	engine.Add(r, "azurerm_security_center_auto_provisioning", DecodeAutoProvisioning,
		engine.Check[AutoProvisioning]{Control: "azure-defender-auto-provisioning", Eval: autoProvision})
}
