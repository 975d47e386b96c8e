variable "name" {
  description = "Name of the service; prefixes every resource name."
  type        = string
}

variable "vpc_id" {
  description = "VPC the service runs in."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the instance; the service's network ACL is attached to it."
  type        = string
}

variable "availability_zone" {
  description = "Availability zone of the subnet (for the data volume)."
  type        = string
}

variable "ami" {
  description = "AMI of the instance."
  type        = string
}

variable "log_bucket" {
  description = "Existing central bucket that receives S3 access logs and CloudTrail logs."
  type        = string
}

variable "ingress" {
  description = "Ingress rules of the service's security group, one aws_vpc_security_group_ingress_rule each."
  type = map(object({
    ip_protocol = optional(string, "tcp")
    from_port   = number
    to_port     = number
    cidr_ipv4   = optional(string)
    cidr_ipv6   = optional(string)
  }))

  # Variable validation: remote administration (SSH, RDP) is never open to the
  # internet, judged on the input before anything is planned.
  validation {
    condition = alltrue([for k, r in var.ingress :
      provider::baseline::compliant("aws_vpc_security_group_ingress_rule", r, { controls = ["aws-ec2-sg-no-world-ssh", "aws-ec2-sg-no-world-rdp"] })
    ])
    error_message = join("\n", flatten([for k, r in var.ingress :
      provider::baseline::violations("aws_vpc_security_group_ingress_rule", r, { controls = ["aws-ec2-sg-no-world-ssh", "aws-ec2-sg-no-world-rdp"] })
    ]))
  }
}

variable "admin_cidr" {
  description = "Network allowed to reach SSH through the subnet's network ACL."
  type        = string
  default     = "10.20.0.0/16"
}

variable "http_tokens" {
  description = "IMDS setting of the instance: required (IMDSv2 only) or optional."
  type        = string
  default     = "required"
}

variable "associate_public_ip_address" {
  description = "Whether the instance gets a public IPv4 address."
  type        = bool
  default     = false
}

variable "db_publicly_accessible" {
  description = "Whether the database endpoint is public."
  type        = bool
  default     = false
}

variable "encrypt_storage" {
  description = "Whether the instance's volumes and the database storage are encrypted."
  type        = bool
  default     = true
}

variable "bucket_acl" {
  description = "Canned ACL of the assets bucket."
  type        = string
  default     = "private"
}

variable "bucket_versioning" {
  description = "Versioning of the assets bucket: Enabled or Suspended."
  type        = string
  default     = "Enabled"
}

variable "trail_multi_region" {
  description = "Whether the trail records every Region."
  type        = bool
  default     = true
}

variable "trail_log_file_validation" {
  description = "Whether the trail writes digest files to prove its logs unaltered."
  type        = bool
  default     = true
}
