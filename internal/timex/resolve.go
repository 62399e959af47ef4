package timex

import (
	"time"

	hijri "github.com/hablullah/go-hijri"
)

// Dates are calendar days at 00:00 UTC; arithmetic on them never meets a
// daylight-saving change.

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// dayOf is the calendar day t falls on in its own location: an article
// stamped 23:30 +04:00 was published that day where it was written.
func dayOf(t time.Time) time.Time { return date(t.Year(), t.Month(), t.Day()) }

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

func lastOfMonth(y int, m time.Month) time.Time { return date(y, m+1, 0) }

// latestWeekday is the latest day on or before d that falls on wd.
func latestWeekday(d time.Time, wd time.Weekday) time.Time {
	back := (int(d.Weekday()) - int(wd) + 7) % 7
	return addDays(d, -back)
}

// yearFor picks the year of month m, given the month (py, pm) of publication
// and a modifier: «الماضي» the latest such month before this one, «المقبل»
// the next one after it, «الجاري» this year, and nothing the latest not
// after publication.
func yearFor(m, py, pm, mod int) int {
	switch mod {
	case modPast:
		if m < pm {
			return py
		}
		return py - 1
	case modNext:
		if m > pm {
			return py
		}
		return py + 1
	case modCurrent:
		return py
	}
	if m <= pm {
		return py
	}
	return py - 1
}

// Umm al-Qura, the calendar of Saudi official use and of most news that
// gives Hijri dates, covers these years in go-hijri's tables; outside them
// its conversion would index past the table.
const (
	minHijriYear = 1357
	maxHijriYear = 1499
)

// hijriMonth is the Gregorian interval of Hijri month m of year y.
func hijriMonth(y, m int) (start, end time.Time, ok bool) {
	if y < minHijriYear || y > maxHijriYear || m < 1 || m > 12 {
		return start, end, false
	}
	s := hijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: 1}.ToGregorian()
	ny, nm := y, m+1
	if nm > 12 {
		ny, nm = y+1, 1
	}
	e := hijri.UmmAlQuraDate{Year: int64(ny), Month: int64(nm), Day: 1}.ToGregorian()
	s, e = s.UTC(), e.UTC()
	return date(s.Year(), s.Month(), s.Day()), addDays(date(e.Year(), e.Month(), e.Day()), -1), true
}

// hijriYear is the Gregorian interval of Hijri year y.
func hijriYear(y int) (start, end time.Time, ok bool) {
	s, _, ok1 := hijriMonth(y, 1)
	_, e, ok2 := hijriMonth(y, 12)
	return s, e, ok1 && ok2
}

// toHijri gives the Umm al-Qura year, month and day of d.
func toHijri(d time.Time) (y, m, day int, ok bool) {
	h, err := hijri.CreateUmmAlQuraDate(d)
	if err != nil || h.Year < minHijriYear || h.Year > maxHijriYear {
		return 0, 0, 0, false
	}
	return int(h.Year), int(h.Month), int(h.Day), true
}

// hijriYearOfMonthIn is the Hijri year whose month m begins in Gregorian
// year gy («رمضان 2019» is Ramadan 1440).
func hijriYearOfMonthIn(m, gy int) (int, bool) {
	hy, _, _, ok := toHijri(date(gy, 7, 1))
	if !ok {
		return 0, false
	}
	for _, y := range [...]int{hy - 1, hy, hy + 1} {
		if s, _, ok := hijriMonth(y, m); ok && s.Year() == gy {
			return y, true
		}
	}
	return 0, false
}

// monthInterval is the interval of month m of year y in a calendar.
func monthInterval(cal uint8, y, m int) (start, end time.Time, ok bool) {
	if cal == calHijri {
		return hijriMonth(y, m)
	}
	if y < 1 || y > 9999 || m < 1 || m > 12 {
		return start, end, false
	}
	return date(y, time.Month(m), 1), lastOfMonth(y, time.Month(m)), true
}

// yearInterval is the interval of year y in a calendar.
func yearInterval(cal uint8, y int) (start, end time.Time, ok bool) {
	if cal == calHijri {
		return hijriYear(y)
	}
	if y < 1 || y > 9999 {
		return start, end, false
	}
	return date(y, 1, 1), date(y, 12, 31), true
}

// middle is the middle day of [s, e], the later one of two.
func middle(s, e time.Time) time.Time { return addDays(s, (daysBetween(s, e)+1)/2) }

// precisionOf is ACLED's time precision for an interval with no more
// specific reading: one day, up to two weeks, or longer.
func precisionOf(s, e time.Time) int {
	switch n := daysBetween(s, e); {
	case n <= 0:
		return 1
	case n < 14:
		return 2
	}
	return 3
}
