package gazetteer

import (
	"strings"
	"testing"
)

// menaWant is a well-known place of one of the 21 countries beyond Syria and
// Iraq: its name as a sentence writes it, the country, the province (code
// and the English name events carry) and the town's centre as public
// references give it, which the place must lie within ANNOTATION.md's
// 15 km of.
type menaWant struct {
	name     string
	country  string
	code     string
	admin1   string
	lat, lon float64
}

const menaKM = 15

// menaPlaces are five or more places of each country; lead is a sentence
// of our own that names the country, since most of its towns count only in
// an article that does, and «في X» the place.
var menaPlaces = []struct {
	lead   string
	places []menaWant
}{
	{"أفادت مصادر محلية في اليمن بوقوع اشتباكات جديدة.", []menaWant{
		{"صنعاء", "YEM", "YE.SA", "Amanat al Asimah", 15.369, 44.191},
		{"عدن", "YEM", "YE.AD", "Aden", 12.790, 45.030},
		{"مأرب", "YEM", "YE.MA", "Marib", 15.462, 45.325},
		{"تعز", "YEM", "YE.TA", "Taizz", 13.580, 44.020},
		{"الحديدة", "YEM", "YE.HU", "Al Hudaydah", 14.798, 42.954},
		{"صعدة", "YEM", "YE.SD", "Saada", 16.940, 43.760},
		{"المكلا", "YEM", "YE.HA", "Hadramawt", 14.542, 49.125},
		{"الدريهمي", "YEM", "YE.HU", "Al Hudaydah", 14.62, 43.06},
	}},
	{"قالت مصادر عسكرية في ليبيا إن المواجهات تجددت.", []menaWant{
		{"بنغازي", "LBY", "LY.BG", "Benghazi", 32.117, 20.067},
		{"درنة", "LBY", "LY.DA", "Derna", 32.767, 22.639},
		{"مصراتة", "LBY", "LY.MS", "Misrata", 32.377, 15.092},
		{"سرت", "LBY", "LY.ST", "Sirte", 31.209, 16.589},
		{"طرابلس", "LBY", "LY.TR", "Tripoli", 32.887, 13.191},
		{"سبها", "LBY", "LY.SA", "Sabha", 27.038, 14.426},
	}},
	{"شهد لبنان توترا أمنيا خلال الأسبوع.", []menaWant{
		{"عرسال", "LBN", "LB.BH", "Baalbek-Hermel", 34.179, 36.421},
		{"بعلبك", "LBN", "LB.BH", "Baalbek-Hermel", 34.006, 36.218},
		{"صيدا", "LBN", "LB.JA", "South Lebanon", 33.563, 35.369},
		{"مدينة صور", "LBN", "LB.JA", "South Lebanon", 33.271, 35.196},
		{"النبطية", "LBN", "LB.NA", "Nabatieh", 33.378, 35.484},
		{"بيروت", "LBN", "LB.BA", "Beirut", 33.889, 35.495},
	}},
	{"تواصل التصعيد في الأراضي الفلسطينية.", []menaWant{
		{"خان يونس", "PSE", "PS.GZ", "Gaza", 31.345, 34.306},
		{"جنين", "PSE", "PS.WE", "West Bank", 32.461, 35.300},
		{"نابلس", "PSE", "PS.WE", "West Bank", 32.222, 35.262},
		{"غزة", "PSE", "PS.GZ", "Gaza", 31.502, 34.467},
		{"بيت لاهيا", "PSE", "PS.GZ", "Gaza", 31.546, 34.495},
		{"الخليل", "PSE", "PS.WE", "West Bank", 31.530, 35.095},
	}},
	{"أعلنت السلطات في الأردن تشديد الإجراءات الأمنية.", []menaWant{
		{"مدينة الزرقاء", "JOR", "JO.AZ", "Zarqa", 32.072, 36.088},
		{"إربد", "JOR", "JO.IR", "Irbid", 32.556, 35.850},
		{"الرمثا", "JOR", "JO.IR", "Irbid", 32.559, 36.007},
		{"مدينة معان", "JOR", "JO.MN", "Maan", 30.196, 35.734},
		{"الكرك", "JOR", "JO.KA", "Karak", 31.181, 35.702},
		{"مدينة عمان", "JOR", "JO.AM", "Amman", 31.954, 35.911},
	}},
	{"شنت قوات الأمن في مصر حملة واسعة.", []menaWant{
		{"العريش", "EGY", "EG.SS", "North Sinai", 31.132, 33.798},
		{"الشيخ زويد", "EGY", "EG.SS", "North Sinai", 31.216, 34.111},
		{"بئر العبد", "EGY", "EG.SS", "North Sinai", 31.018, 33.010},
		{"القاهرة", "EGY", "EG.QH", "Cairo", 30.044, 31.236},
		{"الإسماعيلية", "EGY", "EG.IS", "Ismailia", 30.597, 32.272},
		{"الجيزة", "EGY", "EG.JZ", "Giza", 30.013, 31.209},
	}},
	{"اعترضت الدفاعات الجوية في السعودية صواريخ أطلقت من اليمن.", []menaWant{
		{"الرياض", "SAU", "SA.RI", "Riyadh", 24.713, 46.675},
		{"جدة", "SAU", "SA.MK", "Makkah", 21.486, 39.193},
		{"نجران", "SAU", "SA.NJ", "Najran", 17.493, 44.128},
		{"جازان", "SAU", "SA.JZ", "Jazan", 16.889, 42.551},
		{"أبها", "SAU", "SA.AS", "Asir", 18.216, 42.505},
		{"خميس مشيط", "SAU", "SA.AS", "Asir", 18.306, 42.729},
	}},
	{"تتواصل المعارك في السودان منذ أسابيع.", []menaWant{
		{"الخرطوم", "SDN", "SD.KH", "Khartoum", 15.501, 32.560},
		{"أم درمان", "SDN", "SD.KH", "Khartoum", 15.645, 32.478},
		{"الفاشر", "SDN", "SD.ND", "North Darfur", 13.628, 25.349},
		{"الجنينة", "SDN", "SD.WF", "West Darfur", 13.453, 22.447},
		{"نيالا", "SDN", "SD.SF", "South Darfur", 12.050, 24.881},
		{"ود مدني", "SDN", "SD.GZ", "Al Jazirah", 14.401, 33.520},
	}},
	{"هاجمت حركة الشباب مواقع للجيش في الصومال.", []menaWant{
		{"مقديشو", "SOM", "SO.BN", "Banaadir", 2.047, 45.318},
		{"كيسمايو", "SOM", "SO.JH", "Lower Juba", -0.358, 42.545},
		{"بيدوا", "SOM", "SO.BY", "Bay", 3.114, 43.650},
		{"بوصاصو", "SOM", "SO.BR", "Bari", 11.284, 49.182},
		{"بلدوين", "SOM", "SO.HI", "Hiraan", 4.736, 45.204},
		// WOF files this region's name as a variant of Gedo too.
		{"إقليم جوبا الوسطى", "SOM", "SO.JD", "Middle Juba", 1.228, 42.538},
	}},
	{"أعلنت وزارة الداخلية في تونس عن عملية أمنية.", []menaWant{
		{"مدينة تونس", "TUN", "TN.TU", "Tunis", 36.806, 10.181},
		{"صفاقس", "TUN", "TN.SF", "Sfax", 34.740, 10.760},
		{"سوسة", "TUN", "TN.SS", "Sousse", 35.826, 10.636},
		{"القصرين", "TUN", "TN.KS", "Kasserine", 35.168, 8.836},
		{"بن قردان", "TUN", "TN.ME", "Medenine", 33.138, 11.220},
		{"سيدي بوزيد", "TUN", "TN.SZ", "Sidi Bouzid", 35.038, 9.485},
	}},
	{"أحبط الجيش في الجزائر مخططا إرهابيا.", []menaWant{
		{"وهران", "DZA", "DZ.OR", "Oran", 35.697, -0.633},
		{"قسنطينة", "DZA", "DZ.CO", "Constantine", 36.365, 6.615},
		{"تمنراست", "DZA", "DZ.TM", "Tamanrasset", 22.785, 5.523},
		{"ورقلة", "DZA", "DZ.OG", "Ouargla", 31.949, 5.325},
		{"عنابة", "DZA", "DZ.AN", "Annaba", 36.900, 7.767},
		{"باتنة", "DZA", "DZ.BT", "Batna", 35.556, 6.174},
	}},
	{"فككت السلطات في المغرب خلية متشددة.", []menaWant{
		{"الرباط", "MAR", "MA.RK", "Rabat-Sale-Kenitra", 34.020, -6.841},
		{"الدار البيضاء", "MAR", "MA.CS", "Casablanca-Settat", 33.573, -7.589},
		{"مراكش", "MAR", "MA.MS", "Marrakesh-Safi", 31.629, -7.981},
		{"فاس", "MAR", "MA.FK", "Fes-Meknes", 34.033, -5.000},
		{"طنجة", "MAR", "MA.TC", "Tanger-Tetouan-Al Hoceima", 35.760, -5.834},
		{"مدينة العيون", "MAR", "MA.LS", "Laayoune-Sakia El Hamra", 27.154, -13.195},
	}},
	{"أعلنت الداخلية في الكويت توقيف مطلوبين.", []menaWant{
		{"مدينة الكويت", "KWT", "KW.KU", "Al Asimah", 29.376, 47.977},
		{"الجهراء", "KWT", "KW.JA", "Al Jahra", 29.337, 47.658},
		{"الأحمدي", "KWT", "KW.AH", "Al Ahmadi", 29.077, 48.084},
		{"الفروانية", "KWT", "KW.FA", "Al Farwaniyah", 29.278, 47.959},
		{"مدينة حولي", "KWT", "KW.HW", "Hawalli", 29.340, 48.028},
	}},
	{"شهدت البحرين احتجاجات متفرقة.", []menaWant{
		{"المنامة", "BHR", "BH.CP", "Capital", 26.223, 50.587},
		{"المحرق", "BHR", "BH.MU", "Muharraq", 26.257, 50.612},
		{"الرفاع", "BHR", "BH.SN", "Southern", 26.130, 50.555},
		{"سترة", "BHR", "BH.SN", "Southern", 26.155, 50.621},
		{"مدينة عيسى", "BHR", "BH.SN", "Southern", 26.174, 50.548},
	}},
	{"استضافت قطر جولة جديدة من المحادثات.", []menaWant{
		{"الدوحة", "QAT", "QA.DA", "Doha", 25.286, 51.533},
		{"الوكرة", "QAT", "QA.WA", "Al Wakrah", 25.171, 51.603},
		{"الخور", "QAT", "QA.KR", "Al Khor", 25.684, 51.506},
		{"مدينة الريان", "QAT", "QA.RY", "Al Rayyan", 25.292, 51.424},
		{"مدينة دخان", "QAT", "QA.SH", "Al Shahaniya", 25.425, 50.785},
	}},
	{"رفعت الإمارات حالة التأهب الأمني.", []menaWant{
		{"أبوظبي", "ARE", "AE.AZ", "Abu Dhabi", 24.454, 54.377},
		{"دبي", "ARE", "AE.DU", "Dubai", 25.205, 55.271},
		{"الشارقة", "ARE", "AE.SH", "Sharjah", 25.346, 55.421},
		{"الفجيرة", "ARE", "AE.FU", "Fujairah", 25.128, 56.326},
		{"رأس الخيمة", "ARE", "AE.RK", "Ras Al Khaimah", 25.790, 55.943},
		{"مدينة العين", "ARE", "AE.AZ", "Abu Dhabi", 24.207, 55.745},
	}},
	{"ضرب إعصار سواحل سلطنة عمان.", []menaWant{
		{"مسقط", "OMN", "OM.MA", "Muscat", 23.588, 58.383},
		{"صلالة", "OMN", "OM.JA", "Dhofar", 17.019, 54.090},
		{"صحار", "OMN", "OM.BN", "North Al Batinah", 24.347, 56.709},
		{"نزوى", "OMN", "OM.DA", "Ad Dakhiliyah", 22.933, 57.531},
		{"الدقم", "OMN", "OM.WU", "Al Wusta", 19.662, 57.704},
	}},
	{"صعدت حركة طالبان هجماتها في أفغانستان.", []menaWant{
		{"كابل", "AFG", "AF.KB", "Kabul", 34.528, 69.172},
		{"قندهار", "AFG", "AF.KD", "Kandahar", 31.613, 65.710},
		{"غزني", "AFG", "AF.GZ", "Ghazni", 33.549, 68.421},
		{"قندوز", "AFG", "AF.KZ", "Kunduz", 36.728, 68.868},
		{"جلال آباد", "AFG", "AF.NG", "Nangarhar", 34.426, 70.451},
		{"هرات", "AFG", "AF.HR", "Herat", 34.352, 62.204},
	}},
	{"شنت تركيا عملية أمنية واسعة.", []menaWant{
		{"أنقرة", "TUR", "TR.AN", "Ankara", 39.933, 32.860},
		{"إسطنبول", "TUR", "TR.IB", "Istanbul", 41.008, 28.978},
		{"غازي عنتاب", "TUR", "TR.GA", "Gaziantep", 37.066, 37.383},
		{"ماردين", "TUR", "TR.MR", "Mardin", 37.313, 40.735},
		{"كلس", "TUR", "TR.KI", "Kilis", 36.716, 37.115},
		{"الريحانية", "TUR", "TR.HT", "Hatay", 36.269, 36.567},
	}},
	{"اندلعت احتجاجات في إيران بعد ارتفاع الأسعار.", []menaWant{
		{"طهران", "IRN", "IR.TE", "Tehran", 35.689, 51.389},
		{"الأهواز", "IRN", "IR.KZ", "Khuzestan", 31.318, 48.671},
		{"مدينة مشهد", "IRN", "IR.KV", "Razavi Khorasan", 36.297, 59.606},
		{"أصفهان", "IRN", "IR.ES", "Isfahan", 32.655, 51.668},
		{"زاهدان", "IRN", "IR.SB", "Sistan and Baluchestan", 29.496, 60.863},
		{"تبريز", "IRN", "IR.EA", "East Azerbaijan", 38.080, 46.292},
	}},
	{"أطلقت صواريخ باتجاه إسرائيل صباح اليوم.", []menaWant{
		{"حيفا", "ISR", "IL.HA", "Haifa District", 32.794, 34.990},
		{"بئر السبع", "ISR", "IL.HD", "Southern District", 31.252, 34.791},
		{"تل أبيب", "ISR", "IL.TA", "Tel Aviv District", 32.085, 34.781},
		{"عسقلان", "ISR", "IL.HD", "Southern District", 31.669, 34.571},
		{"كريات شمونة", "ISR", "IL.HZ", "Northern District", 33.208, 35.570},
		{"نهاريا", "ISR", "IL.HZ", "Northern District", 33.006, 35.094},
	}},
}

