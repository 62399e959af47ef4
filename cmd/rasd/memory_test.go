package main

import (
	"math"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, gcHeadroom},
		{30 << 20, 30<<20 + gcHeadroom},
		{gcHeadroom, 2 * gcHeadroom},
		{300 << 20, 600 << 20},
		{math.MaxUint64 / 2, math.MaxInt64},
		{math.MaxUint64, math.MaxInt64},
	} {
		if got := memoryLimit(c.live, gcHeadroom); got != c.want {
			t.Errorf("memoryLimit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}
