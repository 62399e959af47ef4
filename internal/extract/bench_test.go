package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"rasd/internal/document"
	"testing"

	"rasd/internal/ingest"
)

// benchDocs reads up to n articles of the benchmark corpus in
// ../shared/data/bench, or skips the benchmark when it is absent.
func benchDocs(b *testing.B, n int) []*document.Document {
	b.Helper()
	path := filepath.Join("..", "..", "..", "shared", "data", "bench", "ant-2018-news.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("benchmark corpus not available (%v): it lives in ../shared beside the repository", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*document.Document
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && len(docs) < n {
		var j struct{ ID, Published, Text string }
		if err := json.Unmarshal(sc.Bytes(), &j); err != nil || j.Text == "" {
			continue
		}
		doc := &document.Document{ID: j.ID, Text: j.Text}
		doc.Published, _ = ingest.ParseDate(j.Published)
		docs = append(docs, doc)
	}
	return docs
}

// BenchmarkExtract is the whole extractor (mentions, frames, merge,
// records) on real news; run with -cpu 1 for the per-core figure, which
// b.ReportMetric gives as docs/s.
func BenchmarkExtract(b *testing.B) {
	docs := benchDocs(b, 2000)
	x, err := loadExtractor()
	if err != nil {
		b.Fatal(err)
	}
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
