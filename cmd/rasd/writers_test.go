package main

import (
	"bytes"
	"database/sql"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// Two rasd ingest processes started at once on a SQLite file that does not
// exist yet both finish (one used to fail on "table documents already
// exists" in 4 runs of 11); their inputs overlap by a third, and every
// document ends up stored once, whole, each event in one cluster.
func TestTwoIngestsOnOneNewStore(t *testing.T) {
	// Large enough for the two to write at the same time: each stores a
	// batch at a time, the other waiting for SQLite's write lock.
	const n, rounds = 1500, 2
	docs := corpus(3 * n / 2)
	bin := buildRasd(t)
	for round := range rounds {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
		writeJSONL(t, a, docs[:n])
		// b reads its documents from the last, so that each process
		// starts on documents of its own and meets the other's halfway.
		backward := slices.Clone(docs[n/2:])
		slices.Reverse(backward)
		writeJSONL(t, b, backward)
		dbPath := filepath.Join(dir, "rasd.db")
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, in := range []string{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(bin, "ingest", "--db", dbPath, "--workers", "1", in)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				<-start
				if err := cmd.Run(); err != nil {
					t.Errorf("round %d, %s: %v\n%s", round, filepath.Base(in), err, stderr.String())
				}
				// Its last line says what the store held when it ended:
				// more than it added when the other wrote meanwhile.
				t.Logf("round %d, %s: %s", round, filepath.Base(in), bytes.TrimSpace(stderr.Bytes()))
			}()
		}
		close(start)
		wg.Wait()
		db, err := sql.Open("sqlite", dbPath)
		if err != nil {
			t.Fatal(err)
		}
		checkWhole(t, db, len(docs))
		var check string
		if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Errorf("integrity_check: %q %v", check, err)
		}
		db.Close()
	}
}