func TestMENAPlaces(t *testing.T) {
	g := load(t)
	for _, c := range menaPlaces {
		for _, w := range c.places {
			s := c.lead + " وقالت المصادر إن انفجارا وقع في " + w.name + " مساء أمس."
			var got *Mention
			for _, m := range find(t, g, s) {
				if strings.HasSuffix(w.name, m.Name.Text) || m.Span.Text == w.name {
					got = &m
				}
			}
			if got == nil {
				t.Errorf("%q: no mention of %s in %s", s, w.name, describe(find(t, g, s)))
				continue
			}
			p := got.Place
			if p.Country != w.country || p.Admin1Code != w.code || p.Admin1 != w.admin1 {
				t.Errorf("%s: %s %s %s %q, want %s %s %q", w.name, p.ID, p.Country, p.Admin1Code, p.Admin1, w.country, w.code, w.admin1)
			}
			if d := km(p, &Place{Lat: w.lat, Lon: w.lon}); d > menaKM {
				t.Errorf("%s: %s at %.3f,%.3f is %.0f km from the town", w.name, p.ID, p.Lat, p.Lon, d)
			}
		}
	}
}

// The country the article is about decides between cities of one name.
func TestHomonymsByArticleCountry(t *testing.T) {
	g := load(t)
	cases := []struct {
		s, name, country, admin1 string
	}{
		{"اندلعت اشتباكات بين فصائل مسلحة في طرابلس، وقالت حكومة الوفاق في ليبيا إن الهدوء عاد إلى مصراتة.", "طرابلس", "LBY", "LY.TR"},
		{"اندلعت اشتباكات بين مسلحين في طرابلس شمالي لبنان، وامتد التوتر إلى عكار.", "طرابلس", "LBN", "LB.NL"},
		{"قصفت مدفعية الاحتلال منازل في رفح وخان يونس جنوبي قطاع غزة.", "رفح", "PSE", "PS.GZ"},
		{"هاجم مسلحون حاجزا للجيش المصري في رفح، وشددت السلطات الإجراءات في العريش والشيخ زويد.", "رفح", "EGY", "EG.SS"},
		// No place settles it: the nationality the article speaks of does.
		{"قتل شخصان في اشتباكات بين مسلحين في مدينة طرابلس أمس، وقالت مصادر أمنية لبنانية إن الهدوء عاد.", "طرابلس", "LBN", "LB.NL"},
		{"قتل شخصان في اشتباكات بين مسلحين في مدينة طرابلس أمس، وقالت مصادر أمنية ليبية إن الهدوء عاد.", "طرابلس", "LBY", "LY.TR"},
		{"قصف الجيش اللبناني مواقع لمسلحين قرب طرابلس.", "طرابلس", "LBN", "LB.NL"},
		// With nothing to go by, the larger city.
		{"وصل الوفد إلى طرابلس مساء أمس.", "طرابلس", "LBY", "LY.TR"},
		// A bulletin's items: a city of 100,000 named bare is that city,
		// not a village of the same name in the country the next item names.
		{"قتل ثلاثة أشخاص بغارات على خان يونس ليلا. وقصفت طائرات أميركية مواقع لفصائل في شرق سوريا.", "خان يونس", "PSE", "PS.GZ"},
	}
	for _, c := range cases {
		var got *Mention
		for _, m := range find(t, g, c.s) {
			if m.Name.Text == c.name && got == nil {
				got = &m
			}
		}
		if got == nil || got.Place.Country != c.country || got.Place.Admin1Code != c.admin1 {
			t.Errorf("%q: %s is %s, want %s %s", c.s, c.name, describe(find(t, g, c.s)), c.country, c.admin1)
		}
	}
}

