package ingest

import (
	"os"
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
