// Package defender judges Microsoft Defender for Cloud settings of a
// subscription: plan tiers, security contacts and auto-provisioning.
package defender

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// pricing is azurerm_security_center_subscription_pricing.
type pricing struct {
	Tier         subject.Field[string]
	ResourceType subject.Field[string] // default VirtualMachines
}

// decodePricing reads azurerm_security_center_subscription_pricing values.
func decodePricing(n subject.Node) pricing {
	return pricing{Tier: n.Get("tier").String(""), ResourceType: n.Get("resource_type").String("VirtualMachines")}
}

func planStandard(p pricing) engine.Outcome {
	return judge.OneOf(p.Tier, "the Defender plan for "+p.ResourceType.V+" is off (Free): no threat detection for those resources", "Standard")
}

// contact is azurerm_security_center_contact.
type contact struct {
	Email         subject.Field[string]
	Notifications subject.Field[bool]
	ToAdmins      subject.Field[bool]
}

// decodeContact reads azurerm_security_center_contact values.
func decodeContact(n subject.Node) contact {
	return contact{
		Email:         n.Get("email").String(""),
		Notifications: n.Get("alert_notifications").Bool(false),
		ToAdmins:      n.Get("alerts_to_admins").Bool(false),
	}
}

func contactNotified(c contact) engine.Outcome {
	return judge.Worst(
		judge.Set(c.Email, "Defender for Cloud has no security contact to email"),
		judge.True(c.Notifications, "Defender for Cloud sends no email about security alerts"),
	)
}

func contactAdmins(c contact) engine.Outcome {
	return judge.True(c.ToAdmins, "subscription owners are not emailed about security alerts")
}

// autoProvisioning is azurerm_security_center_auto_provisioning.
type autoProvisioning struct{ Value subject.Field[string] }

// decodeAutoProvisioning reads azurerm_security_center_auto_provisioning values.
func decodeAutoProvisioning(n subject.Node) autoProvisioning {
	return autoProvisioning{Value: n.Get("auto_provision").String("")}
}

func autoProvision(a autoProvisioning) engine.Outcome {
	return judge.OneOf(a.Value, "new virtual machines get no monitoring agent, so Defender for Cloud collects no security data from them", "On")
}

// Register adds the Defender for Cloud checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_security_center_subscription_pricing", decodePricing,
		engine.Check[pricing]{Control: "azure-defender-plan-standard", Eval: planStandard})
	engine.Add(r, "azurerm_security_center_contact", decodeContact,
		engine.Check[contact]{Control: "azure-defender-contact-notifications", Eval: contactNotified},
		engine.Check[contact]{Control: "azure-defender-contact-admins", Eval: contactAdmins})
	engine.Add(r, "azurerm_security_center_auto_provisioning", decodeAutoProvisioning,
		engine.Check[autoProvisioning]{Control: "azure-defender-auto-provisioning", Eval: autoProvision})
}
