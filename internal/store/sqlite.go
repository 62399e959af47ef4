package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"rasd/internal/document"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"

	"rasd/internal/dedup"
	"rasd/internal/event"
)

//go:embed migrations/sqlite/*.sql
var sqliteMigrations embed.FS

// sqliteStore is the embedded store: one file, WAL journal so that readers
// never wait for the writer, and BEGIN IMMEDIATE so that concurrent writers
// queue (busy timeout) instead of failing halfway through a transaction.
// Every write goes through one connection, wconn, one transaction at a time:
// SQLite has one writer anyway, and spans can tell its own commits from
// other connections' only on one connection.
type sqliteStore struct {
	db    *sql.DB
	path  string
	stmts map[string]*sql.Stmt
	w     *writer

	wmu   sync.Mutex
	wconn *sql.Conn
	spans clusterSpans
	wrote atomic.Bool // something was committed: Close refreshes the planner's statistics
	// replayed counts the pipelined batches (pipeTx) that failed and were
	// written again the plain way; guarded by wmu.
	replayed int
	// last is the last batch StartBatch pipelined, until drain has seen
	// it end; guarded by wmu. While it commits, the next batch is judged
	// (startChained); once it has failed, StartBatch pipelines nothing more
	// until AddBatch (or a correction, or Close) has drained it.
	last *pipeTx
	read *indexLoader
	// wal syncs the WAL after each commit of an unmapped (ingest) store;
	// nil otherwise.
	wal *walSyncer
}

var sqliteDialect = &dialect{
	placeholder: numbered("?"),
	date: func(s string) any {
		if s == "" {
			return nil
		}
		return s
	},
	boolean: func(b bool) any {
		if b {
			return 1
		}
		return 0
	},
	textMatch: func(q *query, words []string) string {
		return "c.seq IN (SELECT e.cluster FROM events e WHERE e.document IN " +
			"(SELECT rowid FROM document_words WHERE document_words MATCH " + q.arg(ftsQuery(words)) + "))"
	},
	limit: func(q *query, limit, offset int) string {
		if limit == 0 && offset == 0 {
			return ""
		}
		if limit == 0 {
			limit = -1 // SQLite: no limit
		}
		return " LIMIT " + q.arg(limit) + " OFFSET " + q.arg(offset)
	},
}

// ftsQuery is the FTS5 query of documents holding every one of words, each
// quoted so that FTS5 takes it as it is.
func ftsQuery(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " ")
}

const (
	sqliteUpdateCluster = `UPDATE clusters SET event_type = ?2, sub_event_type = ?3, event_date = ?4, date_start = ?5,
		date_end = ?6, week = ?7, country = ?8, admin1 = ?9, admin1_code = ?10, lat = ?11, lon = ?12, actor1 = ?13,
		fatalities = ?14, sources = ?15, record = CAST(?16 AS TEXT), background = ?17, pub_start = ?18, pub_end = ?19,
		version = version + 1,
		changed = (SELECT max(changed) + 1 FROM clusters) WHERE seq = ?1 RETURNING version`
	// updateCluster for a rewrite that leaves the filter columns as they
	// were (sameFilterColumns): the same parameters, of which it sets only
	// those that no index but clusters_type_dates and clusters_changed
	// holds, which the version and changed rewrite anyway.
	sqliteUpdateClusterRecord = `UPDATE clusters SET date_start = ?5, date_end = ?6, week = ?7, actor1 = ?13,
		sources = ?15, record = CAST(?16 AS TEXT), pub_start = ?18, pub_end = ?19, version = version + 1,
		changed = (SELECT max(changed) + 1 FROM clusters) WHERE seq = ?1 RETURNING version`
)

// The statements Add and HasDocument run for every document, prepared once.
// The records of clusters and events (JSON) are bound as they were encoded,
// as bytes, and stored as text by CAST: converting each to a Go string
// first copied it, some 175 MB over the bench corpus (8% of what ingest
// allocated), for the driver to copy again.
var sqliteStatements = map[string]string{
	"hasDocument": `SELECT 1 FROM documents WHERE hash = ?1`,
	"insertDocument": `INSERT INTO documents (hash, doc_id, source, url, published, title, lang, body, events, added_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (hash) DO NOTHING`,
	"insertWords": `INSERT INTO document_words (rowid, words) VALUES (?1, ?2)`,
	"record":      `SELECT record FROM clusters WHERE seq = ?1`,
	"members": `SELECT d.doc_id, d.source, d.url, coalesce(d.published, ''), d.title, d.lang, e.record
		FROM events e JOIN documents d ON d.id = e.document WHERE e.cluster = ?1 ORDER BY e.id`,
	"insertCluster": `INSERT INTO clusters (id, event_type, sub_event_type, event_date, date_start, date_end, week,
		country, admin1, admin1_code, lat, lon, actor1, fatalities, sources, record, background, pub_start, pub_end,
		version, changed)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, CAST(?16 AS TEXT), ?17, ?18, ?19, 1,
			(SELECT coalesce(max(changed), 0) + 1 FROM clusters))`,
	"updateCluster":       sqliteUpdateCluster,
	"updateClusterRecord": sqliteUpdateClusterRecord,
	// updateCluster and updateClusterRecord of a pipelined batch (pipeTx),
	// which knows the version it rewrites: they rewrite it only if it is
	// still that version (?20), and return nothing. RETURNING costs SQLite a
	// table of the rows returned and database/sql a Rows, and a Rows in a
	// transaction a goroutine of its own (to close it should the
	// transaction be cancelled): one for each of ~7,300 rewrites of the
	// bench corpus.
	"updateClusterIf":       updateIf(sqliteUpdateCluster),
	"updateClusterRecordIf": updateIf(sqliteUpdateClusterRecord),
	"deleteActors":          `DELETE FROM cluster_actors WHERE cluster = ?1`,
	"insertActor":           `INSERT INTO cluster_actors (actor_id, cluster) VALUES (?1, ?2)`,
	"insertEvent": `INSERT INTO events (document, event_id, cluster, event_type, sub_event_type, event_date, date_start,
		date_end, country, admin1, admin1_code, lat, lon, actor1, actor2, fatalities, record)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, CAST(?17 AS TEXT))`,
}

