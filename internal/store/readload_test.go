package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
)

// A large store answers its first queries through SQL while its read index
// is copied in the background, and from the copy once it is there; the
// answers are the same either way, also after a correction sends the copy
// back to be made again.
func TestReadIndexLoadsInTheBackground(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rasd.db")
	open := func() *sqliteStore {
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st.(*sqliteStore)
	}
	small := open() // loads its copy before answering: the reference
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range 200 {
		f := randomFixture(rng, i)
		if _, err := small.Add(ctx, f.doc, f.res); err != nil {
			t.Fatal(err)
		}
	}
	filters := make([]Filter, 60)
	for i := range filters {
		filters[i] = randomFilter(rng)
		filters[i].Sort = Sorts[rng.IntN(len(Sorts))]
		filters[i].Limit, filters[i].Offset = 1+rng.IntN(40), rng.IntN(3)*rng.IntN(40)
	}
	answers := func(s *sqliteStore) []string {
		t.Helper()
		var out []string
		for _, f := range filters {
			n, err := s.CountEvents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			stats, err := s.Stats(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(describe(f), n, stats, s.pageIDs(t, f, s.Events)))
		}
		return out
	}
	want := answers(small)

	defer func(n int64) { syncLoadClusters = n }(syncLoadClusters)
	syncLoadClusters = 0 // every store is large now
	large := open()
	// Hold the copy back until the first answers are in, so that they
	// come from SQL whatever the machine's speed.
	large.read.gate = make(chan struct{})
	if ix, err := large.read.get(ctx, large.db); err != nil || ix != nil {
		t.Fatalf("the first query of a large store found a read index (%v, %v): it has to be copied first", ix, err)
	}
	if got := answers(large); !slices.Equal(got, want) {
		t.Errorf("answers while the copy is made differ:\n got %q\nwant %q", got, want)
	}
	close(large.read.gate)
	waitForIndex(t, large)
	if got := answers(large); !slices.Equal(got, want) {
		t.Errorf("answers from the copy differ:\n got %q\nwant %q", got, want)
	}

	// A correction by another connection: the copy is made again.
	var ids []string
	for _, f := range []Filter{{Limit: 2}} {
		ids = append(ids, small.pageIDs(t, f, small.Events)...)
	}
	if len(ids) < 2 {
		t.Fatal("too few events to join")
	}
	if err := small.Join(ctx, ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	want = answers(small)
	loads := large.read.loads
	if got := answers(large); !slices.Equal(got, want) {
		t.Errorf("answers after a correction differ:\n got %q\nwant %q", got, want)
	}
	waitForIndex(t, large)
	if large.read.loads != loads+1 {
		t.Errorf("%d loads after the correction, want %d", large.read.loads, loads+1)
	}
	if got := answers(large); !slices.Equal(got, want) {
		t.Errorf("answers from the new copy differ:\n got %q\nwant %q", got, want)
	}
}

// waitForIndex waits until the store's read index is copied.
func waitForIndex(t *testing.T, s *sqliteStore) {
	t.Helper()
	for range 1000 {
		s.read.mu.Lock()
		ix, loading, err := s.read.ix, s.read.loading, s.read.err
		s.read.mu.Unlock()
		switch {
		case ix != nil:
			return
		case loading != nil:
			<-loading
		case err != nil:
			t.Fatal(err)
		default:
			// Not started yet: a query starts it.
			if _, err := s.read.get(context.Background(), s.db); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Fatal("the read index was never copied")
}
