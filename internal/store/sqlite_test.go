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
