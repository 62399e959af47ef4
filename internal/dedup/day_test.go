package dedup

import (
	"testing"
	"time"
)

// parseDay must agree with time.Parse on every day it reads and refuse
// what time.Parse refuses; Day must undo it.
func TestParseDay(t *testing.T) {
	for d := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		s := d.Format(time.DateOnly)
		n, ok := parseDay(s)
		if !ok || n != d.Unix()/86400 {
			t.Fatalf("parseDay(%s) = %d, %v, want %d", s, n, ok, d.Unix()/86400)
		}
		if got := Day(n); got != s {
			t.Fatalf("Day(%d) = %s, want %s", n, got, s)
		}
	}
	for _, bad := range []string{"", "2019-13-01", "2019-02-29", "2019-13-45", "2019-1-01", "2019/01/01", "20x9-01-01", "2019-04-31", "2019-00-10", "2019-01-00"} {
		if _, ok := parseDay(bad); ok {
			t.Errorf("parseDay(%q) accepted", bad)
		}
	}
	if _, ok := parseDay("2020-02-29"); !ok {
		t.Error("a leap day refused")
	}
}
