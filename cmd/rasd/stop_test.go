//go:build unix

package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// waitExit waits for a process that was told to stop, failing the test
// (and killing it) if it is still running after a minute: that is a hang,
// not a slow machine. It returns the exit code and how long it took.
func waitExit(t *testing.T, cmd *exec.Cmd, exited <-chan error, since time.Time) (int, time.Duration) {
	t.Helper()
	select {
	case err := <-exited:
		took := time.Since(since)
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), took
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, took
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatal("rasd ingest was still running a minute after SIGTERM")
		return 0, 0
	}
}

// checkPrefix fails t unless the store holds the first k of the generated
// documents, for some k, each whole: documents are committed in the order
// they are read, so whatever an interruption leaves is a prefix.
func checkPrefix(t *testing.T, db *sql.DB) int {
	t.Helper()
	rows, err := db.Query(`SELECT doc_id FROM documents ORDER BY doc_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	k := 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("gen-%05d", k); id != want {
			t.Fatalf("stored document %d is %s, want %s: not a prefix of the input", k, id, want)
		}
		k++
	}
	var torn int
	db.QueryRow(`SELECT count(*) FROM documents d WHERE d.events != (SELECT count(*) FROM events e WHERE e.document = d.id)`).Scan(&torn)
	if torn != 0 {
		t.Errorf("%d documents stored without all their events", torn)
	}
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
	return k
}

// SIGTERM (what a service manager or `kill` sends) ends an ingest in the
// middle with exit code 143, keeping what was stored: a prefix of the
// input, each document whole, which the next run completes.
func TestIngestStopsOnSIGTERM(t *testing.T) {
	const n = 4000
	bin, in, dbPath, db, cmd, exited, stderr := startIngest(t, n)
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, took := waitExit(t, cmd, exited, sent)
	t.Logf("stopped %v after SIGTERM", took)
	if code != 143 || !strings.Contains(stderr.String(), "rasd: ingest stopped by SIGTERM; every document listed as added is stored whole") {
		t.Errorf("after SIGTERM: exit %d\n%s", code, stderr)
	}
	k := checkPrefix(t, db)
	if k >= n {
		t.Fatalf("all %d documents were stored before SIGTERM; the test needs a larger input", n)
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("holds %d documents", k)) {
		t.Errorf("the summary does not give the %d stored documents:\n%s", k, stderr)
	}
	if out, err := exec.Command(bin, "ingest", "--db", dbPath, in).CombinedOutput(); err != nil {
		t.Fatalf("the second run failed: %v\n%s", err, out)
	}
	checkWhole(t, db, n)
}

// An ingest waiting for input that does not come (a pipe whose writer is
// idle) stops on SIGTERM too, with what it read stored: it used to wait
// for its reader, which waited for the pipe.
func TestIngestStopsOnSIGTERMWhileWaitingForInput(t *testing.T) {
	const n = 300
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "rasd.db")
	cmd := exec.Command(buildRasd(t), "ingest", "--db", dbPath, "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var lines bytes.Buffer
	writeJSONLTo(&lines, corpus(n))
	if _, err := stdin.Write(lines.Bytes()); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dbPath+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The writer commits what it has once it has waited batchDelay.
	for storedDocuments(db) < n {
		select {
		case err := <-exited:
			t.Fatalf("rasd ingest ended (%v) with its input still open\n%s", err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, took := waitExit(t, cmd, exited, sent)
	t.Logf("stopped %v after SIGTERM", took)
	if code != 143 {
		t.Errorf("exit %d, want 143\n%s", code, stderr.String())
	}
	if k := checkPrefix(t, db); k != n {
		t.Errorf("%d documents stored, want the %d read", k, n)
	}
}

// A named pipe in a folder is reported and passed over, never opened (which
// blocked the ingest for good), as is a file of a kind rasd does not read;
// the articles beside them are stored and the run succeeds.
func TestIngestFolderWithANamedPipe(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "news")
	os.Mkdir(in, 0o755)
	writeJSONL(t, filepath.Join(in, "a.jsonl"), corpus(5))
	os.WriteFile(filepath.Join(in, "binary.bin"), []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0o644)
	if err := syscall.Mkfifo(filepath.Join(in, "pipe.jsonl"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := rasd("ingest", "--db", filepath.Join(dir, "rasd.db"), in)
		done <- result{code, stderr}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("rasd ingest of a folder with a named pipe is still running after a minute")
	}
	for _, want := range []string{
		"rasd: " + filepath.Join(in, "binary.bin") + ": passed over: not a kind of file rasd reads (.bin)\n",
		"rasd: " + filepath.Join(in, "pipe.jsonl") + ": passed over: a named pipe\n",
		"5 read, 5 added, 0 already stored, 0 failed, 2 passed over;",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.stderr)
		}
	}
	if r.code != 0 {
		t.Errorf("exit %d, want 0: the folder's articles were all read", r.code)
	}

	// A folder with nothing to read is an error, not a silent success.
	empty := filepath.Join(dir, "nothing")
	os.Mkdir(empty, 0o755)
	os.WriteFile(filepath.Join(empty, "binary.bin"), []byte{0, 1, 2}, 0o644)
	code, _, stderr := rasd("ingest", "--db", filepath.Join(dir, "rasd.db"), empty)
	if code != 1 || !strings.Contains(stderr, "rasd: skipped "+empty+": no file that rasd reads in this directory") {
		t.Errorf("a folder with nothing to read: exit %d\n%s", code, stderr)
	}
}
