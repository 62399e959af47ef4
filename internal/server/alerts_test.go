package server

import (
	"context"
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
