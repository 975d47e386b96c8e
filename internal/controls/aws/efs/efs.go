// Package efs judges Amazon EFS file systems.
package efs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// FileSystem is the subject of EFS.1. A live loader fills Encrypted from
// DescribeFileSystems Encrypted.
type FileSystem struct {
	Encrypted subject.Field[bool]
}

// DecodeFileSystem reads aws_efs_file_system values. The API creates an
// unencrypted file system when encrypted is not set; with kms_key_id set the
// provider requires encrypted = true.
func DecodeFileSystem(n subject.Node) FileSystem {
	return FileSystem{Encrypted: n.Get("encrypted").Bool(false)}
}

// CheckEncrypted is EFS.1 / CIS 2.4.1. Encryption can only be chosen when the
// file system is created.
func CheckEncrypted(f FileSystem) engine.Outcome {
	return judge.True(f.Encrypted, "file data and metadata are stored unencrypted, and encryption cannot be turned on later")
}

// Register adds the EFS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_efs_file_system", DecodeFileSystem, engine.Check[FileSystem]{Control: "aws-efs-encrypted", Eval: CheckEncrypted})
}