// sharedName finds a one-word name of a village of a focus country that a
// place of another country also has, that place being at least as big as
// minTier, and no place of a third country.
func sharedName(g *Gazetteer, minTier int8) (key string, home, abroad *Place) {
	for _, e := range g.sortedEntries() {
		if e.ntok != 1 || len(e.cands) != 2 {
			continue
		}
		a, b := e.cands[0].p, e.cands[1].p
		if g.focus[a.Country] {
			a, b = b, a
		}
		if g.focus[a.Country] || !g.focus[b.Country] || b.tier != 1 || a.tier < minTier || a.tier > 2 ||
			!strings.HasPrefix(a.ID, "wof:") || e.cands[0].need > prep || e.cands[1].need > prep {
			continue
		}
		return e.key, b, a
	}
	return "", nil, nil
}

// A village of a third country never beats a place of the country the
// article is about, even when it ranks higher alone; in an article about
// its own country it is found.
func TestThirdCountryVillage(t *testing.T) {
	g := load(t)
	key, home, abroad := sharedName(g, 2)
	if key == "" {
		t.Fatal("no focus village shares its name with a town abroad")
	}
	gov := g.Admin1Place(home.Admin1Code)
	s := "قصفت الطائرات مواقع في محافظة " + gov.NameAR + " وقتل مدنيون في " + key + "."
	ms := find(t, g, s)
	if len(ms) != 2 || ms[1].Place != home {
		t.Errorf("%q: %s, want %s of %s (not %s of %s)", s, describe(ms), home.ID, home.Country, abroad.ID, abroad.Country)
	}
	// The same name in an article about the other country.
	country := g.countryName(abroad.Country)
	s = "قالت مصادر في " + country + " إن مسلحين هاجموا حاجزا في " + key + "."
	ms = find(t, g, s)
	if len(ms) != 2 || ms[1].Place.Country != abroad.Country {
		t.Errorf("%q: %s, want the place in %s", s, describe(ms), abroad.Country)
	}
	// A bare village abroad is no place in an article that does not name
	// its country.
	for _, e := range g.sortedEntries() {
		if e.ntok != 1 || len(e.cands) != 1 || !g.needsCountry(e.cands[0].p) || e.cands[0].need > prep {
			continue
		}
		s = "قال ناشطون إن الأهالي تجمعوا في " + e.key + " مساء أمس."
		if ms := find(t, g, s); len(ms) != 0 {
			t.Errorf("%q: %s, want none", s, describe(ms))
		}
		s = "قال ناشطون في " + g.countryName(e.cands[0].p.Country) + " إن الأهالي تجمعوا في " + e.key + " مساء أمس."
		if ms := find(t, g, s); len(ms) != 2 || ms[1].Place != e.cands[0].p {
			t.Errorf("%q: %s, want %s", s, describe(ms), e.cands[0].p.ID)
		}
		break
	}
}

