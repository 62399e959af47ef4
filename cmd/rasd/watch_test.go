package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// newsSite is a local outlet for the watch tests: a feed at /rss.xml that
// answers conditional requests, article pages, and a robots.txt. It counts
// the requests each path gets.
type newsSite struct {
	t  *testing.T
	ts *httptest.Server

	mu      sync.Mutex
	items   []siteItem // newest first, as feeds list them
	version int        // the feed's ETag; bumped by add
	hits    map[string]int
}

type siteItem struct {
	path, title, body string
	published         time.Time
	status            int // 0: 200
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{t: t, hits: map[string]int{}, version: 1}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.ts.Close)
	return s
}

func (s *newsSite) add(items ...siteItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = append(items, s.items...)
	s.version++
}

func (s *newsSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *newsSite) totalHits() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.hits {
		out[k] = v
	}
	return out
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := r.URL.Path
	if r.Header.Get("If-None-Match") != "" && r.URL.Path == "/rss.xml" {
		key += " (conditional)"
	}
	s.hits[key]++
	switch r.URL.Path {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		return
	case "/rss.xml":
		etag := fmt.Sprintf(`"v%d"`, s.version)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>المرصد المحلي</title>`)
		for _, it := range s.items {
			// A tracking parameter on the link must not make the article new.
			fmt.Fprintf(w, "<item><title>%s</title><link>%s%s?utm_source=rss</link><pubDate>%s</pubDate></item>",
				it.title, s.ts.URL, it.path, it.published.Format(time.RFC1123Z))
		}
		fmt.Fprint(w, `</channel></rss>`)
		return
	}
	for _, it := range s.items {
		if it.path == r.URL.Path {
			if it.status != 0 {
				w.WriteHeader(it.status)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><meta charset=\"utf-8\"><title>%s</title></head><body><article><h1>%s</h1><p>%s</p></article></body></html>",
				it.title, it.title, it.body)
			return
		}
	}
	http.NotFound(w, r)
}

func (s *newsSite) sourcesFile(t *testing.T) string {
	return writeFile(t, "sources.txt", []byte("# the local outlet\n"+s.ts.URL+"/rss.xml 1m المرصد المحلي\n"))
}

// Sentences of our own, one attack each, in governorates of Syria.
var attackSentences = []string{
	"هاجم مسلحو تنظيم داعش حاجزا لقوات سوريا الديمقراطية قرب بلدة الشحيل بريف دير الزور الشرقي، ما أسفر عن مقتل ثلاثة عناصر من قسد.",
	"قتل جنديان من قوات النظام السوري في هجوم شنه مسلحو تنظيم داعش على نقطة عسكرية قرب مدينة الميادين في ريف دير الزور.",
	"استهدف تنظيم داعش بعبوة ناسفة سيارة لقوات سوريا الديمقراطية في بلدة ذيبان بريف دير الزور، ما أدى إلى مقتل عنصرين.",
}

// Restarting watch fetches and stores nothing it already has: the feed is
// asked conditionally and answers 304, no article page is fetched again,
// and only a new item is taken once the feed changes. A page disallowed by
// robots.txt is never fetched; one that answers 404 is tried once.
func TestWatchRestartRefetchesNothing(t *testing.T) {
	site := newNewsSite(t)
	day := time.Date(2019, 3, 27, 9, 0, 0, 0, time.UTC)
	site.add(
		siteItem{path: "/news/1", title: "هجوم في الشحيل", body: attackSentences[0], published: day},
		siteItem{path: "/news/2", title: "هجوم في الميادين", body: attackSentences[1], published: day},
		siteItem{path: "/news/gone", title: "خبر محذوف", published: day, status: http.StatusNotFound},
		siteItem{path: "/private/3", title: "خبر محجوب", body: attackSentences[2], published: day},
	)
	db := filepath.Join(t.TempDir(), "rasd.db")
	sources := site.sourcesFile(t)
	watchOnce := func() string {
		t.Helper()
		code, _, stderr := runRasd(t, "", "watch", "--once", "--db", db, "--sources", sources, "--allow-private")
		if code != 0 {
			t.Fatalf("watch --once: exit %d\n%s", code, stderr)
		}
		return stderr
	}

	watchOnce()
	if n := counts(t, db); n.Documents != 2 || n.Events == 0 {
		t.Fatalf("first run stored %+v, want 2 documents with events", n)
	}
	for path, want := range map[string]int{"/rss.xml": 1, "/news/1": 1, "/news/2": 1, "/news/gone": 1, "/private/3": 0, "/robots.txt": 1} {
		if got := site.hitsOf(path); got != want {
			t.Errorf("first run: %s fetched %d times, want %d", path, got, want)
		}
	}
	before := site.totalHits()

	stderr := watchOnce()
	after := site.totalHits()
	for path, n := range after {
		if path == "/rss.xml (conditional)" || path == "/robots.txt" {
			continue
		}
		if n != before[path] {
			t.Errorf("restart: %s fetched again (%d, before %d)", path, n, before[path])
		}
	}
	if after["/rss.xml (conditional)"] != 1 {
		t.Errorf("restart: the feed was not asked conditionally: %v", after)
	}
	if !strings.Contains(stderr, "not_modified=1") {
		t.Errorf("restart: the round does not say the feed was not modified:\n%s", stderr)
	}
	if n := counts(t, db); n.Documents != 2 {
		t.Errorf("restart stored %d documents, want 2", n.Documents)
	}

	site.add(siteItem{path: "/news/4", title: "هجوم في ذيبان", body: attackSentences[2], published: day.Add(24 * time.Hour)})
	watchOnce()
	final := site.totalHits()
	if final["/news/4"] != 1 || final["/news/1"] != 1 || final["/news/2"] != 1 || final["/news/gone"] != 1 {
		t.Errorf("after a new item: %v; want the new page fetched once and the old ones not again", final)
	}
	if n := counts(t, db); n.Documents != 3 {
		t.Errorf("after a new item: %d documents, want 3", n.Documents)
	}
}

func TestSourcesCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rasd.db")
	if code, out, stderr := runRasd(t, "", "sources", "add", "--db", db, "https://example.org/rss.xml", "2m", "الجزيرة", "نت"); code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("sources add: exit %d, %q %q", code, out, stderr)
	}
	if code, out, _ := runRasd(t, "", "sources", "add", "--db", db, "https://example.org/rss.xml"); code != 0 || !strings.Contains(out, "updated") {
		t.Errorf("sources add again: exit %d, %q", code, out)
	}
	if code, out, stderr := runRasd(t, "", "sources", "list", "--db", db); code != 0 || !strings.Contains(out, "https://example.org/rss.xml") {
		t.Errorf("sources list: exit %d, %q %q", code, out, stderr)
	}
	if code, _, stderr := runRasd(t, "", "sources", "remove", "--db", db, "https://example.org/other"); code != 1 || !strings.Contains(stderr, "no source") {
		t.Errorf("sources remove of an unknown source: exit %d, %q", code, stderr)
	}
	if code, out, _ := runRasd(t, "", "sources", "remove", "--db", db, "https://example.org/rss.xml"); code != 0 || !strings.Contains(out, "removed") {
		t.Errorf("sources remove: exit %d, %q", code, out)
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"sources", "add", "--db", db, "ftp://example.org/"}, "not an http(s) URL"},
		{[]string{"sources", "add", "--db", db, "https://example.org/", "5"}, "interval"},
		{[]string{"sources", "add", "--db", db, "https://example.org/", "1s"}, "shorter than"},
		{[]string{"sources", "add", "--db", db}, "give a feed or page URL"},
		{[]string{"sources", "frob"}, "want add, list or remove"},
		{[]string{"watch", "--once", "--db", db}, "no sources"},
		{[]string{"watch", "--db", db, "--sources", filepath.Join(t.TempDir(), "missing.txt")}, "--sources"},
		{[]string{"watch", "--db", db, "--interval", "1s"}, "--interval"},
		{[]string{"worker"}, "--db postgres://"},
		{[]string{"worker", "--db", db}, "needs a PostgreSQL store"},
		{[]string{"worker", "--db", "postgres://x/y", "--concurrency", "0"}, "--concurrency"},
		{[]string{"jobs", "--db", db}, "PostgreSQL store"},
		{[]string{"ingest", "--queue", "--db", db, writeFile(t, "q.txt", []byte(sampleArticle))}, "--queue needs a PostgreSQL store"},
	} {
		code, _, stderr := runRasd(t, "", c.args...)
		if code != 2 || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.msg)
		}
	}
	bad := writeFile(t, "bad-sources.txt", []byte("https://example.org/a\nnot a url\n"))
	if code, _, stderr := runRasd(t, "", "watch", "--db", db, "--sources", bad); code != 2 || !strings.Contains(stderr, "bad-sources.txt:2") {
		t.Errorf("watch with a bad sources file: exit %d, %q", code, stderr)
	}
}

// A source that is a page, not a feed, is the article itself: stored once
// however often it is polled, since its text's hash is the same.
func TestWatchPageSource(t *testing.T) {
	site := newNewsSite(t)
	site.add(siteItem{path: "/news/1", title: "هجوم في الشحيل", body: attackSentences[0], published: time.Date(2019, 3, 27, 9, 0, 0, 0, time.UTC)})
	db := filepath.Join(t.TempDir(), "rasd.db")
	sources := writeFile(t, "sources.txt", []byte(site.ts.URL+"/news/1 المرصد المحلي\n"))
	for range 2 {
		if code, _, stderr := runRasd(t, "", "watch", "--once", "--db", db, "--sources", sources, "--allow-private"); code != 0 {
			t.Fatalf("watch --once: exit %d\n%s", code, stderr)
		}
	}
	if n := counts(t, db); n.Documents != 1 || n.Events == 0 {
		t.Errorf("stored %+v, want the page once with its events", n)
	}
	if got := site.hitsOf("/news/1"); got != 2 {
		t.Errorf("the page was fetched %d times, want once a poll", got)
	}
}
