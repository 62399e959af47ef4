package dedup

import (
	"fmt"
	"math"
	"strconv"

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
	case tollConflict:
		return "tolls apart: " + toll(c.Fatalities) + " vs " + toll(e.Fatalities)
	case weakEvidence:
		return "fields in doubt (" + c.SubEventType + " vs " + e.SubEventType + ", " + dateSpan(c.Date) + " vs " + dateSpan(e.Date) + ") and too little repeated evidence"
	}
	return ""
}

func toll(f *event.Fatalities) string {
	if f == nil {
		return "none"
	}
	return strconv.Itoa(f.Count)
}

// Explain says why event e (from doc) joins cluster c: the decision's
// score and each signal judge weighed, with what it saw. It is computed
// for the one cluster an event joins, never on the hot path.
func Explain(c *event.Stored, doc event.Doc, e *event.Event) *event.Why {
	return explainAs(c, doc, e, false)
}

// explainAs is Explain for a report, or for a bridged cluster's record
// (judgeAs).
func explainAs(c *event.Stored, doc event.Doc, e *event.Event, bridge bool) *event.Why {
	v := judgeAs(c, doc, e, true, bridge)
	round := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	w := &event.Why{By: ByRasd, Score: round(v.score)}
	add := func(name string, value, weight float64, note string) {
		w.Signals = append(w.Signals, event.Signal{Name: name, Value: round(value), Weight: weight, Note: note})
	}
	typeNote := c.SubEventType + " / " + e.SubEventType
	switch {
	case v.chemical:
		typeNote += ": a chemical attack and another kind"
	case v.crossType:
		typeNote = c.EventType + " / " + e.EventType + ": one family, other types"
	}
	add("type", v.typ, weightType, typeNote)
	add("place", v.place.score, weightPlace, placeLevels[v.place.level]+": "+placeName(c.Location)+" / "+placeName(e.Location))
	dateNote := dateSpan(c.Date) + " / " + dateSpan(e.Date)
	if v.byPublished {
		dateNote += ": apart, but within " + strconv.Itoa(lag) + " days before a report's publication"
	}
	add("date", v.date, weightDate, dateNote)
	actorNote := actorPair(&c.Event) + " / " + actorPair(e)
	switch {
	case v.actors.conflict:
		actorNote += ": no named party in common"
	case v.actors.named > 0:
		actorNote += fmt.Sprintf(": %d named in common", v.actors.named)
	default:
		actorNote += ": one side names nobody"
	}
	add("actors", v.actors.score, weightActors, actorNote)
	add("toll", v.toll, weightToll, toll(c.Fatalities)+" / "+toll(e.Fatalities))
	add("wording", max(v.words, 0), weightWords, "share of the shorter report's word pairs found in a source of the event")
	// Rare words weigh nothing in the score (the wording does); they are
	// listed because a rule may have leaned on them.
	add("names", float64(v.names), 0, "rare words (names of people and sites) shared with a source of the event")
	return w
}

// ByRasd and ByAnalyst say who made a merge decision.
const (
	ByRasd    = "rasd"
	ByAnalyst = "analyst"
)

var placeLevels = [...]string{
	placeUnknown: "no place to compare",
	placeCountry: "same country",
	placeFar:     "same or next province, apart",
	placeAdmin1:  "same province",
	placeAdmin2:  "same district or within reach of a vague place",
	placeNear:    "same spot or nearby",
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
