package liveaws

import (
	"context"
	"errors"
	"sync"
)

// memo remembers the answer of each read for the life of a Client (one plan)
// and lets concurrent identical reads share one call (singleflight). Errors
// are remembered too — an AccessDenied does not get better by asking again —
// except cancellation and deadline errors, which belong to the caller whose
// context ended: a later caller with a live context reads again.
type memo struct {
	mu      sync.Mutex
	entries map[string]*entry
}

type entry struct {
	done chan struct{}
	val  any
	err  error
}

// cached returns the memoised answer of fn under key, calling fn at most once
// at a time per key.
func cached[T any](ctx context.Context, c *Client, key string, fn func(context.Context) (T, error)) (T, error) {
	var zero T
	for {
		c.memo.mu.Lock()
		if c.memo.entries == nil {
			c.memo.entries = map[string]*entry{}
		}
		e, ok := c.memo.entries[key]
		if !ok {
			e = &entry{done: make(chan struct{})}
			c.memo.entries[key] = e
			c.memo.mu.Unlock()
			e.val, e.err = fn(ctx)
			if isContextErr(e.err) {
				c.memo.mu.Lock()
				delete(c.memo.entries, key)
				c.memo.mu.Unlock()
			}
			close(e.done)
		} else {
			c.memo.mu.Unlock()
			select {
			case <-e.done:
			case <-ctx.Done():
				return zero, ctx.Err()
			}
		}
		if isContextErr(e.err) && ctx.Err() == nil {
			continue // the caller that ran fn gave up; read again for this one
		}
		if e.err != nil {
			return zero, e.err
		}
		return e.val.(T), nil
	}
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// acquire takes a slot of the client's concurrency bound.
func (c *Client) acquire(ctx context.Context) error {
	select {
	case c.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) release() { <-c.sem }

// forEach runs fn for every index in [0, n) with at most the client's
// concurrency bound in flight, and returns the first context error. fn's own
// errors are its business (loaders record them per item).
func forEach(ctx context.Context, c *Client, n int, fn func(ctx context.Context, i int)) error {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		if err := c.acquire(ctx); err != nil {
			wg.Wait()
			return err
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer c.release()
			fn(ctx, i)
		}(i)
	}
	wg.Wait()
	return ctx.Err()
}
