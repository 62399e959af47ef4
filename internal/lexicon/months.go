package lexicon

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Calendars a month name may belong to.
const (
	Gregorian = "gregorian"
	Hijri     = "hijri"
)

// How much evidence a month name needs before it is read as a month
// (months.tsv explains each level).
const (
	ContextAny    = "any"
	ContextPrep   = "prep"
	ContextStrong = "strong"
)

// MonthName is one row of months.tsv.
type MonthName struct {
	Calendar string // Gregorian or Hijri
	Month    int    // 1..12
	Name     string // as written in the file; callers normalise
	Context  string // ContextAny, ContextPrep or ContextStrong
}

// MonthNames reads months.tsv.
func MonthNames() ([]MonthName, error) {
	var out []MonthName
	err := ReadTSV("months.tsv", func(r Row) error {
		m := MonthName{Calendar: r.Get("calendar"), Name: r.Get("name"), Context: r.Get("context")}
		if m.Calendar != Gregorian && m.Calendar != Hijri {
			return r.Errorf("calendar %q is neither %s nor %s", m.Calendar, Gregorian, Hijri)
		}
		n, err := strconv.Atoi(r.Get("month"))
		if err != nil || n < 1 || n > 12 {
			return r.Errorf("month %q is not 1..12", r.Get("month"))
		}
		m.Month = n
		if m.Name == "" {
			return r.Errorf("empty name")
		}
		switch m.Context {
		case ContextAny, ContextPrep, ContextStrong:
		default:
			return r.Errorf("context %q is not any, prep or strong", m.Context)
		}
		out = append(out, m)
		return nil
	})
	return out, err
}

// WeekdayName is one row of weekdays.tsv.
type WeekdayName struct {
	Weekday time.Weekday
	Name    string
}

// WeekdayNames reads weekdays.tsv.
func WeekdayNames() ([]WeekdayName, error) {
	var out []WeekdayName
	err := ReadTSV("weekdays.tsv", func(r Row) error {
		wd, ok := weekdays[strings.ToLower(r.Get("weekday"))]
		if !ok {
			return r.Errorf("unknown weekday %q", r.Get("weekday"))
		}
		if r.Get("name") == "" {
			return r.Errorf("empty name")
		}
		out = append(out, WeekdayName{Weekday: wd, Name: r.Get("name")})
		return nil
	})
	return out, err
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday,
}

// TimeWord is one row of timewords.tsv. Kind and the meaning of Value:
//
//	ordinal    day of the month, 1..31 («العاشر»)
//	count      a count before a unit, 1..10, or 0 for a vague "a few" («عدة»)
//	mod        past, current or next («الماضي», «الجاري», «المقبل»)
//	relday     days from the publication date («أمس» -1)
//	tod        a time of day before a day: day or night («صباح», «ليل»)
//	unit       unit:form, unit hour|day|week|month|year, form
//	           one|two|many|counted|the|thetwo («يوم», «يومين», «أيام», «يوما», «الأيام», «اليومين»)
//	period     week, month or year, named with the article («الشهر»)
//	monthword  1 before a month name («شهر»), 2 before two («شهري»)
//	yearword   1 before a year number («عام»), 2 before two («عامي»)
//	part       early, mid or late («مطلع», «منتصف», «أواخر»)
//	recent     a vague recency, in days back from publication («مؤخرا»)
//	this       a demonstrative before a period («هذا الشهر»)
//	blocker    date, today or year: a word that, just before such a
//	           mention, makes it something else («ثورة 25 يناير», «روسيا اليوم», «الأمين العام»)
type TimeWord struct {
	Kind   string
	Value  string
	Phrase string
}

// TimeWords reads timewords.tsv, checking each value against its kind.
func TimeWords() ([]TimeWord, error) {
	var out []TimeWord
	err := ReadTSV("timewords.tsv", func(r Row) error {
		w := TimeWord{Kind: r.Get("kind"), Value: r.Get("value"), Phrase: r.Get("phrase")}
		if w.Phrase == "" {
			return r.Errorf("empty phrase")
		}
		if err := checkTimeWord(w); err != nil {
			return r.Errorf("%v", err)
		}
		out = append(out, w)
		return nil
	})
	return out, err
}

func checkTimeWord(w TimeWord) error {
	intIn := func(lo, hi int) error {
		n, err := strconv.Atoi(w.Value)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("%s value %q is not %d..%d", w.Kind, w.Value, lo, hi)
		}
		return nil
	}
	oneOf := func(vals ...string) error {
		for _, v := range vals {
			if w.Value == v {
				return nil
			}
		}
		return fmt.Errorf("%s value %q is not one of %v", w.Kind, w.Value, vals)
	}
	switch w.Kind {
	case "ordinal":
		return intIn(1, 31)
	case "count":
		return intIn(0, 10)
	case "mod":
		return oneOf("past", "current", "next")
	case "relday":
		return intIn(-7, 7)
	case "tod":
		return oneOf("day", "night")
	case "unit":
		unit, form, ok := strings.Cut(w.Value, ":")
		if !ok {
			return fmt.Errorf("unit value %q is not unit:form", w.Value)
		}
		switch unit {
		case "hour", "day", "week", "month", "year":
		default:
			return fmt.Errorf("unknown unit %q", unit)
		}
		switch form {
		case "one", "two", "many", "counted", "the", "thetwo":
		default:
			return fmt.Errorf("unknown unit form %q", form)
		}
		return nil
	case "period":
		return oneOf("week", "month", "year")
	case "monthword", "yearword":
		return oneOf("1", "2")
	case "part":
		return oneOf("early", "mid", "late")
	case "season":
		return oneOf("3", "6", "9", "12")
	case "recent":
		return intIn(1, 366)
	case "this":
		return nil
	case "blocker":
		return oneOf("date", "today", "year")
	}
	return fmt.Errorf("unknown kind %q", w.Kind)
}
