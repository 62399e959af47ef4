package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/mention"
	"rasd/internal/pipeline"
	"rasd/internal/store"
	"rasd/internal/watch"
)

type watchFlags struct {
	db, sources string
	once        bool
	interval    time.Duration
	tick        time.Duration
	noFollow    bool
	fetch       fetchFlags
	alerts      alertFlags
}

func newWatchCmd() *cobra.Command {
	var f watchFlags
	c := &cobra.Command{
		Use:   "watch",
		Short: "Poll news feeds and pages on a schedule and store each new article once",
		Long: `watch polls the sources of --sources FILE, or those kept in the store by
'rasd sources add', and stores every new article as ingest does: extracted,
merged with what the store holds. A sources file has one source a line:

    URL [INTERVAL] [OUTLET NAME…]      e.g.  https://example.org/rss.xml 2m الجزيرة نت

Each source is asked with a conditional request (ETag, Last-Modified), so an
unchanged feed costs one short answer; robots.txt is obeyed (its Crawl-delay
too), one request a second goes to a host at most, and a source that fails
waits twice as long after each failure in a row (up to 6 hours; a 429 or 503
with Retry-After pauses its whole host). An article URL (canonical: no
tracking parameters or fragment) is fetched once, ever: the store remembers
what was taken, so a restarted watch fetches and stores nothing it has.

With --db postgres://…, new articles become jobs for 'rasd worker' processes,
enqueued in the same transaction that marks them taken; a SQLite store keeps
everything in this process.

--once polls every source once and exits (for cron). Otherwise watch runs
until Ctrl-C or SIGTERM, which stop it cleanly (exit 0). --rules FILE sends alerts (see 'rasd alerts
--help') after every round that stored something.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("watch takes no arguments, got %q: give sources with --sources FILE or 'rasd sources add'", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if f.interval < watch.MinInterval {
				return usageError{fmt.Errorf("--interval %s: want at least %s", f.interval, watch.MinInterval)}
			}
			if f.tick <= 0 {
				return usageError{fmt.Errorf("--tick %s: want a positive duration", f.tick)}
			}
			ctx, stop := stopOnSignal(c.Context())
			defer stop()
			err := runWatch(ctx, f, c.ErrOrStderr())
			if ctx.Err() != nil && !f.once {
				// The way a service manager stops a watcher: a clean stop.
				fmt.Fprintln(c.ErrOrStderr(), "rasd: watch stopped; the next watch goes on from where it was")
				return nil
			}
			if ctx.Err() != nil {
				fmt.Fprintf(c.ErrOrStderr(), "rasd: watch %s; what it stored stays, and the next watch goes on from there\n", stopReason(ctx))
				return exitError{stopCode(ctx)}
			}
			return err
		},
	}
	c.Flags().StringVar(&f.db, "db", "rasd.db", "the store: a SQLite file, or a postgres:// URL (articles then go to 'rasd worker' through the job queue)")
	c.Flags().StringVar(&f.sources, "sources", "", "a file of sources, one 'URL [INTERVAL] [OUTLET]' a line (default: the sources kept in the store)")
	c.Flags().BoolVar(&f.once, "once", false, "poll every source once and exit")
	c.Flags().DurationVar(&f.interval, "interval", watch.DefaultInterval, "poll interval of sources that name none")
	c.Flags().DurationVar(&f.tick, "tick", time.Second, "how often to look for sources that are due")
	c.Flags().BoolVar(&f.noFollow, "no-follow", false, "use each feed item's own content instead of fetching its page")
	f.fetch.register(c)
	f.alerts.register(c)
	return c
}

func runWatch(ctx context.Context, f watchFlags, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	var fileSources []store.Source
	if f.sources != "" {
		fh, err := os.Open(f.sources)
		if err != nil {
			return usageError{fmt.Errorf("--sources: %w", err)}
		}
		fileSources, err = watch.ParseSources(fh, f.sources)
		fh.Close()
		if err != nil {
			return usageError{err}
		}
		if len(fileSources) == 0 {
			return usageError{fmt.Errorf("--sources %s lists no source", f.sources)}
		}
	}
	fetcher, err := f.fetch.fetcher()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	wst, err := store.WatchOf(st)
	if err != nil {
		return err
	}
	sources := func(ctx context.Context) ([]store.Source, error) {
		if fileSources != nil {
			return fileSources, nil
		}
		return wst.Sources(ctx)
	}
	if fileSources == nil {
		srcs, err := wst.Sources(ctx)
		if err != nil {
			return err
		}
		if len(srcs) == 0 && f.once {
			return usageError{fmt.Errorf("no sources: give --sources FILE, or add some with 'rasd sources add --db %s URL'", f.db)}
		}
	}
	notifier, err := f.alerts.notifier(ctx, st, wst, fetcher, log)
	if err != nil {
		return err
	}
	cfg := watch.Config{
		Watch: wst, Fetcher: fetcher, Sources: sources, Interval: f.interval, Log: log,
		Options: ingest.Options{NoFollow: f.noFollow},
	}
	q, err := openQueue(ctx, st)
	if err != nil {
		return err
	}
	if q != nil {
		defer q.Close()
		cfg.Enqueue = q.EnqueueArticles
		log.Info("new articles go to the job queue for rasd worker")
	} else {
		lex, err := mention.Load()
		if err != nil {
			return err
		}
		cfg.Step = &pipeline.Step{Store: st, Extractor: extract.New(lex)}
	}
	w, err := watch.New(cfg)
	if err != nil {
		return err
	}
	after := func(ctx context.Context, s watch.Stats) {
		if notifier != nil && (s.Stored > 0 || f.once) {
			notifier.Run(ctx)
		}
	}
	if f.once {
		s, err := w.Round(ctx, true)
		log.Info("round done", "polled", s.Polled, "not_modified", s.NotModified, "failed", s.Failed,
			"new", s.New, "stored", s.Stored, "known", s.Known, "skipped", s.Skipped, "events", s.Events)
		if err != nil {
			return err
		}
		after(ctx, s)
		return nil
	}
	var lastAlerts time.Time
	return w.Run(ctx, f.tick, func(ctx context.Context, s watch.Stats) {
		if notifier == nil {
			return
		}
		// The first round also sends what the store already shows, so a
		// restarted watch catches up on alerts it missed while down. With
		// the queue, workers store the articles after the round that
		// enqueued them, so the alerts are computed every minute instead.
		due := lastAlerts.IsZero() || s.Stored > 0 && q == nil || q != nil && time.Since(lastAlerts) >= time.Minute
		if due {
			notifier.Run(ctx)
			lastAlerts = time.Now()
		}
	})
}

func newSourcesCmd() *cobra.Command {
	var db string
	c := &cobra.Command{
		Use:   "sources",
		Short: "List, add and remove the sources rasd watch polls (kept in the store)",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("unknown sources command %q: want add, list or remove", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			return listSources(c, db)
		},
	}
	c.PersistentFlags().StringVar(&db, "db", "rasd.db", "the store: a SQLite file or a postgres:// URL")
	add := &cobra.Command{
		Use:   "add URL [INTERVAL] [OUTLET NAME…]",
		Short: "Add a source, or change the interval and outlet of one already added",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("sources add: give a feed or page URL, e.g. 'rasd sources add https://example.org/rss.xml 5m المرصد'")}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			src, err := watch.ParseSource(args)
			if err != nil {
				return usageError{fmt.Errorf("sources add: %w", err)}
			}
			return withWatchStore(c.Context(), db, func(w store.Watch) error {
				added, err := w.AddSource(c.Context(), src)
				if err != nil {
					return err
				}
				verb := "added"
				if !added {
					verb = "updated"
				}
				fmt.Fprintf(c.OutOrStdout(), "%s %s\n", verb, src.URL)
				return nil
			})
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the sources with what their last poll said",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, args []string) error { return listSources(c, db) },
	}
	remove := &cobra.Command{
		Use:   "remove URL…",
		Short: "Remove sources (what they gave stays stored)",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("sources remove: give the URL of the source to remove ('rasd sources list' shows them)")}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			return withWatchStore(c.Context(), db, func(w store.Watch) error {
				missing := 0
				for _, u := range args {
					ok, err := w.RemoveSource(c.Context(), u)
					if err != nil {
						return err
					}
					if !ok {
						missing++
						fmt.Fprintf(c.ErrOrStderr(), "rasd: no source %s\n", u)
						continue
					}
					fmt.Fprintf(c.OutOrStdout(), "removed %s\n", u)
				}
				if missing > 0 {
					return exitError{1}
				}
				return nil
			})
		},
	}
	c.AddCommand(add, list, remove)
	return c
}

func withWatchStore(ctx context.Context, db string, fn func(store.Watch) error) error {
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := store.WatchOf(st)
	if err != nil {
		return err
	}
	return fn(w)
}

func listSources(c *cobra.Command, db string) error {
	ctx := c.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	if err := storeExists(db); err != nil {
		return err
	}
	return withWatchStore(ctx, db, func(w store.Watch) error {
		srcs, err := w.Sources(ctx)
		if err != nil {
			return err
		}
		if len(srcs) == 0 {
			fmt.Fprintln(c.ErrOrStderr(), "no sources; add one with 'rasd sources add URL [INTERVAL] [OUTLET]'")
			return nil
		}
		tw := tabwriter.NewWriter(c.OutOrStdout(), 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "URL\tINTERVAL\tOUTLET\tLAST POLL\tSTATUS\tNEXT POLL")
		for _, s := range srcs {
			state, err := w.State(ctx, s.URL)
			if err != nil {
				return err
			}
			every := "default"
			if s.Every > 0 {
				every = s.Every.String()
			}
			status := orDash(state.Status)
			if state.Error != "" {
				status += fmt.Sprintf(" (%d in a row: %s)", state.Failures, clip(state.Error, 60))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.URL, every, orDash(s.Outlet), timeOrDash(state.Polled), status, timeOrDash(state.Next))
		}
		return tw.Flush()
	})
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}
