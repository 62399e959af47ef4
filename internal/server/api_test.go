package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"rasd/internal/document"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/lexicon"
	"rasd/internal/mention"
	"rasd/internal/store"
)

func get(t *testing.T, ts *httptest.Server, path string, into any) int {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if into != nil {
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatalf("GET %s: %d, not JSON: %v\n%s", path, res.StatusCode, err, b)
		}
	}
	return res.StatusCode
}

type listBody struct {
	Total  int            `json:"total"`
	Limit  int            `json:"limit"`
	Offset int            `json:"offset"`
	Events []event.Stored `json:"events"`
}

// docsOf names each listed event by its first source's document, the
// fixture's own names.
func docsOf(es []event.Stored) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Sources[0].DocID
	}
	return out
}

func TestEventsList(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	var b listBody
	if code := get(t, ts, "/api/events", &b); code != 200 {
		t.Fatalf("code %d", code)
	}
	// Five documents, four occurrences: baghuz-b joins baghuz-a.
	if b.Total != 4 || b.Limit != DefaultLimit || b.Offset != 0 {
		t.Errorf("total %d limit %d offset %d, want 4 %d 0", b.Total, b.Limit, b.Offset, DefaultLimit)
	}
	want := []string{"mosul", "baghuz-a", "raqqa", "anbar"} // newest first
	if diff := cmp.Diff(want, docsOf(b.Events)); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	for _, e := range b.Events {
		if e.Sources[0].DocID == "baghuz-a" && len(e.Sources) != 2 {
			t.Errorf("the Baghuz attack has %d sources, want 2", len(e.Sources))
		}
	}
}

func TestEventsFilters(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	for _, c := range []struct {
		query string
		want  []string // documents, sorted
	}{
		{"since=2019-03-01", []string{"baghuz-a", "mosul"}},
		{"until=2019-02-12", []string{"anbar", "raqqa"}},
		{"since=2019-02-01&until=2019-03-20", []string{"baghuz-a", "raqqa"}},
		{"type=Battles", []string{"anbar"}},
		{"type=Air/drone+strike", []string{"mosul"}},
		{"type=battles,arrests", []string{"anbar", "raqqa"}},
		{"type=Battles&type=Arrests", []string{"anbar", "raqqa"}},
		{"actor=ISIS", []string{"anbar", "baghuz-a", "mosul", "raqqa"}},
		{"actor=SDF", []string{"raqqa"}},
		{"actor=CIVILIANS", []string{"baghuz-a"}},
		{"admin1=Deir-ez-Zor", []string{"baghuz-a"}},
		{"admin1=SY.DY", []string{"baghuz-a"}},
		{"admin1=" + url.QueryEscape("نينوى"), []string{"mosul"}},
		{"country=IRQ", []string{"anbar", "mosul"}},
		{"country=syr", []string{"baghuz-a", "raqqa"}},
		{"country=Syria", []string{"baghuz-a", "raqqa"}},
		{"country=" + url.QueryEscape("العراق"), []string{"anbar", "mosul"}},
		{"admin1=deir+ez+zor", []string{"baghuz-a"}},
		{"bbox=38,34,42,37", []string{"baghuz-a", "raqqa"}},
		{"q=" + url.QueryEscape("الموصل"), []string{"mosul"}},
		{"q=" + url.QueryEscape("مدنيين"), []string{"baghuz-a"}},
		{"country=SYR&type=Violence+against+civilians&since=2019-03-01", []string{"baghuz-a"}},
		{"actor=SDF&country=IRQ", []string{}},
	} {
		var b listBody
		if code := get(t, ts, "/api/events?"+c.query, &b); code != 200 {
			t.Errorf("%s: code %d", c.query, code)
			continue
		}
		got := docsOf(b.Events)
		sort.Strings(got)
		if diff := cmp.Diff(c.want, got); diff != "" || b.Total != len(c.want) {
			t.Errorf("%s: total %d (-want +got):\n%s", c.query, b.Total, diff)
		}
	}
}

