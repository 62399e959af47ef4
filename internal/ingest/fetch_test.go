package ingest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestFetcherSendsItsUserAgent(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.UserAgent = "rasd-test/1 (+mailto:test@example.org)" })
	resp, err := f.Get(context.Background(), s.URL+"/article")
	if err != nil {
		t.Fatal(err)
	}
	if !s.agents["rasd-test/1 (+mailto:test@example.org)"] || !strings.HasPrefix(resp.ContentType, "text/html") || resp.URL != s.URL+"/article" {
		t.Errorf("agents %v, response %q %q", s.agents, resp.URL, resp.ContentType)
	}
}

// A 50 MB page is refused, not truncated, whether or not the server
// announces its size; the server streams it from a small buffer and the
// client stops reading at the cap.
func TestFetcherRefusesHugeResponses(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.MaxBytes = 1 << 20 })
	for path, wording := range map[string]string{"/huge": "more than 1048576 bytes", "/huge-announced": "52428800 bytes announced"} {
		_, err := f.Get(context.Background(), s.URL+path)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), wording) {
			t.Errorf("%s: err = %v", path, err)
		}
		res := readAll(t, s.URL+path, Options{Fetcher: f})
		if len(res.docs) != 0 || len(res.errs) != 1 || !errors.Is(res.errs[0], ErrTooLarge) {
			t.Errorf("Read %s: docs %v, errors %v", path, res.ids(), res.errs)
		}
	}
}

func TestFetcherTimesOut(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.Timeout = 50 * time.Millisecond })
	res := readAll(t, s.URL+"/hang", Options{Fetcher: f})
	if len(res.docs) != 0 || len(res.errs) != 1 {
		t.Fatalf("docs %v, errors %v", res.ids(), res.errs)
	}
	var ne net.Error
	err := res.errs[0]
	if !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "/hang: no complete answer within 50ms") {
		t.Errorf("err = %v", err)
	}
}

func TestFetcherReportsHTTPErrors(t *testing.T) {
	s := newSite(t)
	res := readAll(t, s.URL+"/missing", Options{Fetcher: testFetcher(t, nil)})
	var he *HTTPError
	var se *SourceError
	if len(res.errs) != 1 || !errors.As(res.errs[0], &he) || he.StatusCode != 404 || !errors.As(res.errs[0], &se) || se.Origin != s.URL+"/missing" {
		t.Errorf("errors %v", res.errs)
	}
}

func TestFetcherRejectsOtherSchemes(t *testing.T) {
	f := testFetcher(t, nil)
	for _, u := range []string{"ftp://example.org/a", "file:///etc/passwd", "http://"} {
		if _, err := f.Get(context.Background(), u); err == nil || !strings.Contains(err.Error(), "not an http(s) URL") {
			t.Errorf("Get(%q) err = %v", u, err)
		}
	}
}

// TestDelay checks the pause between requests to one host on a fake clock:
// it books each host's next slot, so the third request to a host waits two
// delays' worth from the first, and another host does not wait at all.
func TestDelay(t *testing.T) {
	a, b := newSite(t), newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.Delay = 2 * time.Second })
	clock := time.Date(2019, 3, 27, 12, 0, 0, 0, time.UTC)
	var waits []time.Duration
	f.now = func() time.Time { return clock }
	f.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}
	get := func(u string) {
		t.Helper()
		if _, err := f.Get(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	get(a.URL + "/news/1")
	get(b.URL + "/news/1")
	get(a.URL + "/news/2")
	clock = clock.Add(500 * time.Millisecond)
	get(a.URL + "/news/3")
	want := []time.Duration{2 * time.Second, 3500 * time.Millisecond}
	if len(waits) != len(want) || waits[0] != want[0] || waits[1] != want[1] {
		t.Errorf("waits %v, want %v", waits, want)
	}
	clock = clock.Add(time.Minute)
	waits = nil
	get(a.URL + "/news/1")
	if len(waits) != 0 {
		t.Errorf("a host idle for a minute still waited %v", waits)
	}
}

func TestDelayGivesWayToCancellation(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.Delay = time.Hour })
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := f.Get(ctx, s.URL+"/news/1"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := f.Get(ctx, s.URL+"/news/2"); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if s.hitsOf("/news/2") != 0 {
		t.Errorf("the cancelled request was sent")
	}
}

