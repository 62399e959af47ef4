package dedup

import (
	"testing"
	"time"

	"rasd/internal/event"
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

// TestNamedWeekday: a day resolved a day or two after the weekday its text
// names («اليوم السبت» in an article stamped after midnight) is matched as
// that weekday; a day written out in figures, a weekday after the day
// resolved, and a weekday that agrees are left alone.
func TestNamedWeekday(t *testing.T) {
	cases := []struct{ day, text, want string }{
		{"2018-02-25", "اليوم السبت", "2018-02-24"},
		{"2018-04-04", "أمس الثلاثاء", "2018-04-03"},
		{"2018-08-25", "اليوم الخميس", "2018-08-23"},
		{"2018-02-25", "السبت 24 شباط", "2018-02-25"},
		{"2018-06-17", "اليوم الاثنين", "2018-06-17"},
		{"2018-03-01", "مساء الخميس", "2018-03-01"},
		{"2018-03-01", "أمس", "2018-03-01"},
	}
	for _, tc := range cases {
		d := &event.Date{Start: tc.day, End: tc.day, TimePrecision: 1, Text: tc.text}
		s, e, ok := interval(d)
		if !ok || s != e || Day(s) != tc.want {
			t.Errorf("%s «%s»: matched as %s..%s, want %s", tc.day, tc.text, Day(s), Day(e), tc.want)
		}
	}

	// A bombing told on Saturday, and by a report stamped after midnight
	// as «اليوم السبت», read as Sunday: one occurrence.
	saturday := raid("a#1")
	saturday.Date = day("2018-02-24")
	saturday.Date.Text = "السبت"
	stamped := raid("b#1")
	stamped.Date = day("2018-02-25")
	stamped.Date.Text = "اليوم السبت"
	a, b := doc("a"), doc("b")
	a.Published, b.Published = "2018-03-01", "2018-03-01" // beyond the lag: the dates alone decide
	c := cluster(Member{Doc: a, Event: saturday})
	if _, ok := Match(c, b, &stamped); !ok {
		t.Error("«اليوم السبت» resolved to Sunday stays apart from Saturday's report")
	}
	stamped.Date.Text = "اليوم"
	if _, ok := Match(c, b, &stamped); ok {
		t.Error("a report of Sunday joined Saturday's")
	}
}
