package server

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
	"rasd/internal/store"
	"rasd/internal/trend"
)

// fixtureAlerter answers with one hand-made alert in internal/trend's
// shape: the rules themselves are internal/trend's to test; here only the
// endpoint and the dashboard's rendering of a report are.
func fixtureAlerter(ctx context.Context, st store.Store, asOf time.Time, f store.Filter) (any, error) {
	var ids []string
	err := st.Events(ctx, store.Filter{Admin1: "Deir-ez-Zor"}, func(e *event.Stored) error {
		ids = append(ids, e.ClusterID)
		return nil
	})
	change := 1.5
	return trend.Report{AsOf: "2019-03-31", Week: "2019-W13", WeekStart: "2019-03-25", WeekEnd: "2019-03-31",
		Alerts: []trend.Alert{{
			Kind: trend.KindSurge, KeyKind: trend.ByAdmin1, Key: "Deir-ez-Zor", Country: "SYR",
			From: "2019-03-18", To: "2019-03-24", Current: 5, Baseline: 2, Change: &change, Weeks: 4,
			Message: "5 violent events last week, 150% above the weekly average of the 4 weeks before", Events: ids,
		}},
		Keys: []trend.KeyTrend{},
	}, err
}

func TestAlertsEndpoint(t *testing.T) {
	st := openFixtureStore(t)
	var gotAsOf time.Time
	var gotFilter store.Filter
	alerter := func(ctx context.Context, st store.Store, asOf time.Time, f store.Filter) (any, error) {
		gotAsOf, gotFilter = asOf, f
		return fixtureAlerter(ctx, st, asOf, f)
	}
	ts := newTestServer(t, st, Config{Alerts: alerter})
	var r trend.Report
	if code := get(t, ts, "/api/alerts?country=SYR&as_of=2019-03-31", &r); code != http.StatusOK {
		t.Fatalf("code %d", code)
	}
	if len(r.Alerts) != 1 || r.Alerts[0].Key != "Deir-ez-Zor" || len(r.Alerts[0].Events) != 1 {
		t.Errorf("report %+v", r)
	}
	if !gotAsOf.Equal(day("2019-03-31")) || gotFilter.Country != "SYR" {
		t.Errorf("alerter got as_of %v, filter %+v", gotAsOf, gotFilter)
	}
	// Without as_of, the end of the period asked for is the alerts' date.
	get(t, ts, "/api/alerts?until=2019-02-28", &r)
	if !gotAsOf.Equal(day("2019-02-28")) || !gotFilter.Until.Equal(day("2019-02-28")) {
		t.Errorf("until without as_of: as_of %v", gotAsOf)
	}
	get(t, ts, "/api/alerts", &r)
	if !gotAsOf.IsZero() {
		t.Errorf("no dates: as_of %v, want zero (the store's latest)", gotAsOf)
	}
	var e errorBody
	if code := get(t, ts, "/api/alerts?as_of=31-03-2019", &e); code != http.StatusBadRequest || !strings.Contains(e.Error, "as_of") {
		t.Errorf("bad as_of: %d %q", code, e.Error)
	}
}

