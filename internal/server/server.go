// Package server is rasd's HTTP side: a JSON API over a store and the
// embedded dashboard that draws it. Handlers read the store only through
// store.Store, so SQLite and PostgreSQL serve the same answers.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"rasd/internal/document"
	"runtime"
	"strings"
	"sync"
	"time"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/store"
	"rasd/internal/text"
)

// DefaultMaxBody bounds a POSTed document: long articles are some tens of
// kilobytes, so a megabyte leaves room without inviting abuse.
const DefaultMaxBody = 1 << 20

// queryTimeout bounds the store work of one request.
const queryTimeout = 20 * time.Second

// DefaultExtractTimeout is the budget of one posted document's extraction:
// some twenty times what a long real article takes (200 KB in 0.5 s), so
// that only a pathological text (a cue word repeated for pages) runs out.
const DefaultExtractTimeout = 10 * time.Second

// statusClientGone is what the log and the metrics record for a request
// whose client went away before its answer was written: nginx's 499, since
// HTTP has no code for it.
const statusClientGone = 499

// Fetcher reads the article at a URL (ingest's page reader).
type Fetcher func(ctx context.Context, url string) (*document.Document, error)

// Alerter computes the alerts the events that pass f raise as of a day; a
// zero asOf means the store's latest event date.
type Alerter func(ctx context.Context, st store.Store, asOf time.Time, f store.Filter) (any, error)

// Config is what a Server needs.
type Config struct {
	Store store.Store
	// Extractor codes POSTed documents; nil refuses POST /api/documents
	// unless LoadExtractor is set.
	Extractor *extract.Extractor
	// LoadExtractor, when Extractor is nil, loads the extractor when the
	// first document is posted (once; a failure fails every post). Loading
	// it is most of a start's CPU (the gazetteer, the lexicons, the rules),
	// which a server that only reads, or whose first answers are awaited,
	// should not pay before it answers.
	LoadExtractor func() (*extract.Extractor, error)
	// Fetch reads {"url": ...} posts; nil refuses them with a clear message.
	Fetch Fetcher
	// Alerts serves GET /api/alerts; nil answers 501.
	Alerts Alerter
	// Jobs counts the job queue's jobs for /metrics; nil: no queue.
	Jobs JobCounter
	// Token guards the write endpoints; "" refuses every write.
	Token   string
	MaxBody int64 // bytes; 0 means DefaultMaxBody
	// MaxQueries bounds the read requests (GET) that work on the store at
	// once; the rest wait their turn (up to queryTimeout). 0 means four per
	// CPU.
	MaxQueries int
	// MaxWrites bounds the writes (POST /api/documents: fetching,
	// extracting, storing) at once. They have slots of their own, so that
	// slow writes never take the reads' slots. 0 means half the CPUs, at
	// least one: extraction is CPU work, and the other half is left to the
	// readers.
	MaxWrites int
	// ExtractTimeout is the budget of one posted document's extraction; 0
	// means DefaultExtractTimeout.
	ExtractTimeout time.Duration
	Logger         *slog.Logger
}

// Server serves one store.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	metrics *metrics
	// slots holds one token per read request working on the store. Past a
	// few per core, more concurrent queries only make each slower: SQLite
	// readers contend for the CPU and database/sql opens a connection (with
	// a cold page cache) for every request beyond its idle pool.
	slots chan struct{}
	// writeSlots holds one token per write at work, apart from slots, so
	// that writes busy extracting never leave the reads without one.
	writeSlots chan struct{}
	queueWait  time.Duration // how long a request may wait for a slot
	// extract codes a posted document: the extractor's, or a slow one in
	// tests.
	extract func(*document.Document) (event.Result, *text.Analysis, error)
	// extractorReady, for an extractor loaded on first use, waits until it
	// is loaded: the load is not counted in a document's extraction budget.
	extractorReady func() error
	// compressed is the mux behind gzip (gzip.go).
	compressed http.Handler
}

