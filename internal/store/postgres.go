package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"rasd/internal/document"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"rasd/internal/dedup"
	"rasd/internal/event"
)

//go:embed migrations/postgres/*.sql
var postgresMigrations embed.FS

// postgresStore is the team store: many rasd processes may write to it at
// once; the unique content hash keeps documents single and an advisory lock
// per event type keeps two writers from splitting one occurrence into two
// clusters.
type postgresStore struct {
	pool *pgxpool.Pool
	w    *writer

	dbOnce sync.Once
	db     *sql.DB // database/sql over pool, for the statements common to both dialects (watch.go)
}

func (s *postgresStore) sqlDB() *sql.DB {
	s.dbOnce.Do(func() { s.db = stdlib.OpenDBFromPool(s.pool) })
	return s.db
}

// Pool is the connection pool of a PostgreSQL store, for the job queue that
// shares its database (internal/queue); false for other stores.
func Pool(st Store) (*pgxpool.Pool, bool) {
	if s, ok := st.(*postgresStore); ok {
		return s.pool, true
	}
	return nil, false
}

var postgresDialect = &dialect{
	placeholder: numbered("$"),
	date: func(s string) any {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil
		}
		return t
	},
	boolean: func(b bool) any { return b },
	textMatch: func(q *query, words []string) string {
		return "c.seq IN (SELECT e.cluster FROM events e JOIN documents d ON d.id = e.document WHERE d.words @@ " +
			q.arg(tsquery(words)) + "::tsquery)"
	},
	limit: func(q *query, limit, offset int) string {
		s := ""
		if limit > 0 {
			s = " LIMIT " + q.arg(limit)
		}
		if offset > 0 {
			s += " OFFSET " + q.arg(offset)
		}
		return s
	},
}

// tsquery is the AND of words, each quoted so that PostgreSQL takes it as a
// lexeme as it is, the way the index stored it.
func tsquery(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		w = strings.ReplaceAll(w, `\`, `\\`)
		quoted[i] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
	}
	return strings.Join(quoted, " & ")
}

func openPostgres(ctx context.Context, dsn string) (*postgresStore, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL URL %s: %v", Redact(dsn), err)
	}
	// pgxpool's default is one connection per CPU (at least four); the
	// server lets four requests a CPU query at once, and ingest writes on
	// one more. A pool_max_conns in the URL wins.
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = max(cfg.MaxConns, int32(4*runtime.GOMAXPROCS(0)+1))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL %s: %w", Redact(dsn), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot connect to PostgreSQL at %s: %w", Redact(dsn), err)
	}
	db := stdlib.OpenDBFromPool(pool)
	fsys, err := fs.Sub(postgresMigrations, "migrations/postgres")
	if err == nil {
		err = migratePostgres(ctx, db, fsys)
	}
	db.Close()
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("PostgreSQL %s: %w", Redact(dsn), err)
	}
	return &postgresStore{pool: pool, w: newWriter()}, nil
}

func (s *postgresStore) Close() error {
	if s.db != nil {
		s.db.Close()
	}
	s.pool.Close()
	return nil
}

func (s *postgresStore) Add(ctx context.Context, doc *document.Document, res event.Result) (AddResult, error) {
	p, err := Prepare(doc, res)
	if err != nil {
		return AddResult{}, err
	}
	r, err := s.AddBatch(ctx, []*Prepared{p})
	if err != nil {
		return AddResult{}, err
	}
	return r[0], nil
}

func (s *postgresStore) AddBatch(ctx context.Context, batch []*Prepared) (_ []AddResult, err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			s.w.forget()
		}
	}()
	out := make([]AddResult, len(batch))
	t := &postgresTx{tx: tx}
	if err := s.w.syncDecisions(ctx, t); err != nil {
		return nil, err
	}
	for i, p := range batch {
		if out[i], err = s.w.add(ctx, t, p); err != nil {
			return nil, fmt.Errorf("document %s: %w", p.doc.ID, err)
		}
	}
	return out, tx.Commit(ctx)
}

func (s *postgresStore) HasDocument(ctx context.Context, hash string) (bool, error) {
	var found bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE hash = $1)`, hash).Scan(&found)
	return found, err
}

