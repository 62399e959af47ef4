package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
)

// The SQLite store answers counts, stats and pages from its read index; the
// SQL of query.go, which PostgreSQL runs, must give the same answers. Both
// are asked here on one store of generated events, with every kind of
// filter, alone and combined, each sort, and pages.
func TestReadIndexAnswersAsSQL(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteForTest(t)
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		f := randomFixture(rng, i)
		if _, err := s.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 400 {
		f := randomFilter(rng)
		nf, err := f.normalized()
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.sqlCount(ctx, nf)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.CountEvents(ctx, f); err != nil || got != want {
			t.Fatalf("filter %d %s: CountEvents %d, %v; SQL counts %d", i, describe(f), got, err, want)
		}
		wantStats, err := s.sqlStats(ctx, nf)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Stats(ctx, f); err != nil || fmt.Sprint(got) != fmt.Sprint(wantStats) {
			t.Fatalf("filter %d %s: Stats\n got %v, %v\nwant %v", i, describe(f), got, err, wantStats)
		}
		f.Sort = Sorts[rng.IntN(len(Sorts))]
		f.Limit, f.Offset = 1+rng.IntN(40), rng.IntN(3)*rng.IntN(40)
		nf.Sort, nf.Limit, nf.Offset = f.Sort, f.Limit, f.Offset
		if got, want := s.pageIDs(t, f, s.Events), s.pageIDs(t, nf, s.sqlEvents); !slices.Equal(got, want) {
			t.Fatalf("filter %d %s: Events\n got %v\nwant %v", i, describe(f), got, want)
		}
	}
}

// A store that another process writes to: the read index takes in what
// changed, new clusters and clusters that grew alike.
func TestReadIndexFollowsOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rasd.db")
	reader, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	writer, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if _, err := writer.Add(ctx, raidA.doc, raidA.res); err != nil {
		t.Fatal(err)
	}
	if got := docsOf(t, reader, Filter{Limit: 10}); !same(got, []string{"raid-a"}) {
		t.Fatalf("after the first report: %q", got)
	}
	for _, f := range world[1:] {
		if _, err := writer.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	// raid-b joined raid-a's cluster: its text, its actors and its
	// figures now count for that cluster.
	for _, c := range []struct {
		f    Filter
		want []string
	}{
		{Filter{Limit: 10}, []string{"raid-a+raid-b", "clash", "protest", "abduction"}},
		{Filter{Limit: 10, Text: "سبعة"}, []string{"raid-a+raid-b"}},
		{Filter{Limit: 10, Actor: "ISIS"}, []string{"clash"}},
	} {
		if got := docsOf(t, reader, c.f); !same(got, c.want) {
			t.Errorf("%s after the other store wrote: %q, want %q", describe(c.f), got, c.want)
		}
	}
}

// openSQLiteForTest opens a new store with opts, closed when the test ends.
func openSQLiteForTest(t *testing.T, opts ...Option) *sqliteStore {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "rasd.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.(*sqliteStore)
}

// The words, places and actors the generated events are made of.
var (
	genWords  = []string{"قصف", "غارة", "اشتباكات", "مدينة", "ريف", "مقتل", "تنظيم", "القوات", "مظاهرة", "انفجار"}
	genPlaces = []*event.Location{
		place("idlib", "Idlib", "Idleb", "SY.ID", "SYR", 35.93, 36.63),
		place("aleppo", "Aleppo", "Aleppo", "SY.HL", "SYR", 36.2, 37.16),
		place("mosul", "Mosul", "Ninewa", "IQ.NI", "IRQ", 36.34, 43.13),
		place("baghdad", "Baghdad", "Baghdad", "IQ.BG", "IRQ", 33.31, 44.36),
		// Provinces of the other countries; "Al Jawf" is a province of
		// Yemen and one of Saudi Arabia.
		place("taiz", "Taizz", "Taizz", "YE.TA", "YEM", 13.58, 44.02),
		place("kandahar", "Kandahar", "Kandahar", "AF.KD", "AFG", 31.61, 65.71),
		place("hazm", "Al Hazm", "Al Jawf", "YE.JA", "YEM", 16.16, 44.78),
		place("sakaka", "Sakaka", "Al Jawf", "SA.JF", "SAU", 29.97, 40.2),
		nil,
	}
	genActors = []string{"ISIS", "SDF", "STATE:SYR", "STATE:IRQ", "CIVILIANS", "HTS"}
)

