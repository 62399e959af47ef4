package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/semaphore"

	"rasd/internal/document"
	"rasd/internal/extract"
	"rasd/internal/ingest"
	"rasd/internal/store"
)

func newIngestCmd() *cobra.Command {
	var (
		db        string
		workers   int
		published string
		opt       ingest.Options
		fetch     fetchFlags
		toQueue   bool
	)
	c := &cobra.Command{
		Use:   "ingest PATH|URL…",
		Short: "Read articles into a store: extract their events and merge reports of one occurrence",
		Long: `ingest reads files (plain text, HTML, RSS/Atom feeds, JSON Lines, each may be
.gz), directories (recursively), page or feed URLs, or JSON Lines on standard
input ("-"), extracts the events of every article and stores both in --db:
a SQLite file (created on first use) or a postgres:// URL.

A document is keyed by the hash of its text: one already stored is skipped
without extracting it again, so running ingest twice adds nothing. Each
document and its events are written in one transaction; an interrupted run
leaves every stored document whole, and running it again completes it.
An input that cannot be read is reported and skipped; the exit code is then 1.
In a directory, files of other kinds, named pipes, sockets and devices are
passed over with a notice (and not opened); a directory with nothing to read
is an error. Ctrl-C or SIGTERM stops the run within about a second: what was
stored stays, and the exit code is 128 + the signal's number.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("nothing to ingest: give files, directories, URLs, or - for JSON Lines on stdin")}
			}
			if workers < 1 {
				return usageError{fmt.Errorf("--workers %d: want at least 1", workers)}
			}
			if published != "" {
				t, err := ingest.ParseDate(published)
				if err != nil {
					return usageError{fmt.Errorf("--published: %w", err)}
				}
				opt.Published = t
			}
			var err error
			if opt.Fetcher, err = fetch.fetcher(); err != nil {
				return err
			}
			ctx, stop := stopOnSignal(c.Context())
			defer stop()
			st, err := store.Open(ctx, db, store.Unmapped())
			if err != nil {
				return err
			}
			defer st.Close()
			if toQueue {
				return ingestToQueue(ctx, st, args, opt, c.ErrOrStderr())
			}
			_, x, err := loadExtractor()
			if err != nil {
				return err
			}
			setHeadroom(ingestHeadroom)
			in := &ingester{
				store: st, extractor: x, workers: workers, opt: opt,
				stdin: c.InOrStdin(), log: newProgress(c.ErrOrStderr(), isTerminal(c.ErrOrStderr())),
			}
			go in.log.estimate(args)
			err = in.run(ctx, args)
			in.log.finish()
			in.summary(ctx, c.ErrOrStderr(), db)
			switch {
			case ctx.Err() != nil:
				fmt.Fprintf(c.ErrOrStderr(), "rasd: ingest %s; every document listed as added is stored whole, and running the same command again goes on from there\n", stopReason(ctx))
				return exitError{stopCode(ctx)}
			case err != nil:
				return err
			case in.failed.Load() > 0:
				return exitError{1}
			}
			return nil
		},
	}
	c.Flags().StringVar(&db, "db", "rasd.db", "the store: a SQLite file, or a postgres:// URL")
	c.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "documents extracted at once (writes go through one writer)")
	c.Flags().StringVar(&published, "published", "", "publication date, YYYY-MM-DD, for documents that give none")
	c.Flags().StringVar(&opt.Source, "source", "", "outlet name for documents that give none")
	c.Flags().StringVar(&opt.URL, "url", "", "article URL for plain-text and HTML files")
	c.Flags().BoolVar(&opt.NoFollow, "no-follow", false, "feeds: use each item's own content instead of fetching its page")
	c.Flags().BoolVar(&toQueue, "queue", false, "PostgreSQL: put one job per document in the job queue for 'rasd worker' instead of extracting here")
	fetch.register(c)
	return c
}

// ingester reads documents, extracts them on several workers and stores
// them through one writer, in the order they were read: the clusters an
// input ends in then do not depend on --workers or on timing.
type ingester struct {
	store     store.Store
	extractor *extract.Extractor
	workers   int
	opt       ingest.Options
	stdin     io.Reader
	log       *progress

	start                                 time.Time
	read, added, stored, events, clusters int // the writer's alone
	failed, passed                        atomic.Int64
	// fresh, when set, tells the documents the store cannot hold yet.
	fresh *firstSightings
	// inflight are the batches started and not yet counted, in order;
	// the writer's alone.
	inflight []*started
}

// firstSightings are the documents of a run into a store that held none
// when the run began: such a store holds a document only once this run
// has stored it, so a document whose content the run has not read before
// need not be looked up (a query per document, 3–4% of ingest's CPU on the
// bench corpus, besides the read connections' page caches). Another
// process storing into the same new file at the same time is not seen;
// that costs a document it stored a second extraction, not a second copy:
// the store keeps one document per hash, and this run counts the other as
// already stored, as before. Documents are told apart by the first 64 bits
// of their hash: a document taken for one read before is looked up in the
// store, as every document was.
type firstSightings struct {
	mu   sync.Mutex
	seen map[uint64]struct{}
	full bool // maxSightings reached: every document is looked up
}

// maxSightings bounds the memory a very long run spends on firstSightings
// (some 16 MB); past it, the store is asked about every document.
const maxSightings = 1 << 20

// mayBeStored says whether the document of hash h may be in the store.
func (f *firstSightings) mayBeStored(h string) bool {
	if f == nil {
		return true
	}
	key, err := strconv.ParseUint(h[:16], 16, 64)
	if err != nil {
		return true
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.seen[key]; ok || f.full {
		return true
	}
	if len(f.seen) >= maxSightings {
		f.full = true
		return true
	}
	f.seen[key] = struct{}{}
	return false
}

// outcome is a document after extraction: prepared for the store, already
// stored, or failed.
type outcome struct {
	doc      *document.Document
	prepared *store.Prepared
	known    bool
	err      error
	// queued is what the outcome holds of the writer's queue (queueBytes)
	// while it waits there.
	queued int64
}

// run reads, extracts and stores on inOrder's pipeline; its emit hands each
// outcome, in reading order, to the writer, which stores them in batches.
// When the run is stopped the writer stores the batch it holds (what is
// prepared is written: it is whole, and the next run need not do it
// again), and the reader and workers are not waited for (see inOrder).
func (in *ingester) run(ctx context.Context, targets []string) error {
	in.start = time.Now()
	if n, err := in.store.Counts(ctx); err == nil && n.Documents == 0 {
		in.fresh = &firstSightings{seen: map[uint64]struct{}{}}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan outcome, maxQueue)
	queued := semaphore.NewWeighted(maxQueueBytes)
	writerDone := make(chan struct{})
	// writerCtx ends once the writer has stopped, so that an emit waiting
	// for room in its queue stops waiting.
	writerCtx, writerStopped := context.WithCancel(ctx)
	var writeErr error
	go func() {
		defer writerStopped()
		defer close(writerDone)
		writeErr = in.writeBatches(ctx, queue, queued)
	}()
	read := func(send func(*document.Document) error) error {
		return in.readAll(ctx, targets, send)
	}
	work := func(doc *document.Document) outcome { return in.prepare(ctx, doc) }
	// The documents first read, in reading order, of a run into an empty
	// store are marked unseen (store.Prepared.MarkUnseen): the store
	// cannot hold them before the writer gets them. Not fresh, which the
	// workers fill in the order they happen to run.
	var firstRead *firstSightings
	if in.fresh != nil {
		firstRead = &firstSightings{seen: map[uint64]struct{}{}}
	}
	err := inOrder(ctx, in.workers, read, work, func(_ *document.Document, o outcome) error {
		if o.prepared != nil && firstRead != nil && !firstRead.mayBeStored(o.prepared.Hash()) {
			o.prepared.MarkUnseen()
		}
		o.queued = min(int64(len(o.doc.Text)), maxQueueBytes)
		if err := queued.Acquire(writerCtx, o.queued); err != nil {
			select {
			case <-writerDone:
				return errWriterStopped
			default:
				return err
			}
		}
		select {
		case queue <- o:
			return nil
		case <-writerDone:
			return errWriterStopped
		}
	})
	close(queue)
	<-writerDone
	if writeErr != nil {
		return writeErr
	}
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, errWriterStopped) {
		return err
	}
	return nil
}

// errWriterStopped ends the pipeline when the writer has stopped on a store
// error, which run returns instead.
var errWriterStopped = errors.New("the store's writer has stopped")

// readAll reads every target in turn and numbers the documents. An input
// that cannot be read is reported and counted; it stops nothing.
func (in *ingester) readAll(ctx context.Context, targets []string, send func(*document.Document) error) error {
	fn := func(doc *document.Document, err error) error {
		if ctx.Err() != nil {
			// A read cut short by the interruption is no failed input.
			return ctx.Err()
		}
		if errors.Is(err, ingest.ErrPassedOver) {
			in.passed.Add(1)
			in.log.printf("rasd: %v", err)
			return nil
		}
		if err != nil {
			in.fail(err)
			return nil
		}
		return send(doc)
	}
	for _, t := range targets {
		var err error
		if t == "-" {
			err = in.readStdin(ctx, fn)
		} else {
			err = ingest.Read(ctx, t, in.opt, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readStdin reads JSON Lines from standard input, with the fallbacks that
// ingest.Read applies to files.
func (in *ingester) readStdin(ctx context.Context, fn func(*document.Document, error) error) error {
	err := ingest.ReadJSONL(in.stdin, func(doc *document.Document, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			return fn(nil, fmt.Errorf("stdin: %w", err))
		}
		if doc.Published.IsZero() {
			doc.Published = in.opt.Published
		}
		if doc.Source == "" {
			doc.Source = in.opt.Source
		}
		return fn(doc, nil)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("reading standard input: %w", err)
	}
	return err
}

// prepare extracts one document unless the store already has it. A panic in
// extraction fails that document only: one odd article must not cost the
// rest of a long batch.
func (in *ingester) prepare(ctx context.Context, doc *document.Document) (o outcome) {
	o = outcome{doc: doc}
	defer func() {
		if r := recover(); r != nil {
			o.prepared, o.err = nil, fmt.Errorf("extraction failed: %v", r)
		}
	}()
	if h := doc.Hash(); in.fresh.mayBeStored(h) {
		known, err := in.store.HasDocument(ctx, h)
		if err != nil {
			o.err = err
			return o
		}
		if known {
			o.known = true
			return o
		}
	}
	res, analysis := in.extractor.ExtractAnalyzed(doc)
	o.prepared, o.err = store.PrepareAnalyzed(doc, res, analysis)
	// Its words are indexed: its arrays go to the next document's analysis
	// instead of to the collector (some 80 KB an article).
	analysis.Release()
	return o
}

// Documents are committed in batches: one commit per document would spend
// more time committing (and, in SQLite, flushing the full-text index) than
// storing. A batch is written when it holds maxBatch documents or
// maxBatchBytes of text, whichever comes first, so that a batch of long
// articles costs no more memory than one of short ones, or when it has
// waited batchDelay, so a slow stream still shows up in the store promptly.
const (
	maxBatch      = 256
	maxBatchBytes = 4 << 20
	batchDelay    = time.Second
)

// The writer's queue holds the outcomes waiting for it: at most
// maxQueueBytes of their texts (what an outcome holds, its words and
// events, grows with its text) and maxQueue outcomes. While the writer
// judges a batch and waits for the one before it to commit, the workers
// go on filling the queue; once it is full they wait too. A commit that
// runs long (FTS5 merging its segments, a checkpoint) outlasted a queue of
// one batch, 256 outcomes: a runtime trace of the bench corpus showed
// both workers and the reader waiting behind the full queue while the
// commit ran alone. 2 MiB is some 750 articles of the bench corpus (2.8 KB
// of text on average), about three batches.
const (
	maxQueue      = 4 * maxBatch
	maxQueueBytes = 2 << 20
)

// writeBatches stores the outcomes of queue, in their order, in batches,
// until queue is closed or ctx is done (then it stores the batch it holds).
// A store error ends it: it is about the database, not one document, and
// would repeat.
//
// It runs beside the pipeline, and queue holds a few batches' worth
// (maxQueueBytes, which it releases as it takes each outcome): while a
// batch is committed the next is gathered, rather than every extraction
// worker waiting for the commit. A store that can (store.BatchStarter)
// judges the next batch while one commits; a batch is counted only once
// it is committed, so what the summary lists as added is stored, and an
// interrupted run waits for the commits under way before it returns.
func (in *ingester) writeBatches(ctx context.Context, queue <-chan outcome, queued *semaphore.Weighted) error {
	batch := make([]outcome, 0, maxBatch)
	size := 0
	timer := time.NewTimer(batchDelay)
	timer.Stop()
	flush := func() error {
		timer.Stop()
		if len(batch) == 0 {
			return nil
		}
		err := in.write(ctx, batch)
		// A started batch keeps its slice until it is counted: the next
		// one gets a slice of its own.
		batch, size = make([]outcome, 0, maxBatch), 0
		return err
	}
	for {
		select {
		case o, ok := <-queue:
			if !ok {
				return errors.Join(flush(), in.settle(ctx, 0))
			}
			queued.Release(o.queued)
			if len(batch) == 0 {
				timer.Reset(batchDelay)
			}
			batch = append(batch, o)
			size += len(o.doc.Text)
			if len(batch) >= maxBatch || size >= maxBatchBytes {
				if err := flush(); err != nil {
					return errors.Join(err, in.settle(ctx, 0))
				}
			}
		case <-timer.C:
			if err := flush(); err != nil {
				return errors.Join(err, in.settle(ctx, 0))
			}
		case <-ctx.Done():
			return errors.Join(flush(), in.settle(ctx, 0))
		}
	}
}

// started is a batch handed to the store and not yet counted.
type started struct {
	batch    []outcome
	prepared []*store.Prepared
	pending  store.Pending // nil when nothing in it was prepared
}

// write starts storing a batch and counts those before it, which leaves
// this one being committed (or, with a store that is no BatchStarter,
// stores and counts it).
func (in *ingester) write(ctx context.Context, batch []outcome) error {
	var prepared []*store.Prepared
	for _, o := range batch {
		if o.prepared != nil {
			prepared = append(prepared, o.prepared)
		}
	}
	s := &started{batch: batch, prepared: prepared}
	if bs, ok := in.store.(store.BatchStarter); ok && len(prepared) > 0 {
		s.pending = bs.StartBatch(context.WithoutCancel(ctx), prepared)
		in.inflight = append(in.inflight, s)
		return in.settle(ctx, 1)
	}
	if err := in.settle(ctx, 0); err != nil {
		return err
	}
	results, errs, err := in.add(ctx, prepared)
	if err != nil {
		return err
	}
	in.count(batch, results, errs)
	return nil
}

// settle counts the batches started until at most keep are left. A batch
// that failed, and every one started after it (which the store has then
// not written), are written again one after the other with add, as a
// batch was written before StartBatch: in order, and with add's
// fallbacks.
func (in *ingester) settle(ctx context.Context, keep int) error {
	for len(in.inflight) > keep {
		s := in.inflight[0]
		results, err := s.pending.Wait()
		if err == nil {
			in.inflight = in.inflight[1:]
			in.count(s.batch, results, make([]error, len(s.prepared)))
			continue
		}
		redo := in.inflight
		in.inflight = nil
		for _, r := range redo[1:] {
			r.pending.Wait() // failed too, and wrote nothing; its goroutine is done
		}
		for _, r := range redo {
			results, errs, err := in.add(ctx, r.prepared)
			if err != nil {
				return err
			}
			in.count(r.batch, results, errs)
		}
	}
	return nil
}

// count counts a stored batch: results and errs are AddBatch's (or add's)
// for its prepared documents, in order.
func (in *ingester) count(batch []outcome, results []store.AddResult, errs []error) {
	for _, o := range batch {
		in.read++
		switch {
		case o.err != nil:
			in.fail(fmt.Errorf("document %s: %w", o.doc.ID, o.err))
		case o.known:
			in.stored++
		default:
			r, err := results[0], errs[0]
			results, errs = results[1:], errs[1:]
			if err != nil {
				in.fail(fmt.Errorf("document %s not stored: %w", o.doc.ID, err))
				continue
			}
			if !r.Added {
				in.stored++
				continue
			}
			in.added++
			in.events += r.Events
			in.clusters += r.Clusters
		}
	}
	in.log.update(in.read, in.events)
}

// add stores prepared documents in one transaction. When that fails, they
// are stored one at a time, and one that the store refuses while it still
// answers (a figure out of range, say) fails alone, as an unreadable input
// would; the error returned means the store itself failed.
func (in *ingester) add(ctx context.Context, prepared []*store.Prepared) ([]store.AddResult, []error, error) {
	errs := make([]error, len(prepared))
	if len(prepared) == 0 {
		return nil, errs, nil
	}
	results, err := in.addBatch(ctx, prepared)
	if err == nil {
		return results, errs, nil
	}
	if errors.Is(err, store.ErrBusy) {
		return nil, nil, fmt.Errorf("storing: %w", err)
	}
	results = make([]store.AddResult, len(prepared))
	for i, p := range prepared {
		r, err := in.addBatch(ctx, []*store.Prepared{p})
		if err == nil {
			results[i] = r[0]
			continue
		}
		if _, probe := in.store.HasDocument(context.WithoutCancel(ctx), p.Hash()); probe != nil || errors.Is(err, store.ErrBusy) {
			return nil, nil, fmt.Errorf("storing: %w", err)
		}
		errs[i] = err
	}
	return results, errs, nil
}

// addBatch is AddBatch, tried again for as long as another process holds
// the store's write lock (two ingests on one SQLite file take turns a batch
// at a time, and one batch rarely holds it for long), until the run is
// stopped. Started, a transaction is let finish: an interrupt then never
// leaves an error message about documents that were fine.
func (in *ingester) addBatch(ctx context.Context, prepared []*store.Prepared) ([]store.AddResult, error) {
	results, err := in.store.AddBatch(context.WithoutCancel(ctx), prepared)
	for told := false; errors.Is(err, store.ErrBusy) && ctx.Err() == nil; told = true {
		if !told {
			in.log.printf("rasd: %v; waiting for it (Ctrl-C stops, keeping what is stored)", err)
		}
		results, err = in.store.AddBatch(context.WithoutCancel(ctx), prepared)
	}
	return results, err
}

func (in *ingester) fail(err error) {
	in.failed.Add(1)
	in.log.printf("rasd: skipped %v", err)
}

func (in *ingester) summary(ctx context.Context, w io.Writer, db string) {
	elapsed := time.Since(in.start)
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(in.read) / s
	}
	passed := ""
	if n := in.passed.Load(); n > 0 {
		passed = fmt.Sprintf(", %d passed over", n)
	}
	fmt.Fprintf(w, "rasd ingest: %d read, %d added, %d already stored, %d failed%s; %d events, %d new clusters; %s, %.0f docs/s\n",
		in.read, in.added, in.stored, in.failed.Load(), passed, in.events, in.clusters, elapsed.Round(10*time.Millisecond), rate)
	if n, err := in.store.Counts(context.WithoutCancel(ctx)); err == nil {
		fmt.Fprintf(w, "rasd ingest: %s holds %d documents, %d events, %d clusters\n", store.Redact(db), n.Documents, n.Events, n.Clusters)
	}
}

// signalCause is the cause of a context cancelled by a signal.
type signalCause struct{ sig os.Signal }

func (c signalCause) Error() string { return c.sig.String() }

// stopOnSignal returns a context cancelled by Ctrl-C (SIGINT) or SIGTERM,
// with the signal as its cause, and the function that stops listening.
// Only the first signal is caught: a second one has its default effect and
// ends the process at once, which leaves the store as a crash would, with
// every committed document whole.
func stopOnSignal(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(signalCause{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}

// stopReason says why ctx was cancelled, for the message that ends a run.
func stopReason(ctx context.Context) string {
	var sc signalCause
	if errors.As(context.Cause(ctx), &sc) {
		switch sc.sig {
		case os.Interrupt:
			return "interrupted"
		case syscall.SIGTERM:
			return "stopped by SIGTERM"
		}
		return "stopped by signal " + sc.sig.String()
	}
	return "interrupted"
}

// stopCode is the exit code of a run that a signal ended: 128 + the
// signal's number, as a shell reports a process the signal killed (130 for
// Ctrl-C, 143 for SIGTERM).
func stopCode(ctx context.Context) int {
	var sc signalCause
	if errors.As(context.Cause(ctx), &sc) {
		if n, ok := sc.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return 130
}
