package eval

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"rasd/internal/event"
)

// The texts below are written for these tests; none comes from an article.
const (
	arText = "هاجم مسلحون حاجزا في القرية. وقتل ثلاثة عناصر في الهجوم. واعتقلت القوات خمسة أشخاص."
	enText = "Gunmen hit a checkpoint near the village. Three guards died. Police arrested five men in the town. A bomb went off at the market."
)

// sp is the span of the first occurrence of sub in text, in code points.
func sp(t *testing.T, text, sub string) event.Span {
	t.Helper()
	b := strings.Index(text, sub)
	if b < 0 {
		t.Fatalf("%q not in text", sub)
	}
	start := utf8.RuneCountInString(text[:b])
	return event.Span{Text: sub, Start: start, End: start + utf8.RuneCountInString(sub)}
}

// at is the span [start, end) of text, in code points.
func at(text string, start, end int) event.Span {
	return event.Span{Text: string([]rune(text)[start:end]), Start: start, End: end}
}

func ptr[T any](v T) *T { return &v }

// gev and sev build a gold and a system event that agree on every field, so
// a test changes only what it is about.
func gev(typ, sub string, ev ...event.Span) GoldEvent {
	return GoldEvent{
		EventType: typ, SubEventType: sub,
		Actor1: "ISIS", Actor2: "SDF",
		Location: &GoldLocation{NameEN: "Village", Country: "SYR", Admin1: "Ar-Raqqa", GeoPrecision: 1, Lat: ptr(35.0), Lon: ptr(40.0)},
		Date:     &GoldDate{Start: "2020-01-10", End: "2020-01-20", TimePrecision: 2},
		Evidence: ev,
		Note:     "test event",
	}
}

func sev(id, typ, sub string, ev ...event.Span) event.Event {
	return event.Event{
		ID: id, EventType: typ, SubEventType: sub,
		Actor1:   &event.Actor{ID: "ISIS"},
		Actor2:   &event.Actor{ID: "SDF"},
		Location: &event.Location{NameEN: "Village", Country: "SYR", Admin1: "Ar-Raqqa", GeoPrecision: 1, Lat: 35.0, Lon: 40.0},
		Date:     &event.Date{Start: "2020-01-10", End: "2020-01-20", EventDate: "2020-01-15", TimePrecision: 2},
		Evidence: ev,
	}
}

func doc(id, text string, evs ...GoldEvent) GoldDoc {
	return GoldDoc{ID: id, Title: id, Published: "2020-01-21", Text: text, Events: evs}
}

func res(id string, evs ...event.Event) event.Result {
	return event.Result{Doc: event.Doc{ID: id}, Events: evs}
}