// updateIf is an update of a cluster made conditional on the version it
// rewrites (?20), without RETURNING.
func updateIf(update string) string {
	q, ok := strings.CutSuffix(update, ` WHERE seq = ?1 RETURNING version`)
	if !ok {
		panic("store: a cluster's update does not end as updateIf expects")
	}
	return q + ` WHERE seq = ?1 AND version = ?20`
}

func openSQLite(ctx context.Context, path string, o options) (*sqliteStore, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("SQLite file name %q: '?' and '#' are not allowed in it", path)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a SQLite database file", path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("cannot create SQLite database %s: directory %s does not exist", path, filepath.Dir(path))
	}
	// synchronous=NORMAL in WAL mode: a commit survives the process dying
	// at any moment (it is in the WAL when COMMIT returns); only a power
	// loss can take back the last commits, never leave one half-written.
	// mmap_size lets readers, ingest's HasDocument among them, read pages
	// from the mapped file instead of one pread each, as after every commit
	// their page caches are stale; writes still go through the WAL. It is
	// SQLite's largest (2 GB); past it, pages are read into a page cache of
	// 32 MB a connection rather than the default 2 MB. (Each connection
	// maps the file anew, so the process's RSS counts a page of the store
	// once for every connection that read it, though it is in memory once.)
	// A store opened Unmapped (ingest) reads through the page caches alone,
	// and its page caches are 2 MB (SQLite's default) instead of 32 (the
	// readers' since 256 KB, below): the
	// driver's allocator holds a page of the cache in about twice its size,
	// so the writer's full 32 MB cache was ~60 MB of ingest's resident
	// memory (of ~80 MB outside the Go heap on the bench corpus, peak RSS
	// 350 MB against 291 MB at 2 MB), while the pages it re-reads come from
	// the kernel's page cache for a pread each: the same user CPU-s in
	// alternating runs, a little more system time (docs/performance.md).
	// Its writer's own cache is 8 MB (init says why). Its readers' caches
	// are smaller still, 256 KB: any commit of the writer makes a reader's
	// cache stale, and ingest commits a batch every tenth of a second or
	// so, so what they keep is the few upper pages of the indexes that one
	// batch's lookups read. Ingest of the bench corpus (three or four
	// reading connections) peaked at 285–289 MB against 302–309 MB at
	// 2 MB, the CPU within the noise (two alternating rounds). WAL is set
	// once by init (enableWAL), not here for every connection.
	mmap, cache := "2147418112", "-32768"
	if o.unmapped {
		mmap, cache = "0", "-256"
	}
	db, err := sql.Open("sqlite", path+"?_busy_timeout="+strconv.Itoa(int(sqliteBusyTimeout/time.Millisecond))+
		"&_synchronous=NORMAL&_foreign_keys=1&_txlock=immediate&_pragma=mmap_size("+mmap+")&_pragma=cache_size("+cache+")")
	if err != nil {
		return nil, fmt.Errorf("SQLite database %s: %w", path, err)
	}
	// database/sql keeps two idle connections unless told otherwise and
	// closes the rest after each query, so under concurrent reads most
	// queries opened a connection: its pragmas, its statements, and a page
	// cache that starts empty. WAL lets any number read at once; keep as
	// many as the server lets query at once (four per CPU), and the writer.
	db.SetMaxIdleConns(4*runtime.GOMAXPROCS(0) + 1)
	s := &sqliteStore{db: db, path: path, stmts: map[string]*sql.Stmt{}, w: newWriter(), read: newIndexLoader()}
	if err := s.init(ctx, o); err != nil {
		db.Close()
		msg := err.Error()
		if strings.Contains(msg, "not a database") || strings.Contains(msg, "malformed") {
			return nil, fmt.Errorf("%s is not a SQLite database, or it is damaged (%v)", path, err)
		}
		return nil, fmt.Errorf("SQLite database %s: %w", path, err)
	}
	return s, nil
}

