package liveaws

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	evs3 "github.com/cloudbaseline/terraform-provider-baseline/internal/controls/aws/s3"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/engine"
	"github.com/cloudbaseline/terraform-provider-baseline/internal/subject"
)

// BucketResourceType is the resource type live buckets are judged under: the
// composite posture of a bucket and its companion settings.
const BucketResourceType = "aws_s3_bucket_posture"

// Controls of a bucket posture, per API call that decides them. Block Public
// Access also mitigates public ACLs and policies, so it is read for those too.
var (
	bucketControlsPAB        = []string{"aws-s3-bucket-public-access-block", "aws-s3-bucket-no-public-acl", "aws-s3-bucket-no-public-policy"}
	bucketControlsPolicy     = []string{"aws-s3-bucket-no-public-policy", "aws-s3-bucket-tls-only"}
	bucketControlsACL        = []string{"aws-s3-bucket-no-public-acl"}
	bucketControlsOwnership  = []string{"aws-s3-bucket-acls-disabled"}
	bucketControlsEncryption = []string{"aws-s3-bucket-sse-kms"}
	bucketControlsLogging    = []string{"aws-s3-bucket-access-logging"}
	bucketControlsVersioning = []string{"aws-s3-bucket-versioning"}
)

// Bucket is a live bucket: its posture subject and a few facts read on the way
// (never the policy text itself outside the subject).
type Bucket struct {
	Name      string
	Region    string
	Tags      map[string]string
	HasPolicy bool
	Posture   evs3.Bucket
}

// Raw is what waiver matches read: bucket, region and (when read) tags.
func (b *Bucket) Raw() subject.Value {
	attrs := map[string]subject.Value{"bucket": subject.String(b.Name), "region": subject.String(b.Region)}
	if b.Tags != nil {
		attrs["tags"] = stringMap(b.Tags)
	}
	return subject.Object(attrs)
}

// Section is the bucket as one assessment section.
func (b *Bucket) Section() Section {
	return Section{ResourceType: BucketResourceType, Subjects: []any{b.Posture}, Raw: b.Raw()}
}

// LoadBucket reads one bucket's posture. HeadBucket first tells whether it
// exists (a ReadError of kind KindNotFound if not) and its Region.
func (c *Client) LoadBucket(ctx context.Context, eng *engine.Engine, opts engine.Options, name string) (*Bucket, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	region, err := c.bucketRegion(ctx, svc, name)
	if err != nil {
		return nil, err
	}
	b := &Bucket{Name: name, Region: region}
	c.loadPosture(ctx, svc, eng, opts, b)
	return b, ctx.Err()
}

func (c *Client) bucketRegion(ctx context.Context, svc *services, name string) (string, error) {
	op := Operation{"S3", "HeadBucket"}
	out, err := svc.s3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)})
	if err == nil {
		if r := aws.ToString(out.BucketRegion); r != "" {
			return r, nil
		}
		return c.region, nil
	}
	// A bucket in another Region answers 301 with its Region in a header.
	var he *awshttp.ResponseError
	if errors.As(err, &he) && he.Response != nil {
		if r := he.Response.Header.Get("X-Amz-Bucket-Region"); r != "" && he.HTTPStatusCode() == 301 {
			return r, nil
		}
	}
	re := classify(err, op, "bucket "+name, "NotFound", "NoSuchBucket")
	if re.Kind == KindAccessDenied {
		// HeadBucket needs s3:ListBucket; without it, judge with the
		// client's Region and let each read report its own permission.
		return c.region, nil
	}
	return "", re
}

// BucketFilter narrows LoadBuckets.
type BucketFilter struct {
	NamePrefix string
	Tags       map[string]string
}