const (
	clash   = "Armed clash"
	arrest  = "Arrests"
	regains = "Government regains territory"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestExactMatch(t *testing.T) {
	s := sp(t, arText, "هاجم مسلحون حاجزا في القرية")
	r := Score(
		[]GoldDoc{doc("d1", arText, gev(event.Battles, clash, s))},
		[]event.Result{res("d1", sev("d1#1", event.Battles, clash, s))},
	)
	want := Counts{Gold: 1, System: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1}
	if diff := cmp.Diff(want, r.Events); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	for _, f := range Fields {
		if r.Fields.Get(f) != 1 || r.FieldCorrect.Get(f) != 1 {
			t.Errorf("%s = %v (%d right), want 1", f, r.Fields.Get(f), r.FieldCorrect.Get(f))
		}
	}
	if r.FieldMean != 1 {
		t.Errorf("field mean %v, want 1", r.FieldMean)
	}
	d := r.Documents[0]
	if len(d.Pairs) != 1 || len(d.Pairs[0].Diffs) != 0 || d.Pairs[0].Overlap != s.End-s.Start {
		t.Errorf("pairs = %+v", d.Pairs)
	}
}

func TestTypeMismatchDoesNotMatch(t *testing.T) {
	s := sp(t, arText, "هاجم مسلحون حاجزا في القرية")
	r := Score(
		[]GoldDoc{doc("d1", arText, gev(event.Battles, clash, s))},
		[]event.Result{res("d1", sev("d1#1", event.VAC, "Attack", s))},
	)
	if r.Events.Matched != 0 {
		t.Fatalf("matched %d across event types", r.Events.Matched)
	}
	d := r.Documents[0]
	if len(d.Missed) != 1 || len(d.Spurious) != 1 {
		t.Fatalf("missed %d, spurious %d; want 1, 1", len(d.Missed), len(d.Spurious))
	}
	want := []Overlap{{Index: 0, ID: "d1#1", EventType: event.VAC, SubEventType: "Attack", Overlap: s.End - s.Start, Reason: "event_type differs"}}
	if diff := cmp.Diff(want, d.Missed[0].Overlaps); diff != "" {
		t.Errorf("missed overlaps (-want +got):\n%s", diff)
	}
}

func TestOverlap(t *testing.T) {
	gold := sp(t, enText, "Three guards died.") // 42..60
	tests := []struct {
		name  string
		span  event.Span
		match int
	}{
		{"one code point", at(enText, 0, gold.Start+1), 1},
		{"inside", at(enText, gold.Start+2, gold.Start+5), 1},
		{"touching before", at(enText, 0, gold.Start), 0},
		{"touching after", at(enText, gold.End, gold.End+6), 0},
		{"empty span inside", event.Span{Start: gold.Start + 3, End: gold.Start + 3}, 0},
		{"elsewhere", sp(t, enText, "A bomb went off"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(
				[]GoldDoc{doc("d", enText, gev(event.Battles, clash, gold))},
				[]event.Result{res("d", sev("d#1", event.Battles, clash, tt.span))},
			)
			if r.Events.Matched != tt.match {
				t.Errorf("matched %d, want %d", r.Events.Matched, tt.match)
			}
		})
	}
}

// TestOverlapSumsSpans pins "best overlap" as the code points shared by the
// unions of both events' spans, counted once even when a span repeats.
func TestOverlapSumsSpans(t *testing.T) {
	a := sp(t, enText, "Gunmen hit a checkpoint")
	b := sp(t, enText, "Three guards died.")
	r := Score(
		[]GoldDoc{doc("d", enText, gev(event.Battles, clash, a, b))},
		[]event.Result{res("d", sev("d#1", event.Battles, clash, a, b, a))},
	)
	if got, want := r.Documents[0].Pairs[0].Overlap, (a.End-a.Start)+(b.End-b.Start); got != want {
		t.Errorf("overlap %d, want %d", got, want)
	}
}

func TestGreedyOneToOne(t *testing.T) {
	// Gold A covers 0..20, gold B 15..60. System X (10..50) overlaps A by
	// 10 and B by 35; system Y (0..16) overlaps A by 16 and B by 1. Best
	// first: X-B (35), then Y-A (16). Matching by system order (X-A) would
	// leave Y only B's single shared code point.
	ga, gb := at(enText, 0, 20), at(enText, 15, 60)
	x, y := at(enText, 10, 50), at(enText, 0, 16)
	r := Score(
		[]GoldDoc{doc("d", enText, gev(event.Battles, clash, ga), gev(event.Battles, clash, gb))},
		[]event.Result{res("d", sev("X", event.Battles, clash, x), sev("Y", event.Battles, clash, y))},
	)
	var got [][2]int
	for _, p := range r.Documents[0].Pairs {
		got = append(got, [2]int{p.Gold, p.System})
	}
	if diff := cmp.Diff([][2]int{{0, 1}, {1, 0}}, got); diff != "" {
		t.Errorf("pairs (gold, system) (-want +got):\n%s", diff)
	}

	// One system event that overlaps two gold events takes one of them:
	// pairs are one to one.
	r = Score(
		[]GoldDoc{doc("d", enText, gev(event.Battles, clash, ga), gev(event.Battles, clash, gb))},
		[]event.Result{res("d", sev("X", event.Battles, clash, x))},
	)
	d := r.Documents[0]
	if r.Events.Matched != 1 || d.Pairs[0].Gold != 1 || len(d.Missed) != 1 || d.Missed[0].Index != 0 {
		t.Fatalf("pairs %+v, missed %+v", d.Pairs, d.Missed)
	}
	if o := d.Missed[0].Overlaps; len(o) != 1 || o[0].Reason != "paired with gold[1]" {
		t.Errorf("missed overlaps %+v, want X paired with gold[1]", o)
	}
}

// TestTieBreak: two gold events coded from one sentence (one toll, two
// places) overlap both system events equally, so content decides.
func TestTieBreak(t *testing.T) {
	s := sp(t, enText, "A bomb went off at the market.")
	g1 := gev(event.Explosions, "Remote explosive/landmine/IED", s)
	g1.Location = &GoldLocation{Admin1: "Ninewa", GeoPrecision: 2}
	g2 := gev(event.Explosions, "Remote explosive/landmine/IED", s)
	g2.Location = &GoldLocation{Admin1: "Al-Anbar", GeoPrecision: 2}
	s1 := sev("s1", event.Explosions, "Remote explosive/landmine/IED", s)
	s1.Location = &event.Location{Admin1: "Al-Anbar", GeoPrecision: 2}
	s2 := sev("s2", event.Explosions, "Remote explosive/landmine/IED", s)
	s2.Location = &event.Location{Admin1: "Ninewa", GeoPrecision: 2}
	r := Score([]GoldDoc{doc("d", enText, g1, g2)}, []event.Result{res("d", s1, s2)})
	if r.Fields.Location != 1 {
		t.Errorf("location %v: tie not broken by agreeing fields; pairs %+v", r.Fields.Location, r.Documents[0].Pairs)
	}

	// All else equal, lower gold index takes lower system index.
	r = Score(
		[]GoldDoc{doc("d", enText, gev(event.Battles, clash, s), gev(event.Battles, clash, s))},
		[]event.Result{res("d", sev("a", event.Battles, clash, s), sev("b", event.Battles, clash, s))},
	)
	p := r.Documents[0].Pairs
	if p[0].Gold != 0 || p[0].System != 0 || p[1].Gold != 1 || p[1].System != 1 {
		t.Errorf("pairs %+v, want 0-0 and 1-1", p)
	}
}

// kmNorth is the latitude step for d km on haversineKM's sphere.
func kmNorth(d float64) float64 { return d / (6371.0088 * math.Pi / 180) }

func TestFields(t *testing.T) {
	s := sp(t, arText, "وقتل ثلاثة عناصر في الهجوم")
	tests := []struct {
		name  string
		field Field
		gold  func(*GoldEvent)
		sys   func(*event.Event)
		ok    bool
	}{
		{"sub_event_type equal", SubEventType, nil, nil, true},
		{"sub_event_type differs", SubEventType, nil, func(e *event.Event) { e.SubEventType = "Non-state actor overtakes territory" }, false},
		{"actor1 differs", Actor1, nil, func(e *event.Event) { e.Actor1.ID = "HTS" }, false},
		{"actor1 null = null", Actor1, func(g *GoldEvent) { g.Actor1 = "" }, func(e *event.Event) { e.Actor1 = nil }, true},
		{"actor1 null vs id", Actor1, func(g *GoldEvent) { g.Actor1 = "" }, nil, false},
		{"actor1 id vs null", Actor1, nil, func(e *event.Event) { e.Actor1 = nil }, false},
		{"actor2 equal", Actor2, nil, nil, true},
		{"actor2 differs", Actor2, nil, func(e *event.Event) { e.Actor2.ID = "CIVILIANS" }, false},
		{"actor2 null = null", Actor2, func(g *GoldEvent) { g.Actor2 = "" }, func(e *event.Event) { e.Actor2 = nil }, true},
		{"p1 10 km", Location, nil, func(e *event.Event) { e.Location.Lat += kmNorth(10) }, true},
		{"p1 14.99 km", Location, nil, func(e *event.Event) { e.Location.Lat += kmNorth(14.99) }, true},
		{"p1 15.01 km", Location, nil, func(e *event.Event) { e.Location.Lat += kmNorth(15.01) }, false},
		{"p1 20 km", Location, nil, func(e *event.Event) { e.Location.Lat += kmNorth(20) }, false},
		{"p1 20 km same admin1", Location, nil, func(e *event.Event) { e.Location.Lat -= kmNorth(20) }, false},
		{"p1 near, other admin1", Location, nil, func(e *event.Event) { e.Location.Admin1 = "Aleppo" }, true},
		{"p1 system null", Location, nil, func(e *event.Event) { e.Location = nil }, false},
		{"p1 without point: admin1 same", Location, func(g *GoldEvent) { g.Location.Lat, g.Location.Lon = nil, nil }, func(e *event.Event) { e.Location.Lat, e.Location.Lon = 0, 0 }, true},
		{"p1 without point: admin1 differs", Location, func(g *GoldEvent) { g.Location.Lat, g.Location.Lon = nil, nil }, func(e *event.Event) { e.Location.Admin1 = "Aleppo" }, false},
		{"p2 same admin1, far point", Location, func(g *GoldEvent) { g.Location.GeoPrecision = 2 }, func(e *event.Event) { e.Location.Lat += 1 }, true},
		{"p2 other admin1, same point", Location, func(g *GoldEvent) { g.Location.GeoPrecision = 2 }, func(e *event.Event) { e.Location.Admin1 = "Deir-ez-Zor" }, false},
		{"p3 same admin1", Location, func(g *GoldEvent) { g.Location.GeoPrecision = 3 }, nil, true},
		{"p3 admin1 null = empty", Location, func(g *GoldEvent) { g.Location.GeoPrecision = 3; g.Location.Admin1 = "" }, func(e *event.Event) { e.Location.Admin1 = "" }, true},
		{"p3 admin1 null vs named", Location, func(g *GoldEvent) { g.Location.GeoPrecision = 3; g.Location.Admin1 = "" }, nil, false},
		{"gold location null = null", Location, func(g *GoldEvent) { g.Location = nil }, func(e *event.Event) { e.Location = nil }, true},
		{"date first day", Date, nil, func(e *event.Event) { e.Date.EventDate = "2020-01-10" }, true},
		{"date last day", Date, nil, func(e *event.Event) { e.Date.EventDate = "2020-01-20" }, true},
		{"date day before", Date, nil, func(e *event.Event) { e.Date.EventDate = "2020-01-09" }, false},
		{"date day after", Date, nil, func(e *event.Event) { e.Date.EventDate = "2020-01-21" }, false},
		{"date one-day interval", Date, func(g *GoldEvent) { g.Date.Start, g.Date.End = "2020-01-15", "2020-01-15" }, nil, true},
		{"date interval ignored, event_date out", Date, nil, func(e *event.Event) { e.Date.Start, e.Date.EventDate = "2020-01-10", "2020-01-25" }, false},
		{"date system null", Date, nil, func(e *event.Event) { e.Date = nil }, false},
		{"date no event_date", Date, nil, func(e *event.Event) { e.Date.EventDate = "" }, false},
		{"date malformed", Date, nil, func(e *event.Event) { e.Date.EventDate = "15/01/2020" }, false},
		{"fatalities null = null", Fatalities, nil, nil, true},
		{"fatalities equal", Fatalities, func(g *GoldEvent) { g.Fatalities = ptr(3) }, func(e *event.Event) { e.Fatalities = &event.Fatalities{Count: 3, Min: 3} }, true},
		{"fatalities differ", Fatalities, func(g *GoldEvent) { g.Fatalities = ptr(3) }, func(e *event.Event) { e.Fatalities = &event.Fatalities{Count: 4} }, false},
		{"fatalities 0 vs null", Fatalities, func(g *GoldEvent) { g.Fatalities = ptr(0) }, nil, false},
		{"fatalities null vs 0", Fatalities, nil, func(e *event.Event) { e.Fatalities = &event.Fatalities{} }, false},
		{"fatalities 0 = 0", Fatalities, func(g *GoldEvent) { g.Fatalities = ptr(0) }, func(e *event.Event) { e.Fatalities = &event.Fatalities{} }, true},
		{"background equal", Background, func(g *GoldEvent) { g.Background = true }, func(e *event.Event) { e.Background = true }, true},
		{"background differs", Background, func(g *GoldEvent) { g.Background = true }, nil, false},
		{"aggregate equal", Aggregate, nil, nil, true},
		{"aggregate differs", Aggregate, nil, func(e *event.Event) { e.Aggregate = true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not a clash: its sides are ordered, so each actor field can
			// change alone (TestClashSidesUnordered covers clashes).
			g := gev(event.Battles, regains, s)
			e := sev("d#1", event.Battles, regains, s)
			if tt.gold != nil {
				tt.gold(&g)
			}
			if tt.sys != nil {
				tt.sys(&e)
			}
			r := Score([]GoldDoc{doc("d", arText, g)}, []event.Result{res("d", e)})
			if r.Events.Matched != 1 {
				t.Fatalf("not matched")
			}
			want := 0.0
			if tt.ok {
				want = 1
			}
			if got := r.Fields.Get(tt.field); got != want {
				t.Errorf("%s = %v, want %v; diffs %+v", tt.field, got, want, r.Documents[0].Pairs[0].Diffs)
			}
			// Only the field under test may change.
			for _, f := range Fields {
				if f != tt.field && r.Fields.Get(f) != 1 {
					t.Errorf("%s = %v, want 1", f, r.Fields.Get(f))
				}
			}
			if diffs := r.Documents[0].Pairs[0].Diffs; tt.ok != (len(diffs) == 0) {
				t.Errorf("diffs %+v", diffs)
			} else if !tt.ok && diffs[0].Field != tt.field.String() {
				t.Errorf("diff names %q, want %q", diffs[0].Field, tt.field)
			}
		})
	}
}

// ANNOTATION.md: the two sides of an armed clash are an unordered pair,
// both right or both wrong; every other type keeps its order.
func TestClashSidesUnordered(t *testing.T) {
	s := sp(t, arText, "وقتل ثلاثة عناصر في الهجوم")
	tests := []struct {
		name           string
		sub            string
		gold1, gold2   string
		sys1, sys2     string
		right1, right2 bool
	}{
		{"clash, same order", clash, "ISIS", "SDF", "ISIS", "SDF", true, true},
		{"clash, swapped", clash, "ISIS", "SDF", "SDF", "ISIS", true, true},
		{"clash, one side shared", clash, "ISIS", "SDF", "ISIS", "HTS", false, false},
		{"clash, one side shared swapped", clash, "ISIS", "SDF", "SDF", "HTS", false, false},
		{"clash, gold one-sided, system swapped", clash, "ISIS", "", "", "ISIS", true, true},
		{"clash, gold one-sided, system two-sided", clash, "ISIS", "", "ISIS", "SDF", false, false},
		{"not a clash, swapped", "Air/drone strike", "ISIS", "SDF", "SDF", "ISIS", false, false},
		{"not a clash, actor1 right", "Air/drone strike", "ISIS", "SDF", "ISIS", "HTS", true, false},
	}
	actor := func(id string) *event.Actor {
		if id == "" {
			return nil
		}
		return &event.Actor{ID: id}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := event.Battles
			if tt.sub != clash {
				typ = event.Explosions
			}
			g := gev(typ, tt.sub, s)
			g.Actor1, g.Actor2 = tt.gold1, tt.gold2
			e := sev("d#1", typ, tt.sub, s)
			e.Actor1, e.Actor2 = actor(tt.sys1), actor(tt.sys2)
			r := Score([]GoldDoc{doc("d", arText, g)}, []event.Result{res("d", e)})
			if r.Events.Matched != 1 {
				t.Fatal("not matched")
			}
			want := func(ok bool) float64 {
				if ok {
					return 1
				}
				return 0
			}
			if got := r.Fields.Get(Actor1); got != want(tt.right1) {
				t.Errorf("actor1 = %v, want %v", got, want(tt.right1))
			}
			if got := r.Fields.Get(Actor2); got != want(tt.right2) {
				t.Errorf("actor2 = %v, want %v", got, want(tt.right2))
			}
		})
	}
}

