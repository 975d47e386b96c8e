# GKE: private nodes and endpoint, master authorized networks, Workload
# Identity, Shielded nodes, network policy, legacy ABAC, client
# certificates, release channel, Binary Authorization, logging/monitoring,
# secrets encryption; node pools.

resource "google_container_cluster" "bad_open" {
  name                  = "bad-open-gke"
  location              = "europe-west1"
  initial_node_count    = 1
  enable_legacy_abac    = true
  enable_shielded_nodes = false
  logging_service       = "none"
  monitoring_service    = "none"
  deletion_protection   = false

  master_auth {
    client_certificate_config {
      issue_client_certificate = true
    }
  }

  release_channel {
    channel = "UNSPECIFIED"
  }

  node_config {
    machine_type = "e2-medium"
    image_type   = "UBUNTU_CONTAINERD"
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}

resource "google_container_cluster" "ok_private" {
  name                        = "ok-private-gke"
  location                    = "europe-west1"
  remove_default_node_pool    = true
  initial_node_count          = 1
  enable_legacy_abac          = false
  enable_shielded_nodes       = true
  enable_intranode_visibility = true
  logging_service             = "logging.googleapis.com/kubernetes"
  monitoring_service          = "monitoring.googleapis.com/kubernetes"
  networking_mode             = "VPC_NATIVE"
  network                     = "projects/baseline-compare/global/networks/vpc"
  subnetwork                  = "projects/baseline-compare/regions/europe-west1/subnetworks/gke"
  datapath_provider           = "ADVANCED_DATAPATH"

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.0.0.0/8"
      display_name = "internal"
    }
  }

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  workload_identity_config {
    workload_pool = "baseline-compare.svc.id.goog"
  }

  network_policy {
    enabled  = true
    provider = "CALICO"
  }

  addons_config {
    network_policy_config {
      disabled = false
    }
  }

  release_channel {
    channel = "REGULAR"
  }

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  database_encryption {
    state    = "ENCRYPTED"
    key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/gke"
  }

  resource_labels = {
    env = "prod"
  }

  node_config {
    machine_type    = "e2-standard-4"
    image_type      = "COS_CONTAINERD"
    service_account = "gke-nodes@baseline-compare.iam.gserviceaccount.com"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

resource "google_container_node_pool" "bad_unmanaged" {
  name       = "bad-pool"
  cluster    = google_container_cluster.bad_open.name
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair  = false
    auto_upgrade = false
  }

  node_config {
    machine_type = "e2-medium"
    image_type   = "UBUNTU_CONTAINERD"

    shielded_instance_config {
      enable_secure_boot          = false
      enable_integrity_monitoring = false
    }
  }
}

resource "google_container_node_pool" "ok_managed" {
  name       = "ok-pool"
  cluster    = google_container_cluster.ok_private.name
  location   = "europe-west1"
  node_count = 1

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type    = "e2-standard-4"
    image_type      = "COS_CONTAINERD"
    service_account = "gke-nodes@baseline-compare.iam.gserviceaccount.com"
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
