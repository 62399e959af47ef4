package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rasd/internal/event"
	"rasd/internal/gazetteer"
)

// runRasd runs one command line in-process and returns its exit code and
// outputs.
func runRasd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeFile writes content to a file of the test's temp dir.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// An article of our own for the command tests.
const sampleArticle = "هجوم لداعش في ريف دير الزور\nهاجم مسلحو تنظيم داعش فجر أمس حاجزا لقوات سوريا الديمقراطية قرب بلدة الشحيل بريف دير الزور الشرقي، ما أسفر عن مقتل ثلاثة عناصر من قسد.\n"

// TestBadInput: every mistake a user can make ends with a clear message
// and a non-zero exit, never a panic.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		inStderr string
	}{
		{"missing file", []string{"tag", filepath.Join(t.TempDir(), "nope.txt")}, "", 1, "no such file"},
		{"empty file", []string{"tag", writeFile(t, "empty.txt", nil)}, "", 1, "no text"},
		{"binary file", []string{"extract", writeFile(t, "bin.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1})}, "", 1, "binary"},
		{"invalid UTF-8", []string{"extract", writeFile(t, "latin1.txt", []byte("caf\xe9 \xe0 Damas"))}, "", 1, "invalid UTF-8"},
		{"bad --published", []string{"extract", "--published", "2019-02-30", writeFile(t, "a.txt", []byte(sampleArticle))}, "", 2, "--published"},
		{"bad flag", []string{"tag", "--colour", "x"}, "", 2, "unknown flag"},
		{"bad format", []string{"extract", "--format", "xml", writeFile(t, "b.txt", []byte(sampleArticle))}, "", 2, "--format"},
		{"--id for several documents", []string{"extract", "--id", "x", writeFile(t, "c.txt", []byte(sampleArticle)), writeFile(t, "d.txt", []byte(sampleArticle))}, "", 2, "--id"},
		{"bad JSON line", []string{"extract", "--format", "json"}, "{\"id\":\"a\",\"text\":\"" + strings.ReplaceAll(sampleArticle, "\n", " ") + "\"}\n{not json\n", 1, "line 2"},
		{"missing text", []string{"extract", "--format", "json"}, "{\"id\":\"x\",\"published\":\"2019-03-27\"}\n", 1, "missing \"text\""},
		{"bad date in a line", []string{"tag", "--format", "json"}, "{\"id\":\"x\",\"published\":\"yesterday\",\"text\":\"نص\"}\n", 1, "bad date"},
		{"eval without gold", []string{"eval"}, "", 2, "--gold"},
		{"no workers", []string{"extract", "--workers", "0", writeFile(t, "e.txt", []byte(sampleArticle))}, "", 2, "--workers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runRasd(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr: %s)", code, c.code, stderr)
			}
			if !strings.Contains(stderr, c.inStderr) {
				t.Errorf("stderr %q does not say %q", stderr, c.inStderr)
			}
		})
	}
}

