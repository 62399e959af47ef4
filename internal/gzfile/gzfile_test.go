package gzfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The same bytes compress to the same file, and the file reads back.
func TestWriteIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	in := bytes.Repeat([]byte("قرية\tvillage\n"), 100)
	a, b := filepath.Join(dir, "a.gz"), filepath.Join(dir, "b.gz")
	for _, p := range []string{a, b} {
		if err := Write(p, in); err != nil {
			t.Fatal(err)
		}
	}
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ba, bb) {
		t.Fatal("two writes of the same bytes differ")
	}
	out, err := Read(a)
	if err != nil || !bytes.Equal(out, in) {
		t.Fatalf("read back %d bytes (%v), want %d", len(out), err, len(in))
	}
}

func TestReadOfAFileNotGzipped(t *testing.T) {
	p := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(p, []byte("not compressed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(p); err == nil {
		t.Fatal("no error reading a file that is not gzip")
	}
}

func TestWriteToAMissingDirectoryFails(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "no", "such", "dir", "x.gz"), []byte("x")); err == nil {
		t.Fatal("no error writing into a missing directory")
	}
}