func TestBackgroundFilter(t *testing.T) {
	st := openFixtureStore(t)
	recalled := recalledDoc(t)
	if _, err := st.Add(context.Background(), recalled.doc, recalled.res); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, st, Config{})
	news := []string{"anbar", "baghuz-a", "mosul", "raqqa"}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", append([]string{"ramadi-2014"}, news...)},
		{"background=all", append([]string{"ramadi-2014"}, news...)},
		{"background=false", news},
		{"background=true", []string{"ramadi-2014"}},
		{"background=true&country=IRQ&since=2014-01-01", []string{"ramadi-2014"}},
		{"background=false&actor=STATE:IRQ", []string{"anbar"}},
	} {
		var b listBody
		if code := get(t, ts, "/api/events?"+c.query, &b); code != 200 {
			t.Errorf("%s: code %d", c.query, code)
			continue
		}
		got := docsOf(b.Events)
		sort.Strings(got)
		want := slices.Clone(c.want)
		sort.Strings(want)
		if diff := cmp.Diff(want, got); diff != "" || b.Total != len(want) {
			t.Errorf("%s: total %d (-want +got):\n%s", c.query, b.Total, diff)
		}
	}
	// Without the recalled battle the weekly axis starts in 2019, not 2014.
	var s statsBody
	if code := get(t, ts, "/api/stats?background=false", &s); code != 200 || s.Total != 4 || len(s.Weeks) == 0 || s.Weeks[0] != "2018-12-31" {
		t.Errorf("stats without background: %d, total %d, first week %v", code, s.Total, s.Weeks[:min(1, len(s.Weeks))])
	}
	if code := get(t, ts, "/api/stats", &s); code != 200 || s.Total != 5 || s.Weeks[0] != "2013-12-30" {
		t.Errorf("stats with background: %d, total %d, first week %v", code, s.Total, s.Weeks[:min(1, len(s.Weeks))])
	}
	for _, path := range []string{"/api/events?background=maybe", "/api/events?background=", "/api/stats?background=no",
		"/api/events?background=false&background=true", "/api/places?background=1", "/api/alerts?background=yes"} {
		var e errorBody
		if code := get(t, ts, path, &e); code != http.StatusBadRequest || !strings.Contains(e.Error, "background") {
			t.Errorf("%s: %d %q, want 400 naming background", path, code, e.Error)
		}
	}
}

func TestEventsSortAndPaging(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"sort=-date", []string{"anbar", "raqqa", "baghuz-a", "mosul"}},
		{"sort=fatalities", []string{"mosul", "baghuz-a", "anbar", "raqqa"}},
		{"limit=2", []string{"mosul", "baghuz-a"}},
		{"limit=2&offset=2", []string{"raqqa", "anbar"}},
		{"limit=3&offset=3", []string{"anbar"}},
		{"offset=4", []string{}},
		{"offset=400", []string{}},
	} {
		var b listBody
		if code := get(t, ts, "/api/events?"+c.query, &b); code != 200 {
			t.Errorf("%s: code %d", c.query, code)
			continue
		}
		if diff := cmp.Diff(c.want, docsOf(b.Events)); diff != "" || b.Total != 4 {
			t.Errorf("%s: total %d (-want +got):\n%s", c.query, b.Total, diff)
		}
	}

	var m struct {
		Total  int        `json:"total"`
		Limit  int        `json:"limit"`
		Events []mapPoint `json:"events"`
	}
	if code := get(t, ts, "/api/events?view=map&limit=10000&admin1=Ninewa", &m); code != 200 {
		t.Fatalf("view=map: %d", code)
	}
	if m.Total != 1 || len(m.Events) != 1 || m.Limit != MaxMapLimit {
		t.Fatalf("view=map: %+v", m)
	}
	p := m.Events[0]
	if p.EventType != event.Explosions || p.Fatalities != 10 || p.Admin1 != "Ninewa" || p.Lat == nil || *p.Lat != 36.335 || p.Date != "2019-03-26" || p.Actor1 != "COALITION" || p.Country != "IRQ" {
		t.Errorf("map point %+v", p)
	}
}

