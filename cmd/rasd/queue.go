package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"rasd/internal/document"
	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/mention"
	"rasd/internal/pipeline"
	"rasd/internal/queue"
	"rasd/internal/store"
)

// openQueue is the job queue of a PostgreSQL store; nil for SQLite.
func openQueue(ctx context.Context, st store.Store) (*queue.Queue, error) {
	return queue.Open(ctx, st)
}

func newWorkerCmd() *cobra.Command {
	var (
		db                      string
		concurrency             int
		jobTimeout, rescueAfter time.Duration
		noFollow                bool
		fetch                   fetchFlags
	)
	c := &cobra.Command{
		Use:   "worker",
		Short: "Take article jobs from the PostgreSQL job queue: read, extract and store each",
		Long: `worker claims the article jobs that rasd watch and rasd ingest --queue put in
the job queue of a PostgreSQL store (--db postgres://…), reads each article
(fetching a feed item's page), extracts its events and stores them, merged
with what the store holds. Run as many workers as you like, on as many
machines: each job goes to one of them at a time (River, FOR UPDATE SKIP
LOCKED).

Delivery is at least once: a job whose worker died (killed, its machine
gone) goes to another after --rescue-after, and storing is idempotent by the
article's content hash, so it is stored once. A failure that may pass (a
timeout, a 5xx, the database restarting) is retried with growing pauses, up
to 5 attempts; an article that cannot be read (a 404, no article text) is
cancelled at once. Both are dead letters, with their error: see 'rasd jobs'.

Ctrl-C or SIGTERM stops claiming and lets the jobs in hand finish.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("worker takes no arguments, got %q (see 'rasd worker --help')", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if concurrency < 1 {
				return usageError{fmt.Errorf("--concurrency %d: want at least 1", concurrency)}
			}
			if jobTimeout <= 0 || rescueAfter < jobTimeout {
				return usageError{fmt.Errorf("--job-timeout %s, --rescue-after %s: want a positive timeout and a rescue no sooner than it", jobTimeout, rescueAfter)}
			}
			if db == "" {
				return usageError{errors.New("give the PostgreSQL store whose job queue to work on: --db postgres://…")}
			}
			if !isPostgres(db) {
				return usageError{fmt.Errorf("--db %s: rasd worker needs a PostgreSQL store (postgres://…), where the job queue lives", db)}
			}
			fetcher, err := fetch.fetcher()
			if err != nil {
				return err
			}
			ctx, stop := stopOnSignal(c.Context())
			defer stop()
			log := slog.New(slog.NewTextHandler(c.ErrOrStderr(), nil))
			st, err := store.Open(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			wst, err := store.WatchOf(st)
			if err != nil {
				return err
			}
			lex, err := mention.Load()
			if err != nil {
				return err
			}
			var stored, known, failed atomic.Int64
			start := time.Now()
			cfg := queue.WorkerConfig{
				Step:        &pipeline.Step{Store: st, Extractor: extract.New(lex)},
				Watch:       wst,
				Options:     ingest.Options{Fetcher: fetcher, NoFollow: noFollow},
				Concurrency: concurrency, JobTimeout: jobTimeout, RescueAfter: rescueAfter,
				Log: log,
				Done: func(res pipeline.Result, err error) {
					switch {
					case err != nil:
						failed.Add(1)
						log.Warn("job failed", "err", err)
					case res.Known:
						known.Add(1)
					default:
						stored.Add(1)
					}
				},
			}
			log.Info("worker started", "concurrency", concurrency)
			err = queue.Work(ctx, st, cfg)
			secs := time.Since(start).Seconds()
			log.Info("worker stopped", "stored", stored.Load(), "already_stored", known.Load(), "failed", failed.Load(),
				"articles_per_s", fmt.Sprintf("%.1f", float64(stored.Load()+known.Load())/secs))
			// A signal is how a service manager stops a worker: a clean
			// stop, exit 0, as rasd serve's.
			if err != nil && !errors.Is(err, context.Canceled) {
				return err
			}
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "", "the PostgreSQL store whose job queue to work on (postgres://…)")
	c.Flags().IntVar(&concurrency, "concurrency", runtime.NumCPU(), "jobs run at once by this process")
	c.Flags().DurationVar(&jobTimeout, "job-timeout", 2*time.Minute, "the longest one job may take")
	c.Flags().DurationVar(&rescueAfter, "rescue-after", 5*time.Minute, "when a job whose worker vanished goes to another (at least --job-timeout)")
	c.Flags().BoolVar(&noFollow, "no-follow", false, "feed items: use the item's own content instead of fetching its page")
	fetch.register(c)
	return c
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func newJobsCmd() *cobra.Command {
	var (
		db   string
		dead int
	)
	c := &cobra.Command{
		Use:   "jobs",
		Short: "Count the job queue's jobs by state and list the dead letters with their errors",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("jobs takes no arguments, got %q", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if db == "" {
				return usageError{errors.New("give the PostgreSQL store whose jobs to count: --db postgres://…")}
			}
			if !isPostgres(db) {
				return usageError{fmt.Errorf("--db %s: the job queue lives in a PostgreSQL store (postgres://…); SQLite stores have none", db)}
			}
			if dead < 0 {
				return usageError{fmt.Errorf("--dead %d: want 0 or more", dead)}
			}
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			return writeJobs(ctx, c.OutOrStdout(), st, dead)
		},
	}
	c.Flags().StringVar(&db, "db", "", "the PostgreSQL store (postgres://…)")
	c.Flags().IntVar(&dead, "dead", 20, "dead letters to list, newest first")
	return c
}

func writeJobs(ctx context.Context, w io.Writer, st store.Store, dead int) error {
	counts, err := queue.Counts(ctx, st)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tJOBS")
	for _, s := range queue.States {
		note := ""
		if queue.Dead(s) {
			note = "  (dead letter)"
		}
		fmt.Fprintf(tw, "%s\t%d%s\n", s, counts[s], note)
	}
	tw.Flush()
	if dead == 0 {
		return nil
	}
	jobs, err := queue.DeadJobs(ctx, st, dead)
	if err != nil || len(jobs) == 0 {
		return err
	}
	fmt.Fprintln(w, "\ndead letters, newest first:")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tATTEMPTS\tWHEN\tARTICLE\tERROR")
	for _, j := range jobs {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", j.ID, j.State, j.Attempts, j.At.Local().Format("2006-01-02 15:04:05"), clip(j.Article, 60), clip(j.Error, 100))
	}
	return tw.Flush()
}

// enqueueInputs reads ingest's targets and puts one job per document in
// the queue (rasd ingest --queue), in transactions of a few hundred.
func enqueueInputs(ctx context.Context, q *queue.Queue, targets []string, opt ingest.Options, stderr io.Writer) (enqueued, failed int, err error) {
	var batch []*document.Document
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := q.EnqueueDocuments(ctx, batch); err != nil {
			return fmt.Errorf("enqueueing: %w", err)
		}
		enqueued += len(batch)
		batch = batch[:0]
		return nil
	}
	for _, t := range targets {
		err := ingest.Read(ctx, t, opt, func(doc *document.Document, err error) error {
			if errors.Is(err, ingest.ErrPassedOver) {
				fmt.Fprintf(stderr, "rasd: %v\n", err)
				return nil
			}
			if err != nil {
				failed++
				fmt.Fprintf(stderr, "rasd: skipped %v\n", err)
				return nil
			}
			batch = append(batch, doc)
			if len(batch) == 500 {
				return flush()
			}
			return nil
		})
		if err != nil {
			return enqueued, failed, err
		}
	}
	return enqueued, failed, flush()
}

// ingestToQueue is rasd ingest --queue.
func ingestToQueue(ctx context.Context, st store.Store, targets []string, opt ingest.Options, stderr io.Writer) error {
	q, err := openQueue(ctx, st)
	if err != nil {
		return err
	}
	if q == nil {
		return usageError{errors.New("--queue needs a PostgreSQL store (--db postgres://…); a SQLite store is written by ingest itself")}
	}
	n, failed, err := enqueueInputs(ctx, q, targets, opt, stderr)
	fmt.Fprintf(stderr, "rasd ingest: %d documents enqueued for rasd worker, %d failed\n", n, failed)
	switch {
	case ctx.Err() != nil:
		return exitError{stopCode(ctx)}
	case err != nil:
		return err
	case failed > 0:
		return exitError{1}
	}
	return nil
}
