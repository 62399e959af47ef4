package extract

import (
	"strings"

	"rasd/internal/actors"
	"rasd/internal/event"
)

func actorRecord(m *actors.Mention) *event.Actor {
	if m == nil {
		return nil
	}
	return &event.Actor{ID: m.Actor.VocabID(), NameEN: m.Actor.NameEN, NameAR: m.Actor.NameAR, Type: m.Actor.Type,
		Text: m.Span.Text, Start: m.Span.Start, End: m.Span.End}
}

func actorList(ms []*actors.Mention) []event.Actor {
	out := make([]event.Actor, 0, len(ms))
	for _, m := range ms {
		out = append(out, *actorRecord(m))
	}
	return out
}

// record turns a finished frame into SCHEMA.md's EVENT.
func (art *article) record(f *frame) event.Event {
	ev := event.Event{
		EventType: f.typ, SubEventType: f.sub,
		Actor1: actorRecord(f.actor1), AssocActor1: actorList(f.assoc1),
		Actor2: actorRecord(f.actor2), AssocActor2: actorList(f.assoc2),
		Location: art.locationRecord(f), Date: art.dateRecord(f), Fatalities: f.fat.record(),
		Certainty: f.certainty, ClaimedBy: actorRecord(f.claimedBy),
		Background: f.background, Aggregate: f.aggregate,
		Trigger: event.Span{Text: f.trig.Span.Text, Start: f.trig.Span.Start, End: f.trig.Span.End},
		Rule:    strings.Join(f.rules, "; "),
	}
	for _, sp := range f.evidence {
		ev.Evidence = append(ev.Evidence, event.Span{Text: sp.Text, Start: sp.Start, End: sp.End})
	}
	ev.Confidence = confidence(f)
	pl := event.PloverOf(f.sub, f.class)
	ev.Plover = &pl
	ownTexts(&ev)
	return ev
}

// ownTexts gives each quoted text of ev a copy of its own. The finders'
// spans are substrings of the whole article (text.Text.Slice), and an
// event outlives its article in a store's clusters: there a few words
// would otherwise keep the article's whole text alive.
func ownTexts(ev *event.Event) {
	for _, a := range []*event.Actor{ev.Actor1, ev.Actor2, ev.ClaimedBy} {
		if a != nil {
			a.Text = strings.Clone(a.Text)
		}
	}
	for _, as := range [][]event.Actor{ev.AssocActor1, ev.AssocActor2} {
		for i := range as {
			as[i].Text = strings.Clone(as[i].Text)
		}
	}
	if ev.Location != nil {
		ev.Location.Text = strings.Clone(ev.Location.Text)
	}
	if ev.Date != nil {
		ev.Date.Text = strings.Clone(ev.Date.Text)
	}
	if ev.Fatalities != nil {
		ev.Fatalities.Text = strings.Clone(ev.Fatalities.Text)
	}
	ev.Trigger.Text = strings.Clone(ev.Trigger.Text)
	for i := range ev.Evidence {
		ev.Evidence[i].Text = strings.Clone(ev.Evidence[i].Text)
	}
}

// confidence grows with the slots the text filled for the event.
func confidence(f *frame) float64 {
	c := 0.35
	if f.actor1 != nil {
		c += 0.15
	}
	if f.actor2 != nil {
		c += 0.1
	}
	if f.place != nil && f.precision < 3 {
		c += 0.15
	}
	if f.date != nil {
		c += 0.1
	}
	if f.cc.has("means") {
		c += 0.1
	}
	if len(f.evidence) > 1 {
		c += 0.05
	}
	if c > 0.95 {
		c = 0.95
	}
	return c
}
