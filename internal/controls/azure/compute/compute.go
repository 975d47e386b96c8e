// Package compute judges Azure virtual machines and managed disks: disk
// encryption with customer-managed keys, disk network access, SSH-only
// sign-in on Linux and encryption at host.
package compute

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// disk is the subject of the azurerm_managed_disk controls. Null fields hold
// the azurerm 4.x default.
type disk struct {
	EncryptionSet       subject.Field[string] // disk_encryption_set_id, unset: platform-managed keys
	SecureEncryptionSet subject.Field[string] // secure_vm_disk_encryption_set_id (confidential VMs)
	PublicNetwork       subject.Field[bool]   // public_network_access_enabled, default true
	AccessPolicy        subject.Field[string] // network_access_policy, unset: the API's AllowAll
}

// decodeDisk reads azurerm_managed_disk values.
func decodeDisk(n subject.Node) disk {
	return disk{
		EncryptionSet:       n.Get("disk_encryption_set_id").String(""),
		SecureEncryptionSet: n.Get("secure_vm_disk_encryption_set_id").String(""),
		PublicNetwork:       n.Get("public_network_access_enabled").Bool(true),
		AccessPolicy:        n.Get("network_access_policy").String("AllowAll"),
	}
}

func diskCMK(d disk) engine.Outcome {
	return judge.AnySet("the disk is encrypted with platform-managed keys only; point it at an azurerm_disk_encryption_set that holds a customer-managed key",
		d.EncryptionSet, d.SecureEncryptionSet)
}

func diskNetwork(d disk) engine.Outcome {
	policy := d.AccessPolicy
	if policy.Known() && !policy.Null && policy.V == "" {
		policy.Null, policy.V = true, "AllowAll"
	}
	// Either setting closes access from the internet (Compute API,
	// PublicNetworkAccess: "Disabled: You cannot access the underlying data of
	// the disk publicly on the internet even when NetworkAccessPolicy is set
	// to AllowAll"; AllowPrivate limits a SAS to a disk access's private
	// endpoints, DenyAll allows no SAS): only both left open fail.
	return either(
		judge.False(d.PublicNetwork, "the disk can be exported or imported from every network"),
		judge.OneOf(policy, "a SAS for the disk can be used from every network; use AllowPrivate with a disk_access_id, or DenyAll", "AllowPrivate", "DenyAll"),
	)
}

// either combines two settings of which one suffices: a pass of either
// passes, then an undecided one is undecided, else the first failure.
func either(a, b engine.Outcome) engine.Outcome {
	switch {
	case a.Status == engine.StatusPass || b.Status == engine.StatusPass:
		return engine.Pass()
	case a.Status == engine.StatusError:
		return a
	case b.Status == engine.StatusError:
		return b
	case a.Status == engine.StatusUnknown:
		return a
	case b.Status == engine.StatusUnknown:
		return b
	}
	return a
}

// VM is the subject of the virtual machine controls.
type VM struct {
	OSEncryptionSet       subject.Field[string] // os_disk[0].disk_encryption_set_id
	OSSecureEncryptionSet subject.Field[string] // os_disk[0].secure_vm_disk_encryption_set_id
	EncryptionAtHost      subject.Field[bool]   // encryption_at_host_enabled, unset: false
	// DisablePassword is disable_password_authentication (Linux only): unset,
	// azurerm sends true on create.
	DisablePassword subject.Field[bool]
}

// decodeVM reads azurerm_windows_virtual_machine values.
func decodeVM(n subject.Node) VM {
	osDisk := n.Get("os_disk").Block()
	return VM{
		OSEncryptionSet:       osDisk.Get("disk_encryption_set_id").String(""),
		OSSecureEncryptionSet: osDisk.Get("secure_vm_disk_encryption_set_id").String(""),
		EncryptionAtHost:      n.Get("encryption_at_host_enabled").Bool(false),
	}
}

// decodeLinuxVM reads azurerm_linux_virtual_machine values.
func decodeLinuxVM(n subject.Node) VM {
	vm := decodeVM(n)
	vm.DisablePassword = n.Get("disable_password_authentication").Bool(true)
	return vm
}

func osDiskCMK(v VM) engine.Outcome {
	return judge.AnySet("the OS disk is encrypted with platform-managed keys only; set os_disk { disk_encryption_set_id } to an azurerm_disk_encryption_set holding a customer-managed key",
		v.OSEncryptionSet, v.OSSecureEncryptionSet)
}

func encryptionAtHost(v VM) engine.Outcome {
	return judge.True(v.EncryptionAtHost, "temporary disks and OS and data disk caches on the host are not encrypted")
}

func sshOnly(v VM) engine.Outcome {
	return judge.True(v.DisablePassword, "the VM accepts password sign-in over SSH, open to password guessing")
}

// Register adds the compute checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "azurerm_managed_disk", decodeDisk,
		engine.Check[disk]{Control: "azure-compute-disk-customer-managed-key", Eval: diskCMK},
		engine.Check[disk]{Control: "azure-compute-disk-public-network-access-disabled", Eval: diskNetwork},
	)
	engine.Add(r, "azurerm_linux_virtual_machine", decodeLinuxVM,
		engine.Check[VM]{Control: "azure-compute-vm-os-disk-customer-managed-key", Eval: osDiskCMK},
		engine.Check[VM]{Control: "azure-compute-vm-encryption-at-host", Eval: encryptionAtHost},
		engine.Check[VM]{Control: "azure-compute-linux-vm-ssh-key-authentication", Eval: sshOnly},
	)
	engine.Add(r, "azurerm_windows_virtual_machine", decodeVM,
		engine.Check[VM]{Control: "azure-compute-vm-os-disk-customer-managed-key", Eval: osDiskCMK},
		engine.Check[VM]{Control: "azure-compute-vm-encryption-at-host", Eval: encryptionAtHost},
	)
}
