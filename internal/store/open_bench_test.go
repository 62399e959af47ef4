package store

import (
	"context"
	"os"
	"testing"
	"time"

	"rasd/internal/event"
)

// BenchmarkFirstQuery opens the large store that RASD_BENCH_STORE names (a
// SQLite file or a postgres:// URL, built by `loadtest build`: see
// docs/performance.md) and answers what `rasd serve` and the dashboard ask
// first, then closes it, as a server started on that store would. It
// skips without RASD_BENCH_STORE: no store that size belongs in CI.
//
//	RASD_BENCH_STORE=/tmp/big.db go test -run '^$' -bench FirstQuery -benchtime 5x ./internal/store
func BenchmarkFirstQuery(b *testing.B) {
	dsn := os.Getenv("RASD_BENCH_STORE")
	if dsn == "" {
		b.Skip("RASD_BENCH_STORE names no store (a large one: see docs/performance.md)")
	}
	ctx := context.Background()
	background, current := true, false
	for _, c := range []struct {
		name  string
		query func(Store) error
	}{
		{"Open", func(Store) error { return nil }},
		{"Counts", func(st Store) error { _, err := st.Counts(ctx); return err }},
		{"CountBackground", func(st Store) error { _, err := st.CountEvents(ctx, Filter{Background: &background}); return err }},
		{"EventsPage", func(st Store) error {
			return st.Events(ctx, Filter{Background: &current, Limit: 50}, func(*event.Stored) error { return nil })
		}},
		{"Stats", func(st Store) error { _, err := st.Stats(ctx, Filter{Background: &current}); return err }},
		// The SQLite store's whole copy of its read index, which a large
		// store makes in the background (readload.go).
		{"SQLiteCopy", func(st Store) error {
			s, ok := st.(*sqliteStore)
			if !ok {
				b.Skip("not a SQLite store")
			}
			return newReadIndex().sync(ctx, s.db)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var first time.Duration
			for b.Loop() {
				st, err := Open(ctx, dsn)
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				if err := c.query(st); err != nil {
					b.Fatal(err)
				}
				first += time.Since(t0)
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "query-ms/op")
		})
	}
}