// countryName is the Arabic name of the country's site.
func (g *Gazetteer) countryName(iso3 string) string {
	return g.Place("rasd:country-" + strings.ToLower(iso3)).NameAR
}

// A capital news names for its government («قالت طهران») is no place
// without a preposition; with one it is.
func TestCapitalsNamedAsGovernments(t *testing.T) {
	g := load(t)
	for _, s := range []string{
		"قالت واشنطن إنها تدرس الرد على الهجوم.",
		"اتهمت طهران الرياض بدعم المسلحين.",
		"دانت موسكو الغارة الأخيرة.",
		"ردت أنقرة على الاتهامات بحدة.",
		"رفضت القاهرة التصريحات.",
	} {
		if ms := find(t, g, s); len(ms) != 0 {
			t.Errorf("%q: %s, want none", s, describe(ms))
		}
	}
	for s, id := range map[string]string{
		"عقد الاجتماع في واشنطن أمس.":             "rasd:city-washington",
		"وصل الوزير إلى طهران في زيارة رسمية.":    "wof:421204533",
		"هز انفجار العاصمة الإيرانية طهران.":      "wof:421204533",
		"التقى المبعوث بالمسؤولين في إسلام آباد.": "rasd:city-islamabad",
		"أطلقت صواريخ باتجاه الرياض ليلا.":        "wof:421204501",
	} {
		ms := find(t, g, s)
		if len(ms) != 1 || ms[0].Place.ID != id {
			t.Errorf("%q: %s, want %s", s, describe(ms), id)
		}
	}
}

