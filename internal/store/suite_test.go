package store

import (
	"context"
	"errors"
	"fmt"
	"rasd/internal/document"
	"slices"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
)

// The behaviour suite: every test runs against each store (sqlite_test.go,
// postgres_test.go), so the two cannot drift apart.

type fixture struct {
	doc *document.Document
	res event.Result
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func actor(id, typ string) *event.Actor {
	return &event.Actor{ID: id, NameEN: id + " forces", Type: typ, Text: id}
}

func place(id, name, admin1, code, country string, lat, lon float64) *event.Location {
	return &event.Location{PlaceID: id, NameEN: name, Country: country, Admin1: admin1, Admin1Code: code,
		Admin2: name + " district", Lat: lat, Lon: lon, GeoPrecision: 1, Text: name}
}

func on(day string) *event.Date {
	return &event.Date{Start: day, End: day, EventDate: day, TimePrecision: 1, Text: day}
}

func dead(n int) *event.Fatalities { return &event.Fatalities{Count: n, Min: n, Text: fmt.Sprint(n)} }

// newFixture is one document and the events an extractor would have found
// in it; the store is tested apart from the extractor's rules.
func newFixture(id, source, published, text string, events ...event.Event) fixture {
	doc := &document.Document{ID: id, Source: source, URL: "https://example.org/" + id, Published: date(published),
		Title: strings.SplitN(text, ".", 2)[0], Text: text}
	res := event.Result{Doc: event.Doc{ID: id, Source: source, URL: doc.URL, Published: published, Title: doc.Title, Lang: "ar"}}
	for i, e := range events {
		e.ID = fmt.Sprintf("%s#%d", id, i+1)
		e.Certainty = event.Reported
		e.Confidence = 0.8
		e.Trigger = event.Span{Text: "cue", Start: 0, End: 3}
		e.Evidence = []event.Span{{Text: text[:10], Start: 0, End: 10}}
		e.Rule = "fixture"
		res.Events = append(res.Events, e)
	}
	return fixture{doc, res}
}

func raid(n int) event.Event {
	return event.Event{EventType: event.Explosions, SubEventType: "Air/drone strike",
		Actor1: actor("STATE:RUS", "external"), Actor2: actor("CIVILIANS", "civilians"),
		Location: place("maarrat", "Maarrat an Nu'man", "Idleb", "SY.ID", "SYR", 35.65, 36.68),
		Date:     on("2019-03-12"), Fatalities: dead(n)}
}

// The world of the suite: one raid reported by two outlets, a clash, a
// protest, an article with no event, and an abduction with neither date nor
// place.
var (
	raidA = newFixture("raid-a", "Outlet A", "2019-03-12",
		"قصفت طائرات حربية روسية مدينة معرة النعمان في ريف إدلب، وأدت الغارات إلى مقتل خمسة مدنيين. وتجددت والغارات مساء.", raid(5))
	raidB = newFixture("raid-b", "Outlet B", "2019-03-12",
		"غارات جوية على معرة النعمان تقتل سبعة مدنيين بينهم أطفال.", raid(7))
	clash = newFixture("clash", "Outlet A", "2019-03-06",
		"اشتباكات عنيفة بين القوات الحكومية وتنظيم داعش في ريف حلب الشرقي أسفرت عن مقتل اثني عشر عنصرا.",
		event.Event{EventType: event.Battles, SubEventType: "Armed clash",
			Actor1: actor("STATE:SYR", "state"), AssocActor1: []event.Actor{*actor("NDF", "political_militia")},
			Actor2:   actor("ISIS", "rebel"),
			Location: place("deir-hafer", "Dayr Hafir", "Aleppo", "SY.HL", "SYR", 36.16, 37.71),
			Date:     on("2019-03-05"), Fatalities: dead(12)})
	protest = newFixture("protest", "Outlet C", "2019-02-20",
		"تظاهر مئات في بغداد احتجاجا على انقطاع الكهرباء.",
		event.Event{EventType: event.Protests, SubEventType: "Peaceful protest", Actor1: actor("PROTESTERS:IRQ", "protesters"),
			Location: place("baghdad", "Baghdad", "Baghdad", "IQ.BG", "IRQ", 33.31, 44.36), Date: on("2019-02-20")})
	noEvents = newFixture("book-fair", "Outlet C", "2019-03-01", "افتتح معرض الكتاب في دمشق صباح اليوم.")
	undated  = newFixture("abduction", "Outlet B", "2019-03-10",
		"خطف مسلحون مجهولون رجلا من أمام منزله.",
		event.Event{EventType: event.VAC, SubEventType: "Abduction/forced disappearance",
			Actor1: actor("UNIDENTIFIED", "political_militia"), Actor2: actor("CIVILIANS", "civilians")})
)

var world = []fixture{raidA, raidB, clash, protest, noEvents, undated}

func seed(t *testing.T, s Store) {
	t.Helper()
	for _, f := range world {
		if _, err := s.Add(context.Background(), f.doc, f.res); err != nil {
			t.Fatalf("adding %s: %v", f.doc.ID, err)
		}
	}
}

// docsOf lists, for each merged event that passes f, its sources' document
// ids joined by "+", in the store's order.
func docsOf(t *testing.T, s Store, f Filter) []string {
	t.Helper()
	var out []string
	err := s.Events(context.Background(), f, func(st *event.Stored) error {
		var ids []string
		for _, src := range st.Sources {
			ids = append(ids, src.DocID)
		}
		out = append(out, strings.Join(ids, "+"))
		return nil
	})
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	n, err := s.CountEvents(context.Background(), f)
	if err != nil {
		t.Fatalf("CountEvents(%+v): %v", f, err)
	}
	if f.Limit == 0 && f.Offset == 0 && n != len(out) {
		t.Errorf("CountEvents(%+v) = %d, Events gave %d", f, n, len(out))
	}
	return out
}

func same(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

type opener func(t *testing.T) Store

func runSuite(t *testing.T, open opener) {
	tests := []struct {
		name string
		run  func(t *testing.T, s Store)
	}{
		{"Add", testAdd},
		{"AddIsIdempotent", testIdempotent},
		{"ZeroEvents", testZeroEvents},
		{"BatchIsAllOrNothing", testBatchAtomic},
		{"Filters", testFilters},
		{"FullText", testFullText},
		{"Sorting", testSorting},
		{"Pagination", testPagination},
		{"EventAndDocument", testLookups},
		{"NotFound", testNotFound},
		{"Stats", testStats},
		{"BadFilters", testBadFilters},
		{"CallbackErrorStops", testCallbackError},
		{"LargeFigures", testLargeFigures},
		{"Background", testBackground},
		{"ProvincesAbroad", testProvincesAbroad},
		{"Watch", testWatch},
		{"MergeExplained", testMergeExplained},
		{"Corrections", testCorrections},
		{"Bridge", testBridge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.run(t, s)
		})
	}
}

func testAdd(t *testing.T, s Store) {
	ctx := context.Background()
	r, err := s.Add(ctx, raidA.doc, raidA.res)
	if err != nil {
		t.Fatal(err)
	}
	if r != (AddResult{Added: true, Events: 1, Clusters: 1}) {
		t.Errorf("first report: %+v", r)
	}
	r, err = s.Add(ctx, raidB.doc, raidB.res)
	if err != nil {
		t.Fatal(err)
	}
	if r != (AddResult{Added: true, Events: 1, Clusters: 0}) {
		t.Errorf("second report of the raid: %+v, want it to join the first's cluster", r)
	}
	if ok, err := s.HasDocument(ctx, raidB.doc.Hash()); err != nil || !ok {
		t.Errorf("HasDocument(raid-b) = %v, %v", ok, err)
	}
	if ok, err := s.HasDocument(ctx, clash.doc.Hash()); err != nil || ok {
		t.Errorf("HasDocument(not stored) = %v, %v", ok, err)
	}
	for _, f := range world[2:] {
		if _, err := s.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != (Counts{Documents: 6, Events: 5, Clusters: 4}) {
		t.Errorf("Counts = %+v, want 6 documents, 5 events, 4 clusters", n)
	}
}

func testIdempotent(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	before, _ := s.Counts(ctx)
	// The same text under another id and outlet is the same document.
	again := *raidA.doc
	again.ID, again.Source = "copy-of-raid-a", "Mirror"
	r, err := s.Add(ctx, &again, raidA.res)
	if err != nil {
		t.Fatal(err)
	}
	if r.Added {
		t.Errorf("re-adding a stored text reported %+v", r)
	}
	p1, _ := Prepare(clash.doc, clash.res)
	fresh := newFixture("fresh", "Outlet D", "2019-04-01", "نص جديد لم يخزن من قبل.")
	p2, _ := Prepare(fresh.doc, fresh.res)
	rs, err := s.AddBatch(ctx, []*Prepared{p1, p2})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Added || !rs[1].Added {
		t.Errorf("batch of a stored and a new document: %+v", rs)
	}
	after, _ := s.Counts(ctx)
	if after != (Counts{before.Documents + 1, before.Events, before.Clusters}) {
		t.Errorf("counts went from %+v to %+v; only the fresh document should be new", before, after)
	}
	if got := docsOf(t, s, Filter{Types: []string{event.Explosions}}); !same(got, []string{"raid-a+raid-b"}) {
		t.Errorf("the raid's sources after re-adding: %v", got)
	}
}

func testZeroEvents(t *testing.T, s Store) {
	ctx := context.Background()
	r, err := s.Add(ctx, noEvents.doc, noEvents.res)
	if err != nil {
		t.Fatal(err)
	}
	if r != (AddResult{Added: true}) {
		t.Errorf("report: %+v", r)
	}
	d, err := s.Document(ctx, noEvents.doc.ID)
	if err != nil || d.Text != noEvents.doc.Text {
		t.Errorf("Document = %+v, %v", d, err)
	}
	if n, _ := s.Counts(ctx); n != (Counts{Documents: 1}) {
		t.Errorf("Counts = %+v", n)
	}
}

func testBatchAtomic(t *testing.T, s Store) {
	ctx := context.Background()
	good, _ := Prepare(clash.doc, clash.res)
	broken := newFixture("broken", "Outlet D", "2019-03-01", "نص فيه حدث بتاريخ لا يوجد.", raid(1))
	broken.res.Events[0].Date = &event.Date{Start: "2019-13-45", End: "2019-13-45", EventDate: "2019-13-45"}
	bad, _ := Prepare(broken.doc, broken.res)
	if _, err := s.AddBatch(ctx, []*Prepared{good, bad}); err == nil {
		t.Fatal("a batch with an impossible date was stored")
	}
	if n, _ := s.Counts(ctx); n != (Counts{}) {
		t.Errorf("a failed batch left %+v behind", n)
	}
	if ok, _ := s.HasDocument(ctx, clash.doc.Hash()); ok {
		t.Error("the good document of a failed batch is stored")
	}
	if _, err := s.AddBatch(ctx, []*Prepared{good}); err != nil {
		t.Fatalf("retrying the good document: %v", err)
	}
	if got := docsOf(t, s, Filter{}); !same(got, []string{"clash"}) {
		t.Errorf("after the retry: %v", got)
	}
}

func testFilters(t *testing.T, s Store) {
	seed(t, s)
	bbox, err := ParseBBox("36,35,37,36.5")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		f    Filter
		want []string
	}{
		{"none", Filter{}, []string{"raid-a+raid-b", "clash", "protest", "abduction"}},
		{"since", Filter{Since: date("2019-03-05")}, []string{"raid-a+raid-b", "clash"}},
		{"since is inclusive", Filter{Since: date("2019-03-12")}, []string{"raid-a+raid-b"}},
		{"until", Filter{Until: date("2019-03-05")}, []string{"clash", "protest"}},
		{"since and until", Filter{Since: date("2019-03-01"), Until: date("2019-03-10")}, []string{"clash"}},
		{"event type", Filter{Types: []string{"Battles"}}, []string{"clash"}},
		{"sub-event type, any case", Filter{Types: []string{"air/drone strike"}}, []string{"raid-a+raid-b"}},
		{"several types", Filter{Types: []string{event.Protests, event.Battles}}, []string{"clash", "protest"}},
		{"actor1", Filter{Actor: "ISIS"}, []string{"clash"}},
		{"associate", Filter{Actor: "NDF"}, []string{"clash"}},
		{"actor2", Filter{Actor: "CIVILIANS"}, []string{"raid-a+raid-b", "abduction"}},
		{"unknown actor", Filter{Actor: "NOBODY"}, nil},
		{"admin1 name", Filter{Admin1: "Idleb"}, []string{"raid-a+raid-b"}},
		{"admin1 lower case", Filter{Admin1: "aleppo"}, []string{"clash"}},
		{"admin1 code", Filter{Admin1: "sy.id"}, []string{"raid-a+raid-b"}},
		{"admin1 in Arabic", Filter{Admin1: "إدلب"}, []string{"raid-a+raid-b"}},
		{"country", Filter{Country: "irq"}, []string{"protest"}},
		{"bbox", Filter{BBox: bbox}, []string{"raid-a+raid-b"}},
		{"bbox and type", Filter{BBox: bbox, Types: []string{event.Battles}}, nil},
		{"country and since", Filter{Country: "SYR", Since: date("2019-03-06")}, []string{"raid-a+raid-b"}},
	}
	for _, c := range cases {
		if got := docsOf(t, s, c.f); !same(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func testFullText(t *testing.T, s Store) {
	seed(t, s)
	cases := []struct {
		q, why string
		want   []string
	}{
		{"الغارات", "the word as written", []string{"raid-a+raid-b"}},
		{"غارات", "found in «الغارات» and «غارات»", []string{"raid-a+raid-b"}},
		{"تنظيم", "found in «وتنظيم» through its reading without و", []string{"clash"}},
		{"ادلب", "matches «إدلب»: one normaliser for index and query", []string{"raid-a+raid-b"}},
		{"ريف", "in two documents", []string{"raid-a+raid-b", "clash"}},
		{"ريف حلب", "every word must be there", []string{"clash"}},
		{"الكتاب", "only in a document without events", nil},
		{"زلزال", "in no document", nil},
	}
	for _, c := range cases {
		if got := docsOf(t, s, Filter{Text: c.q}); !same(got, c.want) {
			t.Errorf("text %q (%s): got %q, want %q", c.q, c.why, got, c.want)
		}
	}
}

func testSorting(t *testing.T, s Store) {
	seed(t, s)
	cases := map[string][]string{
		"":           {"raid-a+raid-b", "clash", "protest", "abduction"},
		"date":       {"raid-a+raid-b", "clash", "protest", "abduction"},
		"-date":      {"protest", "clash", "raid-a+raid-b", "abduction"},
		"fatalities": {"clash", "raid-a+raid-b", "protest", "abduction"},
	}
	for sort, want := range cases {
		if got := docsOf(t, s, Filter{Sort: sort}); !same(got, want) {
			t.Errorf("sort %q: got %q, want %q", sort, got, want)
		}
	}
}

func testPagination(t *testing.T, s Store) {
	seed(t, s)
	all := docsOf(t, s, Filter{Sort: "-date"})
	var paged []string
	for off := 0; off < 6; off += 3 {
		page := docsOf(t, s, Filter{Sort: "-date", Limit: 3, Offset: off})
		if len(page) > 3 {
			t.Errorf("page at %d has %d events", off, len(page))
		}
		paged = append(paged, page...)
	}
	if !same(paged, all) {
		t.Errorf("pages %q, all %q", paged, all)
	}
	if got, want := docsOf(t, s, Filter{Sort: "-date", Offset: 2}), all[2:]; !same(got, want) {
		t.Errorf("offset without limit: got %q, want %q", got, want)
	}
	if n, err := s.CountEvents(context.Background(), Filter{Limit: 1, Offset: 1}); err != nil || n != 4 {
		t.Errorf("CountEvents ignores limit and offset: got %d, %v", n, err)
	}
}

func testLookups(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	id := clusterID(raidA.doc.Hash(), "raid-a#1")
	st, err := s.Event(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.ClusterID != id || len(st.Sources) != 2 || st.Sources[0].DocID != "raid-a" || st.Sources[1].DocID != "raid-b" ||
		st.Sources[1].URL != "https://example.org/raid-b" || st.Sources[1].EventID != "raid-b#1" {
		t.Errorf("merged raid: %+v", st)
	}
	if st.EventType != event.Explosions || st.Location == nil || st.Location.Admin1Code != "SY.ID" {
		t.Errorf("merged raid fields: %+v", st.Event)
	}
	d, err := s.Document(ctx, "raid-b")
	if err != nil {
		t.Fatal(err)
	}
	want := raidB.doc
	if d.ID != want.ID || d.Source != want.Source || d.URL != want.URL || d.Title != want.Title || d.Text != want.Text ||
		!d.Published.Equal(want.Published) {
		t.Errorf("Document(raid-b) = %+v, want %+v", d, want)
	}
}

func testNotFound(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	if _, err := s.Event(ctx, "0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Event(unknown) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Document(ctx, "no-such-doc"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(unknown) error = %v, want ErrNotFound", err)
	}
}

func testStats(t *testing.T, s Store) {
	seed(t, s)
	rows, err := s.Stats(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// The raid was reported twice and counts once, with the merged record's
	// fatality figure.
	raid, _ := s.Event(context.Background(), clusterID(raidA.doc.Hash(), "raid-a#1"))
	want := []StatRow{
		{"", event.VAC, "", "", "", "UNIDENTIFIED", 1, 0},
		{"2019-02-18", event.Protests, "IRQ", "Baghdad", "IQ.BG", "PROTESTERS:IRQ", 1, 0},
		{"2019-03-04", event.Battles, "SYR", "Aleppo", "SY.HL", "STATE:SYR", 1, 12},
		{"2019-03-11", event.Explosions, "SYR", "Idleb", "SY.ID", "STATE:RUS", 1, raid.Fatalities.Count},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("Stats:\n got %v\nwant %v", rows, want)
	}
	rows, err = s.Stats(context.Background(), Filter{Country: "SYR", Since: date("2019-03-01")})
	if err != nil || len(rows) != 2 {
		t.Errorf("Stats with filters: %v, %v", rows, err)
	}
}

func testBadFilters(t *testing.T, s Store) {
	seed(t, s)
	bad := map[string]Filter{
		"type":                      {Types: []string{"Bombing"}},
		"country":                   {Country: "Syrie"},
		"code":                      {Country: "XYZ"},
		"admin1":                    {Admin1: "Nowhere"},
		"admin1 in another country": {Admin1: "Idleb", Country: "IRQ"},
		"bbox":                      {BBox: &BBox{MinLon: 40, MinLat: 30, MaxLon: 35, MaxLat: 37}},
		"sort":                      {Sort: "size"},
		"interval":                  {Since: date("2019-03-10"), Until: date("2019-03-01")},
		"text":                      {Text: "!!! ؟"},
		"limit":                     {Limit: -1},
	}
	for name, f := range bad {
		err := s.Events(context.Background(), f, func(*event.Stored) error { return nil })
		if !errors.Is(err, ErrBadFilter) {
			t.Errorf("%s: Events error = %v, want ErrBadFilter", name, err)
		}
		if _, err := s.CountEvents(context.Background(), f); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%s: CountEvents error = %v", name, err)
		}
		if _, err := s.Stats(context.Background(), f); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%s: Stats error = %v", name, err)
		}
	}
}

func testCallbackError(t *testing.T, s Store) {
	seed(t, s)
	stop := errors.New("enough")
	n := 0
	err := s.Events(context.Background(), Filter{}, func(*event.Stored) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Events went on after the callback failed: %d calls, %v", n, err)
	}
}

// A misread figure far beyond 2^31 is stored and counted by both stores
// alike, not refused by one of them.
func testLargeFigures(t *testing.T, s Store) {
	ctx := context.Background()
	huge := newFixture("huge", "Outlet A", "2019-03-12", "قتل أربعة مليارات شخص في رواية خاطئة.", raid(4_000_000_000))
	if _, err := s.Add(ctx, huge.doc, huge.res); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Stats(ctx, Filter{})
	if err != nil || len(rows) != 1 || rows[0].Fatalities != 4_000_000_000 {
		t.Errorf("Stats = %v, %v", rows, err)
	}
	if got := docsOf(t, s, Filter{Sort: "fatalities"}); !same(got, []string{"huge"}) {
		t.Errorf("sorted by fatalities: %q", got)
	}
}

// The background filter leaves out, or keeps only, the events that articles
// recall as past context; a merged event is background while every source
// recalls it, so a report of it as news turns it into news.
func testBackground(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	shelling := func(background bool) event.Event {
		e := raid(3)
		e.SubEventType = "Shelling/artillery/missile attack"
		e.Location = place("douma", "Douma", "Rural Damascus", "SY.RD", "SYR", 33.57, 36.4)
		e.Date = on("2013-08-21")
		e.Background = background
		return e
	}
	recalled := newFixture("recalled", "Outlet D", "2019-03-12", "وكانت قوات النظام قد قصفت دوما في آب 2013.", shelling(true))
	if _, err := s.Add(ctx, recalled.doc, recalled.res); err != nil {
		t.Fatal(err)
	}
	no, yes := false, true
	news := []string{"raid-a+raid-b", "clash", "protest", "abduction"}
	check := func(when string, cases map[*bool][]string) {
		t.Helper()
		for bg, want := range cases {
			if got := docsOf(t, s, Filter{Background: bg}); !same(got, want) {
				t.Errorf("%s, background %v: got %q, want %q", when, *bg, got, want)
			}
		}
	}
	check("one recalled report", map[*bool][]string{&no: news, &yes: {"recalled"}})
	if got := docsOf(t, s, Filter{}); len(got) != 5 {
		t.Errorf("without the filter: %q, want all five events", got)
	}
	if rows, err := s.Stats(ctx, Filter{Background: &yes}); err != nil || len(rows) != 1 || rows[0].Week != "2013-08-19" {
		t.Errorf("Stats of the recalled events: %v, %v", rows, err)
	}
	if n, err := s.CountEvents(ctx, Filter{Background: &yes, Country: "SYR", Since: date("2013-01-01")}); err != nil || n != 1 {
		t.Errorf("CountEvents of the recalled events in Syria since 2013: %d, %v", n, err)
	}

	retold := newFixture("retold", "Outlet E", "2013-08-22", "قصفت قوات النظام مدينة دوما أمس.", shelling(false))
	r, err := s.Add(ctx, retold.doc, retold.res)
	if err != nil || r.Clusters != 0 {
		t.Fatalf("the news report of the shelling: %+v, %v; want it to join the recalled one", r, err)
	}
	check("a news report joined", map[*bool][]string{
		&no:  {"raid-a+raid-b", "clash", "protest", "recalled+retold", "abduction"},
		&yes: nil,
	})
}

// Provinces and countries beyond Syria and Iraq are found by code, English
// and Arabic name alike; a name two countries' provinces share finds both
// unless the country says which.
func testProvincesAbroad(t *testing.T, s Store) {
	strike := func(id, text string, loc *event.Location) fixture {
		return newFixture(id, "Outlet D", "2019-04-02", text, event.Event{EventType: event.Explosions,
			SubEventType: "Air/drone strike", Actor1: actor("ARAB-COALITION", "external"),
			Location: loc, Date: on("2019-04-01")})
	}
	for _, f := range []fixture{
		strike("hudaydah", "غارات على مدينة الحديدة غرب اليمن صباح الاثنين.", place("hudaydah", "Al Hudaydah", "Al Hudaydah", "YE.HU", "YEM", 14.8, 42.95)),
		strike("hazm", "غارة على مدينة الحزم في محافظة الجوف اليمنية.", place("hazm", "Al Hazm", "Al Jawf", "YE.JA", "YEM", 16.16, 44.78)),
		strike("sakaka", "سقوط مقذوف قرب سكاكا في منطقة الجوف السعودية.", place("sakaka", "Sakaka", "Al Jawf", "SA.JF", "SAU", 29.97, 40.2)),
		strike("tripoli", "قصف جوي على مطار معيتيقة في طرابلس الليبية.", place("mitiga", "Mitiga", "Tripoli", "LY.TR", "LBY", 32.89, 13.28)),
	} {
		if _, err := s.Add(context.Background(), f.doc, f.res); err != nil {
			t.Fatalf("adding %s: %v", f.doc.ID, err)
		}
	}
	for _, c := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"code", Filter{Admin1: "YE.HU"}, []string{"hudaydah"}},
		{"English name", Filter{Admin1: "al hudaydah"}, []string{"hudaydah"}},
		{"Arabic name", Filter{Admin1: "الحديدة"}, []string{"hudaydah"}},
		{"Tripoli", Filter{Admin1: "Tripoli"}, []string{"tripoli"}},
		{"a name of two provinces", Filter{Admin1: "Al Jawf"}, []string{"sakaka", "hazm"}},
		{"and its country", Filter{Admin1: "الجوف", Country: "Saudi Arabia"}, []string{"sakaka"}},
		{"country by name", Filter{Country: "اليمن"}, []string{"hazm", "hudaydah"}},
		{"country by ISO alpha-2", Filter{Country: "ly"}, []string{"tripoli"}},
	} {
		// Each report's document is its own; the order is the store's
		// (newest first, then the latest stored first).
		got := docsOf(t, s, c.f)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !same(got, want) {
			t.Errorf("%s: got %q, want %q", c.name, got, want)
		}
	}
	// Stats keep the two provinces called Al Jawf apart.
	rows, err := s.Stats(context.Background(), Filter{Admin1: "Al Jawf"})
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, r := range rows {
		cells = append(cells, fmt.Sprintf("%s %s %s %d", r.Country, r.Admin1, r.Admin1Code, r.Events))
	}
	if got := strings.Join(cells, ", "); got != "SAU Al Jawf SA.JF 1, YEM Al Jawf YE.JA 1" {
		t.Errorf("stats of Al Jawf: %s", got)
	}
}

// clusterOf is the id of the merged event holding document doc.
func clusterOf(t *testing.T, s Store, doc string) string {
	t.Helper()
	var id string
	err := s.Events(context.Background(), Filter{}, func(st *event.Stored) error {
		for _, src := range st.Sources {
			if src.DocID == doc {
				id = st.ClusterID
			}
		}
		return nil
	})
	if err != nil || id == "" {
		t.Fatalf("no merged event holds %s (%v)", doc, err)
	}
	return id
}

func testMergeExplained(t *testing.T, s Store) {
	seed(t, s)
	st, err := s.Event(context.Background(), clusterOf(t, s, "raid-b"))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Sources) != 2 || st.Sources[0].Why != nil {
		t.Fatalf("sources %+v: want two, the first without a reason", st.Sources)
	}
	why := st.Sources[1].Why
	if why == nil || why.By != "rasd" || why.Score <= 0 || len(why.Signals) == 0 {
		t.Fatalf("the second source's reason: %+v", why)
	}
	names := map[string]bool{}
	for _, sg := range why.Signals {
		names[sg.Name] = true
	}
	for _, n := range []string{"type", "place", "date", "actors", "toll", "wording"} {
		if !names[n] {
			t.Errorf("no %s signal in %+v", n, why.Signals)
		}
	}
}