// New builds the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	// The base map (provinces and districts, encoded and compressed) is
	// the dashboard's first request but no other's: it is made in the
	// background, so that a server answers the API without waiting for it.
	go loadBaseMap()
	if cfg.MaxQueries <= 0 {
		cfg.MaxQueries = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.MaxWrites <= 0 {
		cfg.MaxWrites = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if cfg.ExtractTimeout <= 0 {
		cfg.ExtractTimeout = DefaultExtractTimeout
	}
	s := &Server{cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(),
		slots: make(chan struct{}, cfg.MaxQueries), writeSlots: make(chan struct{}, cfg.MaxWrites), queueWait: queryTimeout}
	switch {
	case cfg.Extractor != nil:
		s.extract = cfg.Extractor.ExtractAnalyzedSafe
	case cfg.LoadExtractor != nil:
		load := sync.OnceValues(cfg.LoadExtractor)
		s.extractorReady = func() error {
			if _, err := load(); err != nil {
				return fmt.Errorf("loading the extractor: %w", err)
			}
			return nil
		}
		s.extract = func(doc *document.Document) (event.Result, *text.Analysis, error) {
			x, err := load()
			if err != nil {
				return event.Result{}, nil, err
			}
			return x.ExtractAnalyzedSafe(doc)
		}
	}
	s.metrics = newMetrics(cfg.Store, cfg.Jobs)
	s.routes()
	s.compressed = gzipped(s.mux)
	return s, nil
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/events", s.queued(s.handleEvents))
	m.HandleFunc("GET /api/events/{id...}", s.queued(s.handleEvent))
	m.HandleFunc("GET /api/stats", s.queued(s.handleStats))
	m.HandleFunc("GET /api/places", s.queued(s.handlePlaces))
	m.HandleFunc("GET /api/basemap", s.handleBaseMap)
	m.HandleFunc("GET /api/alerts", s.queued(s.handleAlerts))
	m.HandleFunc("GET /api/alerts/feed", s.queued(s.handleAlertsFeed))
	m.HandleFunc("POST /api/documents", s.requireToken(s.handlePostDocument))
	m.HandleFunc("POST /api/events/{id}/split", s.requireToken(s.handleSplit))
	m.HandleFunc("POST /api/events/{id}/merge", s.requireToken(s.handleMerge))
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.Handle("GET /metrics", s.metrics.handler())
	m.Handle("GET /{$}", dashboard())
	m.Handle("GET /static/", dashboard())
	m.HandleFunc("/", s.handleNoRoute)
}

// queued runs next once a read slot is free.
func (s *Server) queued(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.acquire(w, r, s.slots) {
			return
		}
		defer func() { <-s.slots }()
		next(w, r)
	}
}

// acquire takes a token of slots for r. A request that waits longer than
// queueWait is answered 503: the server is overloaded, and saying so fast
// beats a client's timeout. It reports false when the request is answered
// already or its client has gone.
func (s *Server) acquire(w http.ResponseWriter, r *http.Request, slots chan struct{}) bool {
	wait := time.NewTimer(s.queueWait)
	defer wait.Stop()
	select {
	case slots <- struct{}{}:
		return true
	case <-wait.C:
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "the server is busy; try again shortly")
	case <-r.Context().Done():
	}
	return false
}

// Handler is the whole site, with request metrics and logging around it.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		s.compressed.ServeHTTP(rec, r)
		// The mux has set r.Pattern by now: label by route, not by path,
		// so that ids do not explode the metric's cardinality.
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		// What the client got: nothing, when it went away before the
		// answer was written or the writing failed. The request's context
		// is cancelled when the connection closes, and not yet by the
		// server, which cancels it only once this handler returns.
		code := rec.code
		attrs := []any{"method", r.Method, "path", r.URL.Path, "route", route}
		level := slog.LevelDebug
		switch {
		case rec.failed || r.Context().Err() != nil:
			code, level = statusClientGone, slog.LevelInfo
			attrs = append(attrs, "code", code, "client", "gone")
			if rec.written {
				attrs = append(attrs, "answer", rec.code)
			}
		default:
			if code >= 500 {
				level = slog.LevelError
			}
			attrs = append(attrs, "code", code)
		}
		s.metrics.observe(route, code, d)
		s.log.Log(context.WithoutCancel(r.Context()), level, "request", append(attrs, "ms", float64(d.Microseconds())/1000)...)
	})
}

