package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Open opens the store a --db value names, creating its schema on first use
// and bringing an older schema up to date: a postgres:// or postgresql://
// URL is a PostgreSQL database, anything else a SQLite file (created if
// missing).
func Open(ctx context.Context, dsn string, opts ...Option) (Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	switch {
	case strings.TrimSpace(dsn) == "":
		return nil, errors.New("no database given: want a SQLite file name or a postgres:// URL")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case strings.Contains(dsn, "://"):
		scheme := dsn[:strings.Index(dsn, "://")]
		return nil, fmt.Errorf("database %q: unsupported scheme %q (want a SQLite file name or a postgres:// URL)", Redact(dsn), scheme)
	}
	return openSQLite(ctx, dsn, o)
}

// Option changes how Open opens a store.
type Option func(*options)

type options struct {
	unmapped bool
}

// Unmapped opens a SQLite store without mapping its file into memory
// (mmap_size). Mapping lets a server's readers take pages from the file
// rather than from page caches that every commit makes stale; a writer
// gains nothing from it (ingest of the bench corpus took the same CPU
// either way), while every page its connections read counts in its
// resident memory, up to the whole file: 160–200 MB of ingest's peak on
// the bench corpus, gigabytes into a large store. Its connections also
// keep page caches of 2 MB rather than 32 (openSQLite says why).
// PostgreSQL ignores it.
func Unmapped() Option { return func(o *options) { o.unmapped = true } }

// Redact hides a password in a database URL before it is shown.
func Redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	start := strings.Index(dsn, "://")
	if at < 0 || start < 0 || at < start {
		return dsn
	}
	userinfo := dsn[start+3 : at]
	if i := strings.IndexByte(userinfo, ':'); i >= 0 {
		return dsn[:start+3] + userinfo[:i] + ":xxxxx" + dsn[at:]
	}
	return dsn
}

// migratePostgres applies the embedded migrations that db lacks, under
// goose's advisory lock: two rasd processes starting on a new database must
// not both create the schema. A database whose schema is newer than this
// binary knows is refused rather than misread. (SQLite's store migrates
// itself: migrate_sqlite.go.)
func migratePostgres(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys, goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	sources := p.ListSources()
	if err := checkNotNewer(current, sources[len(sources)-1].Version); err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrating the schema: %w", err)
	}
	return nil
}

// sortStats puts stats rows in one order in both databases, whose text
// collations may differ.
func sortStats(rows []StatRow) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Week != b.Week {
			return a.Week < b.Week
		}
		if a.EventType != b.EventType {
			return a.EventType < b.EventType
		}
		if a.Admin1 != b.Admin1 {
			return a.Admin1 < b.Admin1
		}
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		if a.Admin1Code != b.Admin1Code {
			return a.Admin1Code < b.Admin1Code
		}
		return a.Actor < b.Actor
	})
}
