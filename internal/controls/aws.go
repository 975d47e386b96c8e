package controls

import (
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/apigateway"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/autoscaling"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/cloudfront"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/cloudtrail"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/configservice"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/dynamodb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ebs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ec2"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/efs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/elasticache"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/elb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/guardduty"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/iam"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/kinesis"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/kms"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/logs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/opensearch"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/rds"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/redshift"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/s3"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/securityhub"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/sns"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/sqs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/vpc"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/codebuild"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ecs"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/eks"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/emr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/sagemaker"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/dms"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/docdb"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/msk"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/neptune"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/cloudwatch"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/networkfirewall"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/stepfunctions"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/ecr"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/glacier"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/lambda"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/secretsmanager"
)

// awsRegistrars are the AWS service folders (aws/<service>).
var awsRegistrars = []func(*engine.Registry){
	lambda.Register,
	ecr.Register,
	secretsmanager.Register,
	glacier.Register,
	opensearch.RegisterAccessPolicy,
	cloudwatch.Register,
	networkfirewall.Register,
	stepfunctions.Register,
	dms.Register,
	docdb.Register,
	msk.Register,
	neptune.Register,
	rds.RegisterLogsAndAuth,
	codebuild.Register,
	ecs.Register,
	eks.Register,
	emr.Register,
	sagemaker.Register,
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
	redshift.Register,
	securityhub.Register,
	sns.Register,
	sqs.Register,
	vpc.Register,
	s3.Register,
	iam.Register,
	autoscaling.Register,
}
