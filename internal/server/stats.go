package server

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"time"

	"rasd/internal/store"
)

// maxWeeks bounds the weekly axis of /api/stats: twenty years of weeks.
// Older weeks are counted in Earlier (a misread year such as 1918 must not
// stretch the axis over a century).
const maxWeeks = 20 * 53

// series is one line of a weekly chart: a type, a governorate, a country or
// an actor.
type series struct {
	Key string `json:"key"`
	// A governorate's country and HASC code: a few names are two
	// countries' provinces ("Al Jawf").
	Country    string `json:"country,omitempty"`
	Code       string `json:"code,omitempty"`
	Counts     []int  `json:"counts"` // one per week of statsBody.Weeks
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

type statsBody struct {
	// Weeks are the Mondays of every ISO week from the first event's to
	// the last's, gaps included, so that a chart's x axis is even.
	Weeks      []string `json:"weeks"`
	Events     []int    `json:"events"` // per week, all types
	Fatalities []int    `json:"fatalities"`
	Total      int      `json:"total"`      // events, dated or not
	Undated    int      `json:"undated"`    // of which without a date
	Earlier    int      `json:"earlier"`    // of which before the first week (see maxWeeks)
	ByType     []series `json:"by_type"`    // every ACLED event type, in ACLED's order
	ByAdmin1   []series `json:"by_admin1"`  // most events first; "" when the place is not known
	ByCountry  []series `json:"by_country"` // ISO alpha-3 codes, most events first; "" when not known
	ByActor    []series `json:"by_actor"`   // actor1 ids, most events first
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	rows, err := s.cfg.Store.Stats(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := weekly(rows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// weekly folds the store's week × type × admin1 × actor cells into one
// series per type, per governorate and per actor.
func weekly(rows []store.StatRow) (*statsBody, error) {
	b := &statsBody{Weeks: []string{}, Events: []int{}, Fatalities: []int{}, ByType: []series{}, ByAdmin1: []series{},
		ByCountry: []series{}, ByActor: []series{}}
	var first, last time.Time
	for _, r := range rows {
		if r.Week == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", r.Week)
		if err != nil {
			return nil, fmt.Errorf("the store returned a bad week %q", r.Week)
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	index := map[string]int{}
	if !first.IsZero() {
		n := int(last.Sub(first).Hours()/24/7) + 1
		if n > maxWeeks {
			first = last.AddDate(0, 0, -7*(maxWeeks-1))
			n = maxWeeks
		}
		for i := 0; i < n; i++ {
			wk := first.AddDate(0, 0, 7*i).Format("2006-01-02")
			b.Weeks = append(b.Weeks, wk)
			index[wk] = i
		}
	}
	n := len(b.Weeks)
	b.Events, b.Fatalities = make([]int, n), make([]int, n)
	byType, byAdmin1, byCountry, byActor := map[string]*series{}, map[string]*series{}, map[string]*series{}, map[string]*series{}
	for _, t := range eventTypes {
		byType[t] = &series{Key: t, Counts: make([]int, n)}
	}
	add := func(m map[string]*series, key string, i int, r store.StatRow) *series {
		s := m[key]
		if s == nil {
			s = &series{Key: key, Counts: make([]int, n)}
			m[key] = s
		}
		if i >= 0 {
			s.Counts[i] += r.Events
		}
		s.Events += r.Events
		s.Fatalities += r.Fatalities
		return s
	}
	for _, r := range rows {
		// An event with no date, or before the axis, counts in the totals
		// but in no week.
		i, onAxis := index[r.Week]
		switch {
		case onAxis:
			b.Events[i] += r.Events
			b.Fatalities[i] += r.Fatalities
		case r.Week == "":
			b.Undated += r.Events
			i = -1
		default:
			b.Earlier += r.Events
			i = -1
		}
		b.Total += r.Events
		add(byType, r.EventType, i, r)
		// A governorate is told apart by its country and code, not its
		// name alone.
		s := add(byAdmin1, r.Country+"\x00"+r.Admin1Code+"\x00"+r.Admin1, i, r)
		s.Key, s.Country, s.Code = r.Admin1, r.Country, r.Admin1Code
		add(byCountry, r.Country, i, r)
		add(byActor, r.Actor, i, r)
	}
	for _, t := range eventTypes {
		b.ByType = append(b.ByType, *byType[t])
		delete(byType, t)
	}
	// Types outside ACLED's six would be a store bug, but they are still
	// shown rather than dropped from the totals.
	b.ByType = append(b.ByType, ranked(byType)...)
	b.ByAdmin1 = ranked(byAdmin1)
	b.ByCountry = ranked(byCountry)
	b.ByActor = ranked(byActor)
	return b, nil
}

func ranked(m map[string]*series) []series {
	out := make([]series, 0, len(m))
	for _, s := range m {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Country < out[j].Country
	})
	return out
}
