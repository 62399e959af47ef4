package trend

import (
	"math"
	"testing"
	"time"
)

// series lays counts out week by week from first; the last one is the
// current week, which it returns.
func series(first Week, counts ...int) (Series, Week) {
	s := Series{}
	for i, c := range counts {
		if c != 0 {
			s[first+Week(i)] = c
		}
	}
	return s, first + Week(len(counts)-1)
}

var w0 = WeekOf(date("2019-01-07"))

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func changeIs(f figures, want float64) bool { return f.change != nil && near(*f.change, want) }

func TestSurge(t *testing.T) {
	opt := DefaultOptions()
	for _, c := range []struct {
		name   string
		counts []int // the four baseline weeks, then the current week
		first  Week  // first covered week, relative to w0
		want   bool
		avg    float64
		change float64 // NaN: no ratio
	}{
		// sum 2+3+4+3 = 12, avg 3; 7 ≥ 2·3 = 6; change (7−3)/3 = 4/3.
		{"surge", []int{2, 3, 4, 3, 7}, 0, true, 3, 4.0 / 3},
		// avg 2; 4 = 2·2 exactly: "100% or more" includes 100%; change 1.
		{"exactly 100%", []int{2, 2, 2, 2, 4}, 0, true, 2, 1},
		// sum 9, avg 2.25; 4 < 4.5; change (4−2.25)/2.25 = 7/9.
		{"just under 100%", []int{2, 2, 2, 3, 4}, 0, false, 2.25, 7.0 / 9},
		// avg 1, the least ACLED allows; 2 = 2·1.
		{"baseline exactly 1", []int{1, 1, 1, 1, 2}, 0, true, 1, 1},
		// sum 3, avg 0.75 < 1: no surge although 6 is eight times the average.
		{"baseline under 1", []int{0, 1, 1, 1, 6}, 0, false, 0.75, 7},
		// avg 0: below the floor, and no ratio.
		{"zero baseline", []int{0, 0, 0, 0, 5}, 0, false, 0, math.NaN()},
	} {
		s, cur := series(w0, c.counts...)
		f, ok := surge(s, cur, w0+c.first, opt)
		if ok != c.want || !near(f.baseline, c.avg) || f.weeks != 4 {
			t.Errorf("%s: surge %v, baseline %v over %d weeks; want %v, %v over 4", c.name, ok, f.baseline, f.weeks, c.want, c.avg)
		}
		if math.IsNaN(c.change) != (f.change == nil) || (f.change != nil && !near(*f.change, c.change)) {
			t.Errorf("%s: change %v, want %v", c.name, f.change, c.change)
		}
	}
	// No history: the data begin in the second baseline week, so the four
	// weeks before the current one are not all known.
	s, cur := series(w0, 0, 3, 3, 3, 9)
	if _, ok := surge(s, cur, w0+1, opt); ok {
		t.Error("surge judged on three weeks of history")
	}
}

func TestThreat(t *testing.T) {
	opt := DefaultOptions()
	year := func(v int) []int {
		c := make([]int, 52)
		for i := range c {
			c[i] = v
		}
		return c
	}
	// 52 baseline weeks of 1 (avg 1), then the last month.
	s, cur := series(w0, append(year(1), 2, 2, 2, 2)...)
	// recent avg 8/4 = 2 = 2·1: exactly 100%, a threat; change 1.
	if f, ok := threat(s, cur, w0, opt); !ok || f.weeks != 52 || !near(f.current, 2) || !near(f.baseline, 1) || !changeIs(f, 1) {
		t.Errorf("exactly 100%%: %v %+v", ok, f)
	}
	s, cur = series(w0, append(year(1), 2, 2, 2, 1)...)
	// recent avg 7/4 = 1.75 < 2.
	if f, ok := threat(s, cur, w0, opt); ok || !changeIs(f, 0.75) {
		t.Errorf("75%%: %v %+v", ok, f)
	}
	// A week 56 weeks back lies outside the year and is not averaged.
	s, cur = series(w0, append(append([]int{100}, year(1)...), 2, 2, 2, 2)...)
	if f, ok := threat(s, cur, w0, opt); !ok || !near(f.baseline, 1) || f.weeks != 52 {
		t.Errorf("week before the year counted: %v %+v", ok, f)
	}
	// Zero baseline: a year without violence, then 1 a week (avg 1 ≥ 1):
	// a threat without a ratio.
	s, cur = series(w0, append(year(0), 1, 1, 1, 1)...)
	if f, ok := threat(s, cur, w0, opt); !ok || f.change != nil || !near(f.current, 1) {
		t.Errorf("zero baseline: %v %+v", ok, f)
	}
	// The same with 3 events in the month: avg 0.75 < ThreatMinRecent.
	s, cur = series(w0, append(year(0), 0, 1, 1, 1)...)
	if _, ok := threat(s, cur, w0, opt); ok {
		t.Error("threat on a four-week average under 1")
	}
	// A corpus younger than a year: 13 baseline weeks of 1 (sum 13, avg 1)
	// and a month of 3+2+2+1 = 8 (avg 2): 2 = 2·1, a threat over 13 weeks.
	thirteen := []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	s, cur = series(w0, append(thirteen, 3, 2, 2, 1)...)
	if f, ok := threat(s, cur, w0, opt); !ok || f.weeks != 13 || !near(f.baseline, 1) {
		t.Errorf("13 weeks of history: %v %+v", ok, f)
	}
	// 12 baseline weeks are fewer than YearMinWeeks.
	s, cur = series(w0, append(thirteen[1:], 3, 2, 2, 1)...)
	if f, ok := threat(s, cur, w0, opt); ok {
		t.Errorf("threat on 12 weeks of history: %+v", f)
	}
	// No history at all: the data begin inside the month.
	s, cur = series(w0, 0, 5, 5, 5)
	if _, ok := threat(s, cur, w0+1, opt); ok {
		t.Error("threat with no baseline weeks")
	}
}

