package gazetteer

import (
	"strings"
	"testing"
)

func TestSkeletons(t *testing.T) {
	// Arabic names and WOF's romanisations of the same places.
	for _, c := range []struct{ ar, en string }{
		{"مكيشيفة", "Mukayshifah"},
		{"البوسودة", "Qaryat Albu Sawdah"},
		{"البو سودة", "Albu Sawdah"},
		{"السعدونية", "Qaryat as Sa'duniyah"},
		{"عين العرب", "'Ayn al 'Arab"},
		{"الشيخ مسكين", "Ash Shaykh Maskin"},
		{"دير الزور", "Dayr az Zawr"},
		{"خان شيخون", "Khān Shaykhūn"},
		{"تل أبيض", "Tall Abyad"},
		{"القامشلي", "Al Qamishli"},
		{"ظهرة", "Z̧ahrah"},
	} {
		ar, en := arabicSkeleton(nameKey(c.ar)), latinSkeleton(c.en)
		if ar == "" || coarseSkeleton(ar) != coarseSkeleton(en) {
			t.Errorf("%s → %q, %s → %q: the coarse skeletons differ", c.ar, ar, c.en, en)
		}
	}
	// The fine skeleton keeps ʿayn: «العناز» is 'Anaz, not Nazwah.
	if a, b := arabicSkeleton(nameKey("العناز")), latinSkeleton("Qaryat al 'Anaz"); a != b {
		t.Errorf("العناز %q, Qaryat al 'Anaz %q", a, b)
	}
	if a, b := arabicSkeleton(nameKey("العناز")), latinSkeleton("Nazwah"); a == b || coarseSkeleton(a) != coarseSkeleton(b) {
		t.Errorf("العناز %q, Nazwah %q: want the same coarse and different fine skeletons", a, b)
	}
	// «البو» tribes are not «أبو» names.
	if a, b := arabicSkeleton(nameKey("البوسودة")), latinSkeleton("Abu Saddah"); coarseSkeleton(a) == coarseSkeleton(b) {
		t.Errorf("البوسودة and Abu Saddah share the skeleton %q", a)
	}
	if s := latinSkeleton("Καλαμάτα"); s != "" {
		t.Errorf("a Greek name has the skeleton %q", s)
	}
}

func TestTransliterationFallback(t *testing.T) {
	g := load(t)
	// «مكيشيفة» is in WOF with its Latin name alone. After «قرية», and south
	// of Tikrit, where WOF has Mukayshifah, it is that village.
	s := "قصفت الطائرات أوكارا للمسلحين في قرية مكيشيفة جنوب تكريت."
	m := mentionOf(t, s, find(t, g, s), "مكيشيفة")
	if m.Place.NameEN != "Mukayshifah" || m.Place.Admin1Code != "IQ.SD" || m.Match != ByTranslit ||
		m.Precision != 1 || m.Cue != "قرية" || m.Span.Text != "قرية مكيشيفة" {
		t.Errorf("%q: %+v", s, m)
	}
	if g.Place(m.Place.ID) != m.Place {
		t.Errorf("Place(%s) does not return the Latin-only record", m.Place.ID)
	}
	if ps := g.Lookup("Mukayshifah"); len(ps) != 1 || ps[0] != m.Place {
		t.Errorf("Lookup(Mukayshifah) = %v", ps)
	}
	// The article's governorate confirms it as well as a place nearby.
	s = "شهدت محافظة صلاح الدين وتكريت هجمات. وقصفت الطائرات قرية مكيشيفة."
	if m := mentionOf(t, s, find(t, g, s), "مكيشيفة"); m.Match != ByTranslit || m.Place.Admin1Code != "IQ.SD" {
		t.Errorf("%q: %+v", s, m)
	}
	for _, s := range []string{
		// Never without a settlement cue.
		"وصلت التعزيزات إلى مكيشيفة جنوب تكريت.",
		// Never with nothing to confirm it.
		"قصفت الطائرات قرية مكيشيفة.",
		// Never in a governorate the text does not point to.
		"قصفت الطائرات قرية مكيشيفة قرب حلب.",
		// Common words and participles after «منطقة» are no places.
		"تجمع النازحون في منطقة قريبة من تكريت.",
		"تقدمت القوات نحو منطقة مأهولة شمال تكريت.",
		"لجأت العائلات إلى منطقة محاصرة جنوب تكريت.",
	} {
		for _, m := range find(t, g, s) {
			if m.Match != ByName {
				t.Errorf("%q: guessed %s → %s", s, m.Name.Text, m.Place.ID)
			}
		}
	}
}

func TestCuedNameAfterArea(t *testing.T) {
	g := load(t)
	// WOF has «قرية السعدونية» in Kirkuk: after the weaker «منطقة» the name
	// is taken when the text puts it near Hawija, and not on its own.
	s := "داهمت القوات منطقة السعدونية قرب الحويجة."
	m := mentionOf(t, s, find(t, g, s), "السعدونية")
	if m.Match != ByCue || m.Place.Admin1Code != "IQ.TS" || m.Cue != "منطقة" {
		t.Errorf("%q: %+v", s, m)
	}
	s = "داهمت القوات منطقة السعدونية."
	if ms := find(t, g, s); len(ms) != 0 {
		t.Errorf("%q: %s, want none", s, describe(ms))
	}
}

func TestGuessWordFilters(t *testing.T) {
	for w, want := range map[string]bool{
		"ماهوله": true, "معزوله": true, "مجاوره": true, "معارضه": true,
		"مكيشيفه": false, "منبج": false, "محرده": false,
	} {
		if got := participle(w); got != want {
			t.Errorf("participle(%s) = %v, want %v", w, got, want)
		}
	}
	g := load(t)
	for _, w := range []string{"قريبة", "سكني", "الجزاء"} {
		if !g.commonWord[nameKey(w)] {
			t.Errorf("%s is not in place-guess-stopwords.txt", w)
		}
	}
	for _, k := range []string{"البوسوده", "البو سوده"} {
		if len(g.names.Lookup(k)) == 0 {
			t.Errorf("no name %s: the «البو» spellings are not both filed", k)
		}
	}
	if strings.Contains(nameKey("مَكيشيفة"), "َ") {
		t.Error("nameKey keeps harakat")
	}
}
