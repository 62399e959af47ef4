package gazetteer

import (
	"strings"
	"testing"
)

// Places of the Gaza, West Bank and Lebanon–Israel fronts. Every sentence
// here is the authors' own.

// Gaza City's quarters, Rafah's, and the hospitals news names; a quarter
// named by a word needs «حي» (or another strong cue).
func TestGazaQuarters(t *testing.T) {
	g := load(t)
	cases := []struct {
		s     string
		wants []spanWant
	}{
		{"استشهد ثلاثة في قصف على حي الشجاعية وحي الزيتون شرق مدينة غزة.", []spanWant{
			{"حي الشجاعية", "rasd:gaza-shujaiyya", 1}, {"حي الزيتون", "rasd:gaza-zeitoun", 1}}},
		{"أصيب مواطنون بقصف مدفعي استهدف بحي الرمال ومنطقة تل الهوى في مدينة غزة.", []spanWant{
			{"حي الرمال", "rasd:gaza-rimal", 1}, {"منطقة تل الهوى", "rasd:gaza-tal-al-hawa", 1}}},
		{"توغلت الدبابات في الشيخ رضوان والصفطاوي شمال مدينة غزة.", []spanWant{
			{"الشيخ رضوان", "rasd:gaza-sheikh-radwan", 1}, {"الصفطاوي", "rasd:gaza-saftawi", 1}}},
		{"شن الطيران غارات على الحي السعودي وتل السلطان وحي البرازيل غرب رفح جنوب قطاع غزة.", []spanWant{
			{"الحي السعودي", "rasd:rafah-saudi-quarter", 1}, {"تل السلطان", "wof:1175613303", 1},
			{"حي البرازيل", "rasd:rafah-brazil", 1}}},
		{"حاصرت الدبابات مجمع الشفاء الطبي في غزة ومستشفى كمال عدوان في بيت لاهيا.", []spanWant{
			{"مجمع الشفاء الطبي", "rasd:shifa-hospital", 1}, {"مستشفى كمال عدوان", "rasd:kamal-adwan-hospital", 1}}},
		{"نقل الجرحى إلى مجمع ناصر الطبي في خانيونس.", []spanWant{
			{"مجمع ناصر الطبي", "rasd:nasser-hospital", 1}, {"خانيونس", "wof:101920355", 1}}},
	}
	for _, c := range cases {
		checkSpans(t, g, c.s, c.wants)
	}
	// A quarter named by a word is no place alone, nor in an article that
	// does not name Palestine.
	for _, s := range []string{
		"قصفت الطائرات منازل في غزة، وارتفعت أسعار الزيتون والتفاح في الأسواق.",
		"يقام المهرجان في حي الزيتون بالقاهرة كل عام.",
		"تأهل منتخب البرازيل إلى الدور الثاني.",
		"قال المدرب إنه يعمل بجد على تطوير الفريق.",
	} {
		for _, m := range find(t, g, s) {
			if strings.HasPrefix(m.Place.ID, "rasd:gaza-") || strings.HasPrefix(m.Place.ID, "rasd:rafah-") || m.Place.Country == "BHR" {
				t.Errorf("%q: %s", s, describe(find(t, g, s)))
			}
		}
	}
}

// The second member of a dual cue is found with the cue's precision:
// «مخيمي البريج والمغازي», «حيي التفاح والدرج».
func TestDualCueLists(t *testing.T) {
	g := load(t)
	cases := []struct {
		s     string
		wants []spanWant
	}{
		{"قصف الاحتلال مخيمي البريج والمغازي وسط القطاع.", []spanWant{
			{"مخيمي البريج", "rasd:bureij-camp", 1}, {"المغازي", "rasd:maghazi-camp", 1}}},
		{"قصفت الطائرات حيي التفاح والدرج في مدينة غزة.", []spanWant{
			{"حيي التفاح", "rasd:gaza-tuffah", 1}, {"الدرج", "rasd:gaza-daraj", 1}}},
		{"اقتحمت قوات الاحتلال مخيمي جنين ونور شمس شمال الضفة الغربية.", []spanWant{
			{"مخيمي جنين", "rasd:jenin-camp", 1}, {"نور شمس", "rasd:nur-shams-camp", 1}}},
		{"اقتحمت قوات الاحتلال مخيمي بلاطة والعين في نابلس.", []spanWant{
			{"مخيمي بلاطة", "rasd:balata-camp", 1}, {"العين", "rasd:ein-beit-al-ma-camp", 1}}},
		{"استهدف حزب الله مستوطنتي \"شتولا\" و\"زرعيت\" بالصواريخ.", []spanWant{
			{"مستوطنتي \"شتولا", "rasd:shtula", 1}, {"زرعيت", "rasd:zarit", 1}}},
		{"قصف المقاتلون موقعي السماقة ورمتا بالقذائف صباح اليوم.", []spanWant{
			{"موقعي السماقة", "rasd:sammaqa-post", 1}, {"رمتا", "rasd:ramta-post", 1}}},
	}
	for _, c := range cases {
		checkSpans(t, g, c.s, c.wants)
	}
}

