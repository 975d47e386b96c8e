package cloudemu

import (
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/securitycenter/apiv2/securitycenterpb"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/durationpb"
)

// SCC emulates Security Command Center v2 over gRPC with TLS: a
// grpc.Server with the generated SecurityCenter service registered
// (securitycenterpb.RegisterSecurityCenterServer) answering ListFindings
// pages of ListFindingsResult messages shaped as the v2 proto defines them
// (Finding with category, state, mute, finding_class, severity,
// resource_name; Resource with type and GcpMetadata project). Every other
// method answers UNIMPLEMENTED. The server does not evaluate the filter: it
// records it and returns every seeded finding, so the reader's own checks
// of state, mute and class are exercised. Requests must carry
// "authorization: Bearer <Token>".
type SCC struct {
	Addr  string // 127.0.0.1:port
	Token string

	securitycenterpb.UnimplementedSecurityCenterServer
	srv      *grpc.Server
	mu       sync.Mutex
	data     Findings
	faults   []*GRPCFault
	requests []*securitycenterpb.ListFindingsRequest
	methods  []string
}

// Findings gives the findings by position (benchmarks generate them).
type Findings interface {
	Len() int
	At(i int) *securitycenterpb.ListFindingsResponse_ListFindingsResult
}

// FindingSeed holds findings.
type FindingSeed []*securitycenterpb.ListFindingsResponse_ListFindingsResult

// Len implements Findings.
func (s FindingSeed) Len() int { return len(s) }

// At implements Findings.
func (s FindingSeed) At(i int) *securitycenterpb.ListFindingsResponse_ListFindingsResult { return s[i] }

// GRPCFault answers ListFindings with a status instead of a page.
type GRPCFault struct {
	Code    codes.Code
	Message string
	// Reason adds an ErrorInfo with this reason (SERVICE_DISABLED, ...).
	Reason string
	// RetryDelay adds a RetryInfo asking for this delay.
	RetryDelay time.Duration
	// RepeatToken answers a page whose next_page_token repeats the request's.
	RepeatToken bool
	// AfterPages lets this many pages through first; Times limits how often
	// it fires (0: always).
	AfterPages, Times int
	hits, seen        int
}

// Hits reports how often the fault fired.
func (f *GRPCFault) Hits() int { return f.hits }

// Finding builds a result the way Security Health Analytics reports one.
func Finding(org, project, category, severity, resourceName, resourceType string) *securitycenterpb.ListFindingsResponse_ListFindingsResult {
	sev := securitycenterpb.Finding_Severity(securitycenterpb.Finding_Severity_value[severity])
	return &securitycenterpb.ListFindingsResponse_ListFindingsResult{
		Finding: &securitycenterpb.Finding{
			Name:         "organizations/" + org + "/sources/1234567890/locations/global/findings/" + strings.ToLower(category) + "-" + strconv.Itoa(len(resourceName)),
			Parent:       "organizations/" + org + "/sources/1234567890/locations/global",
			ResourceName: resourceName, State: securitycenterpb.Finding_ACTIVE, Category: category, Severity: sev,
			Mute: securitycenterpb.Finding_UNMUTED, FindingClass: securitycenterpb.Finding_MISCONFIGURATION,
			Description: "Security Health Analytics detected " + category + ".",
		},
		Resource: &securitycenterpb.ListFindingsResponse_ListFindingsResult_Resource{
			Name: resourceName, DisplayName: resourceName[strings.LastIndexByte(resourceName, '/')+1:], Type: resourceType,
			CloudProvider: securitycenterpb.CloudProvider_GOOGLE_CLOUD_PLATFORM,
			CloudProviderMetadata: &securitycenterpb.ListFindingsResponse_ListFindingsResult_Resource_GcpMetadata{GcpMetadata: &securitycenterpb.GcpMetadata{
				Project: "//cloudresourcemanager.googleapis.com/projects/" + strconv.Itoa(100000+len(project)), ProjectDisplayName: project,
				Organization: "organizations/" + org,
			}},
		},
	}
}

// NewSCC starts the server on 127.0.0.1 with TLS from ca; Close stops it.
func NewSCC(ca *CA, data Findings) (*SCC, error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &SCC{Addr: lis.Addr().String(), Token: "emulated-scc-token", data: data}
	s.srv = grpc.NewServer(grpc.Creds(credentials.NewTLS(ca.ServerTLS())), grpc.ChainUnaryInterceptor(s.record))
	securitycenterpb.RegisterSecurityCenterServer(s.srv, s)
	go func() { _ = s.srv.Serve(lis) }()
	return s, nil
}

