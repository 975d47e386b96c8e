# Web entry points: load balancers and their listeners, a classic ELB,
# CloudFront, API Gateway stages and method settings.

resource "aws_lb" "bad_no_logs" {
  name               = "bad-no-logs"
  load_balancer_type = "application"
  internal           = false
  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_lb" "ok_logs" {
  name                       = "ok-logs"
  load_balancer_type         = "application"
  internal                   = true
  subnets                    = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = "corpus-lb-logs"
    prefix  = "ok-logs"
    enabled = true
  }
}

resource "aws_lb_listener" "bad_http_forward" {
  load_balancer_arn = aws_lb.bad_no_logs.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
  }
}

resource "aws_lb_listener" "ok_http_redirect" {
  load_balancer_arn = aws_lb.ok_logs.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "ok_https_tls13" {
  load_balancer_arn = aws_lb.ok_logs.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
  }
}

resource "aws_lb_listener" "bad_https_old_tls" {
  load_balancer_arn = aws_lb.ok_logs.arn
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef"
  }
}

resource "aws_elb" "bad_http" {
  name               = "bad-http"
  availability_zones = ["us-east-1a"]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_elb" "ok_https_logged" {
  name               = "ok-https-logged"
  availability_zones = ["us-east-1a"]

  listener {
    instance_port      = 443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
  }

  access_logs {
    bucket   = "corpus-lb-logs"
    interval = 60
    enabled  = true
  }
}

resource "aws_cloudfront_distribution" "bad_allow_all" {
  enabled = true

  origin {
    domain_name = "origin.example.com"
    origin_id   = "web"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "web"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

resource "aws_cloudfront_distribution" "ok_https" {
  enabled             = true
  default_root_object = "index.html"

  origin {
    domain_name = "origin.example.com"
    origin_id   = "web"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "web"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  ordered_cache_behavior {
    path_pattern           = "/api/*"
    target_origin_id       = "web"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  logging_config {
    bucket = "corpus-cf-logs.s3.amazonaws.com"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "corpus-api"
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_api_gateway_stage" "bad_no_client_cert" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "bad"
}

resource "aws_api_gateway_stage" "ok_client_cert" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.api.id
  stage_name            = "ok"
  client_certificate_id = "abc123"
  xray_tracing_enabled  = true

  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/corpus/api"
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_method_settings" "bad_no_logs_unencrypted_cache" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.bad_no_client_cert.stage_name
  method_path = "*/*"

  settings {
    logging_level        = "OFF"
    caching_enabled      = true
    cache_data_encrypted = false
  }
}

resource "aws_api_gateway_method_settings" "ok_logs_encrypted_cache" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.ok_client_cert.stage_name
  method_path = "*/*"

  settings {
    logging_level        = "INFO"
    metrics_enabled      = true
    caching_enabled      = true
    cache_data_encrypted = true
  }
}