// «موقع», «ثكنة», «تلة», «مستوطنة», «مستعمرة» and «كيبوتس» mark the name
// after them, quoted or not, as an army post or a settlement at precision
// 1; a post named by a word counts only after such a cue; a settlement's
// cue places it in Israel or Palestine though the article names neither.
func TestPostsAndSettlements(t *testing.T) {
	g := load(t)
	cases := []struct {
		s     string
		wants []spanWant
	}{
		{"قال حزب الله إنه استهدف موقع \u200f\"رويسات العلم\" عند تلال كفرشوبا.", []spanWant{
			{"موقع \u200f\"رويسات العلم", "rasd:ruwaisat-al-alam-post", 1}}},
		{"استهدف المجاهدون مستعمرة \"شتولا\" ومستوطنة المطلة وثكنة زرعيت.", []spanWant{
			{"مستعمرة \"شتولا", "rasd:shtula", 1}, {"مستوطنة المطلة", "wof:421203903", 1},
			{"ثكنة زرعيت", "rasd:zarit", 1}}},
		{"استهدفت المقاومة موقع الراهب وموقع المرج وموقع العباد وموقع الرادار.", []spanWant{
			{"موقع الراهب", "rasd:raheb-post", 1}, {"موقع المرج", "rasd:marj-post", 1},
			{"موقع العباد", "rasd:abbad-post", 1}, {"موقع الرادار", "rasd:radar-post", 1}}},
		{"قصفت المقاومة ثكنة برانيت وقاعدة ميرون وموقع المالكية.", []spanWant{
			{"ثكنة برانيت", "rasd:branit-barracks", 1}, {"قاعدة ميرون", "rasd:meron-base", 1},
			{"موقع المالكية", "wof:1209426457", 1}}},
		{"تقدمت قوة إسرائيلية نحو تلة الحمامص قرب الخيام.", []spanWant{
			{"تلة الحمامص", "rasd:hamames-hill", 1}}},
		{"أطلق مستوطنون النار قرب مستوطنة يتسهار جنوب نابلس.", []spanWant{
			{"قرب مستوطنة يتسهار", "rasd:yitzhar", 2}}},
		{"سقطت قذائف على كيبوتس مرغليوت.", []spanWant{
			{"كيبوتس مرغليوت", "wof:421184485", 1}}},
	}
	for _, c := range cases {
		checkSpans(t, g, c.s, c.wants)
	}
	// Words that name posts only after a cue.
	s := "قال الراهب إن الدير تعرض للسرقة، وتجول الزوار في المرج وحول الرادار."
	for _, m := range find(t, g, s) {
		if m.Place.Kind == "position" {
			t.Errorf("%q: %s", s, describe(find(t, g, s)))
		}
	}
}

