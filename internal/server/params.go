package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rasd/internal/event"
	"rasd/internal/store"
)

// Paging limits of GET /api/events. The map view carries a few fields per
// event, so it may ask for many more at once than the full view.
const (
	DefaultLimit = 50
	MaxLimit     = 500
	MaxMapLimit  = 10000
	maxQueryLen  = 200
)

// filterParams are the query parameters every read endpoint accepts: the
// filters of `rasd export`.
var filterParams = []string{"since", "until", "type", "actor", "admin1", "country", "bbox", "q", "background"}

// pageParams are the extra parameters of GET /api/events.
var pageParams = []string{"limit", "offset", "sort", "view"}

// paramError is a bad query parameter; handlers answer it with 400.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func badParam(format string, args ...any) error {
	return &paramError{fmt.Sprintf(format, args...)}
}

// checkParams rejects parameters the endpoint does not know, so that a typo
// («typ=Battles») is an error rather than a silently unfiltered answer.
func checkParams(q url.Values, known ...[]string) error {
	for name, vs := range q {
		ok := false
		for _, set := range known {
			if slices.Contains(set, name) {
				ok = true
				break
			}
		}
		if !ok {
			var all []string
			for _, set := range known {
				all = append(all, set...)
			}
			return badParam("unknown parameter %q (this endpoint takes %s)", name, strings.Join(all, ", "))
		}
		if len(vs) > 1 && name != "type" {
			return badParam("parameter %q given %d times; give it once", name, len(vs))
		}
	}
	return nil
}

// parseFilter reads the filter parameters into a store.Filter. Every value
// reaches the store as a field of the Filter, never as SQL text.
func parseFilter(q url.Values) (store.Filter, error) {
	var f store.Filter
	var err error
	if f.Since, err = parseDay(q, "since"); err != nil {
		return f, err
	}
	if f.Until, err = parseDay(q, "until"); err != nil {
		return f, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		return f, badParam("until (%s) is before since (%s)", q.Get("until"), q.Get("since"))
	}
	for _, v := range q["type"] {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			c, ok := store.CanonicalType(t)
			if !ok {
				return f, badParam("type %q is not an ACLED event or sub-event type (event types: %s)", t, strings.Join(event.EventTypes, ", "))
			}
			f.Types = append(f.Types, c)
		}
	}
	if f.Actor, err = parseWord(q, "actor", 40); err != nil {
		return f, err
	}
	if f.Admin1, err = parseWord(q, "admin1", 60); err != nil {
		return f, err
	}
	if f.Country, err = parseWord(q, "country", 60); err != nil {
		return f, err
	}
	if v := q.Get("bbox"); v != "" {
		b, err := store.ParseBBox(v)
		if err != nil {
			return f, &paramError{strings.TrimPrefix(err.Error(), store.ErrBadFilter.Error()+": ")}
		}
		f.BBox = b
	}
	if f.Text, err = parseWord(q, "q", maxQueryLen); err != nil {
		return f, err
	}
	if v, ok := q["background"]; ok {
		if f.Background, err = store.ParseBackground(v[0]); err != nil || v[0] == "" {
			return f, badParam("background %q: want false (leave out events that articles recall as past context), true (only those) or all", v[0])
		}
	}
	// The store resolves the country and the province (any of the 23
	// countries', by code or by name) and says what is wrong with them;
	// asking now answers 400 before any work.
	return f, f.Validate()
}

func parseDay(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, badParam("%s %q: want a date as YYYY-MM-DD", name, v)
	}
	return t, nil
}

func parseWord(q url.Values, name string, max int) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if !utf8.ValidString(v) {
		return "", badParam("%s is not valid UTF-8", name)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return "", badParam("%s is %d characters long; the limit is %d", name, n, max)
	}
	return v, nil
}

// page is the paging part of GET /api/events.
type page struct {
	Limit, Offset int
	Sort          string
	Map           bool // view=map: the few fields the map needs
}

func parsePage(q url.Values) (page, error) {
	p := page{Limit: DefaultLimit, Sort: "date"}
	switch v := q.Get("view"); v {
	case "", "full":
	case "map":
		p.Map = true
	default:
		return p, badParam("view %q: want full (the default) or map", v)
	}
	max := MaxLimit
	if p.Map {
		max = MaxMapLimit
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, badParam("limit %q: want a whole number from 1 to %d", v, max)
		}
		if n > max {
			return p, badParam("limit %d is above the maximum of %d; page with offset", n, max)
		}
		p.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, badParam("offset %q: want a whole number, 0 or more", v)
		}
		p.Offset = n
	}
	if v := q.Get("sort"); v != "" {
		if !slices.Contains(store.Sorts, v) {
			return p, badParam("sort %q: want one of %s", v, strings.Join(store.Sorts, ", "))
		}
		p.Sort = v
	}
	return p, nil
}
