package extract

import (
	"sync"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/numbers"
	"rasd/internal/text"
	"rasd/internal/timex"
)

// The stage benchmarks run over the whole bench corpus, cycling, one
// article an iteration, and report articles/s and MB/s of the stage alone:
// where a stage needs the output of earlier ones (the finders need an
// analysis, the rules need mentions), those are made in the iteration but
// outside the stage's own clock, so ns/op is the iteration's and the
// metrics are the stage's. Run them on one core, old against new in one
// run (docs/performance.md):
//
//	go test -run '^$' -bench Stage -cpu 1 ./internal/extract

var (
	corpusOnce sync.Once
	corpusDocs []*document.Document
)

// benchCorpus is every article of the bench corpus that has text.
func benchCorpus(b *testing.B) []*document.Document {
	b.Helper()
	corpusOnce.Do(func() {
		readBench(b, 0, func(_ benchArticle, d *document.Document) { corpusDocs = append(corpusDocs, d) })
	})
	if len(corpusDocs) == 0 {
		b.Skip("benchmark corpus not available: it lives in ../shared beside the repository")
	}
	return corpusDocs
}

// stageClock sums the time and bytes of one stage over a benchmark.
type stageClock struct {
	d     time.Duration
	bytes int
	n     int
}

func (c *stageClock) time(bytes int, f func()) {
	t := time.Now()
	f()
	c.d += time.Since(t)
	c.bytes += bytes
	c.n++
}

func (c *stageClock) report(b *testing.B) {
	if c.d <= 0 {
		return
	}
	b.ReportMetric(float64(c.n)/c.d.Seconds(), "articles/s")
	b.ReportMetric(float64(c.bytes)/1e6/c.d.Seconds(), "MB/s")
}

func BenchmarkStage(b *testing.B) {
	docs := benchCorpus(b)
	x := extractor(b)
	lex := x.lex
	// each runs one stage on doc, timing only the stage itself.
	stages := []struct {
		name string
		run  func(c *stageClock, d *document.Document)
	}{
		{"Normalize", func(c *stageClock, d *document.Document) {
			c.time(len(d.Text), func() { text.Normalize(d.Text) })
		}},
		{"Analyze", func(c *stageClock, d *document.Document) {
			c.time(len(d.Text), func() { text.Analyze(d.Text) })
		}},
		{"Places", func(c *stageClock, d *document.Document) {
			a := text.Analyze(d.Text)
			c.time(len(d.Text), func() { lex.Places.Find(a) })
		}},
		{"Actors", func(c *stageClock, d *document.Document) {
			a := text.Analyze(d.Text)
			c.time(len(d.Text), func() { lex.Actors.Find(a) })
		}},
		{"Triggers", func(c *stageClock, d *document.Document) {
			a := text.Analyze(d.Text)
			c.time(len(d.Text), func() { lex.Triggers.Find(a) })
		}},
		{"Numbers", func(c *stageClock, d *document.Document) {
			a := text.Analyze(d.Text)
			c.time(len(d.Text), func() { numbers.Find(a) })
		}},
		{"Dates", func(c *stageClock, d *document.Document) {
			a := text.Analyze(d.Text)
			c.time(len(d.Text), func() { timex.Find(a, d.Published) })
		}},
		{"Mentions", func(c *stageClock, d *document.Document) {
			c.time(len(d.Text), func() { lex.Find(d.Text, d.Published) })
		}},
		// Frames, merge, settling and records: everything after the finders.
		{"Rules", func(c *stageClock, d *document.Document) {
			set := lex.Find(d.Text, d.Published)
			c.time(len(d.Text), func() { x.code(d, set, event.Result{}, false) })
		}},
		{"Extract", func(c *stageClock, d *document.Document) {
			c.time(len(d.Text), func() { x.Extract(d) })
		}},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			var c stageClock
			i := 0
			cpu0 := cpuTime()
			for b.Loop() {
				st.run(&c, docs[i%len(docs)])
				i++
			}
			c.report(b)
			// The process's CPU time (every thread, the collector's too) is
			// steadier than the wall clock on a machine shared with other
			// work: time spent waiting for a core is not counted.
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
