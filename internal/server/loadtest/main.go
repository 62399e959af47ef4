// Command loadtest measures `rasd serve` under a steady stream of
// GET /api/events requests with filters, and builds the large store it
// runs against.
//
// Build a store of the bench corpus and as many shifted copies of it as it
// takes to hold 100,000 merged events (each copy 52 weeks after the one
// before; the corpus is extracted once and its events replicated, then
// stored through the store like any ingest, clusters, words and all):
//
//	go run ./internal/server/loadtest build -db /tmp/load.db -clusters 100000 ../shared/data/bench/ant-2018-news.jsonl.gz
//
// Serve it and drive it at 200 requests a second for a minute:
//
//	rasd serve --db /tmp/load.db --addr 127.0.0.1:18081 &
//	go run ./internal/server/loadtest run -url http://127.0.0.1:18081 -rate 200 -duration 60s -years 13
//
// run reports latency percentiles, errors, and the server's memory before
// and after, read from its /metrics. page reports what the dashboard
// downloads when it opens (page.go). start measures how long a server
// takes from its start to its first answers (start.go):
//
//	go run ./internal/server/loadtest start -db /tmp/load.db -runs 5 /tmp/rasd-old /tmp/rasd-new
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"rasd/internal/document"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/mention"
	"rasd/internal/store"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	switch os.Args[1] {
	case "build":
		err = build(ctx, os.Args[2:])
	case "run":
		err = drive(ctx, os.Args[2:])
	case "page":
		err = page(ctx, os.Args[2:], os.Stdout)
	case "start":
		err = startTimes(ctx, os.Args[2:], os.Stdout)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: loadtest build -db FILE [-clusters N] CORPUS.jsonl.gz | loadtest run -url URL [-rate N] [-duration D] | loadtest page -url URL | loadtest start -db DSN [-runs N] RASD…")
	os.Exit(2)
}

// ---- build ----

