package liveaws

import (
	"context"

	evcloudtrail "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/cloudtrail"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// Trails is the live state of CloudTrail trails: one named trail, or every
// trail that applies to the Region.
type Trails struct {
	Trails  []evcloudtrail.Trail
	Section Section
}

// LoadTrails reads the trail called name (a name or ARN; a missing trail is a
// ReadError of kind KindNotFound), or with name "" every trail of the Region
// including shadow trails, each with GetTrailStatus and (when it has custom
// selectors) GetEventSelectors. One trail is judged on its own; all trails
// are judged as the account (CloudTrail.1 needs one good trail).
func (c *Client) LoadTrails(ctx context.Context, name string) (*Trails, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	if name != "" {
		names = []string{name}
	}
	trails, failures, err := c.trails(ctx, svc, names)
	if err != nil {
		return nil, err
	}
	if name == "" {
		return &Trails{Trails: trails, Section: Section{ResourceType: "aws_cloudtrail", Subjects: []any{evcloudtrail.Account{Trails: trails}}, Failed: failures}}, nil
	}
	if len(trails) == 0 {
		return nil, &ReadError{Kind: KindNotFound, Operation: Operation{"CloudTrail", "DescribeTrails"}, Action: "cloudtrail:DescribeTrails", Resource: "trail " + name, Code: "TrailNotFoundException"}
	}
	t := trails[0]
	return &Trails{Trails: trails[:1], Section: Section{ResourceType: "aws_cloudtrail", Subjects: []any{t}, Failed: failures,
		Raw: subject.Object(map[string]subject.Value{"name": subject.String(t.Name)})}}, nil
}