func TestBand(t *testing.T) {
	for _, c := range []struct {
		name      string
		c, sum, n int
		want      string
	}{
		{"+50%", 6, 16, 4, LargeIncrease},                   // avg 4; 6/4 = 1.5
		{"+25% exactly", 5, 16, 4, ModerateIncrease},        // avg 4; 5/4 = 1.25, not "greater than 25%"
		{"+20%", 12, 40, 4, ModerateIncrease},               // avg 10; 12/10 = 1.2
		{"+10% exactly", 11, 40, 4, LimitedChange},          // avg 10; 11/10 = 1.1
		{"-25% exactly", 3, 16, 4, LimitedChange},           // avg 4; 3/4 = 0.75, not "less than −25%"
		{"-50%", 2, 16, 4, LargeDecrease},                   // avg 4; 2/4 = 0.5
		{"low baseline", 5, 8, 4, LimitedChange},            // avg 2 ≤ 2 and 5 ≤ 5 events: +150% ignored
		{"low baseline, busy week", 6, 8, 4, LargeIncrease}, // 6 > 5 events: avg 2, +200%
		{"zero baseline, quiet", 5, 0, 4, LimitedChange},
		{"zero baseline, busy", 6, 0, 4, LargeIncrease},
		{"year, low", 5, 104, 52, LimitedChange},       // avg 2, 5 events
		{"year, +33%", 4, 156, 52, LargeIncrease},      // avg 3; 4/3 = 1.33 (avg 3 > 2, so no low-baseline rule)
		{"year, -33%", 2, 156, 52, LargeDecrease},      // avg 3; 2/3 = 0.67
		{"year, +15%", 23, 1040, 52, ModerateIncrease}, // avg 20; 23/20 = 1.15
	} {
		if got := band(c.c, c.sum, c.n); got != c.want {
			t.Errorf("%s: %d vs %d/%d: %s, want %s", c.name, c.c, c.sum, c.n, got, c.want)
		}
	}
}

func TestYearBandUsesCoveredWeeks(t *testing.T) {
	opt := DefaultOptions()
	// 20 covered weeks of 3 (avg 3), current 6: +100%, large increase over 20 weeks.
	counts := make([]int, 21)
	for i := range counts {
		counts[i] = 3
	}
	counts[20] = 6
	s, cur := series(w0, counts...)
	b, f, ok := yearBand(s, cur, w0, opt)
	if !ok || b != LargeIncrease || f.weeks != 20 || !near(f.baseline, 3) {
		t.Errorf("20 weeks: %v %s %+v", ok, b, f)
	}
	// 12 covered weeks are too few.
	if _, _, ok := yearBand(s, cur, cur-12, opt); ok {
		t.Error("year band on 12 weeks")
	}
	if _, _, ok := monthBand(s, cur, cur-3); ok {
		t.Error("month band on 3 weeks")
	}
}

func TestHighest(t *testing.T) {
	opt := DefaultOptions()
	// The week 14 weeks back had 7 ≥ 6; the 13 between peaked at 5, so 6
	// is the most in 14 weeks (N = 14 ≥ 12).
	s, cur := series(w0, 7, 2, 3, 1, 0, 2, 4, 1, 2, 3, 1, 0, 2, 5, 6)
	f, since, ok := highest(s, cur, w0, opt)
	if !ok || since || f.weeks != 14 || f.baseline != 5 || f.current != 6 {
		t.Errorf("most in 14 weeks: %v %v %+v", ok, since, f)
	}
	// A tie ends the span: 6 five weeks back gives N = 5 < 12.
	s[cur-5] = 6
	if f, _, ok := highest(s, cur, w0, opt); ok || f.weeks != 5 {
		t.Errorf("tie five weeks back: %v %+v", ok, f)
	}
	// No earlier week as high: N counts all 13 covered weeks.
	s, cur = series(w0, 1, 2, 1, 0, 0, 3, 1, 2, 1, 0, 1, 2, 4)
	if f, since, ok := highest(s, cur, w0, opt); !ok || !since || f.weeks != 13 || f.baseline != 3 {
		t.Errorf("since the data begin: %v %v %+v", ok, since, f)
	}
	// ... but five covered weeks are not enough.
	if f, _, ok := highest(s, cur, cur-4, opt); ok || f.weeks != 5 {
		t.Errorf("five weeks of data: %v %+v", ok, f)
	}
	// Two events are under HighestMinCount however long the quiet before.
	s, cur = series(w0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)
	if _, _, ok := highest(s, cur, w0, opt); ok {
		t.Error("highest on 2 events")
	}
}