func TestBadParameters(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	for _, c := range []struct{ path, says string }{
		{"/api/events?limit=501", "maximum of 500"},
		{"/api/events?limit=0", "limit"},
		{"/api/events?limit=ten", "limit"},
		{"/api/events?view=map&limit=10001", "maximum of 10000"},
		{"/api/events?offset=-1", "offset"},
		{"/api/events?since=2019-13-01", "YYYY-MM-DD"},
		{"/api/events?until=yesterday", "YYYY-MM-DD"},
		{"/api/events?since=2019-03-01&until=2019-02-01", "before"},
		{"/api/events?type=Bombing", "not an ACLED"},
		{"/api/events?country=Syrie", "not a country rasd knows"},
		{"/api/events?admin1=Nowhere", "not a province rasd knows"},
		{"/api/events?admin1=Hudayda", "did you mean Al Hudaydah"},
		{"/api/events?admin1=Aleppo&country=YEM", "not in country YEM"},
		{"/api/stats?admin1=Atlantis", "not a province"},
		{"/api/places?country=Narnia", "not a country"},
		{"/api/events?bbox=1,2,3", "bbox"},
		{"/api/events?bbox=40,30,38,35", "minimum"},
		{"/api/events?bbox=200,30,210,35", "bbox"},
		{"/api/events?sort=name", "sort"},
		{"/api/events?view=list", "view"},
		{"/api/events?typ=Battles", `unknown parameter "typ"`},
		{"/api/events?actor=ISIS&actor=SDF", "once"},
		{"/api/events?q=" + strings.Repeat("a", maxQueryLen+1), "limit"},
		{"/api/stats?limit=5", `unknown parameter "limit"`},
		{"/api/stats?since=03/01/2019", "YYYY-MM-DD"},
		{"/api/places?level=admin3", "level"},
		{"/api/places?type=Nope", "not an ACLED"},
		{"/api/alerts?country=S", "not a country rasd knows"},
		{"/api/alerts?admin1=XX.YY", "not a province"},
		{"/api/events/x?y=1", "unknown parameter"},
	} {
		var e errorBody
		code := get(t, ts, c.path, &e)
		if code != http.StatusBadRequest || !strings.Contains(e.Error, c.says) {
			t.Errorf("%s: %d %q, want 400 saying %q", c.path, code, e.Error, c.says)
		}
	}
}

func TestEventDetail(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	id := clusterOf(t, st, "baghuz-a")
	var d struct {
		ClusterID string `json:"cluster_id"`
		EventType string `json:"event_type"`
		Sources   []struct {
			DocID    string    `json:"doc_id"`
			URL      string    `json:"url"`
			Evidence []any     `json:"evidence"`
			Excerpts []excerpt `json:"excerpts"`
		} `json:"sources"`
	}
	if code := get(t, ts, "/api/events/"+url.PathEscape(id), &d); code != 200 {
		t.Fatalf("code %d", code)
	}
	if d.ClusterID != id || d.EventType != event.VAC || len(d.Sources) != 2 {
		t.Fatalf("detail: %+v", d)
	}
	docs := map[string]fixtureDoc{}
	for _, f := range fixtureDocs(t) {
		docs[f.doc.ID] = f
	}
	for _, s := range d.Sources {
		if len(s.Excerpts) != 1 || len(s.Evidence) != 1 || s.URL != "https://example.org/"+s.DocID {
			t.Errorf("%s: %d excerpts, %d evidence spans, url %q", s.DocID, len(s.Excerpts), len(s.Evidence), s.URL)
			continue
		}
		x := s.Excerpts[0]
		text := []rune(docs[s.DocID].doc.Text)
		if string(text[x.Start:x.End]) != x.Text {
			t.Errorf("%s: excerpt [%d,%d) is not the document's text there", s.DocID, x.Start, x.End)
		}
		kinds := map[string]string{}
		for _, m := range x.Marks {
			if string(text[m.Start:m.End]) != m.Text {
				t.Errorf("%s: mark %s [%d,%d) %q does not match the document", s.DocID, m.Kind, m.Start, m.End, m.Text)
			}
			kinds[m.Kind] += m.Text + "|"
		}
		// The merged record's spans are baghuz-a's; in baghuz-b the same
		// words are found again inside its evidence sentence, «قتل خمسة
		// مدنيين» within its «بمقتل خمسة مدنيين».
		want := map[string]string{
			markEvidence: docs[s.DocID].res.Events[0].Evidence[0].Text + "|",
			markTrigger:  "هجوم|", markActor: "تنظيم داعش|مدنيين|", markPlace: "الباغوز|", markDate: "يوم الاثنين|",
			markFatalities: "قتل خمسة مدنيين|",
		}
		if diff := cmp.Diff(want, kinds); diff != "" {
			t.Errorf("%s marks (-want +got):\n%s", s.DocID, diff)
		}
	}

	var e errorBody
	if code := get(t, ts, "/api/events/no-such-cluster", &e); code != 404 || !strings.Contains(e.Error, "no-such-cluster") {
		t.Errorf("missing id: %d %q", code, e.Error)
	}
	if code := get(t, ts, "/api/events/", &e); code != 404 {
		t.Errorf("empty id: %d", code)
	}
}

