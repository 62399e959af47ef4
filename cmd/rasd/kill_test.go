package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"rasd/internal/text"
)

// builtDir holds the rasd that buildRasd compiled, until TestMain removes it.
var builtDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// built compiles this command once for all the tests that run it.
var built = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "rasd-test-bin")
	if err != nil {
		return "", err
	}
	builtDir = dir
	bin := filepath.Join(dir, "rasd")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("building rasd: %v\n%s", err, out)
	}
	return bin, nil
})

// buildRasd returns the path of this command, compiled.
func buildRasd(t *testing.T) string {
	t.Helper()
	bin, err := built()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// storedDocuments counts the committed documents of a SQLite store that a
// running rasd may be writing to; -1 until its schema exists.
func storedDocuments(db *sql.DB) int {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// startIngest starts a real rasd ingest of n generated articles and
// returns once its first batch is committed: the run is then well under way
// and far from done.
func startIngest(t *testing.T, n int) (bin, in, dbPath string, db *sql.DB, cmd *exec.Cmd, exited chan error, stderr *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	bin = buildRasd(t)
	in = filepath.Join(dir, "news.jsonl")
	writeJSONL(t, in, corpus(n))
	dbPath = filepath.Join(dir, "rasd.db")
	stderr = new(bytes.Buffer)
	cmd = exec.Command(bin, "ingest", "--db", dbPath, in)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited = make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	db, err := sql.Open("sqlite", dbPath+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	seen := -1
	for seen < maxBatch {
		select {
		case err := <-exited:
			t.Fatalf("rasd ingest ended (%v) before it could be stopped, with %d of %d documents stored\n%s", err, seen, n, stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if _, err := os.Stat(dbPath); err == nil {
			seen = storedDocuments(db)
		}
	}
	return bin, in, dbPath, db, cmd, exited, stderr
}

// checkWhole fails t unless the store holds every one of n documents once,
// each with all of its events, and every cluster with all of its members.
func checkWhole(t *testing.T, db *sql.DB, n int) {
	t.Helper()
	check := func(what, query string, want int) {
		t.Helper()
		var got int
		if err := db.QueryRowContext(context.Background(), query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got != want {
			t.Errorf("%s: %d, want %d", what, got, want)
		}
	}
	check("documents", `SELECT count(*) FROM documents`, n)
	check("distinct document ids", `SELECT count(DISTINCT doc_id) FROM documents`, n)
	check("documents missing some of their events",
		`SELECT count(*) FROM documents d WHERE d.events != (SELECT count(*) FROM events e WHERE e.document = d.id)`, 0)
	// Every generated article ends with «متابعة», indexed in its normalised form.
	check("documents in the full-text index",
		`SELECT count(*) FROM document_words WHERE document_words MATCH '"`+text.NormalizeString("متابعة")+`"'`, n)
	check("clusters whose record does not list every member",
		`SELECT count(*) FROM clusters c WHERE c.sources != (SELECT count(*) FROM events e WHERE e.cluster = c.seq)`, 0)
	check("events in no cluster", `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.seq = e.cluster)`, 0)
	check("clusters without members", `SELECT count(*) FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.cluster = c.seq)`, 0)
}

// A real rasd process killed with SIGKILL in the middle of an ingest, then
// run again, ends with every document stored exactly once and whole.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	// Here the kill has landed at up to 2,433 documents; the input leaves
	// room above that, and the kill comes before half of it is stored
	// whatever the machine's speed.
	const n = 6000
	bin, in, dbPath, db, cmd, exited, _ := startIngest(t, n)
	// A moment later than the first commit, different each run, so that
	// the kill falls sometimes between transactions and sometimes inside
	// one; on a machine fast enough to store half the input first, as soon
	// as it has.
	killAt := time.Now().Add(time.Duration(rand.Int64N(int64(400 * time.Millisecond))))
	for time.Now().Before(killAt) && storedDocuments(db) < n/2 {
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	atKill := storedDocuments(db)
	if atKill >= n {
		t.Fatalf("all %d documents were stored before the kill; the test needs a larger input", n)
	}
	t.Logf("killed with %d of %d documents stored", atKill, n)
	out, err := exec.Command(bin, "ingest", "--db", dbPath, in).CombinedOutput()
	if err != nil {
		t.Fatalf("the second run failed: %v\n%s", err, out)
	}
	t.Logf("second run: %s", bytes.TrimSpace(out))
	checkWhole(t, db, n)
}

// Ctrl-C ends an ingest with exit code 130 and a store in which whatever was
// stored is whole; running it again completes it.
func TestIngestStopsCleanlyOnInterrupt(t *testing.T) {
	const n = 4000
	bin, in, dbPath, db, cmd, exited, stderr := startIngest(t, n)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := <-exited
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("after Ctrl-C: %v\n%s", err, stderr)
	}
	stopped := storedDocuments(db)
	if stopped >= n {
		t.Fatalf("all %d documents were stored before the interrupt; the test needs a larger input", n)
	}
	var torn int
	db.QueryRow(`SELECT count(*) FROM documents d WHERE d.events != (SELECT count(*) FROM events e WHERE e.document = d.id)`).Scan(&torn)
	if torn != 0 {
		t.Errorf("%d documents stored without all their events after Ctrl-C", torn)
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("holds %d documents", stopped)) {
		t.Errorf("the summary does not give the %d stored documents:\n%s", stopped, stderr)
	}
	if out, err := exec.Command(bin, "ingest", "--db", dbPath, in).CombinedOutput(); err != nil {
		t.Fatalf("the second run failed: %v\n%s", err, out)
	}
	checkWhole(t, db, n)
}
