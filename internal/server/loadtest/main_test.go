package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"rasd/internal/document"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
)

func TestShiftedCopy(t *testing.T) {
	doc := &document.Document{ID: "a", Text: "قصف على حلب أمس.", Published: time.Date(2018, 3, 6, 0, 0, 0, 0, time.UTC)}
	res := event.Result{Doc: event.Doc{ID: "a", Published: "2018-03-06"}, Events: []event.Event{{
		ID: "a#1", Date: &event.Date{Start: "2018-03-05", End: "2018-03-05", EventDate: "2018-03-05", Text: "أمس"},
		Trigger: event.Span{Text: "قصف", Start: 0, End: 3},
	}}}
	d, r := shifted(doc, res, 2)
	if d.ID != "a~2" || d.Hash() == doc.Hash() || d.PublishedDate() != "2020-03-03" || r.Doc.Published != "2020-03-03" {
		t.Errorf("copy 2 of the document: %q %q, hash changed %v", d.ID, d.PublishedDate(), d.Hash() != doc.Hash())
	}
	e := r.Events[0]
	// 2 × 364 days: the same weekday, the text's spans where they were.
	if e.ID != "a~2#1" || e.Date.EventDate != "2020-03-02" || e.Date.Start != "2020-03-02" || e.Date.End != "2020-03-02" ||
		e.Date.Text != "أمس" || e.Trigger != res.Events[0].Trigger {
		t.Errorf("copy 2 of the event: %+v", e)
	}
	if res.Events[0].Date.EventDate != "2018-03-05" {
		t.Error("shifting changed the original")
	}
	if d, _ := shifted(doc, res, 0); d != doc {
		t.Error("copy 0 is not the corpus as it is")
	}
}

func TestWideEvents(t *testing.T) {
	ev := func(start, end string) event.Result {
		return event.Result{Events: []event.Event{{Date: &event.Date{Start: start, End: end}}}}
	}
	for _, c := range []struct {
		r    event.Result
		wide bool
	}{
		{ev("2018-03-05", "2018-03-05"), false},
		{ev("2018-03-01", "2018-03-31"), false}, // a month
		{ev("2018-01-01", "2018-12-31"), true},  // a year
		{ev("2011-03-15", "2018-03-05"), true},  // «since 2011»
		{event.Result{Events: []event.Event{{}}}, false},
	} {
		if got := hasWideEvent(c.r); got != c.wide {
			t.Errorf("%+v: wide %v, want %v", c.r.Events[0].Date, got, c.wide)
		}
	}
}

// page counts every request the page makes, with the body sizes served.
func TestPageCountsWhatThePageLoads(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("no chromium on PATH: run scripts/browser-up to test the page measurement")
	}
	data := strings.Repeat("x", 5000)
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><title>t</title><link rel="icon" href="data:,"><body><script src="/app.js"></script></body>`)
	})
	mux.HandleFunc("/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		io.WriteString(w, `fetch("/data").then((r) => r.text()).then(() => { document.body.dataset.ready = "1"; });`)
	})
	mux.HandleFunc("/data", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, data)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	var out strings.Builder
	if err := page(context.Background(), []string{"-url", ts.URL + "/"}, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{" 5000 ", "/data", "/app.js", "3 requests"} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
}
