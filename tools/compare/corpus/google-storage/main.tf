# Cloud Storage: buckets (uniform access, public access prevention,
# versioning, logging, CMEK), bucket IAM and ACLs.

resource "google_storage_bucket" "bad_open" {
  name                        = "baseline-compare-bad-open"
  location                    = "EU"
  uniform_bucket_level_access = false
  public_access_prevention    = "inherited"
}

resource "google_storage_bucket" "ok_locked" {
  name                        = "baseline-compare-ok-locked"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  logging {
    log_bucket = "baseline-compare-logs"
  }

  encryption {
    default_kms_key_name = "projects/baseline-compare/locations/eu/keyRings/ring/cryptoKeys/gcs"
  }

  retention_policy {
    retention_period = 86400
  }
}

resource "google_storage_bucket" "default" {
  name     = "baseline-compare-default"
  location = "EU"
}

resource "google_storage_bucket_iam_member" "bad_all_users" {
  bucket = google_storage_bucket.bad_open.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "bad_all_authenticated" {
  bucket  = google_storage_bucket.bad_open.name
  role    = "roles/storage.objectViewer"
  members = ["allAuthenticatedUsers"]
}

resource "google_storage_bucket_iam_member" "ok_group" {
  bucket = google_storage_bucket.ok_locked.name
  role   = "roles/storage.objectViewer"
  member = "group:readers@example.com"
}

resource "google_storage_bucket_access_control" "bad_public_read" {
  bucket = google_storage_bucket.bad_open.name
  role   = "READER"
  entity = "allUsers"
}

resource "google_storage_default_object_access_control" "ok_project" {
  bucket = google_storage_bucket.bad_open.name
  role   = "READER"
  entity = "project-viewers-baseline-compare"
}