func TestFieldDiffValues(t *testing.T) {
	s := sp(t, arText, "واعتقلت القوات خمسة أشخاص")
	g := gev(event.Strategic, arrest, s)
	g.Actor2 = ""
	g.Fatalities = ptr(0)
	e := sev("d#1", event.Strategic, arrest, s)
	e.Date.EventDate = "2020-02-01"
	e.Location.Lat += kmNorth(20)
	r := Score([]GoldDoc{doc("d", arText, g)}, []event.Result{res("d", e)})
	want := []FieldDiff{
		{Field: "actor2", Gold: "null", System: "SDF"},
		{Field: "location", Gold: "Ar-Raqqa / Village (35.0000,40.0000, p1)", System: "Ar-Raqqa / Village (35.1799,40.0000, p1)", Detail: "20.0 km from the gold point (limit 15 km)"},
		{Field: "date", Gold: "2020-01-10..2020-01-20", System: "2020-02-01"},
		{Field: "fatalities", Gold: "0", System: "null"},
	}
	if diff := cmp.Diff(want, r.Documents[0].Pairs[0].Diffs); diff != "" {
		t.Errorf("diffs (-want +got):\n%s", diff)
	}
	if !near(r.FieldMean, 4.0/8) {
		t.Errorf("field mean %v, want 0.5 (4 of 8 fields right)", r.FieldMean)
	}
}