// LoadBuckets lists the account's buckets in the client's Region (ListBuckets
// with BucketRegion) that match f, and reads each posture with bounded
// parallelism. Tags are read (GetBucketTagging) only when f filters by them.
func (c *Client) LoadBuckets(ctx context.Context, eng *engine.Engine, opts engine.Options, f BucketFilter) ([]*Bucket, error) {
	svc, err := c.services(ctx)
	if err != nil {
		return nil, err
	}
	var all []s3types.Bucket
	p := s3.NewListBucketsPaginator(svc.s3, &s3.ListBucketsInput{BucketRegion: aws.String(c.region), Prefix: nonEmpty(f.NamePrefix), MaxBuckets: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if re := classify(err, Operation{"S3", "ListBuckets"}, "the account"); re != nil {
			return nil, re
		}
		all = append(all, page.Buckets...)
	}
	var buckets []*Bucket
	for _, b := range all {
		name := aws.ToString(b.Name)
		region := aws.ToString(b.BucketRegion)
		if region == "" {
			region = c.region
		}
		if region != c.region || !strings.HasPrefix(name, f.NamePrefix) {
			continue
		}
		buckets = append(buckets, &Bucket{Name: name, Region: region})
	}
	sort.Slice(buckets, func(i, j int) bool { return buckets[i].Name < buckets[j].Name })
	keep := make([]bool, len(buckets))
	err = forEach(ctx, c, len(buckets), func(ctx context.Context, i int) {
		b := buckets[i]
		if len(f.Tags) > 0 {
			tags, err := c.bucketTags(ctx, svc, b)
			if err != nil || !matchTags(tags, f.Tags) {
				// A bucket whose tags cannot be read is kept and judged,
				// so a filter never hides it silently.
				if err == nil {
					return
				}
			}
			b.Tags = tags
		}
		keep[i] = true
		c.loadPosture(ctx, svc, eng, opts, b)
	})
	if err != nil {
		return nil, err
	}
	out := buckets[:0]
	for i, b := range buckets {
		if keep[i] {
			out = append(out, b)
		}
	}
	return out, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

func matchTags(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func (c *Client) bucketTags(ctx context.Context, svc *services, b *Bucket) (map[string]string, error) {
	out, err := svc.s3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(b.Name)}, inRegion(b.Region))
	re := classify(err, Operation{"S3", "GetBucketTagging"}, "bucket "+b.Name, "NoSuchTagSet")
	switch {
	case re != nil && re.Kind == KindNotFound:
		return map[string]string{}, nil
	case re != nil:
		return nil, re
	}
	tags := map[string]string{}
	for _, t := range out.TagSet {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

func inRegion(region string) func(*s3.Options) {
	return func(o *s3.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// companionQuery is what every companion loader of a bucket needs.
type companionQuery struct {
	bucket *string
	at     string // "bucket <name>", for errors
	region func(*s3.Options)
}

// bucketCompanions are the loaders of a bucket's companion settings, each
// with the controls that read it: a loader runs only when one of them is
// selected.
var bucketCompanions = []struct {
	controls []string
	load     func(context.Context, *services, *Bucket, companionQuery)
}{
	{bucketControlsPAB, loadPublicAccessBlock},
	{bucketControlsPolicy, loadPolicy},
	{bucketControlsACL, loadACL},
	{bucketControlsOwnership, loadOwnership},
	{bucketControlsEncryption, loadEncryption},
	{bucketControlsLogging, loadLogging},
	{bucketControlsVersioning, loadVersioning},
}

// loadPosture reads the companions of b that the selected controls need,
// concurrently within the client's limit (one at a time when MaxConcurrency
// is 1). A NoSuch... answer makes the companion absent (the default for a
// new bucket decides); any other error makes it unreadable (an error finding
// naming the IAM action), never a pass.
func (c *Client) loadPosture(ctx context.Context, svc *services, eng *engine.Engine, opts engine.Options, b *Bucket) {
	q := companionQuery{bucket: aws.String(b.Name), at: "bucket " + b.Name, region: inRegion(b.Region)}
	b.Posture.InlineACL = subject.Field[string]{Null: true}
	b.Posture.InlinePolicy = subject.Field[string]{Null: true}
	var wg sync.WaitGroup
	for _, comp := range bucketCompanions {
		if !Wanted(eng, opts, comp.controls...) {
			continue
		}
		if cap(c.sem) == 1 {
			comp.load(ctx, svc, b, q) // MaxConcurrency 1: strictly one call at a time
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); comp.load(ctx, svc, b, q) }()
	}
	wg.Wait()
}

func loadPublicAccessBlock(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetPublicAccessBlock"
	out, err := svc.s3.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: bucket}, region)
	re := classify(err, Operation{"S3", "GetPublicAccessBlock"}, at, "NoSuchPublicAccessBlockConfiguration")
	switch {
	case re != nil && re.Kind == KindNotFound:
		p.PublicAccessBlock = evs3.AbsentCompanion[evs3.PublicAccessBlock](evs3.KeyPublicAccessBlock)
	case re != nil:
		p.PublicAccessBlock = evs3.UnreadableCompanion[evs3.PublicAccessBlock](path, re)
	default:
		cfg := out.PublicAccessBlockConfiguration
		if cfg == nil {
			cfg = &s3types.PublicAccessBlockConfiguration{}
		}
		p.PublicAccessBlock = evs3.PresentCompanion(path, accessBlock(cfg.BlockPublicAcls, cfg.BlockPublicPolicy, cfg.IgnorePublicAcls, cfg.RestrictPublicBuckets, "PublicAccessBlockConfiguration"))
	}
}

func loadPolicy(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetBucketPolicy"
	out, err := svc.s3.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: bucket}, region)
	re := classify(err, Operation{"S3", "GetBucketPolicy"}, at, "NoSuchBucketPolicy")
	switch {
	case re != nil && re.Kind == KindNotFound:
		p.Policy = evs3.AbsentCompanion[evs3.BucketPolicy](evs3.KeyPolicy)
	case re != nil:
		p.Policy = evs3.UnreadableCompanion[evs3.BucketPolicy](path, re)
	default:
		b.HasPolicy = true
		p.Policy = evs3.PresentCompanion(path, evs3.BucketPolicy{Policy: subject.Of(aws.ToString(out.Policy), "Policy")})
	}
}