// Sites rasd adds beyond Syria and Iraq: crossings, camps, ports, fronts and
// regions, each with its province.
func TestMENASites(t *testing.T) {
	g := load(t)
	cases := []struct {
		s, span, id, admin1 string
		prec                int
	}{
		{"أغلقت السلطات معبر رفح أمام المسافرين.", "معبر رفح", "rasd:rafah-crossing", "PS.GZ", 1},
		{"توقفت الشاحنات عند معبر كرم أبو سالم.", "معبر كرم أبو سالم", "rasd:kerem-shalom-crossing", "IL.HD", 1},
		{"قصفت الطائرات منزلا في مخيم جباليا.", "مخيم جباليا", "rasd:jabalia-camp", "PS.GZ", 1},
		{"استشهد شاب في مخيم النصيرات وسط القطاع.", "مخيم النصيرات", "rasd:nuseirat-camp", "PS.GZ", 1},
		{"اقتحمت القوات مخيم جنين فجرا.", "مخيم جنين", "rasd:jenin-camp", "PS.WE", 1},
		{"اندلعت اشتباكات في مخيم عين الحلوة قرب صيدا.", "مخيم عين الحلوة", "rasd:ain-al-hilweh-camp", "LB.JA", 1},
		{"رست السفينة في ميناء الحديدة.", "ميناء الحديدة", "rasd:hodeidah-port", "YE.HU", 1},
		{"استهدفت غارة مطار صنعاء الدولي.", "مطار صنعاء الدولي", "rasd:sanaa-airport", "YE.SA", 1},
		{"تقدمت القوات في الساحل الغربي لليمن.", "الساحل الغربي لليمن", "rasd:yemen-west-coast", "YE.HU", 2},
		{"تدور معارك عنيفة في جبهة نهم.", "جبهة نهم", "rasd:nehm-front", "YE.NA", 2},
		{"قصفت المدفعية مواقع في جنوب لبنان.", "جنوب لبنان", "rasd:south-lebanon", "LB.NA", 2},
		{"دوت صفارات الإنذار في مستوطنات غلاف غزة.", "مستوطنات غلاف غزة", "rasd:gaza-envelope", "IL.HD", 2},
		{"شهدت الضفة الغربية مواجهات.", "الضفة الغربية", "rasd:west-bank", "PS.WE", 2},
		// A region news names alone is the site, at precision 2; with
		// «محافظة» it is the province.
		{"تتواصل الغارات على قطاع غزة.", "قطاع غزة", "rasd:gaza-strip", "PS.GZ", 2},
		{"هاجم مسلحون كمينا في شمال سيناء.", "شمال سيناء", "rasd:north-sinai", "EG.SS", 2},
		{"أعلنت حظر التجول في محافظة شمال سيناء.", "محافظة شمال سيناء", "rasd:north-sinai", "EG.SS", 3},
	}
	for _, c := range cases {
		ms := find(t, g, c.s)
		var got *Mention
		for _, m := range ms {
			if m.Span.Text == c.span {
				got = &m
			}
		}
		if got == nil || got.Place.ID != c.id || got.Place.Admin1Code != c.admin1 || got.Precision != c.prec {
			t.Errorf("%q: %s, want %s %s p%d", c.s, describe(ms), c.id, c.admin1, c.prec)
		}
	}
	// Words as often said of somewhere else count only where the article
	// names the country.
	if ms := find(t, g, "تقدمت القوات الليبية في الساحل الغربي نحو الحدود التونسية."); len(ms) != 0 {
		for _, m := range ms {
			if m.Place.ID == "rasd:yemen-west-coast" {
				t.Errorf("Libya's west coast read as Yemen's: %s", describe(ms))
			}
		}
	}
	if ms := find(t, g, "قصفت الطائرات أهدافا في شمال القطاع، وقالت وزارة الصحة في غزة إن القصف خلف ضحايا."); len(ms) < 1 || ms[0].Place.ID != "rasd:north-gaza" {
		t.Errorf("شمال القطاع in a Gaza article: %s", describe(ms))
	}
	// A base news names bare («حرير», also silk) is the base in an article
	// about Iraq, and nothing in one about a silk market elsewhere.
	if ms := find(t, g, "أعلنت فصائل عراقية أنها استهدفت \"حرير\" بطائرة مسيرة في العراق."); len(ms) < 1 || ms[0].Place.ID != "rasd:harir-base" {
		t.Errorf("حرير in an article about Iraq: %s", describe(ms))
	}
	for _, m := range find(t, g, "ارتفع سعر حرير الصين في أسواق دمشق.") {
		if m.Place.ID == "rasd:harir-base" {
			t.Errorf("silk in an article about Syria read as the base in Iraq")
		}
	}
}

