package functions

import (
	"fmt"
	"testing"
)

func TestMemoKeepsTheLastJudgements(t *testing.T) {
	var m memo
	calls := make([]*call, memoSize+1)
	for i := range calls {
		calls[i] = &call{}
		m.put(memoKey("aws_security_group", fmt.Appendf(nil, "values %d", i)), calls[i])
	}
	if _, ok := m.get(memoKey("aws_security_group", []byte("values 0"))); ok {
		t.Error("the oldest judgement is still kept after memoSize newer ones")
	}
	for i := 1; i <= memoSize; i++ {
		if c, ok := m.get(memoKey("aws_security_group", fmt.Appendf(nil, "values %d", i))); !ok || c != calls[i] {
			t.Errorf("values %d: got %p %v, want %p", i, c, ok, calls[i])
		}
	}
	if _, ok := m.get(memoKey("aws_instance", []byte("values 1"))); ok {
		t.Error("a judgement is reused for another resource type")
	}
	if len(m.calls) != memoSize {
		t.Errorf("%d judgements kept, want %d", len(m.calls), memoSize)
	}
}
