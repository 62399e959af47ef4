package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParseMarkupDate(t *testing.T) {
	cases := map[string]string{
		"2019-03-27":                      "2019-03-27",
		"2019-03-27T01:30:00+03:00":       "2019-03-27", // the day where it was written, not in UTC
		"2019-03-26T22:30:00Z":            "2019-03-26",
		"2019-03-27T01:30:00.000+0300":    "2019-03-27",
		"2019-03-27 01:30:00":             "2019-03-27",
		"2019-03-27T01:30":                "2019-03-27",
		"2019/03/27":                      "2019-03-27",
		"20190327":                        "2019-03-27",
		"20190327T013000Z":                "2019-03-27",
		"Wed, 27 Mar 2019 01:30:00 +0300": "2019-03-27",
		"Wed, 27 Mar 2019 01:30:00 GMT":   "2019-03-27",
		"March 27, 2019":                  "2019-03-27",
		"27 March 2019":                   "2019-03-27",
		"27/03/2019":                      "2019-03-27", // day first, as Arabic outlets write it
		"03/27/2019":                      "2019-03-27", // the second number cannot be a month
		"04/03/2019 10:00":                "2019-03-04",
		"27.03.2019":                      "2019-03-27",
		"  2019-03-27T01:30:00+03:00  ":   "2019-03-27",
		"":                                "",
		"أمس":                             "",
		"2019-02-30":                      "", // no such day
		"1970-01-01T00:00:00Z":            "", // a zero timestamp, not a publication
		"2999-01-01":                      "", // a template's placeholder
		"2019-03-271":                     "",
		"12345678":                        "",
		"2019-13-01":                      "",
	}
	for in, want := range cases {
		got := ""
		if d, ok := parseMarkupDate(in); ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("parseMarkupDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLDate(t *testing.T) {
	cases := map[string]string{
		"https://a.example/2018/03/01/strikes.html":    "2018-03-01",
		"https://a.example/news/2018/3/1/strikes":      "2018-03-01",
		"https://a.example/2018-03-01-strikes-in-deir": "2018-03-01",
		"https://a.example/archive/20180301/123.html":  "2018-03-01",
		"https://a.example/2018/03/strikes":            "", // a month is not a day
		"https://a.example/news/12345/2018":            "",
		"https://a.example/2018/13/40/x":               "",
		"https://a.example/?date=2018-03-01":           "", // a query is not the story's address
		"":                                             "",
	}
	for in, want := range cases {
		got := ""
		if d, ok := urlDate(in); ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("urlDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// The order in which the date sources are tried (metaCollector.published).
func TestPublishedOrder(t *testing.T) {
	cases := []struct{ name, head, body, pageURL, want string }{
		{"og beats JSON-LD's UTC", `<meta property="article:published_time" content="2019-03-27T01:30:00+03:00"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-03-26T22:30:00Z"}</script>`, "", "", "2019-03-27"},
		{"JSON-LD beats pubdate", `<meta name="pubdate" content="2019-01-01"><script type="application/ld+json">[{"@type":"WebPage","datePublished":"2018-12-01"},{"@type":"NewsArticle","datePublished":"2019-01-02"}]</script>`, "", "", "2019-01-02"},
		{"JSON-LD dateCreated", `<script type="application/ld+json">{"@type":"Article","dateCreated":"2019-01-03"}</script>`, "", "", "2019-01-03"},
		{"itemprop on a span", "", `<span itemprop="datePublished" content="2019-01-04">٤ يناير</span>`, "", "2019-01-04"},
		{"DC.date.issued", `<meta name="DC.date.issued" content="2019-01-05">`, "", "", "2019-01-05"},
		{"sailthru.date", `<meta name="sailthru.date" content="2019-01-06 10:00:00">`, "", "", "2019-01-06"},
		{"parsely-pub-date", `<meta name="parsely-pub-date" content="2019-01-07T10:00:00Z">`, "", "", "2019-01-07"},
		{"time in the article", "", `<time datetime="2019-01-08T09:00:00+02:00">الثلاثاء</time>`, "", "2019-01-08"},
		{"time marked pubdate comes first", "", `<time datetime="2019-01-08">أ</time><time pubdate datetime="2019-01-09">ب</time>`, "", "2019-01-09"},
		{"meta beats the URL", `<meta name="date" content="2019-01-10">`, "", "https://a.example/2019/01/11/x", "2019-01-10"},
		{"URL beats a modified date", `<meta property="article:modified_time" content="2019-02-01">`, "", "https://a.example/2019/01/12/x", "2019-01-12"},
		{"modified only", `<meta property="article:modified_time" content="2019-02-01T10:00:00+03:00">`, "", "", "2019-02-01"},
		{"unreadable published, readable modified", `<meta property="article:published_time" content="منذ ساعة"><script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2019-02-02"}</script>`, "", "", "2019-02-02"},
		{"broken JSON-LD is skipped", `<script type="application/ld+json">{"datePublished": "2019-01-01",}</script><meta name="publishdate" content="2019-01-13">`, "", "", "2019-01-13"},
		{"none", ``, ``, "https://a.example/news/123", ""},
	}
	para := "<p>" + strings.Repeat("سقطت قذيفة على سوق شعبي في المدينة وأصيب عدد من المارة بجروح متفاوتة. ", 6) + "</p>"
	for _, c := range cases {
		page := "<html><head><title>قذيفة</title>" + c.head + "</head><body><article>" + c.body + para + "</article></body></html>"
		root, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if d := readPageMeta(root, c.pageURL).published; !d.IsZero() {
			got = d.Format("2006-01-02")
		}
		if got != c.want {
			t.Errorf("%s: published %q, want %q", c.name, got, c.want)
		}
	}
}

// The title, outlet and address fallbacks trafilatura gave, which stored
// documents were made with.
func TestPageMetaFallbacks(t *testing.T) {
	cases := []struct{ name, head, body, pageURL, title, site, url string }{
		{"og", `<meta property="og:title" content="عنوان أ"><meta property="og:site_name" content="موقع أ"><meta property="og:url" content="https://a.example/x">`, "", "https://a.example/x?ref=rss", "عنوان أ", "موقع أ", "https://a.example/x"},
		{"twitter and application name", `<meta name="twitter:title" content="عنوان ب"><meta name="twitter:site" content="@aljazeera">`, "", "", "عنوان ب", "Aljazeera", ""},
		{"JSON-LD headline and publisher", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان ج","publisher":{"@type":"Organization","name":"وكالة ج"}}</script>`, "", "", "عنوان ج", "وكالة ج", ""},
		{"Facebook page as publisher names nothing", `<meta property="article:publisher" content="https://www.facebook.com/outlet">`, "<h1>عنوان د</h1>", "", "عنوان د", "example.net", ""},
		{"title split, domain as outlet", "", "", "", "عنوان هـ", "example.net", ""},
		{"headline class among several h1", "", `<h1>الشعار</h1><h1 class="article-title">عنوان و</h1>`, "", "عنوان و", "example.net", ""},
		{"canonical relative", `<link rel="canonical" href="/news/7">`, "", "https://a.example/amp/news/7", "عنوان هـ", "example.net", "https://a.example/news/7"},
		{"canonical relative without a page URL", `<link rel="canonical" href="/news/7">`, "", "", "عنوان هـ", "example.net", ""},
	}
	for _, c := range cases {
		page := "<html><head><title>عنوان هـ | example.net</title>" + c.head + "</head><body>" + c.body + "</body></html>"
		root, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		m := readPageMeta(root, c.pageURL)
		if m.title != c.title || m.site != c.site || m.url != c.url {
			t.Errorf("%s: %q, %q, %q; want %q, %q, %q", c.name, m.title, m.site, m.url, c.title, c.site, c.url)
		}
	}
}
