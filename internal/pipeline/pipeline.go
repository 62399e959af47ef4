// Package pipeline is the step every article goes through once it is read,
// whoever read it: extract its events and store them, merged with what the
// store holds. rasd ingest runs the same step spread over workers and
// batches (cmd/rasd/ingest.go); rasd watch and rasd worker take articles
// one at a time, as they come, and call Step.Process.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"rasd/internal/document"
	"rasd/internal/extract"
	"rasd/internal/store"
)

// Result says what Process did with one article.
type Result struct {
	Hash   string
	Known  bool // stored before (by content hash): not extracted again
	Events int  // per-document events stored
}

// Step extracts and stores articles.
type Step struct {
	Store     store.Store
	Extractor *extract.Extractor
}

// Process extracts doc's events and stores both, unless a document with the
// same content hash is stored already: storing an article twice, or two
// workers storing it at once, leaves one copy. A panic in extraction is
// this article's error, not the process's.
func (s *Step) Process(ctx context.Context, doc *document.Document) (res Result, err error) {
	res.Hash = doc.Hash()
	known, err := s.Store.HasDocument(ctx, res.Hash)
	if err != nil {
		return res, err
	}
	if known {
		res.Known = true
		return res, nil
	}
	var p *store.Prepared
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("extraction failed: %v", r)
			}
		}()
		ev, analysis := s.Extractor.ExtractAnalyzed(doc)
		p, err = store.PrepareAnalyzed(doc, ev, analysis)
		analysis.Release() // its words are indexed; as in rasd ingest
	}()
	if err != nil {
		return res, err
	}
	added, err := s.add(ctx, p)
	if err != nil {
		return res, err
	}
	res.Known = !added.Added
	res.Events = added.Events
	return res, nil
}

// add waits its turn while another process holds a SQLite store's write
// lock (an ingest beside the watcher), as ingest does.
func (s *Step) add(ctx context.Context, p *store.Prepared) (store.AddResult, error) {
	for {
		r, err := s.Store.AddBatch(ctx, []*store.Prepared{p})
		if err == nil {
			return r[0], nil
		}
		if !errors.Is(err, store.ErrBusy) {
			return store.AddResult{}, err
		}
		select {
		case <-ctx.Done():
			return store.AddResult{}, err
		case <-time.After(100 * time.Millisecond):
		}
	}
}