func (s *sqliteStore) init(ctx context.Context, o options) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	if err := s.enableWAL(ctx); err != nil {
		return err
	}
	fsys, err := fs.Sub(sqliteMigrations, "migrations/sqlite")
	if err != nil {
		return err
	}
	if err := migrateSQLite(ctx, s.db, fsys); err != nil {
		return err
	}
	for name, q := range sqliteStatements {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
		s.stmts[name] = st
	}
	if s.wconn, err = s.db.Conn(ctx); err != nil {
		return err
	}
	// The writer copies the WAL back into the file once it holds 10,000
	// pages (40 MB) rather than SQLite's 1,000 (a few ingest batches): the
	// pages that every batch changes (the upper levels of the indexes) are
	// then copied once for many batches. A checkpoint moves committed pages
	// only; it is no part of durability.
	if _, err = s.wconn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 10000`); err != nil {
		return err
	}
	// The writer's statement journals are kept in memory. Most of its
	// statements need one (RETURNING, ON CONFLICT, a subquery on the table
	// written, foreign keys): the pages a statement changes are copied
	// there first, so that the statement alone can be undone if it fails.
	// Past 64 KB SQLite spills the journal to a temporary file, which a
	// cluster's rewrite (its row, overflow pages of its record, ten index
	// entries) passed: two pwrite calls for every page (its number, its
	// content), a tenth of ingest's writer's CPU (docs/performance.md). The
	// journal dies with its statement and was never part of durability:
	// the transaction's commit is still the WAL's.
	if _, err = s.wconn.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return err
	}
	// An unmapped store's writer keeps 8 MB of pages rather than its
	// readers' 2: a 256-document batch dirties more than 2 MB (the texts,
	// their events, the full-text segment written at the commit, the index
	// pages on the way), so SQLite spilled dirty pages to the WAL in the
	// middle of the transaction (writing some twice) and read back, a
	// pread each, the index pages it had just let go. Writing the bench
	// corpus alone (BenchmarkSQLiteIngestCorpus's loop, four alternating
	// rounds): 12.2–14.2 CPU-s at 2 MB, 11.3–12.9 at 8 MB, 11.7–13.4 at
	// 4 MB; 16 and 32 MB did no better than 8. It costs ~12 MB of ingest's
	// resident memory (a cached page takes about twice its size).
	if o.unmapped {
		_, err = s.wconn.ExecContext(ctx, `PRAGMA cache_size = -8192`)
	}
	if err == nil && o.unmapped {
		err = s.bulkWAL(ctx)
	}
	return err
}

// bulkWAL sets up the WAL of an unmapped store (ingest) for a writer that
// commits back to back. A checkpoint runs inside the commit that crosses
// wal_autocheckpoint, on the goroutine every batch of ingest passes through
// (pipeTx), and with synchronous=NORMAL it syncs the WAL, then the file:
// on the bench corpus 15 checkpoints at 10,000 pages waited ~2 s for the
// disk (strace -T: ~65 ms for the WAL and ~75 ms for the file each), a
// stall the one batch of room before the writer could not absorb, so both
// cores went idle. Here the WAL is synced after every commit by a
// goroutine of its own (walSyncer), which leaves the checkpoint's own sync
// little to write, and checkpoints come every 30,000 pages (120 MB of WAL
// on disk at most): 5 instead of 15, their syncs 0.4 s in all. With the
// WAL synced after each commit, a larger WAL no longer lengthens what a
// power loss can take back (the commits since the last sync, one or two,
// where it was everything since the last checkpoint); the rows are the
// same, as a checkpoint only copies committed pages. The WAL's size on disk is SQLite's concern: it restarts it after
// each checkpoint and deletes it when the store is closed.
func (s *sqliteStore) bulkWAL(ctx context.Context) error {
	if _, err := s.wconn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 30000`); err != nil {
		return err
	}
	s.wal = newWALSyncer(s.path)
	return nil
}

// sqliteBusyTimeout is how long a statement waits for another connection's
// lock (another process writing to the same file) before it fails.
const sqliteBusyTimeout = 10 * time.Second

