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
	"rasd/internal/document"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/geodata"
	"rasd/internal/ingest"
	"rasd/internal/mention"
	"rasd/internal/server"
	"rasd/internal/store"
)

// demoCorpus is the bench corpus as it lies beside the repository.
const demoCorpus = "../shared/data/bench/ant-2018-news.jsonl.gz"

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
	c.Flags().StringVar(&f.demoCorpus, "demo-corpus", demoCorpus, "JSON Lines (.gz) file --demo reads")
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

	lex, err := mention.Load()
	if err != nil {
		return err
	}
	x := extract.New(lex)

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
		if err := loadDemo(ctx, st, x, f.demoCorpus, f.demoDocs, stdout); err != nil {
			return err
		}
	}

	fetcher, err := f.fetch.fetcher()
	if err != nil {
		return err
	}
	token := os.Getenv("RASD_TOKEN")
	srv, err := server.New(server.Config{
		Store:     st,
		Extractor: x,
		Fetch:     server.FetchArticle(fetcher),
		Alerts:    serverAlerts,
		Token:     token,
		MaxBody:   f.maxBody,
		Logger:    log,
	})
	if err != nil {
		return err
	}
	n, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	writes := "read-only (set RASD_TOKEN to accept POST /api/documents)"
	if token != "" {
		writes = "POST /api/documents accepted with the RASD_TOKEN bearer token"
	}
	fmt.Fprintf(stdout, "rasd: serving %d events from %d documents in %s; %s\n", n.Clusters, n.Documents, redactDSN(dsn), writes)
	fmt.Fprintf(stdout, "rasd: open http://%s/ in a browser (Ctrl-C stops)\n", browsable(ln.Addr()))
	err = srv.Serve(ctx, ln)
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

// errDemoDone stops reading the demo corpus once enough is stored.
var errDemoDone = errors.New("demo: enough documents")

// loadDemo stores the first n documents of a corpus that report an event in
// a country of the base map. Documents already stored (a --db kept from an earlier demo)
// count without being added again.
func loadDemo(ctx context.Context, st store.Store, x *extract.Extractor, corpus string, n int, stdout io.Writer) error {
	if _, err := os.Stat(corpus); err != nil {
		return fmt.Errorf("demo corpus %s: %w (run from the repository with ../shared beside it, or give --demo-corpus)", corpus, err)
	}
	onMap, err := mapCountries()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rasd: demo: storing %d articles with events in the map's %d countries from %s …\n", n, len(onMap), corpus)
	start := time.Now()
	var read, kept, events, bad int
	err = ingest.Read(ctx, corpus, ingest.Options{}, func(doc *document.Document, err error) error {
		if err != nil {
			bad++ // a bad line of the corpus costs the demo nothing
			return nil
		}
		read++
		res, err := x.ExtractSafe(doc)
		if err != nil {
			bad++
			return nil
		}
		if !onTheMap(res.Events, onMap) {
			return nil
		}
		r, err := st.Add(ctx, doc, res)
		if err != nil {
			return fmt.Errorf("storing %s: %w", doc.ID, err)
		}
		kept++
		events += r.Events
		if kept == n {
			return errDemoDone
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDemoDone) {
		return err
	}
	fmt.Fprintf(stdout, "rasd: demo: %d articles stored (%d new events) out of %d read, %d unreadable lines skipped, in %.1fs\n",
		kept, events, read, bad, time.Since(start).Seconds())
	return nil
}

// mapCountries are the countries the dashboard's base map draws.
func mapCountries() (map[string]bool, error) {
	areas, err := geodata.Areas()
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, a := range areas {
		out[a.Country] = true
	}
	return out, nil
}

// onTheMap tells whether an article has an event the map can show.
func onTheMap(es []event.Event, countries map[string]bool) bool {
	for _, e := range es {
		if e.Location != nil && countries[e.Location.Country] {
			return true
		}
	}
	return false
}
