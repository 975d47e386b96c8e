# Network exposure: security groups (inline rules, aws_security_group_rule,
# aws_vpc_security_group_ingress_rule), the default security group, network
# ACLs and VPC flow logs. Each resource is one case; names say the expected
# verdict (ok_ compliant, bad_ not).

resource "aws_vpc" "bad_no_flow_log" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_vpc" "ok_flow_log" {
  cidr_block = "10.11.0.0/16"
}

resource "aws_flow_log" "ok" {
  vpc_id               = aws_vpc.ok_flow_log.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

resource "aws_security_group" "bad_world_ssh" {
  name        = "bad-world-ssh"
  description = "SSH from anywhere"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "bad_world_rdp" {
  name        = "bad-world-rdp"
  description = "RDP from anywhere"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "rdp"
    protocol    = "tcp"
    from_port   = 3389
    to_port     = 3389
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# 0.0.0.0/1 and 128.0.0.0/1 together are the whole IPv4 internet (the
# catalog, Checkov and Trivy all look for a /0 only: reported as a gap).
resource "aws_security_group" "bad_split_world_ssh" {
  name        = "bad-split-world-ssh"
  description = "SSH from two halves of the internet"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]
  }
}

resource "aws_security_group" "bad_ipv6_world_rdp" {
  name        = "bad-ipv6-world-rdp"
  description = "RDP from the IPv6 internet"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description      = "rdp"
    protocol         = "tcp"
    from_port        = 3389
    to_port          = 3389
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "bad_all_traffic_world" {
  name        = "bad-all-traffic-world"
  description = "Every port from anywhere"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "all"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "bad_world_port_range" {
  name        = "bad-world-port-range"
  description = "A port range from anywhere that spans SSH"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "range"
    protocol    = "tcp"
    from_port   = 0
    to_port     = 1024
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "bad_world_mysql" {
  name        = "bad-world-mysql"
  description = "MySQL from anywhere"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "mysql"
    protocol    = "tcp"
    from_port   = 3306
    to_port     = 3306
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ok_world_https" {
  name        = "ok-world-https"
  description = "HTTPS from anywhere"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "https"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "all out"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ok_private_ssh" {
  name        = "ok-private-ssh"
  description = "SSH from the corporate network"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8"]
  }
}

# Rules as separate resources: the group itself declares none.
resource "aws_security_group" "ok_rules_elsewhere" {
  name        = "ok-rules-elsewhere"
  description = "Rules are separate resources"
  vpc_id      = "vpc-0123456789abcdef0"
}

resource "aws_security_group_rule" "bad_world_ssh" {
  type              = "ingress"
  description       = "ssh"
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "ok_private_rdp" {
  type              = "ingress"
  description       = "rdp"
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  protocol          = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_blocks       = ["192.168.0.0/16"]
}

resource "aws_security_group_rule" "ok_egress_world" {
  type              = "egress"
  description       = "all out"
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "bad_world_postgres" {
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  description       = "postgres"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "bad_world_ssh_ipv6" {
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  description       = "ssh"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "bad_world_all" {
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  description       = "everything"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ok_world_https" {
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  description       = "https"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ok_private_ssh" {
  security_group_id = aws_security_group.ok_rules_elsewhere.id
  description       = "ssh"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.1.0.0/16"
}

resource "aws_default_security_group" "bad_default_open" {
  vpc_id = aws_vpc.bad_no_flow_log.id

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_default_security_group" "ok_default_closed" {
  vpc_id = aws_vpc.ok_flow_log.id
}

resource "aws_network_acl" "bad_world_ssh" {
  vpc_id = aws_vpc.bad_no_flow_log.id

  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_network_acl" "ok_world_https" {
  vpc_id = aws_vpc.ok_flow_log.id

  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}

resource "aws_network_acl_rule" "bad_world_rdp" {
  network_acl_id = aws_network_acl.ok_world_https.id
  rule_number    = 200
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 3389
  to_port        = 3389
}

resource "aws_network_acl_rule" "ok_deny_world_ssh" {
  network_acl_id = aws_network_acl.ok_world_https.id
  rule_number    = 90
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
