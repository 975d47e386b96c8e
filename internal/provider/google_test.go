package provider_test

import (
	"fmt"
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// The TestAccGoogle tests are the TestAccAzure tests (azure_test.go) for
// hashicorp/google.

func planGoogle(t *testing.T, cases map[string]cloudCase) {
	planCloud(t, acctest.GoogleProvider, "google", acctest.GoogleOfflineProvider, cases)
}

// bucket renders a guarded storage bucket with every control's setting
// compliant, but for over.
func bucket(over map[string]string) string {
	return guarded("google_storage_bucket", "data", args(map[string]string{
		"name":                        `"baseline-data"`,
		"location":                    `"EU"`,
		"uniform_bucket_level_access": "true",
		"public_access_prevention":    `"enforced"`,
	}, over, ""))
}

func TestAccGoogle_storageBucket(t *testing.T) {
	planGoogle(t, map[string]cloudCase{
		"compliant": {config: bucket(nil)},
		"fineGrainedACLs": {
			config: bucket(map[string]string{"uniform_bucket_level_access": "false"}),
			err:    acctest.Wrapped(`(?s)google-storage-bucket-uniform-access \[[^]]*\] \([a-z]+\): uniform_bucket_level_access:.* Fix: Set uniform_bucket_level_access = true`),
		},
		// Unset, public access prevention is "inherited" (unknown at plan).
		"publicAccessPreventionUnset": {
			config: bucket(map[string]string{"public_access_prevention": ""}),
			err:    acctest.Wrapped(`(?s)google-storage-bucket-public-access-prevention \[[^]]*\] \([a-z]+\): public_access_prevention:.* Fix: Set public_access_prevention = "enforced"`),
		},
		"publicAccessPreventionInherited": {
			config: bucket(map[string]string{"public_access_prevention": `"inherited"`}),
			err:    acctest.Wrapped(`(?s)google-storage-bucket-public-access-prevention \[[^]]*\] \([a-z]+\): public_access_prevention:.* Fix: Set public_access_prevention = "enforced"`),
		},
	})
}

const googleKeyRing = `
resource "google_kms_key_ring" "main" {
  name     = "baseline"
  location = "europe-west1"
}
`

func cryptoKey(rotation string) string {
	return googleKeyRing + guarded("google_kms_crypto_key", "data", args(map[string]string{
		"name":            `"data"`,
		"key_ring":        "google_kms_key_ring.main.id",
		"rotation_period": rotation,
	}, nil, ""))
}

func TestAccGoogle_kmsCryptoKey(t *testing.T) {
	rotation := acctest.Wrapped(`(?s)google-kms-key-rotation-90-days \[[^]]*\] \([a-z]+\): rotation_period:.* Fix: Set rotation_period = "7776000s"`)
	planGoogle(t, map[string]cloudCase{
		"rotation90Days":  {config: cryptoKey(`"7776000s"`)},
		"rotation30Days":  {config: cryptoKey(`"2592000s"`)},
		"rotationOneYear": {config: cryptoKey(`"31536000s"`), err: rotation},
		"rotationUnset":   {config: cryptoKey(""), err: rotation},
	})
}

const googleNetwork = `
resource "google_compute_network" "main" {
  name                    = "baseline"
  auto_create_subnetworks = false
}
`

// firewall renders a guarded ingress rule allowing source to reach port.
func firewall(source, protocol, port string) string {
	ports := ""
	if port != "" {
		ports = fmt.Sprintf("\n    ports    = [%q]", port)
	}
	return googleNetwork + guarded("google_compute_firewall", "admin", fmt.Sprintf(`
  name          = "admin"
  network       = google_compute_network.main.name
  direction     = "INGRESS"
  source_ranges = [%q]
  allow {
    protocol = %q%s
  }
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }`, source, protocol, ports))
}

func TestAccGoogle_computeFirewall(t *testing.T) {
	ssh := acctest.Wrapped(`(?s)google-compute-firewall-no-public-ssh \[[^]]*\] \([a-z]+\): source_ranges\[0\]: .* from the whole internet.* Fix: Replace "0\.0\.0\.0/0" in source_ranges with known ranges`)
	planGoogle(t, map[string]cloudCase{
		"sshFromInternalRange":  {config: firewall("10.128.0.0/9", "tcp", "22")},
		"httpsFromWorld":        {config: firewall("0.0.0.0/0", "tcp", "443")},
		"sshFromWorld":          {config: firewall("0.0.0.0/0", "tcp", "22"), err: ssh},
		"rangeFromWorld":        {config: firewall("0.0.0.0/0", "tcp", "20-30"), err: ssh},
		"allProtocolsFromWorld": {config: firewall("0.0.0.0/0", "all", ""), err: ssh},
	})
}

func TestAccExamples_google(t *testing.T) {
	testCloudExample(t, cloudExample{
		dir: "google", provider: "google", providers: acctest.GoogleProvider,
		providerBlock: "provider \"google\" {\n  project = \"example-project\"\n  region  = \"europe-west1\"\n}\n",
		old:           `source_ranges = ["10.128.0.0/9"]`,
		new:           `source_ranges = ["0.0.0.0/0"]`,
		want:          "google-compute-firewall-no-public-ssh",
	})
}

// sqlInstance renders a guarded MySQL instance with every control's setting
// compliant and SSL mode sslMode ("" leaves it unset).
func sqlInstance(sslMode string) string {
	ssl := ""
	if sslMode != "" {
		ssl = fmt.Sprintf("\n      ssl_mode        = %q", sslMode)
	}
	return guarded("google_sql_database_instance", "main", fmt.Sprintf(`
  name                = "baseline"
  database_version    = "MYSQL_8_0"
  region              = "europe-west1"
  deletion_protection = true
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/baseline-test/global/networks/baseline"%s
    }
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
      start_time         = "03:00"
    }
    database_flags {
      name  = "skip_show_database"
      value = "on"
    }
    database_flags {
      name  = "local_infile"
      value = "off"
    }
  }`, ssl))
}

func TestAccGoogle_sqlDatabaseInstance(t *testing.T) {
	ssl := acctest.Wrapped(`(?s)google-sql-ssl-required \[[^]]*\] \([a-z]+\): settings\[0\]\.ip_configuration\[0\]\.ssl_mode:.* Fix: Set settings.ip_configuration.ssl_mode = "ENCRYPTED_ONLY"`)
	planGoogle(t, map[string]cloudCase{
		"encryptedOnly":      {config: sqlInstance("ENCRYPTED_ONLY")},
		"trustedClientCerts": {config: sqlInstance("TRUSTED_CLIENT_CERTIFICATE_REQUIRED")},
		"allowUnencrypted":   {config: sqlInstance("ALLOW_UNENCRYPTED_AND_ENCRYPTED"), err: ssl},
		"sslModeUnset":       {config: sqlInstance(""), err: ssl},
	})
}
