// Package store keeps documents, the events extracted from them and the
// clusters that merge one occurrence reported by several documents. One
// interface, two implementations with identical behaviour: SQLite (the
// embedded default) and PostgreSQL (for teams).
package store

import (
	"context"
	"errors"
	"rasd/internal/document"
	"time"

	"rasd/internal/event"
)

// ErrNotFound is returned when an id names nothing stored.
var ErrNotFound = errors.New("not found")

// ErrBusy is wrapped by AddBatch's error when another process held the
// store's write lock for longer than the store waits for it (SQLite's busy
// timeout, 10 s) and nothing was written: trying again later is safe.
var ErrBusy = errors.New("the store is locked by another process writing to it")

// Filter selects stored events. Zero fields select everything.
type Filter struct {
	Since, Until time.Time // on event_date, inclusive
	Types        []string  // event_type or sub_event_type, any of them
	Actor        string    // an actor id in actor1, actor2 or their associates
	// Admin1 is a province of the gazetteer's 23 countries: its HASC code,
	// or its English (any case) or Arabic name. The few names that two
	// countries share select both unless Country says which.
	Admin1 string
	// Country is an ISO alpha-3 or, for the 23 countries, alpha-2 code, or
	// a country's English or Arabic name.
	Country string
	BBox    *BBox
	Text    string // full-text query over the reporting documents
	// Background selects by the background flag, events that articles
	// recall as past context: nil keeps all, false leaves them out, true
	// keeps only them. A merged event is background when every source
	// recalls it so.
	Background *bool
	Sort       string // "date" (default, newest first), "-date" (oldest first), "fatalities"
	Limit      int    // 0: no limit
	Offset     int

	admin1Codes []string // Admin1 resolved (normalized)
}

// BBox is a longitude/latitude box.
type BBox struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

// AddResult says what Add did with one document.
type AddResult struct {
	Added    bool // false: a document with the same content hash was already stored
	Events   int  // per-document events stored
	Clusters int  // new clusters created (the rest joined existing ones)
}

// Counts are the totals of a store.
type Counts struct{ Documents, Events, Clusters int }

// StatRow is one cell of `rasd stats`: one week × event type × province ×
// actor. The province is named with its country and code: a few names are
// two countries' ("Al Jawf" in Yemen and in Saudi Arabia).
type StatRow struct {
	Week       string // Monday of the ISO week, YYYY-MM-DD
	EventType  string
	Country    string // ISO alpha-3; "" when the place is not known
	Admin1     string
	Admin1Code string
	Actor      string // actor1 id
	Events     int
	Fatalities int
}

// BatchStarter is a Store that can judge a batch while the one before it
// commits (SQLite: the commit, with its full-text index, is some half of
// what its one writer does in ingest). StartBatch returns once the batch
// is judged; its Pending's Wait returns what AddBatch would have, once
// the batch is committed or has failed. Batches are committed in the
// order they were started, a batch only if the one before it was: once
// one has failed, every later one started fails too, without being
// written, until AddBatch is called. So a caller that counts a batch
// only when its Wait succeeded, and writes the failed batch and every
// later one again with AddBatch, in order, stores what AddBatch alone
// would have.
type BatchStarter interface {
	StartBatch(ctx context.Context, batch []*Prepared) Pending
}

// Pending is a batch started with BatchStarter.StartBatch.
type Pending interface {
	Wait() ([]AddResult, error)
}

// Store is what ingest, export, stats and the server use; SQL dialects stay
// below it.
type Store interface {
	// Add stores one document and the events extracted from it in one
	// transaction and assigns each event to a cluster (internal/dedup). A
	// document whose content hash is already stored is left as it is.
	Add(ctx context.Context, doc *document.Document, res event.Result) (AddResult, error)
	// AddBatch is Add for documents already made ready with Prepare (which
	// ingest runs on every core, leaving the writer only the SQL), in one
	// transaction: all of them are stored, in order, or none. One commit
	// for many documents is what makes a large ingest fast.
	AddBatch(ctx context.Context, batch []*Prepared) ([]AddResult, error)
	// HasDocument reports whether a document with this content hash is
	// stored, so that ingest can skip extracting it again.
	HasDocument(ctx context.Context, hash string) (bool, error)
	// Events streams the merged events that pass f, in f's order, without
	// holding them all in memory.
	Events(ctx context.Context, f Filter, fn func(*event.Stored) error) error
	// CountEvents counts the merged events that pass f (Limit and Offset ignored).
	CountEvents(ctx context.Context, f Filter) (int, error)
	// Event returns one merged event by cluster id, or ErrNotFound.
	Event(ctx context.Context, clusterID string) (*event.Stored, error)
	// Document returns one stored document by its id, or ErrNotFound.
	Document(ctx context.Context, docID string) (*document.Document, error)
	// Stats counts the merged events that pass f by week, type, admin1 and actor1.
	Stats(ctx context.Context, f Filter) ([]StatRow, error)
	// Counts returns the store's totals.
	Counts(ctx context.Context) (Counts, error)
	// Split takes one report (a per-document event id, as a source of the
	// merged event lists it) out of a merged event into one of its own,
	// and returns the new event's id. Join merges the event from into the
	// event into. Both are recorded, so that events stored later keep
	// them (correct.go); ErrNotFound or ErrBadCorrection otherwise.
	Split(ctx context.Context, clusterID, eventID string) (string, error)
	Join(ctx context.Context, into, from string) error
	Close() error
}
