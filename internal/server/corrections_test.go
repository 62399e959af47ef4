package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"rasd/internal/event"
	"rasd/internal/store"
)

func postJSON(t *testing.T, ts *httptest.Server, token, path, body string, into any) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if into != nil {
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatalf("POST %s: %d, not JSON: %v\n%s", path, res.StatusCode, err, b)
		}
	}
	return res.StatusCode
}

// reingest stores the fixture articles again, and edited versions of the
// named ones (a sentence added at the end: a new text, so a new document,
// with the same document and event ids), as an ingest of updated feeds
// would.
func reingest(t *testing.T, st store.Store, edited ...string) {
	t.Helper()
	ctx := context.Background()
	for _, f := range fixtureDocs(t) {
		if _, err := st.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
		for _, id := range edited {
			if f.doc.ID != id {
				continue
			}
			doc := *f.doc
			doc.Text += " وهذا تحديث للخبر."
			if _, err := st.Add(ctx, &doc, f.res); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestCorrectionsSurviveReingest splits a source out and merges two events
// through the API, then stores the same articles again, and edited
// versions of them: both corrections hold (issue 10).
func TestCorrectionsSurviveReingest(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Token: "s3cret"})
	baghuz := clusterOf(t, st, "baghuz-a")
	if clusterOf(t, st, "baghuz-b") != baghuz {
		t.Fatal("the fixture's two Baghuz reports are not one event to begin with")
	}

	var e errorBody
	split := `{"event_id": "baghuz-b#1"}`
	if code := postJSON(t, ts, "", "/api/events/"+baghuz+"/split", split, &e); code != http.StatusUnauthorized {
		t.Errorf("split without a token: %d %q", code, e.Error)
	}
	var got struct{ Events []event.Stored }
	if code := postJSON(t, ts, "s3cret", "/api/events/"+baghuz+"/split", split, &got); code != http.StatusOK || len(got.Events) != 2 {
		t.Fatalf("split: %d %+v", code, got)
	}
	if n := len(got.Events[0].Sources); n != 1 || got.Events[1].Sources[0].DocID != "baghuz-b" {
		t.Errorf("after the split: %d sources left, the new event from %s", n, got.Events[1].Sources[0].DocID)
	}

	mosul, anbar := clusterOf(t, st, "mosul"), clusterOf(t, st, "anbar")
	if code := postJSON(t, ts, "s3cret", "/api/events/"+mosul+"/merge", `{"with": "`+anbar+`"}`, &got); code != http.StatusOK || len(got.Events) != 1 {
		t.Fatalf("merge: %d %+v", code, got)
	}
	srcs := got.Events[0].Sources
	if len(srcs) != 2 || srcs[1].Why == nil || srcs[1].Why.By != "analyst" {
		t.Errorf("after the merge: %+v", srcs)
	}
	var detail eventDetail
	if code := get(t, ts, "/api/events/"+mosul, &detail); code != http.StatusOK || len(detail.Sources) != 2 || detail.Sources[1].Why == nil {
		t.Errorf("the merged event's detail: %d %+v", code, detail.Sources)
	}

	for _, c := range []struct {
		path, body string
		code       int
		says       string
	}{
		{"/api/events/nosuch/split", split, http.StatusNotFound, "not found"},
		{"/api/events/" + baghuz + "/split", split, http.StatusBadRequest, "not a source"},
		{"/api/events/" + baghuz + "/split", `{"event_id": "baghuz-a#1"}`, http.StatusBadRequest, "only source"},
		{"/api/events/" + baghuz + "/split", `{}`, http.StatusBadRequest, "event_id"},
		{"/api/events/" + baghuz + "/split", `{"event": "x"}`, http.StatusBadRequest, "unknown field"},
		{"/api/events/" + mosul + "/merge", `{"with": "` + mosul + `"}`, http.StatusBadRequest, "itself"},
		{"/api/events/" + mosul + "/merge", `{"with": "` + anbar + `"}`, http.StatusNotFound, "not found"},
	} {
		var e errorBody
		if code := postJSON(t, ts, "s3cret", c.path, c.body, &e); code != c.code || !strings.Contains(e.Error, c.says) {
			t.Errorf("POST %s %s: %d %q, want %d saying %q", c.path, c.body, code, e.Error, c.code, c.says)
		}
	}

	check := func(when string) {
		t.Helper()
		if clusterOf(t, st, "baghuz-a") == clusterOf(t, st, "baghuz-b") {
			t.Errorf("%s: the split Baghuz reports are one event again", when)
		}
		if clusterOf(t, st, "anbar") != mosul {
			t.Errorf("%s: the Anbar report left the merged event", when)
		}
	}
	reingest(t, st)
	check("after storing the same articles again")
	reingest(t, st, "baghuz-a", "baghuz-b", "anbar")
	check("after storing edited articles")
	err := st.Events(context.Background(), store.Filter{}, func(s *event.Stored) error {
		docs := map[string]bool{}
		for _, src := range s.Sources {
			docs[src.DocID] = true
		}
		if docs["baghuz-a"] && docs["baghuz-b"] {
			t.Errorf("after storing edited articles, event %s holds both Baghuz reports", s.ClusterID)
		}
		if docs["anbar"] && s.ClusterID != mosul {
			t.Errorf("after storing edited articles, an Anbar report is in %s, not the merged event", s.ClusterID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
