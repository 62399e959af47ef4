package store

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"rasd/internal/event"
)

// ErrBadFilter is wrapped by every error about a Filter a user wrote, so that
// commands can answer with a usage error and the server with 400.
var ErrBadFilter = errors.New("bad filter")

func badFilter(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadFilter, fmt.Sprintf(format, a...))
}

// Sorts are the orders Filter.Sort accepts.
var Sorts = []string{"date", "-date", "fatalities"}

// ParseBBox reads "minlon,minlat,maxlon,maxlat".
func ParseBBox(s string) (*BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, badFilter("bbox %q: want minlon,minlat,maxlon,maxlat (e.g. 35.5,32.3,42.4,37.3)", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, badFilter("bbox %q: %q is not a number", s, p)
		}
		// ParseFloat reads "NaN" and "Inf"; a NaN compares false with
		// every bound, so a box of NaNs would filter nothing.
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, badFilter("bbox %q: %q is not a finite number", s, p)
		}
		v[i] = f
	}
	b := &BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	return b, b.check()
}

func (b *BBox) check() error {
	for _, v := range [4]float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return badFilter("bbox %v: every coordinate must be a finite number", *b)
		}
	}
	switch {
	case b.MinLon < -180 || b.MaxLon > 180 || b.MinLat < -90 || b.MaxLat > 90:
		return badFilter("bbox %v: longitudes lie in -180..180 and latitudes in -90..90", *b)
	case b.MinLon > b.MaxLon || b.MinLat > b.MaxLat:
		return badFilter("bbox %v: the minimum comes before the maximum (minlon,minlat,maxlon,maxlat)", *b)
	}
	return nil
}

// ParseBackground reads the background filter as users give it: "false"
// leaves out the events that articles recall as past context, "true" keeps
// only them, "all" (or nothing) keeps both.
func ParseBackground(s string) (*bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "all":
		return nil, nil
	case "false":
		v := false
		return &v, nil
	case "true":
		v := true
		return &v, nil
	}
	return nil, badFilter("background %q: want false (leave out events recalled as past context), true (only those) or all", s)
}

// CanonicalType returns ACLED's spelling of an event type or sub-event type
// given in any letter case, and whether it is one.
func CanonicalType(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, t := range event.EventTypes {
		if strings.EqualFold(s, t) {
			return t, true
		}
		for _, sub := range event.SubTypes[t] {
			if strings.EqualFold(s, sub) {
				return sub, true
			}
		}
	}
	return "", false
}

// normalized checks f and returns it in the form the queries compare with:
// canonical type names, the country as its ISO alpha-3 code, admin1 as the
// HASC codes of the provinces it names (places.go).
func (f Filter) normalized() (Filter, error) {
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		return f, badFilter("until %s is before since %s", day(f.Until), day(f.Since))
	}
	types := make([]string, 0, len(f.Types))
	for _, t := range f.Types {
		c, ok := CanonicalType(t)
		if !ok {
			return f, badFilter("type %q is not an ACLED event type or sub-event type (e.g. %q, %q)", t, event.Battles, "Air/drone strike")
		}
		types = append(types, c)
	}
	f.Types = types
	f.Actor = strings.TrimSpace(f.Actor)
	f.Country = strings.TrimSpace(f.Country)
	f.Admin1 = strings.TrimSpace(f.Admin1)
	f.admin1Codes = nil
	if f.Country != "" || f.Admin1 != "" {
		n, err := loadNames()
		if err != nil {
			return f, err
		}
		if f.Country != "" {
			if f.Country, err = n.resolveCountry(f.Country); err != nil {
				return f, err
			}
		}
		if f.Admin1 != "" {
			if f.admin1Codes, err = n.resolveAdmin1(f.Admin1, f.Country); err != nil {
				return f, err
			}
		}
	}
	if f.BBox != nil {
		if err := f.BBox.check(); err != nil {
			return f, err
		}
	}
	if f.Text != "" && len(queryWords(f.Text)) == 0 {
		return f, badFilter("text %q has no word to search for", f.Text)
	}
	switch f.Sort {
	case "", "date", "-date", "fatalities":
	default:
		return f, badFilter("sort %q: want one of %s", f.Sort, strings.Join(Sorts, ", "))
	}
	if f.Limit < 0 || f.Offset < 0 {
		return f, badFilter("limit and offset cannot be negative")
	}
	return f, nil
}

func day(t time.Time) string { return t.Format("2006-01-02") }

// week is the Monday of date's ISO week, or "" for no date.
func week(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return ""
	}
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return day(t.AddDate(0, 0, -back))
}

// Validate reports what is wrong with a filter a user wrote, as an error
// wrapping ErrBadFilter; every query method checks the same.
func (f Filter) Validate() error {
	_, err := f.normalized()
	return err
}