func build(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("build", flag.ExitOnError)
	db := fs.String("db", "", "the store to fill (a SQLite file or a postgres:// URL)")
	target := fs.Int("clusters", 100000, "store shifted copies until the store holds at least this many merged events")
	maxCopies := fs.Int("max-copies", 50, "stop after this many shifted copies even if -clusters is not reached")
	workers := fs.Int("workers", runtime.NumCPU(), "documents extracted or prepared at once")
	batchSize := fs.Int("batch", 256, "documents per transaction")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	fs.Parse(args)
	if *db == "" || fs.NArg() != 1 || *target < 0 || *maxCopies < 0 || *workers < 1 || *batchSize < 1 {
		usage()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	lex, err := mention.Load()
	if err != nil {
		return err
	}
	x := extract.New(lex)
	start := time.Now()
	var docs []*document.Document
	err = ingest.Read(ctx, fs.Arg(0), ingest.Options{}, func(d *document.Document, err error) error {
		if err == nil { // a bad line of the corpus is not the server's load
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "loadtest: %d documents read in %.1fs\n", len(docs), time.Since(start).Seconds())
	b := &builder{st: st, workers: *workers, batch: *batchSize}
	// Copy 0 is the corpus as it is, extracted once; the extractor's
	// analysis gives its search words. Every later copy reuses these
	// results with shifted dates, so only storing is paid again.
	results := make([]event.Result, len(docs))
	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	err = b.store(ctx, all, func(i int) (*store.Prepared, error) {
		res, a := x.ExtractAnalyzed(docs[i])
		results[i] = res
		return store.PrepareAnalyzed(docs[i], res, a)
	})
	if err != nil {
		return err
	}
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "loadtest: copy 0 extracted and stored, %d merged events, %.0fs\n", c.Clusters, time.Since(start).Seconds())
	if c.Clusters == 0 {
		return errors.New("the corpus gave no events to copy")
	}

	// The store compares each new event with every cluster of its type
	// whose dates overlap its own. An event dated only to a year or to
	// "since 2011" overlaps years of clusters, every copy's, and stored
	// after them it is compared with (and decodes) thousands: copy by copy,
	// the fourth copy took 130 s against 22 s for the first. Stored first,
	// such events meet only one another, and each later event meets only
	// the few wide ones around its days.
	var wide, narrow []int
	for i, r := range results {
		if hasWideEvent(r) {
			wide = append(wide, i)
		} else {
			narrow = append(narrow, i)
		}
	}
	// Each copy adds a little less than the corpus alone (some of its
	// events join earlier copies' clusters); past the estimate, copies
	// go on one by one.
	copies := max(0, min(*maxCopies, int(math.Ceil(float64(*target-c.Clusters)/(0.9*float64(c.Clusters))))))
	storeCopies := func(from, to int, idx []int, what string) error {
		for k := from; k <= to; k++ {
			t0 := time.Now()
			err := b.store(ctx, idx, func(i int) (*store.Prepared, error) {
				d, r := shifted(docs[i], results[i], k)
				// A copy stored by an earlier, interrupted build is not
				// prepared again.
				if has, err := st.HasDocument(ctx, d.Hash()); err != nil || has {
					return nil, err
				}
				return store.PrepareAnalyzed(d, r, nil)
			})
			if err != nil {
				return err
			}
			if c, err = st.Counts(ctx); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "loadtest: copy %d, %d %s documents stored in %.1fs; %d merged events, %.0fs in all\n",
				k, len(idx), what, time.Since(t0).Seconds(), c.Clusters, time.Since(start).Seconds())
		}
		return nil
	}
	if err := storeCopies(1, copies, wide, "wide-dated"); err != nil {
		return err
	}
	if err := storeCopies(1, copies, narrow, "other"); err != nil {
		return err
	}
	for k := copies + 1; k <= *maxCopies && c.Clusters < *target; k++ {
		if err := storeCopies(k, k, wide, "wide-dated"); err != nil {
			return err
		}
		if err := storeCopies(k, k, narrow, "other"); err != nil {
			return err
		}
	}
	fmt.Printf("store %s: %d documents, %d per-document events, %d merged events (clusters); built in %.0fs\n",
		*db, c.Documents, c.Events, c.Clusters, time.Since(start).Seconds())
	return nil
}

// wideDays is the span past which an event's dates count as wide: longer
// than a month-precision date.
const wideDays = 31

func hasWideEvent(r event.Result) bool {
	for _, e := range r.Events {
		if e.Date == nil {
			continue
		}
		s, err1 := time.Parse("2006-01-02", e.Date.Start)
		t, err2 := time.Parse("2006-01-02", e.Date.End)
		if err1 == nil && err2 == nil && t.Sub(s) > wideDays*24*time.Hour {
			return true
		}
	}
	return false
}

// builder stores copies of a corpus in batches, one transaction each,
// preparing the next batch on every core while the store writes the last.
type builder struct {
	st      store.Store
	workers int
	batch   int
}

// store stores the documents prepare makes of the indices idx, in that
// order. A document prepare refuses (a NUL in its text) is skipped, as
// rasd ingest skips it, and so is one for which it returns nil (stored
// already).
func (b *builder) store(ctx context.Context, idx []int, prepare func(i int) (*store.Prepared, error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*store.Prepared, 1)
	go func() {
		defer close(batches)
		for lo := 0; lo < len(idx); lo += b.batch {
			part := idx[lo:min(lo+b.batch, len(idx))]
			out := make([]*store.Prepared, len(part))
			var next atomic.Int64
			var wg sync.WaitGroup
			for range b.workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for j := int(next.Add(1) - 1); j < len(part); j = int(next.Add(1) - 1) {
						if p, err := prepare(part[j]); err == nil && p != nil {
							out[j] = p
						}
					}
				}()
			}
			wg.Wait()
			select {
			case batches <- slices.DeleteFunc(out, func(p *store.Prepared) bool { return p == nil }):
			case <-ctx.Done():
				return
			}
		}
	}()
	for batch := range batches {
		if _, err := b.st.AddBatch(ctx, batch); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// shifted is copy k of a document and its events, k×364 days later (a
// whole number of weeks, so weekdays and ISO weeks line up). Its text gains
// a line at the end so that its content hash differs while every span,
// counted from the start, stays where it was.
func shifted(doc *document.Document, res event.Result, k int) (*document.Document, event.Result) {
	if k == 0 {
		return doc, res
	}
	days := 364 * k
	d := *doc
	d.ID = fmt.Sprintf("%s~%d", doc.ID, k)
	d.Text = doc.Text + "\n[copy " + strconv.Itoa(k) + "]"
	if !d.Published.IsZero() {
		d.Published = d.Published.AddDate(0, 0, days)
	}
	r := event.Result{Doc: res.Doc, Events: make([]event.Event, len(res.Events))}
	r.Doc.ID, r.Doc.Published = d.ID, d.PublishedDate()
	for i, e := range res.Events {
		e.ID = fmt.Sprintf("%s#%d", d.ID, i+1)
		if e.Date != nil {
			dt := *e.Date
			dt.Start, dt.End, dt.EventDate = shiftDay(dt.Start, days), shiftDay(dt.End, days), shiftDay(dt.EventDate, days)
			e.Date = &dt
		}
		r.Events[i] = e
	}
	return &d, r
}

func shiftDay(s string, days int) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.AddDate(0, 0, days).Format("2006-01-02")
}

