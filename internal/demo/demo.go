// Package demo fills a store with the first articles of a corpus that
// report events the dashboard's map can draw (what `rasd serve --demo`
// serves, and what the README's screenshot shows), and counts a store the
// way the dashboard does, so that the demo's log and the page give the same
// figures.
package demo

import (
	"context"
	"errors"
	"fmt"
	"os"

	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/extract"
	"rasd/internal/geodata"
	"rasd/internal/ingest"
	"rasd/internal/store"
)

// Corpus is the bench corpus as it lies beside the repository, seen from
// its root.
const Corpus = "../shared/data/bench/ant-2018-news.jsonl.gz"

// Loaded is what Load did.
type Loaded struct {
	Read       int // documents read and extracted
	Unreadable int // lines or documents that could not be read or extracted
	Stored     int // documents stored (or found stored already)
	// Reported counts the events as the stored articles report them, before
	// the reports of one occurrence by several articles are merged: the
	// store, the API and the dashboard count merged events.
	Reported int
}

var errEnough = errors.New("demo: enough documents")

// Load stores the first n documents of corpus that report an event in a
// country of the base map. Documents already stored (a --db kept from an
// earlier demo) count without being added again.
func Load(ctx context.Context, st store.Store, x *extract.Extractor, corpus string, n int) (Loaded, error) {
	var l Loaded
	if _, err := os.Stat(corpus); err != nil {
		return l, fmt.Errorf("demo corpus %s: %w (run from the repository with ../shared beside it, or give --demo-corpus)", corpus, err)
	}
	onMap, err := MapCountries()
	if err != nil {
		return l, err
	}
	err = ingest.Read(ctx, corpus, ingest.Options{}, func(doc *document.Document, err error) error {
		if err != nil {
			l.Unreadable++ // a bad line of the corpus costs the demo nothing
			return nil
		}
		l.Read++
		res, err := x.ExtractSafe(doc)
		if err != nil {
			l.Unreadable++
			return nil
		}
		if !OnTheMap(res.Events, onMap) {
			return nil
		}
		if _, err := st.Add(ctx, doc, res); err != nil {
			return fmt.Errorf("storing %s: %w", doc.ID, err)
		}
		l.Stored++
		l.Reported += len(res.Events)
		if l.Stored == n {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return l, err
	}
	return l, nil
}

// MapCountries are the countries the dashboard's base map draws (ISO
// alpha-3 codes).
func MapCountries() (map[string]bool, error) {
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

// OnTheMap tells whether an article has an event the map can show.
func OnTheMap(es []event.Event, countries map[string]bool) bool {
	for _, e := range es {
		if e.Location != nil && countries[e.Location.Country] {
			return true
		}
	}
	return false
}

// Counts are a store's merged events as the dashboard shows them when it
// opens: current events in the table, and of those, the ones the map draws.
type Counts struct {
	Documents int
	Events    int // merged events, background included
	// Background events are those articles recall as past context; the
	// dashboard hides them until its box is unticked.
	Background int
	Current    int // Events − Background: the table's total
	OnMap      int // current events located in a country of the base map
	Elsewhere  int // located in a country the base map does not draw
	NoPlace    int // without a location
}

// Count counts st as the dashboard does. It reads every current event, so
// it suits a demo's few hundred, not a production store.
func Count(ctx context.Context, st store.Store) (Counts, error) {
	var c Counts
	onMap, err := MapCountries()
	if err != nil {
		return c, err
	}
	n, err := st.Counts(ctx)
	if err != nil {
		return c, err
	}
	c.Documents, c.Events = n.Documents, n.Clusters
	current := false
	err = st.Events(ctx, store.Filter{Background: &current}, func(e *event.Stored) error {
		c.Current++
		switch {
		case e.Location == nil:
			c.NoPlace++
		case onMap[e.Location.Country]:
			c.OnMap++
		default:
			c.Elsewhere++
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	c.Background = c.Events - c.Current
	return c, nil
}