func TestEmerging(t *testing.T) {
	opt := DefaultOptions()
	start := date("2019-05-06") // the month's first Monday; three months before: 2019-02-06
	never := time.Time{}
	for _, c := range []struct {
		name        string
		recent      int
		lastSeen    time.Time
		coveredFrom time.Time
		want        bool
	}{
		// Last seen 5 Feb: every day from 6 Feb to 5 May silent.
		{"silent three months", 2, date("2019-02-05"), date("2018-01-01"), true},
		// Seen 6 Feb: three months less a day.
		{"silent a day short", 2, date("2019-02-06"), date("2018-01-01"), false},
		{"never seen, covered from January", 1, never, date("2019-01-07"), true},
		// Coverage from 4 Feb reaches back over the whole silent span.
		{"never seen, covered from the span's first week", 1, never, date("2019-02-04"), true},
		// Coverage from 11 Feb: its absence on 6–10 Feb is not observed.
		{"never seen, coverage too short", 1, never, date("2019-02-11"), false},
		// Seen in 2018, but the data say nothing of February.
		{"returning, silence not observed", 1, date("2018-06-01"), date("2019-03-04"), false},
		{"not violent this month", 0, date("2018-06-01"), date("2018-01-01"), false},
	} {
		if got := emerging(c.recent, c.lastSeen, c.coveredFrom, start, opt); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCoverage(t *testing.T) {
	cur := w0 + 20
	weeks := func(ws ...Week) map[Week]bool {
		m := map[Week]bool{}
		for _, w := range ws {
			m[cur-w] = true
		}
		return m
	}
	for _, c := range []struct {
		name     string
		reported map[Week]bool
		first    Week // relative to cur, back
		ok       bool
	}{
		// Weeks back with a report: 0 1 2 _ 4 5 _ _ _ 9. The one-week gap (3)
		// passes; the three-week gap (6–8) ends coverage at 5.
		{"gaps of one and three weeks", weeks(0, 1, 2, 4, 5, 9), 5, true},
		// 0 1 _ _ 4: a two-week gap passes.
		{"a two-week gap", weeks(0, 1, 4), 4, true},
		{"a quiet current week", weeks(1, 2), 2, true},
		{"nothing in the last three weeks", weeks(3, 4), 0, false},
		{"no reports", weeks(), 0, false},
	} {
		first, ok := coverage(c.reported, cur, 2)
		if ok != c.ok || (ok && first != cur-c.first) {
			t.Errorf("%s: first %d weeks back, ok %v; want %d, %v", c.name, cur-first, ok, c.first, c.ok)
		}
	}
}

func TestIsViolent(t *testing.T) {
	for _, c := range []struct {
		typ, sub string
		want     bool
	}{
		{"Battles", "Armed clash", true},
		{"Explosions/Remote violence", "Air/drone strike", true},
		{"Violence against civilians", "Abduction/forced disappearance", true},
		{"Riots", "Mob violence", true},
		{"Protests", "Excessive force against protesters", true},
		{"Protests", "Peaceful protest", false},
		{"Protests", "Protest with intervention", false},
		{"Strategic developments", "Arrests", false},
		{"", "", false},
	} {
		if got := IsViolent(c.typ, c.sub); got != c.want {
			t.Errorf("%s / %s: %v, want %v", c.typ, c.sub, got, c.want)
		}
	}
}

func TestNonState(t *testing.T) {
	for _, c := range []struct {
		id, typ string
		want    bool
	}{
		{"ISIS", "rebel", true},
		{"PMF", "political_militia", true},
		{"LOCAL-ARMED", "identity_militia", true},
		{"HURRAS", "", true},
		{"UNIDENTIFIED", "rebel", false},
		{"STATE:SYR", "state", false},
		{"STATE:IRQ", "", false},
		{"COALITION", "external", false},
		{"CIVILIANS", "civilians", false},
		{"PROTESTERS", "", false},
	} {
		if got := NonState(c.id, c.typ); got != c.want {
			t.Errorf("%s (%q): %v, want %v", c.id, c.typ, got, c.want)
		}
	}
}
