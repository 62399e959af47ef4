package store

import (
	"context"
	"path/filepath"
	"testing"
)

// Ingest opens its store Unmapped: no page of the file it reads counts in
// its resident memory.
func TestUnmappedSQLiteMapsNothing(t *testing.T) {
	for _, c := range []struct {
		opts []Option
		want int64
	}{{nil, 2147418112}, {[]Option{Unmapped()}, 0}} {
		st, err := Open(context.Background(), filepath.Join(t.TempDir(), "rasd.db"), c.opts...)
		if err != nil {
			t.Fatal(err)
		}
		var got int64
		err = st.(*sqliteStore).db.QueryRow(`PRAGMA mmap_size`).Scan(&got)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%d options: mmap_size %d, want %d", len(c.opts), got, c.want)
		}
	}
}
