package ingest

import (
	"context"
	"os"
	"testing"
)

// BenchmarkReadHTML is the cost of one article page: charset, parse,
// boilerplate, go-readability's extraction and the metadata reader.
func BenchmarkReadHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := readHTML(page, "text/html; charset=utf-8", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCorpus reads the whole shared corpus (gzip, JSON Lines)
// through Read; run it with -benchtime 1x. Two of its lines have no text
// and are reported, as any such line is.
func BenchmarkReadCorpus(b *testing.B) {
	const path = "../../../shared/data/bench/ant-2018-news.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("shared corpus not found at %s: %v", path, err)
	}
	for b.Loop() {
		docs, failed := 0, 0
		err := Read(context.Background(), path, Options{}, func(d *Document, err error) error {
			if err != nil {
				failed++
			} else {
				docs++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(docs), "docs/op")
		b.ReportMetric(float64(failed), "failed/op")
	}
}
