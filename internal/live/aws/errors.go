package liveaws

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// ErrorKind classifies a failed read.
type ErrorKind uint8

const (
	// KindOther is any failure not listed below (retries exhausted on 5xx,
	// a network error, a malformed answer).
	KindOther ErrorKind = iota
	// KindAccessDenied: the caller lacks the IAM action (or an SCP, a
	// permissions boundary or a resource policy denies it).
	KindAccessDenied
	// KindNotFound: the resource read does not exist.
	KindNotFound
	// KindThrottled: throttling persisted through every retry.
	KindThrottled
	// KindCanceled: the read's context was canceled or timed out.
	KindCanceled
)

// ReadError is a failed AWS read, naming the operation, the IAM action it
// needs and the resource.
type ReadError struct {
	Kind      ErrorKind
	Operation Operation
	Action    string
	Resource  string
	Code      string
	Err       error
}

func (e *ReadError) Error() string {
	what := e.Action
	if e.Resource != "" {
		what += " on " + e.Resource
	}
	switch e.Kind {
	case KindAccessDenied:
		return fmt.Sprintf("%s was denied (%s): the provider's credentials need the IAM action %s", what, e.Code, e.Action)
	case KindNotFound:
		return fmt.Sprintf("%s: not found (%s)", what, e.Code)
	case KindThrottled:
		return fmt.Sprintf("%s was throttled through every retry (%s)", what, e.Code)
	case KindCanceled:
		return fmt.Sprintf("%s did not finish: %v", what, e.Err)
	}
	return fmt.Sprintf("%s failed: %v", what, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

var accessDeniedCodes = map[string]bool{
	"AccessDenied": true, "AccessDeniedException": true, "UnauthorizedOperation": true,
	"AuthorizationError": true, "UnauthorizedAccess": true, "Forbidden": true,
	"AuthorizationErrorException": true, "InvalidAccessException": false,
}

var throttleCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "ThrottledException": true,
	"RequestThrottledException": true, "TooManyRequestsException": true,
	"RequestLimitExceeded": true, "SlowDown": true, "RequestThrottled": true,
	"ProvisionedThroughputExceededException": true, "PriorRequestNotComplete": true,
}

// classify wraps err from op on resource; notFound lists the error codes that
// mean the resource does not exist. It returns nil for a nil err.
func classify(err error, op Operation, resource string, notFound ...string) *ReadError {
	if err == nil {
		return nil
	}
	re := &ReadError{Kind: KindOther, Operation: op, Action: Action(op), Resource: resource, Err: err}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		re.Code = ae.ErrorCode()
	}
	status := 0
	var he *awshttp.ResponseError
	if errors.As(err, &he) {
		status = he.HTTPStatusCode()
	}
	switch {
	case isContextErr(err):
		re.Kind = KindCanceled
	case accessDeniedCodes[re.Code] || (re.Code == "" && status == http.StatusForbidden):
		re.Kind = KindAccessDenied
		if re.Code == "" {
			re.Code = "HTTP 403"
		}
	case slices.Contains(notFound, re.Code) || (re.Code == "" && status == http.StatusNotFound && len(notFound) > 0):
		re.Kind = KindNotFound
		if re.Code == "" {
			re.Code = "HTTP 404"
		}
	case throttleCodes[re.Code] || status == http.StatusTooManyRequests:
		re.Kind = KindThrottled
		if re.Code == "" {
			re.Code = "HTTP 429"
		}
	}
	return re
}

// IsNotFound reports whether err is a ReadError of kind KindNotFound.
func IsNotFound(err error) bool {
	var re *ReadError
	return errors.As(err, &re) && re.Kind == KindNotFound
}

func asReadError(err error, target **ReadError) bool { return errors.As(err, target) }
