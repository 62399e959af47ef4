// Package alerting computes the ACLED early-warning alerts of a store
// (internal/trend over the stored events) and sends each alert that a
// team's rules select, once, to its destinations: a webhook (a JSON POST
// whose body Slack and its look-alikes post as a message) or a local
// command.
package alerting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"rasd/internal/event"
	"rasd/internal/store"
	"rasd/internal/trend"
)

// Report streams the events that pass f into a trend report as of at, or
// as of the store's latest event date (not after today) when at is zero.
// The events pass one at a time: memory grows with weeks × keys, not with
// the number of events. With a place filter, a first pass over the whole
// store reads only when documents were published. An unknown province or
// country is an error wrapping store.ErrBadFilter.
func Report(ctx context.Context, st store.Store, at time.Time, f store.Filter) (trend.Report, error) {
	if at.IsZero() {
		latest, err := LatestEventDate(ctx, st)
		if err != nil {
			return trend.Report{}, err
		}
		at = latest
	}
	b := trend.NewBuilder(at, trend.DefaultOptions())
	if f.Country != "" || f.Admin1 != "" || f.Actor != "" || len(f.Types) > 0 {
		// A quiet week in one governorate is observed if the store has news
		// from anywhere that week.
		err := st.Events(ctx, store.Filter{}, func(s *event.Stored) error {
			b.NoteReports(s)
			return nil
		})
		if err != nil {
			return trend.Report{}, fmt.Errorf("reading events: %w", err)
		}
	}
	err := st.Events(ctx, f, func(s *event.Stored) error {
		b.AddStored(s)
		return nil
	})
	if errors.Is(err, store.ErrBadFilter) {
		return trend.Report{}, err
	}
	if err != nil {
		return trend.Report{}, fmt.Errorf("reading events: %w", err)
	}
	return b.Report(), nil
}

// LatestEventDate is the newest event_date in the whole store among the
// events a week can hold (trend.FromStored: not vague, not dated after its
// reports) and not in the future, or today when there is none: a misread
// year must not push every alert out of reach.
func LatestEventDate(ctx context.Context, st store.Store) (time.Time, error) {
	y, m, d := time.Now().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	latest := today
	errFound := errors.New("found")
	err := st.Events(ctx, store.Filter{Until: today, Sort: "date"}, func(s *event.Stored) error {
		if e, err := trend.FromStored(s); err == nil {
			latest = e.Date
			return errFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return time.Time{}, fmt.Errorf("finding the latest event: %w", err)
	}
	return latest, nil
}
