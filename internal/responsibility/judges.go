package responsibility

import "github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

// Judges reports whether control c judges a resource type of service s.
func (m *Matrix) Judges(s *Service, c *engine.Control) bool { return m.judges(s, c) }
