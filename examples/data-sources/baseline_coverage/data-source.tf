# The customer-side duties of a module that no control checks: document them
# in the module's README or verify them some other way.
data "baseline_coverage" "app" {
  resource_types = ["aws_instance", "aws_db_instance", "aws_s3_bucket", "aws_s3_bucket_policy"]
}

output "undocumented_duties" {
  value = [for g in data.baseline_coverage.app.gaps : "${g.service}: ${g.title}"]
}

output "responsibility_matrix_markdown" {
  value = data.baseline_coverage.app.markdown
}

# The same matrix as an OSCAL component definition, for GRC tooling.
output "oscal_components" {
  value = [for c in jsondecode(data.baseline_coverage.app.oscal_json)["component-definition"].components : c.title]
}