func TestArithmetic(t *testing.T) {
	a := sp(t, enText, "Gunmen hit a checkpoint")
	b := sp(t, enText, "Three guards died.")
	c := sp(t, enText, "Police arrested five men")
	m := sp(t, enText, "A bomb went off")
	// Two documents: 4 gold, 5 system, 3 matched.
	gold := []GoldDoc{
		doc("d1", enText, gev(event.Battles, clash, a), gev(event.Strategic, arrest, c)),
		doc("d2", enText, gev(event.Battles, clash, b), gev(event.Explosions, "Grenade", m)),
	}
	sys := []event.Result{
		res("d1", sev("1", event.Battles, clash, a), sev("2", event.Strategic, arrest, c), sev("3", event.Protests, "Peaceful protest", b)),
		res("d2", sev("4", event.Battles, clash, b)),
		res("d2", sev("5", event.VAC, "Attack", c)), // pooled with d2's first result
	}
	r := Score(gold, sys)
	p, rc := 3.0/5, 3.0/4
	want := Counts{Gold: 4, System: 5, Matched: 3, Precision: p, Recall: rc, F1: 2 * p * rc / (p + rc)}
	if diff := cmp.Diff(want, r.Events); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	wantTypes := []TypeCounts{
		{event.Battles, Counts{Gold: 2, System: 2, Matched: 2, Precision: 1, Recall: 1, F1: 1}},
		{event.Explosions, Counts{Gold: 1}},
		{event.VAC, Counts{System: 1}},
		{event.Protests, Counts{System: 1}},
		{event.Strategic, Counts{Gold: 1, System: 1, Matched: 1, Precision: 1, Recall: 1, F1: 1}},
	}
	if diff := cmp.Diff(wantTypes, r.ByType); diff != "" {
		t.Errorf("by type (-want +got):\n%s", diff)
	}
}

