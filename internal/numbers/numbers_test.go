package numbers

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"rasd/internal/text"
)

// render prints a mention compactly so that a table of cases reads like the
// sentences it tests: «span=value» with ~ for approx, % for percent,
// #n for ordinals and the qualifier after a slash.
func render(m Mention) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s=", m.Span.Text)
	switch {
	case m.Ordinal:
		b.WriteString("#")
	case m.Approx:
		b.WriteString("~")
	}
	fmt.Fprintf(&b, "%g", m.Value)
	if m.Percent {
		b.WriteString("%")
	}
	if m.Qualifier != "" {
		b.WriteString("/" + m.Qualifier)
	}
	return b.String()
}

func findAll(t *testing.T, s string) []string {
	t.Helper()
	a := text.Analyze(s)
	var out []string
	prev := 0
	for _, m := range Find(a) {
		if !m.Span.Valid(a.Orig) {
			t.Fatalf("%q: span %+v is not a slice of the text", s, m.Span)
		}
		if m.Tok < prev || m.TokEnd <= m.Tok {
			t.Fatalf("%q: token range [%d,%d) overlaps or is out of order", s, m.Tok, m.TokEnd)
		}
		prev = m.TokEnd
		out = append(out, render(m))
	}
	return out
}

func TestFind(t *testing.T) {
	cases := []struct{ in, want string }{
		// digits, separators, decimals
		{"قتل 7 عناصر في الهجوم", "7=7"},
		{"نزح ١٢٠٠ شخص من القرية", "١٢٠٠=1200"},
		{"بلغت الخسائر 1,500 دولار و٣٫٥ مليون", "1,500=1500 ٣٫٥ مليون=3.5e+06"},
		{"نسبة 2,5 فقط", "2,5=2.5"},
		{"بلغت 12،8 بالمئة و1،2 مليون", "12،8 بالمئة=12.8% 1،2 مليون=1.2e+06"},
		{"قتل 3، 4 جرحى", "3=3 4=4"},
		{"كلفت الحرب 4.4 مليار دولار", "4.4 مليار=4.4e+09"},
		{"تجمع 10 آلاف متظاهر", "10 آلاف=10000"},
		{"شارك 20 ألفا في المسيرة", "20 ألفا=20000"},
		// units in both genders and cases
		{"قتل واحد وجرح اثنان", "واحد=1 اثنان=2"},
		{"اعتقلت اثنين من المطلوبين واثنتين من النساء", "اثنين=2 اثنتين=2"},
		{"قتل ثلاثة جنود وثلاث نساء", "ثلاثة=3 ثلاث=3"},
		{"أصيب أربعة وقتل خمسة", "أربعة=4 خمسة=5"},
		{"ستة قتلى وسبع جريحات وثمانية مفقودين وتسعة أسرى وعشرة معتقلين", "ستة=6 سبع=7 ثمانية=8 تسعة=9 عشرة=10"},
		{"في ثماني قرى", "ثماني=8"},
		{"مقتل إحدى النساء", "إحدى=1"},
		// teens
		{"قتل أحد عشر مقاتلا", "أحد عشر=11"},
		{"اعتقل اثنا عشر شابا واثني عشر آخرين", "اثنا عشر=12 اثني عشر=12"},
		{"أفرج عن ثلاثة عشر معتقلا وخمس عشرة امرأة", "ثلاثة عشر=13 خمس عشرة=15"},
		{"سقط تسعة عشر قتيلا", "تسعة عشر=19"},
		// tens and compounds
		{"مقتل عشرين مدنيا", "عشرين=20"},
		{"قتل ثلاثون عنصرا وتسعين جريحا", "ثلاثون=30 تسعين=90"},
		{"قضى خمسة وعشرون شخصا", "خمسة وعشرون=25"},
		{"قتل ثلاثة وعشرين مقاتلا", "ثلاثة وعشرين=23"},
		{"قتل واحد و ثلاثون", "واحد و ثلاثون=31"},
		// clitics on the first word
		{"ارتفع العدد إلى خمسة وأصيب وعشرون", "خمسة=5 عشرون=20"},
		{"مع العشرين الآخرين", "العشرين=20"},
		{"بعشرين قذيفة", "عشرين=20"},
		// hundreds
		{"مئة قتيل ومائة جريح", "مئة=100 مائة=100"},
		{"مئتان وخمسون عائلة", "مئتان وخمسون=250"},
		{"نحو مائتين من المسلحين", "نحو مائتين=200/about"},
		{"ثلاثمئة أسير وثلاثمائة جندي", "ثلاثمئة=300 ثلاثمائة=300"},
		{"ثلاث مئة عائلة", "ثلاث مئة=300"},
		{"مئة وخمسة وعشرون", "مئة وخمسة وعشرون=125"},
		{"خمسمئة واثنا عشر", "خمسمئة واثنا عشر=512"},
		// thousands and beyond
		{"ألف مقاتل", "ألف=1000"},
		{"ألفان من اللاجئين وألفين آخرين", "ألفان=2000 ألفين=2000"},
		{"ثلاثة آلاف عنصر", "ثلاثة آلاف=3000"},
		{"عشرة آلاف نازح", "عشرة آلاف=10000"},
		{"خمسة وعشرون ألفا", "خمسة وعشرون ألفا=25000"},
		{"مئة ألف", "مئة ألف=100000"},
		{"ثلاثة آلاف وخمسمئة", "ثلاثة آلاف وخمسمئة=3500"},
		{"ألف وتسعمائة وتسعة وتسعين", "ألف وتسعمائة وتسعة وتسعين=1999"},
		{"مليون لاجئ", "مليون=1e+06"},
		{"ثلاثة ملايين نازح", "ثلاثة ملايين=3e+06"},
		{"مليون ونصف", "مليون ونصف=1.5e+06"},
		{"أكثر من نصف مليون", "أكثر من نصف مليون=500000/at_least"},
		{"نصف السكان", ""},
		{"عبر 7 آلاف و367 مرشحا", "7 آلاف و367=7367"},
		{"مليون و200 ألف", "مليون و200 ألف=1.2e+06"},
		{"بين 10 آلاف و15 ألفا", "10 آلاف=10000 15 ألفا=15000"},
		{"وأحد أكبر المعارك ووأحد", ""},
		{"وأحد عشر جنديا", "أحد عشر=11"},
		{"مليار دولار ومليارين آخرين", "مليار=1e+09 مليارين=2e+09"},
		// vague quantities
		{"قتل عدة أشخاص", "عدة=~3"},
		{"شهدت المدينة هجمات عدّة", "عدّة=~3"},
		{"اعتقل عدد من الشبان", "عدد من=~3"},
		{"أصيب عددا كبيرا من المدنيين", "عددا كبيرا من=~3"},
		{"بضعة عناصر", "بضعة=~3"},
		{"قتل العشرات وجرح عشرات آخرون", "العشرات=~12 عشرات=~12"},
		{"نزح المئات ومئات العائلات", "المئات=~100 مئات=~100"},
		{"فر آلاف المدنيين", "آلاف=~1000"},
		{"أسرت الآلاف", "الآلاف=~1000"},
		{"نزح عشرات الآلاف", "عشرات الآلاف=~12000"},
		{"مئات الآلاف من اللاجئين", "مئات الآلاف=~100000"},
		{"عدة آلاف", "عدة آلاف=~3000"},
		{"تكفلت العدة بذلك", ""},
		{"لم يحدد عدده", ""},
		// qualifiers
		{"مقتل 20 مدنيا على الأقل", "20 مدنيا على الأقل=20/at_least"},
		{"قتل على الأقل 15 شخصا", "على الأقل 15=15/at_least"},
		{"قتل 9 على الأقل", "9 على الأقل=9/at_least"},
		{"أكثر من عشرة قتلى", "أكثر من عشرة=10/at_least"},
		{"اعتقل ما لا يقل عن 40 شخصا", "ما لا يقل عن 40=40/at_least"},
		{"أزيد من 300 عائلة", "أزيد من 300=300/at_least"},
		{"ما يزيد على ألف", "ما يزيد على ألف=1000/at_least"},
		{"قتل نحو 30 ومقتل حوالي خمسين وقرابة ستين", "نحو 30=30/about حوالي خمسين=50/about قرابة ستين=60/about"},
		{"زهاء مئة وما يقارب مائتين", "زهاء مئة=100/about ما يقارب مائتين=200/about"},
		{"بنحو 12 قتيلا", "نحو 12=12/about"},
		{"أقل من عشرين", "أقل من عشرين=20/at_most"},
		{"ما لا يزيد عن 5", "ما لا يزيد عن 5=5/at_most"},
		{"جرح 4 وما لا يقل عن 9", "4=4 ما لا يقل عن 9=9/at_least"},
		{"عام ألفين وثمانية عشر", "ألفين وثمانية عشر=2018"},
		{"قتل 30 تقريبا", "30 تقريبا=30/about"},
		{"توجهت القوات نحو المدينة", ""},
		{"أكثر من مرة", ""},
		// percentages
		{"سيطر على 90٪ من المدينة", "90٪=90%"},
		{"ارتفعت بنسبة 90 % عن العام الماضي", "90 %=90%"},
		{"تراجع بنسبة 12 في المئة", "12 في المئة=12%"},
		{"خمسين بالمئة", "خمسين بالمئة=50%"},
		{"نحو 40 في المائة من السكان", "نحو 40 في المائة=40%/about"},
		{"زادت بالمئة والمئة", ""},
		// ordinals
		{"للمرة الثالثة", "الثالثة=#3"},
		{"في الأسبوع الثاني", "الثاني=#2"},
		{"الحادي عشر من سبتمبر", "الحادي عشر=#11"},
		{"في الحادية عشر من العمر", "الحادية عشر=#11"},
		{"في الخامس والعشرين من الشهر", "الخامس والعشرين=#25"},
		// not numbers
		{"يوم الاثنين الماضي وفي الإثنين", ""},
		{"غاز ثاني أكسيد الكربون", ""},
		// lists of separate numbers
		{"قتل خمسة وعشرة جرحى", "خمسة=5 عشرة=10"},
		{"بين 20 و30 قتيلا", "20=20 30=30"},
		// dates are returned; the tagger drops what overlaps a date
		{"في 12 آذار 2019", "12=12 2019=2019"},
	}
	for _, c := range cases {
		got := strings.Join(findAll(t, c.in), " ")
		if got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.in, got, c.want)
		}
	}
}

