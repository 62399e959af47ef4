package ingest

import (
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// site is a local news site for the tests: the pages and feeds in testdata,
// generated item pages, and the misbehaving servers a crawler meets.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	agents map[string]bool
}

// cp1256Sentence is written to the windows-1256 pages; it must come back
// exactly.
const cp1256Sentence = "أفاد مراسلنا بأن قذيفة هاون سقطت على حي سكني في مدينة درعا صباح السبت دون وقوع إصابات."

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{hits: map[string]int{}, agents: map[string]bool{}}
	release := make(chan struct{})
	mux := http.NewServeMux()
	file := func(name, contentType string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, err := os.ReadFile("testdata/" + name)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", contentType)
			w.Write([]byte(strings.ReplaceAll(string(b), "{{base}}", s.URL)))
		}
	}
	mux.HandleFunc("/article", file("article.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/broken", file("broken.html", "text/html"))
	mux.HandleFunc("/rss.xml", file("rss.xml", "application/rss+xml"))
	mux.HandleFunc("/feeds/atom", file("atom.xml", "application/atom+xml"))
	mux.HandleFunc("/empty.xml", file("empty.xml", "text/xml"))
	mux.HandleFunc("/news/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscan(r.PathValue("n"), &n); err != nil || n < 1 || n > 3 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, newsPage(n))
	})
	cp1256 := func(meta, header string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			page := "<html><head>" + meta + "<title>قذيفة على درعا</title></head><body><article><h1>قذيفة على درعا</h1><p>" +
				cp1256Sentence + "</p><p>" + cp1256Sentence + "</p><p>" + cp1256Sentence + "</p></article></body></html>"
			b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(page))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", header)
			w.Write(b)
		}
	}
	mux.HandleFunc("/cp1256/meta", cp1256(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`, "text/html"))
	mux.HandleFunc("/cp1256/header", cp1256("", "text/html; charset=windows-1256"))
	mux.HandleFunc("/cp1256/undeclared", cp1256("", "text/html"))
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) { writeHuge(w, false) })
	mux.HandleFunc("/huge-announced", func(w http.ResponseWriter, r *http.Request) { writeHuge(w, true) })
	gzipped := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/gzip")
			zw := gzip.NewWriter(w)
			zw.Write([]byte(body))
			zw.Close()
		}
	}
	mux.HandleFunc("/export.gz", gzipped(`{"id":"e1","text":"نص أول"}`+"\n"+`{"text":"نص ثان"}`+"\n"))
	mux.HandleFunc("/bomb.gz", gzipped(strings.Repeat("خ", 1<<20)))
	// /redirect?to=URL sends the client on to URL; /hops/N goes through N
	// redirects to the article.
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	mux.HandleFunc("/hops/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscan(r.PathValue("n"), &n); err != nil || n < 1 {
			http.NotFound(w, r)
			return
		}
		next := "/article"
		if n > 1 {
			next = fmt.Sprintf("/hops/%d", n-1)
		}
		http.Redirect(w, r, next, http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.agents[r.UserAgent()] = true
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(release) }) // runs first: Close waits for handlers
	return s
}

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// hugeSize is the body /huge sends: far over any cap the tests set.
const hugeSize = 50 << 20

// writeHuge streams hugeSize bytes from one small buffer, so the test
// never holds them, and stops when the client hangs up.
func writeHuge(w http.ResponseWriter, announce bool) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if announce {
		w.Header().Set("Content-Length", fmt.Sprint(hugeSize))
	}
	chunk := []byte(strings.Repeat("<p>نص طويل جدا</p>\n", 1024))
	for sent := 0; sent < hugeSize; {
		n := min(len(chunk), hugeSize-sent)
		if _, err := w.Write(chunk[:n]); err != nil {
			return
		}
		sent += n
	}
}

// The item pages: one per feed item, each with its own date in its markup.
var newsDates = map[int]string{1: "2019-03-28", 2: "2019-03-29", 3: "2019-03-30"}

func newsTitle(n int) string { return fmt.Sprintf("الخبر الكامل رقم %d", n) }

func newsPage(n int) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<meta property="og:title" content="%[2]s"><meta property="og:site_name" content="وكالة الاختبار">
<meta property="article:published_time" content="%[3]sT12:00:00Z"></head>
<body><nav><a href="/">الرئيسية</a></nav><article><h1>%[2]s</h1>
<p>هذا هو النص الكامل للخبر رقم %[1]d كما نشرته وكالة الاختبار على موقعها، وهو أطول من الوصف المختصر الذي يرد في الخلاصة.</p>
<p>ويتضمن النص تفاصيل إضافية عن المكان والزمان وعدد الضحايا، نقلا عن مصادر محلية وشهود عيان تحدثوا إلى مراسل الوكالة.</p>
<p>وتواصل الوكالة متابعة التطورات الميدانية في المنطقة، وستنشر أي معلومات جديدة فور التحقق منها.</p>
</article></body></html>`, n, newsTitle(n), newsDates[n])
}

// testFetcher is polite in every way but the pause, which TestDelay checks
// with a fake clock. It may reach private addresses, since the test sites
// listen on the loopback interface; the tests of the guard turn that off.
func testFetcher(t *testing.T, mod func(*FetchConfig)) *Fetcher {
	t.Helper()
	cfg := DefaultFetchConfig()
	cfg.Delay = 0
	cfg.Timeout = 10 * time.Second
	cfg.AllowPrivate = true
	if mod != nil {
		mod(&cfg)
	}
	f, err := NewFetcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// result is what one Read call produced.
type result struct {
	docs []*Document
	errs []error
}

func (r *result) ids() []string {
	var ids []string
	for _, d := range r.docs {
		ids = append(ids, d.ID)
	}
	return ids
}

func readAll(t *testing.T, target string, opt Options) *result {
	t.Helper()
	res := &result{}
	err := Read(context.Background(), target, opt, func(d *Document, err error) error {
		if err != nil {
			res.errs = append(res.errs, err)
			return nil
		}
		res.docs = append(res.docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s) = %v", target, err)
	}
	return res
}

// one is the single document a target must yield, without errors.
func (r *result) one(t *testing.T) *Document {
	t.Helper()
	if len(r.errs) > 0 || len(r.docs) != 1 {
		t.Fatalf("want one document, got %d and errors %v", len(r.docs), r.errs)
	}
	return r.docs[0]
}
