// Package efs judges Amazon EFS file systems.
package efs

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/judge"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// fileSystem is the subject of EFS.1. A live loader fills Encrypted from
// DescribeFileSystems Encrypted.
type fileSystem struct {
	Encrypted subject.Field[bool]
}

// decodeFileSystem reads aws_efs_file_system values. The API creates an
// unencrypted file system when encrypted is not set; with kms_key_id set the
// provider requires encrypted = true.
func decodeFileSystem(n subject.Node) fileSystem {
	return fileSystem{Encrypted: n.Get("encrypted").Bool(false)}
}

// checkEncrypted is EFS.1 / CIS 2.4.1. Encryption can only be chosen when the
// file system is created.
func checkEncrypted(f fileSystem) engine.Outcome {
	return judge.True(f.Encrypted, "file data and metadata are stored unencrypted, and encryption cannot be turned on later")
}

// Register adds the EFS checks to r.
func Register(r *engine.Registry) {
	engine.Add(r, "aws_efs_file_system", decodeFileSystem, engine.Check[fileSystem]{Control: "aws-efs-encrypted", Eval: checkEncrypted})
}
