package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"rasd/internal/demo"
	"rasd/internal/extract"
	"rasd/internal/queue"
	"rasd/internal/server"
	"rasd/internal/store"
)

type serveFlags struct {
	addr, db   string
	demo       bool
	demoCorpus string
	demoDocs   int
	verbose    bool
	maxBody    int64
	fetch      fetchFlags
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the dashboard over a store",
		Long: `serve answers the JSON API (GET /api/events, /api/events/{id}, /api/stats,
/api/places, /api/basemap, /api/alerts, POST /api/documents, /healthz, /metrics) and the
dashboard at / over the store --db names.

Writes (POST /api/documents) need the header 'Authorization: Bearer <token>'
with the token in the RASD_TOKEN environment variable; without RASD_TOKEN the
server is read-only. A posted {"url": …} is fetched only from public
addresses: a URL (or a redirect) to loopback, private, link-local or
multicast addresses is refused with 400 unless --allow-private or
--allow-host allows it.

--demo first stores the first --demo-docs articles of the bench corpus that
report events in a country of the map (Syria, Iraq, Yemen, Libya … the 23 of
the gazetteer), into --db when it is given or a temporary
store otherwise (removed on exit), then serves them.

SIGINT or SIGTERM stops the server after the requests in flight are answered.`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("serve takes no arguments, got %q (see 'rasd serve --help')", args[0])}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if f.demoDocs < 1 {
				return usageError{fmt.Errorf("--demo-docs %d: want at least 1", f.demoDocs)}
			}
			if f.maxBody < 1 {
				return usageError{fmt.Errorf("--max-body %d: want a positive number of bytes", f.maxBody)}
			}
			if !c.Flags().Changed("db") && f.demo {
				f.db = ""
			}
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serve(ctx, f, c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	c.Flags().StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	c.Flags().StringVar(&f.db, "db", "rasd.db", "the store: a SQLite file or a postgres:// URL")
	c.Flags().BoolVar(&f.demo, "demo", false, "store a few hundred articles of the bench corpus first (into a temporary store unless --db is given)")
	c.Flags().StringVar(&f.demoCorpus, "demo-corpus", demo.Corpus, "JSON Lines (.gz) file --demo reads")
	c.Flags().IntVar(&f.demoDocs, "demo-docs", 400, "how many articles with events in the map's countries --demo stores")
	c.Flags().BoolVar(&f.verbose, "verbose", false, "log every request on stderr")
	c.Flags().Int64Var(&f.maxBody, "max-body", server.DefaultMaxBody, "largest POST body accepted, in bytes")
	f.fetch.register(c)
	return c
}

func serve(ctx context.Context, f serveFlags, stdout, stderr io.Writer) error {
	level := slog.LevelInfo
	if f.verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	// Listen first: a port in use is the commonest failure and should not
	// wait for a demo ingest.
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageError{fmt.Errorf("--addr %s: %w", f.addr, err)}
	}
	defer ln.Close()

	// The extractor (the gazetteer, the lexicons, the rules: most of a
	// start's CPU) codes posted documents only: it is loaded by the first
	// post, or at once for --demo, which codes its articles first.
	loadX := sync.OnceValues(func() (*extract.Extractor, error) {
		_, x, err := loadExtractor()
		return x, err
	})

	dsn := f.db
	if f.demo && dsn == "" {
		dir, err := os.MkdirTemp("", "rasd-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "rasd.db")
	} else if !f.demo {
		if err := storeExists(dsn); err != nil {
			return err
		}
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if f.demo {
		x, err := loadX()
		if err != nil {
			return err
		}
		if err := loadDemo(ctx, st, x, f.demoCorpus, f.demoDocs, stdout); err != nil {
			return err
		}
	}

	fetcher, err := f.fetch.fetcher()
	if err != nil {
		return err
	}
	token := os.Getenv("RASD_TOKEN")
	var jobs server.JobCounter
	if _, ok := store.Pool(st); ok {
		jobs = func(ctx context.Context) (map[string]int64, error) { return queue.Counts(ctx, st) }
	}
	srv, err := server.New(server.Config{
		Jobs:          jobs,
		Store:         st,
		LoadExtractor: loadX,
		Fetch:         server.FetchArticle(fetcher),
		Alerts:        serverAlerts,
		Token:         token,
		MaxBody:       f.maxBody,
		Logger:        log,
	})
	if err != nil {
		return err
	}
	// Serve at once: the figures of the lines below take a store of
	// 390,000 documents some 100 ms to count, and the requests that came
	// meanwhile need not wait for them. (The port was open all along;
	// requests wait in its queue until Serve takes them.)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	stopServing := func(err error) error {
		cancel()
		<-served
		return err
	}
	n, err := st.Counts(ctx)
	if err != nil {
		return stopServing(err)
	}
	background := true
	recalled, err := st.CountEvents(ctx, store.Filter{Background: &background})
	if err != nil {
		return stopServing(err)
	}
	writes := "read-only (set RASD_TOKEN to accept POST /api/documents)"
	if token != "" {
		writes = "POST /api/documents accepted with the RASD_TOKEN bearer token"
	}
	fmt.Fprintf(stdout, "rasd: serving %s: %s; %s\n", redactDSN(dsn), storeLine(n, recalled), writes)
	if f.demo {
		c, err := demo.Count(ctx, st)
		if err != nil {
			return stopServing(err)
		}
		fmt.Fprintf(stdout, "rasd: demo: %s\n", mapLine(c))
	}
	fmt.Fprintf(stdout, "rasd: open http://%s/ in a browser (Ctrl-C stops)\n", browsable(ln.Addr()))
	err = <-served
	fmt.Fprintln(stdout, "rasd: stopped")
	return err
}

