package watch

import (
	"strings"
	"testing"
	"time"
)

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"HTTPS://Example.ORG:443/news/1?utm_source=rss&b=2&a=1#top": "https://example.org/news/1?a=1&b=2",
		"http://example.org:80":                  "http://example.org/",
		"http://example.org:8080/x?fbclid=abc":   "http://example.org:8080/x",
		"https://example.org/%D8%AE%D8%A8%D8%B1": "https://example.org/%D8%AE%D8%A8%D8%B1",
	} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRobots(t *testing.T) {
	r := parseRobots([]byte(`
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Crawl-delay: 2

# a group for rasd alone would win over *
`))
	for path, want := range map[string]bool{
		"/news/1": true, "/private/x": false, "/private/open/1": true, "/a/b.pdf": false, "/a/b.pdf?x=1": true, "/robots.txt": true,
	} {
		if got := r.allowed(path); got != want {
			t.Errorf("allowed(%q) = %v, want %v", path, got, want)
		}
	}
	if r.delay != 2*time.Second {
		t.Errorf("crawl delay %v, want 2s", r.delay)
	}
	own := parseRobots([]byte("User-agent: *\nDisallow: /\n\nUser-agent: rasd\nDisallow: /x\n"))
	if !own.allowed("/news") || own.allowed("/x/1") {
		t.Errorf("a group naming rasd should replace the one for every robot: %+v", own)
	}
	if !parseRobots(nil).allowed("/anything") {
		t.Error("an empty robots.txt forbids")
	}
}

func TestParseSources(t *testing.T) {
	srcs, err := ParseSources(strings.NewReader(`
# comment
https://a.example/rss.xml
https://b.example/feed 90s الجزيرة نت   # outlet with a space
https://c.example/page Reuters
`), "s.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 3 || srcs[1].Every != 90*time.Second || srcs[1].Outlet != "الجزيرة نت" || srcs[2].Outlet != "Reuters" || srcs[0].Every != 0 {
		t.Errorf("ParseSources = %+v", srcs)
	}
	for in, msg := range map[string]string{
		"https://a.example/\nhttps://a.example/\n": "s.txt:2: https://a.example/ is listed already on line 1",
		"a.example/rss\n":                          "s.txt:1: \"a.example/rss\" is not an http(s) URL",
		"https://a.example/ 5x\n":                  "s.txt:1: interval \"5x\"",
		"https://a.example/ 5s\n":                  "shorter than",
	} {
		if _, err := ParseSources(strings.NewReader(in), "s.txt"); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseSources(%q) = %v, want %q", in, err, msg)
		}
	}
}
