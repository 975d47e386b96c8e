# Compute Engine: instances (default service account and scopes, project SSH
# keys, OS Login, serial port, IP forwarding, Shielded VM, public IP,
# Confidential VM), firewalls, networks, subnetworks, disks, SSL policies,
# backend services, DNS.

resource "google_compute_instance" "bad_open" {
  name           = "bad-open-vm"
  machine_type   = "e2-medium"
  zone           = "europe-west1-b"
  can_ip_forward = true

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "default"
    access_config {}
  }

  metadata = {
    serial-port-enable     = "true"
    block-project-ssh-keys = "false"
    enable-oslogin         = "false"
  }

  service_account {
    email  = "123456789012-compute@developer.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot          = false
    enable_vtpm                 = false
    enable_integrity_monitoring = false
  }
}

resource "google_compute_instance" "ok_hardened" {
  name             = "ok-hardened-vm"
  machine_type     = "n2d-standard-2"
  zone             = "europe-west1-b"
  can_ip_forward   = false
  min_cpu_platform = "AMD Milan"

  boot_disk {
    kms_key_self_link = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/disk"
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/baseline-compare/regions/europe-west1/subnetworks/app"
  }

  metadata = {
    block-project-ssh-keys = "true"
    enable-oslogin         = "TRUE"
  }

  service_account {
    email  = "app@baseline-compare.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }

  confidential_instance_config {
    enable_confidential_compute = true
  }
}

resource "google_compute_instance_template" "bad_default_sa" {
  name         = "bad-template"
  machine_type = "e2-medium"

  disk {
    source_image = "debian-cloud/debian-12"
  }

  network_interface {
    network = "default"
    access_config {}
  }

  service_account {
    email  = "default"
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}

resource "google_compute_firewall" "bad_world_ssh_rdp" {
  name          = "bad-world-admin"
  network       = "default"
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }
}

resource "google_compute_firewall" "bad_world_all" {
  name          = "bad-world-all"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "ok_iap_ssh" {
  name          = "ok-iap-ssh"
  network       = "vpc"
  direction     = "INGRESS"
  source_ranges = ["35.235.240.0/20"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_network" "bad_default" {
  name                    = "default"
  auto_create_subnetworks = true
}

resource "google_compute_network" "ok_custom" {
  name                    = "vpc"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "bad_no_flow_logs" {
  name          = "bad-subnet"
  ip_cidr_range = "10.0.0.0/24"
  region        = "europe-west1"
  network       = "vpc"
}

resource "google_compute_subnetwork" "ok_flow_logs" {
  name                     = "ok-subnet"
  ip_cidr_range            = "10.0.1.0/24"
  region                   = "europe-west1"
  network                  = "vpc"
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 1
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_disk" "bad_google_key" {
  name = "bad-disk"
  zone = "europe-west1-b"
  size = 10
}

resource "google_compute_disk" "ok_cmek" {
  name = "ok-disk"
  zone = "europe-west1-b"
  size = 10

  disk_encryption_key {
    kms_key_self_link = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/disk"
  }
}

resource "google_compute_ssl_policy" "bad_weak" {
  name            = "bad-ssl"
  profile         = "COMPATIBLE"
  min_tls_version = "TLS_1_0"
}

resource "google_compute_ssl_policy" "ok_modern" {
  name            = "ok-ssl"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_backend_service" "bad_no_logging" {
  name     = "bad-backend"
  protocol = "HTTP"
}

resource "google_compute_backend_service" "ok_logging" {
  name     = "ok-backend"
  protocol = "HTTPS"

  log_config {
    enable      = true
    sample_rate = 1
  }
}

resource "google_compute_project_metadata_item" "ok_oslogin" {
  key   = "enable-oslogin"
  value = "TRUE"
}

resource "google_dns_managed_zone" "bad_no_dnssec" {
  name     = "bad-zone"
  dns_name = "bad.example.com."

  dnssec_config {
    state = "off"
  }
}

resource "google_dns_managed_zone" "bad_rsasha1" {
  name     = "bad-sha1-zone"
  dns_name = "sha1.example.com."

  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha1"
      key_length = 2048
      key_type   = "keySigning"
    }
    default_key_specs {
      algorithm  = "rsasha1"
      key_length = 1024
      key_type   = "zoneSigning"
    }
  }
}

resource "google_dns_managed_zone" "ok_dnssec" {
  name     = "ok-zone"
  dns_name = "ok.example.com."

  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 2048
      key_type   = "keySigning"
    }
    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 1024
      key_type   = "zoneSigning"
    }
  }
}
