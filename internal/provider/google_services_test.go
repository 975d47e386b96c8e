package provider_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// googleKey is a Cloud KMS key id known at plan (a reference to a key
// created in the same plan would be unknown, and the CMEK controls
// undecided).
const googleKey = `"projects/baseline-test/locations/europe-west1/keyRings/baseline/cryptoKeys/data"`

// googleServices are guarded resources of the service folders added for
// issue 23, each with every control's setting compliant. The key names the
// resource in the cases below.
var googleServices = map[string][2]string{
	"cluster": {"google_container_cluster", `
  name                     = "main"
  location                 = "europe-west1"
  remove_default_node_pool = true
  initial_node_count       = 1
  deletion_protection      = false
  datapath_provider        = "ADVANCED_DATAPATH"
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.0.0.0/8"
      display_name = "corp"
    }
  }
  workload_identity_config {
    workload_pool = "baseline-test.svc.id.goog"
  }
  release_channel {
    channel = "REGULAR"
  }
  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }
  database_encryption {
    state    = "ENCRYPTED"
    key_name = ` + googleKey + `
  }`},
	"nodePool": {"google_container_node_pool", `
  name     = "main"
  cluster  = "projects/baseline-test/locations/europe-west1/clusters/main"
  location = "europe-west1"
  node_config {
    image_type      = "COS_CONTAINERD"
    service_account = "gke-nodes@baseline-test.iam.gserviceaccount.com"
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }`},
	"run": {"google_cloud_run_v2_service", `
  name     = "api"
  location = "europe-west1"
  ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
  template {
    encryption_key = ` + googleKey + `
    containers {
      image = "europe-docker.pkg.dev/baseline-test/app/api:1.0"
    }
  }`},
	"runInvoker": {"google_cloud_run_v2_service_iam_member", `
  name     = "api"
  location = "europe-west1"
  role     = "roles/run.invoker"
  member   = "serviceAccount:frontend@baseline-test.iam.gserviceaccount.com"`},
	"function": {"google_cloudfunctions2_function", `
  name         = "fn"
  location     = "europe-west1"
  kms_key_name = ` + googleKey + `
  build_config {
    runtime     = "python312"
    entry_point = "main"
  }
  service_config {
    ingress_settings = "ALLOW_INTERNAL_ONLY"
  }`},
	"topic": {"google_pubsub_topic", `
  name         = "events"
  kms_key_name = ` + googleKey},
	"dataproc": {"google_dataproc_cluster", `
  name   = "etl"
  region = "europe-west1"
  cluster_config {
    encryption_config {
      kms_key_name = ` + googleKey + `
    }
    gce_cluster_config {
      internal_ip_only = true
    }
  }`},
	"registry": {"google_artifact_registry_repository", `
  repository_id = "app"
  location      = "europe"
  format        = "DOCKER"
  kms_key_name  = ` + googleKey},
	"secret": {"google_secret_manager_secret", `
  secret_id = "db-password"
  replication {
    auto {
      customer_managed_encryption {
        kms_key_name = ` + googleKey + `
      }
    }
  }
  topics {
    name = "projects/baseline-test/topics/rotation"
  }
  rotation {
    rotation_period    = "7776000s"
    next_rotation_time = "2027-01-01T00:00:00Z"
  }`},
	"spanner": {"google_spanner_database", `
  instance            = "main"
  name                = "app"
  deletion_protection = false
  encryption_config {
    kms_key_name = ` + googleKey + `
  }`},
	"redis": {"google_redis_instance", `
  name                    = "cache"
  memory_size_gb          = 1
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  customer_managed_key    = ` + googleKey},
	"dataflow": {"google_dataflow_job", `
  name              = "wordcount"
  template_gcs_path = "gs://dataflow-templates/latest/Word_Count"
  temp_gcs_location = "gs://baseline-test/tmp"
  ip_configuration  = "WORKER_IP_PRIVATE"
  kms_key_name      = ` + googleKey},
	"workbench": {"google_workbench_instance", `
  name     = "lab"
  location = "europe-west1-b"
  gce_setup {
    disable_public_ip = true
    metadata = {
      notebook-disable-root = "true"
    }
  }`},
	"zone": {"google_dns_managed_zone", `
  name     = "example"
  dns_name = "example.com."
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
  }`},
	"dnsPolicy": {"google_dns_policy", `
  name           = "dns-logging"
  enable_logging = true`},
}

// googleService renders the guarded resource key with replace applied to
// its compliant body (old → new pairs).
func googleService(key string, replace ...string) string {
	s := googleServices[key]
	body := s[1]
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(body, replace[i]) {
			panic("googleService: " + key + " has no " + replace[i])
		}
		body = strings.Replace(body, replace[i], replace[i+1], 1)
	}
	return guarded(s[0], strings.ToLower(key), body)
}