// wordedAlerter answers with one alert of each kind, for governorates and
// actors, civilians among them: what the dashboard words in English and
// Arabic. The figures are made up; only their wording is under test.
func wordedAlerter(ctx context.Context, st store.Store, asOf time.Time, f store.Filter) (any, error) {
	ratio := func(f float64) *float64 { return &f }
	week := func(a trend.Alert) trend.Alert {
		a.From, a.To = "2019-03-18", "2019-03-24"
		a.Events = []string{}
		return a
	}
	return trend.Report{AsOf: "2019-03-27", Week: "2019-W12", WeekStart: "2019-03-18", WeekEnd: "2019-03-24", CoveredFrom: "2018-10-01",
		Alerts: []trend.Alert{
			week(trend.Alert{Kind: trend.KindSurge, KeyKind: trend.ByAdmin1, Key: "Deir-ez-Zor", Country: "SYR",
				Current: 5, Baseline: 2, Change: ratio(1.5), Weeks: 4}),
			week(trend.Alert{Kind: trend.KindSurge, KeyKind: trend.ByActor, Key: "CIVILIANS", NameEN: "Civilians", NameAR: "مدنيون",
				Current: 4, Baseline: 1.5, Change: ratio(2.5 / 1.5), Weeks: 4}),
			{Kind: trend.KindThreat, KeyKind: trend.ByAdmin1, Key: "Ar-Raqqa", Country: "SYR", From: "2019-02-25", To: "2019-03-24",
				Current: 3, Weeks: 52, Events: []string{}},
			{Kind: trend.KindEmerging, KeyKind: trend.ByActor, Key: "HURRAS", NameEN: "Hurras al-Din", NameAR: "تنظيم حراس الدين",
				From: "2019-02-25", To: "2019-03-24", Current: 2, Weeks: 4, LastSeen: "2018-10-01", Events: []string{}},
			week(trend.Alert{Kind: trend.KindHighest, KeyKind: trend.ByAdmin1, Key: "Ninewa", Country: "IRQ",
				Current: 4, Baseline: 3, Weeks: 12}),
			week(trend.Alert{Kind: trend.KindHighest, KeyKind: trend.ByActor, Key: "ISIS", NameEN: "Islamic State", NameAR: "تنظيم الدولة الإسلامية",
				Current: 6, Baseline: 5, Weeks: 25}),
			week(trend.Alert{Kind: trend.KindTrend, KeyKind: trend.ByActor, Key: "ISIS", NameEN: "Islamic State", NameAR: "تنظيم الدولة الإسلامية",
				Band: trend.LargeDecrease, Current: 1, Baseline: 4, Change: ratio(-0.75), Weeks: 4}),
		},
		Keys: []trend.KeyTrend{},
	}, nil
}

// The Atom feed has one entry per alert, with an id that stays the same
// from one poll to the next and a link that opens the dashboard on it.
func TestAlertsFeed(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Alerts: fixtureAlerter})
	fetch := func() (string, string) {
		resp, err := http.Get(ts.URL + "/api/alerts/feed?country=SYR")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("code %d: %s", resp.StatusCode, b)
		}
		return resp.Header.Get("Content-Type"), string(b)
	}
	ct, body := fetch()
	var feed struct {
		Entries []struct {
			ID    string `xml:"id"`
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil || !strings.HasPrefix(ct, "application/atom+xml") {
		t.Fatalf("feed %q (%v), Content-Type %q", body, err, ct)
	}
	if len(feed.Entries) != 1 || !strings.HasPrefix(feed.Entries[0].ID, "urn:rasd:alert:") ||
		!strings.Contains(feed.Entries[0].Link.Href, "admin1=Deir-ez-Zor") || !strings.Contains(feed.Entries[0].Link.Href, "since=2019-03-18") {
		t.Errorf("entries %+v", feed.Entries)
	}
	if _, again := fetch(); again != body {
		t.Errorf("the feed changed between two polls:\n%s\n%s", body, again)
	}
	if code := get(t, ts, "/api/alerts/feed?typ=x", nil); code != http.StatusBadRequest {
		t.Errorf("unknown parameter: code %d", code)
	}
}

// With a job queue, /metrics counts its jobs by state, read at scrape time.
func TestMetricsCountJobs(t *testing.T) {
	jobs := func(ctx context.Context) (map[string]int64, error) {
		return map[string]int64{"available": 7, "completed": 3000, "cancelled": 1}, nil
	}
	ts := newTestServer(t, openFixtureStore(t), Config{Jobs: jobs})
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, want := range []string{`rasd_jobs{state="available"} 7`, `rasd_jobs{state="completed"} 3000`, `rasd_jobs{state="cancelled"} 1`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
