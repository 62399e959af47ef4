package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/ingest"
	"rasd/internal/store"
	"rasd/internal/text"
)

// ownArticle is a report written for these tests.
const ownArticle = "قصفت طائرات حربية مجهولة الهوية مستودعا للذخيرة قرب مدينة الميادين في ريف دير الزور الشرقي مساء أمس، ما أدى إلى مقتل أربعة عناصر من الحراس."

// articleSite serves ownArticle as a page at /article and redirects
// /redirect?to=URL to URL; it listens on the loopback interface.
func articleSite(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html lang="ar"><head><meta charset="utf-8"><title>قصف مستودع</title></head><body><article><h1>قصف مستودع</h1><p>` +
			ownArticle + `</p><p>` + ownArticle + `</p></article></body></html>`))
	}))
	t.Cleanup(ts.Close)
	return ts, &hits
}

func fetcherFor(t *testing.T, mod func(*ingest.FetchConfig)) Fetcher {
	t.Helper()
	cfg := ingest.DefaultFetchConfig()
	cfg.Delay = 0
	if mod != nil {
		mod(&cfg)
	}
	f, err := ingest.NewFetcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return FetchArticle(f)
}

// A posted URL that leads to a loopback address, directly or through a
// redirect, is the poster's mistake (400, naming the rule), not an upstream
// failure; the same URL is fetched when the operator allows it.
func TestPostURLToPrivateAddress(t *testing.T) {
	st := openFixtureStore(t)
	x := loadExtractor(t)
	site, hits := articleSite(t)
	u, _ := url.Parse(site.URL)
	body := func(target string) []byte {
		b, _ := json.Marshal(map[string]string{"url": target, "published": "2019-04-05"})
		return b
	}

	guarded := newTestServer(t, st, Config{Extractor: x, Token: "t", Fetch: fetcherFor(t, nil)})
	var e errorBody
	if code := post(t, guarded, "t", "application/json", body(site.URL+"/article"), &e); code != http.StatusBadRequest ||
		!strings.Contains(e.Error, "refusing to connect: address 127.0.0.1 is loopback") || !strings.Contains(e.Error, "--allow-private") {
		t.Errorf("loopback: %d %q", code, e.Error)
	}
	if hits.Load() != 0 {
		t.Errorf("the site was reached")
	}

	// The first hop is allowed by address; its redirect to another
	// loopback address is not.
	hop := newTestServer(t, st, Config{Extractor: x, Token: "t", Fetch: fetcherFor(t, func(c *ingest.FetchConfig) { c.Allow = []string{"127.0.0.1"} })})
	inside := "http://127.0.0.2:" + u.Port() + "/article"
	if code := post(t, hop, "t", "application/json", body(site.URL+"/redirect?to="+url.QueryEscape(inside)), &e); code != http.StatusBadRequest ||
		!strings.Contains(e.Error, "redirected to "+inside+"; refusing to connect: address 127.0.0.2 is loopback") {
		t.Errorf("redirect to loopback: %d %q", code, e.Error)
	}

	open := newTestServer(t, st, Config{Extractor: x, Token: "t", Fetch: fetcherFor(t, func(c *ingest.FetchConfig) { c.AllowPrivate = true })})
	var r postedResult
	if code := post(t, open, "t", "application/json", body(site.URL+"/redirect?to=/article"), &r); code != http.StatusCreated || !r.Added {
		t.Errorf("allowed: %d %+v", code, r)
	}
	// Other fetch failures stay 502.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/x"
	ln.Close()
	if code := post(t, open, "t", "application/json", body(closed), &e); code != http.StatusBadGateway || !strings.Contains(e.Error, "refused") {
		t.Errorf("a closed port: %d %q", code, e.Error)
	}
}

// A box of NaNs compares false with every bound and used to filter
// nothing; every endpoint that takes bbox answers 400 for it, for
// infinities and for boxes out of range or upside down.
func TestBBoxMustBeFiniteAndInRange(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Alerts: func(context.Context, store.Store, time.Time, store.Filter) (any, error) {
		return map[string]any{}, nil
	}})
	for _, c := range []struct{ bbox, says string }{
		{"NaN,NaN,NaN,NaN", `"NaN" is not a finite number`},
		{"0,0,NaN,NaN", `"NaN" is not a finite number`},
		{"nan,30,40,35", "not a finite number"},
		{"35,30,Inf,35", `"Inf" is not a finite number`},
		{"-Inf,30,40,35", "not a finite number"},
		{"35,30,40,+infinity", "not a finite number"},
		{"-181,30,40,35", "longitudes lie in -180..180"},
		{"35,30,40,90.5", "latitudes in -90..90"},
		{"40,30,35,35", "the minimum comes before the maximum"},
		{"35,36,40,35", "the minimum comes before the maximum"},
		{"35,30,forty,35", "is not a number"},
	} {
		for _, endpoint := range []string{"/api/events", "/api/stats", "/api/places", "/api/alerts"} {
			path := endpoint + "?bbox=" + url.QueryEscape(c.bbox)
			var e errorBody
			if code := get(t, ts, path, &e); code != http.StatusBadRequest || !strings.Contains(e.Error, c.says) {
				t.Errorf("%s: %d %q, want 400 saying %q", path, code, e.Error, c.says)
			}
		}
	}
	var b listBody
	if code := get(t, ts, "/api/events?bbox=-180,-90,180,90", &b); code != http.StatusOK || b.Total == 0 {
		t.Errorf("the whole world: %d, %d events", code, b.Total)
	}
}

// The scheme of an Authorization header is case-insensitive (RFC 7235);
// the token is not.
func TestBearerSchemeAnyCase(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{Extractor: loadExtractor(t), Token: "s3cret"})
	send := func(auth string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/documents", strings.NewReader(`{"text": "`+ownArticle+`"}`))
		req.Header.Set("Authorization", auth)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var e errorBody
		json.NewDecoder(res.Body).Decode(&e)
		return res.StatusCode, e.Error
	}
	for _, auth := range []string{"bearer s3cret", "BEARER s3cret", "Bearer s3cret", "bEaReR   s3cret "} {
		if code, msg := send(auth); code != http.StatusCreated && code != http.StatusOK {
			t.Errorf("%q: %d %q", auth, code, msg)
		}
	}
	for auth, says := range map[string]string{
		"bearer S3CRET": "wrong bearer token",
		"Basic s3cret":  "missing bearer token",
		"Bearers3cret":  "missing bearer token",
		"s3cret":        "missing bearer token",
		"":              "missing bearer token",
	} {
		if code, msg := send(auth); code != http.StatusUnauthorized || !strings.Contains(msg, says) {
			t.Errorf("%q: %d %q, want 401 saying %q", auth, code, msg, says)
		}
	}
}

// A wrong method on a path the server knows is 405 with the methods it
// takes; anything the server has nothing at, under /static/ too, is a JSON
// 404 like the API's.
func TestWrongMethodsAndMissingPaths(t *testing.T) {
	st := openFixtureStore(t)
	ts := newTestServer(t, st, Config{})
	do := func(method, path string) (*http.Response, errorBody) {
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader("{}"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var e errorBody
		if method != http.MethodHead {
			if err := json.NewDecoder(res.Body).Decode(&e); err != nil {
				t.Errorf("%s %s: %d, not JSON: %v", method, path, res.StatusCode, err)
			}
		}
		return res, e
	}
	for _, c := range []struct{ method, path, allow string }{
		{"POST", "/", "GET, HEAD"},
		{"DELETE", "/", "GET, HEAD"},
		{"PUT", "/static/app.js", "GET, HEAD"},
		{"POST", "/static/nothing.js", "GET, HEAD"},
		{"POST", "/healthz", "GET, HEAD"},
		{"POST", "/metrics", "GET, HEAD"},
		{"POST", "/api/events", "GET, HEAD"},
		{"POST", "/api/events/", "GET, HEAD"},
		{"DELETE", "/api/events/some-id", "GET, HEAD"},
		{"POST", "/api/basemap", "GET, HEAD"},
		{"PATCH", "/api/alerts", "GET, HEAD"},
		{"GET", "/api/documents", "POST"},
		{"PUT", "/api/documents", "POST"},
	} {
		res, e := do(c.method, c.path)
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != c.allow || !strings.Contains(e.Error, c.method) {
			t.Errorf("%s %s: %d, Allow %q, %q; want 405 allowing %q", c.method, c.path, res.StatusCode, res.Header.Get("Allow"), e.Error, c.allow)
		}
	}
	for _, path := range []string{"/static/nothing.js", "/static/", "/static/web/app.js", "/nothing", "/api/nothing", "/index.html"} {
		res, e := do("GET", path)
		if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(e.Error, "nothing at "+path) {
			t.Errorf("GET %s: %d %q %q; want a JSON 404", path, res.StatusCode, res.Header.Get("Content-Type"), e.Error)
		}
	}
	// What the dashboard does load still loads, HEAD included.
	for _, path := range []string{"/", "/static/app.js", "/static/style.css"} {
		if res, _ := do("HEAD", path); res.StatusCode != http.StatusOK {
			t.Errorf("HEAD %s: %d", path, res.StatusCode)
		}
	}
}

// gate is an extractor that takes as long as the test wants: each call
// says which document it started on, then waits for release.
type gate struct {
	started chan string
	release chan struct{}
	calls   atomic.Int64
}

func newGate() *gate { return &gate{started: make(chan string, 64), release: make(chan struct{})} }

func (g *gate) extract(doc *document.Document) (event.Result, *text.Analysis, error) {
	g.calls.Add(1)
	g.started <- doc.ID
	<-g.release
	return event.Result{Doc: event.Doc{ID: doc.ID}, Events: []event.Event{}}, nil, nil
}

// gatedServer is a server whose extractor is g.
func gatedServer(t *testing.T, cfg Config, g *gate) (*Server, *httptest.Server) {
	t.Helper()
	cfg.Store = openFixtureStore(t)
	cfg.Token = "t"
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.extract = g.extract
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	t.Cleanup(func() {
		select {
		case <-g.release:
		default:
			close(g.release)
		}
	})
	return s, ts
}

// postText posts a document of our own sentence, told apart by n.
func postText(ctx context.Context, ts *httptest.Server, n int) (int, string, error) {
	body, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("p%d", n), "text": fmt.Sprintf("%s (%d)", ownArticle, n)})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/api/documents", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer t")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), nil
}

// Eight slow posts take every write slot; reads have their own and keep
// answering 200 meanwhile, and a ninth post is told the server is busy.
func TestReadsAnswerWhileWritesAreBusy(t *testing.T) {
	g := newGate()
	// As many read slots as write slots: were they one pool, the reads
	// would find none free.
	s, ts := gatedServer(t, Config{MaxWrites: 8, MaxQueries: 8}, g)
	s.queueWait = time.Second // for the ninth post; a free slot is taken at once
	codes := make(chan int, 8)
	for i := range 8 {
		go func() {
			code, body, err := postText(context.Background(), ts, i)
			if err != nil || code != http.StatusCreated {
				t.Errorf("post %d: %d %s %v", i, code, body, err)
			}
			codes <- code
		}()
	}
	for range 8 {
		<-g.started
	}
	for i := range 20 {
		for _, path := range []string{"/api/events", "/api/stats", "/healthz"} {
			if code := get(t, ts, path, nil); code != http.StatusOK {
				t.Fatalf("GET %s (round %d) while the writes are busy: %d", path, i, code)
			}
		}
	}
	if code, body, err := postText(context.Background(), ts, 8); err != nil || code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") {
		t.Errorf("a ninth post: %d %s %v", code, body, err)
	}
	close(g.release)
	for range 8 {
		<-codes
	}
	if n := g.calls.Load(); n != 8 {
		t.Errorf("%d extractions, want 8", n)
	}
}

// A text the store holds is answered from the store's word, without
// extracting it again.
func TestStoredTextIsNotExtractedAgain(t *testing.T) {
	g := newGate()
	close(g.release)
	_, ts := gatedServer(t, Config{}, g)
	if code, body, _ := postText(context.Background(), ts, 1); code != http.StatusCreated {
		t.Fatalf("first post: %d %s", code, body)
	}
	for _, id := range []string{"again", "another-id"} {
		body, _ := json.Marshal(map[string]string{"id": id, "text": ownArticle + " (1)"})
		var r postedResult
		if code := post(t, ts, "t", "application/json", body, &r); code != http.StatusOK || r.Added || !strings.Contains(r.Note, "not extracted again") || r.Events == nil {
			t.Errorf("%s: %d %+v", id, code, r)
		}
	}
	if n := g.calls.Load(); n != 1 {
		t.Errorf("the same text was extracted %d times", n)
	}
}

// logCapture hands the server's access-log records to the test.
type logCapture struct{ records chan slog.Record }

func (l *logCapture) Enabled(context.Context, slog.Level) bool { return true }
func (l *logCapture) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logCapture) WithGroup(string) slog.Handler            { return l }
func (l *logCapture) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "request" {
		l.records <- r.Clone()
	}
	return nil
}

func attrsOf(r slog.Record) map[string]string {
	out := map[string]string{}
	r.Attrs(func(a slog.Attr) bool {
		out[a.Key] = a.Value.String()
		return true
	})
	return out
}

// When the client hangs up during extraction the server stops waiting, logs
// what the client got (nothing: 499), stores nothing, and the abandoned
// extraction keeps its write slot until it ends.
func TestClientGoneDuringExtraction(t *testing.T) {
	g := newGate()
	logs := &logCapture{records: make(chan slog.Record, 16)}
	s, ts := gatedServer(t, Config{MaxWrites: 1, Logger: slog.New(logs)}, g)
	s.queueWait = time.Second
	before, err := s.cfg.Store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan error, 1)
	go func() {
		_, _, err := postText(ctx, ts, 1)
		gone <- err
	}()
	<-g.started
	cancel()
	if err := <-gone; !errors.Is(err, context.Canceled) {
		t.Errorf("the client's post: %v", err)
	}
	rec := <-logs.records
	if a := attrsOf(rec); a["route"] != "POST /api/documents" || a["code"] != "499" || a["client"] != "gone" {
		t.Errorf("access log: %v", a)
	}
	if len(s.writeSlots) != 1 {
		t.Errorf("the running extraction let go of its write slot")
	}
	if code, body, _ := postText(context.Background(), ts, 2); code != http.StatusServiceUnavailable {
		t.Errorf("a post while the abandoned extraction runs: %d %s", code, body)
	}
	<-logs.records
	close(g.release)
	for len(s.writeSlots) != 0 {
		time.Sleep(time.Millisecond)
	}
	after, err := s.cfg.Store.Counts(context.Background())
	if err != nil || after != before {
		t.Errorf("counts before %+v, after %+v (%v)", before, after, err)
	}
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), `rasd_http_requests_total{code="499",route="POST /api/documents"} 1`) {
		t.Errorf("/metrics does not count the abandoned post as 499")
	}
	if code, body, _ := postText(context.Background(), ts, 3); code != http.StatusCreated {
		t.Errorf("a post once the slot is free: %d %s", code, body)
	}
}

// An extraction that outruns its budget is answered 503 with the reason,
// and still holds its write slot until it ends.
func TestExtractionBudget(t *testing.T) {
	g := newGate()
	s, ts := gatedServer(t, Config{MaxWrites: 1, ExtractTimeout: time.Millisecond}, g)
	code, body, err := postText(context.Background(), ts, 1)
	if err != nil || code != http.StatusServiceUnavailable || !strings.Contains(body, "longer than 1ms") || !strings.Contains(body, "one article at a time") {
		t.Errorf("over budget: %d %s %v", code, body, err)
	}
	if len(s.writeSlots) != 1 {
		t.Errorf("the running extraction let go of its write slot")
	}
}