func TestExcerpts(t *testing.T) {
	// Long context on both sides: the window stops at a word boundary
	// within excerptContext code points and says that more text follows.
	before := strings.Repeat("كلمة ", 60) // 300 code points
	sentence := "قتل ثلاثة مدنيين في قصف."
	text := []rune(before + sentence + " " + before)
	start := len([]rune(before))
	ev := event.Span{Text: sentence, Start: start, End: start + len([]rune(sentence))}
	xs := excerpts(text, []event.Span{ev, ev}, []mark{
		{Kind: markTrigger, Text: "قصف", Start: ev.End - 4, End: ev.End - 1},
		{Kind: markActor, Text: "خطأ", Start: 0, End: 3},        // nowhere in the text: dropped
		{Kind: markFatalities, Text: "ثلاثة", Start: 0, End: 5}, // in the sentence, elsewhere: moved
	})
	if len(xs) != 1 {
		t.Fatalf("%d excerpts, want 1 (the same evidence twice)", len(xs))
	}
	x := xs[0]
	if !x.MoreBefore || !x.MoreAfter || x.Start < start-excerptContext || x.End > ev.End+excerptContext {
		t.Errorf("window [%d,%d) around [%d,%d)", x.Start, x.End, ev.Start, ev.End)
	}
	if x.Start > 0 && text[x.Start-1] != ' ' {
		t.Errorf("the excerpt starts inside a word: %q", string(text[x.Start-1:x.Start+3]))
	}
	var got []string
	for _, m := range x.Marks {
		got = append(got, fmt.Sprintf("%s %q %d", m.Kind, string(text[m.Start:m.End]), m.Start-start))
	}
	want := []string{`evidence "قتل ثلاثة مدنيين في قصف." 0`, `trigger "قصف" 20`, `fatalities "ثلاثة" 4`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
	if xs := excerpts(text, []event.Span{{Start: 5, End: 99999}}, nil); len(xs) != 0 {
		t.Errorf("a span past the end gave %d excerpts", len(xs))
	}
}

func TestStats(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	var b statsBody
	if code := get(t, ts, "/api/stats", &b); code != 200 {
		t.Fatalf("code %d", code)
	}
	// Mondays from the week of 2019-01-05 (Mon 2018-12-31) to that of
	// 2019-03-26 (Mon 2019-03-25): 13 weeks, gaps included.
	if len(b.Weeks) != 13 || b.Weeks[0] != "2018-12-31" || b.Weeks[12] != "2019-03-25" {
		t.Fatalf("weeks %v", b.Weeks)
	}
	at := func(week string) int { return slices.Index(b.Weeks, week) }
	wantEvents := make([]int, 13)
	wantEvents[at("2018-12-31")] = 1 // anbar
	wantEvents[at("2019-02-11")] = 1 // raqqa
	wantEvents[at("2019-03-18")] = 1 // baghuz
	wantEvents[at("2019-03-25")] = 1 // mosul
	if diff := cmp.Diff(wantEvents, b.Events); diff != "" || b.Total != 4 {
		t.Errorf("events per week, total %d (-want +got):\n%s", b.Total, diff)
	}
	if b.Fatalities[at("2019-03-25")] != 10 || b.Fatalities[at("2018-12-31")] != 2 {
		t.Errorf("fatalities per week %v", b.Fatalities)
	}
	var types []string
	for _, s := range b.ByType {
		types = append(types, s.Key)
	}
	if diff := cmp.Diff(event.EventTypes, types); diff != "" {
		t.Errorf("by_type keys (-want +got):\n%s", diff)
	}
	if s := b.ByType[0]; s.Key != event.Battles || s.Events != 1 || s.Fatalities != 2 || s.Counts[0] != 1 {
		t.Errorf("Battles series %+v", s)
	}
	actors := map[string]int{}
	for _, s := range b.ByActor {
		actors[s.Key] = s.Events
	}
	if diff := cmp.Diff(map[string]int{"ISIS": 1, "COALITION": 1, "SDF": 1, "STATE:IRQ": 1}, actors); diff != "" {
		t.Errorf("by_actor (-want +got):\n%s", diff)
	}
	if len(b.ByAdmin1) != 4 {
		t.Errorf("by_admin1 %+v", b.ByAdmin1)
	}
	for _, s := range b.ByAdmin1 {
		if s.Key == "Ninewa" && (s.Country != "IRQ" || s.Code != "IQ.NI") {
			t.Errorf("Ninewa's series: %+v", s)
		}
	}
	countries := map[string]int{}
	for _, s := range b.ByCountry {
		countries[s.Key] = s.Events
	}
	if diff := cmp.Diff(map[string]int{"SYR": 2, "IRQ": 2}, countries); diff != "" {
		t.Errorf("by_country (-want +got):\n%s", diff)
	}

	if b.Undated != 0 || b.Earlier != 0 {
		t.Errorf("undated %d, earlier %d", b.Undated, b.Earlier)
	}
	if code := get(t, ts, "/api/stats?country=SYR", &b); code != 200 || b.Total != 2 || len(b.ByAdmin1) != 2 {
		t.Errorf("country=SYR: %d, total %d, admin1 %+v", code, b.Total, b.ByAdmin1)
	}
	if code := get(t, ts, "/api/stats?since=2030-01-01", &b); code != 200 || b.Total != 0 || len(b.Weeks) != 0 || b.ByType[0].Events != 0 {
		t.Errorf("no events: %d %+v", code, b)
	}
}

func TestWeeklyAxis(t *testing.T) {
	rows := []store.StatRow{
		{Week: "1918-03-18", EventType: event.Battles, Events: 1}, // a misread year
		{Week: "2019-03-18", EventType: event.Battles, Events: 2, Fatalities: 3},
		{Week: "2019-03-25", EventType: event.Riots, Events: 1},
		{Week: "", EventType: event.Riots, Events: 4},
	}
	b, err := weekly(rows)
	if err != nil {
		t.Fatal(err)
	}
	n := len(b.Weeks)
	if n != maxWeeks || b.Weeks[n-1] != "2019-03-25" || b.Weeks[n-2] != "2019-03-18" {
		t.Fatalf("%d weeks ending %v", n, b.Weeks[n-2:])
	}
	if b.Total != 8 || b.Earlier != 1 || b.Undated != 4 || b.Events[n-2] != 2 || b.Fatalities[n-2] != 3 {
		t.Errorf("total %d earlier %d undated %d, last weeks %v", b.Total, b.Earlier, b.Undated, b.Events[n-2:])
	}
	if b.ByType[0].Events != 3 || b.ByType[4].Events != 5 || b.ByType[4].Counts[n-1] != 1 {
		t.Errorf("by type %+v %+v", b.ByType[0].Events, b.ByType[4])
	}
	if _, err := weekly([]store.StatRow{{Week: "2019-3-1"}}); err == nil {
		t.Error("a bad week from the store passed")
	}
}

// Two provinces called Al Jawf, one of Yemen and one of Saudi Arabia, are
// two series, each with its country and code.
func TestWeeklyKeepsProvincesApart(t *testing.T) {
	b, err := weekly([]store.StatRow{
		{Week: "2019-04-01", EventType: event.Battles, Country: "YEM", Admin1: "Al Jawf", Admin1Code: "YE.JA", Events: 3},
		{Week: "2019-04-01", EventType: event.Explosions, Country: "YEM", Admin1: "Al Jawf", Admin1Code: "YE.JA", Events: 1},
		{Week: "2019-04-08", EventType: event.Explosions, Country: "SAU", Admin1: "Al Jawf", Admin1Code: "SA.JF", Events: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range b.ByAdmin1 {
		got = append(got, fmt.Sprintf("%s %s %s %d %v", s.Key, s.Country, s.Code, s.Events, s.Counts))
	}
	want := []string{"Al Jawf YEM YE.JA 4 [4 0]", "Al Jawf SAU SA.JF 2 [0 2]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("by_admin1 (-want +got):\n%s", diff)
	}
	if len(b.ByCountry) != 2 || b.ByCountry[0].Key != "YEM" || b.ByCountry[0].Events != 4 || b.ByCountry[1].Key != "SAU" {
		t.Errorf("by_country %+v", b.ByCountry)
	}
}

func TestPlaces(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	type feature struct {
		Properties placeProps `json:"properties"`
		Geometry   struct {
			Type string `json:"type"`
		} `json:"geometry"`
	}
	var fc struct {
		Type      string         `json:"type"`
		Credit    string         `json:"credit"`
		Features  []feature      `json:"features"`
		Countries []placeCountry `json:"countries"`
	}
	if code := get(t, ts, "/api/places", &fc); code != 200 {
		t.Fatalf("code %d", code)
	}
	// The country filter's list: the map's 23 countries, those with
	// events first, each with its names and frame.
	if len(fc.Countries) != 23 || fc.Countries[0].Code != "IRQ" || *fc.Countries[0].Events != 2 || fc.Countries[1].Code != "SYR" {
		t.Errorf("countries %+v", fc.Countries)
	}
	for _, c := range fc.Countries {
		if c.NameEN == "" || c.NameAR == "" || c.BBox == nil || c.BBox[0] >= c.BBox[2] {
			t.Errorf("country %+v", c)
		}
		if c.Code == "YEM" && (c.NameEN != "Yemen" || *c.Events != 0 || c.BBox[1] > 13 || c.BBox[3] < 18) {
			t.Errorf("Yemen %+v %v", c, *c.BBox)
		}
	}
	if fc.Type != "FeatureCollection" || !strings.Contains(fc.Credit, "Who's On First") {
		t.Errorf("type %q credit %q", fc.Type, fc.Credit)
	}
	levels := map[string]int{}
	counts := map[string]int{}
	codes := map[string]int{}
	names := map[string][2]string{}
	for _, f := range fc.Features {
		p := f.Properties
		levels[p.Level]++
		if p.Level == "admin1" && p.Admin1Code != "" {
			codes[p.Admin1Code]++
			names[p.Admin1Code] = [2]string{p.NameEN, p.NameAR}
		}
		if f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon" {
			t.Errorf("%s: geometry %q", p.NameEN, f.Geometry.Type)
		}
		if p.Level == "admin1" {
			if p.Events == nil {
				t.Errorf("%s has no count", p.NameEN)
				continue
			}
			counts[p.Admin1] += *p.Events
		} else if p.Events != nil {
			t.Errorf("district %s has a count", p.NameEN)
		}
	}
	// Every province of the 23 countries once, the three WOF areas
	// outside admin1.tsv, and Syria's and Iraq's 62 + 109 districts.
	rows, err := lexicon.Admin1s()
	if err != nil {
		t.Fatal(err)
	}
	if levels["admin1"] != len(rows)+3 || levels["admin2"] != 171 {
		t.Errorf("levels %v, want %d provinces and 171 districts", levels, len(rows)+3)
	}
	for _, r := range rows {
		if codes[r.Code] != 1 {
			t.Errorf("%s (%s) is drawn %d times", r.Code, r.NameEN, codes[r.Code])
		}
	}
	// Provinces are named as events name them, not as WOF does.
	for code, want := range map[string][2]string{"LY.TR": {"Tripoli", "طرابلس"}, "YE.HU": {"Al Hudaydah", "الحديدة"}, "SY.DY": {"Deir-ez-Zor", "دير الزور"}} {
		if got := names[code]; got != want {
			t.Errorf("%s is named %q, want %q", code, got, want)
		}
	}
	want := map[string]int{"Deir-ez-Zor": 1, "Ninewa": 1, "Ar-Raqqa": 1, "Al-Anbar": 1}
	for name, n := range counts {
		if n == 0 {
			delete(counts, name)
		}
	}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}

	fc.Features = nil
	if code := get(t, ts, "/api/places?level=admin1&country=IRQ", &fc); code != 200 || len(fc.Features) != levels["admin1"] {
		t.Fatalf("level=admin1: %d, %d features", code, len(fc.Features))
	}
	for _, f := range fc.Features {
		if f.Properties.Admin1 == "Deir-ez-Zor" && *f.Properties.Events != 0 {
			t.Errorf("country=IRQ still counts Deir-ez-Zor")
		}
		if f.Properties.Admin1 == "Ninewa" && (*f.Properties.Events != 1 || *f.Properties.Fatalities != 10 || f.Properties.NameAR != "نينوى") {
			t.Errorf("Ninewa: %+v", f.Properties)
		}
	}
}

func TestAlertsUnavailable(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	var e errorBody
	if code := get(t, ts, "/api/alerts", &e); code != http.StatusNotImplemented || e.Error == "" {
		t.Errorf("no alerter: %d %q", code, e.Error)
	}
}

func post(t *testing.T, ts *httptest.Server, token, contentType string, body []byte, into any) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/documents", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if into != nil {
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatalf("POST: %d, not JSON: %v\n%s", res.StatusCode, err, b)
		}
	}
	return res.StatusCode
}

func loadExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	lex, err := mention.Load()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(lex)
}

func TestPostDocument(t *testing.T) {
	st := openFixtureStore(t)
	x := loadExtractor(t)
	article := map[string]string{
		"id": "posted-1", "source": "Test", "url": "https://example.org/posted-1", "published": "2019-04-02",
		"title": "هجوم في الميادين",
		"text":  "قتل ثلاثة عناصر من قوات النظام السوري أمس في هجوم شنه تنظيم داعش على حاجز قرب مدينة الميادين في ريف دير الزور.",
	}
	body, _ := json.Marshal(article)

	closed := newTestServer(t, st, Config{Extractor: x})
	var e errorBody
	if code := post(t, closed, "anything", "application/json", body, &e); code != http.StatusForbidden || !strings.Contains(e.Error, "RASD_TOKEN") {
		t.Errorf("no token configured: %d %q", code, e.Error)
	}

	ts := newTestServer(t, st, Config{Extractor: x, Token: "s3cret", MaxBody: 4096})
	if code := post(t, ts, "", "application/json", body, &e); code != http.StatusUnauthorized || !strings.Contains(e.Error, "Bearer") {
		t.Errorf("no token sent: %d %q", code, e.Error)
	}
	if code := post(t, ts, "wrong", "application/json", body, &e); code != http.StatusUnauthorized || !strings.Contains(e.Error, "wrong") {
		t.Errorf("wrong token: %d %q", code, e.Error)
	}

	var r postedResult
	if code := post(t, ts, "s3cret", "application/json", body, &r); code != http.StatusCreated || !r.Added || r.DocID != "posted-1" {
		t.Fatalf("first post: %d %+v", code, r)
	}
	// The answer is what the extractor makes of the document.
	doc := &document.Document{ID: "posted-1", Source: "Test", URL: article["url"], Published: day("2019-04-02"), Title: article["title"], Text: article["text"]}
	if diff := cmp.Diff(x.Extract(doc).Events, r.Events); diff != "" {
		t.Errorf("events (-extractor +posted):\n%s", diff)
	}
	if len(r.Events) > 0 {
		var b listBody
		get(t, ts, "/api/events?since=2019-03-30", &b)
		if b.Total == 0 {
			t.Errorf("the posted document's events are not listed")
		}
		// Its words are indexed, from the analysis the extractor made.
		for _, w := range []string{"الميادين", "حاجز"} {
			get(t, ts, "/api/events?since=2019-03-30&q="+url.QueryEscape(w), &b)
			if b.Total == 0 {
				t.Errorf("the posted document is not found by the word %s", w)
			}
		}
	}
	if code := post(t, ts, "s3cret", "", body, &r); code != http.StatusOK || r.Added {
		t.Errorf("second post of the same text: %d added=%v", code, r.Added)
	}

	for _, c := range []struct {
		body        string
		contentType string
		code        int
		says        string
	}{
		{`{"text": "` + strings.Repeat("ب", 4096) + `"}`, "", http.StatusRequestEntityTooLarge, "over 4096 bytes"},
		{`{"text": "نص", "published": "أمس"}`, "", http.StatusBadRequest, "published"},
		{`{"text": "نص"`, "", http.StatusBadRequest, "bad JSON"},
		{`{"text": "نص", "body": "x"}`, "", http.StatusBadRequest, "unknown field"},
		{`{"text": "نص"} {"text": "نص"}`, "", http.StatusBadRequest, "more than one"},
		{``, "", http.StatusBadRequest, "empty body"},
		{`{"title": "بلا نص"}`, "", http.StatusBadRequest, `no "text"`},
		{`{"url": "ftp://example.org/x"}`, "", http.StatusBadRequest, "http or https"},
		{`{"url": "https://example.org/x"}`, "", http.StatusBadRequest, "cannot fetch"},
		{"{\"text\": \"\xff\xfe\"}", "", http.StatusBadRequest, "UTF-8"},
		{`{"text": "نص\u0000"}`, "", http.StatusBadRequest, "NUL"},
		{`{"text": "نص"}`, "text/plain", http.StatusUnsupportedMediaType, "application/json"},
	} {
		var e errorBody
		if code := post(t, ts, "s3cret", c.contentType, []byte(c.body), &e); code != c.code || !strings.Contains(e.Error, c.says) {
			t.Errorf("%.40q: %d %q, want %d saying %q", c.body, code, e.Error, c.code, c.says)
		}
	}
}