func TestNoSystemEvents(t *testing.T) {
	a := sp(t, enText, "Gunmen hit a checkpoint")
	for _, tt := range []struct {
		name string
		gold []GoldDoc
		sys  []event.Result
	}{
		{"empty result", []GoldDoc{doc("d", enText, gev(event.Battles, clash, a))}, []event.Result{res("d")}},
		{"no result", []GoldDoc{doc("d", enText, gev(event.Battles, clash, a))}, nil},
		{"nothing at all", nil, nil},
		{"gold without events", []GoldDoc{doc("d", enText)}, []event.Result{res("d")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(tt.gold, tt.sys)
			if r.Events.Precision != 0 || r.Events.Recall != 0 || r.Events.F1 != 0 || r.FieldMean != 0 {
				t.Errorf("events %+v, field mean %v; want zeros", r.Events, r.FieldMean)
			}
			for _, f := range Fields {
				if v := r.Fields.Get(f); v != 0 {
					t.Errorf("%s = %v with nothing matched", f, v)
				}
			}
			if _, err := json.Marshal(r); err != nil {
				t.Errorf("marshal: %v", err) // NaN would fail here
			}
		})
	}
}

func TestDocumentWithoutResult(t *testing.T) {
	a := sp(t, enText, "Gunmen hit a checkpoint")
	c := sp(t, enText, "Police arrested five men")
	gold := []GoldDoc{
		doc("d1", enText, gev(event.Battles, clash, a)),
		doc("d2", enText, gev(event.Battles, clash, a), gev(event.Strategic, arrest, c)),
	}
	r := Score(gold, []event.Result{res("d1", sev("d1#1", event.Battles, clash, a)), res("x9", sev("x9#1", event.Battles, clash, a))})
	if r.Events.Gold != 3 || r.Events.System != 1 || r.Events.Matched != 1 {
		t.Errorf("events %+v: want gold 3, system 1 (x9 unscored), matched 1", r.Events)
	}
	d2 := r.Documents[1]
	if d2.HasResult || len(d2.Missed) != 2 || d2.Missed[1].Note != "test event" {
		t.Errorf("d2 = %+v", d2)
	}
	if !r.Documents[0].HasResult {
		t.Error("d1 has a result")
	}
	if diff := cmp.Diff([]string{"x9"}, r.Unscored); diff != "" {
		t.Errorf("unscored (-want +got):\n%s", diff)
	}
}