// storeExists refuses a SQLite file that is not there: serving a fresh,
// empty database because of a typo in --db would look like data loss.
func storeExists(dsn string) error {
	if strings.Contains(dsn, "://") {
		return nil
	}
	if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no store at %s: store articles first ('rasd ingest --db %s FILE…'), name the store with --db, or try --demo", dsn, dsn)
	}
	return nil
}

func redactDSN(dsn string) string {
	if i, j := strings.Index(dsn, "://"), strings.LastIndex(dsn, "@"); i >= 0 && j > i {
		return dsn[:i+3] + "…" + dsn[j:]
	}
	return dsn
}

// browsable turns a listening address into one a browser can open: the
// unspecified address (0.0.0.0, ::) is reached through localhost.
func browsable(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("localhost", fmt.Sprint(tcp.Port))
}

// serverAlerts is GET /api/alerts: the report `rasd alerts` prints.
func serverAlerts(ctx context.Context, st store.Store, asOf time.Time, f store.Filter) (any, error) {
	return alertReport(ctx, st, asOf, f)
}

// loadDemo stores the demo's articles and says what they hold, counting
// as the store does: merged events, one for each occurrence however many
// articles report it.
func loadDemo(ctx context.Context, st store.Store, x *extract.Extractor, corpus string, n int, stdout io.Writer) error {
	onMap, err := demo.MapCountries()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rasd: demo: storing %d articles with events in the map's %d countries from %s …\n", n, len(onMap), corpus)
	start := time.Now()
	l, err := demo.Load(ctx, st, x, corpus, n)
	if err != nil {
		return err
	}
	merged, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rasd: demo: %s articles stored out of %s read (%s unreadable) in %.1fs; they report %s events, %s once the reports of one occurrence are merged\n",
		group(l.Stored), group(l.Read), group(l.Unreadable), time.Since(start).Seconds(), group(l.Reported), group(merged.Clusters))
	return nil
}

// storeLine says what the dashboard will count: merged events, and how
// many of them it hides when it opens (background events, which articles
// recall as past context), so that the figure in its header is no surprise.
func storeLine(n store.Counts, background int) string {
	s := fmt.Sprintf("%s events from %s documents", group(n.Clusters), group(n.Documents))
	if background > 0 {
		s += fmt.Sprintf(" (%s current, %s background: recalled past events, which the dashboard hides until asked)",
			group(n.Clusters-background), group(background))
	}
	return s
}

// mapLine says how many of the current events the dashboard's map draws
// and why it leaves the others out, as the map's own note does.
func mapLine(c demo.Counts) string {
	s := fmt.Sprintf("the dashboard opens on %s current events, %s of them on the map", group(c.Current), group(c.OnMap))
	var left []string
	if c.Elsewhere > 0 {
		left = append(left, group(c.Elsewhere)+" outside its countries")
	}
	if c.NoPlace > 0 {
		left = append(left, group(c.NoPlace)+" without a place")
	}
	if len(left) > 0 {
		s += " (" + strings.Join(left, ", ") + ")"
	}
	return s
}

// group writes a count with thousands separators, as the dashboard does in
// English, so that the log's figures read as the page's.
func group(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
