// Package queue is rasd's job queue for teams: one job per article in the
// store's own PostgreSQL database, through River (FOR UPDATE SKIP LOCKED),
// so that any number of rasd worker processes on any number of machines
// share the work. An article's job is inserted in the same transaction as
// the bookkeeping that says it was taken (watch_urls), so neither exists
// without the other. Delivery is at least once; storing is idempotent by
// the article's content hash, so a job run twice (its worker killed after
// storing, before River heard) stores the article once.
package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"rasd/internal/document"
	"rasd/internal/ingest"
	"rasd/internal/pipeline"
	"rasd/internal/store"
	"rasd/internal/watch"
)

// MaxAttempts is how often a job is tried before it is dead (River's
// "discarded"): with River's back-off (attempt⁴ seconds and jitter) the
// fifth try comes some 6 minutes after the first, long enough to ride out
// a site's or the database's restart.
const MaxAttempts = 5

// ArticleArgs is one article to read (a feed item, fetched by the worker)
// or one already read (Doc, from rasd ingest --queue).
type ArticleArgs struct {
	Feed   string           `json:"feed,omitempty"`
	Outlet string           `json:"outlet,omitempty"`
	Item   *ingest.FeedItem `json:"item,omitempty"`
	Doc    *Doc             `json:"doc,omitempty"`
	// NoFollow: read the item's own content, not its page.
	NoFollow bool `json:"no_follow,omitempty"`
}