// ---- run ----

// queries is the mix of filters a dashboard sends: dates, types, places,
// actors, words, boxes, background, pages and sorts, alone and combined.
func queries(rng *rand.Rand, years int) string {
	q := url.Values{}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	year := 2018 + rng.IntN(years)
	if rng.IntN(2) == 0 {
		m := 1 + rng.IntN(12)
		q.Set("since", fmt.Sprintf("%d-%02d-01", year, m))
		q.Set("until", fmt.Sprintf("%d-%02d-28", year, m))
	}
	if rng.IntN(3) == 0 {
		q.Set("type", pick(event.EventTypes...))
	}
	switch rng.IntN(6) {
	case 0:
		q.Set("admin1", pick("Deir-ez-Zor", "Aleppo", "Idleb", "Rural Damascus", "Ninewa", "Al-Anbar", "Baghdad", "Diyala", "YE.HU", "Taizz", "LY.TR"))
	case 1:
		q.Set("country", pick("SYR", "IRQ", "YEM", "LBY"))
	case 2:
		q.Set("actor", pick("ISIS", "SDF", "STATE:SYR", "STATE:IRQ", "COALITION", "HTS", "PMF", "STATE:TUR"))
	case 3:
		q.Set("bbox", pick("35.5,32.3,42.4,37.3", "38.8,29,48.8,37.4", "39.5,34,41.5,36"))
	case 4:
		q.Set("q", pick("داعش", "الرقة", "غارة", "الموصل", "قصف", "تفجير"))
	}
	// The dashboard leaves out recalled events unless told otherwise.
	if rng.IntN(2) == 0 {
		q.Set("background", "false")
	}
	if rng.IntN(4) == 0 {
		q.Set("sort", pick("date", "-date", "fatalities"))
	}
	if rng.IntN(5) == 0 {
		q.Set("offset", strconv.Itoa(50*rng.IntN(10)))
	}
	return q.Encode()
}

type sample struct {
	d    time.Duration
	code int
	kind string
}

// kindOf names a request by its costliest filter, for the per-kind
// latencies of the report.
func kindOf(query string) string {
	q, _ := url.ParseQuery(query)
	for _, k := range []string{"q", "bbox", "actor", "admin1", "country", "type", "since"} {
		if q.Get(k) != "" {
			return k
		}
	}
	return "none"
}