// TestAccGoogle_services plans real google_* blocks of the GKE, Cloud Run,
// Cloud Functions, Pub/Sub, Dataproc, Artifact Registry, Secret Manager,
// Spanner, Memorystore, Dataflow, Vertex AI and Cloud DNS folders: all of
// them compliant in one root module, and one non-compliant resource per case
// whose plan fails naming the control, the attribute and the fix; and
// firewall sources that are the internet without being a /0.
func TestAccGoogle_services(t *testing.T) {
	keys := make([]string, 0, len(googleServices))
	for k := range googleServices {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var all strings.Builder
	for _, k := range keys {
		all.WriteString(googleService(k))
	}
	planGoogle(t, map[string]cloudCase{
		"allCompliant": {config: all.String()},
		"gkePublicEndpoint": {
			config: googleService("cluster", "enable_private_endpoint = true", "enable_private_endpoint = false"),
			err:    acctest.Wrapped(`(?s)google-gke-private-endpoint \[[^]]*\] \([a-z]+\): private_cluster_config\[0\]\.enable_private_endpoint:.* Fix: Set private_cluster_config \{ enable_private_endpoint = true \}`),
		},
		"gkeAuthorizedInternetWide": {
			config: googleService("cluster", `"10.0.0.0/8"`, `"34.0.0.0/7"`),
			err:    acctest.Wrapped(`(?s)google-gke-master-authorized-networks \[[^]]*\] \([a-z]+\): master_authorized_networks_config\[0\]\.cidr_blocks\[0\]\.cidr_block:.*admit the whole internet.* Fix: Add master_authorized_networks_config`),
		},
		"nodePoolWithoutSecureBoot": {
			config: googleService("nodePool", "enable_secure_boot          = true", "enable_secure_boot          = false"),
			err:    acctest.Wrapped(`(?s)google-gke-node-secure-boot \[[^]]*\] \([a-z]+\): node_config\[0\]\.shielded_instance_config\[0\]\.enable_secure_boot:.* Fix: Set node_config`),
		},
		"cloudRunPublicInvoker": {
			config: googleService("runInvoker", `"serviceAccount:frontend@baseline-test.iam.gserviceaccount.com"`, `"allUsers"`),
			err:    acctest.Wrapped(`(?s)google-cloudrun-iam-not-public \[[^]]*\] \([a-z]+\): member: allUsers grants roles/run\.invoker.* Fix: Remove allUsers`),
		},
		"cloudRunIngressUnset": {
			config: googleService("run", `ingress  = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"`, ""),
			err:    acctest.Wrapped(`(?s)google-cloudrun-ingress-restricted \[[^]]*\] \([a-z]+\): ingress: ingress is not set and defaults to "INGRESS_TRAFFIC_ALL".* Fix: Set ingress`),
		},
		"redisWithoutTLS": {
			config: googleService("redis", `transit_encryption_mode = "SERVER_AUTHENTICATION"`, ""),
			err:    acctest.Wrapped(`(?s)google-memorystore-redis-transit-encryption \[[^]]*\] \([a-z]+\): transit_encryption_mode:.* Fix: Set transit_encryption_mode = "SERVER_AUTHENTICATION"`),
		},
		"dataprocPublicIPs": {
			config: googleService("dataproc", "internal_ip_only = true", "internal_ip_only = false"),
			err:    acctest.Wrapped(`(?s)google-dataproc-cluster-no-public-ip \[[^]]*\] \([a-z]+\): cluster_config\[0\]\.gce_cluster_config\[0\]\.internal_ip_only:.* Fix: Set cluster_config`),
		},
		"secretRotationOneYear": {
			config: googleService("secret", `"7776000s"`, `"31536000s"`),
			err:    acctest.Wrapped(`(?s)google-secretmanager-rotation \[[^]]*\] \([a-z]+\): rotation\[0\]\.rotation_period:.* Fix: Add rotation`),
		},
		"zoneSigningRSASHA1": {
			config: googleService("zone", `"rsasha256"
      key_length = 1024`, `"rsasha1"
      key_length = 1024`),
			err: acctest.Wrapped(`(?s)google-dns-dnssec-no-rsasha1-zsk \[[^]]*\] \([a-z]+\): dnssec_config\[0\]\.default_key_specs\[1\]\.algorithm:.* Fix: Use algorithm`),
		},
		// Exposure as the internet sees it: a block wider than /8 holding
		// public addresses is the internet; shared address space is not.
		"sshFromWideBlock": {
			config: firewall("52.0.0.0/6", "tcp", "22"),
			err:    acctest.Wrapped(`(?s)google-compute-firewall-no-public-ssh \[[^]]*\] \([a-z]+\): source_ranges\[0\]: .* from the whole internet: source_ranges "52\.0\.0\.0/6" \(applies to every instance of the network at priority 1000`),
		},
		"sshFromSharedAddressSpace": {config: firewall("100.64.0.0/10", "tcp", "22")},
		"workbenchRootAccess": {
			config: googleService("workbench", `notebook-disable-root = "true"`, `notebook-disable-root = "false"`),
			err:    acctest.Wrapped(`(?s)google-vertexai-notebook-no-root \[[^]]*\] \([a-z]+\): gce_setup\[0\]\.metadata\.notebook-disable-root:.* Fix: Set metadata`),
		},
	})
}
