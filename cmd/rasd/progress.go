package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"rasd/internal/ingest"
)

// progress shows how an ingest goes: a bar on a terminal, a log line every
// logEvery otherwise (a log file gains nothing from a redrawn bar). Messages
// about skipped inputs go through it so they never land inside the bar.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	bar     *progressbar.ProgressBar
	start   time.Time
	lastLog time.Time
	read    int
	events  int
	done    bool // finish was called
}

const logEvery = 10 * time.Second

func newProgress(w io.Writer, terminal bool) *progress {
	p := &progress{w: w, start: time.Now(), lastLog: time.Now()}
	if terminal {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionFullWidth(),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// update records that read documents have been dealt with, events stored.
func (p *progress) update(read, events int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.read, p.events = read, events
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("ingest: %d events", events))
		if m := p.bar.GetMax64(); m > 0 && int64(read) >= m {
			// The total was estimated (countFile) short: a bar at its
			// total finishes, and would show nothing more until the end.
			p.bar.ChangeMax64(int64(read) + 1)
		}
		p.bar.Set64(int64(read))
		return
	}
	if now := time.Now(); now.Sub(p.lastLog) >= logEvery {
		p.lastLog = now
		fmt.Fprintf(p.w, "rasd ingest: %d documents, %d events, %.0f docs/s\n", read, events, float64(read)/now.Sub(p.start).Seconds())
	}
}

// printf writes one line of its own above the bar. After finish it writes
// nothing: a reader an interrupted run left behind must not speak after
// the summary.
func (p *progress) printf(format string, a ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintf(p.w, format+"\n", a...)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = true
	if p.bar != nil {
		p.bar.Finish()
	}
}

// estimate counts, in the background, the documents the local targets hold,
// so that the bar can show how far along it is and when it should end. It
// gives up (the bar then shows a count and a rate only) on URLs, standard
// input and feeds, whose item count is only known by reading them.
func (p *progress) estimate(targets []string) {
	if p.bar == nil {
		return
	}
	total := 0
	for _, t := range targets {
		n, ok := countDocuments(t)
		if !ok {
			return
		}
		total += n
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if int64(total) > p.bar.State().CurrentNum {
		p.bar.ChangeMax64(int64(total))
	}
}

func countDocuments(target string) (int, bool) {
	if target == "-" || strings.Contains(target, "://") {
		return 0, false
	}
	info, err := os.Stat(target)
	if err != nil {
		return 0, true // reported as a failure when it is read
	}
	if !info.IsDir() {
		return countFile(target)
	}
	total, ok := 0, true
	filepath.WalkDir(target, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !ok {
			return nil
		}
		if path != target && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			var n int
			n, ok = countFile(path)
			total += n
		}
		return nil
	})
	return total, ok
}

// countFile counts (or, compressed, estimates) the documents of one file by
// its name, as ingest.Read tells kinds apart: a line per JSON Lines record,
// one per page or text file, none for a kind a directory walk passes over.
// Feeds and names that are sniffed make the count unknown.
func countFile(path string) (int, bool) {
	name := strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".gz")
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson":
	case ".txt", ".text", ".html", ".htm", ".xhtml":
		return 1, true
	case ".rss", ".atom", ".xml", ".json", "":
		return 0, false
	default:
		return 0, true
	}
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return 0, true // a named pipe must not be opened: that waits for a writer
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, true
	}
	defer f.Close()
	if !strings.HasSuffix(strings.ToLower(path), ".gz") {
		return countLines(f, func() bool { return false }), true
	}
	// A compressed file is counted from its first gzSample bytes, and
	// the count scaled to the file's size: decompressing all of it, on a
	// core that ingest's workers want, cost 0.4 CPU-s on the bench corpus
	// (85 MB of JSON Lines in 24 MB), for a bar's total.
	cr := &ingest.CountingReader{R: f}
	zr, err := gzip.NewReader(bufio.NewReaderSize(cr, 4<<10))
	if err != nil {
		return 0, true
	}
	n := countLines(zr, func() bool { return cr.N >= gzSample })
	st, err := f.Stat()
	if err != nil || cr.N < gzSample || cr.N >= st.Size() {
		return n, true // read to its end: the count is exact
	}
	return int(float64(n) * float64(st.Size()) / float64(cr.N)), true
}

// gzSample is how much of a compressed file countFile reads.
const gzSample = 2 << 20

// countLines counts the newlines r gives until it ends or enough says so.
func countLines(r io.Reader, enough func() bool) int {
	n := 0
	buf := make([]byte, 256<<10)
	for {
		k, err := r.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil || enough() {
			return n
		}
	}
}
