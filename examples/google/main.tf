# Google Cloud resources judged at plan: each hashicorp/google resource checks
# its own planned values through `self`, and a non-compliant value fails
# `terraform plan` with one line per failed control, naming the attribute and
# the fix.

terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}

provider "google" {
  project = "example-project"
  region  = "europe-west1"
}

resource "google_storage_bucket" "data" {
  name                        = "example-project-data"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("google_storage_bucket", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("google_storage_bucket", self)))
    }
  }
}

resource "google_kms_key_ring" "main" {
  name     = "example"
  location = "europe-west1"
}

resource "google_kms_crypto_key" "data" {
  name            = "data"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "7776000s" # 90 days

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("google_kms_crypto_key", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("google_kms_crypto_key", self)))
    }
  }
}

resource "google_compute_network" "main" {
  name                    = "example"
  auto_create_subnetworks = false
}

# SSH only from the internal range, never from 0.0.0.0/0.
resource "google_compute_firewall" "ssh" {
  name          = "ssh-from-internal"
  network       = google_compute_network.main.name
  direction     = "INGRESS"
  source_ranges = ["10.128.0.0/9"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("google_compute_firewall", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("google_compute_firewall", self)))
    }
  }
}
