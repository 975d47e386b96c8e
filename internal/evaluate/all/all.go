// Package all assembles the default engine: the embedded catalog plus every
// evaluator package.
package all

import (
	"sync"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/catalog"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/apigateway"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/cloudfront"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/cloudtrail"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/configservice"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/dynamodb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/ebs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/ec2"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/efs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/elasticache"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/elb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/guardduty"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/iam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/kinesis"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/kms"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/logs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/opensearch"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/rds"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/rdsstorage"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/redshift"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/s3"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/securityhub"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/sns"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/sqs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/evaluate/aws/vpc"
)

// registrars lists every evaluator package. Add new packages here.
var registrars = []func(*engine.Registry){
	ec2.Register,
	rds.Register,
	apigateway.Register,
	cloudfront.Register,
	cloudtrail.Register,
	configservice.Register,
	dynamodb.Register,
	ebs.Register,
	efs.Register,
	elasticache.Register,
	elb.Register,
	guardduty.Register,
	kinesis.Register,
	kms.Register,
	logs.Register,
	opensearch.Register,
	rdsstorage.Register,
	redshift.Register,
	securityhub.Register,
	sns.Register,
	sqs.Register,
	vpc.Register,
	s3.Register,
	iam.Register,
}

var (
	once    sync.Once
	eng     *engine.Engine
	loadErr error
)

// Engine returns the shared default engine, built once.
func Engine() (*engine.Engine, error) {
	once.Do(func() {
		controls, err := catalog.Load()
		if err != nil {
			loadErr = err
			return
		}
		reg := engine.NewRegistry()
		for _, register := range registrars {
			register(reg)
		}
		eng, loadErr = engine.New(controls, reg)
	})
	return eng, loadErr
}
