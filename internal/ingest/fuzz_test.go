package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadHTML feeds arbitrary bytes to the page reader: it must return a
// document with valid, non-empty text or an error. A panic in the
// extractor is recovered by readHTML, and reported here as a failure.
func FuzzReadHTML(f *testing.F) {
	for _, name := range []string{"article.html", "broken.html", "rss.xml"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html")
	}
	f.Add([]byte("<p>\xc7\xe1\xd1\xde</p>"), "text/html; charset=utf-8")
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		doc, err := readHTML(b, contentType, "")
		if err != nil {
			if strings.HasPrefix(err.Error(), "HTML extraction failed") {
				t.Error(err)
			}
			return
		}
		if doc.Text == "" || !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Errorf("bad document %+v", doc)
		}
	})
}

// FuzzRead feeds arbitrary bytes to Read as a feed, a JSON Lines file, a
// text, a page or a file of no known extension: every document it
// delivers has valid, non-empty UTF-8 text within the limit, every error
// is one line, and nothing panics or reaches the network (NoFollow: a
// feed's items are read from the feed itself).
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><title>t</title><item><title>عنوان</title><description>اشتباكات في ريف حلب أمس</description><pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>خبر</title><content type="html">&lt;p&gt;قصف على الحديدة&lt;/p&gt;</content><updated>2023-01-02T10:00:00Z</updated></entry></feed>`,
		"{\"id\":\"a\",\"published\":\"2023-01-02\",\"text\":\"قتل جندي في هجوم قرب تكريت\"}\n{\"id\":1,\"text\":[]}\n{broken\n",
		"\xef\xbb\xbf{\"title\":\"عنوان فقط\",\"text\":\"\"}\n",
		"<html><head><title>صفحة</title></head><body><article><p>انفجرت عبوة ناسفة في سوق شعبي وسط المدينة.</p></article></body></html>",
		"نص عادي عن غارة جوية على مواقع في الريف الشرقي.\n\nفقرة ثانية.",
		"\x00\x01\x02binary\xff\xfe",
	} {
		for kind := range byte(5) {
			f.Add([]byte(s), kind)
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte, kind byte) {
		name := filepath.Join(dir, "in"+[]string{".xml", ".jsonl", ".txt", ".html", ""}[kind%5])
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		err := Read(context.Background(), name, Options{NoFollow: true}, func(d *Document, err error) error {
			if err != nil {
				if strings.ContainsAny(err.Error(), "\n\r") {
					t.Errorf("error of more than one line: %q", err)
				}
				return nil
			}
			if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) || len(d.Text) > MaxTextBytes {
				t.Errorf("bad document %+v", d)
			}
			return nil
		})
		if err != nil {
			t.Errorf("Read stopped: %v", err)
		}
	})
}
