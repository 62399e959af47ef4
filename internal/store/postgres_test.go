package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"rasd/internal/event"
	"rasd/internal/store/pgtest"
)

func TestPostgres(t *testing.T) {
	runSuite(t, func(t *testing.T) Store {
		s, err := Open(context.Background(), pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestPostgresMigratesOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	want, _ := s.Counts(ctx)
	s.Close()
	s, err = Open(ctx, url)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	if got, _ := s.Counts(ctx); got != want {
		t.Errorf("after reopening: %+v, want %+v", got, want)
	}
}

// Two processes storing two reports of the same raids at the same moment
// must not each start a cluster for one raid: the advisory lock makes the
// second wait for the first and then join its cluster.
func TestPostgresConcurrentWritersDoNotSplitClusters(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	const raids = 40
	report := func(outlet string, i int) *Prepared {
		day := date("2019-01-01").AddDate(0, 0, 3*i).Format("2006-01-02")
		e := raid(2 + i%5)
		e.Date = on(day)
		e.Location = place(fmt.Sprintf("town-%d", i), fmt.Sprintf("Town %d", i), "Idleb", "SY.ID", "SYR", 35+float64(i)/100, 36.5)
		f := newFixture(fmt.Sprintf("%s-%02d", outlet, i), outlet, day, fmt.Sprintf("تقرير %s عن الغارة رقم %d على البلدة.", outlet, i), e)
		p, err := Prepare(f.doc, f.res)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Open the schema first, so that the writers race on the data only.
	first, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	var (
		wg    sync.WaitGroup
		start [raids]sync.WaitGroup // both writers begin raid i together
	)
	for i := range start {
		start[i].Add(2)
	}
	errs := make(chan error, 2)
	for _, outlet := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := range raids {
				p := report(outlet, i)
				start[i].Done()
				start[i].Wait()
				if _, err := s.AddBatch(ctx, []*Prepared{p}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, _ := s.Counts(ctx)
	if n != (Counts{Documents: 2 * raids, Events: 2 * raids, Clusters: raids}) {
		t.Errorf("Counts = %+v, want %d documents and events in %d clusters", n, 2*raids, raids)
	}
	s.Events(ctx, Filter{}, func(st *event.Stored) error {
		if len(st.Sources) != 2 {
			t.Errorf("cluster %s has %d sources", st.ClusterID, len(st.Sources))
		}
		return nil
	})
}