// The original text keeps harakat, tatweel, Arabic-Indic digits and
// presentation marks; spans must still be its exact slices.
func TestSpansOnUnnormalisedText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"قُتِلَ عِشْرُونَ مَدَنِيًّا", "عِشْرُونَ=20"},
		{"قـتـل خـمـسـة وعـشـرون", "خـمـسـة وعـشـرون=25"},
		{"أُصيبَ ٢٥ شخصاً عَلَى الأَقَلِّ", "٢٥ شخصاً عَلَى الأَقَلِّ=25/at_least"},
		{"بنسبة ٩٠٪", "٩٠٪=90%"},
		{"«ثلاثةُ آلافٍ» نازح", "ثلاثةُ آلافٍ=3000"},
		{"وعشرينَ", "عشرينَ=20"},
		{"نحوَ ١٬٢٠٠", "نحوَ ١٬٢٠٠=1200/about"},
		{"العشراتُ", "العشراتُ=~12"},
	}
	for _, c := range cases {
		got := strings.Join(findAll(t, c.in), " ")
		if got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.in, got, c.want)
		}
	}
}

func TestParseDigits(t *testing.T) {
	cases := map[string]float64{"1,500": 1500, "12,000,000": 12e6, "1,5": 1.5, "3.25": 3.25, "1,500.5": 1500.5, "0": 0}
	for in, want := range cases {
		if got, ok := parseDigits(in); !ok || got != want {
			t.Errorf("parseDigits(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

func TestConcurrentFind(t *testing.T) {
	a := text.Analyze("قتل خمسة وعشرون شخصا على الأقل ونزح عشرات الآلاف")
	want := strings.Join(findAll(t, string(a.Orig)), " ")
	done := make(chan string)
	for range 8 {
		go func() {
			var b []string
			for _, m := range Find(a) {
				b = append(b, render(m))
			}
			done <- strings.Join(b, " ")
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Find = %q, want %q", got, want)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"قتل 20 مدنيا على الأقل",
		"خمسة وعشرون ألفا و٣٫٥ مليون",
		"عشرات الآلاف بالمئة 90٪",
		"ما لا يقل عن ثلاث مئة وو عشرون",
		"الحادي عشر والخامس والعشرين",
		"مليون ونصف ألف مليون",
		"1,2,3.4.5 ,,, 9e9999",
		"ﻻ ٠٫ ـ ً",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := text.Analyze(s)
		prev := 0
		for _, m := range Find(a) {
			if !m.Span.Valid(a.Orig) {
				t.Fatalf("span %+v is not a slice of %q", m.Span, s)
			}
			if m.Value < 0 {
				t.Fatalf("negative value %v in %q", m.Value, s)
			}
			if m.Tok < prev || m.TokEnd <= m.Tok || m.TokEnd > len(a.Tokens) {
				t.Fatalf("token range [%d,%d) after %d in %q", m.Tok, m.TokEnd, prev, s)
			}
			prev = m.TokEnd
		}
	})
}

const seedDir = "../../../shared/seeds/"

func readSeed(t testing.TB, name string) *text.Analysis {
	t.Helper()
	b, err := os.ReadFile(seedDir + name)
	if err != nil {
		t.Skipf("seed %s not available (%v): run with ../shared beside the repository", name, err)
	}
	return text.Analyze(string(b))
}

func TestSeeds(t *testing.T) {
	a := readSeed(t, "000_b9b80873b51c7c98.txt")
	found := false
	for _, m := range Find(a) {
		if strings.HasPrefix(m.Span.Text, "عشرين") && m.Value == 20 && !m.Approx && !m.Percent {
			found = true
		}
	}
	if !found {
		t.Errorf("seed 000: «عشرين» = 20 not found")
	}

	a = readSeed(t, "001_93d21e087bbbdb8c.txt")
	found = false
	for _, m := range Find(a) {
		if m.Span.Text == "90٪" {
			if !m.Percent || m.Value != 90 {
				t.Errorf("seed 001: «90٪» read as %+v, want a percentage", m)
			}
			found = true
		}
	}
	if !found {
		t.Errorf("seed 001: «90٪» not found")
	}
}

func BenchmarkFind(b *testing.B) {
	a := readSeed(b, "000_b9b80873b51c7c98.txt")
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(string(a.Orig))))
	b.ResetTimer()
	for b.Loop() {
		Find(a)
	}
}