func (s *postgresStore) Events(ctx context.Context, f Filter, fn func(*event.Stored) error) error {
	f, err := f.normalized()
	if err != nil {
		return err
	}
	sqlText, args := postgresDialect.listQuery(f)
	rows, err := s.pool.Query(ctx, sqlText, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return streamRecords(rows, fn)
}

func (s *postgresStore) CountEvents(ctx context.Context, f Filter) (int, error) {
	f, err := f.normalized()
	if err != nil {
		return 0, err
	}
	sqlText, args := postgresDialect.countQuery(f)
	var n int
	err = s.pool.QueryRow(ctx, sqlText, args...).Scan(&n)
	return n, err
}

func (s *postgresStore) Event(ctx context.Context, clusterID string) (*event.Stored, error) {
	var rec []byte
	err := s.pool.QueryRow(ctx, `SELECT record FROM clusters WHERE id = $1`, clusterID).Scan(&rec)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("event %q: %w", clusterID, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	var st event.Stored
	return &st, json.Unmarshal(rec, &st)
}

func (s *postgresStore) Document(ctx context.Context, docID string) (*document.Document, error) {
	var (
		d         document.Document
		published *time.Time
	)
	err := s.pool.QueryRow(ctx, `SELECT doc_id, source, url, published, title, body FROM documents
		WHERE doc_id = $1 ORDER BY id LIMIT 1`, docID).Scan(&d.ID, &d.Source, &d.URL, &published, &d.Title, &d.Text)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("document %q: %w", docID, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if published != nil {
		d.Published = published.UTC()
	}
	return &d, nil
}

func (s *postgresStore) Stats(ctx context.Context, f Filter) ([]StatRow, error) {
	f, err := f.normalized()
	if err != nil {
		return nil, err
	}
	q := postgresDialect.filter(f)
	rows, err := s.pool.Query(ctx, `SELECT coalesce(to_char(c.week, 'YYYY-MM-DD'), ''), c.event_type,
		coalesce(c.country, ''), coalesce(c.admin1, ''), coalesce(c.admin1_code, ''), coalesce(c.actor1, ''),
		count(*), coalesce(sum(c.fatalities), 0)::bigint
		FROM clusters c`+q.where()+` GROUP BY 1, 2, 3, 4, 5, 6`, q.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StatRow
	for rows.Next() {
		var r StatRow
		if err := rows.Scan(&r.Week, &r.EventType, &r.Country, &r.Admin1, &r.Admin1Code, &r.Actor, &r.Events, &r.Fatalities); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	sortStats(out)
	return out, rows.Err()
}

func (s *postgresStore) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),
		(SELECT count(*) FROM clusters)`).Scan(&c.Documents, &c.Events, &c.Clusters)
	return c, err
}

type postgresTx struct {
	tx pgx.Tx
}

func (t *postgresTx) insertDocument(ctx context.Context, p *Prepared) (int64, bool, error) {
	d := p.doc
	var row int64
	err := t.tx.QueryRow(ctx, `INSERT INTO documents (hash, doc_id, source, url, published, title, lang, body, events,
		added_at, words) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), array_to_tsvector($10::text[]))
		ON CONFLICT (hash) DO NOTHING RETURNING id`,
		p.hash, d.ID, d.Source, d.URL, postgresDialect.date(d.PublishedDate()), d.Title, p.meta.Lang, d.Text,
		len(p.events), lexemes(p.joinedWords)).Scan(&row)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return row, err == nil, err
}

// lockClusters takes one transaction-level advisory lock per event type:
// cluster assignment reads the clusters of a type and then writes, and two
// writers doing that at once could each start a cluster for one occurrence.
func (t *postgresTx) lockClusters(ctx context.Context, eventTypes []string) error {
	for _, et := range eventTypes {
		h := fnv.New64a()
		h.Write([]byte("rasd clusters " + et))
		if _, err := t.tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64())); err != nil {
			return err
		}
	}
	return nil
}

func (t *postgresTx) candidates(ctx context.Context, out []clusterRef, eventType, from, to, country string) ([]clusterRef, error) {
	rows, err := t.tx.Query(ctx, `SELECT seq, version FROM clusters
		WHERE event_type = $1 AND date_end >= $2 AND date_start <= $3
			AND ($4 = '' OR country IS NULL OR admin1 IS NULL OR country = $4)
		UNION SELECT seq, version FROM clusters
		WHERE event_type = $1 AND pub_end >= $2 AND pub_start <= $3
			AND ($4 = '' OR country IS NULL OR admin1 IS NULL OR country = $4) ORDER BY seq`,
		eventType, postgresDialect.date(from), postgresDialect.date(to), country)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var c clusterRef
		if err := rows.Scan(&c.seq, &c.version); err != nil {
			return out, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (t *postgresTx) record(ctx context.Context, seq int64) ([]byte, error) {
	var rec []byte
	err := t.tx.QueryRow(ctx, `SELECT record FROM clusters WHERE seq = $1`, seq).Scan(&rec)
	return rec, err
}

func (t *postgresTx) members(ctx context.Context, cluster int64) ([]dedup.Member, error) {
	rows, err := t.tx.Query(ctx, `SELECT d.doc_id, d.source, d.url, coalesce(to_char(d.published, 'YYYY-MM-DD'), ''),
		d.title, d.lang, e.record FROM events e JOIN documents d ON d.id = e.document WHERE e.cluster = $1 ORDER BY e.id`, cluster)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanMembers(rows)
}

// clusterArgsPG are the parameters of the cluster statements, as in SQLite.
func clusterArgsPG(first any, c columns, sources int, record []byte) []any {
	var lat, lon any
	if c.hasPlace {
		lat, lon = c.lat, c.lon
	}
	d := postgresDialect.date
	return []any{first, c.eventType, c.subEventType, d(c.eventDate), d(c.start), d(c.end), d(c.week),
		nullable(c.country), nullable(c.admin1), nullable(c.admin1HC), lat, lon, nullable(c.actor1),
		c.fatalities, sources, record, c.background, d(c.pubStart), d(c.pubEnd)}
}

func (t *postgresTx) insertCluster(ctx context.Context, id string, c columns, sources int, record []byte) (int64, error) {
	var seq int64
	err := t.tx.QueryRow(ctx, `INSERT INTO clusters (id, event_type, sub_event_type, event_date, date_start, date_end,
		week, country, admin1, admin1_code, lat, lon, actor1, fatalities, sources, record, background, pub_start, pub_end,
		version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1)
		RETURNING seq`,
		clusterArgsPG(id, c, sources, record)...).Scan(&seq)
	return seq, err
}

// updateCluster sets every column: PostgreSQL itself leaves the indexes
// alone when no indexed value changed (a heap-only update).
func (t *postgresTx) updateCluster(ctx context.Context, seq int64, _ *columns, c columns, sources int, record []byte) (int64, error) {
	var version int64
	err := t.tx.QueryRow(ctx, `UPDATE clusters SET event_type = $2, sub_event_type = $3, event_date = $4,
		date_start = $5, date_end = $6, week = $7, country = $8, admin1 = $9, admin1_code = $10, lat = $11, lon = $12,
		actor1 = $13, fatalities = $14, sources = $15, record = $16, background = $17, pub_start = $18, pub_end = $19,
		version = version + 1 WHERE seq = $1 RETURNING version`, clusterArgsPG(seq, c, sources, record)...).Scan(&version)
	return version, err
}

func (t *postgresTx) setClusterActors(ctx context.Context, seq int64, actors []string) error {
	if _, err := t.tx.Exec(ctx, `DELETE FROM cluster_actors WHERE cluster = $1`, seq); err != nil {
		return err
	}
	if len(actors) == 0 {
		return nil
	}
	_, err := t.tx.Exec(ctx, `INSERT INTO cluster_actors (actor_id, cluster) SELECT a, $2 FROM unnest($1::text[]) a`, actors, seq)
	return err
}

func (t *postgresTx) insertEvent(ctx context.Context, doc, cluster int64, e *preparedEvent) error {
	c := e.cols
	var lat, lon any
	if c.hasPlace {
		lat, lon = c.lat, c.lon
	}
	d := postgresDialect.date
	_, err := t.tx.Exec(ctx, `INSERT INTO events (document, event_id, cluster, event_type, sub_event_type, event_date,
		date_start, date_end, country, admin1, admin1_code, lat, lon, actor1, actor2, fatalities, record)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		doc, e.ev.ID, cluster, c.eventType, c.subEventType, d(c.eventDate), d(c.start), d(c.end),
		nullable(c.country), nullable(c.admin1), nullable(c.admin1HC), lat, lon, nullable(c.actor1), nullable(c.actor2),
		c.fatalities, e.record)
	return err
}

