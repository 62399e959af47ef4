package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSQLite(t *testing.T) {
	runSuite(t, func(t *testing.T) Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "rasd.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestSQLiteKeepsDataAcrossOpens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rasd.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	want, _ := s.Counts(ctx)
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	if got, _ := s.Counts(ctx); got != want {
		t.Errorf("after reopening: %+v, want %+v", got, want)
	}
	if got := docsOf(t, s, Filter{Text: "غارات"}); len(got) != 1 {
		t.Errorf("full-text search after reopening: %q", got)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("this is not a database\n", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ dsn, want string }{
		{"", "no database given"},
		{"mysql://localhost/rasd", `unsupported scheme "mysql"`},
		{dir, "is a directory"},
		{filepath.Join(dir, "missing", "rasd.db"), "does not exist"},
		{garbage, "is not a SQLite database"},
		{"postgres://rasd:secret@127.0.0.1:1/rasd?sslmode=disable&connect_timeout=5", "cannot connect to PostgreSQL"},
		{"postgres://[bad", "PostgreSQL URL"},
	}
	for _, c := range cases {
		s, err := Open(ctx, c.dsn)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", c.dsn)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Open(%q) error %q, want it to say %q", c.dsn, err, c.want)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q) error shows the password: %q", c.dsn, err)
		}
	}
	if b, _ := os.ReadFile(garbage); !strings.HasPrefix(string(b), "this is not a database") {
		t.Error("opening a file that is not a database changed it")
	}
}

// Two writers on one SQLite file, as `rasd serve` and `rasd ingest` may be,
// must each see the clusters the other created and rewrote: a writer that
// kept using its own copy would start a second cluster for an occurrence
// the other stored, or rewrite a cluster from a version that is gone.
func TestSQLiteWritersOnOneFileSeeEachOthersClusters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rasd.db")
	open := func() Store {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(), open()
	raidC := newFixture("raid-c", "Outlet C", "2019-03-12", "قتل ستة مدنيين في غارات على معرة النعمان.", raid(6))
	clashB := newFixture("clash-b", "Outlet B", "2019-03-06", "معارك بين القوات الحكومية وداعش قرب دير حافر.",
		clash.res.Events[0])
	steps := []struct {
		s Store
		f fixture
	}{
		{a, raidA},  // a creates the raid's cluster
		{b, raidB},  // b rewrites it
		{a, raidC},  // a must join b's version, not the one it wrote
		{b, clash},  // b creates a cluster a has never seen
		{a, clashB}, // a must find it
	}
	for _, st := range steps {
		if _, err := st.s.Add(ctx, st.f.doc, st.f.res); err != nil {
			t.Fatalf("adding %s: %v", st.f.doc.ID, err)
		}
	}
	want := []string{"raid-a+raid-b+raid-c", "clash+clash-b"}
	for name, s := range map[string]Store{"first writer": a, "second writer": b} {
		if got := docsOf(t, s, Filter{}); !same(got, want) {
			t.Errorf("%s reads %v, want %v", name, got, want)
		}
	}
}

// TestSQLiteWriterJournalsInMemory: the writer's connection keeps its
// statement journals in memory (temp_store = MEMORY, sqlite.go says why).
func TestSQLiteWriterJournalsInMemory(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "rasd.db"), Unmapped())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var mode int
	if err := st.(*sqliteStore).wconn.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != 2 {
		t.Errorf("temp_store = %d, want 2 (MEMORY)", mode)
	}
}
