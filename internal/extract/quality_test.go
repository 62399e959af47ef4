package extract

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/eval"
	"rasd/internal/event"
)

// devDir is the shared dev set beside the repository.
var devDir = filepath.Join("..", "..", "..", "shared", "dev")

// qualityFloor is what the extractor must score on a dev file, as
// `rasd eval` scores it: a little under the figures measured when the
// floor was last raised (docs/design.md gives them), so that a regression
// cannot land. Raise a floor with the figures; never lower one to make a
// change pass.
type qualityFloor struct {
	file                 string // "" for the whole dev set
	f1, fieldMean        float64
	actor1, actor2, loc  float64
	measuredF1, measured float64 // the figures the floor sits under, for the message
}

var qualityFloors = []qualityFloor{
	{file: "", f1: 0.812, fieldMean: 0.883, actor1: 0.82, actor2: 0.805, loc: 0.903, measuredF1: 0.817, measured: 0.886},
	{file: "gold.jsonl", f1: 0.841, fieldMean: 0.892, actor1: 0.765, actor2: 0.85, loc: 0.935, measuredF1: 0.845, measured: 0.896},
	{file: "gold-2018.jsonl", f1: 0.754, fieldMean: 0.849, actor1: 0.798, actor2: 0.785, loc: 0.883, measuredF1: 0.759, measured: 0.852},
	{file: "gold-mayadeen.jsonl", f1: 0.837, fieldMean: 0.898, actor1: 0.888, actor2: 0.78, loc: 0.888, measuredF1: 0.842, measured: 0.902},
}

// TestDevQualityFloor scores the extractor on ../shared/dev with the
// scorer of ANNOTATION.md and fails below the floors.
func TestDevQualityFloor(t *testing.T) {
	if _, err := os.Stat(filepath.Join(devDir, "gold.jsonl")); err != nil {
		t.Skipf("dev gold not found in %s: this test needs the shared directory beside the repository", devDir)
	}
	x := extractor(t)
	gold, err := eval.LoadGold(devDir)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]eval.GoldDoc{"": gold}
	for _, name := range []string{"gold.jsonl", "gold-2018.jsonl", "gold-mayadeen.jsonl"} {
		docs, err := eval.LoadGold(filepath.Join(devDir, name))
		if err != nil {
			t.Fatal(err)
		}
		byFile[name] = docs
	}
	for _, fl := range qualityFloors {
		docs := byFile[fl.file]
		var results []event.Result
		for _, g := range docs {
			doc := &document.Document{ID: g.ID, Source: g.Source, URL: g.URL, Title: g.Title, Text: g.Text}
			doc.Published, _ = time.Parse("2006-01-02", g.Published)
			results = append(results, x.Extract(doc))
		}
		r := eval.Score(docs, results)
		name := fl.file
		if name == "" {
			name = "the whole dev set"
		}
		t.Logf("%s: event F1 %.3f (P %.3f, R %.3f), field mean %.3f, actor1 %.3f, actor2 %.3f, location %.3f",
			name, r.Events.F1, r.Events.Precision, r.Events.Recall, r.FieldMean,
			r.Fields.Get(eval.Actor1), r.Fields.Get(eval.Actor2), r.Fields.Get(eval.Location))
		check := func(what string, got, floor float64) {
			if got < floor {
				t.Errorf("%s: %s %.3f is below the floor %.3f (measured %.3f F1 / %.3f field mean when the floor was set)",
					name, what, got, floor, fl.measuredF1, fl.measured)
			}
		}
		check("event F1", r.Events.F1, fl.f1)
		check("field mean", r.FieldMean, fl.fieldMean)
		check("actor1", r.Fields.Get(eval.Actor1), fl.actor1)
		check("actor2", r.Fields.Get(eval.Actor2), fl.actor2)
		check("location", r.Fields.Get(eval.Location), fl.loc)
	}
}
