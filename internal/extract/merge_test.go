package extract

import (
	"testing"

	"rasd/internal/event"
	"rasd/internal/text"
)

// A gathering merged into a protest that was fired on keeps the force used:
// the later report of people assembling is the same protest, not a
// peaceful one.
func TestMergedProtestKeepsTheForceUsed(t *testing.T) {
	fired := &frame{class: "death", typ: event.Protests, sub: "Excessive force against protesters", priority: 5,
		evidence: []text.Span{{Text: "a", Start: 0, End: 1}}}
	gathering := &frame{class: "protest", typ: event.Protests, sub: "Peaceful protest", priority: 12, sent: 1,
		evidence: []text.Span{{Text: "b", Start: 10, End: 11}}}
	absorb(fired, gathering)
	if fired.sub != "Excessive force against protesters" || fired.class != "death" {
		t.Errorf("merged protest is %q (class %s), want the excessive force it was", fired.sub, fired.class)
	}
	peaceful := &frame{class: "protest", typ: event.Protests, sub: "Peaceful protest", priority: 12,
		evidence: []text.Span{{Text: "a", Start: 0, End: 1}}}
	intervened := &frame{class: "protest_intervention", typ: event.Protests, sub: "Protest with intervention", priority: 14, sent: 1,
		evidence: []text.Span{{Text: "b", Start: 10, End: 11}}}
	absorb(peaceful, intervened)
	if peaceful.sub != "Protest with intervention" {
		t.Errorf("a protest later dispersed is %q, want Protest with intervention", peaceful.sub)
	}
}
