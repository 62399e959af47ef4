package lexicon

import (
	"testing"
	"time"
)

func TestMonthNames(t *testing.T) {
	ms, err := MonthNames()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[int]bool{Gregorian: {}, Hijri: {}}
	for _, m := range ms {
		seen[m.Calendar][m.Month] = true
	}
	for cal, months := range seen {
		if len(months) != 12 {
			t.Errorf("%s: names for %d months, want 12", cal, len(months))
		}
	}
}

func TestWeekdayNames(t *testing.T) {
	ws, err := WeekdayNames()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[time.Weekday]bool{}
	for _, w := range ws {
		seen[w.Weekday] = true
	}
	if len(seen) != 7 {
		t.Errorf("names for %d weekdays, want 7", len(seen))
	}
}

func TestTimeWords(t *testing.T) {
	ws, err := TimeWords()
	if err != nil {
		t.Fatal(err)
	}
	days := map[string]bool{}
	for _, w := range ws {
		if w.Kind == "ordinal" {
			days[w.Value] = true
		}
	}
	if len(days) != 31 {
		t.Errorf("ordinals for %d days, want 31", len(days))
	}
}

func TestCheckTimeWordRejects(t *testing.T) {
	for _, w := range []TimeWord{
		{Kind: "ordinal", Value: "32", Phrase: "x"},
		{Kind: "mod", Value: "soon", Phrase: "x"},
		{Kind: "unit", Value: "day", Phrase: "x"},
		{Kind: "unit", Value: "fortnight:one", Phrase: "x"},
		{Kind: "colour", Value: "red", Phrase: "x"},
	} {
		if checkTimeWord(w) == nil {
			t.Errorf("%+v accepted", w)
		}
	}
}
