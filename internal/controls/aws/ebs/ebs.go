// Package ebs judges EBS: the account's default encryption (EC2.7), the
// encryption of volumes, standalone or attached to an instance (EC2.3), and
// public sharing of snapshots (EC2.1).
package ebs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/resourcepolicy"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// DefaultEncryption is the account/Region setting of EBS encryption by default.
// A live loader fills Enabled from ec2 GetEbsEncryptionByDefault
// (EbsEncryptionByDefault) with subject.Of and judges it under
// "aws_ebs_encryption_by_default".
type DefaultEncryption struct {
	Enabled subject.Field[bool]
}

// decodeDefaultEncryption reads aws_ebs_encryption_by_default values. The
// resource's enabled argument defaults to true in hashicorp/aws.
func decodeDefaultEncryption(n subject.Node) DefaultEncryption {
	return DefaultEncryption{Enabled: n.Get("enabled").Bool(true)}
}

// checkDefaultEncryption is EC2.7 / CIS 2.2.1.
func checkDefaultEncryption(d DefaultEncryption) engine.Outcome {
	return judge.True(d.Enabled, "new EBS volumes and snapshot copies in this Region are not encrypted unless each one asks for it")
}

// volume is one EBS volume as declared: a standalone volume or a root or EBS
// block device of an instance.
type volume struct {
	Encrypted subject.Field[bool]
	// Where names the volume in messages ("root_block_device[0]").
	Where string
}

// volumes is the subject of EC2.3: every volume a resource declares.
// VolumesUnknown is set when a block device list cannot be enumerated.
type volumes struct {
	Volumes        []volume
	VolumesUnknown bool
	UnknownPath    string
}

// decodeVolume reads aws_ebs_volume values.
func decodeVolume(n subject.Node) volumes {
	return volumes{Volumes: []volume{{Encrypted: n.Get("encrypted").Bool(false), Where: "the volume"}}}
}

// decodeInstanceVolumes reads the root_block_device and ebs_block_device
// blocks of aws_instance values. An instance without a root_block_device block
// still gets a root volume whose encryption comes from the AMI's snapshot or
// the account default, which the plan cannot see: that volume is judged as an
// unset encrypted flag.
func decodeInstanceVolumes(n subject.Node) volumes {
	var vs volumes
	root := n.Get("root_block_device")
	rs := root.Items()
	switch {
	case rs.Unknown:
		vs.VolumesUnknown, vs.UnknownPath = true, rs.Path
	case rs.Null || len(rs.Items) == 0:
		vs.Volumes = append(vs.Volumes, volume{
			Encrypted: subject.Field[bool]{Null: true, Path: "root_block_device"},
			Where:     "the root volume",
		})
	default:
		for _, it := range rs.Items {
			vs.Volumes = append(vs.Volumes, volume{Encrypted: it.Get("encrypted").Bool(false), Where: it.Path()})
		}
	}
	es := n.Get("ebs_block_device").Items()
	if es.Unknown && !vs.VolumesUnknown {
		vs.VolumesUnknown, vs.UnknownPath = true, es.Path
	}
	for _, it := range es.Items {
		vs.Volumes = append(vs.Volumes, volume{Encrypted: it.Get("encrypted").Bool(false), Where: it.Path()})
	}
	return vs
}

// checkVolumesEncrypted is EC2.3.
//
// Fail-closed choice: an encrypted flag that is not set fails, even though the
// volume may still end up encrypted when the account has EBS encryption by
// default turned on (EC2.7) or the source snapshot is encrypted. The plan
// cannot see either, so the configuration does not guarantee encryption;
// setting encrypted = true does. (In a real plan an unset encrypted of
// aws_ebs_volume is computed and arrives unknown; attributes.yaml reads it as
// not set.)
func checkVolumesEncrypted(vs volumes) engine.Outcome {
	var undecided *engine.Outcome
	for _, v := range vs.Volumes {
		f := v.Encrypted
		switch {
		case f.Unknown:
			if undecided == nil {
				o := engine.Undecided(f.Path, "encryption of %s is unknown until apply", v.Where)
				undecided = &o
			}
		case f.Null:
			return engine.Fail(f.Path, "encryption of %s is not set, so it is encrypted only if the account's EBS default encryption or its source snapshot says so; set encrypted = true", v.Where)
		case !f.V:
			return engine.Fail(f.Path, "%s is not encrypted", v.Where)
		}
	}
	if undecided != nil {
		return *undecided
	}
	if vs.VolumesUnknown {
		return engine.Undecided(vs.UnknownPath, "the block devices are unknown until apply")
	}
	return engine.Pass()
}

// Register adds the EBS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_ebs_encryption_by_default", decodeDefaultEncryption,
		engine.Check[DefaultEncryption]{Control: "aws-ebs-default-encryption", Eval: checkDefaultEncryption})
	vol := engine.Check[volumes]{Control: "aws-ebs-volume-encrypted", Eval: checkVolumesEncrypted}
	engine.Add(r, "aws_ebs_volume", decodeVolume, vol)
	engine.Add(r, "aws_instance", decodeInstanceVolumes, vol)
	engine.Add(r, "aws_snapshot_create_volume_permission", decodeSnapshotVolumePermission, engine.Check[resourcepolicy.Sharing]{Control: "aws-ebs-snapshot-not-public", Eval: resourcepolicy.NotPublicShared})
}

// decodeSnapshotVolumePermission reads aws_snapshot_create_volume_permission.
// hashicorp/aws has only account_id, passed to the API as a UserId; the value
// "all" (the API's public group) is judged public.
func decodeSnapshotVolumePermission(n subject.Node) resourcepolicy.Sharing {
	return resourcepolicy.Sharing{What: "EBS snapshot", Targets: resourcepolicy.Targets(n.Get("account_id").String("")), Public: subject.Field[bool]{Null: true}}
}
