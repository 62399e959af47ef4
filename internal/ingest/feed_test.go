package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestRSSFeedFetchesItemPages(t *testing.T) {
	s := newSite(t)
	res := readAll(t, s.URL+"/rss.xml", Options{Fetcher: testFetcher(t, nil)})
	if len(res.errs) > 0 || len(res.docs) != 3 {
		t.Fatalf("docs %v, errors %v", res.ids(), res.errs)
	}
	// Dates: an RFC 1123 pubDate at 01:15 +03:00 (the 27th in UTC), an
	// Arabic pubDate gofeed leaves unread, and an item with none, which
	// takes its page's date.
	wantDates := []string{"2019-03-28", "2019-03-29", "2019-03-30"}
	for i, doc := range res.docs {
		n := i + 1
		if doc.ID != s.URL+"/news/"+string(rune('0'+n)) || doc.Title != newsTitle(n) || doc.Source != "وكالة الاختبار" {
			t.Errorf("item %d: ID %q, title %q, source %q", n, doc.ID, doc.Title, doc.Source)
		}
		if !strings.Contains(doc.Text, "هذا هو النص الكامل للخبر رقم") || strings.Contains(doc.Text, "الرئيسية") {
			t.Errorf("item %d: text is not the page's article:\n%s", n, doc.Text)
		}
		if doc.PublishedDate() != wantDates[i] {
			t.Errorf("item %d: published %s, want %s", n, doc.PublishedDate(), wantDates[i])
		}
	}
	if s.hitsOf("/news/1") != 1 || !s.agents[DefaultUserAgent] {
		t.Errorf("item page hits %d, user agents %v", s.hitsOf("/news/1"), s.agents)
	}
}

func TestAtomFeedResolvesRelativeLinks(t *testing.T) {
	s := newSite(t)
	res := readAll(t, s.URL+"/feeds/atom", Options{Fetcher: testFetcher(t, nil)})
	if len(res.errs) > 0 || strings.Join(res.ids(), " ") != s.URL+"/news/1 "+s.URL+"/news/2" {
		t.Fatalf("docs %v, errors %v", res.ids(), res.errs)
	}
	// 20:00 +03:00 on the 1st is the 1st where it was written.
	if got := res.docs[0].PublishedDate(); got != "2019-04-01" {
		t.Errorf("entry 1 published %s, want its <published> day", got)
	}
	if got := res.docs[1].PublishedDate(); got != "2019-03-29" {
		t.Errorf("entry 2 published %s, want its page's date rather than its <updated>", got)
	}
}

func TestNoFollowUsesItemContent(t *testing.T) {
	s := newSite(t)
	res := readAll(t, s.URL+"/rss.xml", Options{Fetcher: testFetcher(t, nil), NoFollow: true})
	if len(res.errs) > 0 || len(res.docs) != 3 {
		t.Fatalf("docs %v, errors %v", res.ids(), res.errs)
	}
	for n := 1; n <= 3; n++ {
		if hits := s.hitsOf("/news/" + string(rune('0'+n))); hits != 0 {
			t.Errorf("NoFollow fetched item page %d %d times", n, hits)
		}
	}
	want := []string{
		"انفجار عبوة ناسفة في ريف دير الزور\n\nانفجرت عبوة ناسفة بسيارة عسكرية قرب بلدة الصفصاف في ريف دير الزور الشرقي.",
		// content:encoded wins over the description.
		"غارات جوية على مواقع في ريف حلب\n\nشنت طائرات حربية غارات مكثفة على مواقع في ريف حلب الغربي صباح الجمعة.\n\nولم ترد حتى الآن أنباء عن إصابات\nبين المدنيين.",
		"مظاهرة في مدينة الرقة\n\nخرج العشرات في مظاهرة وسط مدينة الرقة للمطالبة بتحسين الخدمات.",
	}
	for i, doc := range res.docs {
		if doc.Text != want[i] {
			t.Errorf("item %d text %q, want %q", i+1, doc.Text, want[i])
		}
		if doc.Source != "وكالة الاختبار - آخر الأخبار" {
			t.Errorf("item %d source %q, want the feed's title", i+1, doc.Source)
		}
	}
	if got := res.docs[2].PublishedDate(); got != "" {
		t.Errorf("item 3 has no date anywhere, got %s", got)
	}
}