func TestNewFetcherChecksItsConfig(t *testing.T) {
	if _, err := NewFetcher(DefaultFetchConfig()); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	bad := map[string]func(*FetchConfig){
		"timeout":    func(c *FetchConfig) { c.Timeout = 0 },
		"size cap":   func(c *FetchConfig) { c.MaxBytes = -1 },
		"delay":      func(c *FetchConfig) { c.Delay = -time.Second },
		"user agent": func(c *FetchConfig) { c.UserAgent = "" },
		"redirects":  func(c *FetchConfig) { c.MaxRedirects = -1 },
		"allowed":    func(c *FetchConfig) { c.Allow = []string{"https://intranet.example/"} },
	}
	for name, mod := range bad {
		cfg := DefaultFetchConfig()
		mod(&cfg)
		if _, err := NewFetcher(cfg); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// A compressed download is read like a compressed file, and may not expand
// past the cap either (the bomb is 2 MiB of text in a few kilobytes).
func TestFetchedGzip(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, func(c *FetchConfig) { c.MaxBytes = 1 << 20 })
	res := readAll(t, s.URL+"/export.gz", Options{Fetcher: f})
	if strings.Join(res.ids(), " ") != "e1 "+s.URL+"/export.gz:2" || len(res.errs) != 0 {
		t.Errorf("docs %v, errors %v", res.ids(), res.errs)
	}
	res = readAll(t, s.URL+"/bomb.gz", Options{Fetcher: f})
	if len(res.docs) != 0 || len(res.errs) != 1 || !errors.Is(res.errs[0], ErrTooLarge) || !strings.Contains(res.errs[0].Error(), "once decompressed") {
		t.Errorf("docs %v, errors %v", res.ids(), res.errs)
	}
}

func TestFetcherNamesConnectionFailuresOnce(t *testing.T) {
	s := newSite(t)
	gone := s.URL + "/news/1"
	s.Close()
	res := readAll(t, gone, Options{Fetcher: testFetcher(t, nil)})
	if len(res.errs) != 1 || strings.Count(res.errs[0].Error(), gone) != 1 || !strings.Contains(res.errs[0].Error(), "connect") {
		t.Errorf("errors %v", res.errs)
	}
}

// GetIfChanged sends an earlier answer's validators; a 304 comes back as
// NotModified with the validators kept, and a 429's Retry-After is read.
func TestGetIfChanged(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Wed, 27 Mar 2019 10:00:00 GMT":
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Last-Modified", "Wed, 27 Mar 2019 10:00:00 GMT")
			w.Write([]byte("<rss></rss>"))
		}
	}))
	defer ts.Close()
	cfg := DefaultFetchConfig()
	cfg.AllowPrivate, cfg.Delay = true, 0
	f, err := NewFetcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	first, err := f.GetIfChanged(context.Background(), ts.URL, Validators{})
	if err != nil || first.NotModified || first.Validators.ETag != `"v1"` || len(first.Body) == 0 {
		t.Fatalf("first answer %+v, %v", first, err)
	}
	again, err := f.GetIfChanged(context.Background(), ts.URL, first.Validators)
	if err != nil || !again.NotModified || again.Validators != first.Validators || len(again.Body) != 0 {
		t.Fatalf("conditional answer %+v, %v; want not modified", again, err)
	}
	_, err = f.Get(context.Background(), ts.URL+"/busy")
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 429 || he.RetryAfter != 2*time.Minute {
		t.Errorf("429: %v, want an HTTPError asking to wait 2m", err)
	}
}
