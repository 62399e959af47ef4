package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// The SQLite store's read index (readindex.go) is copied from the file by
// one pass over every cluster, its actors and its documents: about a
// second for a store of 100,000 merged events. A server that made its
// first query wait for that answered nothing for the first second after
// it started (issue 11). So a store of more than syncLoadClusters merged
// events copies the index in the background at the first query, and until
// the copy is ready answers through the SQL of query.go, which PostgreSQL
// runs for everything and which the read index is held to
// (TestReadIndexAnswersAsSQL): the answers are the same, only slower to
// work out while the copy is made. A smaller store, every test's among
// them, loads the copy before answering, as before.

// syncLoadClusters is the largest store, in merged events (by the largest
// seq, an upper bound), whose read index is loaded before the first query
// answers. Loading one of that size takes a few tens of milliseconds.
var syncLoadClusters int64 = 5000

// errReload is readIndex.sync's answer when the copy can no longer follow
// the file row by row (a correction moved events between clusters) and
// must be made again.
var errReload = errors.New("read index: the clusters were corrected; copy again")

// indexLoader owns the SQLite store's read index: nil until a copy is
// loaded, made in the background for a large store.
type indexLoader struct {
	mu      sync.Mutex
	ix      *readIndex    // the copy, once loaded
	err     error         // why the last load failed
	loading chan struct{} // closed when the load under way ends; nil when none is
	decided bool          // small is known: the first query asked
	small   bool          // copies are made before answering
	stop    context.CancelFunc
	ctx     context.Context // the loads' context: the store's life
	wg      sync.WaitGroup
	loads   int           // loads started, for tests
	gate    chan struct{} // tests: a copy waits for it before it is used
}

func newIndexLoader() *indexLoader {
	ctx, stop := context.WithCancel(context.Background())
	return &indexLoader{ctx: ctx, stop: stop}
}

// close stops a load under way and waits for it, before the database
// closes under it.
func (l *indexLoader) close() {
	l.stop()
	l.wg.Wait()
}

// get returns the read index brought up to date with the file, or nil
// when it is still being copied, in which case the caller answers through
// SQL. The first call decides how copies are made: before answering on a
// small store, in the background on a large one.
func (l *indexLoader) get(ctx context.Context, db *sql.DB) (*readIndex, error) {
	l.mu.Lock()
	if !l.decided {
		small, err := smallStore(ctx, db)
		if err != nil {
			l.mu.Unlock()
			return nil, err
		}
		l.small, l.decided = small, true
	}
	ix, loading := l.ix, l.loading
	if ix == nil && loading == nil {
		loading = l.start(db)
	}
	l.mu.Unlock()
	if ix == nil {
		if !l.small {
			return nil, nil
		}
		select {
		case <-loading:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		l.mu.Lock()
		ix, err := l.ix, l.err
		l.mu.Unlock()
		if ix == nil {
			return nil, err
		}
		return ix, nil // copied after this query began: up to date
	}
	err := ix.sync(ctx, db)
	if errors.Is(err, errReload) {
		l.mu.Lock()
		if l.ix == ix {
			l.ix = nil
			if l.loading == nil {
				l.start(db)
			}
		}
		l.mu.Unlock()
		return l.get(ctx, db)
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// start begins copying the index in the background. It needs l.mu.
func (l *indexLoader) start(db *sql.DB) chan struct{} {
	done := make(chan struct{})
	l.loading = done
	l.loads++
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		fresh := newReadIndex()
		err := fresh.sync(l.ctx, db)
		if l.gate != nil {
			<-l.gate
		}
		l.mu.Lock()
		if err == nil {
			l.ix = fresh
		}
		l.err, l.loading = err, nil
		l.mu.Unlock()
		close(done)
	}()
	return done
}

// smallStore tells whether a store is small enough that its read index is
// loaded before the first answer.
func smallStore(ctx context.Context, db *sql.DB) (bool, error) {
	var largest sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(seq) FROM clusters`).Scan(&largest); err != nil {
		return false, err
	}
	return largest.Int64 <= syncLoadClusters, nil
}

// sqlCount is CountEvents in SQL (query.go), while the read index loads.
func (s *sqliteStore) sqlCount(ctx context.Context, f Filter) (int, error) {
	sqlText, args := sqliteDialect.countQuery(f)
	var n int
	err := s.db.QueryRowContext(ctx, sqlText, args...).Scan(&n)
	return n, err
}

// sqlStats is Stats in SQL, as PostgreSQL counts, while the read index
// loads. The rows are grouped here, not by SQLite: with a week in every
// key, a store of 100,000 merged events has some 60,000 groups, and
// SQLite's GROUP BY sorted them in a temporary B-tree for 1.2 to 2.5 s,
// four times as long as reading the rows.
func (s *sqliteStore) sqlStats(ctx context.Context, f Filter) ([]StatRow, error) {
	q := sqliteDialect.filter(f)
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(c.week, ''), c.event_type, coalesce(c.country, ''),
		coalesce(c.admin1, ''), coalesce(c.admin1_code, ''), coalesce(c.actor1, ''), c.fatalities
		FROM clusters c`+q.where(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cells := map[string]*StatRow{}
	var (
		week, eventType, country, admin1, admin1Code, actor sql.RawBytes
		fatalities                                          int
		key                                                 []byte
	)
	for rows.Next() {
		if err := rows.Scan(&week, &eventType, &country, &admin1, &admin1Code, &actor, &fatalities); err != nil {
			return nil, err
		}
		// The six columns joined by NULs (which no text column holds) are
		// the group's key: a lookup by string(key) copies nothing, and
		// strings are made once a group.
		key = key[:0]
		for _, col := range [][]byte{week, eventType, country, admin1, admin1Code, actor} {
			key = append(append(key, col...), 0)
		}
		c := cells[string(key)]
		if c == nil {
			c = &StatRow{Week: string(week), EventType: string(eventType), Country: string(country), Admin1: string(admin1),
				Admin1Code: string(admin1Code), Actor: string(actor)}
			cells[string(key)] = c
		}
		c.Events++
		c.Fatalities += fatalities
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]StatRow, 0, len(cells))
	for _, c := range cells {
		out = append(out, *c)
	}
	sortStats(out)
	return out, nil
}
