package dedup

import (
	"fmt"

	"rasd/internal/event"
)

// These render the fields a rejection names, for the measurement's error
// list and for anyone asking why two events stayed apart.

// explain says why rule r keeps event e out of cluster c; "" when r is fits.
func (r rule) explain(c *event.Stored, e *event.Event) string {
	switch r {
	case sameDocument:
		return "same document"
	case aggregateMismatch:
		return "one is an aggregate of several occurrences"
	case typeMismatch:
		return "type: " + c.SubEventType + " vs " + e.SubEventType
	case actorConflict:
		return "actors: " + actorPair(&c.Event) + " vs " + actorPair(e)
	case placeApart:
		return "place: " + placeName(c.Location) + " vs " + placeName(e.Location)
	case dateApart:
		return "date: " + dateSpan(c.Date) + " vs " + dateSpan(e.Date)
	case nothingInCommon:
		return "no place or actor in common (" + placeName(c.Location) + ", " + placeName(e.Location) + ")"
	}
	return ""
}

func actorPair(e *event.Event) string { return actorID(e.Actor1) + "→" + actorID(e.Actor2) }

func actorID(a *event.Actor) string {
	if a == nil {
		return "null"
	}
	return a.ID
}

func placeName(l *event.Location) string {
	if l == nil {
		return "no place"
	}
	name := l.NameEN
	if name == "" {
		name = l.PlaceID
	}
	return fmt.Sprintf("%s [%s/%s/%s p%d]", name, l.Country, l.Admin1, l.Admin2, l.GeoPrecision)
}

func dateSpan(d *event.Date) string {
	if d == nil {
		return "no date"
	}
	if d.Start == d.End {
		return d.Start
	}
	return d.Start + ".." + d.End
}
