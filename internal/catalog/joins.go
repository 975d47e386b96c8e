package catalog

import (
	"fmt"
	"regexp"
)

// The framework items that join a cloud's own posture engine to the
// catalog must be well formed, or the join silently matches nothing.
var (
	azurePolicyItem = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	gcpSHAItem      = regexp.MustCompile(`^[A-Z][A-Z0-9_]*[A-Z0-9]$`)
)

// joinItemProblem checks an azure-policy or gcp-sha item: a lowercase
// policy definition GUID on an Azure control, an upper-case Security Health
// Analytics category on a Google control.
func joinItemProblem(cloud, framework, item string) string {
	switch framework {
	case "azure-policy":
		if cloud != "azure" {
			return fmt.Sprintf("azure-policy reference %q on a %s control: only Azure controls join Defender for Cloud", item, cloud)
		}
		if !azurePolicyItem.MatchString(item) {
			return fmt.Sprintf("azure-policy reference %q is not a lowercase Azure Policy definition GUID", item)
		}
	case "gcp-sha":
		if cloud != "google" {
			return fmt.Sprintf("gcp-sha reference %q on a %s control: only Google controls join Security Command Center", item, cloud)
		}
		if !gcpSHAItem.MatchString(item) {
			return fmt.Sprintf("gcp-sha reference %q is not a Security Health Analytics category such as PUBLIC_BUCKET_ACL", item)
		}
	}
	return ""
}
