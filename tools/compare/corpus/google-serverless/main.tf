# Cloud Run and Cloud Functions: ingress, public invokers, CMEK.

resource "google_cloud_run_v2_service" "bad_public" {
  name     = "bad-public-run"
  location = "europe-west1"
  ingress  = "INGRESS_TRAFFIC_ALL"

  template {
    containers {
      image = "us-docker.pkg.dev/cloudrun/container/hello"
    }
  }
}

resource "google_cloud_run_v2_service" "ok_internal" {
  name     = "ok-internal-run"
  location = "europe-west1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_ONLY"

  template {
    encryption_key  = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/run"
    service_account = "run@baseline-compare.iam.gserviceaccount.com"
    containers {
      image = "europe-docker.pkg.dev/baseline-compare/app/api:1.0"
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "bad_all_users" {
  name     = google_cloud_run_v2_service.bad_public.name
  location = "europe-west1"
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_v2_service_iam_member" "ok_service_account" {
  name     = google_cloud_run_v2_service.ok_internal.name
  location = "europe-west1"
  role     = "roles/run.invoker"
  member   = "serviceAccount:caller@baseline-compare.iam.gserviceaccount.com"
}

resource "google_cloudfunctions_function" "bad_public" {
  name                  = "bad-public-fn"
  runtime               = "python312"
  entry_point           = "main"
  trigger_http          = true
  ingress_settings      = "ALLOW_ALL"
  source_archive_bucket = "baseline-compare-src"
  source_archive_object = "fn.zip"
}

resource "google_cloudfunctions2_function" "ok_internal" {
  name         = "ok-internal-fn"
  location     = "europe-west1"
  kms_key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/fn"

  build_config {
    runtime     = "python312"
    entry_point = "main"
  }

  service_config {
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = "fn@baseline-compare.iam.gserviceaccount.com"
    vpc_connector_egress_settings  = "ALL_TRAFFIC"
  }
}

resource "google_cloudfunctions_function_iam_member" "bad_all_users" {
  cloud_function = google_cloudfunctions_function.bad_public.name
  region         = "europe-west1"
  role           = "roles/cloudfunctions.invoker"
  member         = "allUsers"
}
