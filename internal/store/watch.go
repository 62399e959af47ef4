package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Source is a feed or page that rasd watch polls.
type Source struct {
	URL    string
	Outlet string        // the outlet's name for its documents that give none; "" lets the page or feed say
	Every  time.Duration // 0: watch's default interval
	Added  time.Time
}

// SourceState is what watch remembers of a source between polls and
// across restarts.
type SourceState struct {
	URL                string
	ETag, LastModified string // the validators of the last full answer
	Polled, Next       time.Time
	Failures           int    // failed polls in a row: the back-off's exponent
	Status, Error      string // of the last poll: "ok", "not modified", "failed" …
}

// SeenURL is an article URL that watch took: stored, enqueued, or given up
// on (Note says why), so that no later poll fetches it again.
type SeenURL struct {
	URL, Source, Hash, Note string
}

// Watch is the bookkeeping of rasd watch and of its alerts. Both stores
// implement it; WatchOf returns it.
type Watch interface {
	// AddSource registers a source, or updates the outlet and interval of
	// one registered already (added is then false).
	AddSource(ctx context.Context, s Source) (added bool, err error)
	// RemoveSource forgets a registered source; false when there was none.
	RemoveSource(ctx context.Context, url string) (bool, error)
	Sources(ctx context.Context) ([]Source, error)
	// State is a source's state; the zero state (with URL) when it was
	// never polled.
	State(ctx context.Context, url string) (SourceState, error)
	SaveState(ctx context.Context, st SourceState) error
	// Seen says which of urls were taken already.
	Seen(ctx context.Context, urls []string) (map[string]bool, error)
	MarkSeen(ctx context.Context, seen []SeenURL) error
	// ClaimAlert records that the alert key of a rule is being sent; false
	// when it was (or is being) sent already. Claiming before sending makes
	// two watchers never send one alert twice; ReleaseAlert undoes a claim
	// whose sending failed, so that the next round tries again.
	ClaimAlert(ctx context.Context, rule, key string) (bool, error)
	ReleaseAlert(ctx context.Context, rule, key string) error
}

// WatchOf returns the watch bookkeeping of a store opened by Open.
func WatchOf(st Store) (Watch, error) {
	switch s := st.(type) {
	case *sqliteStore:
		return &sqlWatch{db: s.db, q: func(q string) string { return q }}, nil
	case *postgresStore:
		return &sqlWatch{db: s.sqlDB(), q: func(q string) string { return strings.ReplaceAll(q, "?", "$") }}, nil
	}
	return nil, fmt.Errorf("this store (%T) keeps no watch bookkeeping", st)
}

// sqlWatch is Watch over database/sql; the statements are common SQL with
// ?N placeholders, which q turns into the dialect's.
type sqlWatch struct {
	db *sql.DB
	q  func(string) string
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}

func (w *sqlWatch) AddSource(ctx context.Context, s Source) (bool, error) {
	var known int
	err := w.db.QueryRowContext(ctx, w.q(`SELECT count(*) FROM watch_sources WHERE url = ?1`), s.URL).Scan(&known)
	if err != nil {
		return false, err
	}
	_, err = w.db.ExecContext(ctx, w.q(`INSERT INTO watch_sources (url, outlet, interval_seconds, added_at) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (url) DO UPDATE SET outlet = excluded.outlet, interval_seconds = excluded.interval_seconds`),
		s.URL, s.Outlet, int64(s.Every/time.Second), time.Now().Unix())
	return known == 0, err
}

func (w *sqlWatch) RemoveSource(ctx context.Context, url string) (bool, error) {
	res, err := w.db.ExecContext(ctx, w.q(`DELETE FROM watch_sources WHERE url = ?1`), url)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (w *sqlWatch) Sources(ctx context.Context) ([]Source, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT url, outlet, interval_seconds, added_at FROM watch_sources ORDER BY added_at, url`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var s Source
		var every, added int64
		if err := rows.Scan(&s.URL, &s.Outlet, &every, &added); err != nil {
			return nil, err
		}
		s.Every, s.Added = time.Duration(every)*time.Second, fromUnix(added)
		out = append(out, s)
	}
	return out, rows.Err()
}

func (w *sqlWatch) State(ctx context.Context, url string) (SourceState, error) {
	st := SourceState{URL: url}
	var polled, next int64
	err := w.db.QueryRowContext(ctx, w.q(`SELECT etag, last_modified, polled_at, next_poll, failures, last_status, last_error
		FROM watch_state WHERE url = ?1`), url).Scan(&st.ETag, &st.LastModified, &polled, &next, &st.Failures, &st.Status, &st.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	st.Polled, st.Next = fromUnix(polled), fromUnix(next)
	return st, err
}

func (w *sqlWatch) SaveState(ctx context.Context, st SourceState) error {
	_, err := w.db.ExecContext(ctx, w.q(`INSERT INTO watch_state (url, etag, last_modified, polled_at, next_poll, failures, last_status, last_error)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			polled_at = excluded.polled_at, next_poll = excluded.next_poll, failures = excluded.failures,
			last_status = excluded.last_status, last_error = excluded.last_error`),
		st.URL, st.ETag, st.LastModified, unix(st.Polled), unix(st.Next), st.Failures, st.Status, st.Error)
	return err
}

func (w *sqlWatch) Seen(ctx context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	// One query per URL keeps the SQL common to both dialects; a feed holds
	// tens of items, and each lookup is one primary-key probe.
	for _, u := range urls {
		var n int
		if err := w.db.QueryRowContext(ctx, w.q(`SELECT count(*) FROM watch_urls WHERE url = ?1`), u).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			out[u] = true
		}
	}
	return out, nil
}

const markSeenSQL = `INSERT INTO watch_urls (url, source, hash, note, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
	ON CONFLICT (url) DO UPDATE SET hash = CASE WHEN excluded.hash = '' THEN watch_urls.hash ELSE excluded.hash END`

func (w *sqlWatch) MarkSeen(ctx context.Context, seen []SeenURL) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := time.Now().Unix()
	for _, s := range seen {
		if _, err := tx.ExecContext(ctx, w.q(markSeenSQL), s.URL, s.Source, s.Hash, s.Note, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// MarkSeenTx is MarkSeen inside a PostgreSQL transaction of the caller's,
// which enqueues the jobs for the same articles: both commit or neither.
func MarkSeenTx(ctx context.Context, tx pgx.Tx, seen []SeenURL) error {
	now := time.Now().Unix()
	for _, s := range seen {
		if _, err := tx.Exec(ctx, strings.ReplaceAll(markSeenSQL, "?", "$"), s.URL, s.Source, s.Hash, s.Note, now); err != nil {
			return err
		}
	}
	return nil
}

func (w *sqlWatch) ClaimAlert(ctx context.Context, rule, key string) (bool, error) {
	res, err := w.db.ExecContext(ctx, w.q(`INSERT INTO alerts_sent (rule, alert, sent_at) VALUES (?1, ?2, ?3) ON CONFLICT (rule, alert) DO NOTHING`),
		rule, key, time.Now().Unix())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (w *sqlWatch) ReleaseAlert(ctx context.Context, rule, key string) error {
	_, err := w.db.ExecContext(ctx, w.q(`DELETE FROM alerts_sent WHERE rule = ?1 AND alert = ?2`), rule, key)
	return err
}
