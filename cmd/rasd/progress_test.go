package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestCountFile: the documents of a JSON Lines file are counted exactly,
// and so are those of a small compressed one; a large compressed one is
// counted from its first gzSample bytes, the count scaled to its size.
func TestCountFile(t *testing.T) {
	dir := t.TempDir()
	lines := func(n int) []byte {
		// Random words, so that the compressed file is large.
		rng := rand.New(rand.NewPCG(1, 2))
		var b bytes.Buffer
		for i := range n {
			fmt.Fprintf(&b, `{"id":"%d","text":"`, i)
			for range 20 + rng.IntN(40) {
				fmt.Fprintf(&b, "%x ", rng.Uint64())
			}
			b.WriteString("\"}\n")
		}
		return b.Bytes()
	}
	write := func(name string, data []byte, compress bool) string {
		path := filepath.Join(dir, name)
		if compress {
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(data)
			zw.Close()
			data = z.Bytes()
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	small, large := lines(1000), lines(30000)
	for _, c := range []struct {
		path       string
		want, slop int
	}{
		{write("a.jsonl", large, false), 30000, 0},
		{write("a.jsonl.gz", small, true), 1000, 0},
		{write("b.jsonl.gz", large, true), 30000, 1500},
	} {
		n, ok := countFile(c.path)
		if !ok || n < c.want-c.slop || n > c.want+c.slop {
			t.Errorf("%s: %d documents (%v), want %d ± %d", filepath.Base(c.path), n, ok, c.want, c.slop)
		}
	}
	if st, _ := os.Stat(filepath.Join(dir, "b.jsonl.gz")); st.Size() < 2*gzSample {
		t.Errorf("the large file is %d bytes compressed: too small to be sampled", st.Size())
	}
}
