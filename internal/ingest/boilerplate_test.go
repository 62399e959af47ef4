package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestBoilerplateNames(t *testing.T) {
	cases := map[string]bool{
		"ad": true, "ad-slot": true, "div-gpt-ad-article-1": true, "ads_top": true, "adsbygoogle": true,
		"advertisement": true, "related-news": true, "relatedPosts": true, "share-buttons": true,
		"shareBar": true, "social-share": true, "wp-caption-text": true, "read-also-box": true, "also_read": true,
		"header": false, "shadow": false, "download": false, "head-ad": true, "loaded": false, "readmore": false,
		"breadcrumbs": true, "site-footer": true, "mainMenu": true, "menubar": false, "post-body": false, "shared-content": false, "": false, "upload": false,
	}
	for name, want := range cases {
		if got := boilerplateName(name); got != want {
			t.Errorf("boilerplateName(%q) = %v, want %v (words %q)", name, got, want, nameWords(name))
		}
	}
}

// An element named like furniture that holds the story is the story.
func TestBoilerplateKeepsTheStory(t *testing.T) {
	story := strings.Repeat("قصفت المدفعية مواقع في ريف المحافظة الجنوبي وأصيب ثلاثة مدنيين بجروح. ", 5)
	page := `<html><body><div class="post has-ads"><p>` + story + `</p><div class="ad">إعلان</div><p>` + story +
		`</p></div><div class="related"><a href="/a">خبر آخر</a></div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	dropBoilerplate(root)
	text := blockText(root)
	if strings.Count(text, "قصفت المدفعية") != 10 || strings.Contains(text, "إعلان") || strings.Contains(text, "خبر آخر") {
		t.Errorf("got %q", text)
	}
}

func TestReadAlsoAndCounters(t *testing.T) {
	cases := map[string]bool{
		`<p><strong>اقرأ أيضا:</strong> <a href="/x">مقتل شخصين في حادث سير</a></p>`: true,
		`<p>اقرأ أيضاً: <a href="/x">مقتل شخصين في حادث سير على الطريق</a></p>`:      true,
		`<h3>أخبار ذات صلة</h3>`:              true,
		`<div><span>1520</span> مشاهدة</div>`: true,
		`<div>عدد القراءات: 310</div>`:        true,
		`<p>إعلان</p>`:                        true,
		`<p>اقرأ أيضا ما قاله المتحدث باسم الجيش في مؤتمره الصحفي عن الهجوم.</p>`: false, // prose, no link
		`<p>قتل 3 أشخاص</p>`: false,
		`<p>أعلن الجيش عن 1520 قتيلا في صفوف المسلحين</p>`: false,
	}
	for in, want := range cases {
		root, err := html.Parse(strings.NewReader("<html><body>" + in + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		el := findElement(root, atom.Body).FirstChild
		if got := isBoilerplate(el); got != want {
			t.Errorf("isBoilerplate(%s) = %v, want %v", in, got, want)
		}
	}
}

// A short item: readability's retry for pages under 500 characters keeps
// everything, so the boilerplate pass must have removed the site's menu
// and footer first.
func TestShortPageWithoutMenus(t *testing.T) {
	page := `<html><head><title>عاجل</title></head><body><div class="main-menu"><a href="/">الرئيسية</a> <a href="/a">سياسة</a></div>` +
		`<nav><a href="/b">رياضة</a></nav><p>عاجل: مقتل ثلاثة جنود بانفجار عبوة ناسفة قرب الحدود.</p><div id="footer">جميع الحقوق محفوظة</div></body></html>`
	doc, err := readHTML([]byte(page), "text/html; charset=utf-8", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "عاجل\n\nعاجل: مقتل ثلاثة جنود بانفجار عبوة ناسفة قرب الحدود."; doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}