func TestFeedFileWithFallbacks(t *testing.T) {
	published := time.Date(2019, 4, 5, 0, 0, 0, 0, time.UTC)
	res := readAll(t, "testdata/atom.xml", Options{NoFollow: true, Source: "نشرة", Published: published})
	if len(res.errs) > 0 || len(res.docs) != 2 {
		t.Fatalf("docs %v, errors %v", res.ids(), res.errs)
	}
	// Relative links with no feed URL to resolve them stay as given.
	if res.docs[0].ID != "/news/1" || res.docs[0].Source != "نشرة" || res.docs[0].PublishedDate() != "2019-04-01" {
		t.Errorf("entry 1: %+v", res.docs[0])
	}
	if res.docs[1].PublishedDate() != "2019-04-02" || res.docs[1].Text != "اعتقالات في بلدة جنوب بغداد\n\nنفذت قوة أمنية حملة اعتقالات في بلدة جنوب بغداد." {
		t.Errorf("entry 2: %+v", res.docs[1])
	}
}

func TestEmptyFeed(t *testing.T) {
	s := newSite(t)
	for _, target := range []string{s.URL + "/empty.xml", "testdata/empty.xml"} {
		res := readAll(t, target, Options{Fetcher: testFetcher(t, nil)})
		if len(res.docs) != 0 || len(res.errs) != 0 {
			t.Errorf("%s: docs %v, errors %v", target, res.ids(), res.errs)
		}
	}
}

func TestFeedItemFailuresAreReportedOneByOne(t *testing.T) {
	s := newSite(t)
	feed := `<rss version="2.0"><channel><title>t</title>
<item><title>أ</title><link>` + s.URL + `/news/1</link></item>
<item><title>ب</title><link>` + s.URL + `/gone</link></item>
<item><title>ج</title><link>` + s.URL + `/empty.xml</link></item>
<item><title>د</title></item>
<item><title>هـ</title><link>` + s.URL + `/news/3</link></item>
</channel></rss>`
	res := readAll(t, writeFile(t, "mixed.rss", []byte(feed)), Options{Fetcher: testFetcher(t, nil)})
	if strings.Join(res.ids(), " ") != s.URL+"/news/1 "+s.URL+"/news/3" {
		t.Errorf("docs %v", res.ids())
	}
	want := []string{s.URL + "/gone: HTTP 404 Not Found", s.URL + "/empty.xml: item link is not an HTML page", "mixed.rss: item 4: feed item has no content"}
	if len(res.errs) != len(want) {
		t.Fatalf("errors %v", res.errs)
	}
	for i, err := range res.errs {
		if !strings.Contains(err.Error(), want[i]) {
			t.Errorf("error %d: %v, want %q", i, err, want[i])
		}
	}
}

func TestNotAFeed(t *testing.T) {
	res := readAll(t, writeFile(t, "bad.rss", []byte("<rss><channel><item><title>x</ti")), Options{})
	if len(res.docs) != 0 || len(res.errs) != 1 || !strings.Contains(res.errs[0].Error(), "bad.rss: not a readable RSS, Atom or JSON feed") {
		t.Errorf("docs %v, errors %v", res.ids(), res.errs)
	}
}

func TestFeedDate(t *testing.T) {
	parsed := time.Date(2019, 3, 27, 20, 30, 0, 0, time.UTC)
	if got := feedDate(&parsed, "Thu, 28 Mar 2019 00:30:00 +0400"); got != time.Date(2019, 3, 28, 0, 0, 0, 0, time.UTC) {
		t.Errorf("the day of the feed's own offset: %v", got)
	}
	if got := feedDate(&parsed, "a layout only gofeed reads"); got != time.Date(2019, 3, 27, 0, 0, 0, 0, time.UTC) {
		t.Errorf("gofeed's reading: %v", got)
	}
	cases := map[string]string{
		"2019-03-27T10:00:00+03:00":             "2019-03-27",
		"الأربعاء، 27 مارس 2019 10:00":          "2019-03-27",
		"الأربعاء, 27 آذار 2019 10:00:00 +0300": "2019-03-27",
		"٢٧ مارس ٢٠١٩":                          "2019-03-27",
		"27/03/2019 10:00":                      "2019-03-27",
		"":                                      "",
		"قريبا":                                 "",
		"آذار 2019":                             "", // a month is not a publication day
	}
	for raw, want := range cases {
		got := feedDate(nil, raw)
		if (&Document{Published: got}).PublishedDate() != want {
			t.Errorf("feedDate(%q) = %v, want %q", raw, got, want)
		}
	}
}