func drive(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server")
	rate := fs.Int("rate", 200, "requests a second, sent at a steady pace whatever the answers take")
	duration := fs.Duration("duration", 60*time.Second, "how long to send")
	years := fs.Int("years", 13, "years of data in the store from 2018 on, for the date filters (1 + copies)")
	maxInFlight := fs.Int("inflight", 512, "requests open at once before new ones count as dropped")
	seed := fs.Uint64("seed", 1, "random seed of the query mix")
	fs.Parse(args)
	if *rate < 1 || *duration <= 0 || *years < 1 {
		usage()
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *maxInFlight}}
	before, err := serverMemory(client, *base)
	if err != nil {
		return fmt.Errorf("reading %s/metrics: %w", *base, err)
	}
	total, err := countEvents(client, *base)
	if err != nil {
		return err
	}
	fmt.Printf("server %s: %d merged events in its store\n", *base, total)

	rng := rand.New(rand.NewPCG(*seed, 2))
	var (
		mu       sync.Mutex
		samples  []sample
		dropped  atomic.Int64
		failures = map[string]int{}
		examples = map[string]string{}
		wg       sync.WaitGroup
	)
	slots := make(chan struct{}, *maxInFlight)
	interval := time.Second / time.Duration(*rate)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	start := time.Now()
	sent := 0
	for time.Since(start) < *duration {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		query := queries(rng, *years)
		path := *base + "/api/events?" + query
		sent++
		select {
		case slots <- struct{}{}:
		default:
			dropped.Add(1)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			t0 := time.Now()
			res, err := client.Get(path)
			code := 0
			if err == nil {
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				code = res.StatusCode
			}
			d := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			samples = append(samples, sample{d, code, kindOf(query)})
			// Failures are counted by kind, with the first request of each
			// kind as an example, so a saturated server gives a short report.
			kind := ""
			switch {
			case err != nil:
				kind = "transport: " + errKind(err)
			case code != http.StatusOK:
				kind = fmt.Sprintf("HTTP %d", code)
			}
			if kind != "" {
				if failures[kind] == 0 {
					examples[kind] = path
				}
				failures[kind]++
			}
		}()
	}
	sending := time.Since(start)
	wg.Wait()
	after, err := serverMemory(client, *base)
	if err != nil {
		return fmt.Errorf("reading %s/metrics: %w", *base, err)
	}

	lat := make([]time.Duration, len(samples))
	errs := 0
	for i, s := range samples {
		lat[i] = s.d
		if s.code != http.StatusOK {
			errs++
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Printf("sent %d requests in %.1fs (%.1f/s); answered %d; errors %d; dropped (over %d in flight) %d\n",
		sent, sending.Seconds(), float64(sent)/sending.Seconds(), len(samples), errs, *maxInFlight, dropped.Load())
	fmt.Printf("latency p50 %s  p90 %s  p99 %s  max %s\n", pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	fmt.Printf("server memory before: RSS %s, Go heap in use %s; after: RSS %s, Go heap in use %s\n",
		mib(before.rss), mib(before.heap), mib(after.rss), mib(after.heap))
	byKind := map[string][]time.Duration{}
	for _, s := range samples {
		byKind[s.kind] = append(byKind[s.kind], s.d)
	}
	for _, k := range []string{"q", "bbox", "actor", "admin1", "country", "type", "since", "none"} {
		ds := byKind[k]
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		fmt.Printf("  by costliest filter %-7s n=%-5d p50 %s  p99 %s\n", k, len(ds),
			ds[len(ds)/2].Round(time.Microsecond), ds[min(len(ds)-1, len(ds)*99/100)].Round(time.Microsecond))
	}
	for kind, n := range failures {
		fmt.Printf("  %d× %s, e.g. %s\n", n, kind, examples[kind])
	}
	return nil
}

// errKind drops the URL from a transport error so that errors group.
func errKind(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

type memory struct{ rss, heap float64 }

// serverMemory reads the process collectors of the server's /metrics.
func serverMemory(c *http.Client, base string) (memory, error) {
	res, err := c.Get(base + "/metrics")
	if err != nil {
		return memory{}, err
	}
	defer res.Body.Close()
	var m memory
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			m.rss = v
		case "go_memstats_heap_inuse_bytes":
			m.heap = v
		}
	}
	if m.rss == 0 && m.heap == 0 {
		return m, errors.New("no memory figures in /metrics")
	}
	return m, sc.Err()
}

func countEvents(c *http.Client, base string) (int, error) {
	res, err := c.Get(base + "/api/events?limit=1")
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var b struct {
		Total int `json:"total"`
	}
	if err := json.NewDecoder(res.Body).Decode(&b); err != nil {
		return 0, err
	}
	return b.Total, nil
}