// Common words the villages of Yemen, Iran or the Gulf are named by are no
// places, even in an article that names the country.
func TestCommonWordsAbroad(t *testing.T) {
	g := load(t)
	for _, c := range []struct{ s, word string }{
		{"قال مدرب الفريق في السعودية إنه لا يشعر بأي قلق قبل المباراة.", "بأي"},
		{"تعاقد النادي في الإمارات مع لاعب جديد للموسم المقبل.", "للموسم"},
		{"يجب أن نعمل في تركيا وأن نكتفي بالصبر.", "وأن"},
		{"يعرض الفيلم في مصر في التاسع من آب المقبل.", "آب"},
		{"تصدر الفريق في قطر الترتيب في المركز الأول.", "المركز"},
		{"نشر النجم في اليمن صور حفل زفافه.", "صور"},
		{"ارتفعت أسهم الشركات التركية في بورصة إسطنبول.", "بورصة"},
		{"خضع اللاعب المغربي لجراحة في الرباط الصليبي.", "الرباط"},
		{"حقق النادي في ليبيا فوزا كسبها احترام الجمهور.", "كسبها"},
	} {
		for _, m := range find(t, g, c.s) {
			if strings.Contains(m.Span.Text, c.word) {
				t.Errorf("%q: %s is a place (%s)", c.s, c.word, describe(find(t, g, c.s)))
			}
		}
	}
}

