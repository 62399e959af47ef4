// Package pgtest gives tests a throwaway PostgreSQL database on the server
// that scripts/postgres-up makes sure is running. A test that needs one
// fails when no server answers, so that a machine without PostgreSQL never
// passes the PostgreSQL tests by skipping them; RASD_SKIP_POSTGRES=1 skips
// them on purpose.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultServer is the server tests use unless RASD_TEST_POSTGRES names
// another: the local one, as the rasd role scripts/postgres-up creates.
const DefaultServer = "postgres://rasd:rasd@127.0.0.1:5432/rasd?sslmode=disable"

// Server returns the URL of the test server's maintenance database.
func Server() string {
	if s := os.Getenv("RASD_TEST_POSTGRES"); s != "" {
		return s
	}
	return DefaultServer
}

// NewDatabase creates an empty database for one test and drops it when the
// test ends; it returns the database's URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	if os.Getenv("RASD_SKIP_POSTGRES") == "1" {
		t.Skip("RASD_SKIP_POSTGRES=1: PostgreSQL tests skipped")
	}
	server := Server()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("no PostgreSQL server for the tests at %s: %v\n"+
			"start one with scripts/postgres-up, point RASD_TEST_POSTGRES at another, or set RASD_SKIP_POSTGRES=1 to skip these tests", server, err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	name := "rasd_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database %s on %s: %v", name, server, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("RASD_TEST_POSTGRES %q: %v", server, err)
	}
	u.Path = "/" + name
	return u.String()
}
