package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"rasd/internal/ingest"
	"rasd/internal/store"
)

// filterFlags are the flags that select stored events, shared by export
// and stats.
type filterFlags struct {
	db           string
	since, until string
	types        []string
	actor        string
	admin1       string
	country      string
	bbox         string
	text         string
	background   string
}

func (f *filterFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&f.db, "db", "rasd.db", "the store: a SQLite file, or a postgres:// URL")
	c.Flags().StringVar(&f.since, "since", "", "events on or after this day, YYYY-MM-DD")
	c.Flags().StringVar(&f.until, "until", "", "events on or before this day, YYYY-MM-DD")
	c.Flags().StringSliceVar(&f.types, "type", nil, `ACLED event or sub-event types, e.g. "Battles" or "Air/drone strike" (repeat or separate with commas)`)
	c.Flags().StringVar(&f.actor, "actor", "", "an actor id (ISIS, STATE:SYR …) in either role or among the associates")
	c.Flags().StringVar(&f.admin1, "admin1", "", "a governorate or province of any of the 23 countries of the gazetteer: its HASC code (SY.ID, YE.HU) or its English or Arabic name (Idleb, Al Hudaydah, الحديدة)")
	c.Flags().StringVar(&f.country, "country", "", "a country: its ISO 3166 code (SYR, YEM, LY) or its English or Arabic name (Libya, ليبيا)")
	c.Flags().StringVar(&f.bbox, "bbox", "", "minlon,minlat,maxlon,maxlat")
	c.Flags().StringVar(&f.text, "text", "", "words that a reporting article must contain (full-text search)")
	c.Flags().StringVar(&f.background, "background", "all", "events that articles recall as past context: false leaves them out, true keeps only them, all keeps both")
}

// filter builds the store filter the flags ask for; anything wrong with
// them is a usage error.
func (f *filterFlags) filter() (store.Filter, error) {
	var out store.Filter
	var err error
	if f.since != "" {
		if out.Since, err = ingest.ParseDate(f.since); err != nil {
			return out, usageError{fmt.Errorf("--since: %w", err)}
		}
	}
	if f.until != "" {
		if out.Until, err = ingest.ParseDate(f.until); err != nil {
			return out, usageError{fmt.Errorf("--until: %w", err)}
		}
	}
	if f.bbox != "" {
		if out.BBox, err = store.ParseBBox(f.bbox); err != nil {
			return out, usageError{err}
		}
	}
	if out.Background, err = store.ParseBackground(f.background); err != nil {
		return out, usageError{fmt.Errorf("--background: %w", err)}
	}
	out.Types, out.Actor, out.Admin1, out.Country, out.Text = f.types, f.actor, f.admin1, f.country, f.text
	if err := out.Validate(); err != nil {
		return out, usageError{err}
	}
	return out, nil
}

// openExisting opens a store to read from. A SQLite file that does not
// exist is an error here, not a new empty store: reading from a mistyped
// --db should say so rather than report that nothing happened.
func openExisting(ctx context.Context, db string) (store.Store, error) {
	if !strings.Contains(db, "://") && db != "" {
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: give the --db that rasd ingest wrote to", db)
		}
	}
	return store.Open(ctx, db)
}

// queryError turns a store's complaint about a filter into a usage error.
func queryError(err error) error {
	if errors.Is(err, store.ErrBadFilter) {
		return usageError{err}
	}
	return err
}