// enableWAL puts the file in WAL mode, which the file keeps: every later
// connection, in this process or another, finds it there. Switching takes
// a lock for which SQLite calls no busy handler, so when every connection
// set it (in the DSN), one of two processes opening a new file at once
// could fail at once with "database is locked"; here a busy answer is
// tried again for as long as the busy timeout.
func (s *sqliteStore) enableWAL(ctx context.Context) error {
	deadline := time.Now().Add(sqliteBusyTimeout)
	for {
		_, err := s.db.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// isBusy reports whether err is SQLite's "database is locked": another
// connection held a lock for longer than the busy timeout (or would have
// deadlocked waiting for it).
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

func (s *sqliteStore) Close() error {
	s.read.close()
	if s.wconn != nil {
		s.wmu.Lock()
		s.drain()
		if s.wal != nil {
			s.wal.close()
		}
		if s.wrote.Load() {
			s.optimize()
		}
		s.wconn.Close()
		s.wmu.Unlock()
	}
	for _, st := range s.stmts {
		st.Close()
	}
	return s.db.Close()
}

// optimize refreshes the statistics the query planner chooses indexes by,
// for the tables whose size changed much since they were last gathered
// (PRAGMA optimize), each from a sample of its index pages, so that it
// costs milliseconds on a large store. It takes the write lock; a store
// that another process is writing to is left as it is.
func (s *sqliteStore) optimize() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := s.wconn.ExecContext(ctx, `PRAGMA analysis_limit = 1000`); err == nil {
		s.wconn.ExecContext(ctx, `PRAGMA optimize`)
	}
}

func (s *sqliteStore) Add(ctx context.Context, doc *document.Document, res event.Result) (AddResult, error) {
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

func (s *sqliteStore) AddBatch(ctx context.Context, batch []*Prepared) ([]AddResult, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.drain()
	if slices.ContainsFunc(batch, func(p *Prepared) bool { return p.unseen }) {
		// Pipelined (pipeTx); a batch that fails so is written again the
		// plain way, which gives its errors as they always were.
		p := s.start(ctx, batch)
		out, err := p.result()
		s.drain()
		if err == nil || errors.Is(err, ErrBusy) || ctx.Err() != nil {
			return out, err
		}
		s.replayed++
	}
	return s.addBatch(ctx, batch)
}

// StartBatch is AddBatch returning once the batch is judged, before its
// writes and its commit are done: the writer judges the next batch while
// this one commits. Its Wait gives what AddBatch would have. The batches
// started are committed in the order they were started, each in its own
// transaction, and a batch is committed only if the one before it was;
// once one has failed, the later ones fail too, without being written,
// until AddBatch is called. A batch without a document marked unseen
// (Prepared.MarkUnseen) is written with AddBatch at once.
func (s *sqliteStore) StartBatch(ctx context.Context, batch []*Prepared) Pending {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if !slices.ContainsFunc(batch, func(p *Prepared) bool { return p.unseen }) {
		s.drain()
		out, err := s.addBatch(ctx, batch)
		return donePending{out, err}
	}
	return s.start(ctx, batch)
}

// donePending is a batch written before StartBatch returned.
type donePending struct {
	out []AddResult
	err error
}

func (d donePending) Wait() ([]AddResult, error) { return d.out, d.err }

func (p *pipeTx) Wait() ([]AddResult, error) { return p.result() }

// start judges a batch and queues its writes and its commit (pipeTx):
// chained to the last batch started when that one still commits, or in a
// transaction begun here otherwise.
func (s *sqliteStore) start(ctx context.Context, batch []*Prepared) *pipeTx {
	prev := s.last
	if prev != nil {
		select {
		case <-prev.done:
			if prev.err != nil {
				// Its writes may be in the writer's caches; drain forgets them.
				p := &pipeTx{done: make(chan struct{}), err: fmt.Errorf("%w: %v", errChainBroken, prev.err)}
				close(p.done)
				return p
			}
			prev = nil
		default:
			// At most two batches at a time: prev, and this one judged
			// while prev commits. The one before prev is then no longer
			// anybody's uncommitted past.
			if prev.prev != nil {
				<-prev.prev.done
				prev.prev = nil
			}
		}
	}
	var p *pipeTx
	if prev != nil && s.spans.loaded {
		p = startChained(ctx, s, prev)
	} else {
		s.drain()
		var err error
		if p, err = s.begin(ctx); err != nil {
			// Failed as the last one started, so that no later batch is
			// written before this one is written again.
			p = &pipeTx{done: make(chan struct{}), err: err}
			close(p.done)
			s.last = p
			return p
		}
	}
	s.last = p
	p.out = make([]AddResult, len(batch))
	for i, d := range batch {
		var err error
		if p.out[i], err = s.w.add(ctx, p, d); err != nil {
			p.abort(fmt.Errorf("document %s: %w", d.doc.ID, err))
			return p
		}
	}
	p.finish()
	return p
}

// begin opens a write transaction, brings the writer's copies up to date
// in it, and starts its pipeTx.
func (s *sqliteStore) begin(ctx context.Context) (*pipeTx, error) {
	t, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	p, err := startPipe(ctx, t)
	if err != nil {
		t.tx.Rollback()
		return nil, err
	}
	return p, nil
}

// beginWrite opens a write transaction on the writer's connection and
// brings the writer's copies (the clusters' spans, the merge decisions) up
// to date in it. When it fails, no transaction is left open, and the
// copies, which it may have read in part, are forgotten.
func (s *sqliteStore) beginWrite(ctx context.Context) (*sqliteTx, error) {
	tx, err := beginImmediate(ctx, s.wconn)
	if err != nil {
		return nil, err
	}
	t := &sqliteTx{s: s, tx: tx}
	if err = s.spans.sync(ctx, tx); err == nil {
		err = s.w.syncDecisions(ctx, t)
	}
	if err != nil {
		tx.Rollback()
		s.w.forget()
		s.spans.drop()
		return nil, err
	}
	return t, nil
}

// beginImmediate begins a transaction on conn (BEGIN IMMEDIATE: the
// driver's _txlock), its error wrapping ErrBusy when another process held
// the write lock past the busy timeout.
func beginImmediate(ctx context.Context, conn *sql.Conn) (*sql.Tx, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil && isBusy(err) {
		return nil, fmt.Errorf("%w (%v)", ErrBusy, err)
	}
	return tx, err
}

// drain waits for the batches started to end; when one failed, the
// writer's caches may hold what it and the batches after it wrote, never
// committed, and are forgotten. The writer's connection is then free.
func (s *sqliteStore) drain() {
	if s.last == nil {
		return
	}
	<-s.last.done
	if s.last.err != nil {
		s.w.forget()
		s.spans.drop()
	}
	s.last = nil
}

// addBatch writes a batch in one transaction, the plain way (sqliteTx).
func (s *sqliteStore) addBatch(ctx context.Context, batch []*Prepared) (_ []AddResult, err error) {
	t, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	tx := t.tx
	defer func() {
		if err != nil {
			tx.Rollback()
			s.w.forget()
			s.spans.drop()
		}
	}()
	out := make([]AddResult, len(batch))
	for i, p := range batch {
		if out[i], err = s.w.add(ctx, t, p); err != nil {
			return nil, fmt.Errorf("document %s: %w", p.doc.ID, err)
		}
	}
	if err := t.indexWords(ctx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	s.committed()
	return out, nil
}

func (s *sqliteStore) HasDocument(ctx context.Context, hash string) (bool, error) {
	var one int
	err := s.stmts["hasDocument"].QueryRowContext(ctx, hash).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (s *sqliteStore) Events(ctx context.Context, f Filter, fn func(*event.Stored) error) error {
	f, err := f.normalized()
	if err != nil {
		return err
	}
	if f.Limit > 0 || f.Offset > 0 {
		return s.page(ctx, f, fn)
	}
	return s.sqlEvents(ctx, f, fn)
}

// sqlEvents is Events in SQL: every event of a filter is streamed from the
// file, and a page is read so while the read index is being copied.
func (s *sqliteStore) sqlEvents(ctx context.Context, f Filter, fn func(*event.Stored) error) error {
	sqlText, args := sqliteDialect.listQuery(f)
	rows, err := s.db.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return streamRecords(rows, fn)
}

func (s *sqliteStore) CountEvents(ctx context.Context, f Filter) (int, error) {
	f, err := f.normalized()
	if err != nil {
		return 0, err
	}
	ix, m, err := s.matcher(ctx, f)
	if err != nil || ix == nil {
		if err == nil {
			return s.sqlCount(ctx, f)
		}
		return 0, err
	}
	defer ix.mu.RUnlock()
	return ix.count(m), nil
}

// matcher returns the read index, up to date and read-locked (the caller
// unlocks it), and f's matcher over it; or no index while it is being
// copied (readload.go), when the caller answers through SQL.
func (s *sqliteStore) matcher(ctx context.Context, f Filter) (*readIndex, *matcher, error) {
	ix, err := s.read.get(ctx, s.db)
	if err != nil || ix == nil {
		return nil, nil, err
	}
	if f.Text != "" {
		if err := ix.loadDocuments(ctx, s.db); err != nil {
			return nil, nil, err
		}
	}
	ix.mu.RLock()
	var text *textHits
	if f.Text != "" {
		query := ftsQuery(queryWords(f.Text))
		var err error
		text, err = ix.textHits(query, func() ([]int64, error) { return s.documentsWith(ctx, query) })
		if err != nil {
			ix.mu.RUnlock()
			return nil, nil, err
		}
	}
	return ix, ix.matcher(f, text), nil
}

// documentsWith lists the documents that the FTS5 query finds. They come
// as one list from SQLite: row by row, reading them took several times as
// long as finding them.
func (s *sqliteStore) documentsWith(ctx context.Context, query string) ([]int64, error) {
	var list string
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(group_concat(rowid), '') FROM document_words
		WHERE document_words MATCH ?1`, query).Scan(&list)
	if err != nil || list == "" {
		return nil, err
	}
	ids := strings.Split(list, ",")
	out := make([]int64, len(ids))
	for i, id := range ids {
		if out[i], err = strconv.ParseInt(id, 10, 64); err != nil {
			return nil, fmt.Errorf("full-text index: %w", err)
		}
	}
	return out, nil
}

// page is Events with a limit or an offset: the page's clusters are chosen
// in the read index, and only their records are read.
func (s *sqliteStore) page(ctx context.Context, f Filter, fn func(*event.Stored) error) error {
	ix, m, err := s.matcher(ctx, f)
	if err != nil {
		return err
	}
	if ix == nil {
		return s.sqlEvents(ctx, f, fn)
	}
	seqs := ix.page(m, f.Sort, f.Limit, f.Offset)
	ix.mu.RUnlock()
	const chunk = 500
	for len(seqs) > 0 {
		part := seqs[:min(chunk, len(seqs))]
		seqs = seqs[len(part):]
		records, err := s.records(ctx, part)
		if err != nil {
			return err
		}
		for _, seq := range part {
			rec, ok := records[seq]
			if !ok {
				continue // cannot happen: clusters are never deleted
			}
			if err := emitRecord(rec, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// records reads the records of the clusters seqs.
func (s *sqliteStore) records(ctx context.Context, seqs []int64) (map[int64][]byte, error) {
	ph := make([]string, len(seqs))
	args := make([]any, len(seqs))
	for i, seq := range seqs {
		ph[i], args[i] = "?", seq
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, record FROM clusters WHERE seq IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64][]byte, len(seqs))
	for rows.Next() {
		var (
			seq int64
			rec []byte
		)
		if err := rows.Scan(&seq, &rec); err != nil {
			return nil, err
		}
		out[seq] = rec
	}
	return out, rows.Err()
}

func (s *sqliteStore) Event(ctx context.Context, clusterID string) (*event.Stored, error) {
	var rec []byte
	err := s.db.QueryRowContext(ctx, `SELECT record FROM clusters WHERE id = ?1`, clusterID).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("event %q: %w", clusterID, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	var st event.Stored
	return &st, json.Unmarshal(rec, &st)
}

func (s *sqliteStore) Document(ctx context.Context, docID string) (*document.Document, error) {
	var (
		d         document.Document
		published sql.NullString
	)
	err := s.db.QueryRowContext(ctx, `SELECT doc_id, source, url, published, title, body FROM documents
		WHERE doc_id = ?1 ORDER BY id LIMIT 1`, docID).Scan(&d.ID, &d.Source, &d.URL, &published, &d.Title, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %q: %w", docID, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if published.Valid {
		d.Published, err = time.Parse("2006-01-02", published.String)
	}
	return &d, err
}

func (s *sqliteStore) Stats(ctx context.Context, f Filter) ([]StatRow, error) {
	f, err := f.normalized()
	if err != nil {
		return nil, err
	}
	ix, m, err := s.matcher(ctx, f)
	if err != nil || ix == nil {
		if err == nil {
			return s.sqlStats(ctx, f)
		}
		return nil, err
	}
	defer ix.mu.RUnlock()
	return ix.stats(m), nil
}

func (s *sqliteStore) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),
		(SELECT count(*) FROM clusters)`).Scan(&c.Documents, &c.Events, &c.Clusters)
	return c, err
}

// sqliteTx is one BEGIN IMMEDIATE transaction: SQLite has one writer at a
// time, so lockClusters has nothing left to do.
type sqliteTx struct {
	s  *sqliteStore
	tx *sql.Tx
	// words waits for the end of the transaction: FTS5 writes its pending
	// terms out at every statement savepoint, and the other inserts make
	// one, so indexing each document as it comes costs a segment each.
	words []docWords
	bound map[string]*sql.Stmt
}

type docWords struct {
	row   int64
	words string
}

func (t *sqliteTx) indexWords(ctx context.Context) error {
	st := t.stmt(ctx, "insertWords")
	for _, w := range t.words {
		if _, err := st.ExecContext(ctx, w.row, w.words); err != nil {
			return err
		}
	}
	return nil
}

// stmt is the named statement bound to this transaction. Binding is done
// once per transaction: database/sql makes a new statement value at every
// binding, and keeps each until the commit.
func (t *sqliteTx) stmt(ctx context.Context, name string) *sql.Stmt {
	if st, ok := t.bound[name]; ok {
		return st
	}
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	st := t.tx.StmtContext(ctx, t.s.stmts[name])
	t.bound[name] = st
	return st
}

// insertDocument and insertCluster read the new row's id from the insert's
// result (sqlite3_last_insert_rowid) rather than with RETURNING, which
// SQLite implements by gathering the rows returned in a table of their own
// and which database/sql reads through a Rows: the two were a quarter of
// what these statements cost the writer (CPU profile of ingest).
func (t *sqliteTx) insertDocument(ctx context.Context, p *Prepared) (int64, bool, error) {
	row, inserted, err := t.execInsertDocument(ctx, p)
	if err != nil || !inserted {
		return 0, false, err
	}
	t.words = append(t.words, docWords{row, p.joinedWords})
	return row, true, nil
}

// execInsertDocument is insertDocument's statement alone.
func (t *sqliteTx) execInsertDocument(ctx context.Context, p *Prepared) (int64, bool, error) {
	d := p.doc
	res, err := t.stmt(ctx, "insertDocument").ExecContext(ctx, p.hash, d.ID, d.Source, d.URL, sqliteDialect.date(d.PublishedDate()),
		d.Title, p.meta.Lang, d.Text, len(p.events), time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return 0, false, err
	}
	// ON CONFLICT DO NOTHING: no row changed when the hash is stored.
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, false, err
	}
	row, err := res.LastInsertId()
	if err != nil {
		return 0, false, err
	}
	return row, true, nil
}

func (t *sqliteTx) lockClusters(context.Context, []string) error { return nil }

func (t *sqliteTx) candidates(_ context.Context, dst []clusterRef, eventType, from, to, country string) ([]clusterRef, error) {
	return t.s.spans.candidates(dst, eventType, from, to, country), nil
}

func (t *sqliteTx) record(ctx context.Context, seq int64) ([]byte, error) {
	var rec []byte
	err := t.stmt(ctx, "record").QueryRowContext(ctx, seq).Scan(&rec)
	return rec, err
}

func (t *sqliteTx) members(ctx context.Context, cluster int64) ([]dedup.Member, error) {
	rows, err := t.stmt(ctx, "members").QueryContext(ctx, cluster)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanMembers(rows)
}

// clusterArgsSQLite are the parameters of insertCluster and updateCluster:
// the id or seq, then the columns in their order.
func clusterArgsSQLite(first any, c columns, sources int, record []byte) []any {
	var lat, lon any
	if c.hasPlace {
		lat, lon = c.lat, c.lon
	}
	d := sqliteDialect.date
	return []any{first, c.eventType, c.subEventType, d(c.eventDate), d(c.start), d(c.end), d(c.week),
		nullable(c.country), nullable(c.admin1), nullable(c.admin1HC), lat, lon, nullable(c.actor1),
		c.fatalities, sources, record, sqliteDialect.boolean(c.background), d(c.pubStart), d(c.pubEnd)}
}

func (t *sqliteTx) insertCluster(ctx context.Context, id string, c columns, sources int, record []byte) (int64, error) {
	seq, err := t.execInsertCluster(ctx, id, c, sources, record)
	if err == nil {
		t.s.spans.inserted(c.eventType, spanOf(seq, 1, &c))
	}
	return seq, err
}

// execInsertCluster is insertCluster's statement alone.
func (t *sqliteTx) execInsertCluster(ctx context.Context, id string, c columns, sources int, record []byte) (int64, error) {
	res, err := t.stmt(ctx, "insertCluster").ExecContext(ctx, clusterArgsSQLite(id, c, sources, record)...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// spanOf is the span of version of cluster seq, whose columns are c.
func spanOf(seq, version int64, c *columns) clusterSpan {
	return newSpan(seq, version, c.start, c.end).published(c.pubStart, c.pubEnd).placed(c.country, c.admin1)
}

// updateCluster rewrites a cluster's row. SQLite rewrites the entries of
// every index that holds a column an UPDATE sets, whether or not its value
// changed (the statement is compiled before the values are known), and
// eight of the clusters' indexes (migration 4, one for each filter of
// /api/events) hold the same handful of columns. Most joins change none of
// them: the reports of one occurrence agree on its type, place, day and
// toll. Those rewrite only the columns that may differ.
func (t *sqliteTx) updateCluster(ctx context.Context, seq int64, was *columns, c columns, sources int, record []byte) (int64, error) {
	version, err := t.execUpdateCluster(ctx, seq, was, c, sources, record)
	if err == nil {
		t.s.spans.updated(c.eventType, spanOf(seq, version, &c))
	}
	return version, err
}

// execUpdateCluster is updateCluster's statement alone.
func (t *sqliteTx) execUpdateCluster(ctx context.Context, seq int64, was *columns, c columns, sources int, record []byte) (int64, error) {
	name := "updateCluster"
	if was != nil && sameFilterColumns(was, &c) {
		name = "updateClusterRecord"
	}
	var version int64
	err := t.stmt(ctx, name).QueryRowContext(ctx, clusterArgsSQLite(seq, c, sources, record)...).Scan(&version)
	return version, err
}

// execUpdateClusterIf is execUpdateCluster for a batch that knows the
// version it rewrites (pipeTx): it rewrites version of cluster seq, and
// says whether that version was there to rewrite.
func (t *sqliteTx) execUpdateClusterIf(ctx context.Context, seq, version int64, was *columns, c columns, sources int, record []byte) (bool, error) {
	name := "updateClusterIf"
	if was != nil && sameFilterColumns(was, &c) {
		name = "updateClusterRecordIf"
	}
	res, err := t.stmt(ctx, name).ExecContext(ctx, append(clusterArgsSQLite(seq, c, sources, record), version)...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// sameFilterColumns says whether a and b agree on every column that
// updateClusterRecord leaves as it is.
func sameFilterColumns(a, b *columns) bool {
	return a.eventType == b.eventType && a.subEventType == b.subEventType && a.eventDate == b.eventDate &&
		a.country == b.country && a.admin1 == b.admin1 && a.admin1HC == b.admin1HC &&
		a.hasPlace == b.hasPlace && a.lat == b.lat && a.lon == b.lon &&
		a.fatalities == b.fatalities && a.background == b.background
}

func (t *sqliteTx) setClusterActors(ctx context.Context, seq int64, actors []string) error {
	if _, err := t.stmt(ctx, "deleteActors").ExecContext(ctx, seq); err != nil {
		return err
	}
	ins := t.stmt(ctx, "insertActor")
	for _, a := range actors {
		if _, err := ins.ExecContext(ctx, a, seq); err != nil {
			return err
		}
	}
	return nil
}

func (t *sqliteTx) insertEvent(ctx context.Context, doc, cluster int64, e *preparedEvent) error {
	c := e.cols
	var lat, lon any
	if c.hasPlace {
		lat, lon = c.lat, c.lon
	}
	d := sqliteDialect.date
	_, err := t.stmt(ctx, "insertEvent").ExecContext(ctx, doc, e.ev.ID, cluster, c.eventType, c.subEventType,
		d(c.eventDate), d(c.start), d(c.end), nullable(c.country), nullable(c.admin1), nullable(c.admin1HC), lat, lon,
		nullable(c.actor1), nullable(c.actor2), c.fatalities, e.record)
	return err
}

// nullable stores "" as NULL, so that "no admin1" is not a province.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (t *sqliteTx) clusterByID(ctx context.Context, id string) (clusterRef, error) {
	var r clusterRef
	err := t.tx.QueryRowContext(ctx, `SELECT seq, version FROM clusters WHERE id = ?1`, id).Scan(&r.seq, &r.version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	return r, err
}

func (t *sqliteTx) clusterOfEvent(ctx context.Context, eventID string) (clusterRef, bool, error) {
	var r clusterRef
	err := t.tx.QueryRowContext(ctx, `SELECT c.seq, c.version FROM events e JOIN clusters c ON c.seq = e.cluster
		WHERE e.event_id = ?1 ORDER BY e.id LIMIT 1`, eventID).Scan(&r.seq, &r.version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

func (t *sqliteTx) moveEvents(ctx context.Context, from, to int64, eventID string) error {
	if eventID == "" {
		_, err := t.tx.ExecContext(ctx, `UPDATE events SET cluster = ?2 WHERE cluster = ?1`, from, to)
		return err
	}
	_, err := t.tx.ExecContext(ctx, `UPDATE events SET cluster = ?2 WHERE cluster = ?1 AND event_id = ?3`, from, to, eventID)
	return err
}

func (t *sqliteTx) deleteCluster(ctx context.Context, seq int64) error {
	if err := t.execDeleteCluster(ctx, seq); err != nil {
		return err
	}
	// Ingest removes clusters too (dedup.Bridge) and goes on with the
	// copy; a correction reads it again anyway.
	if t.s.spans.loaded {
		t.s.spans.removed(seq)
	}
	return nil
}

// execDeleteCluster is deleteCluster's statements alone.
func (t *sqliteTx) execDeleteCluster(ctx context.Context, seq int64) error {
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM cluster_actors WHERE cluster = ?1`, seq); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(ctx, `DELETE FROM clusters WHERE seq = ?1`, seq)
	return err
}

// insertDecision records a decision with the clusters' largest changed, so
// that every copy of the clusters older than the correction reads them all
// again (readindex.go).
func (t *sqliteTx) insertDecision(ctx context.Context, kind, a, b, note string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO merge_decisions (kind, event_a, event_b, note, made_at, changed)
		VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(changed), 0) FROM clusters))`,
		kind, a, b, note, at.UTC().Format(time.RFC3339))
	return err
}

func (t *sqliteTx) decisionsAfter(ctx context.Context, id int64) ([]decisionRow, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, kind, event_a, event_b, note FROM merge_decisions WHERE id > ?1 ORDER BY id`, id)
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

func (s *sqliteStore) Split(ctx context.Context, clusterID, eventID string) (id string, err error) {
	err = s.correct(ctx, func(t *sqliteTx) error {
		id, err = s.w.split(ctx, t, clusterID, eventID, time.Now())
		return err
	})
	return id, err
}

func (s *sqliteStore) Join(ctx context.Context, into, from string) error {
	return s.correct(ctx, func(t *sqliteTx) error { return s.w.join(ctx, t, into, from, time.Now()) })
}

// correct runs one correction in a write transaction, as AddBatch runs a
// batch. The writer's copy of the clusters' spans is read again after it:
// a join removes a cluster, which that copy has no way to follow.
func (s *sqliteStore) correct(ctx context.Context, fn func(*sqliteTx) error) (err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.drain()
	defer func() {
		s.w.forget()
		s.spans.drop()
	}()
	t, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	tx := t.tx
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.committed()
	return nil
}

// committed notes a commit of the writer.
func (s *sqliteStore) committed() {
	s.wrote.Store(true)
	if s.wal != nil {
		s.wal.committed()
	}
}
