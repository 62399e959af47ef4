package store

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"rasd/internal/event"
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

// TestSQLiteWriterPragmas: the writer's connection keeps its statement
// journals in memory (temp_store = MEMORY), and an unmapped store's writer
// 8 MB of pages and a WAL checkpointed every 30,000 pages, synced after
// each commit (sqlite.go says why).
func TestSQLiteWriterPragmas(t *testing.T) {
	ctx := context.Background()
	st := openIngestStore(t)
	var mode int
	if err := st.wconn.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != 2 {
		t.Errorf("temp_store = %d, want 2 (MEMORY)", mode)
	}
	var cache int
	if err := st.wconn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		t.Fatal(err)
	}
	if cache != -8192 {
		t.Errorf("the writer's cache_size = %d, want -8192 (8 MB)", cache)
	}
	var pages int
	if err := st.wconn.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if pages != 30000 {
		t.Errorf("the writer's wal_autocheckpoint = %d, want 30000", pages)
	}
	if st.wal == nil {
		t.Error("an unmapped store has no WAL syncer")
	}
}

// TestWALSyncer: the syncer survives a WAL that is not there yet (it is
// created by the first write), syncs one that is, and stops on close, also
// with a sync asked for and not yet made.
func TestWALSyncer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rasd.db")
	w := newWALSyncer(db)
	w.committed()
	w.committed()
	if err := os.WriteFile(db+"-wal", []byte("frames"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		w.committed()
	}
	w.close()
	w.close()
}

// TestSQLiteClusterRowsFollowTheirRecords: a join that leaves a cluster's
// filter columns as they were rewrites the row without them
// (updateClusterRecord), one that changes them rewrites them all; either
// way every row's columns are those of its record, and every index agrees
// with the rows (integrity_check).
func TestSQLiteClusterRowsFollowTheirRecords(t *testing.T) {
	ctx := context.Background()
	s := openIngestStore(t)
	// raid-b joins raid-a and keeps its toll (the lowest, 5); raid-c
	// lowers it to 3: one light rewrite and one whole one.
	raidC := newFixture("raid-c", "Outlet C", "2019-03-12",
		"قتلى في غارات روسية على معرة النعمان بريف إدلب اليوم.", raid(3))
	for _, f := range []fixture{raidA, raidB, raidC, clash} {
		if _, err := s.Add(ctx, f.doc, f.res); err != nil {
			t.Fatalf("adding %s: %v", f.doc.ID, err)
		}
	}
	if a, c := clusterOf(t, s, "raid-a"), clusterOf(t, s, "raid-c"); a != c {
		t.Fatalf("raid-c did not join raid-a (%s, %s): the test shows nothing", a, c)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT event_type, sub_event_type, coalesce(event_date, ''),
		coalesce(date_start, ''), coalesce(date_end, ''), coalesce(week, ''), coalesce(country, ''),
		coalesce(admin1, ''), coalesce(admin1_code, ''), coalesce(lat, 0), coalesce(lon, 0), coalesce(actor1, ''),
		fatalities, sources, background, coalesce(pub_start, ''), coalesce(pub_end, ''), record FROM clusters`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			got     columns
			sources int
			rec     []byte
		)
		if err := rows.Scan(&got.eventType, &got.subEventType, &got.eventDate, &got.start, &got.end, &got.week,
			&got.country, &got.admin1, &got.admin1HC, &got.lat, &got.lon, &got.actor1, &got.fatalities, &sources,
			&got.background, &got.pubStart, &got.pubEnd, &rec); err != nil {
			t.Fatal(err)
		}
		var stored event.Stored
		if err := json.Unmarshal(rec, &stored); err != nil {
			t.Fatal(err)
		}
		_, want, _ := encodeCluster(&stored)
		got.hasPlace, got.actors, want.actors, want.actor2 = want.hasPlace, nil, nil, "" // not columns
		if !reflect.DeepEqual(got, want) || sources != stored.Documents() {
			t.Errorf("cluster %s: row %+v (%d sources), record %+v (%d)", stored.ClusterID, got, sources, want, stored.Documents())
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d clusters, want 2", n)
	}
	var check string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
}
