package ingest

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

func TestArticlePage(t *testing.T) {
	s := newSite(t)
	doc := readAll(t, s.URL+"/article", Options{Fetcher: testFetcher(t, nil)}).one(t)
	if doc.ID != s.URL+"/article" || doc.URL != s.URL+"/article" {
		t.Errorf("ID %q, URL %q", doc.ID, doc.URL)
	}
	if doc.Title != "قصف مدفعي على بلدة في ريف إدلب الجنوبي" {
		t.Errorf("title %q, want og:title", doc.Title)
	}
	if doc.Source != "وكالة الاختبار" {
		t.Errorf("source %q, want og:site_name", doc.Source)
	}
	// 01:30 on the 27th in Damascus is still the 26th in UTC.
	if got := doc.PublishedDate(); got != "2019-03-27" {
		t.Errorf("published %s, want the day of article:published_time", got)
	}
	paras := strings.Split(doc.Text, "\n\n")
	if len(paras) != 4 || paras[0] != doc.Title || !strings.HasPrefix(paras[1], "قالت مصادر محلية") || !strings.HasPrefix(paras[3], "ولم يصدر") {
		t.Errorf("want the headline and three paragraphs, got %q", paras)
	}
	for _, boilerplate := range []string{"الرئيسية", "اقرأ أيضا", "تعليق قارئ", "جميع الحقوق", "trackingCode", "display:none"} {
		if strings.Contains(doc.Text, boilerplate) {
			t.Errorf("text keeps %q", boilerplate)
		}
	}
}

func TestPageDates(t *testing.T) {
	body := "<p>" + strings.Repeat("سقطت قذيفة على سوق شعبي في المدينة وأصيب عدد من المارة بجروح متفاوتة. ", 6) + "</p>"
	fallback := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	cases := []struct{ name, head, want string }{
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-05-06T10:00:00+03:00"}</script>`, "2019-05-06"},
		{"article-meta", `<meta property="article:published_time" content="2019-07-08">`, "2019-07-08"},
		{"none", ``, "2020-01-02"},
	}
	for _, c := range cases {
		page := "<html><head><title>قذيفة</title>" + c.head + "</head><body><article>" + body + "</article></body></html>"
		path := writeFile(t, c.name+".html", []byte(page))
		doc := readAll(t, path, Options{Published: fallback}).one(t)
		if got := doc.PublishedDate(); got != c.want {
			t.Errorf("%s: published %s, want %s", c.name, got, c.want)
		}
	}
}

func TestBrokenHTML(t *testing.T) {
	s := newSite(t)
	doc := readAll(t, s.URL+"/broken", Options{Fetcher: testFetcher(t, nil)}).one(t)
	for _, want := range []string{"اندلعت اشتباكات عنيفة", "الأسلحة الثقيلة والمتوسطة", "خسائر بشرية", "لتثبيت وقف إطلاق النار فيها."} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	if doc.Title != "اشتباكات عنيفة في ريف حماة الشمالي" {
		t.Errorf("title %q", doc.Title)
	}
	// The page does not name its outlet: the caller's name, else the host.
	if doc.Source != "127.0.0.1" {
		t.Errorf("source %q, want the host", doc.Source)
	}
	doc = readAll(t, s.URL+"/broken", Options{Fetcher: testFetcher(t, nil), Source: "شبكة محلية"}).one(t)
	if doc.Source != "شبكة محلية" {
		t.Errorf("source %q, want the caller's", doc.Source)
	}
}

func TestWindows1256Pages(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, nil)
	for _, path := range []string{"/cp1256/meta", "/cp1256/header", "/cp1256/undeclared"} {
		doc := readAll(t, s.URL+path, Options{Fetcher: f}).one(t)
		if !strings.Contains(doc.Text, cp1256Sentence) || doc.Title != "قذيفة على درعا" {
			t.Errorf("%s: title %q, text %q", path, doc.Title, doc.Text)
		}
	}
}

func TestWindows1256File(t *testing.T) {
	page := `<html><head><meta charset="windows-1256"></head><body><p>` + strings.Repeat(cp1256Sentence+" ", 4) + `</p></body></html>`
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	doc := readAll(t, writeFile(t, "daraa.htm", b), Options{}).one(t)
	if doc.ID != "daraa" || !strings.Contains(doc.Text, cp1256Sentence) {
		t.Errorf("id %q, text %q", doc.ID, doc.Text)
	}
}

