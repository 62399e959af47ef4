package trend

import (
	"fmt"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Every day over fifty years lands in the week Go's ISOWeek names, between
// that week's Monday and Sunday.
func TestWeekOfAgreesWithISOWeek(t *testing.T) {
	for d := date("1995-01-01"); d.Before(date("2045-01-01")); d = d.AddDate(0, 0, 1) {
		w := WeekOf(d)
		y, n := d.ISOWeek()
		if got, want := w.String(), fmt.Sprintf("%04d-W%02d", y, n); got != want {
			t.Fatalf("%s: week %s, want %s", d.Format(dateLayout), got, want)
		}
		if w.Monday().Weekday() != time.Monday || d.Before(w.Monday()) || d.After(w.Sunday()) {
			t.Fatalf("%s: not within %s..%s", d.Format(dateLayout), w.Monday(), w.Sunday())
		}
	}
}

func TestWeekBoundaries(t *testing.T) {
	for _, c := range []struct{ day, week, monday string }{
		{"2019-12-29", "2019-W52", "2019-12-23"}, // a Sunday
		{"2019-12-30", "2020-W01", "2019-12-30"}, // Monday of ISO 2020's first week, still in 2019
		{"2021-01-03", "2020-W53", "2020-12-28"}, // 2020 has 53 ISO weeks
		{"2021-01-04", "2021-W01", "2021-01-04"},
		{"1969-12-28", "1969-W52", "1969-12-22"}, // before the serial's origin
	} {
		w := WeekOf(date(c.day))
		if w.String() != c.week || w.Monday().Format(dateLayout) != c.monday {
			t.Errorf("%s: %s from %s, want %s from %s", c.day, w, w.Monday().Format(dateLayout), c.week, c.monday)
		}
	}
	// Four weeks back from 2021-W02 crosses week 53 and the year end:
	// W01, 2020-W53, W52, W51.
	cur := WeekOf(date("2021-01-11"))
	var got []string
	for w := cur - 1; w >= cur-4; w-- {
		got = append(got, w.String())
	}
	if want := "[2021-W01 2020-W53 2020-W52 2020-W51]"; fmt.Sprint(got) != want {
		t.Errorf("weeks before %s: %v, want %s", cur, got, want)
	}
}

// A date keeps its calendar day whatever the location of the time value.
func TestWeekOfUsesTheCalendarDay(t *testing.T) {
	damascus := time.FixedZone("+03", 3*60*60)
	early := time.Date(2019, 3, 18, 1, 0, 0, 0, damascus) // Sunday 22:00 UTC
	if got := WeekOf(early).Monday().Format(dateLayout); got != "2019-03-18" {
		t.Errorf("01:00 on Monday 18 March in +03: week of %s, want 2019-03-18", got)
	}
}

func TestCurrentWeekIsTheLastCompleteWeek(t *testing.T) {
	for _, c := range []struct{ asOf, monday string }{
		{"2019-03-24", "2019-03-18"}, // Sunday: its own week is complete
		{"2019-03-25", "2019-03-18"}, // Monday: the week just ended
		{"2019-03-27", "2019-03-18"},
		{"2019-03-31", "2019-03-25"},
		{"2021-01-04", "2020-12-28"}, // the week before is ISO week 53
	} {
		if got := CurrentWeek(date(c.asOf)).Monday().Format(dateLayout); got != c.monday {
			t.Errorf("as of %s: week of %s, want %s", c.asOf, got, c.monday)
		}
	}
}
