package awsapi

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/aws/smithy-go"
)

// FuzzResponseError: an error answer of any body, header and status, in
// every protocol, never panics and always gives an error that carries either
// an API error with a code or a deserialization error (its status decides).
func FuzzResponseError(f *testing.F) {
	f.Add(uint8(EC2Query), 400, "", []byte(`<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>denied</Message></Error></Errors><RequestID>r</RequestID></Response>`))
	f.Add(uint8(RESTXML), 403, "", []byte(`<ErrorResponse><Error><Code>AccessDenied</Code></Error><RequestId>r</RequestId></ErrorResponse>`))
	f.Add(uint8(RESTJSON), 429, "TooManyRequestsException:http://internal", []byte(`{"message":"slow down"}`))
	f.Add(uint8(JSON11), 400, "", []byte(`{"__type":"com.amazonaws#AccessDeniedException","Message":"no"}`))
	f.Add(uint8(JSON11), 500, "", []byte("<html>\xff\xfe"))
	f.Fuzz(func(t *testing.T, proto uint8, status int, errType string, body []byte) {
		c := &Client{svc: Service{Protocol: Protocol(proto % 4)}}
		resp := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		if errType != "" {
			resp.Header.Set("X-Amzn-Errortype", errType)
		}
		err := c.responseError(resp)
		if err == nil {
			t.Fatal("an error answer gave no error")
		}
		var api smithy.APIError
		var des *smithy.DeserializationError
		if errors.As(err, &api) {
			if api.ErrorCode() == "" {
				t.Fatalf("an API error without a code: %v", err)
			}
		} else if !errors.As(err, &des) {
			t.Fatalf("neither an API error nor a deserialization error: %T %v", err, err)
		}
	})
}