func TestDecodeHTML(t *testing.T) {
	arabic := "<p>" + cp1256Sentence + "</p>"
	cp, _ := charmap.Windows1256.NewEncoder().String(arabic)
	cases := []struct {
		name, in, contentType, want string
	}{
		{"utf-8 undeclared, ASCII head", "<html><head><title>t</title></head>" + strings.Repeat(" ", 1100) + arabic, "", arabic},
		{"utf-8 with BOM", "\xef\xbb\xbf" + arabic, "", arabic},
		{"windows-1256 labelled utf-8", cp, "text/html; charset=utf-8", arabic},
		{"stray byte in utf-8", "<p>" + strings.Repeat("نص سليم ", 50) + "\xff</p>", "text/html; charset=utf-8", "<p>" + strings.Repeat("نص سليم ", 50) + "\uFFFD</p>"},
	}
	for _, c := range cases {
		got := decodeHTML([]byte(c.in), c.contentType)
		if !strings.HasSuffix(got, c.want) || !utf8.ValidString(got) {
			t.Errorf("%s: got %q", c.name, got)
		}
	}
}

func TestHTMLFragmentText(t *testing.T) {
	cases := map[string]string{
		`<p>قصف على <b>إدلب</b></p><p>فقرة   ثانية<br>وسطر</p>`: "قصف على إدلب\n\nفقرة ثانية\nوسطر",
		`<ul><li>أول</li><li>ثان</li></ul><script>x()</script>`: "أول\n\nثان",
		`<table><tr><td>قتلى</td><td>3</td></tr></table>`:       "قتلى 3",
		`نص بلا وسوم &amp; كيان`:                                "نص بلا وسوم & كيان",
		`<p> </p>`:                                              "",
	}
	for in, want := range cases {
		if got := htmlFragmentText(in); got != want {
			t.Errorf("htmlFragmentText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPageWithoutArticle(t *testing.T) {
	res := readAll(t, writeFile(t, "shell.html", []byte(`<html><head><title>تطبيق</title><script>render()</script></head><body><div id="app"></div></body></html>`)), Options{})
	if len(res.docs) != 0 || len(res.errs) != 1 || !strings.Contains(res.errs[0].Error(), "shell.html: no article text") {
		t.Errorf("docs %v, errors %v", res.docs, res.errs)
	}
}

// Some outlets butt links and bold runs against the Arabic words around
// them; the reader gives them their spaces back.
func TestGluedInlineElementsGetTheirSpaces(t *testing.T) {
	page := `<html><head><title>خبر عاجل</title></head><body><article>
<p>أفادت مصادر<a href="/x">المرصد</a>بأن قصفا استهدف قاعدة<strong>عين الأسد</strong>غربي العراق فجر اليوم، فيما قالت مصادر أخرى إن القصف لم يوقع إصابات بين الجنود الموجودين في القاعدة.</p>
<p>وكتب مراسل الوكالة أن الانفجارات سمعت في أنحاء المنطقة، وأن سيارات الإسعاف هرعت إلى المكان بعد دقائق من القصف الذي استمر نحو ساعة كاملة.</p>
</article></body></html>`
	doc, err := readHTML([]byte(page), "text/html; charset=utf-8", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"مصادر المرصد بأن", "قاعدة عين الأسد غربي"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
}

func TestSeparateGluedInlineOnlyBetweenArabicLetters(t *testing.T) {
	cases := map[string]string{
		`<p>مصادر<a>المرصد</a>بأن</p>`:             "مصادر المرصد بأن",
		`<p>قاعدة <b>عين</b> الأسد</p>`:            "قاعدة عين الأسد",
		`<p>foo<a>bar</a>baz</p>`:                  "foobarbaz",
		`<p>«<a>المرصد</a>»</p>`:                   "«المرصد»",
		`<p>في<span><b>العراق</b></span>اليوم</p>`: "في العراق اليوم",
	}
	for in, want := range cases {
		root, err := html.Parse(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		separateGluedInline(root)
		var b strings.Builder
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		if got := b.String(); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
}