// The provinces beyond Syria and Iraq carry the names analysts write.
func TestMENAAdmin1Names(t *testing.T) {
	g := load(t)
	for code, name := range map[string]string{
		"YE.SD": "Saada", "YE.TA": "Taizz", "YE.HU": "Al Hudaydah", "YE.MA": "Marib", "YE.HJ": "Hajjah",
		"YE.NA": "Sanaa", "YE.AD": "Aden", "PS.GZ": "Gaza", "PS.WE": "West Bank",
		"IL.HZ": "Northern District", "IL.HA": "Haifa District", "IL.HD": "Southern District",
		"IL.JM": "Jerusalem District", "LB.NA": "Nabatieh", "LB.JA": "South Lebanon", "LB.BA": "Beirut",
		"LB.BH": "Baalbek-Hermel", "LY.TR": "Tripoli", "LY.BG": "Benghazi", "LY.DA": "Derna", "LY.MS": "Misrata",
		"AF.KB": "Kabul", "AF.GZ": "Ghazni", "AF.KZ": "Kunduz", "AF.NG": "Nangarhar", "EG.QH": "Cairo",
		"EG.JZ": "Giza", "EG.IS": "Ismailia", "EG.SS": "North Sinai", "SO.GA": "Galguduud", "SO.BN": "Banaadir",
		"SA.RI": "Riyadh",
	} {
		if p := g.Admin1Place(code); p == nil || p.Admin1 != name || p.NameEN != name {
			t.Errorf("%s: %+v, want %q", code, p, name)
		}
	}
	// Every province of the 21 countries has its region and a point.
	n := 0
	for code, p := range g.admin1 {
		if g.focus[p.Country] {
			continue
		}
		n++
		if p.Lat == 0 && p.Lon == 0 || p.Admin1Code != code || p.Kind != "region" {
			t.Errorf("%s: %+v", code, p)
		}
	}
	if n < 400 {
		t.Errorf("%d provinces beyond Syria and Iraq, want the 21 countries' 400 or more", n)
	}
}

// The nationality adjectives come from the actor lexicon: a lexicon that
// fails to load would leave homonyms to the larger city without a word.
func TestDemonymsLoad(t *testing.T) {
	g := load(t)
	g.demonymOnce.Do(g.loadDemonyms)
	if g.demonymErr != nil || g.demonyms == nil {
		t.Fatalf("demonyms: %v", g.demonymErr)
	}
}

