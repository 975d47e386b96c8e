variable "name" {
  description = "Name of the service."
  type        = string
}

variable "ingress" {
  description = "Ingress rules of the service's security group, as in aws_security_group."
  type = list(object({
    protocol         = string
    from_port        = number
    to_port          = number
    cidr_blocks      = optional(list(string), [])
    ipv6_cidr_blocks = optional(list(string), [])
  }))

  # Variable validation: remote administration is never open to the internet,
  # judged on the input before anything is planned.
  validation {
    condition     = provider::baseline::compliant("aws_security_group", { ingress = var.ingress }, local.admin_ports)
    error_message = join("\n", provider::baseline::violations("aws_security_group", { ingress = var.ingress }, local.admin_ports))
  }
}

variable "http_tokens" {
  description = "IMDS setting of the instance: required or optional."
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
