package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"time"

	"rasd/internal/document"
	"rasd/internal/ingest"
	"rasd/internal/pipeline"
	"rasd/internal/store"
)

// Defaults of a Watcher.
const (
	DefaultInterval = 5 * time.Minute
	// DefaultMaxBackoff bounds how long a failing source waits: its
	// interval doubles with each failure in a row, up to this.
	DefaultMaxBackoff = 6 * time.Hour
)

// Article is one new feed item taken by a watcher that enqueues rather than
// stores (Config.Enqueue): what a worker needs to read and store it.
type Article struct {
	Feed   string          `json:"feed"`
	Outlet string          `json:"outlet,omitempty"`
	Item   ingest.FeedItem `json:"item"`
}

// Config is what a Watcher needs.
type Config struct {
	Watch   store.Watch
	Fetcher *ingest.Fetcher
	// Sources lists the sources on each round, so that a source added
	// while watch runs (rasd sources add) is polled from the next round.
	Sources func(ctx context.Context) ([]store.Source, error)
	// Step stores each new article in this process. Nil when Enqueue is
	// set.
	Step *pipeline.Step
	// Enqueue hands new articles to workers instead, and must mark them
	// seen in the same transaction (store.MarkSeenTx).
	Enqueue func(ctx context.Context, arts []Article, seen []store.SeenURL) error
	// Options are ingest's, for every article (NoFollow, Published …);
	// Fetcher and Source are set per source.
	Options    ingest.Options
	Interval   time.Duration // sources that name none; 0: DefaultInterval
	MaxBackoff time.Duration // 0: DefaultMaxBackoff
	Log        *slog.Logger
	Now        func() time.Time // nil: time.Now
}

// Watcher polls sources and takes their new articles.
type Watcher struct {
	cfg    Config
	robots *robotsCache
	// hostPause is when a host that asked rasd to slow down (429, 503
	// with Retry-After) may be asked again, across all its sources.
	hostPause map[string]time.Time
}

