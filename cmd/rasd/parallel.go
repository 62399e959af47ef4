package main

import (
	"context"
	"errors"
	"io"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"rasd/internal/document"
)

// inOrder is the one worker pipeline of extract, tag and ingest: it runs
// work on up to n documents at once and hands each result to emit in the
// order read gave the documents, so that the output of a run does not
// depend on timing or on n. read calls send once per document; an error
// from emit stops the reading and is returned, and so is an error of read
// once what it read is emitted.
//
// Memory stays flat whatever the input's size: at most windowDocs
// documents a worker, and windowBytes of text a worker, are read and not
// yet emitted (a document longer than that alone still passes, once
// nothing else is in flight: ingest reads at most 1 MiB), and emit is
// called from the caller's goroutine, so a slow writer holds the workers
// back rather than piling up results.
//
// When ctx is done inOrder returns at once with its error, without waiting
// for the reader or the workers: a read can block on input that never
// comes (standard input, a hung mount) and an extraction can take seconds,
// and neither would change what was emitted; they end with the process.
func inOrder[T any](ctx context.Context, n int, read func(send func(*document.Document) error) error,
	work func(*document.Document) T, emit func(*document.Document, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type item struct {
		seq    int
		doc    *document.Document
		weight int64 // what it holds of inflightBytes
		out    T
	}
	jobs := make(chan item)
	done := make(chan item, n)
	// inflight and inflightBytes bound the documents read but not yet
	// emitted, so memory stays flat however far the reader gets ahead of a
	// slow one.
	inflight := make(chan struct{}, windowDocs*n)
	inflightBytes := semaphore.NewWeighted(int64(windowBytes * n))

	readDone := make(chan error, 1)
	go func() {
		defer close(jobs)
		seq := 0
		readDone <- read(func(doc *document.Document) error {
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			weight := int64(min(len(doc.Text), windowBytes*n))
			if err := inflightBytes.Acquire(ctx, weight); err != nil {
				return err
			}
			select {
			case jobs <- item{seq: seq, doc: doc, weight: weight}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var workers errgroup.Group
	for range n {
		workers.Go(func() error {
			for {
				var it item
				select {
				case j, ok := <-jobs:
					if !ok {
						return nil
					}
					it = j
				case <-ctx.Done():
					return ctx.Err()
				}
				it.out = work(it.doc)
				select {
				case done <- it:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		})
	}
	go func() {
		workers.Wait()
		close(done)
	}()

	pending := map[int]item{}
	next := 0
	for {
		select {
		case it, ok := <-done:
			if !ok {
				// Every worker has returned without ctx being done: jobs
				// was closed, so the reader has returned too.
				if err := <-readDone; err != nil && !errors.Is(err, context.Canceled) {
					return err
				}
				return nil
			}
			pending[it.seq] = it
			for {
				p, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-inflight
				inflightBytes.Release(p.weight)
				if err := emit(p.doc, p.out); err != nil {
					return err
				}
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// The window of inOrder, per worker. Documents are emitted in reading
// order, so one slow document (a long article can take 50 times the
// median) holds back the emission of all read after it, and once the
// window is full the reader stops and the other workers run dry behind
// it: with 8 documents a worker, a runtime trace of rasd ingest of the
// bench corpus showed a worker idle behind one article for up to 200 ms,
// ~0.5 core-s in all (docs/performance.md, branch perf-ingest4). 64
// documents a worker is some 130 ms of a worker's time at the median
// article, and costs a few MB. The bytes keep the worst case (every
// document ingest's largest, 1 MiB) where the old window of 8 documents
// put it.
const (
	windowDocs  = 64
	windowBytes = 8 << 20
)

// lockedWriter lets the reader and the writer of inOrder report on one
// stream: a test's buffer is no safer for two goroutines than a file.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