// Close stops the server.
func (s *SCC) Close() { s.srv.Stop() }

// Inject adds a fault.
func (s *SCC) Inject(f GRPCFault) *GRPCFault {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
	return &f
}

// Clear removes faults and the request log.
func (s *SCC) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults, s.requests, s.methods = nil, nil, nil
}

// Requests returns the ListFindings requests answered.
func (s *SCC) Requests() []*securitycenterpb.ListFindingsRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*securitycenterpb.ListFindingsRequest{}, s.requests...)
}

// Methods returns the full gRPC method names called, in order.
func (s *SCC) Methods() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string{}, s.methods...)
}

func (s *SCC) record(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	s.mu.Lock()
	s.methods = append(s.methods, info.FullMethod)
	s.mu.Unlock()
	md, _ := metadata.FromIncomingContext(ctx)
	if auth := md.Get("authorization"); len(auth) == 0 || auth[0] != "Bearer "+s.Token {
		return nil, status.Error(codes.Unauthenticated, "Request had invalid authentication credentials. Expected OAuth 2 access token.")
	}
	return handler(ctx, req)
}

// ListFindings implements securitycenterpb.SecurityCenterServer.
func (s *SCC) ListFindings(_ context.Context, req *securitycenterpb.ListFindingsRequest) (*securitycenterpb.ListFindingsResponse, error) {
	s.mu.Lock()
	s.requests = append(s.requests, req)
	var fault *GRPCFault
	for _, f := range s.faults {
		f.seen++
		if f.seen > f.AfterPages && (f.Times == 0 || f.hits < f.Times) {
			f.hits++
			fault = f
			break
		}
	}
	s.mu.Unlock()
	if !strings.HasSuffix(req.GetParent(), "/sources/-") {
		return nil, status.Errorf(codes.InvalidArgument, "parent %q: the emulator serves <parent>/sources/- only", req.GetParent())
	}
	data := s.data
	if p, ok := strings.CutPrefix(strings.TrimSuffix(req.GetParent(), "/sources/-"), "projects/"); ok {
		data = inProject{s.data, p}
	}
	from := 0
	if t := req.GetPageToken(); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 || n > data.Len() {
			return nil, status.Error(codes.InvalidArgument, "invalid page token")
		}
		from = n
	}
	if fault != nil && !fault.RepeatToken {
		st := status.New(fault.Code, fault.Message)
		var details []protoadapt.MessageV1
		if fault.Reason != "" {
			details = append(details, &errdetails.ErrorInfo{Reason: fault.Reason, Domain: "googleapis.com", Metadata: map[string]string{"service": "securitycenter.googleapis.com"}})
		}
		if fault.RetryDelay > 0 {
			details = append(details, &errdetails.RetryInfo{RetryDelay: durationpb.New(fault.RetryDelay)})
		}
		if len(details) > 0 {
			if withD, err := st.WithDetails(details...); err == nil {
				st = withD
			}
		}
		return nil, st.Err()
	}
	size := int(req.GetPageSize())
	if size <= 0 || size > 1000 {
		size = 10
	}
	to := min(from+size, data.Len())
	resp := &securitycenterpb.ListFindingsResponse{TotalSize: int32(data.Len())}
	for i := from; i < to; i++ {
		resp.ListFindingsResults = append(resp.ListFindingsResults, data.At(i))
	}
	if to < data.Len() {
		resp.NextPageToken = strconv.Itoa(to)
	}
	if fault != nil && fault.RepeatToken {
		resp.NextPageToken = req.GetPageToken()
		if resp.NextPageToken == "" {
			resp.NextPageToken = "0"
		}
	}
	return resp, nil
}

// inProject narrows seeded findings to one project (a projects/P parent).
// It scans the seed: the emulator's projects are small; organisation and
// folder parents (the benchmark's) read the generator directly.
type inProject struct {
	all     Findings
	project string
}

func (p inProject) match(i int) bool {
	g := p.all.At(i).GetResource().GetGcpMetadata()
	return g.GetProjectDisplayName() == p.project || strings.HasSuffix(g.GetProject(), "/"+p.project)
}

func (p inProject) Len() int {
	n := 0
	for i := 0; i < p.all.Len(); i++ {
		if p.match(i) {
			n++
		}
	}
	return n
}

func (p inProject) At(k int) *securitycenterpb.ListFindingsResponse_ListFindingsResult {
	for i := 0; i < p.all.Len(); i++ {
		if p.match(i) {
			if k == 0 {
				return p.all.At(i)
			}
			k--
		}
	}
	return nil
}
