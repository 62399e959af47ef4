package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestResolveAdmin1(t *testing.T) {
	n, err := loadNames()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in, country string
		want        []string
	}{
		{"YE.HU", "", []string{"YE.HU"}},
		{"ye.hu", "", []string{"YE.HU"}},
		{"Al Hudaydah", "", []string{"YE.HU"}},
		{"al-hudaydah", "", []string{"YE.HU"}},
		{"Hudaydah", "", []string{"YE.HU"}},
		{"Al Hudaydah Governorate", "", []string{"YE.HU"}},
		{"الحديدة", "", []string{"YE.HU"}},
		{"محافظة الحديدة", "", []string{"YE.HU"}},
		{"Tripoli", "", []string{"LY.TR"}},
		{"طرابلس", "", []string{"LY.TR"}},
		{"Deir ez Zor", "", []string{"SY.DY"}},
		{"ديرالزور", "", []string{"SY.DY"}},
		{"Raqqa", "", []string{"SY.RA"}},
		{"Médenine", "", []string{"TN.ME"}},
		{"Kandahar", "", []string{"AF.KD"}},
		{"قطاع غزة", "", []string{"PS.GZ"}},
		// Names two countries' provinces share: both, or the country's.
		{"Al Jawf", "", []string{"SA.JF", "YE.JA"}},
		{"الجوف", "YEM", []string{"YE.JA"}},
		{"العاصمة", "KWT", []string{"KW.KU"}},
		{"Red Sea", "SDN", []string{"SD.RS"}},
	} {
		got, err := n.resolveAdmin1(c.in, c.country)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("resolveAdmin1(%q, %q) = %v, %v; want %v", c.in, c.country, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, country, says string }{
		{"Nowhere", "", "not a province rasd knows"},
		{"Hudayda", "", "did you mean Al Hudaydah (الحديدة, YE.HU)"},
		{"Aleppo", "YEM", "SY.HL in SYR, not in country YEM"},
		{"Al Jawf", "LBY", "not in country LBY"},
	} {
		_, err := n.resolveAdmin1(c.in, c.country)
		if !errors.Is(err, ErrBadFilter) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("resolveAdmin1(%q, %q): error %v, want ErrBadFilter saying %q", c.in, c.country, err, c.says)
		}
	}
}

func TestResolveCountry(t *testing.T) {
	n, err := loadNames()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"YEM": "YEM", "yem": "YEM", "YE": "YEM", "Yemen": "YEM", "yemen": "YEM", "اليمن": "YEM",
		"Libya": "LBY", "ليبيا": "LBY", "ly": "LBY",
		"Saudi Arabia": "SAU", "السعودية": "SAU", "المملكة العربية السعودية": "SAU",
		"PSE": "PSE", "فلسطين": "PSE", "Palestine": "PSE",
		// Countries events name outside the 23 of the gazetteer.
		"FRA": "FRA", "France": "FRA",
	} {
		if got, err := n.resolveCountry(in); err != nil || got != want {
			t.Errorf("resolveCountry(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"Narnia", "XYZ", "S"} {
		if _, err := n.resolveCountry(in); !errors.Is(err, ErrBadFilter) || !strings.Contains(err.Error(), "not a country rasd knows") {
			t.Errorf("resolveCountry(%q): error %v", in, err)
		}
	}
}

// Folding names (case, accents, hyphens, the article, «محافظة») must not
// make two provinces one, unless they share a name to begin with.
func TestProvinceKeysTellProvincesApart(t *testing.T) {
	n, err := loadNames()
	if err != nil {
		t.Fatal(err)
	}
	for key, idx := range n.admin1 {
		if len(idx) < 2 {
			continue
		}
		a := n.provinces[idx[0]]
		for _, i := range idx[1:] {
			b := n.provinces[i]
			if !strings.EqualFold(a.NameEN, b.NameEN) && a.NameAR != b.NameAR {
				t.Errorf("key %q names %s (%s, %s) and %s (%s, %s)", key, a.Code, a.NameEN, a.NameAR, b.Code, b.NameEN, b.NameAR)
			}
		}
	}
	if len(n.provinces) < 400 {
		t.Errorf("%d provinces: admin1.tsv's 23 countries have more than 400", len(n.provinces))
	}
}

// The dashboard lists each country under its own name: the rows of
// sites.tsv that only say which country an article is about («الاحتلال
// الإسرائيلي», «حزب الله») are no names of it.
func TestCountriesKeepTheirOwnNames(t *testing.T) {
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ISR": "إسرائيل", "LBN": "لبنان", "YEM": "اليمن", "AFG": "أفغانستان"}
	for _, c := range cs {
		if w, ok := want[c.Code]; ok {
			if c.NameAR != w {
				t.Errorf("%s is named %q, want %q", c.Code, c.NameAR, w)
			}
			delete(want, c.Code)
		}
	}
	if len(want) > 0 {
		t.Errorf("countries missing: %v", want)
	}
}
