package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"rasd/internal/document"
	"sort"
	"strings"

	"rasd/internal/dedup"
	"rasd/internal/event"
	"rasd/internal/text"
)

// Prepared is a document made ready for Add: hashed, indexed for full-text
// search and its events encoded. Preparing is the CPU-heavy part of storing
// and needs no database, so ingest runs it on every core and leaves the one
// writer only the SQL.
type Prepared struct {
	doc         *document.Document
	meta        event.Doc
	hash        string
	joinedWords string // FTS5's column, space-separated; PostgreSQL's lexemes
	events      []preparedEvent
	// unseen: the caller knows the store does not hold this document
	// (MarkUnseen).
	unseen bool
}

// MarkUnseen tells the store that it cannot hold this document yet: the
// caller knows of no copy of it there (rasd ingest into a store that was
// empty when the run began, for a text the run has not read before). A
// SQLite batch holding one is written pipelined (pipeTx), which inserts it
// without looking it up; were a copy there after all (another process
// storing the same text at the same time), the batch is written again the
// plain way, and the document counts as already stored, as it would have.
func (p *Prepared) MarkUnseen() { p.unseen = true }

type preparedEvent struct {
	ev     *event.Event
	cols   columns
	record []byte
}

// columns are the filterable fields of an event, per-document or merged.
type columns struct {
	eventType, subEventType   string
	eventDate, start, end     string // YYYY-MM-DD or ""
	pubStart, pubEnd          string // a cluster's publication span (dedup.PublicationSpan), or ""
	week                      string
	country, admin1, admin1HC string
	hasPlace                  bool
	lat, lon                  float64
	actor1, actor2            string
	fatalities                int
	background                bool
	actors                    []string // every actor id named, sorted
}

// Hash is the document's content hash, its key in the store.
func (p *Prepared) Hash() string { return p.hash }

// Prepare readies one document and its extraction result for Add.
func Prepare(doc *document.Document, res event.Result) (*Prepared, error) {
	return PrepareAnalyzed(doc, res, nil)
}

// PrepareAnalyzed is Prepare for a caller that already has the analysis of
// doc.Text (extract.ExtractAnalyzed hands it back): the search words are
// read from it instead of analysing the text a second time (on the bench
// corpus that second analysis took a fifth as long as extraction itself).
// An analysis of some other text, or none, is replaced by a fresh one, so
// the words are always the text's own.
func PrepareAnalyzed(doc *document.Document, res event.Result, a *text.Analysis) (*Prepared, error) {
	if strings.ContainsRune(doc.Text, 0) || strings.ContainsRune(doc.Title, 0) {
		// PostgreSQL cannot store NUL in text; refusing it in both stores
		// keeps them alike.
		return nil, errors.New("the document contains NUL characters")
	}
	if a == nil || !analyses(a, doc.Text) {
		a = text.Analyze(doc.Text)
		defer a.Release() // its words are all that is kept of it
	}
	p := &Prepared{doc: doc, meta: res.Doc, hash: doc.Hash()}
	p.joinedWords = indexWords(a)
	p.meta.ID, p.meta.Source, p.meta.URL, p.meta.Title = doc.ID, doc.Source, doc.URL, doc.Title
	p.meta.Published = doc.PublishedDate()
	for i := range res.Events {
		e := &res.Events[i]
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		p.events = append(p.events, preparedEvent{ev: e, cols: columnsOf(e), record: b})
		// The writer judges the event against every cluster it may join by
		// its wording, among other things: sketched here, on the caller's
		// core, the writer finds the sketch made.
		dedup.PrepareSketch(p.meta, e)
	}
	return p, nil
}

// analyses reports whether a is the analysis of s.
func analyses(a *text.Analysis, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(a.Orig) || a.Orig[i] != r {
			return false
		}
		i++
	}
	return i == len(a.Orig)
}

func columnsOf(e *event.Event) columns {
	c := columns{eventType: e.EventType, subEventType: e.SubEventType, background: e.Background}
	if d := e.Date; d != nil {
		c.eventDate, c.start, c.end = d.EventDate, d.Start, d.End
		if c.start == "" {
			c.start = c.eventDate
		}
		if c.end == "" {
			c.end = c.eventDate
		}
		c.week = week(c.eventDate)
	}
	if l := e.Location; l != nil {
		c.country, c.admin1, c.admin1HC = l.Country, l.Admin1, l.Admin1Code
		c.hasPlace, c.lat, c.lon = true, l.Lat, l.Lon
	}
	if e.Fatalities != nil {
		c.fatalities = e.Fatalities.Count
	}
	ids := map[string]bool{}
	if e.Actor1 != nil {
		c.actor1 = e.Actor1.ID
		ids[e.Actor1.ID] = true
	}
	if e.Actor2 != nil {
		c.actor2 = e.Actor2.ID
		ids[e.Actor2.ID] = true
	}
	for _, as := range [][]event.Actor{e.AssocActor1, e.AssocActor2} {
		for _, a := range as {
			ids[a.ID] = true
		}
	}
	delete(ids, "")
	for id := range ids {
		c.actors = append(c.actors, id)
	}
	sort.Strings(c.actors)
	return c
}

// clusterID names a cluster after the member that started it, so that the
// same input stored anywhere gets the same ids.
func clusterID(docHash, eventID string) string {
	sum := sha256.Sum256([]byte(docHash + "\x00" + eventID))
	return hex.EncodeToString(sum[:8])
}
