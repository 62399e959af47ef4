package dedup

import (
	"testing"

	"rasd/internal/event"
)

// TestEvaluateElsewhere: a report whose only event lies outside its
// labelled sentences is missed, and listed apart when that event merged
// with the other report's.
func TestEvaluateElsewhere(t *testing.T) {
	at := func(id string, start int, e event.Event) event.Result {
		e.ID = id + "#1"
		e.Evidence = []event.Span{{Text: "غارة", Start: start, End: start + 10}}
		return event.Result{Doc: doc(id), Events: []event.Event{e}}
	}
	far := raid("")
	far.Location = town("wof:9", 35.50, 40.90)
	span := []Range{{Start: 0, End: 20}}
	g := Group{ID: "g", EventType: event.Explosions, Reports: []Report{
		{DocID: "a", Spans: span}, {DocID: "b", Spans: span}, {DocID: "c", Spans: span}}}
	sc, err := Evaluate([]Group{g}, []event.Result{at("a", 30, raid("")), at("b", 0, raid("")), at("c", 30, far)})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Positives != 3 || sc.Found != 0 || len(sc.Elsewhere) != 1 || sc.Elsewhere[0].A.doc != "a" || sc.Elsewhere[0].B.doc != "b" {
		t.Errorf("positives %d, found %d, elsewhere %v: want 3, 0 and a/b", sc.Positives, sc.Found, sc.Elsewhere)
	}
}
