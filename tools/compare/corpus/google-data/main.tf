# Data and messaging: BigQuery, Pub/Sub, KMS, Secret Manager, Memorystore,
# Spanner, Artifact Registry, Dataproc, Dataflow, Vertex AI Workbench.

resource "google_bigquery_dataset" "bad_public" {
  dataset_id = "bad_public"
  location   = "EU"

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}

resource "google_bigquery_dataset" "ok_cmek" {
  dataset_id = "ok_cmek"
  location   = "EU"

  default_encryption_configuration {
    kms_key_name = "projects/baseline-compare/locations/eu/keyRings/ring/cryptoKeys/bq"
  }

  access {
    role           = "OWNER"
    group_by_email = "data-owners@example.com"
  }
}

resource "google_bigquery_table" "bad_google_key" {
  dataset_id          = google_bigquery_dataset.bad_public.dataset_id
  table_id            = "events"
  deletion_protection = false
}

resource "google_bigquery_table" "ok_cmek" {
  dataset_id          = google_bigquery_dataset.ok_cmek.dataset_id
  table_id            = "events"
  deletion_protection = true

  encryption_configuration {
    kms_key_name = "projects/baseline-compare/locations/eu/keyRings/ring/cryptoKeys/bq"
  }
}

resource "google_bigquery_dataset_iam_member" "bad_all_users" {
  dataset_id = google_bigquery_dataset.bad_public.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = "allUsers"
}

resource "google_pubsub_topic" "bad_google_key" {
  name = "bad-topic"
}

resource "google_pubsub_topic" "ok_cmek" {
  name         = "ok-topic"
  kms_key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/pubsub"
}

resource "google_pubsub_topic_iam_member" "bad_all_users" {
  topic  = google_pubsub_topic.bad_google_key.name
  role   = "roles/pubsub.subscriber"
  member = "allUsers"
}

resource "google_kms_crypto_key" "bad_no_rotation" {
  name     = "bad-key"
  key_ring = "projects/baseline-compare/locations/europe-west1/keyRings/ring"
}

resource "google_kms_crypto_key" "ok_rotated" {
  name            = "ok-key"
  key_ring        = "projects/baseline-compare/locations/europe-west1/keyRings/ring"
  rotation_period = "7776000s"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "HSM"
  }
}

resource "google_kms_crypto_key_iam_member" "bad_all_users" {
  crypto_key_id = google_kms_crypto_key.bad_no_rotation.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "allUsers"
}

resource "google_secret_manager_secret" "bad_no_rotation" {
  secret_id = "bad-secret"

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret" "ok_rotated_cmek" {
  secret_id = "ok-secret"

  replication {
    auto {
      customer_managed_encryption {
        kms_key_name = "projects/baseline-compare/locations/global/keyRings/ring/cryptoKeys/secrets"
      }
    }
  }

  rotation {
    rotation_period    = "7776000s"
    next_rotation_time = "2027-01-01T00:00:00Z"
  }

  topics {
    name = "projects/baseline-compare/topics/secret-rotation"
  }
}

resource "google_redis_instance" "bad_open" {
  name           = "bad-redis"
  memory_size_gb = 1
  auth_enabled   = false
}

resource "google_redis_instance" "ok_secure" {
  name                    = "ok-redis"
  memory_size_gb          = 1
  tier                    = "STANDARD_HA"
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  customer_managed_key    = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/redis"
  authorized_network      = "projects/baseline-compare/global/networks/vpc"
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
}

resource "google_spanner_database" "bad_google_key" {
  instance = "spanner"
  name     = "bad-db"
}

resource "google_spanner_database" "ok_cmek" {
  instance = "spanner"
  name     = "ok-db"

  encryption_config {
    kms_key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/spanner"
  }
}

resource "google_artifact_registry_repository" "bad_google_key" {
  repository_id = "bad-repo"
  location      = "europe-west1"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository" "ok_cmek" {
  repository_id = "ok-repo"
  location      = "europe-west1"
  format        = "DOCKER"
  kms_key_name  = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/ar"
}

resource "google_artifact_registry_repository_iam_member" "bad_all_users" {
  repository = google_artifact_registry_repository.bad_google_key.repository_id
  location   = "europe-west1"
  role       = "roles/artifactregistry.reader"
  member     = "allUsers"
}

resource "google_dataproc_cluster" "bad_public" {
  name   = "bad-dataproc"
  region = "europe-west1"

  cluster_config {
    gce_cluster_config {
      internal_ip_only = false
    }
  }
}

resource "google_dataproc_cluster" "ok_private" {
  name   = "ok-dataproc"
  region = "europe-west1"

  cluster_config {
    gce_cluster_config {
      internal_ip_only = true
      subnetwork       = "projects/baseline-compare/regions/europe-west1/subnetworks/data"
    }
    encryption_config {
      kms_key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/dataproc"
    }
  }
}

resource "google_workbench_instance" "bad_public" {
  name     = "bad-notebook"
  location = "europe-west1-b"

  gce_setup {
    disable_public_ip = false
    metadata = {
      notebook-disable-root = "false"
    }
  }
}

resource "google_workbench_instance" "ok_private" {
  name     = "ok-notebook"
  location = "europe-west1-b"

  gce_setup {
    disable_public_ip = true
    metadata = {
      notebook-disable-root = "true"
    }
  }
}