func TestPostURL(t *testing.T) {
	st := openFixtureStore(t)
	page := &document.Document{ID: "", Source: "Site", URL: "https://example.org/a", Published: day("2019-04-03"),
		Title: "عنوان", Text: "اعتقلت قوات سوريا الديمقراطية خمسة أشخاص في مدينة الحسكة أمس."}
	var fetched string
	fetch := func(ctx context.Context, u string) (*document.Document, error) {
		fetched = u
		if strings.HasSuffix(u, "/gone") {
			return nil, errors.New("HTTP 404 Not Found")
		}
		d := *page
		return &d, nil
	}
	ts := newTestServer(t, st, Config{Extractor: loadExtractor(t), Token: "t", Fetch: fetch})
	var r postedResult
	if code := post(t, ts, "t", "application/json", []byte(`{"url": "https://example.org/a", "source": "Given"}`), &r); code != http.StatusCreated || fetched != "https://example.org/a" {
		t.Fatalf("%d, fetched %q", code, fetched)
	}
	if !strings.HasPrefix(r.DocID, "url-") {
		t.Errorf("doc id %q", r.DocID)
	}
	doc, err := st.Document(context.Background(), r.DocID)
	if err != nil || doc.Source != "Given" || doc.Text != page.Text {
		t.Errorf("stored %+v, %v", doc, err)
	}
	var e errorBody
	if code := post(t, ts, "t", "application/json", []byte(`{"url": "https://example.org/gone"}`), &e); code != http.StatusBadGateway || !strings.Contains(e.Error, "404") {
		t.Errorf("unreachable page: %d %q", code, e.Error)
	}
}

