package main

import (
	"context"
	"errors"
	"io"
	"rasd/internal/document"
	"sync"
)

// inOrder runs work on up to n documents at once and hands each result to
// emit in the order read gave the documents, so that the output of a run
// does not depend on timing or on n. read calls send once per document; an
// error from emit stops the reading and is returned.
func inOrder[T any](ctx context.Context, n int, read func(send func(*document.Document) error) error,
	work func(*document.Document) T, emit func(*document.Document, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type item struct {
		seq int
		doc *document.Document
		out T
	}
	jobs := make(chan item)
	done := make(chan item, n)
	// inflight bounds the documents read but not yet emitted, so memory
	// stays flat however far the reader gets ahead of a slow one.
	inflight := make(chan struct{}, 8*n)

	var readErr error
	go func() {
		defer close(jobs)
		seq := 0
		readErr = read(func(doc *document.Document) error {
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- item{seq: seq, doc: doc}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				it.out = work(it.doc)
				select {
				case done <- it:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	pending := map[int]item{}
	next := 0
	var emitErr error
	for it := range done {
		pending[it.seq] = it
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-inflight
			if emitErr == nil {
				if emitErr = emit(p.doc, p.out); emitErr != nil {
					cancel()
				}
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return readErr
	}
	return nil
}

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
