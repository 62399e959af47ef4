package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tree writes files (slash-separated names) under a fresh directory.
func tree(t *testing.T, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for name, b := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestReadTextFileTarget(t *testing.T) {
	p := writeFile(t, "a1.txt", []byte("\xef\xbb\xbf\n عنوان الخبر \nنص الخبر هنا."))
	published := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	doc := readAll(t, p, Options{Published: published, Source: "مصدر", URL: "https://example.org/a1"}).one(t)
	want := Document{ID: "a1", Source: "مصدر", URL: "https://example.org/a1", Published: published, Title: "عنوان الخبر", Text: "\n عنوان الخبر \nنص الخبر هنا."}
	if *doc != want {
		t.Errorf("got %+v\nwant %+v", *doc, want)
	}
	// The same file through the older entry point gives the same document.
	old, err := ReadTextFile(p, TextOptions{Source: "مصدر", URL: "https://example.org/a1", Published: published})
	if err != nil || *old != want {
		t.Errorf("ReadTextFile: %+v, %v", old, err)
	}
}

func TestReadDirectory(t *testing.T) {
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	root := tree(t, map[string][]byte{
		"b/2.txt":            []byte("خبر ثان\nنص"),
		"b/1.txt":            []byte("خبر أول\nنص"),
		"a.html":             article,
		"c/lines.jsonl":      []byte(`{"id":"x","text":"نص أول"}` + "\n" + `{"text":"نص بلا معرف"}` + "\n"),
		"d/old.txt.gz":       gz(t, []byte("خبر مضغوط\nنص")),
		"d/page.html.gz":     gz(t, article),
		"e/noext":            []byte("خبر بلا امتداد\nنص"),
		"e/feed":             []byte(`<rss version="2.0"><channel><title>قناة</title><item><title>بند</title><description>وصف البند</description></item></channel></rss>`),
		".hidden/skip.txt":   []byte("مخفي"),
		"e/.skip.txt":        []byte("مخفي"),
		"e/photo.png":        {0x89, 'P', 'N', 'G', 0},
		"e/notes.md":         []byte("# ملاحظات"),
		"f/bad.txt":          {0x7f, 'E', 'L', 'F', 0},
		"f/cp1256.txt":       {0xc7, 0xe1, 0xd1, 0xde},
		"f/empty/README.txt": []byte("  \n"),
	})
	res := readAll(t, root, Options{NoFollow: true})
	want := "a b/1 b/2 x c/lines.jsonl:2 d/old d/page e/feed#1 e/noext"
	if got := strings.Join(res.ids(), " "); got != want {
		t.Errorf("ids %q", got)
	}
	wantErrs := []string{
		"e/notes.md: passed over: not a kind of file rasd reads (.md)",
		"e/photo.png: passed over: not a kind of file rasd reads (.png)",
		"f/bad.txt: binary data", "f/cp1256.txt: invalid UTF-8 at byte 0", "f/empty/README.txt: no text",
	}
	if len(res.errs) != len(wantErrs) {
		t.Fatalf("errors %v", res.errs)
	}
	for i, err := range res.errs {
		if !strings.Contains(filepath.ToSlash(err.Error()), wantErrs[i]) {
			t.Errorf("error %d: %v, want %q", i, err, wantErrs[i])
		}
		if passed := strings.Contains(wantErrs[i], "passed over"); errors.Is(err, ErrPassedOver) != passed {
			t.Errorf("error %d: %v: errors.Is(err, ErrPassedOver) is %v", i, err, !passed)
		}
	}
}

func TestReadGzip(t *testing.T) {
	lines := `{"id":"g1","source":"وكالة","published":"2019-03-27","title":"عنوان","text":"نص مضغوط"}` + "\n"
	doc := readAll(t, writeFile(t, "batch.jsonl.gz", gz(t, []byte(lines))), Options{}).one(t)
	if doc.ID != "g1" || doc.Source != "وكالة" || doc.PublishedDate() != "2019-03-27" || doc.Text != "نص مضغوط" {
		t.Errorf("got %+v", doc)
	}
	// Gzip is known by its first bytes too, and the inner kind by sniffing.
	doc = readAll(t, writeFile(t, "download", gz(t, []byte(lines))), Options{}).one(t)
	if doc.ID != "g1" {
		t.Errorf("sniffed gzip: %+v", doc)
	}
	whole := gz(t, []byte(strings.Repeat("نص ", 1000)))
	res := readAll(t, writeFile(t, "cut.txt.gz", whole[:len(whole)-10]), Options{})
	if len(res.docs) != 0 || len(res.errs) != 1 || !strings.Contains(res.errs[0].Error(), "cut.txt.gz: the compressed data end early (a truncated .gz)") {
		t.Errorf("truncated gzip: docs %v, errors %v", res.ids(), res.errs)
	}
	res = readAll(t, writeFile(t, "fake.gz", []byte("not gzip")), Options{})
	if len(res.errs) != 1 || !strings.Contains(res.errs[0].Error(), "not a readable gzip file") {
		t.Errorf("fake gzip: errors %v", res.errs)
	}
}

func TestReadJSONLWithBadLines(t *testing.T) {
	in := `{"id":"a","text":"نص أول"}
{"id":"b","text":
{"text":"نص بلا معرف","published":"2019-03-27"}
{"id":"c","text":"نص","published":"أمس"}
{"id":"d","text":"\u0000"}
`
	fallback := time.Date(2020, 5, 6, 0, 0, 0, 0, time.UTC)
	res := readAll(t, writeFile(t, "news.jsonl", []byte(in)), Options{Published: fallback, Source: "احتياطي"})
	if got := strings.Join(res.ids(), " "); got != "a news.jsonl:3" {
		t.Errorf("ids %q", got)
	}
	if res.docs[0].PublishedDate() != "2020-05-06" || res.docs[0].Source != "احتياطي" || res.docs[1].PublishedDate() != "2019-03-27" {
		t.Errorf("fallbacks: %+v %+v", res.docs[0], res.docs[1])
	}
	want := []string{"news.jsonl: line 2: bad JSON", `news.jsonl: line 4 (id "c"): bad date`, `news.jsonl: line 5 (id "d"): binary data`}
	if len(res.errs) != len(want) {
		t.Fatalf("errors %v", res.errs)
	}
	for i, err := range res.errs {
		var le *LineError
		if !strings.Contains(err.Error(), want[i]) || !errors.As(err, &le) {
			t.Errorf("error %d: %v, want %q", i, err, want[i])
		}
	}
}

func TestReadBadFiles(t *testing.T) {
	cases := map[string][]byte{
		"binary.bin":  {0x7f, 'E', 'L', 'F', 2, 1, 0, 0},
		"latin1.txt":  []byte("caf\xe9 au lait"),
		"blank.txt":   []byte(" \n\t"),
		"utf8-cut.md": []byte("نص مقطوع \xd9"),
	}
	wants := map[string]string{"binary.bin": "binary data", "latin1.txt": "invalid UTF-8 at byte 3", "blank.txt": "no text", "utf8-cut.md": "invalid UTF-8"}
	for name, b := range cases {
		res := readAll(t, writeFile(t, name, b), Options{})
		var se *SourceError
		if len(res.docs) != 0 || len(res.errs) != 1 || !errors.As(res.errs[0], &se) || filepath.Base(se.Origin) != name || !strings.Contains(se.Err.Error(), wants[name]) {
			t.Errorf("%s: docs %v, errors %v", name, res.ids(), res.errs)
		}
	}
}

func TestMissingTargetIsReportedNotReturned(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere.txt")
	res := readAll(t, missing, Options{})
	if len(res.errs) != 1 || !errors.Is(res.errs[0], fs.ErrNotExist) || res.errs[0].Error() != missing+": no such file or directory" {
		t.Errorf("errors %v", res.errs)
	}
}

func TestErrorFromCallbackStopsReading(t *testing.T) {
	root := tree(t, map[string][]byte{"1.txt": []byte("أ"), "2.txt": []byte("ب"), "3.txt": []byte("ج")})
	stop := errors.New("store is full")
	var seen []string
	err := Read(context.Background(), root, Options{}, func(d *Document, err error) error {
		seen = append(seen, d.ID)
		if d.ID == "2" {
			return stop
		}
		return nil
	})
	if err != stop || strings.Join(seen, " ") != "1 2" {
		t.Errorf("err %v, seen %v", err, seen)
	}
}

func TestCancelledContextStopsReading(t *testing.T) {
	lines := strings.Repeat(`{"text":"نص"}`+"\n", 10)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Read(ctx, writeFile(t, "many.jsonl", []byte(lines)), Options{}, func(d *Document, err error) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 3 {
		t.Errorf("err %v after %d documents", err, n)
	}
}

func TestSniffKind(t *testing.T) {
	cases := []struct {
		head, contentType string
		want              kind
	}{
		{`<?xml version="1.0"?><rss version="2.0">`, "", kindFeed},
		{"\xef\xbb\xbf  <feed xmlns=\"http://www.w3.org/2005/Atom\">", "", kindFeed},
		{`<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">`, "", kindFeed},
		{`<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"></head>`, "", kindHTML},
		{`<html><body><p>عن <feed> الأخبار</p>`, "", kindHTML},
		{`<p>مقطع</p>`, "", kindHTML},
		{`{"id":"a","text":"نص"}`, "", kindJSONL},
		{`{"version":"https://jsonfeed.org/version/1.1","items":[]}`, "", kindFeed},
		{"عنوان\nنص", "", kindText},
		{"عنوان\nنص", "text/html; charset=utf-8", kindHTML},
		{"", "application/rss+xml", kindFeed},
	}
	for _, c := range cases {
		if got := sniffKind([]byte(c.head), c.contentType); got != c.want {
			t.Errorf("sniffKind(%q, %q) = %d, want %d", c.head, c.contentType, got, c.want)
		}
	}
}

func TestStem(t *testing.T) {
	for name, want := range map[string]string{
		"a1.txt": "a1", "2019/03/story.html.gz": "2019/03/story", "news.JSONL": "news", "v1.2.txt": "v1.2", "noext": "noext", "x.png": "x.png",
	} {
		if got := stem(name); got != want {
			t.Errorf("stem(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestBenchCorpus reads the shared corpus of real articles (gzip, JSON
// Lines) through Read and stops it from the callback.
func TestBenchCorpus(t *testing.T) {
	const path = "../../../shared/data/bench/ant-2018-news.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared corpus not found at %s (../shared beside the repository): %v", path, err)
	}
	const want = 2000
	enough := errors.New("enough")
	n := 0
	err := Read(context.Background(), path, Options{}, func(d *Document, err error) error {
		if err != nil {
			t.Errorf("corpus line: %v", err)
			return nil
		}
		if d.ID == "" || d.PublishedDate() == "" || d.Title == "" {
			t.Errorf("document %d lacks its id, date or title: %q %q %q", n, d.ID, d.PublishedDate(), d.Title)
		}
		if n++; n == want {
			return enough
		}
		return nil
	})
	if err != enough {
		t.Errorf("Read = %v after %d documents", err, n)
	}
}
