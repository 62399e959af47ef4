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

// FromStored converts one stored event. It fails when the event has no
// usable event_date, since an undated event belongs to no week.
func FromStored(s *event.Stored) (Event, error) {
	if s.Date == nil || s.Date.EventDate == "" {
		return Event{}, fmt.Errorf("event %s has no event_date", s.ClusterID)
	}
	d, err := time.Parse(dateLayout, s.Date.EventDate)
	if err != nil {
		return Event{}, fmt.Errorf("event %s: bad event_date %q: want YYYY-MM-DD", s.ClusterID, s.Date.EventDate)
	}
	e := Event{
		ClusterID:    s.ClusterID,
		Date:         d,
		EventType:    s.EventType,
		SubEventType: s.SubEventType,
		Violent:      IsViolent(s.EventType, s.SubEventType),
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