func randomFixture(rng *rand.Rand, i int) fixture {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	words := make([]string, 4+rng.IntN(6))
	for j := range words {
		words[j] = pick(genWords)
	}
	et := event.EventTypes[rng.IntN(len(event.EventTypes))]
	e := event.Event{EventType: et, SubEventType: pick(event.SubTypes[et]), Location: genPlaces[rng.IntN(len(genPlaces))],
		Actor1: actor(pick(genActors), "state"), Background: rng.IntN(4) == 0, Fatalities: dead(rng.IntN(5))}
	if rng.IntN(3) == 0 {
		e.Actor2 = actor(pick(genActors), "rebel")
	}
	if rng.IntN(5) == 0 {
		e.AssocActor1 = []event.Actor{*actor(pick(genActors), "state")}
	}
	if rng.IntN(8) != 0 {
		e.Date = on(date("2019-01-01").AddDate(0, 0, rng.IntN(120)).Format("2006-01-02"))
	}
	text := fmt.Sprintf("تقرير %d: %s.", i, strings.Join(words, " "))
	return newFixture(fmt.Sprintf("gen-%03d", i), "Outlet "+pick([]string{"A", "B"}), "2019-05-01", text, e)
}

func randomFilter(rng *rand.Rand) Filter {
	var f Filter
	if rng.IntN(3) == 0 {
		f.Since = date("2019-01-01").AddDate(0, 0, rng.IntN(120))
	}
	if rng.IntN(3) == 0 {
		f.Until = date("2019-01-01").AddDate(0, 0, 30+rng.IntN(120))
		if !f.Since.IsZero() && f.Until.Before(f.Since) {
			f.Since, f.Until = f.Until, f.Since
		}
	}
	if rng.IntN(3) == 0 {
		et := event.EventTypes[rng.IntN(len(event.EventTypes))]
		f.Types = append(f.Types, et)
		if rng.IntN(2) == 0 {
			f.Types = []string{event.SubTypes[et][0]}
		}
		if rng.IntN(3) == 0 {
			f.Types = append(f.Types, strings.ToLower(event.EventTypes[rng.IntN(len(event.EventTypes))]))
		}
	}
	if rng.IntN(4) == 0 {
		f.Actor = append(genActors, "NOBODY")[rng.IntN(len(genActors)+1)]
	}
	if rng.IntN(4) == 0 {
		f.Admin1 = []string{"Idleb", "sy.hl", "نينوى", "Taizz", "kandahar", "Al Jawf", "الجوف", "Hama"}[rng.IntN(8)]
	}
	if rng.IntN(4) == 0 {
		f.Country = []string{"SYR", "irq", "YEM", "AFG", "FRA", "Saudi Arabia", "اليمن"}[rng.IntN(7)]
	}
	if f.Validate() != nil {
		// A province and a country it is not in: an error for both
		// readers alike, not a filter to compare them on.
		f.Country = ""
	}
	if rng.IntN(5) == 0 {
		f.BBox = &BBox{MinLon: 35 + rng.Float64()*3, MinLat: 30 + rng.Float64()*4, MaxLon: 40 + rng.Float64()*30, MaxLat: 35 + rng.Float64()*3}
	}
	if rng.IntN(3) == 0 {
		b := rng.IntN(2) == 0
		f.Background = &b
	}
	if rng.IntN(4) == 0 {
		f.Text = genWords[rng.IntN(len(genWords))]
		if rng.IntN(2) == 0 {
			f.Text += " " + genWords[rng.IntN(len(genWords))]
		}
	}
	return f
}

func describe(f Filter) string {
	var parts []string
	add := func(k string, v any) { parts = append(parts, fmt.Sprintf("%s=%v", k, v)) }
	if !f.Since.IsZero() {
		add("since", f.Since.Format(time.DateOnly))
	}
	if !f.Until.IsZero() {
		add("until", f.Until.Format(time.DateOnly))
	}
	for k, v := range map[string]string{"actor": f.Actor, "admin1": f.Admin1, "country": f.Country, "text": f.Text, "sort": f.Sort} {
		if v != "" {
			add(k, v)
		}
	}
	if len(f.Types) > 0 {
		add("types", f.Types)
	}
	if f.BBox != nil {
		add("bbox", *f.BBox)
	}
	if f.Background != nil {
		add("background", *f.Background)
	}
	if f.Limit > 0 || f.Offset > 0 {
		add("page", fmt.Sprintf("%d+%d", f.Offset, f.Limit))
	}
	slices.Sort(parts)
	return "{" + strings.Join(parts, " ") + "}"
}

// pageIDs lists the cluster ids a way of listing events gives for f.
func (s *sqliteStore) pageIDs(t *testing.T, f Filter, events func(context.Context, Filter, func(*event.Stored) error) error) []string {
	t.Helper()
	var ids []string
	if err := events(context.Background(), f, func(st *event.Stored) error {
		ids = append(ids, st.ClusterID)
		return nil
	}); err != nil {
		t.Fatalf("%s: %v", describe(f), err)
	}
	return ids
}
