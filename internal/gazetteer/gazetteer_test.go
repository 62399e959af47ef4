package gazetteer

import (
	"strings"
	"sync"
	"testing"

	"rasd/internal/event"
	"rasd/internal/text"
)

func load(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

// find runs Find and checks the invariants every result must keep: spans
// are exact slices of the original text, in order, not overlapping, and the
// token range matches the span.
func find(t *testing.T, g *Gazetteer, s string) []Mention {
	t.Helper()
	a := text.Analyze(s)
	ms := g.Find(a)
	orig := []rune(s)
	prevEnd := 0
	for _, m := range ms {
		if !m.Span.Valid(orig) || !m.Name.Valid(orig) {
			t.Errorf("%q: span %+v or name %+v is not a slice of the text", s, m.Span, m.Name)
		}
		if m.Name.Start < m.Span.Start || m.Name.End > m.Span.End {
			t.Errorf("%q: name %+v outside span %+v", s, m.Name, m.Span)
		}
		if m.Span.Start < prevEnd {
			t.Errorf("%q: mentions overlap or are out of order at %+v", s, m.Span)
		}
		prevEnd = m.Span.End
		if m.Tok < 0 || m.TokEnd > len(a.Tokens) || m.Tok >= m.TokEnd ||
			a.Tokens[m.Tok].End <= m.Span.Start || a.Tokens[m.TokEnd-1].End != m.Span.End {
			t.Errorf("%q: token range [%d,%d) does not match span %+v", s, m.Tok, m.TokEnd, m.Span)
		}
		if m.Place == nil || m.Precision < 1 || m.Precision > 3 {
			t.Errorf("%q: bad mention %+v", s, m)
		}
	}
	return ms
}

// only asserts that s has exactly one mention and returns it.
func only(t *testing.T, g *Gazetteer, s string) Mention {
	t.Helper()
	ms := find(t, g, s)
	if len(ms) != 1 {
		t.Fatalf("%q: %d mentions %s, want 1", s, len(ms), describe(ms))
	}
	return ms[0]
}

func describe(ms []Mention) string {
	out := "["
	for i, m := range ms {
		if i > 0 {
			out += ", "
		}
		out += m.Span.Text + "→" + m.Place.ID + "/" + m.Place.Admin1
	}
	return out + "]"
}

type want struct {
	span, name string
	admin1     string // SCHEMA code
	kind       string
	prec       int
	cue        string
}

func check(t *testing.T, s string, m Mention, w want) {
	t.Helper()
	if m.Span.Text != w.span || m.Name.Text != w.name {
		t.Errorf("%q: span %q name %q, want %q %q", s, m.Span.Text, m.Name.Text, w.span, w.name)
	}
	if m.Place.Admin1Code != w.admin1 {
		t.Errorf("%q: admin1 %s (%s), want %s", s, m.Place.Admin1Code, m.Place.ID, w.admin1)
	}
	if w.kind != "" && m.Place.Kind != w.kind {
		t.Errorf("%q: kind %s (%s), want %s", s, m.Place.Kind, m.Place.ID, w.kind)
	}
	if m.Precision != w.prec {
		t.Errorf("%q: precision %d, want %d", s, m.Precision, w.prec)
	}
	if m.Cue != w.cue {
		t.Errorf("%q: cue %q, want %q", s, m.Cue, w.cue)
	}
}

func TestCues(t *testing.T) {
	g := load(t)
	cases := []struct {
		s string
		w want
	}{
		// «ريف» of a governorate's capital: the governorate, precision 2,
		// with the trailing directions in the span.
		{"قصفت الطائرات مواقع في ريف دير الزور الشرقي صباح اليوم.",
			want{"ريف دير الزور الشرقي", "دير الزور", "SY.DY", "region", 2, "ريف"}},
		{"تدور اشتباكات متقطعة في ريف حمص الشمالي الشرقي منذ أيام.",
			want{"ريف حمص الشمالي الشرقي", "حمص", "SY.HI", "region", 2, "ريف"}},
		// «ريف» of another town: that town, precision 2.
		{"انفجرت عبوة ناسفة في ريف منبج مساء أمس.",
			want{"ريف منبج", "منبج", "SY.HL", "locality", 2, "ريف"}},
		{"تنتشر خلايا نائمة في بادية الحسكة الجنوبية.",
			want{"بادية الحسكة الجنوبية", "الحسكة", "SY.HA", "region", 2, "بادية"}},
		{"سقطت قذائف على محيط مطار دير الزور العسكري.",
			want{"محيط مطار دير الزور العسكري", "مطار دير الزور العسكري", "SY.DY", "airport", 2, "محيط"}},
		{"انفجرت سيارة مفخخة قرب بلدة اعزاز.",
			want{"قرب بلدة اعزاز", "اعزاز", "SY.HL", "locality", 2, "قرب"}},
		{"تجمع النازحون على أطراف مدينة الموصل.",
			want{"أطراف مدينة الموصل", "الموصل", "IQ.NI", "locality", 2, "أطراف"}},
		{"سقطت قذيفة هاون في ضواحي دمشق.",
			want{"ضواحي دمشق", "دمشق", "SY.DI", "locality", 2, "ضواحي"}},
		{"نفذ الجيش عملية أمنية في قضاء تلعفر.",
			want{"قضاء تلعفر", "تلعفر", "IQ.NI", "locality", 2, "قضاء"}},
		{"اعتقلت القوات ثلاثة مطلوبين في ناحية كبيسة.",
			want{"ناحية كبيسة", "كبيسة", "IQ.AN", "locality", 2, "ناحية"}},
		{"قتل راعٍ بانفجار لغم شرق السخنة.",
			want{"شرق السخنة", "السخنة", "SY.HI", "locality", 2, "شرق"}},
		{"تقدمت القوات جنوب غربي مدينة الميادين.",
			want{"جنوب غربي مدينة الميادين", "الميادين", "SY.DY", "locality", 2, "جنوب غربي"}},
		{"تحركت الدوريات شمال شرق الحسكة.",
			want{"شمال شرق الحسكة", "الحسكة", "SY.HA", "locality", 2, "شمال شرق"}},
		// «محافظة X»: the governorate, precision 3, also when X is its capital.
		{"أعلنت السلطات حظر التجول في محافظة ديالى.",
			want{"محافظة ديالى", "ديالى", "IQ.DI", "region", 3, "محافظة"}},
		{"عاد الهدوء إلى محافظة الرقة بعد أسابيع.",
			want{"محافظة الرقة", "الرقة", "SY.RA", "region", 3, "محافظة"}},
		{"وصلت تعزيزات إلى محافظة الموصل.",
			want{"محافظة الموصل", "الموصل", "IQ.NI", "region", 3, "محافظة"}},
		// «مدينة», «بلدة», «قرية», «مخيم», «حي»: the place, precision 1.
		{"قتل مدنيان في مدينة الرقة.",
			want{"مدينة الرقة", "الرقة", "SY.RA", "locality", 1, "مدينة"}},
		{"سيطرت القوات على قرية الباغوز.",
			want{"قرية الباغوز", "الباغوز", "SY.DY", "locality", 1, "قرية"}},
		{"داهمت الشرطة منازل في حي الأعظمية.",
			want{"حي الأعظمية", "الأعظمية", "IQ.BG", "neighbourhood", 1, "حي"}},
		{"وصلت المساعدات إلى بلدة هجين.",
			want{"بلدة هجين", "هجين", "SY.DY", "locality", 1, "بلدة"}},
		// «سوق X», a town's market, is the town, precision 1.
		{"انفجرت دراجة مفخخة في سوق منبج الشعبي.",
			want{"سوق منبج", "منبج", "SY.HL", "locality", 1, "سوق"}},
		// «منطقة X»: the place's own precision.
		{"تنشط الخلايا في منطقة البادية السورية.",
			want{"منطقة البادية السورية", "البادية السورية", "SY.HI", "region", 3, "منطقة"}},
		// A site's name holds its cue word.
		{"نقلت العائلات إلى مخيم الهول قبل أشهر.",
			want{"مخيم الهول", "مخيم الهول", "SY.HA", "camp", 1, ""}},
		// Bare names: a governorate's capital is the city, a governorate
		// that is no city is the governorate, a country is precision 3.
		{"تظاهر العشرات في الرقة.", want{"الرقة", "الرقة", "SY.RA", "locality", 1, ""}},
		{"وصل الوفد إلى دير الزور.", want{"دير الزور", "دير الزور", "SY.DY", "locality", 1, ""}},
		{"غادر الوفد إدلب مساء.", want{"إدلب", "إدلب", "SY.ID", "locality", 1, ""}},
		{"عاد النازحون إلى الموصل.", want{"الموصل", "الموصل", "IQ.NI", "locality", 1, ""}},
		{"تشهد ديالى توترا أمنيا.", want{"ديالى", "ديالى", "IQ.DI", "region", 3, ""}},
		{"تشهد الأنبار توترا أمنيا.", want{"الأنبار", "الأنبار", "IQ.AN", "region", 3, ""}},
		{"تشهد نينوى توترا أمنيا.", want{"نينوى", "نينوى", "IQ.NI", "region", 3, ""}},
		{"تشهد صلاح الدين توترا أمنيا.", want{"صلاح الدين", "صلاح الدين", "IQ.SD", "region", 3, ""}},
		{"تشهد ريف دمشق توترا أمنيا.", want{"ريف دمشق", "ريف دمشق", "SY.RD", "region", 3, ""}},
		{"اشتباكات في ريف دمشق الغربي.", want{"ريف دمشق الغربي", "ريف دمشق", "SY.RD", "region", 2, ""}},
		{"عاد الوفد إلى تركيا.", want{"تركيا", "تركيا", "", "country", 3, ""}},
		{"اجتمع الطرفان في شرق الفرات.", want{"شرق الفرات", "شرق الفرات", "SY.DY", "region", 2, ""}},
	}
	for _, c := range cases {
		check(t, c.s, only(t, g, c.s), c.w)
	}
}

func TestDualCue(t *testing.T) {
	g := load(t)
	s := "تنتشر خلايا التنظيم في ريفي حمص ودير الزور منذ سنوات."
	ms := find(t, g, s)
	if len(ms) != 2 {
		t.Fatalf("%q: %s, want 2 mentions", s, describe(ms))
	}
	check(t, s, ms[0], want{"ريفي حمص", "حمص", "SY.HI", "region", 2, "ريفي"})
	check(t, s, ms[1], want{"دير الزور", "دير الزور", "SY.DY", "region", 2, "ريفي"})

	s = "امتدت الاشتباكات إلى محافظتي الرقة والحسكة."
	ms = find(t, g, s)
	if len(ms) != 2 {
		t.Fatalf("%q: %s, want 2 mentions", s, describe(ms))
	}
	check(t, s, ms[0], want{"محافظتي الرقة", "الرقة", "SY.RA", "region", 3, "محافظتي"})
	check(t, s, ms[1], want{"الحسكة", "الحسكة", "SY.HA", "region", 3, "محافظتي"})
}

func TestClitics(t *testing.T) {
	g := load(t)
	cases := []struct{ s, span string }{
		{"قصفت الطائرات مواقع بالرقة.", "الرقة"},
		{"وصلت التعزيزات للرقة.", "للرقة"}, // ل fused with the article keeps its span
		{"وصلت التعزيزات إلى دمشق والرقة.", "الرقة"},
		{"وتمركزت القوات وبالرقة حواجز.", "الرقة"},
		{"قصفت الطائرات مواقع بريف حلب.", "ريف حلب"},
		{"انتشرت القوات وبمحيط الرقة حواجز.", "محيط الرقة"},
	}
	for _, c := range cases {
		ms := find(t, g, c.s)
		var got Mention
		for _, m := range ms {
			if m.Place.Admin1Code == "SY.RA" || m.Place.Admin1Code == "SY.HL" {
				got = m
			}
		}
		if got.Place == nil || got.Span.Text != c.span {
			t.Errorf("%q: %s, want a mention %q", c.s, describe(ms), c.span)
		}
	}
	// The article is never shed from a name: «الخير» is not «خير».
	for _, s := range []string{"نتمنى لكم الخير والسلام.", "هذا خبر سار للخير."} {
		if ms := find(t, g, s); len(ms) != 0 {
			t.Errorf("%q: %s, want none", s, describe(ms))
		}
	}
}

// A list goes on past a comma before its «و»: «في عين الأسد، والتنف،
// وحقل العمر» names three sites, though «التنف» alone needs a preposition.
func TestListWithCommas(t *testing.T) {
	g := load(t)
	ms := find(t, g, "سقطت صواريخ على مواقع في عين الأسد، والتنف، وحقل العمر أمس.")
	var names []string
	for _, m := range ms {
		names = append(names, m.Place.NameEN)
	}
	if len(ms) != 3 || names[1] != "At Tanf" {
		t.Errorf("got %s, want the three sites", describe(ms))
	}
}

// Villages named «كفر X» are written joined as often as apart, whichever
// form WOF gives.
func TestKafrJoinedOrApart(t *testing.T) {
	g := load(t)
	for _, s := range []string{"قصفت الطائرات بلدة كفربطنا في الغوطة أمس.", "قصفت الطائرات بلدة كفر بطنا في الغوطة أمس.",
		"قصفت المدفعية بلدة كفرنبودة في ريف حماة أمس.", "قصفت المدفعية بلدة كفر نبودة في ريف حماة أمس."} {
		ms := find(t, g, s)
		if len(ms) == 0 || !strings.HasPrefix(ms[0].Place.NameEN, "Kafr") {
			t.Errorf("%s: got %s, want the village", s, describe(ms))
		}
	}
}

// The first name of a list needs no preposition when a place is joined to
// it by «و» («قصفت الطائرات دوما وحرستا»); the same word alone is a word.
func TestListHeadNeedsNoPreposition(t *testing.T) {
	g := load(t)
	ms := find(t, g, "قصفت الطائرات دوما وحرستا وعربين أمس.")
	if len(ms) != 3 || ms[0].Place.NameEN != "Douma" {
		t.Errorf("got %s, want Douma, Harasta and Irbin", describe(ms))
	}
	if ms := find(t, g, "قال إنه سيبقى دوما وأبدا في المدينة."); len(ms) != 0 {
		t.Errorf("an adverb before «و» and a word: got %s, want no place", describe(ms))
	}
}

// «في العاصمة العراقية، بغداد»: a capital in apposition after a comma is
// the place the cue announces; a word that only looks like a town after
// such a comma («في العاصمة البريطانية، بأنه …») is not.
func TestCapitalAfterComma(t *testing.T) {
	g := load(t)
	ms := find(t, g, "انفجرت سيارة مفخخة في العاصمة العراقية، بغداد، أمس.")
	if len(ms) != 1 || ms[0].Place.NameEN != "Baghdad" {
		t.Errorf("got %s, want Baghdad", describe(ms))
	}
	ms = find(t, g, "وصفه ضابط سابق في شرطة العاصمة البريطانية، بأنه خطير.")
	for _, m := range ms {
		if m.Place.Country == "IRN" {
			t.Errorf("got %s, want no town of Iran", describe(ms))
		}
	}
}

func TestHarakatAndTatweel(t *testing.T) {
	g := load(t)
	s := "قصفت المدفعية دِرعا والرقـة."
	ms := find(t, g, s)
	if len(ms) != 2 || ms[0].Span.Text != "دِرعا" || ms[1].Span.Text != "الرقـة" {
		t.Fatalf("%q: %s", s, describe(ms))
	}
	if ms[0].Place.Admin1Code != "SY.DR" || !ms[0].Place.capital {
		t.Errorf("%q: دِرعا is %s, want the city of Dar'a", s, ms[0].Place.ID)
	}
}

func TestCommonWordsAreNotPlaces(t *testing.T) {
	g := load(t)
	for _, s := range []string{
		"أعلن النصر على التنظيم بعد معارك طويلة.",
		"(الحل) – قالت مصادر محلية إن الوضع هادئ.",
		"قتل زعيم التنظيم أبو بكر البغدادي في غارة.",
		"ويقول الناشط إن الحل السياسي بعيد.",
		"تعمل الشركة في مجال الطاقة منذ سنوات.",
		"يسألون دوماً عن مصير أبنائهم.",
		"خرجت مسيرة سلمية في الساحة.",
		// «من سلمية الاحتجاجات» is "of the protests' peacefulness".
		"وعلى الرغم من سلمية الاحتجاجات فرقتها الشرطة.",
		"تضم الطبقة الوسطى معظم السكان.",
		"سيطر التنظيم على مناطق واسعة.",
		"بدت المدينة كمنطقة منكوبة.",
		"قتل ثلاثة في بلدة على الأقل.",
		"وقع الحادث في شهر رمضان الماضي.",
		// Phrases that name no place though their words do.
		"قالت قوات سوريا الديمقراطية إنها صدت الهجوم.",
		"قتل قائد في فيلق القدس بغارة.",
		"يعد ذلك خرقا لاتفاقية جنيف الرابعة.",
		// «سورية» is also the adjective "Syrian".
		"هبطت الطائرة في مطارات سورية عدة.",
	} {
		if ms := find(t, g, s); len(ms) != 0 {
			t.Errorf("%q: %s, want none", s, describe(ms))
		}
	}
	// The country is still found where a preposition marks it.
	if m := only(t, g, "عاد اللاجئون إلى سورية."); m.Place.Kind != "country" || m.Place.Country != "SYR" {
		t.Errorf("إلى سورية: %+v", m.Place)
	}
	// A strong cue makes the same word a place.
	m := only(t, g, "قصفت المدفعية قرية النصر.")
	if m.Place.Kind != "locality" || m.Cue != "قرية" || m.Name.Text != "النصر" {
		t.Errorf("قرية النصر: %+v", m)
	}
	// A small village needs a preposition or cue; a known town does not.
	if len(g.Lookup("الحويجة")) < 2 {
		t.Fatal("الحويجة should have several candidates")
	}
	m = only(t, g, "اجتمع الوجهاء الحويجة أمس.")
	if m.Place.Admin1Code != "IQ.TS" {
		t.Errorf("bare الحويجة: %s, want the Kirkuk town", m.Place.ID)
	}
}

func TestPersonNamesAreNotPlaces(t *testing.T) {
	g := load(t)
	for _, s := range []string{
		"قال أحمد الحمادي إن الاجتماع انتهى.",
		"ويدعى محمد مصطفى الحسين.",
		"استقبل الشيخ محمد الوفد.",
	} {
		if ms := find(t, g, s); len(ms) != 0 {
			t.Errorf("%q: %s, want none", s, describe(ms))
		}
	}
	if ps := g.Lookup("البغدادي"); len(ps) == 0 {
		t.Fatal("البغدادي should be a WOF locality for this test to mean anything")
	}
	// With a cue the village is found.
	if ms := find(t, g, "قصفت الطائرات ناحية البغدادي غرب الأنبار."); len(ms) == 0 || ms[0].Place.Admin1Code != "IQ.AN" {
		t.Errorf("ناحية البغدادي: %s", describe(ms))
	}
}

func TestForeignArticles(t *testing.T) {
	g := load(t)
	// An article about Yemen: no Syrian or Iraqi village of the names,
	// and the governorate of the cue is Yemen's.
	ms := find(t, g, "شنت قوات التحالف غارات على محافظة صعدة في اليمن.")
	for _, m := range ms {
		if m.Place.Country == "SYR" || m.Place.Country == "IRQ" {
			t.Errorf("Yemen article: %s", describe(ms))
		}
	}
	if len(ms) != 2 || ms[0].Place != g.Admin1Place("YE.SD") || ms[0].Precision != 3 {
		t.Errorf("محافظة صعدة: %s, want Saada governorate", describe(ms))
	}
	// A city known abroad is not displaced by a village of the country the
	// article is about.
	ms = find(t, g, "قالت مصادر في مصر إن الوزير سافر إلى باريس.")
	if len(ms) != 2 || ms[1].Place.ID != "rasd:city-paris" {
		t.Errorf("باريس in an article about Egypt: %s", describe(ms))
	}
	// A Syrian village's namesake in a story from elsewhere is not Syria's,
	// though «مدينة» marks it as a town and the story repeats it: a village
	// does not vote for its own country.
	ms = find(t, g, "ضرب زلزال مدينة بالو في إندونيسيا أمس. وانتشرت الجثث في شوارع مدينة بالو. وقالت السلطات إن مدينة بالو تضررت كثيرا.")
	for _, m := range ms {
		if m.Place.Country == "SYR" || m.Place.Country == "IRQ" {
			t.Errorf("Indonesia article: %s", describe(ms))
		}
	}
}

func TestContextDisambiguation(t *testing.T) {
	g := load(t)
	// «رأس العين» is a town in Al-Hasakeh and villages elsewhere.
	m := only(t, g, "سيطرت القوات على رأس العين بعد معارك.")
	if m.Place.Admin1Code != "SY.HA" {
		t.Errorf("bare رأس العين: %s, want the Al-Hasakeh town", m.Place.Admin1)
	}
	s := "قصفت المدفعية قرية رأس العين في ريف اللاذقية الشمالي."
	ms := find(t, g, s)
	if len(ms) != 2 || ms[0].Place.Admin1Code != "SY.LA" {
		t.Errorf("%q: %s, want the Lattakia village", s, describe(ms))
	}
	// The governorate named elsewhere in the article counts too.
	s = "شهدت محافظة حماة توترا. وقصفت المدفعية قرية الحويجة."
	ms = find(t, g, s)
	if len(ms) != 2 || ms[1].Place.Admin1Code != "SY.HM" {
		t.Errorf("%q: %s, want the Hama village", s, describe(ms))
	}
	if ms[1].Alternatives < 2 {
		t.Errorf("%q: alternatives %d, want the other الحويجة villages counted", s, ms[1].Alternatives)
	}
	// A capital is not displaced by a village of the same name in the
	// governorate the article is about.
	s = "في محافظة حماة قالت مصادر إن وفدا زار حمص."
	ms = find(t, g, s)
	if len(ms) != 2 || ms[1].Place.Admin1Code != "SY.HI" {
		t.Errorf("%q: %s, want Homs city", s, describe(ms))
	}
}

func TestCountrySignal(t *testing.T) {
	g := load(t)
	// Find a village name shared by exactly one Syrian and one Iraqi
	// village of the same rank and need: the article's country decides.
	var key string
	for _, e := range g.sortedEntries() {
		if e.ntok != 1 || len(e.cands) != 2 {
			continue
		}
		a, b := e.cands[0], e.cands[1]
		if a.p.tier == 1 && b.p.tier == 1 && a.need == prep && b.need == prep &&
			a.p.Population == 0 && b.p.Population == 0 && a.p.Country != b.p.Country &&
			g.focus[a.p.Country] && g.focus[b.p.Country] {
			key = e.key
			break
		}
	}
	if key == "" {
		t.Skip("no Syrian/Iraqi village pair in the data")
	}
	for _, country := range []string{"IRQ", "SYR"} {
		name := map[string]string{"IRQ": "العراق", "SYR": "سوريا"}[country]
		s := "قال مسؤول في " + name + " إن القوات دخلت قرية " + key + "."
		ms := find(t, g, s)
		if len(ms) != 2 || ms[1].Place.Country != country {
			t.Errorf("%q: %s, want the %s village", s, describe(ms), country)
		}
	}
}

func TestAdmin1Table(t *testing.T) {
	g := load(t)
	if len(event.Admin1s) != 33 {
		t.Fatalf("%d admin1 rows", len(event.Admin1s))
	}
	for _, a := range event.Admin1s {
		p := g.Admin1Place(a.Code)
		if p == nil {
			t.Errorf("no place for %s", a.Code)
			continue
		}
		if p.Admin1 != a.Name || p.Admin1Code != a.Code || p.Country != a.Country || p.Kind != "region" || p.GeoPrecision != 3 {
			t.Errorf("%s: %+v", a.Code, p)
		}
		if p.Lat == 0 || p.Lon == 0 {
			t.Errorf("%s: no representative point", a.Code)
		}
		s := "وصلت تعزيزات عسكرية إلى محافظة " + a.Arabic + " أمس."
		m := only(t, g, s)
		if m.Place != p || m.Precision != 3 || m.Cue != "محافظة" {
			t.Errorf("%q: %s p%d cue %q", s, m.Place.ID, m.Precision, m.Cue)
		}
		// The bare name is the governorate or its capital, in that
		// governorate.
		s = "وصلت تعزيزات عسكرية إلى " + a.Arabic + " أمس."
		m = only(t, g, s)
		if m.Place.Admin1Code != a.Code || m.Place.Admin1 != a.Name {
			t.Errorf("%q: %s %s", s, m.Place.ID, m.Place.Admin1)
		}
	}
	// Every place of the gazetteer's 23 countries has its province, spelt
	// as the table spells it; only countries and sites elsewhere have none.
	for _, p := range g.Places() {
		if p.Admin1Code == "" {
			if p.Kind != "country" && g.hasCountry(p.Country) {
				t.Errorf("%s (%s) in %s has no admin1", p.ID, p.NameAR, p.Country)
			}
			continue
		}
		a := g.Admin1Place(p.Admin1Code)
		if a == nil || a.Admin1 != p.Admin1 || a.Country != p.Country {
			t.Errorf("%s: admin1 %q %q country %s", p.ID, p.Admin1Code, p.Admin1, p.Country)
		}
	}
}

// hasCountry says whether the gazetteer has provinces in country.
func (g *Gazetteer) hasCountry(country string) bool {
	for _, a := range g.admin1 {
		if a.Country == country {
			return true
		}
	}
	return false
}

func TestLookup(t *testing.T) {
	g := load(t)
	dy := g.Admin1Place("SY.DY")
	if ps := g.Lookup("محافظة دير الزور"); len(ps) == 0 || ps[0] != dy {
		t.Errorf("Lookup(محافظة دير الزور) = %v", ps)
	}
	if ps := g.Lookup("دير الزور"); len(ps) < 2 || !ps[0].capital {
		t.Errorf("Lookup(دير الزور): the city should come first, got %v", ps)
	}
	found := false
	for _, p := range g.Lookup("Deir-ez-Zor") {
		found = found || p == dy
	}
	if !found {
		t.Error("Lookup(Deir-ez-Zor) misses the governorate")
	}
	if ps := g.Lookup("Baghuz Fawqani"); len(ps) == 0 || ps[0].ID != "wof:1259574811" {
		t.Errorf("Lookup(Baghuz Fawqani) = %v", ps)
	}
	if ps := g.Lookup("حقل العمر"); len(ps) != 1 || ps[0].Kind != "oilfield" {
		t.Errorf("Lookup(حقل العمر) = %v", ps)
	}
	if ps := g.Lookup("لا يوجد مكان بهذا الاسم"); len(ps) != 0 {
		t.Errorf("Lookup of nonsense = %v", ps)
	}
}

func TestSites(t *testing.T) {
	g := load(t)
	n := 0
	for _, p := range g.Places() {
		if p.ID[:5] != "rasd:" {
			continue
		}
		n++
		if p.Country == "SYR" || p.Country == "IRQ" {
			// Representative points must lie in the right country's box.
			box := map[string][4]float64{"SYR": {32.3, 37.4, 35.6, 42.5}, "IRQ": {29.0, 37.5, 38.7, 48.7}}[p.Country]
			if p.Lat < box[0] || p.Lat > box[1] || p.Lon < box[2] || p.Lon > box[3] {
				t.Errorf("%s at %.2f,%.2f is outside %s", p.ID, p.Lat, p.Lon, p.Country)
			}
		}
	}
	if n < 150 {
		t.Errorf("%d rasd sites, want 150 or more", n)
	}
	for _, s := range []string{"حقل العمر", "معمل غاز كونيكو", "مخيم الركبان", "سجن غويران", "سجن الصناعة",
		"قاعدة التنف", "قاعدة حميميم", "قاعدة عين الأسد", "معبر باب الهوى", "سد الفرات", "سد تشرين",
		"سد الموصل", "البادية السورية", "بادية حمص", "جبال حمرين", "صحراء الأنبار", "وادي حوران",
		"جبل سنجار", "شمال شرق سوريا", "شمال غرب سوريا", "مطار كويرس", "سجن صيدنايا", "سجن أبو غريب"} {
		if len(g.Lookup(s)) == 0 {
			t.Errorf("site %q is missing", s)
		}
	}
}

func TestConcurrentFind(t *testing.T) {
	g := load(t)
	a := text.Analyze("قصفت الطائرات مواقع في ريف دير الزور الشرقي وقرب بلدة اعزاز.")
	want := describe(g.Find(a))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := describe(g.Find(a)); got != want {
					t.Errorf("concurrent Find: %s, want %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestLoadReturnsTheSameGazetteer(t *testing.T) {
	a, b := load(t), load(t)
	if a != b {
		t.Error("Load built the gazetteer twice")
	}
}

// A desk's dateline says where the outlet writes from: a district the
// article names without its city is still found when the desk is abroad.
func TestDatelineDoesNotVote(t *testing.T) {
	g := load(t)
	for _, s := range []string{
		"قتل شخصان في انفجار عبوة في مدينة الصدر مساء الخميس.",
		"دبي، الإمارات العربية المتحدة (CNN) -- قتل شخصان في انفجار عبوة في مدينة الصدر مساء الخميس.",
	} {
		ms := find(t, g, s)
		if len(ms) == 0 || ms[len(ms)-1].Place.Country != "IRQ" {
			t.Errorf("%q: %s, want Sadr City last", s, describe(ms))
		}
	}
}
