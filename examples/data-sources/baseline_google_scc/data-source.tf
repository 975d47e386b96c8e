# Security Command Center's active, unmuted misconfiguration findings of an
# organization, joined to the catalog by their Security Health Analytics
# category. Credentials: Application Default Credentials (or access_token);
# the identity needs roles/securitycenter.findingsViewer on the organization.
data "baseline_google_scc" "org" {
  parent           = "organizations/123456789012"
  minimum_severity = "medium"

  waivers = [{
    control_id = "google-storage-bucket-iam-not-public" # or the category "PUBLIC_BUCKET_ACL"
    reason     = "Static website bucket, public by design"
    owner      = "web-team"
    expires    = "2099-06-30"
    match      = { project = "acme-web", resource = "//storage.googleapis.com/projects/acme-web/buckets/www-*" }
  }]
}

# Categories that fail anywhere, with the failing projects.
output "failing_categories" {
  value = {
    for c in data.baseline_google_scc.org.controls : c.category => [
      for p in c.projects : p.project if p.status == "fail"
    ] if c.status == "fail"
  }
}