func (t *postgresTx) clusterByID(ctx context.Context, id string) (clusterRef, error) {
	var r clusterRef
	err := t.tx.QueryRow(ctx, `SELECT seq, version FROM clusters WHERE id = $1`, id).Scan(&r.seq, &r.version)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	return r, err
}

func (t *postgresTx) clusterOfEvent(ctx context.Context, eventID string) (clusterRef, bool, error) {
	var r clusterRef
	err := t.tx.QueryRow(ctx, `SELECT c.seq, c.version FROM events e JOIN clusters c ON c.seq = e.cluster
		WHERE e.event_id = $1 ORDER BY e.id LIMIT 1`, eventID).Scan(&r.seq, &r.version)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

func (t *postgresTx) moveEvents(ctx context.Context, from, to int64, eventID string) error {
	if eventID == "" {
		_, err := t.tx.Exec(ctx, `UPDATE events SET cluster = $2 WHERE cluster = $1`, from, to)
		return err
	}
	_, err := t.tx.Exec(ctx, `UPDATE events SET cluster = $2 WHERE cluster = $1 AND event_id = $3`, from, to, eventID)
	return err
}

func (t *postgresTx) deleteCluster(ctx context.Context, seq int64) error {
	if _, err := t.tx.Exec(ctx, `DELETE FROM cluster_actors WHERE cluster = $1`, seq); err != nil {
		return err
	}
	_, err := t.tx.Exec(ctx, `DELETE FROM clusters WHERE seq = $1`, seq)
	return err
}

func (t *postgresTx) insertDecision(ctx context.Context, kind, a, b, note string, at time.Time) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO merge_decisions (kind, event_a, event_b, note, made_at) VALUES ($1, $2, $3, $4, $5)`,
		kind, a, b, note, at)
	return err
}

func (t *postgresTx) decisionsAfter(ctx context.Context, id int64) ([]decisionRow, error) {
	rows, err := t.tx.Query(ctx, `SELECT id, kind, event_a, event_b, note FROM merge_decisions WHERE id > $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []decisionRow
	for rows.Next() {
		var r decisionRow
		if err := rows.Scan(&r.id, &r.kind, &r.a, &r.b, &r.note); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *postgresStore) Split(ctx context.Context, clusterID, eventID string) (id string, err error) {
	err = s.correct(ctx, func(t *postgresTx) error {
		id, err = s.w.split(ctx, t, clusterID, eventID, time.Now())
		return err
	})
	return id, err
}

func (s *postgresStore) Join(ctx context.Context, into, from string) error {
	return s.correct(ctx, func(t *postgresTx) error { return s.w.join(ctx, t, into, from, time.Now()) })
}

// correct runs one correction in a transaction that holds the cluster
// locks of every event type, as assignment takes them.
func (s *postgresStore) correct(ctx context.Context, fn func(*postgresTx) error) (err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
		s.w.forget()
	}()
	t := &postgresTx{tx: tx}
	// In the sorted order every writer takes them, so that none waits on
	// another in a circle.
	all := []string{event.Battles, event.Explosions, event.Protests, event.Riots, event.Strategic, event.VAC}
	slices.Sort(all)
	if err := t.lockClusters(ctx, all); err != nil {
		return err
	}
	if err := s.w.syncDecisions(ctx, t); err != nil {
		return err
	}
	if err := fn(t); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
