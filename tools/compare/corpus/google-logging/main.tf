# IAM and logging: project IAM (primitive roles, service account admin and
# user roles), audit configs, alert policies, service account keys, API keys.

resource "google_project_iam_member" "bad_user_owner" {
  project = "baseline-compare"
  role    = "roles/owner"
  member  = "user:alice@example.com"
}

resource "google_project_iam_member" "bad_sa_admin" {
  project = "baseline-compare"
  role    = "roles/editor"
  member  = "serviceAccount:app@baseline-compare.iam.gserviceaccount.com"
}

resource "google_project_iam_binding" "bad_sa_user" {
  project = "baseline-compare"
  role    = "roles/iam.serviceAccountUser"
  members = ["user:bob@example.com"]
}

resource "google_project_iam_member" "ok_viewer" {
  project = "baseline-compare"
  role    = "roles/logging.viewer"
  member  = "group:auditors@example.com"
}

resource "google_project_iam_audit_config" "bad_one_service" {
  project = "baseline-compare"
  service = "storage.googleapis.com"
  audit_log_config {
    log_type = "DATA_READ"
  }
}

resource "google_project_iam_audit_config" "ok_all_services" {
  project = "baseline-compare"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_service_account_key" "bad_user_managed" {
  service_account_id = "app@baseline-compare.iam.gserviceaccount.com"
}

resource "google_compute_project_metadata" "bad_no_oslogin" {
  metadata = {
    enable-oslogin = "FALSE"
  }
}

resource "google_dns_policy" "bad_no_logging" {
  name           = "bad-dns-policy"
  enable_logging = false
}

resource "google_dns_policy" "ok_logging" {
  name           = "ok-dns-policy"
  enable_logging = true
}