func TestSpanWarnings(t *testing.T) {
	s := sp(t, arText, "واعتقلت القوات خمسة أشخاص")
	byteOff := event.Span{Text: s.Text, Start: strings.Index(arText, s.Text), End: strings.Index(arText, s.Text) + len(s.Text)}
	r := Score(
		[]GoldDoc{doc("d", arText, gev(event.Strategic, arrest, s))},
		[]event.Result{res("d", sev("a", event.Strategic, arrest, byteOff), sev("b", event.Strategic, arrest))},
	)
	w := r.Documents[0].Warnings
	if len(w) != 2 || !strings.Contains(w[0], "system[0] a") || !strings.Contains(w[1], "no evidence") {
		t.Errorf("warnings %q", w)
	}
}

func TestEvidenceTextFilledIn(t *testing.T) {
	s := sp(t, enText, "A bomb went off")
	bare := event.Span{Start: s.Start, End: s.End}
	r := Score(
		[]GoldDoc{doc("d", enText, gev(event.Battles, clash, sp(t, enText, "Gunmen")))},
		[]event.Result{res("d", sev("a", event.Explosions, "Grenade", bare))},
	)
	if got := r.Documents[0].Spurious[0].Evidence[0].Text; got != s.Text {
		t.Errorf("spurious evidence %q, want %q", got, s.Text)
	}
}

func TestHaversine(t *testing.T) {
	// One degree of longitude on the equator is 2πR/360.
	if got, want := haversineKM(0, 0, 0, 1), 2*math.Pi*6371.0088/360; math.Abs(got-want) > 1e-6 {
		t.Errorf("1° on the equator = %v km, want %v", got, want)
	}
	// Raqqa to Deir ez-Zor is about 120 km.
	if d := haversineKM(35.95283, 39.00788, 35.33589, 40.14077); d < 110 || d > 130 {
		t.Errorf("Raqqa–Deir ez-Zor %v km", d)
	}
}