// statusRecorder notes the code a handler answered with and whether
// writing it to the client failed.
type statusRecorder struct {
	http.ResponseWriter
	code    int
	written bool
	failed  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.written {
		r.code, r.written = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.written = true
	n, err := r.ResponseWriter.Write(b)
	if err != nil {
		r.failed = true
	}
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Serve answers on ln until ctx is done, then lets requests in flight
// finish (up to ten seconds) before returning.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// writeJSON sends v with code. Arabic stays readable in the output since
// HTML escaping is off (the API never serves HTML).
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, errorBody{fmt.Sprintf(format, args...)})
}

// fail answers an error from parsing or the store: 400 for bad parameters,
// 404 for missing ids, 503 when the request ran out of time, 500 otherwise
// (logged, since only the server's log can say why).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *paramError
	var fe *fetchError
	var be *ingest.BlockedError
	switch {
	case errors.As(err, &pe):
		writeError(w, http.StatusBadRequest, "%s", pe.msg)
	case errors.As(err, &fe) && errors.As(err, &be):
		// The poster named an address the server does not reach: their
		// request is what is wrong, not an upstream.
		writeError(w, http.StatusBadRequest, "%v", fe)
	case errors.Is(err, store.ErrBadFilter):
		writeError(w, http.StatusBadRequest, "%s", strings.TrimPrefix(err.Error(), store.ErrBadFilter.Error()+": "))
	case errors.As(err, &fe):
		writeError(w, http.StatusBadGateway, "%v", fe)
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "the store took too long to answer; narrow the filters")
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error: %v", err)
	}
}

// routeMethods are the paths the server answers and the methods each
// takes, so that a wrong method on a known path is a 405 that says which,
// not a 404 (the catch-all route would otherwise take it). GET routes
// answer HEAD too.
var routeMethods = []struct {
	path   string
	prefix bool // path and everything under it
	allow  string
}{
	{"/", false, "GET, HEAD"},
	{"/static/", true, "GET, HEAD"},
	{"/healthz", false, "GET, HEAD"},
	{"/metrics", false, "GET, HEAD"},
	{"/api/events", false, "GET, HEAD"},
	{"/api/events/", true, "GET, HEAD"},
	{"/api/stats", false, "GET, HEAD"},
	{"/api/places", false, "GET, HEAD"},
	{"/api/basemap", false, "GET, HEAD"},
	{"/api/alerts", false, "GET, HEAD"},
	{"/api/documents", false, "POST"},
}

// allowedMethods is what a known path takes, or "" for a path the server
// does not know. A trailing slash is forgiven on API paths.
func allowedMethods(path string) string {
	if path != "/" && !strings.HasPrefix(path, "/static/") {
		path = strings.TrimSuffix(path, "/")
	}
	for _, rm := range routeMethods {
		if path == rm.path || rm.prefix && strings.HasPrefix(path, rm.path) {
			return rm.allow
		}
	}
	return ""
}

func (s *Server) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	if allow := allowedMethods(r.URL.Path); allow != "" {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, "%s does not take %s (use %s)", r.URL.Path, r.Method, allow)
		return
	}
	notFound(w, r)
}

// notFound is the answer for any path the server has nothing at, API or
// not: JSON like every other error.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "nothing at %s (the dashboard is at /; the API is /api/events, /api/stats, /api/places, /api/basemap, /api/alerts, /api/documents)", r.URL.Path)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	c, err := s.cfg.Store.Counts(ctx)
	if err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "documents": c.Documents, "events": c.Events, "clusters": c.Clusters})
}

// eventTypes is a fixed order for every per-type answer, so that charts
// keep their colours from one request to the next.
var eventTypes = event.EventTypes
