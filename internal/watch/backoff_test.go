package watch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"rasd/internal/ingest"
	"rasd/internal/pipeline"
	"rasd/internal/store"
)

// memWatch is store.Watch in memory, for the scheduler's tests.
type memWatch struct {
	mu     sync.Mutex
	states map[string]store.SourceState
	seen   map[string]bool
}

func newMemWatch() *memWatch {
	return &memWatch{states: map[string]store.SourceState{}, seen: map[string]bool{}}
}

func (m *memWatch) AddSource(context.Context, store.Source) (bool, error) { return true, nil }
func (m *memWatch) RemoveSource(context.Context, string) (bool, error)    { return true, nil }
func (m *memWatch) Sources(context.Context) ([]store.Source, error)       { return nil, nil }
func (m *memWatch) State(_ context.Context, url string) (store.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.states[url]
	if !ok {
		st.URL = url
	}
	return st, nil
}
func (m *memWatch) SaveState(_ context.Context, st store.SourceState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states[st.URL] = st
	return nil
}
func (m *memWatch) Seen(_ context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, u := range urls {
		out[u] = m.seen[u]
	}
	return out, nil
}
func (m *memWatch) MarkSeen(_ context.Context, seen []store.SeenURL) error {
	for _, s := range seen {
		m.seen[s.URL] = true
	}
	return nil
}
func (m *memWatch) ClaimAlert(context.Context, string, string) (bool, error) { return true, nil }
func (m *memWatch) ReleaseAlert(context.Context, string, string) error       { return nil }

// A failing source waits twice as long after each failure in a row; a 503
// with Retry-After pauses its host; robots.txt that forbids the feed stops
// it being fetched at all. The clock is the test's: nothing sleeps.
func TestBackoffAndRobots(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: rasd\nDisallow: /forbidden\n"))
		case "/busy":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	defer ts.Close()
	cfg := ingest.DefaultFetchConfig()
	cfg.AllowPrivate, cfg.Delay = true, 0
	f, err := ingest.NewFetcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2019, 3, 27, 12, 0, 0, 0, time.UTC)
	mem := newMemWatch()
	sources := []store.Source{{URL: ts.URL + "/broken", Every: time.Minute}}
	w, err := New(Config{
		Watch: mem, Fetcher: f, Step: &pipeline.Step{}, Now: func() time.Time { return now },
		Sources: func(context.Context) ([]store.Source, error) { return sources, nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute} {
		s, err := w.Round(ctx, false)
		if err != nil || s.Failed != 1 {
			t.Fatalf("round %d: %+v, %v", i, s, err)
		}
		st, _ := mem.State(ctx, sources[0].URL)
		if st.Next.Sub(now) != want || st.Failures != i+1 || st.Status != "failed" {
			t.Errorf("round %d: next poll in %v after %d failures, want %v", i, st.Next.Sub(now), st.Failures, want)
		}
		if s, _ := w.Round(ctx, false); s.Polled != 0 {
			t.Errorf("round %d: polled again before its back-off ended", i)
		}
		now = st.Next
	}

	sources = []store.Source{{URL: ts.URL + "/forbidden"}, {URL: ts.URL + "/busy"}, {URL: ts.URL + "/other-on-the-same-host"}}
	if _, err := w.Round(ctx, false); err != nil {
		t.Fatal(err)
	}
	if hits["/busy"] != 1 || hits["/other-on-the-same-host"] != 0 || hits["/forbidden"] != 0 {
		t.Errorf("after a 503 with Retry-After: hits %v; want the host left alone and the forbidden feed never fetched", hits)
	}
	if st, _ := mem.State(ctx, ts.URL+"/forbidden"); st.Error == "" {
		t.Errorf("the forbidden feed's state does not say why: %+v", st)
	}
}