// TestInputKinds: extract reads what ingest reads: several files, a JSON
// Lines file, an HTML page and a directory, each document once, and a
// missing one among them is skipped with the rest still extracted.
func TestInputKinds(t *testing.T) {
	dir := t.TempDir()
	line := func(id string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "published": "2019-03-27", "text": sampleArticle})
		return string(b)
	}
	page := "<html><head><title>هجوم</title></head><body><article><p>" + strings.ReplaceAll(sampleArticle, "\n", "</p><p>") + "</p></article></body></html>"
	files := map[string]string{
		"one.txt":         sampleArticle,
		"lines.jsonl":     line("j1") + "\n" + line("j2") + "\n",
		"sub/page.html":   page,
		"sub/ignored.png": "not an article",
		"sub/.hidden.txt": sampleArticle,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(out string) []string {
		var got []string
		dec := json.NewDecoder(strings.NewReader(out))
		for dec.More() {
			var res event.Result
			if err := dec.Decode(&res); err != nil {
				t.Fatal(err)
			}
			if len(res.Events) == 0 {
				t.Errorf("%s: no events", res.Doc.ID)
			}
			got = append(got, res.Doc.ID)
		}
		return got
	}
	code, out, stderr := runRasd(t, "", "extract", "--format", "json", "--published", "2019-03-27", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := strings.Join(ids(out), " "); got != "j1 j2 one sub/page" {
		t.Errorf("directory: documents %q, want \"j1 j2 one sub/page\"", got)
	}
	code, out, stderr = runRasd(t, "", "extract", "--format", "json", "--published", "2019-03-27",
		filepath.Join(dir, "lines.jsonl"), filepath.Join(dir, "nope.txt"), filepath.Join(dir, "one.txt"))
	if code != 1 || !strings.Contains(stderr, "nope.txt") {
		t.Errorf("exit %d, stderr %q: want 1 naming nope.txt", code, stderr)
	}
	if got := strings.Join(ids(out), " "); got != "j1 j2 one" {
		t.Errorf("files: documents %q, want \"j1 j2 one\"", got)
	}
}

// TestWorkersKeepOrder: documents extracted at once come out in the order
// they went in, the same bytes whatever the number of workers, bad lines
// reported among them.
func TestWorkersKeepOrder(t *testing.T) {
	var in strings.Builder
	for i := range 40 {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("d%02d", i), "published": "2019-03-27", "text": sampleArticle})
		in.Write(b)
		in.WriteString("\n")
		if i == 17 {
			in.WriteString("{broken\n")
		}
	}
	var outs []string
	for _, n := range []string{"1", "4"} {
		code, out, stderr := runRasd(t, in.String(), "extract", "--format", "json", "--workers", n)
		if code != 1 || !strings.Contains(stderr, "line 19") {
			t.Fatalf("--workers %s: exit %d, stderr %q", n, code, stderr)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] {
		t.Error("--workers 4 wrote other output than --workers 1")
	}
	if strings.Count(outs[0], `"doc":`) != 40 || strings.Index(outs[0], `"d03"`) > strings.Index(outs[0], `"d04"`) {
		t.Error("documents missing or out of order")
	}
}

// TestBadLineSkipped: a bad JSON line is reported and skipped, the good
// ones are still extracted.
func TestBadLineSkipped(t *testing.T) {
	good := `{"id":"good","published":"2019-03-27","text":"` + strings.ReplaceAll(sampleArticle, "\n", " ") + `"}`
	code, out, stderr := runRasd(t, good+"\n{broken\n"+good+"\n", "extract", "--format", "json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if n := strings.Count(out, `"doc":`); n != 2 {
		t.Errorf("%d documents written, want 2; stderr %s", n, stderr)
	}
}

// TestExtractJSONSchema validates `rasd extract --format json` against
// SCHEMA.md on an article of our own and, when ../shared is present, on
// the seeds and the dev articles.
func TestExtractJSONSchema(t *testing.T) {
	texts := map[string]string{"sample": sampleArticle}
	for _, name := range []string{"000_b9b80873b51c7c98.txt", "001_93d21e087bbbdb8c.txt"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", name)); err == nil {
			texts[name] = string(b)
		}
	}
	if len(texts) == 1 {
		t.Log("../shared/seeds not found: validating the sample article only")
	}
	var lines []string
	for id, text := range texts {
		b, _ := json.Marshal(map[string]string{"id": id, "published": "2019-03-27", "text": text})
		lines = append(lines, string(b))
	}
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "dev", "gold.jsonl")); err == nil {
		lines = append(lines, strings.TrimSpace(string(b)))
	}
	code, out, stderr := runRasd(t, strings.Join(lines, "\n")+"\n", "extract", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	events, docs := 0, 0
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		docs++
		var raw map[string]json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"doc", "events"} {
			if _, ok := raw[key]; !ok {
				t.Fatalf("result without %q", key)
			}
		}
		var res event.Result
		if err := json.Unmarshal(mustJSON(t, raw), &res); err != nil {
			t.Fatal(err)
		}
		text := texts[res.Doc.ID]
		if text == "" {
			text = devText(t, res.Doc.ID)
		}
		for _, e := range res.Events {
			events++
			checkSchemaEvent(t, res.Doc, e, []rune(text))
		}
	}
	if events == 0 {
		t.Fatal("no events to validate")
	}
	t.Logf("%d events of %d documents validated", events, docs)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// devText returns a dev article's text by id.
func devText(t *testing.T, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "dev", "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		var d struct{ ID, Text string }
		if json.Unmarshal([]byte(line), &d) == nil && d.ID == id {
			return d.Text
		}
	}
	t.Fatalf("no dev article %q", id)
	return ""
}

