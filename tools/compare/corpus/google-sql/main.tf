# Cloud SQL: SSL, public IP and authorized networks, backups, and the
# database flags of CIS GCP section 6 (MySQL, PostgreSQL, SQL Server).

resource "google_sql_database_instance" "bad_mysql_public" {
  name                = "bad-mysql-public"
  database_version    = "MYSQL_8_0"
  region              = "europe-west1"
  deletion_protection = false

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
      authorized_networks {
        name  = "world"
        value = "0.0.0.0/0"
      }
    }

    backup_configuration {
      enabled = false
    }

    database_flags {
      name  = "local_infile"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "ok_mysql_private" {
  name                = "ok-mysql-private"
  database_version    = "MYSQL_8_0"
  region              = "europe-west1"
  deletion_protection = true
  encryption_key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/sql"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/baseline-compare/global/networks/vpc"
      ssl_mode        = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
    }

    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }

    database_flags {
      name  = "local_infile"
      value = "off"
    }
    database_flags {
      name  = "skip_show_database"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "bad_postgres_default_flags" {
  name                = "bad-postgres"
  database_version    = "POSTGRES_16"
  region              = "europe-west1"
  deletion_protection = false

  settings {
    tier = "db-custom-1-3840"

    ip_configuration {
      ipv4_enabled = true
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = "0"
    }
  }
}

resource "google_sql_database_instance" "ok_postgres" {
  name                = "ok-postgres"
  database_version    = "POSTGRES_16"
  region              = "europe-west1"
  deletion_protection = true
  encryption_key_name = "projects/baseline-compare/locations/europe-west1/keyRings/ring/cryptoKeys/sql"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/baseline-compare/global/networks/vpc"
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }

    database_flags {
      name  = "log_error_verbosity"
      value = "default"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }
    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
    database_flags {
      name  = "log_hostname"
      value = "on"
    }
    database_flags {
      name  = "log_statement"
      value = "ddl"
    }
    database_flags {
      name  = "log_min_messages"
      value = "warning"
    }
    database_flags {
      name  = "log_min_error_statement"
      value = "error"
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "-1"
    }
    database_flags {
      name  = "log_temp_files"
      value = "0"
    }
    database_flags {
      name  = "log_duration"
      value = "on"
    }
    database_flags {
      name  = "log_executor_stats"
      value = "off"
    }
    database_flags {
      name  = "log_parser_stats"
      value = "off"
    }
    database_flags {
      name  = "log_planner_stats"
      value = "off"
    }
    database_flags {
      name  = "log_statement_stats"
      value = "off"
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "bad_sqlserver" {
  name                = "bad-sqlserver"
  database_version    = "SQLSERVER_2022_STANDARD"
  region              = "europe-west1"
  root_password       = "not-a-real-password-1!"
  deletion_protection = false

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled = true
    }

    database_flags {
      name  = "external scripts enabled"
      value = "on"
    }
    database_flags {
      name  = "cross db ownership chaining"
      value = "on"
    }
    database_flags {
      name  = "remote access"
      value = "on"
    }
    database_flags {
      name  = "contained database authentication"
      value = "on"
    }
    database_flags {
      name  = "user options"
      value = "32"
    }
  }
}

resource "google_sql_database_instance" "ok_sqlserver" {
  name                = "ok-sqlserver"
  database_version    = "SQLSERVER_2022_STANDARD"
  region              = "europe-west1"
  root_password       = "not-a-real-password-1!"
  deletion_protection = true

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/baseline-compare/global/networks/vpc"
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled = true
    }

    database_flags {
      name  = "external scripts enabled"
      value = "off"
    }
    database_flags {
      name  = "cross db ownership chaining"
      value = "off"
    }
    database_flags {
      name  = "remote access"
      value = "off"
    }
    database_flags {
      name  = "contained database authentication"
      value = "off"
    }
    database_flags {
      name  = "3625"
      value = "on"
    }
    database_flags {
      name  = "user connections"
      value = "0"
    }
  }
}