// Doc is a document on the wire, with names of its own so that the job
// format does not change with document.Document's fields.
type Doc struct {
	ID        string `json:"id"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
}

// Kind names the job in River's tables.
func (ArticleArgs) Kind() string { return "rasd_article" }

// InsertOpts are every article job's.
func (ArticleArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: MaxAttempts} }

func docArgs(d *document.Document) *Doc {
	return &Doc{ID: d.ID, Source: d.Source, URL: d.URL, Published: d.PublishedDate(), Title: d.Title, Text: d.Text}
}

func (d *Doc) document() (*document.Document, error) {
	doc := &document.Document{ID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title, Text: d.Text}
	if d.Published != "" {
		t, err := time.Parse("2006-01-02", d.Published)
		if err != nil {
			return nil, fmt.Errorf("published %q: %w", d.Published, err)
		}
		doc.Published = t
	}
	return doc, nil
}

// errNotPostgres is the job commands' answer for a SQLite store.
var errNotPostgres = errors.New("the job queue needs a PostgreSQL store (--db postgres://…): it lives in the same database; with SQLite, rasd watch and rasd ingest store articles themselves")

// Queue inserts jobs, and with Work runs them.
type Queue struct {
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx]
}

// Migrate brings River's tables up to date. River's migrator runs each
// migration in a transaction but does not keep two processes from racing
// on a new database; a session advisory lock does.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// An arbitrary constant of rasd's own, apart from goose's lock.
	const lockID = 7_262_673_001
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return fmt.Errorf("locking for River's migrations: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID)
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrating River's tables: %w", err)
	}
	return nil
}

// Open returns an insert-only queue over a PostgreSQL store, or nil (and no
// error) for a store that is not PostgreSQL: SQLite keeps the in-process
// path.
func Open(ctx context.Context, st store.Store) (*Queue, error) {
	pool, ok := store.Pool(st)
	if !ok {
		return nil, nil
	}
	if err := Migrate(ctx, pool); err != nil {
		return nil, err
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: quietLogger()})
	if err != nil {
		return nil, err
	}
	return &Queue{pool: pool, client: client}, nil
}

// quietLogger keeps River's own logs (one line per job state change at
// info) out of rasd's, unless they are warnings.
func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// Close releases nothing of its own: the pool is the store's.
func (q *Queue) Close() {}

// EnqueueArticles inserts one job per feed item, and marks the items
// seen, in one transaction (watch.Config.Enqueue).
func (q *Queue) EnqueueArticles(ctx context.Context, arts []watch.Article, seen []store.SeenURL) error {
	params := make([]river.InsertManyParams, len(arts))
	for i, a := range arts {
		item := a.Item
		params[i] = river.InsertManyParams{Args: ArticleArgs{Feed: a.Feed, Outlet: a.Outlet, Item: &item}}
	}
	return q.insert(ctx, params, seen)
}

// EnqueueDocuments inserts one job per document already read (rasd ingest
// --queue).
func (q *Queue) EnqueueDocuments(ctx context.Context, docs []*document.Document) error {
	params := make([]river.InsertManyParams, len(docs))
	for i, d := range docs {
		params[i] = river.InsertManyParams{Args: ArticleArgs{Doc: docArgs(d)}}
	}
	return q.insert(ctx, params, nil)
}

// EnqueueTx inserts jobs in a transaction of the caller's.
func (q *Queue) EnqueueTx(ctx context.Context, tx pgx.Tx, args ...ArticleArgs) error {
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a}
	}
	_, err := q.client.InsertManyTx(ctx, tx, params)
	return err
}

func (q *Queue) insert(ctx context.Context, params []river.InsertManyParams, seen []store.SeenURL) error {
	if len(params) == 0 && len(seen) == 0 {
		return nil
	}
	tx, err := q.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := store.MarkSeenTx(ctx, tx, seen); err != nil {
		return err
	}
	if len(params) > 0 {
		if _, err := q.client.InsertManyTx(ctx, tx, params); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// WorkerConfig is what a worker process runs with.
type WorkerConfig struct {
	Step    *pipeline.Step
	Watch   store.Watch
	Options ingest.Options // Fetcher included
	// Concurrency is how many jobs this process runs at once.
	Concurrency int
	// JobTimeout bounds one job; RescueAfter is when a job whose worker
	// vanished (killed, its machine gone) is given to another: River's
	// leader looks for such jobs every 30 s.
	JobTimeout, RescueAfter time.Duration
	Log                     *slog.Logger
	// Done is called after each job, with its error (nil: stored).
	Done func(res pipeline.Result, err error)
}

// Work runs jobs until ctx is done, then lets the jobs in hand finish (up
// to a job timeout) and returns.
func Work(ctx context.Context, st store.Store, cfg WorkerConfig) error {
	pool, err := poolOf(ctx, st)
	if err != nil {
		return err
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &articleWorker{cfg: cfg})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Concurrency}},
		Workers:              workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		// River waits 100 ms between two fetches by default; a worker whose
		// slots free in a few milliseconds (a short article) then idles most
		// of the time: 2 slots gave 19 articles/s on a machine where one
		// process extracts hundreds. 5 ms keeps the database's load from
		// polling low (a fetch is one indexed UPDATE … SKIP LOCKED).
		FetchCooldown: 5 * time.Millisecond,
		Logger:        quietLogger(),
	})
	if err != nil {
		return err
	}
	if err := client.Start(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), cfg.JobTimeout+5*time.Second)
	defer cancel()
	return client.Stop(stopCtx)
}

type articleWorker struct {
	river.WorkerDefaults[ArticleArgs]
	cfg WorkerConfig
}

func (w *articleWorker) Timeout(*river.Job[ArticleArgs]) time.Duration { return w.cfg.JobTimeout }

// Work reads and stores one article. An article that can never be read (a
// 404, a page without text, a document the store refuses) is cancelled at
// once, with its error: retrying would fetch it four more times for
// nothing. Anything else is returned for River to retry with back-off,
// until MaxAttempts makes the job dead.
func (w *articleWorker) Work(ctx context.Context, job *river.Job[ArticleArgs]) error {
	res, err := w.work(ctx, job.Args)
	if w.cfg.Done != nil {
		w.cfg.Done(res, err)
	}
	var perm *permanentError
	if errors.As(err, &perm) {
		return river.JobCancel(perm.err)
	}
	return err
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }

func (w *articleWorker) work(ctx context.Context, a ArticleArgs) (pipeline.Result, error) {
	var doc *document.Document
	var err error
	switch {
	case a.Doc != nil:
		if doc, err = a.Doc.document(); err != nil {
			return pipeline.Result{}, &permanentError{err}
		}
		if err := ingest.CheckText([]byte(doc.Text)); err != nil {
			return pipeline.Result{}, &permanentError{fmt.Errorf("document %s: %w", doc.ID, err)}
		}
	case a.Item != nil:
		opt := w.cfg.Options
		opt.NoFollow = opt.NoFollow || a.NoFollow
		if a.Outlet != "" {
			opt.Source = a.Outlet
		}
		doc, err = ingest.ReadFeedItem(ctx, *a.Item, a.Feed, opt)
		if err != nil {
			if watch.Transient(err) || ctx.Err() != nil {
				return pipeline.Result{}, err
			}
			return pipeline.Result{}, &permanentError{fmt.Errorf("%s: %w", a.Item.Link, err)}
		}
	default:
		return pipeline.Result{}, &permanentError{errors.New("a job with neither a document nor a feed item")}
	}
	res, err := w.cfg.Step.Process(ctx, doc)
	if err != nil {
		return res, err
	}
	if a.Item != nil && a.Item.Link != "" && w.cfg.Watch != nil {
		// The URL was marked taken when the job was enqueued; now it also
		// knows what it gave.
		seen := []store.SeenURL{{URL: watch.Canonical(a.Item.Link), Source: a.Feed, Hash: res.Hash}}
		if err := w.cfg.Watch.MarkSeen(ctx, seen); err != nil {
			return res, err
		}
	}
	return res, nil
}