// Villages and towns of south Lebanon, the West Bank and Israel's north
// that news on the fronts names, in an article that names their country.
func TestFrontPlaces(t *testing.T) {
	g := load(t)
	groups := []struct {
		lead   string
		places []menaWant
	}{
		{"شن الطيران الإسرائيلي غارات على جنوب لبنان.", []menaWant{
			{"عيتا الشعب", "LBN", "LB.NA", "Nabatieh", 33.097, 35.337},
			{"كفركلا", "LBN", "LB.NA", "Nabatieh", 33.277, 35.552},
			{"الخيام", "LBN", "LB.NA", "Nabatieh", 33.328, 35.613},
			{"حولا", "LBN", "LB.NA", "Nabatieh", 33.209, 35.515},
			{"ميس الجبل", "LBN", "LB.NA", "Nabatieh", 33.169, 35.523},
			{"بلدة مركبا", "LBN", "LB.NA", "Nabatieh", 33.233, 35.513},
			{"العديسة", "LBN", "LB.NA", "Nabatieh", 33.248, 35.544},
			{"بلدة الطيبة", "LBN", "LB.NA", "Nabatieh", 33.276, 35.521},
			{"الناقورة", "LBN", "LB.JA", "South Lebanon", 33.118, 35.140},
			{"يارون", "LBN", "LB.NA", "Nabatieh", 33.080, 35.422},
			{"مارون الراس", "LBN", "LB.NA", "Nabatieh", 33.104, 35.444},
			{"عيترون", "LBN", "LB.NA", "Nabatieh", 33.115, 35.471},
			{"بنت جبيل", "LBN", "LB.NA", "Nabatieh", 33.119, 35.433},
			{"الهبارية", "LBN", "LB.NA", "Nabatieh", 33.367, 35.697},
			{"كفرشوبا", "LBN", "LB.NA", "Nabatieh", 33.328, 35.693},
			{"شبعا", "LBN", "LB.NA", "Nabatieh", 33.347, 35.749},
			{"الضهيرة", "LBN", "LB.JA", "South Lebanon", 33.100, 35.227},
			{"علما الشعب", "LBN", "LB.JA", "South Lebanon", 33.104, 35.182},
			{"طير حرفا", "LBN", "LB.JA", "South Lebanon", 33.127, 35.216},
			{"الجبين", "LBN", "LB.JA", "South Lebanon", 33.123, 35.236},
			{"شيحين", "LBN", "LB.JA", "South Lebanon", 33.127, 35.257},
			{"رب ثلاثين", "LBN", "LB.NA", "Nabatieh", 33.249, 35.519},
			{"رب الثلاثين", "LBN", "LB.NA", "Nabatieh", 33.249, 35.519},
			{"الوزاني", "LBN", "LB.NA", "Nabatieh", 33.276, 35.623},
			{"الماري", "LBN", "LB.NA", "Nabatieh", 33.285, 35.630},
			{"بليدا", "LBN", "LB.NA", "Nabatieh", 33.140, 35.515},
			{"محيبيب", "LBN", "LB.NA", "Nabatieh", 33.154, 35.505},
			{"القوزح", "LBN", "LB.NA", "Nabatieh", 33.121, 35.338},
			{"مجدل زون", "LBN", "LB.JA", "South Lebanon", 33.151, 35.226},
			{"صريفا", "LBN", "LB.JA", "South Lebanon", 33.281, 35.397},
			{"النبطية", "LBN", "LB.NA", "Nabatieh", 33.378, 35.484},
		}},
		{"اقتحمت قوات الاحتلال مناطق في الضفة الغربية.", []menaWant{
			{"جنين", "PSE", "PS.WE", "West Bank", 32.461, 35.300},
			{"طوباس", "PSE", "PS.WE", "West Bank", 32.321, 35.369},
			{"مخيم بلاطة", "PSE", "PS.WE", "West Bank", 32.212, 35.285},
			{"مخيم نور شمس", "PSE", "PS.WE", "West Bank", 32.317, 35.067},
			{"مخيم طولكرم", "PSE", "PS.WE", "West Bank", 32.314, 35.038},
			{"مخيم جنين", "PSE", "PS.WE", "West Bank", 32.461, 35.286},
			{"مخيم الفارعة", "PSE", "PS.WE", "West Bank", 32.293, 35.348},
			{"قباطية", "PSE", "PS.WE", "West Bank", 32.410, 35.281},
			{"عزون", "PSE", "PS.WE", "West Bank", 32.176, 35.057},
			{"بلدة حوارة", "PSE", "PS.WE", "West Bank", 32.152, 35.257},
			{"مسافر يطا", "PSE", "PS.WE", "West Bank", 31.390, 35.130},
		}},
		{"أطلقت صواريخ من لبنان باتجاه إسرائيل.", []menaWant{
			{"كريات شمونة", "ISR", "IL.HZ", "Northern District", 33.208, 35.570},
			{"شلومي", "ISR", "IL.HZ", "Northern District", 33.075, 35.146},
			{"نهاريا", "ISR", "IL.HZ", "Northern District", 33.006, 35.094},
			{"أفيفيم", "ISR", "IL.HZ", "Northern District", 33.089, 35.472},
			{"يرؤون", "ISR", "IL.HZ", "Northern District", 33.076, 35.453},
			{"المالكية", "ISR", "IL.HZ", "Northern District", 33.098, 35.511},
			{"مرغليوت", "ISR", "IL.HZ", "Northern District", 33.215, 35.545},
			{"شتولا", "ISR", "IL.HZ", "Northern District", 33.086, 35.317},
			{"زرعيت", "ISR", "IL.HZ", "Northern District", 33.096, 35.287},
			{"مستوطنة المطلة", "ISR", "IL.HZ", "Northern District", 33.279, 35.580},
			{"كفرجلعادي", "ISR", "IL.HZ", "Northern District", 33.242, 35.575},
			{"مسكاف عام", "ISR", "IL.HZ", "Northern District", 33.248, 35.548},
			{"حانيتا", "ISR", "IL.HZ", "Northern District", 33.087, 35.174},
		}},
	}
	for _, c := range groups {
		for _, w := range c.places {
			// A name that is also a word («الطيبة» "the good", «حوارة» "his
			// dialogue", «المطلة» "overlooking") needs its cue: news writes
			// «بلدة حوارة», «مستوطنة المطلة».
			s := c.lead + " وقالت المصادر إن انفجارا وقع في " + w.name + " مساء أمس."
			ms := find(t, g, s)
			var got *Mention
			for i := range ms {
				if strings.HasSuffix(ms[i].Span.Text, w.name) {
					got = &ms[i]
				}
			}
			if got == nil {
				t.Errorf("%q: no mention of %s in %s", s, w.name, describe(ms))
				continue
			}
			p := got.Place
			if p.Country != w.country || p.Admin1Code != w.code || p.Admin1 != w.admin1 {
				t.Errorf("%s: %s %s %s %q, want %s %s %q", w.name, p.ID, p.Country, p.Admin1Code, p.Admin1, w.country, w.code, w.admin1)
			}
			if d := km(p, &Place{Lat: w.lat, Lon: w.lon}); d > menaKM {
				t.Errorf("%s: %s at %.3f,%.3f is %.0f km from the place", w.name, p.ID, p.Lat, p.Lon, d)
			}
		}
	}
}
