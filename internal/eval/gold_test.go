package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"rasd/internal/event"
)

// devGoldDirs are where the shared dev set lives relative to this package
// in the usual checkout, and absolutely.
var devGoldDirs = []string{"../../../shared/dev", "/work/shared/dev"}

// goldLine is one gold document line in the gold files' own shape, over
// text written for these tests.
func goldLine(id string) string {
	return `{"id":"` + id + `","source":"test","url":"","published":"2020-01-21","title":"t","text":"قتل مسلحون رجلا في القرية.",` +
		`"events":[{"event_type":"Violence against civilians","sub_event_type":"Attack","actor1":"UNIDENTIFIED","assoc_actor1":[],` +
		`"actor2":"CIVILIANS","assoc_actor2":[],"location":{"name_ar":"القرية","name_en":"Village","country":"SYR","admin1":"Ar-Raqqa",` +
		`"geo_precision":2,"lat":null,"lon":null},"date":{"start":"2020-01-20","end":"2020-01-20","time_precision":1},` +
		`"fatalities":1,"certainty":"reported","claimed_by":null,"background":false,"aggregate":false,` +
		`"evidence":[{"text":"قتل مسلحون رجلا","start":0,"end":15}],"note":"n"}]}`
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadGold(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.jsonl", goldLine("a1")+"\n\n"+goldLine("a2")) // blank line, no final newline
	writeFile(t, dir, "b.jsonl", goldLine("b1")+"\n")
	writeFile(t, dir, "notes.txt", "not gold")

	docs, err := LoadGold(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].ID != "a2" {
		t.Fatalf("file: %d docs", len(docs))
	}
	docs, err = LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if diff := cmp.Diff([]string{"a1", "a2", "b1"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	e := docs[0].Events[0]
	want := GoldEvent{
		EventType: event.VAC, SubEventType: "Attack", Actor1: "UNIDENTIFIED", AssocActor1: []string{},
		Actor2: "CIVILIANS", AssocActor2: []string{},
		Location:   &GoldLocation{NameAR: "القرية", NameEN: "Village", Country: "SYR", Admin1: "Ar-Raqqa", GeoPrecision: 2},
		Date:       &GoldDate{Start: "2020-01-20", End: "2020-01-20", TimePrecision: 1},
		Fatalities: ptr(1), Certainty: "reported",
		Evidence: []event.Span{{Text: "قتل مسلحون رجلا", Start: 0, End: 15}},
		Note:     "n",
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("event (-want +got):\n%s", diff)
	}
	if got := docs[0].EventDoc(); got.Published != "2020-01-21" || got.ID != "a1" {
		t.Errorf("EventDoc = %+v", got)
	}
}

func TestLoadGoldErrors(t *testing.T) {
	good := goldLine("x")
	tests := []struct {
		name, body, want string
	}{
		{"bad json", good + "\n{\"id\": \n", "g.jsonl:2:"},
		{"no id", strings.Replace(good, `"id":"x"`, `"id":""`, 1), "g.jsonl:1: document without id"},
		{"duplicate id", good + "\n" + good + "\n", `g.jsonl:2: document id "x" already used at`},
		{"span text", strings.Replace(good, `"text":"قتل مسلحون رجلا"`, `"text":"قتل مسلحون"`, 1), "g.jsonl:1: doc x event 0: evidence span 0..15 reads"},
		{"span range", strings.Replace(good, `"end":15`, `"end":150`, 1), "out of the text"},
		{"type pair", strings.Replace(good, `"sub_event_type":"Attack"`, `"sub_event_type":"Armed clash"`, 1), "not an ACLED type pair"},
		{"date order", strings.Replace(good, `"start":"2020-01-20","end":"2020-01-20"`, `"start":"2020-01-20","end":"2020-01-19"`, 1), "ends before it starts"},
		{"date format", strings.Replace(good, `"start":"2020-01-20"`, `"start":"20/01/2020"`, 1), "not YYYY-MM-DD"},
		{"fatalities type", strings.Replace(good, `"fatalities":1`, `"fatalities":"1"`, 1), "g.jsonl:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "g.jsonl", tt.body)
			_, err := LoadGold(p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}

	dir := t.TempDir()
	writeFile(t, dir, "a.jsonl", good)
	writeFile(t, dir, "b.jsonl", good)
	if _, err := LoadGold(dir); err == nil || !strings.Contains(err.Error(), "b.jsonl:1: document id \"x\" already used at "+filepath.Join(dir, "a.jsonl")+":1") {
		t.Errorf("duplicate across files: %v", err)
	}
	if _, err := LoadGold(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no *.jsonl") {
		t.Errorf("empty dir: %v", err)
	}
	if _, err := ReadGold(strings.NewReader(good+"\n"+good), "stdin"); err == nil || !strings.Contains(err.Error(), "stdin:2:") {
		t.Errorf("ReadGold duplicate: %v", err)
	}
}

func TestGoldAsSystem(t *testing.T) {
	docs, err := ReadGold(strings.NewReader(goldLine("a")), "t")
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Events[0].Date = &GoldDate{Start: "2020-01-01", End: "2020-01-31", TimePrecision: 3}
	sys := GoldAsSystem(docs)
	e := sys[0].Events[0]
	if e.ID != "a#1" || e.Actor1.ID != "UNIDENTIFIED" || e.Fatalities.Count != 1 || e.Date.EventDate != "2020-01-16" || e.ClaimedBy != nil {
		t.Errorf("GoldAsSystem event = %+v", e)
	}
}

// TestDevGold is the scorer's end-to-end check on the real dev set: gold
// scored against itself must be perfect, also with every document's events
// in reverse order. Reversal matters for the events whose evidence a sibling
// shares (one sentence, several places): only the field-agreement tie-break
// pairs those correctly when order gives no hint.
func TestDevGold(t *testing.T) {
	devGold := ""
	for _, d := range devGoldDirs {
		if _, err := os.Stat(filepath.Join(d, "gold.jsonl")); err == nil {
			devGold = d
			break
		}
	}
	if devGold == "" {
		t.Skipf("dev gold not found in %q: this test needs the shared directory", devGoldDirs)
	}
	gold, err := LoadGold(devGold)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range gold {
		n += len(d.Events)
	}
	if len(gold) != 108 || n != 311 {
		t.Fatalf("dev gold: %d docs, %d events; want 108, 311 (dev/README.md)", len(gold), n)
	}

	r := Score(gold, GoldAsSystem(gold))
	if r.Events.Matched != 311 || r.Events.F1 != 1 {
		t.Errorf("self-score events %+v", r.Events)
	}
	for _, f := range Fields {
		if v := r.Fields.Get(f); v != 1 {
			t.Errorf("self-score %s = %v", f, v)
		}
	}
	if r.FieldMean != 1 {
		t.Errorf("self-score field mean %v", r.FieldMean)
	}
	for _, d := range r.Documents {
		for _, p := range d.Pairs {
			if p.Gold != p.System {
				t.Errorf("%s: gold[%d] paired with system[%d]", d.ID, p.Gold, p.System)
			}
		}
		if len(d.Warnings) > 0 {
			t.Errorf("%s: warnings %q", d.ID, d.Warnings)
		}
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "108 of 108 documents without errors") {
		t.Errorf("text report:\n%s", buf.String())
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}

	reversed := GoldAsSystem(gold)
	for _, res := range reversed {
		slices.Reverse(res.Events)
	}
	r = Score(gold, reversed)
	if r.Events.F1 != 1 || r.FieldMean != 1 {
		t.Errorf("self-score, reversed: events %+v, fields %+v", r.Events, r.Fields)
	}

	// With nothing from the system, every gold event is missed.
	r = Score(gold, nil)
	if r.Events.Gold != 311 || r.Events.Matched != 0 || r.Events.F1 != 0 {
		t.Errorf("empty system: %+v", r.Events)
	}
}