func TestHealthMetricsAndRoutes(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	var h map[string]any
	if code := get(t, ts, "/healthz", &h); code != 200 || h["status"] != "ok" || h["documents"] != 5.0 || h["clusters"] != 4.0 {
		t.Errorf("healthz: %d %v", code, h)
	}
	get(t, ts, "/api/events?limit=1", nil)
	get(t, ts, "/api/events?limit=0", nil)
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`rasd_http_requests_total{code="200",route="GET /api/events"} 1`,
		`rasd_http_requests_total{code="400",route="GET /api/events"} 1`,
		`rasd_http_request_duration_seconds_count{route="GET /api/events"} 2`,
		"rasd_store_documents 5",
		"rasd_store_events 5",
		"rasd_store_clusters 4",
		"go_goroutines",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	var e errorBody
	if code := get(t, ts, "/api/nothing", &e); code != 404 || !strings.Contains(e.Error, "/api/events") {
		t.Errorf("unknown endpoint: %d %q", code, e.Error)
	}
	res, err = http.Post(ts.URL+"/api/events", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /api/events: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestDashboardFiles(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	for _, c := range []struct{ path, contentType, contains string }{
		{"/", "text/html", `src="/static/app.js"`},
		{"/static/app.js", "javascript", "Array.from"},
		{"/static/style.css", "text/css", "#map"},
	} {
		res, err := http.Get(ts.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), c.contentType) || !strings.Contains(string(b), c.contains) {
			t.Errorf("%s: %d %q", c.path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("%s: no content security policy", c.path)
		}
	}
	// Nothing the page loads may come from another host.
	for _, name := range []string{"web/index.html", "web/app.js", "web/style.css"} {
		b, err := webFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"src=\"http", "href=\"http", "@import", "url(http", "//cdn", "fonts.googleapis"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s refers to %q", name, bad)
			}
		}
	}
}

