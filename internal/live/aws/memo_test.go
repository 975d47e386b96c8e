package liveaws

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCached_sharesConcurrentCallsAndRemembers(t *testing.T) {
	c := New(Config{})
	var calls atomic.Int32
	fn := func(context.Context) (int, error) {
		calls.Add(1)
		time.Sleep(20 * time.Millisecond)
		return 42, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := cached(context.Background(), c, "k", fn); err != nil || v != 42 {
				t.Errorf("got %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if _, _ = cached(context.Background(), c, "k", fn); calls.Load() != 1 {
		t.Fatalf("fn called %d times, want 1", calls.Load())
	}
}

func TestCached_remembersErrorsButNotCancellation(t *testing.T) {
	c := New(Config{})
	denied := errors.New("denied")
	n := 0
	fail := func(context.Context) (int, error) { n++; return 0, denied }
	for i := 0; i < 3; i++ {
		if _, err := cached(context.Background(), c, "e", fail); !errors.Is(err, denied) {
			t.Fatal(err)
		}
	}
	if n != 1 {
		t.Fatalf("a remembered error was asked again: %d calls", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m := 0
	fn := func(context.Context) (int, error) { m++; return 0, ctx.Err() }
	if _, err := cached(ctx, c, "c", fn); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if v, err := cached(context.Background(), c, "c", func(context.Context) (int, error) { m++; return 7, nil }); err != nil || v != 7 || m != 2 {
		t.Fatalf("after cancellation: %v, %v, %d calls", v, err, m)
	}
}

func TestConfig_validate(t *testing.T) {
	for _, bad := range []Config{
		{Endpoints: map[string]string{"lambda": "http://x"}},
		{Endpoints: map[string]string{"s3": "not a url"}},
		{RetryMode: "legacy"},
		{AssumeRole: &AssumeRole{}},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v: want an error", bad)
		}
	}
	if err := (Config{Endpoints: map[string]string{"s3": "http://127.0.0.1:5000"}, RetryMode: "standard"}).Validate(); err != nil {
		t.Error(err)
	}
}

func TestClassify(t *testing.T) {
	if classify(nil, Operation{"S3", "GetBucketPolicy"}, "") != nil {
		t.Fatal("nil error classified")
	}
	re := classify(context.DeadlineExceeded, Operation{"S3", "GetBucketPolicy"}, "bucket b")
	if re.Kind != KindCanceled || re.Action != "s3:GetBucketPolicy" {
		t.Fatalf("%+v", re)
	}
}