// «عمان» is Amman in an article that names Jordan, and no place in one
// that does not (it is as often Oman, «سلطنة عمان»).
func TestAmmanOnlyWhereJordanIsNamed(t *testing.T) {
	g := load(t)
	has := func(s, id string) bool {
		for _, m := range find(t, g, s) {
			if m.Place.ID == id {
				return true
			}
		}
		return false
	}
	if s := "اعتصم موظفون أمام مقر الوزارة في عمان، وقالت النقابة إن الاحتجاج سيمتد إلى مدن أخرى في الأردن."; !has(s, "wof:421200421") {
		t.Errorf("%q: %s, want Amman", s, describe(find(t, g, s)))
	}
	// The country's own forces or government, named by its adjective, name it.
	for _, s := range []string{
		"فرقت قوات الأمن الأردنية اعتصاما أمام مقر الوزارة في عمان.",
		"قالت الحكومة الأردنية إن الشرطة اعتقلت عشرة محتجين في عمان.",
	} {
		if !has(s, "wof:421200421") {
			t.Errorf("%q: %s, want Amman", s, describe(find(t, g, s)))
		}
	}
	if s := "وصل الوزير إلى عمان في زيارة تستمر يومين بعد جولة شملت الكويت."; has(s, "wof:421200421") {
		t.Errorf("%q: Amman in an article that does not name Jordan", s)
	}
	if s := "وقعت سلطنة عمان اتفاقا مع الأردن."; has(s, "wof:421200421") {
		t.Errorf("%q: Oman read as Amman", s)
	}
}

// «جنوب البلاد» is the south of the country the article is about, and no
// place in an article that names none of the countries rasd has such a
// region for.
func TestRegionOfTheCountry(t *testing.T) {
	g := load(t)
	cases := []struct{ s, id string }{
		{"تظاهر الآلاف في العراق احتجاجا على نقص الكهرباء، وامتدت الاحتجاجات إلى جنوب البلاد.", "rasd:south-iraq"},
		{"قالت وزارة الدفاع في ليبيا إن ثلاثة جنود قتلوا في هجوم جنوب البلاد.", "rasd:south-libya"},
		{"أعلن الجيش في سوريا أنه صد هجوما في شرقي البلاد.", "rasd:east-syria"},
		{"قتل جنديان يمنيان في هجوم للحوثيين على موقع في مأرب وآخر في صنعاء، وامتدت المعارك إلى شمال البلاد، فيما قال مسؤول إن العراق لم يتدخل.", "rasd:north-yemen"},
		{"قال مسؤولون في أفغانستان إن هجوما استهدف مركزا للشرطة في قندهار وآخر في هرات شرقي البلاد.", "rasd:east-afghanistan"},
	}
	for _, c := range cases {
		var got *Mention
		for _, m := range find(t, g, c.s) {
			if strings.Contains(m.Span.Text, "البلاد") {
				got = &m
			}
		}
		if got == nil || got.Place.ID != c.id {
			t.Errorf("%q: %s, want %s", c.s, describe(find(t, g, c.s)), c.id)
		}
	}
	for _, s := range []string{"قال المدرب إن الفريق سيسافر إلى جنوب البلاد الأسبوع المقبل.",
		// Named in passing, another country is not the one the article is about.
		"قالت الشرطة في كراتشي وإسلام آباد ولاهور إن المسلحين فروا إلى جنوب البلاد بعد أن قدموا من أفغانستان."} {
		for _, m := range find(t, g, s) {
			if strings.Contains(m.Span.Text, "البلاد") {
				t.Errorf("%q: «جنوب البلاد» is %s", s, m.Place.ID)
			}
		}
	}
	for _, m := range find(t, g, "قال المدرب إن الفريق سيسافر إلى جنوب البلاد الأسبوع المقبل.") {
		if strings.Contains(m.Span.Text, "البلاد") {
			t.Errorf("«جنوب البلاد» with no country named is %s", m.Place.ID)
		}
	}
}

// A village news writes with the article and the source files without it
// («بلدة الشحيل», WOF «شحيل») is found after a town or village cue, and
// only there.
func TestVillageWithoutItsArticle(t *testing.T) {
	g := load(t)
	ms := find(t, g, "هاجمت خلية مسلحة نقطة عسكرية في بلدة الشحيل بريف دير الزور أمس")
	found := false
	for _, m := range ms {
		if m.Place.NameEN == "Shahil" {
			found = true
		}
	}
	if !found {
		t.Errorf("«بلدة الشحيل»: %s, want Shahil", describe(ms))
	}
	for _, m := range find(t, g, "وقال الشحيل إن الوضع هادئ") {
		if m.Place.NameEN == "Shahil" {
			t.Errorf("a bare «الشحيل» with no cue is %s", m.Place.ID)
		}
	}
}