// testCorrections splits a report out and joins two events, then stores
// the same articles again and edited versions of them (same document ids,
// so same event ids, new texts): the corrections hold.
func testCorrections(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	before, _ := s.Counts(ctx)
	if _, err := s.Split(ctx, clusterOf(t, s, "raid-a"), "raid-a#1"); err != nil {
		t.Fatal(err)
	}
	if got := docsOf(t, s, Filter{Types: []string{event.Explosions}}); !same(got, []string{"raid-b", "raid-a"}) && !same(got, []string{"raid-a", "raid-b"}) {
		t.Errorf("after the split: %v, want raid-a and raid-b apart", got)
	}
	if _, err := s.Split(ctx, clusterOf(t, s, "raid-a"), "raid-a#1"); !errors.Is(err, ErrBadCorrection) {
		t.Errorf("splitting the only source: %v, want ErrBadCorrection", err)
	}
	if _, err := s.Split(ctx, "no-such-event", "raid-a#1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("splitting from an unknown event: %v, want ErrNotFound", err)
	}
	clashID, protestID := clusterOf(t, s, "clash"), clusterOf(t, s, "protest")
	if err := s.Join(ctx, clashID, protestID); err != nil {
		t.Fatal(err)
	}
	if err := s.Join(ctx, clashID, clashID); !errors.Is(err, ErrBadCorrection) {
		t.Errorf("joining an event with itself: %v, want ErrBadCorrection", err)
	}
	if _, err := s.Event(ctx, protestID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the joined event is still there: %v", err)
	}
	st, err := s.Event(ctx, clashID)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Sources) != 2 || st.Sources[1].Why == nil || st.Sources[1].Why.By != "analyst" {
		t.Errorf("after the join: %+v", st.Sources)
	}
	check := func(when string) {
		t.Helper()
		if got := docsOf(t, s, Filter{Types: []string{event.Explosions}}); len(got) != 2 || slices.Contains(got, "raid-a+raid-b") || slices.Contains(got, "raid-b+raid-a") {
			t.Errorf("%s: the raid's reports are %v, want them apart", when, got)
		}
		if clusterOf(t, s, "clash") != clusterOf(t, s, "protest") {
			t.Errorf("%s: the clash and the protest are apart again", when)
		}
	}
	check("after the corrections")
	n, _ := s.Counts(ctx)
	if n != (Counts{before.Documents, before.Events, before.Clusters}) {
		t.Errorf("counts went from %+v to %+v: a split adds a merged event and a join removes one", before, n)
	}

	// The same articles again: nothing changes.
	seed(t, s)
	check("after storing the same articles again")

	// Edited versions: new texts, the same document and event ids.
	editedA := newFixture("raid-a", "Outlet A", "2019-03-12",
		"تحديث: قصفت طائرات حربية روسية مدينة معرة النعمان في ريف إدلب وقتلت خمسة مدنيين.", raid(5))
	editedP := newFixture("protest", "Outlet C", "2019-02-20",
		"تحديث: تظاهر المئات في بغداد احتجاجا على انقطاع الكهرباء.", protest.res.Events[0])
	editedP.res.Events[0].ID = "protest#1"
	for _, f := range []fixture{editedA, editedP} {
		if _, err := s.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	var protests []string
	err = s.Events(ctx, Filter{}, func(st *event.Stored) error {
		ids := map[string]bool{}
		for _, src := range st.Sources {
			ids[src.DocID] = true
		}
		if ids["raid-b"] {
			if ids["raid-a"] {
				t.Errorf("an edited raid-a joined raid-b's event %s", st.ClusterID)
			}
		}
		if ids["protest"] {
			protests = append(protests, st.ClusterID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(protests) != 1 || protests[0] != clashID {
		t.Errorf("the protest's reports are in %v, want all in the clash's event %s", protests, clashID)
	}
}

// testBridge stores two reports of one strike that cannot be joined (one
// reads it as a strike on civilians by nobody named, the other as a battle
// of the Russian forces), then a third that fits both: the two events
// become one, and stay one when the articles are stored again.
func testBridge(t *testing.T, s Store) {
	ctx := context.Background()
	at := place("kafranbel", "Kafr Nabl", "Idleb", "SY.ID", "SYR", 35.61, 36.56)
	strike := event.Event{EventType: event.Explosions, SubEventType: "Air/drone strike",
		Actor2: actor("CIVILIANS", "civilians"), Location: at, Date: on("2019-04-02")}
	battle := event.Event{EventType: event.Battles, SubEventType: "Armed clash",
		Actor1: actor("STATE:RUS", "external"), Location: at, Date: on("2019-04-02")}
	named := strike
	named.Actor1 = actor("STATE:RUS", "external")
	a := newFixture("strike-a", "Outlet A", "2019-04-02", "سقوط قتلى في قصف استهدف سوقا في كفرنبل صباح اليوم.", strike)
	b := newFixture("strike-b", "Outlet B", "2019-04-02", "معارك تخوضها القوات الروسية قرب كفرنبل.", battle)
	c := newFixture("strike-c", "Outlet C", "2019-04-02", "طائرات روسية تقصف كفرنبل وتقتل مدنيين.", named)
	for _, f := range []fixture{a, b} {
		if _, err := s.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	if clusterOf(t, s, "strike-a") == clusterOf(t, s, "strike-b") {
		t.Fatal("the first two reports joined without the third: the test shows nothing")
	}
	bID := clusterOf(t, s, "strike-b")
	if _, err := s.Add(ctx, c.doc, c.res); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		got := docsOf(t, s, Filter{})
		if !slices.Contains(got, "strike-a+strike-c+strike-b") {
			t.Errorf("%s: events %v, want strike-a+strike-c+strike-b", when, got)
		}
	}
	check("after the third report")
	if _, err := s.Event(ctx, bID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the bridged event %s is still there: %v", bID, err)
	}
	st, err := s.Event(ctx, clusterOf(t, s, "strike-b"))
	if err != nil {
		t.Fatal(err)
	}
	if why := st.Sources[2].Why; why == nil || why.By != "rasd" {
		t.Errorf("the bridged source's reason: %+v", why)
	}
	for _, f := range []fixture{a, b, c} {
		if _, err := s.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	check("after storing them again")
	// An analyst's split still works on a bridged event, and holds.
	if _, err := s.Split(ctx, clusterOf(t, s, "strike-b"), "strike-b#1"); err != nil {
		t.Fatal(err)
	}
	if clusterOf(t, s, "strike-b") == clusterOf(t, s, "strike-a") {
		t.Error("the split did not take strike-b out")
	}
}
