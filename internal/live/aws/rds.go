package liveaws

import (
	"context"

	evrds "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/rds"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// DBInstance is a live RDS DB instance and its subjects.
type DBInstance struct {
	Identifier         string
	ARN                string
	Engine             string
	PubliclyAccessible bool
	StorageEncrypted   bool
	Subjects           []any
}

// Section is the instance as one assessment section (aws_db_instance: network
// exposure and encryption at rest).
func (d *DBInstance) Section() Section {
	return Section{ResourceType: "aws_db_instance", Subjects: d.Subjects, Raw: subject.Object(map[string]subject.Value{
		"identifier": subject.String(d.Identifier), "arn": subject.String(d.ARN), "engine": subject.String(d.Engine),
	})}
}

// LoadDBInstance reads one DB instance by identifier; a missing instance is a
// ReadError of kind KindNotFound.
func (c *Client) LoadDBInstance(ctx context.Context, id string) (*DBInstance, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	instances, err := svc.rds.describeDBInstance(ctx, id)
	if re := classify(err, Operation{"RDS", "DescribeDBInstances"}, "DB instance "+id, "DBInstanceNotFound", "DBInstanceNotFoundFault"); re != nil {
		return nil, re
	}
	if len(instances) == 0 {
		return nil, &ReadError{Kind: KindNotFound, Operation: Operation{"RDS", "DescribeDBInstances"}, Action: "rds:DescribeDBInstances", Resource: "DB instance " + id, Code: "DBInstanceNotFound"}
	}
	db := instances[0]
	d := &DBInstance{
		Identifier: db.DBInstanceIdentifier, ARN: db.DBInstanceArn, Engine: db.Engine,
		PubliclyAccessible: db.PubliclyAccessible, StorageEncrypted: db.StorageEncrypted,
	}
	d.Subjects = []any{
		evrds.DBInstance{PubliclyAccessible: subject.Of(d.PubliclyAccessible, "PubliclyAccessible")},
		evrds.Storage{Encrypted: subject.Of(d.StorageEncrypted, "StorageEncrypted"), What: "DB instance"},
	}
	return d, nil
}
