package extract

import (
	"fmt"
	"testing"

	"rasd/internal/event"
)

// Sentences whose words some pages glue together (the spaces around links
// and tags lost) code the event their spaced form codes: the text layer cuts
// the glued words (text/glue.go), and every span still points at the glued
// original. The sentences are the authors' own.
func TestGluedWordsCodeTheSpacedEvent(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct{ spaced, glued string }{
		{"قتل ثلاثة مدنيين في قصف مدفعي على بلدة الحويجة أمس.",
			"قتلثلاثة مدنيين في قصف مدفعيعلى بلدة الحويجة أمس."},
		{"استهدفت طائرة مسيرة تركية مقرا لقوات سوريا الديمقراطية في ريف الحسكة أمس.",
			"استهدفت طائرة مسيرةتركية مقرا لقوات سوريا الديمقراطيةفي ريف الحسكة أمس."},
		{"أعلنت مصادر محلية مقتل خمسة عناصر من الجيش العراقي في هجوم لداعش قرب كركوك.",
			"أعلنت مصادرمحلية مقتلخمسة عناصر منالجيش العراقي في هجوم لداعشقرب كركوك."},
	} {
		want := codings(x.Extract(sentence(tc.spaced)).Events)
		evs := x.Extract(sentence(tc.glued)).Events
		got := codings(evs)
		if len(want) == 0 {
			t.Fatalf("%s: no event from the spaced form", tc.spaced)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s:\n got %v\nwant %v", tc.glued, got, want)
		}
		rs := []rune(tc.glued)
		for _, e := range evs {
			for _, sp := range append([]event.Span{e.Trigger}, e.Evidence...) {
				if sp.Start < 0 || sp.End > len(rs) || string(rs[sp.Start:sp.End]) != sp.Text {
					t.Errorf("%s: span %+v is not the glued text's", tc.glued, sp)
				}
			}
		}
	}
}

// codings is what a test compares of events: type, actors, place, dead.
func codings(evs []event.Event) []string {
	var out []string
	for _, e := range evs {
		place, dead := "-", "-"
		if e.Location != nil {
			place = e.Location.NameEN
		}
		if e.Fatalities != nil {
			dead = fmt.Sprint(e.Fatalities.Count)
		}
		out = append(out, fmt.Sprintf("%s/%s %s→%s at %s dead %s", e.EventType, e.SubEventType, idOr(e.Actor1), idOr(e.Actor2), place, dead))
	}
	return out
}
