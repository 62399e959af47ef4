package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// sqliteVersionTable is goose's table of applied migrations, kept as goose
// writes it: stores made by earlier rasd versions (which ran goose here too)
// open as before, and goose's own tools can still read a store's version.
const sqliteVersionTable = "goose_db_version"

// sqlMigration is one embedded migration file: its version (the number its
// name starts with) and the statements of its "-- +goose Up" section.
type sqlMigration struct {
	version int64
	name    string
	up      string
}

// migrateSQLite brings a SQLite store's schema up to date in one
// transaction that holds the write lock (the DSN's _txlock=immediate makes
// BeginTx a BEGIN IMMEDIATE) and reads the schema version again once it has
// it. Two processes that create a new store at once then take turns, and
// the second finds the schema made. goose, which PostgreSQL's store still
// uses under an advisory lock, reads the version before any lock and runs
// each migration in a transaction of its own, so there the second process
// ran the first migration again and failed on "table documents already
// exists" (SQLite has no lock that spans transactions but a file's).
func migrateSQLite(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	migrations, err := readSQLMigrations(fsys)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	latest := migrations[len(migrations)-1].version
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// A store already up to date, the usual case, is only read: no write
	// lock, so opening it never waits for a writer.
	current, err := sqliteSchemaVersion(ctx, conn)
	if err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if err := checkNotNewer(current, latest); err != nil || current == latest {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrating the schema: %w", err)
	}
	defer tx.Rollback()
	if current, err = sqliteSchemaVersion(ctx, tx); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if err := checkNotNewer(current, latest); err != nil {
		return err
	}
	insert := `INSERT INTO ` + sqliteVersionTable + ` (version_id, is_applied) VALUES (?, 1)`
	if current < 0 {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE `+sqliteVersionTable+` (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			version_id INTEGER NOT NULL,
			is_applied INTEGER NOT NULL,
			tstamp TIMESTAMP DEFAULT (datetime('now'))
		)`); err != nil {
			return fmt.Errorf("migrating the schema: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insert, 0); err != nil {
			return fmt.Errorf("migrating the schema: %w", err)
		}
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.up); err != nil {
			return fmt.Errorf("migrating the schema: %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, insert, m.version); err != nil {
			return fmt.Errorf("migrating the schema: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrating the schema: %w", err)
	}
	return nil
}

func checkNotNewer(current, latest int64) error {
	if current > latest {
		return fmt.Errorf("the database's schema is version %d, newer than this rasd knows (%d): use a newer rasd", current, latest)
	}
	return nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// sqliteSchemaVersion is the latest migration applied to a store, -1 when
// it has no version table (a new, empty file).
func sqliteSchemaVersion(ctx context.Context, q querier) (int64, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, sqliteVersionTable).Scan(&n)
	if err != nil || n == 0 {
		return -1, err
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version_id) FROM `+sqliteVersionTable+` WHERE is_applied`).Scan(&v); err != nil {
		return 0, err
	}
	return v.Int64, nil
}

// readSQLMigrations reads the migration files in version order.
func readSQLMigrations(fsys fs.FS) ([]sqlMigration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []sqlMigration
	for _, name := range names {
		prefix, _, _ := strings.Cut(path.Base(name), "_")
		version, err := strconv.ParseInt(prefix, 10, 64)
		if err != nil || version < 1 {
			return nil, fmt.Errorf("%s: a migration's name starts with its version, a number from 1", name)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		up, err := upSection(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, sqlMigration{version: version, name: name, up: up})
	}
	if len(out) == 0 {
		return nil, errors.New("no migration files")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("%s and %s have the same version", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// upSection is the text between "-- +goose Up" and "-- +goose Down", run
// as one Exec (SQLite runs a script statement by statement). Other goose
// annotations (StatementBegin, NO TRANSACTION) are refused rather than
// misread: a migration that needs one fails every test that opens a store.
func upSection(text string) (string, error) {
	var up strings.Builder
	section := ""
	for _, line := range strings.SplitAfter(text, "\n") {
		ann, ok := strings.CutPrefix(strings.TrimSpace(line), "-- +goose ")
		if !ok {
			if section == "up" {
				up.WriteString(line)
			}
			continue
		}
		switch strings.ToLower(strings.TrimSpace(ann)) {
		case "up":
			section = "up"
		case "down":
			section = "down"
		default:
			return "", fmt.Errorf("goose annotation %q is not supported for SQLite", strings.TrimSpace(line))
		}
	}
	if strings.TrimSpace(up.String()) == "" {
		return "", errors.New(`no "-- +goose Up" section`)
	}
	return up.String(), nil
}
