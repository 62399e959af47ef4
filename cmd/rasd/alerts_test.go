package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"rasd/internal/document"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
	"rasd/internal/store"
	"rasd/internal/trend"
)

type alertFixture struct {
	day, admin1, code, actor string
}

// alertStore fills a SQLite store with one hand-written report per event:
// ISIS clashes in Deir-ez-Zor, 1, 2, 1, 2 and 4 a week from 2019-W08 to
// 2019-W12 (the last on Sunday 24 March), Hurras al-Din in Idleb on
// 2018-10-01 and again on 2019-03-20, and an agreement in Damascus every
// Monday from 2018-10-01 to 2019-03-18.
func alertStore(t *testing.T) string {
	t.Helper()
	var fx []alertFixture
	for _, d := range []string{"2019-02-20", "2019-02-26", "2019-02-28", "2019-03-06", "2019-03-12", "2019-03-14",
		"2019-03-18", "2019-03-19", "2019-03-20", "2019-03-24"} {
		fx = append(fx, alertFixture{d, "Deir-ez-Zor", "SY.DY", "ISIS"})
	}
	fx = append(fx, alertFixture{"2018-10-01", "Idleb", "SY.ID", "HURRAS"}, alertFixture{"2019-03-20", "Idleb", "SY.ID", "HURRAS"})
	// News every Monday in between, so that the store covers every week.
	for d := time.Date(2018, 10, 1, 0, 0, 0, 0, time.UTC); d.Before(time.Date(2019, 3, 19, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 7) {
		fx = append(fx, alertFixture{d.Format("2006-01-02"), "Damascus", "SY.DI", ""})
	}

	path := filepath.Join(t.TempDir(), "alerts.db")
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i, f := range fx {
		// A sentence of our own, different for every document so that each
		// has its own content hash.
		text := fmt.Sprintf("اشتبك مسلحون مع دورية في %s يوم %s (تقرير %d).", f.admin1, f.day, i)
		published, _ := time.Parse("2006-01-02", f.day)
		doc := &document.Document{ID: fmt.Sprintf("doc-%02d", i), Source: "test", Published: published, Text: text}
		trigger := event.Span{Text: "اشتبك", Start: 0, End: 5}
		typ, sub := event.Battles, "Armed clash"
		var actor *event.Actor
		if f.actor == "" {
			typ, sub = event.Strategic, "Agreement"
		} else {
			actor = &event.Actor{ID: f.actor, Type: "rebel", Text: "مسلحون", Start: 6, End: 12}
		}
		ev := event.Event{
			ID: doc.ID + "#1", EventType: typ, SubEventType: sub, Actor1: actor,
			Location:   &event.Location{NameEN: f.admin1, Country: "SYR", Admin1: f.admin1, Admin1Code: f.code, GeoPrecision: 3},
			Date:       &event.Date{Start: f.day, End: f.day, EventDate: f.day, TimePrecision: 1},
			Fatalities: &event.Fatalities{Count: 1, Min: 1},
			Certainty:  event.Reported, Trigger: trigger,
			Evidence:   []event.Span{{Text: text, Start: 0, End: len([]rune(text))}},
			Confidence: 0.9, Rule: "test",
		}
		res := event.Result{Doc: event.Doc{ID: doc.ID, Published: f.day, Lang: "ar"}, Events: []event.Event{ev}}
		if _, err := st.Add(ctx, doc, res); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.CountEvents(ctx, store.Filter{}); err != nil || n != len(fx) {
		t.Fatalf("the store holds %d merged events (%v), want %d: the fixture's events must stay apart", n, err, len(fx))
	}
	return path
}

func runAlerts(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"alerts"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestAlertsJSON(t *testing.T) {
	db := alertStore(t)
	code, out, stderr := runAlerts(t, "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r trend.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The latest event is Sunday 2019-03-24, so its week is complete and current.
	// Deir-ez-Zor: W08–W11 average (1+2+1+2)/4 = 1.5, W12 4 ≥ 3: a surge.
	if r.AsOf != "2019-03-24" || r.Week != "2019-W12" || r.Events != 37 || r.CoveredFrom != "2018-10-01" {
		t.Fatalf("report head %+v", r)
	}
	kinds := map[string]trend.Alert{}
	for _, a := range r.Alerts {
		kinds[a.Kind+" "+a.Key] = a
	}
	s, ok := kinds["surge Deir-ez-Zor"]
	if !ok || s.Current != 4 || s.Baseline != 1.5 || len(s.Events) != 4 {
		t.Fatalf("no Deir-ez-Zor surge as computed by hand: %+v", r.Alerts)
	}
	// HURRAS: last seen 2018-10-01, more than three months before the month's start (2019-02-25).
	if e, ok := kinds["emerging_actor HURRAS"]; !ok || e.LastSeen != "2018-10-01" {
		t.Errorf("no emerging HURRAS: %+v", r.Alerts)
	}
	// The surge's events are the four clashes of 18–24 March in the store.
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range s.Events {
		e, err := st.Event(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Date.EventDate < "2019-03-18" || e.Date.EventDate > "2019-03-24" || e.Location.Admin1 != "Deir-ez-Zor" {
			t.Errorf("surge event %s dated %s in %s", id, e.Date.EventDate, e.Location.Admin1)
		}
	}
}

func TestAlertsTable(t *testing.T) {
	db := alertStore(t)
	code, out, stderr := runAlerts(t, "--db", db, "--format", "table", "--events", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"as of 2019-03-24: week 2019-W12 (2019-03-18 to 2019-03-24)",
		"SURGE  Deir-ez-Zor (admin1, SYR)  2019-03-18..2019-03-24  current 4  baseline 1.50 over 4 weeks  change +167%  events 4  dead 4",
		"  2019-03-24  Battles / Armed clash  ISIS → -  Deir-ez-Zor  dead 1  [",
		"  … and 2 more",
		"EMERGING_ACTOR  HURRAS (actor)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestAlertsAsOfAndFilters(t *testing.T) {
	db := alertStore(t)
	// As of Sunday 17 March the week is 2019-W11; the six events after it
	// (four clashes in Deir-ez-Zor, Hurras al-Din's, the news of 18 March) wait.
	code, out, stderr := runAlerts(t, "--db", db, "--format", "json", "--as-of", "2019-03-17")
	var r trend.Report
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Week != "2019-W11" || r.Later != 6 {
		t.Errorf("--as-of 2019-03-17: exit %d, week %s, later %d: %s", code, r.Week, r.Later, stderr)
	}
	// Only Idleb: HURRAS is still emerging, Deir-ez-Zor is gone.
	code, out, _ = runAlerts(t, "--db", db, "--format", "json", "--admin1", "إدلب")
	r = trend.Report{}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Events != 2 {
		t.Fatalf("--admin1 إدلب: exit %d, %d events", code, r.Events)
	}
	for _, a := range r.Alerts {
		if a.Key != "HURRAS" {
			t.Errorf("alert outside Idleb: %+v", a)
		}
	}
	code, out, _ = runAlerts(t, "--db", db, "--format", "table", "--country", "IRQ")
	if code != 0 || !strings.Contains(out, "no alerts") {
		t.Errorf("--country IRQ: exit %d\n%s", code, out)
	}
}

func TestAlertsErrors(t *testing.T) {
	db := alertStore(t)
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--db", missing}, 1, "no store at"},
		{[]string{"--db", db, "--as-of", "24/03/2019"}, 2, "want a date YYYY-MM-DD"},
		{[]string{"--db", db, "--format", "csv"}, 2, "want one of table, json"},
		{[]string{"--db", db, "--country", "Syrie"}, 2, "not a country rasd knows"},
		{[]string{"--db", db, "--admin1", "Nowhere"}, 2, "not a province rasd knows"},
		{[]string{"--db", db, "--events", "-1"}, 2, "want 0 or more"},
		{[]string{"--db", db, "extra"}, 2, "takes no arguments"},
	} {
		code, _, stderr := runAlerts(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("alerts created %s", missing)
	}
}