func TestBusyServer(t *testing.T) {
	st := openFixtureStore(t)
	s, err := New(Config{Store: st, MaxQueries: 1})
	if err != nil {
		t.Fatal(err)
	}
	s.queueWait = time.Millisecond
	s.slots <- struct{}{} // another request holds the only slot
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/events", nil))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "busy") {
		t.Errorf("with no free slot: %d %q", w.Code, w.Body.String())
	}
	// Health checks and metrics do not queue behind the store's readers.
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if w.Code != http.StatusOK {
		t.Errorf("/metrics while busy: %d", w.Code)
	}
	<-s.slots
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/events", nil))
	if w.Code != http.StatusOK {
		t.Errorf("with the slot free again: %d", w.Code)
	}
}

// A server given LoadExtractor loads the extractor at the first post, not
// before answering reads, and once; a load that fails fails the post.
func TestExtractorLoadedByTheFirstPost(t *testing.T) {
	st := openFixtureStore(t)
	x := loadExtractor(t)
	var loads atomic.Int32
	ts := newTestServer(t, st, Config{Token: "t", LoadExtractor: func() (*extract.Extractor, error) {
		loads.Add(1)
		return x, nil
	}})
	var b listBody
	get(t, ts, "/api/events", &b)
	var stats map[string]any
	get(t, ts, "/api/stats", &stats)
	if n := loads.Load(); n != 0 {
		t.Fatalf("reads loaded the extractor %d times", n)
	}
	for i, text := range []string{"قتل ثلاثة عناصر أمس في هجوم على حاجز قرب مدينة الميادين.", "قصف على حلب أمس."} {
		body, _ := json.Marshal(map[string]string{"id": fmt.Sprint("lazy-", i), "published": "2019-04-02", "text": text})
		var r postedResult
		if code := post(t, ts, "t", "application/json", body, &r); code != http.StatusCreated || !r.Added {
			t.Fatalf("post %d: %d %+v", i, code, r)
		}
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("two posts loaded the extractor %d times, want once", n)
	}

	broken := newTestServer(t, st, Config{Token: "t", LoadExtractor: func() (*extract.Extractor, error) {
		return nil, errors.New("no lexicons")
	}})
	body, _ := json.Marshal(map[string]string{"text": "قصف على حماة أمس."})
	var e errorBody
	if code := post(t, broken, "t", "application/json", body, &e); code < 500 || !strings.Contains(e.Error, "no lexicons") {
		t.Errorf("a post when the extractor cannot load: %d %q", code, e.Error)
	}
}
