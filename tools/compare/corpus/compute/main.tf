# Compute and block storage: instances, launch templates, EBS volumes and
# account default encryption, shared snapshots and AMIs, EFS.

resource "aws_instance" "bad_imdsv1_public" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = true

  metadata_options {
    http_tokens = "optional"
  }

  root_block_device {
    encrypted = false
  }
}

resource "aws_instance" "ok_hardened" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  monitoring                  = true
  ebs_optimized               = true

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 10
    encrypted   = true
  }
}

# Nothing said: IMDS and encryption are left to the defaults.
resource "aws_instance" "defaults" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "bad_imdsv1" {
  name          = "bad-imdsv1"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_launch_template" "ok_imdsv2" {
  name          = "ok-imdsv2"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

resource "aws_ebs_volume" "bad_unencrypted" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = false
}

resource "aws_ebs_volume" "ok_encrypted" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_ebs_encryption_by_default" "ok" {
  enabled = true
}

resource "aws_ebs_encryption_by_default" "bad_off" {
  enabled = false
}

resource "aws_ebs_snapshot" "data" {
  volume_id = aws_ebs_volume.ok_encrypted.id
}

resource "aws_snapshot_create_volume_permission" "ok_one_account" {
  snapshot_id = aws_ebs_snapshot.data.id
  account_id  = "111122223333"
}

resource "aws_efs_file_system" "bad_unencrypted" {
  creation_token = "bad-unencrypted"
  encrypted      = false
}

resource "aws_efs_file_system" "ok_encrypted" {
  creation_token = "ok-encrypted"
  encrypted      = true
  kms_key_id     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_ami_launch_permission" "bad_public" {
  image_id = "ami-0abcdef1234567890"
  group    = "all"
}

resource "aws_ami_launch_permission" "ok_one_account" {
  image_id   = "ami-0abcdef1234567890"
  account_id = "111122223333"
}