func loadACL(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetBucketAcl"
	out, err := svc.s3.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: bucket}, region)
	if re := classify(err, Operation{"S3", "GetBucketAcl"}, at); re != nil {
		p.ACL = evs3.UnreadableCompanion[evs3.ACL](path, re)
		return
	}
	acl := evs3.ACL{Canned: subject.Field[string]{Null: true, Path: "Grants"}, GrantsPath: "Grants"}
	for i, g := range out.Grants {
		gp := "Grants[" + itoa(i) + "]"
		uri := subject.Field[string]{Null: true, Path: gp + ".Grantee.URI"}
		if g.Grantee != nil && g.Grantee.URI != nil {
			uri = subject.Of(*g.Grantee.URI, gp+".Grantee.URI")
		}
		acl.Grants = append(acl.Grants, evs3.Grant{Path: gp, URI: uri, Permission: subject.Of(string(g.Permission), gp+".Permission")})
	}
	p.ACL = evs3.PresentCompanion(path, acl)
}

func loadOwnership(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetBucketOwnershipControls"
	out, err := svc.s3.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: bucket}, region)
	re := classify(err, Operation{"S3", "GetBucketOwnershipControls"}, at, "OwnershipControlsNotFoundError")
	switch {
	case re != nil && re.Kind == KindNotFound:
		p.Ownership = evs3.AbsentCompanion[evs3.Ownership](evs3.KeyOwnership)
	case re != nil:
		p.Ownership = evs3.UnreadableCompanion[evs3.Ownership](path, re)
	default:
		own := subject.Of("", "OwnershipControls.Rules[0].ObjectOwnership")
		if out.OwnershipControls != nil && len(out.OwnershipControls.Rules) > 0 {
			own.V = string(out.OwnershipControls.Rules[0].ObjectOwnership)
		}
		p.Ownership = evs3.PresentCompanion(path, evs3.Ownership{ObjectOwnership: own})
	}
}

func loadEncryption(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetBucketEncryption"
	out, err := svc.s3.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: bucket}, region)
	re := classify(err, Operation{"S3", "GetBucketEncryption"}, at, "ServerSideEncryptionConfigurationNotFoundError")
	switch {
	case re != nil && re.Kind == KindNotFound:
		p.Encryption = evs3.AbsentCompanion[evs3.Encryption](evs3.KeyEncryption)
	case re != nil:
		p.Encryption = evs3.UnreadableCompanion[evs3.Encryption](path, re)
	default:
		enc := evs3.Encryption{RulesPath: "ServerSideEncryptionConfiguration.Rules"}
		if out.ServerSideEncryptionConfiguration != nil {
			for i, r := range out.ServerSideEncryptionConfiguration.Rules {
				rp := "ServerSideEncryptionConfiguration.Rules[" + itoa(i) + "].ApplyServerSideEncryptionByDefault"
				rule := evs3.EncryptionRule{Algorithm: subject.Of("", rp+".SSEAlgorithm"), KMSKeyID: subject.Of("", rp+".KMSMasterKeyID")}
				if d := r.ApplyServerSideEncryptionByDefault; d != nil {
					rule.Algorithm.V = string(d.SSEAlgorithm)
					rule.KMSKeyID.V = aws.ToString(d.KMSMasterKeyID)
				}
				enc.Rules = append(enc.Rules, rule)
			}
		}
		p.Encryption = evs3.PresentCompanion(path, enc)
	}
}

func loadLogging(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetBucketLogging"
	out, err := svc.s3.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: bucket}, region)
	switch re := classify(err, Operation{"S3", "GetBucketLogging"}, at); {
	case re != nil:
		p.Logging = evs3.UnreadableCompanion[evs3.Logging](path, re)
	case out.LoggingEnabled == nil:
		p.Logging = evs3.AbsentCompanion[evs3.Logging](evs3.KeyLogging)
	default:
		p.Logging = evs3.PresentCompanion(path, evs3.Logging{TargetBucket: subject.Of(aws.ToString(out.LoggingEnabled.TargetBucket), "LoggingEnabled.TargetBucket")})
	}
}

func loadVersioning(ctx context.Context, svc *services, b *Bucket, q companionQuery) {
	p, bucket, at, region := &b.Posture, q.bucket, q.at, q.region
	const path = "GetBucketVersioning"
	out, err := svc.s3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: bucket}, region)
	if re := classify(err, Operation{"S3", "GetBucketVersioning"}, at); re != nil {
		p.Versioning = evs3.UnreadableCompanion[evs3.Versioning](path, re)
		return
	}
	p.Versioning = evs3.PresentCompanion(path, evs3.Versioning{Status: subject.Of(string(out.Status), "Status")})
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
