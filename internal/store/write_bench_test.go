package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/extract"
	"rasd/internal/mention"
)

// benchWritePath is the benchmark corpus in ../shared beside the repository.
var benchWritePath = filepath.Join("..", "..", "..", "shared", "data", "bench", "ant-2018-news.jsonl.gz")

// benchPrepared extracts and prepares the first n articles of the bench
// corpus, as rasd ingest hands them to the store, or skips the benchmark
// when the corpus is absent.
func benchPrepared(b *testing.B, n int) ([]*Prepared, int) {
	b.Helper()
	f, err := os.Open(benchWritePath)
	if err != nil {
		b.Skipf("benchmark corpus not available (%v): it lives in ../shared beside the repository", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	lex, err := mention.Load()
	if err != nil {
		b.Fatal(err)
	}
	x := extract.New(lex)
	var out []*Prepared
	bytes := 0
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for len(out) < n && sc.Scan() {
		var j struct{ ID, Source, Published, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &j); err != nil || j.Text == "" {
			continue
		}
		doc := &document.Document{ID: j.ID, Source: j.Source, Title: j.Title, Text: j.Text}
		if len(j.Published) >= 10 {
			doc.Published, _ = time.Parse("2006-01-02", j.Published[:10])
		}
		res, a := x.ExtractAnalyzed(doc)
		p, err := PrepareAnalyzed(doc, res, a)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, p)
		bytes += len(doc.Text)
	}
	return out, bytes / max(len(out), 1)
}

// BenchmarkSQLiteAddBatch is the store's share of rasd ingest: batches of
// prepared bench articles (their events, clusters and full-text index)
// written to a new SQLite file, in articles/s. A fresh file is opened, off
// the clock, whenever the articles run out, so that every write adds.
func BenchmarkSQLiteAddBatch(b *testing.B) {
	const batch = 64
	prepared, avg := benchPrepared(b, 8*batch)
	ctx := context.Background()
	var st Store
	next := len(prepared)
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	n := 0
	for b.Loop() {
		if next+batch > len(prepared) {
			b.StopTimer()
			if st != nil {
				st.Close()
			}
			var err error
			if st, err = Open(ctx, filepath.Join(b.TempDir(), "rasd.db")); err != nil {
				b.Fatal(err)
			}
			next = 0
			b.StartTimer()
		}
		if _, err := st.AddBatch(ctx, prepared[next:next+batch]); err != nil {
			b.Fatal(err)
		}
		next += batch
		n += batch
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)/s, "articles/s")
		b.ReportMetric(float64(n*avg)/1e6/s, "MB/s")
	}
}

// BenchmarkSQLiteIngestCorpus is the store's whole share of `rasd ingest`
// of the bench corpus: every article extracted and prepared first (off the
// clock), then all of them written into a new SQLite file as ingest writes
// them (batches of 256, the store opened Unmapped, closed at the end). It
// reports the write's CPU (user + sys, the collector's included, over a
// heap that holds the whole prepared corpus), which a busy machine inflates
// far less than its wall time, and the wall time. Each iteration writes the
// corpus twice, alternately: plain, and pipelined, with the documents read
// first marked unseen as ingest into a new store marks them, so that the
// writer's statements run on a goroutine of their own (pipeTx) while it
// judges the next events; ingest's writer is the one part of the command
// that extraction cannot overlap.
//
//	go test -run '^$' -bench SQLiteIngestCorpus -benchtime 3x ./internal/store
func BenchmarkSQLiteIngestCorpus(b *testing.B) {
	prepared, _ := benchPrepared(b, 1<<30)
	first := make([]bool, len(prepared))
	seen := map[string]bool{}
	for i, p := range prepared {
		first[i] = !seen[p.hash]
		seen[p.hash] = true
	}
	ctx := context.Background()
	var cpu, wall [2]time.Duration
	for b.Loop() {
		for v, pipelined := range []bool{false, true} {
			for i, p := range prepared {
				p.unseen = pipelined && first[i]
			}
			st, err := Open(ctx, filepath.Join(b.TempDir(), "rasd.db"), Unmapped())
			if err != nil {
				b.Fatal(err)
			}
			before, start := cpuTime(), time.Now()
			for i := 0; i < len(prepared); i += 256 {
				if _, err := st.AddBatch(ctx, prepared[i:min(i+256, len(prepared))]); err != nil {
					b.Fatal(err)
				}
			}
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
			cpu[v] += cpuTime() - before
			wall[v] += time.Since(start)
		}
	}
	n := float64(b.N)
	b.ReportMetric(cpu[0].Seconds()/n, "plain-cpu-s/op")
	b.ReportMetric(wall[0].Seconds()/n, "plain-wall-s/op")
	b.ReportMetric(cpu[1].Seconds()/n, "pipelined-cpu-s/op")
	b.ReportMetric(wall[1].Seconds()/n, "pipelined-wall-s/op")
}

// cpuTime is the process's CPU time so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
