package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/pressly/goose/v3"
)

// Several processes starting at once on a SQLite file that does not exist
// yet (two `rasd ingest` launched by one script, say) must all open it: one
// creates the schema, the others find it made.
func TestSQLiteNewStoreOpenedAtOnce(t *testing.T) {
	const rounds, openers = 8, 4
	ctx := context.Background()
	for round := range rounds {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new-%d.db", round))
		var wg sync.WaitGroup
		errs := make([]error, openers)
		start := make(chan struct{})
		for i := range openers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				s, err := Open(ctx, path)
				if err != nil {
					errs[i] = err
					return
				}
				errs[i] = s.Close()
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d, opener %d: %v", round, i, err)
			}
		}
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		var version int
		if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("round %d: journal mode %q (%v), want wal", round, mode, err)
		}
		migrations, _ := readSQLMigrations(mustSub(t))
		if err := db.QueryRow(`SELECT count(*) FROM goose_db_version`).Scan(&version); err != nil || version != 1+len(migrations) {
			t.Errorf("round %d: %d rows of schema versions (%v), want %d: 0 and each migration once", round, version, err, 1+len(migrations))
		}
		db.Close()
	}
}

// A store that goose made at an older version (as rasd did before it ran
// SQLite's migrations itself) is brought up to date, and reads as goose
// wrote it.
func TestSQLiteUpgradesAGooseStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path+"?_busy_timeout=10000&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	old := fstest.MapFS{}
	for _, name := range []string{"00001_init.sql", "00002_fulltext_bulk_writes.sql"} {
		b, err := sqliteMigrations.ReadFile("migrations/sqlite/" + name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = &fstest.MapFile{Data: b}
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, old, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("opening a store of schema version 2: %v", err)
	}
	seed(t, s)
	s.Close()
	db, err = sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err = goose.NewProvider(goose.DialectSQLite3, db, mustSub(t), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil || v != int64(latestSQLite(t)) {
		t.Errorf("goose reads version %d (%v), want %d", v, err, latestSQLite(t))
	}
	if pending, err := p.HasPending(ctx); err != nil || pending {
		t.Errorf("goose sees pending migrations: %v %v", pending, err)
	}
}

// latestSQLite is the version of the last embedded SQLite migration: the
// tests follow the migrations that other work adds.
func latestSQLite(t *testing.T) int {
	t.Helper()
	ms, err := readSQLMigrations(mustSub(t))
	if err != nil {
		t.Fatal(err)
	}
	return int(ms[len(ms)-1].version)
}

func mustSub(t *testing.T) fs.FS {
	t.Helper()
	fsys, err := fs.Sub(sqliteMigrations, "migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestSQLiteRefusesANewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rasd.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, 1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err := Open(ctx, path); err == nil {
		s.Close()
		t.Fatal("a store of schema version 99 was opened")
	} else if !strings.Contains(err.Error(), fmt.Sprintf("version 99, newer than this rasd knows (%d)", latestSQLite(t))) {
		t.Errorf("error %q", err)
	}
}

func TestUpSection(t *testing.T) {
	up, err := upSection("-- about\n-- +goose Up\nCREATE TABLE a (x);\n\n-- +goose Down\nDROP TABLE a;\n")
	if err != nil || up != "CREATE TABLE a (x);\n\n" {
		t.Errorf("up %q, %v", up, err)
	}
	for _, bad := range []string{
		"-- +goose Up\n-- +goose StatementBegin\nCREATE TRIGGER t;\n-- +goose StatementEnd\n",
		"-- +goose NO TRANSACTION\n-- +goose Up\nVACUUM;\n",
		"-- +goose Down\nDROP TABLE a;\n",
	} {
		if _, err := upSection(bad); err == nil {
			t.Errorf("upSection(%q) accepted", bad)
		}
	}
	if _, err := readSQLMigrations(mustSub(t)); err != nil {
		t.Errorf("the embedded migrations: %v", err)
	}
}
