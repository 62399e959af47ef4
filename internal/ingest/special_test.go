//go:build unix

package ingest

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readWithin reads target like readAll, failing the test instead of hanging
// it when Read blocks (as it did on a named pipe it opened).
func readWithin(t *testing.T, target string) *result {
	t.Helper()
	done := make(chan *result, 1)
	go func() {
		res := &result{}
		err := Read(context.Background(), target, Options{}, func(d *Document, err error) error {
			if err != nil {
				res.errs = append(res.errs, err)
			} else {
				res.docs = append(res.docs, d)
			}
			return nil
		})
		if err != nil {
			res.errs = append(res.errs, err)
		}
		done <- res
	}()
	select {
	case res := <-done:
		return res
	case <-time.After(time.Minute):
		t.Fatalf("Read(%s) is still blocked after a minute", target)
		return nil
	}
}

// Named pipes and sockets in a folder are passed over with a notice and
// never opened; one named as a target is an error, also without opening it.
func TestSpecialFilesAreNotOpened(t *testing.T) {
	dir := tree(t, map[string][]byte{"a.txt": []byte(goodText)})
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	if err := os.Symlink(fifo, filepath.Join(dir, "link-to-pipe.txt")); err != nil {
		t.Fatal(err)
	}
	// Unix socket paths are short: make it in a directory of its own.
	sockDir, err := os.MkdirTemp("", "rasd")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	l, err := net.Listen("unix", filepath.Join(sockDir, "s.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := os.Symlink(sockDir, filepath.Join(dir, "sockets")); err != nil {
		t.Fatal(err)
	}

	res := readWithin(t, dir)
	if strings.Join(res.ids(), " ") != "a" {
		t.Errorf("documents %v", res.ids())
	}
	want := []string{"link-to-pipe.txt: passed over: a named pipe", "pipe.txt: passed over: a named pipe", "sockets: passed over: a link to a directory"}
	if len(res.errs) != len(want) {
		t.Fatalf("errors %v", res.errs)
	}
	for i, err := range res.errs {
		if !errors.Is(err, ErrPassedOver) || !strings.Contains(filepath.ToSlash(err.Error()), "/"+want[i]) {
			t.Errorf("error %d: %v, want %q", i, err, want[i])
		}
	}

	for _, target := range []string{fifo, filepath.Join(sockDir, "s.jsonl")} {
		res = readWithin(t, target)
		if len(res.docs) != 0 || len(res.errs) != 1 || errors.Is(res.errs[0], ErrPassedOver) ||
			!strings.Contains(res.errs[0].Error(), "not a regular file (give a stream as JSON Lines on standard input, with -)") {
			t.Errorf("%s: docs %v, errors %v", target, res.ids(), res.errs)
		}
	}

	// A folder holding only a pipe has nothing to read: an error.
	only := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(only, "news.jsonl"), 0o644); err != nil {
		t.Fatal(err)
	}
	res = readWithin(t, only)
	if len(res.errs) != 2 || !strings.Contains(res.errs[1].Error(), "no file that rasd reads in this directory (") {
		t.Errorf("a folder of a pipe: errors %v", res.errs)
	}
}
