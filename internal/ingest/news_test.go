package ingest

import (
	"os"
	"strings"
	"testing"
)

// The pages in testdata/news are written for these tests in the layouts
// Arabic outlets use: a modern article with its menus, share bar, ad slot,
// photo caption, "read also" teaser, related links, comments and footer
// (date in JSON-LD only); a div layout whose only date is a meta name; an
// old table layout whose only date is in its canonical URL; a page with no
// date at all but times in its "latest news" column.
func TestNewsPages(t *testing.T) {
	cases := []struct {
		file, pageURL                 string
		title, source, url, published string
		paras                         []string // the openings of the story's paragraphs, in order
		boilerplate                   []string
	}{
		{
			file:    "jsonld.html",
			pageURL: "https://rasd-news.example/syria/strikes-deir-ezzor-east?utm_source=feed",
			title:   "غارات جوية على مواقع في ريف دير الزور الشرقي", source: "شبكة الرصد الإخبارية",
			url:       "https://rasd-news.example/syria/strikes-deir-ezzor-east",
			published: "2018-03-01", // JSON-LD datePublished, not its dateModified
			paras:     []string{"غارات جوية", "شنت طائرات حربية", "وقال مصدر في المدينة", "ولم تعلن أي جهة", "وتشهد المنطقة الحدودية"},
			boilerplate: []string{"الرئيسية", "عاجل", "فيسبوك", "صورة أرشيفية", "إعلان", "اقرأ أيضا", "الميادين",
				"أخبار ذات صلة", "لغم أرضي", "التعليقات", "الأكثر قراءة", "جميع الحقوق", "الوسوم", "مشاهدة", "dataLayer"},
		},
		{
			file:  "meta-date.html",
			title: "مقتل جنديين بهجوم على نقطة تفتيش شمال بغداد", source: "وكالة المرصد",
			url:       "https://marsad.example/news/iraq/45121",
			published: "2019-11-20", // meta pubdate; article:modified_time is later, and a time in the side column is not the story's
			paras:     []string{"مقتل جنديين", "قتل جنديان", "وأوضحت الخلية", "ويشهد قضاء الطارمية", "ولم تتبن أي جهة"},
			boilerplate: []string{"الرئيسية", "آراء", "اقرأ أيضا", "كركوك", "شارك على", "آخر الأخبار",
				"جسر جديد", "جميع الحقوق"},
		},
		{
			file:    "url-date.html",
			pageURL: "https://khabar.example/view.php?id=8812",
			title:   "سقوط قذائف على حي سكني في مدينة تعز", source: "",
			url:       "https://khabar.example/news/2017/12/31/shells-taiz.html", // relative canonical, made absolute
			published: "2017-12-31",                                              // the canonical URL's path
			paras:     []string{"سقوط قذائف", "تعز - خاص", "سقطت عدة قذائف", "وقال سكان", "وتتعرض أحياء المدينة"},
			boilerplate: []string{"الرئيسية", "أخبار اليمن", "جانب من الدمار", "الأكثر قراءة", "ميناء عدن",
				"جميع الحقوق"},
		},
		{
			file:  "no-date.html",
			title: "اشتباكات بين فصيلين مسلحين في مدينة الباب", source: "",
			published:   "", // the "latest news" column's times are other stories'
			paras:       []string{"اشتباكات بين فصيلين", "اندلعت اشتباكات", "وذكر شهود", "وتتكرر الخلافات"},
			boilerplate: []string{"الرئيسية", "محليات", "مشاركة", "أحدث الأخبار", "مساعدات غذائية", "جميع الحقوق"},
		},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile("testdata/news/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := readHTML(b, "text/html; charset=utf-8", c.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != c.title || doc.Source != c.source || doc.URL != c.url {
				t.Errorf("title %q, source %q, URL %q;\nwant %q, %q, %q", doc.Title, doc.Source, doc.URL, c.title, c.source, c.url)
			}
			if got := doc.PublishedDate(); got != c.published {
				t.Errorf("published %q, want %q", got, c.published)
			}
			paras := strings.Split(doc.Text, "\n\n")
			if len(paras) != len(c.paras) {
				t.Errorf("%d paragraphs, want %d:\n%s", len(paras), len(c.paras), doc.Text)
			} else {
				for i, want := range c.paras {
					if !strings.HasPrefix(paras[i], want) {
						t.Errorf("paragraph %d is %q, want it to open with %q", i, paras[i], want)
					}
				}
			}
			for _, bp := range c.boilerplate {
				if strings.Contains(doc.Text, bp) {
					t.Errorf("text keeps %q:\n%s", bp, doc.Text)
				}
			}
		})
	}
}
