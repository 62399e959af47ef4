package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rasd/internal/document"
)

// benchPath is the benchmark corpus in ../shared beside the repository.
var benchPath = filepath.Join("..", "..", "..", "shared", "data", "bench", "ant-2018-news.jsonl.gz")

// benchArticle is one line of the bench corpus.
type benchArticle struct {
	ID, Published, Text, Category string
}

// readBench calls fn for up to n articles of the bench corpus (all when n
// is 0), or skips the test when the corpus is absent.
func readBench(tb testing.TB, n int, fn func(benchArticle, *document.Document)) {
	tb.Helper()
	f, err := os.Open(benchPath)
	if err != nil {
		tb.Skipf("benchmark corpus not available (%v): it lives in ../shared beside the repository", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for k := 0; sc.Scan() && (n == 0 || k < n); {
		var j benchArticle
		if err := json.Unmarshal(sc.Bytes(), &j); err != nil || j.Text == "" {
			continue
		}
		doc := &document.Document{ID: j.ID, Text: j.Text}
		if len(j.Published) >= 10 {
			doc.Published, _ = time.Parse("2006-01-02", j.Published[:10])
		}
		fn(j, doc)
		k++
	}
}

// BenchmarkExtract is the whole extractor (mentions, rules, merge,
// records) on real news; run with -cpu 1 for the per-core figure, which
// b.ReportMetric gives as docs/s.
func BenchmarkExtract(b *testing.B) {
	var docs []*document.Document
	readBench(b, 2000, func(_ benchArticle, d *document.Document) { docs = append(docs, d) })
	x := extractor(b)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size / len(docs)))
	i := 0
	for b.Loop() {
		x.Extract(docs[i%len(docs)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