// New checks cfg and returns a Watcher.
func New(cfg Config) (*Watcher, error) {
	if cfg.Watch == nil || cfg.Fetcher == nil || cfg.Sources == nil {
		return nil, errors.New("watch: Watch, Fetcher and Sources are required")
	}
	if (cfg.Step == nil) == (cfg.Enqueue == nil) {
		return nil, errors.New("watch: exactly one of Step and Enqueue is required")
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Watcher{
		cfg:       cfg,
		robots:    &robotsCache{fetch: cfg.Fetcher, now: cfg.Now, hosts: map[string]robotsEntry{}},
		hostPause: map[string]time.Time{},
	}, nil
}

// Stats count what one round did.
type Stats struct {
	Polled, NotModified, Failed int // sources
	New, Stored, Known, Skipped int // articles: new URLs; stored (or enqueued); already stored by hash; given up
	Events                      int
}

func (s *Stats) add(o Stats) {
	s.Polled += o.Polled
	s.NotModified += o.NotModified
	s.Failed += o.Failed
	s.New += o.New
	s.Stored += o.Stored
	s.Known += o.Known
	s.Skipped += o.Skipped
	s.Events += o.Events
}

// Round polls the sources that are due (all of them with force, as --once
// does) and takes their new articles. It returns when it has polled each
// once; the error is the store's or the context's: a source that fails is
// logged and backed off, not an error.
func (w *Watcher) Round(ctx context.Context, force bool) (Stats, error) {
	var total Stats
	sources, err := w.cfg.Sources(ctx)
	if err != nil {
		return total, fmt.Errorf("listing sources: %w", err)
	}
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		st, err := w.cfg.Watch.State(ctx, src.URL)
		if err != nil {
			return total, fmt.Errorf("reading the state of %s: %w", src.URL, err)
		}
		now := w.cfg.Now()
		if !force && now.Before(st.Next) {
			continue
		}
		if until, ok := w.hostPause[hostOf(src.URL)]; ok && now.Before(until) {
			continue
		}
		s, err := w.poll(ctx, src, st)
		total.add(s)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// Run polls due sources until ctx is done, checking every tick.
func (w *Watcher) Run(ctx context.Context, tick time.Duration, after func(context.Context, Stats)) error {
	for {
		s, err := w.Round(ctx, false)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			// The store is unreachable; it may come back.
			w.cfg.Log.Error("watch round failed", "err", err)
		}
		if after != nil {
			after(ctx, s)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(tick):
		}
	}
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}

func (w *Watcher) interval(src store.Source) time.Duration {
	if src.Every > 0 {
		return src.Every
	}
	return w.cfg.Interval
}

// poll fetches one source, if anything changed, and takes its new
// articles. Its error is the store's; the source's own failure goes into
// its state.
func (w *Watcher) poll(ctx context.Context, src store.Source, st store.SourceState) (Stats, error) {
	var s Stats
	log := w.cfg.Log.With("source", src.URL)
	now := w.cfg.Now()
	st.Polled = now
	fail := func(err error) (Stats, error) {
		if ctx.Err() != nil {
			return s, ctx.Err()
		}
		s.Failed++
		st.Failures++
		backoff := w.interval(src)
		for i := 1; i < st.Failures && backoff < w.cfg.MaxBackoff; i++ {
			backoff *= 2
		}
		backoff = min(backoff, w.cfg.MaxBackoff)
		var he *ingest.HTTPError
		if errors.As(err, &he) && he.RetryAfter > 0 {
			w.hostPause[hostOf(src.URL)] = now.Add(he.RetryAfter)
			backoff = max(backoff, he.RetryAfter)
		}
		st.Next, st.Status, st.Error = now.Add(backoff), "failed", err.Error()
		log.Warn("poll failed", "err", err, "failures", st.Failures, "next", st.Next.Format(time.RFC3339))
		return s, w.cfg.Watch.SaveState(ctx, st)
	}
	allowed, err := w.robots.Allowed(ctx, src.URL)
	if err != nil {
		return fail(err)
	}
	if !allowed {
		return fail(errors.New("robots.txt disallows rasd from fetching it"))
	}
	s.Polled++
	resp, err := w.cfg.Fetcher.GetIfChanged(ctx, src.URL, ingest.Validators{ETag: st.ETag, LastModified: st.LastModified})
	if err != nil {
		return fail(err)
	}
	if resp.NotModified {
		s.NotModified++
		st.Status = "not modified"
	} else {
		var took Stats
		if ingest.IsFeed(resp) {
			took, err = w.feed(ctx, src, resp, log)
		} else {
			took, err = w.page(ctx, src, resp, log)
		}
		s.add(took)
		if err != nil {
			var se *sourceError
			if !errors.As(err, &se) {
				return s, err
			}
			return fail(se.err)
		}
		st.ETag, st.LastModified, st.Status = resp.Validators.ETag, resp.Validators.LastModified, "ok"
	}
	st.Failures, st.Error, st.Next = 0, "", now.Add(w.interval(src))
	if s.New > 0 || s.Skipped > 0 {
		log.Info("polled", "new", s.New, "stored", s.Stored, "known", s.Known, "skipped", s.Skipped, "events", s.Events)
	}
	return s, w.cfg.Watch.SaveState(ctx, st)
}

// sourceError is the source's own failure (its feed does not parse), as
// against the store's.
type sourceError struct{ err error }

func (e *sourceError) Error() string { return e.err.Error() }

func (w *Watcher) options(src store.Source) ingest.Options {
	opt := w.cfg.Options
	opt.Fetcher = w.cfg.Fetcher
	if src.Outlet != "" {
		opt.Source = src.Outlet
	}
	return opt
}

// feed takes a feed's items whose canonical URL was never taken. An item
// whose page fails for a while (a timeout, a 5xx) is left for the next
// poll; one that can never be read (no article text, a 404) is marked seen
// with the reason, so that it is not fetched at every poll.
func (w *Watcher) feed(ctx context.Context, src store.Source, resp *ingest.Response, log *slog.Logger) (Stats, error) {
	var s Stats
	items, err := ingest.ParseFeed(resp.Body, resp.URL)
	if err != nil {
		return s, &sourceError{err}
	}
	canon := make([]string, len(items))
	for i, it := range items {
		canon[i] = Canonical(it.Link)
		if it.Link == "" {
			// An item without a page is known by its feed and GUID.
			canon[i] = src.URL + "#" + firstNonEmpty(it.GUID, it.Title)
		}
	}
	seen, err := w.cfg.Watch.Seen(ctx, canon)
	if err != nil {
		return s, err
	}
	var queued []Article
	var queuedSeen []store.SeenURL
	// Oldest first: feeds list the newest first, and articles stored in the
	// order they were published merge into clusters as ingest's would.
	for i := len(items) - 1; i >= 0; i-- {
		it, key := items[i], canon[i]
		if seen[key] {
			continue
		}
		seen[key] = true
		if it.Link != "" {
			ok, err := w.robots.Allowed(ctx, it.Link)
			if err != nil && ctx.Err() != nil {
				return s, ctx.Err()
			}
			if err != nil || !ok {
				s.Skipped++
				log.Info("item not fetched: robots.txt disallows it", "url", it.Link)
				continue
			}
		}
		s.New++
		if w.cfg.Enqueue != nil {
			queued = append(queued, Article{Feed: src.URL, Outlet: src.Outlet, Item: it})
			queuedSeen = append(queuedSeen, store.SeenURL{URL: key, Source: src.URL, Note: "queued"})
			continue
		}
		doc, err := ingest.ReadFeedItem(ctx, it, src.URL, w.options(src))
		if err != nil {
			if ctx.Err() != nil {
				return s, ctx.Err()
			}
			if Transient(err) {
				s.Skipped++
				log.Warn("item not read, tried again next poll", "url", it.Link, "err", err)
				continue
			}
			s.Skipped++
			log.Warn("item cannot be read; not tried again", "url", it.Link, "err", err)
			if err := w.cfg.Watch.MarkSeen(ctx, []store.SeenURL{{URL: key, Source: src.URL, Note: err.Error()}}); err != nil {
				return s, err
			}
			continue
		}
		if err := w.store(ctx, src, doc, key, &s, log); err != nil {
			return s, err
		}
	}
	if len(queued) > 0 {
		if err := w.cfg.Enqueue(ctx, queued, queuedSeen); err != nil {
			return s, fmt.Errorf("enqueueing %d articles: %w", len(queued), err)
		}
		s.Stored += len(queued)
	}
	return s, nil
}

// page takes a source that is a page, not a feed: the page itself is the
// article, re-read whenever it changed (the content hash keeps an
// unchanged text from being stored twice).
func (w *Watcher) page(ctx context.Context, src store.Source, resp *ingest.Response, log *slog.Logger) (Stats, error) {
	var s Stats
	var docs []*document.Document
	var readErr error
	err := ingest.ReadResponse(ctx, src.URL, resp, w.options(src), func(doc *document.Document, err error) error {
		if err != nil {
			readErr = err
			return nil
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return s, err
	}
	if len(docs) == 0 && readErr != nil {
		return s, &sourceError{readErr}
	}
	for _, doc := range docs {
		s.New++
		if w.cfg.Enqueue != nil {
			a := Article{Feed: src.URL, Outlet: src.Outlet, Item: ingest.FeedItem{Link: src.URL, Index: 1}}
			if err := w.cfg.Enqueue(ctx, []Article{a}, nil); err != nil {
				return s, err
			}
			s.Stored++
			continue
		}
		if err := w.store(ctx, src, doc, "", &s, log); err != nil {
			return s, err
		}
	}
	return s, nil
}

// store extracts and stores one article and marks its URLs (the item's
// link and the page's canonical URL) seen. Marked after storing: a crash
// between the two costs one more fetch, never a lost article, and the
// content hash keeps it from being stored twice.
func (w *Watcher) store(ctx context.Context, src store.Source, doc *document.Document, key string, s *Stats, log *slog.Logger) error {
	res, err := w.cfg.Step.Process(ctx, doc)
	if err != nil {
		return fmt.Errorf("storing %s: %w", doc.ID, err)
	}
	if res.Known {
		s.Known++
	} else {
		s.Stored++
		s.Events += res.Events
		log.Info("stored", "url", doc.URL, "events", res.Events)
	}
	var seen []store.SeenURL
	if key != "" {
		seen = append(seen, store.SeenURL{URL: key, Source: src.URL, Hash: res.Hash})
	}
	if c := Canonical(doc.URL); doc.URL != "" && c != key {
		seen = append(seen, store.SeenURL{URL: c, Source: src.URL, Hash: res.Hash})
	}
	if len(seen) == 0 {
		return nil
	}
	return w.cfg.Watch.MarkSeen(ctx, seen)
}

// Transient tells a failure worth trying again later (a timeout, a refused
// or reset connection, a 5xx, a 429) from one that will not change (a 404,
// a page without an article, a refused address).
func Transient(err error) bool {
	var he *ingest.HTTPError
	if errors.As(err, &he) {
		return he.StatusCode >= 500 || he.StatusCode == 429 || he.StatusCode == 408
	}
	var be *ingest.BlockedError
	if errors.As(err, &be) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
