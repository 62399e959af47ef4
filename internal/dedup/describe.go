package dedup

import (
	"fmt"

	"rasd/internal/event"
)

// These render the fields a rejection names, for the measurement's error
// list and for anyone asking why two events stayed apart.

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