// admin1Name is the admin1 an event in the province of that HASC code
// carries: SCHEMA.md's spelling in Syria and Iraq (which the gazetteer
// holds its table to), the gazetteer's table's in the other countries.
func admin1Name(t *testing.T, code string) (string, bool) {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := g.Admin1Place(code)
	if p == nil {
		return "", false
	}
	return p.Admin1, true
}

func checkSchemaEvent(t *testing.T, doc event.Doc, e event.Event, text []rune) {
	t.Helper()
	where := doc.ID + " " + e.ID
	span := func(what, s string, start, end int) {
		if start < 0 || end > len(text) || start > end || string(text[start:end]) != s {
			t.Errorf("%s: %s span [%d,%d) %q is not the text's slice", where, what, start, end, s)
		}
	}
	if !strings.HasPrefix(e.ID, doc.ID+"#") {
		t.Errorf("%s: id is not <doc.id>#<n>", where)
	}
	if !event.ValidType(e.EventType, e.SubEventType) {
		t.Errorf("%s: %q / %q is not an ACLED type pair", where, e.EventType, e.SubEventType)
	}
	for _, a := range append([]*event.Actor{e.Actor1, e.Actor2, e.ClaimedBy}, actorPtrs(e.AssocActor1, e.AssocActor2)...) {
		if a == nil {
			continue
		}
		if a.ID == "" || a.NameEN == "" || !event.ValidActorType(a.Type) {
			t.Errorf("%s: actor %+v lacks an id, a name or a valid type", where, a)
		}
		span("actor", a.Text, a.Start, a.End)
	}
	if e.AssocActor1 == nil || e.AssocActor2 == nil || e.Evidence == nil {
		t.Errorf("%s: assoc actors and evidence must be arrays, not null", where)
	}
	if l := e.Location; l != nil {
		if !strings.HasPrefix(l.PlaceID, "wof:") && !strings.HasPrefix(l.PlaceID, "rasd:") {
			t.Errorf("%s: place_id %q", where, l.PlaceID)
		}
		if l.GeoPrecision < 1 || l.GeoPrecision > 3 || l.Country == "" {
			t.Errorf("%s: location %+v", where, l)
		}
		if name, ok := admin1Name(t, l.Admin1Code); l.Admin1Code != "" && (!ok || name != l.Admin1) {
			t.Errorf("%s: admin1 %q / %q is not the spelling of SCHEMA.md or the gazetteer's table", where, l.Admin1, l.Admin1Code)
		}
		span("location", l.Text, l.Start, l.End)
	}
	if d := e.Date; d != nil {
		if d.TimePrecision < 1 || d.TimePrecision > 3 || d.Start > d.End || d.EventDate < d.Start || d.EventDate > d.End {
			t.Errorf("%s: date %+v", where, d)
		}
		if d.Text != "" {
			span("date", d.Text, d.StartChar, d.EndChar)
		}
	}
	if f := e.Fatalities; f != nil {
		if f.Count < 0 || f.Min > f.Count || (f.Max != nil && *f.Max < f.Count) {
			t.Errorf("%s: fatalities %+v", where, f)
		}
		span("fatalities", f.Text, f.Start, f.End)
	}
	switch e.Certainty {
	case event.Reported, event.Suspected:
	case event.Claimed:
		if e.ClaimedBy == nil {
			t.Errorf("%s: claimed with no claimed_by", where)
		}
	default:
		t.Errorf("%s: certainty %q", where, e.Certainty)
	}
	span("trigger", e.Trigger.Text, e.Trigger.Start, e.Trigger.End)
	if len(e.Evidence) == 0 {
		t.Errorf("%s: no evidence", where)
	}
	for _, sp := range e.Evidence {
		span("evidence", sp.Text, sp.Start, sp.End)
	}
	if e.Confidence < 0 || e.Confidence > 1 || e.Rule == "" {
		t.Errorf("%s: confidence %v, rule %q", where, e.Confidence, e.Rule)
	}
}

func actorPtrs(lists ...[]event.Actor) []*event.Actor {
	var out []*event.Actor
	for _, l := range lists {
		for i := range l {
			out = append(out, &l[i])
		}
	}
	return out
}
