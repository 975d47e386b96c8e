package memorystore_test

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog/catalogtest"
)

// TestFixtures runs this folder's fixtures.yaml through the catalog.
func TestFixtures(t *testing.T) { catalogtest.Folder(t) }
