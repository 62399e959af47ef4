package extract

import (
	"reflect"
	"testing"

	"rasd/internal/document"
	"rasd/internal/event"
)

// TestShortcutsChangeNoResult checks, over the first 3,000 articles of the
// bench corpus, that what Extract returns where it stops after the finders
// of cues or of places (a text without a cue, or without a place finer
// than a country) is what running every finder and the rules gives: no
// event and no error. A change to how frames get a place that let a
// country or no place make an event would show here.
func TestShortcutsChangeNoResult(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 3,000 articles twice")
	}
	x := extractor(t)
	stopped := 0
	readBench(t, 3000, func(_ benchArticle, d *document.Document) {
		got, _, _, gotErr := x.run(d, false)
		set := x.lex.Find(d.Text, d.Published)
		if len(set.Triggers) > 0 && finerThanCountry(set.Places) {
			return // read whole by run too
		}
		stopped++
		want, _, _, wantErr := x.code(d, set, event.Result{Doc: got.Doc, Events: []event.Event{}}, false)
		if !reflect.DeepEqual(got, want) || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: stopped early, %d events (error %v); read whole, %d events (error %v)",
				d.ID, len(got.Events), gotErr, len(want.Events), wantErr)
		}
	})
	if stopped == 0 {
		t.Error("no article was stopped early")
	}
}
