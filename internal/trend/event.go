// Package trend turns events into weekly series per governorate (admin1) and
// per actor, and applies ACLED's published early-warning rules to them:
// Subnational Surge, Subnational Threat, Trendfinder change bands, plus
// "highest in N weeks" and emerging actors. Everything here is a pure
// function of the events and the as-of date: no I/O, no clock.
//
// Sources, ACLED's own pages: the Subnational Threat & Surge Trackers
// (acleddata.com/early-warning-research-hub/subnational-threat-surge-tracker/),
// Trendfinder (acleddata.com/trendfinder/, acleddata.com/platform/trendfinder)
// and the Emerging Actor Tracker of the same Early Warning hub (read in a
// mirrored copy). Where their text leaves a choice open, the doc comment of
// the rule says what rasd chose; docs/design.md sums them up.
package trend

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"rasd/internal/event"
)

// Event is what the rules need of one merged (stored) event.
type Event struct {
	ClusterID    string
	Date         time.Time // event_date, a calendar day
	EventType    string
	SubEventType string
	Admin1       string // "" when the place is not known to governorate level
	Country      string // ISO alpha-3
	Actor1       string // actor ids, "" when absent
	Actor2       string
	Actor1Type   string // ACLED actor kind (SCHEMA.md), "" when absent
	Actor2Type   string
	Fatalities   int
	// Reports are the publication dates of the documents that report it,
	// empty when none gives one (the event date stands in then). They tell
	// which weeks the data observe: an article of 2018 that recalls a
	// battle of 1948 does not make 1948 part of the observed record.
	Reports []time.Time
	// Violent marks political violence as ACLED's trackers count it; see
	// IsViolent.
	Violent bool
}

// IsViolent reports whether an event of this type counts as political
// violence for the trackers. ACLED's Surge, Threat and Emerging Actor
// trackers count Battles, Explosions/Remote violence, Violence against
// civilians and Riots, plus the "Excessive force against protesters"
// sub-event type of Protests; peaceful protests, protests with
// intervention and strategic developments are left out. rasd follows that
// list, Riots included.
func IsViolent(eventType, subEventType string) bool {
	switch eventType {
	case event.Battles, event.Explosions, event.VAC, event.Riots:
		return true
	case event.Protests:
		return subEventType == "Excessive force against protesters"
	}
	return false
}

// Reasons FromStored gives for leaving an event out of every week.
var (
	// ErrUndated: no event_date, or one that is not YYYY-MM-DD.
	ErrUndated = errors.New("no usable event_date")
	// ErrVagueDate: the text allows more than MaxInterval days, as with
	// «عام 2017»; the event's middle day, which event_date holds then, would
	// pile a year of events into one week in July.
	ErrVagueDate = errors.New("date interval longer than a month")
	// ErrAfterReport: the interval starts after the last report of the
	// event, as with plans «بحلول عام 2030»: not an occurrence yet.
	ErrAfterReport = errors.New("dated after every report of it")
)

// MaxInterval is the longest date interval, in days, an event may have and
// still be placed in a week: a calendar month.
const MaxInterval = 31

// FromStored converts one stored event, or says with one of the errors
// above why it belongs to no week.
func FromStored(s *event.Stored) (Event, error) {
	if s.Date == nil || s.Date.EventDate == "" {
		return Event{}, fmt.Errorf("event %s: %w", s.ClusterID, ErrUndated)
	}
	d, err := time.Parse(dateLayout, s.Date.EventDate)
	if err != nil {
		return Event{}, fmt.Errorf("event %s: event_date %q is not YYYY-MM-DD: %w", s.ClusterID, s.Date.EventDate, ErrUndated)
	}
	from, to := d, d
	if t, err := time.Parse(dateLayout, s.Date.Start); err == nil {
		from = t
	}
	if t, err := time.Parse(dateLayout, s.Date.End); err == nil {
		to = t
	}
	if to.Sub(from) > MaxInterval*24*time.Hour {
		return Event{}, fmt.Errorf("event %s: %s to %s: %w", s.ClusterID, s.Date.Start, s.Date.End, ErrVagueDate)
	}
	e := Event{
		ClusterID:    s.ClusterID,
		Date:         d,
		EventType:    s.EventType,
		SubEventType: s.SubEventType,
		Violent:      IsViolent(s.EventType, s.SubEventType),
	}
	var last time.Time
	for _, src := range s.Sources {
		p, err := time.Parse(dateLayout, src.Published)
		if err != nil {
			continue
		}
		e.Reports = append(e.Reports, p)
		if p.After(last) {
			last = p
		}
	}
	if !last.IsZero() && from.After(last) {
		return Event{}, fmt.Errorf("event %s: starts %s, last reported %s: %w", s.ClusterID, from.Format(dateLayout), last.Format(dateLayout), ErrAfterReport)
	}
	if s.Location != nil {
		e.Admin1 = s.Location.Admin1
		e.Country = s.Location.Country
	}
	if s.Actor1 != nil {
		e.Actor1, e.Actor1Type = s.Actor1.ID, s.Actor1.Type
	}
	if s.Actor2 != nil {
		e.Actor2, e.Actor2Type = s.Actor2.ID, s.Actor2.Type
	}
	if s.Fatalities != nil {
		e.Fatalities = s.Fatalities.Count
	}
	return e, nil
}

// NonState reports whether an actor can be an emerging actor. ACLED's
// Emerging Actor Tracker looks at violent non-state actors and never at
// civilians. rasd also leaves out protesters and rioters (crowds, not
// groups), external forces (the coalition, foreign states) and
// UNIDENTIFIED, which names no group. When the actor kind is missing, the
// id decides.
func NonState(id, actorType string) bool {
	switch actorType {
	case "rebel", "political_militia", "identity_militia":
		return id != "UNIDENTIFIED"
	case "":
	default:
		return false
	}
	switch id {
	case "", "CIVILIANS", "PROTESTERS", "UNIDENTIFIED", "COALITION":
		return false
	}
	return !strings.HasPrefix(id, "STATE:")
}
