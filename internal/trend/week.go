package trend

import (
	"fmt"
	"time"
)

// Week is an ISO week (Monday to Sunday) as a serial number, so that "four
// weeks before" is plain subtraction across year ends and ISO week 53.
// Week 0 starts on Monday 1969-12-29.
type Week int

const secondsPerDay = 24 * 60 * 60

// WeekOf returns the ISO week that contains t's calendar day (in t's own
// location, so a date parsed as UTC stays on its day).
func WeekOf(t time.Time) Week {
	return Week(floorDiv(dayNumber(t)+3, 7))
}

// CurrentWeek is the week the alerts speak of, as of asOf: the last complete
// week. asOf's own week counts only when asOf is its Sunday; otherwise the
// week before it does. A partial week compared with full-week averages would
// read as a fall in violence and hide surges, so the days after the last
// Sunday wait for their week to end.
func CurrentWeek(asOf time.Time) Week {
	w := WeekOf(asOf)
	if asOf.Weekday() != time.Sunday {
		w--
	}
	return w
}

// Monday is the first day of w, at midnight UTC.
func (w Week) Monday() time.Time {
	return time.Unix(int64(int(w)*7-3)*secondsPerDay, 0).UTC()
}

// Sunday is the last day of w, at midnight UTC.
func (w Week) Sunday() time.Time { return w.Monday().AddDate(0, 0, 6) }

// String is the ISO 8601 week label, e.g. 2020-W53.
func (w Week) String() string {
	y, n := w.Monday().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, n)
}

// dayNumber counts calendar days from 1970-01-01 to t's date.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(floorDiv64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), secondsPerDay))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// day is the calendar date of t at midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

const dateLayout = "2006-01-02"
