package actors

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"rasd/internal/event"
	"rasd/internal/text"
)

func lex(t testing.TB) *Lexicon {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return l
}

// find runs Find and checks the invariants every result must keep: spans
// are exact slices of the original text, in order and non-overlapping.
func find(t testing.TB, l *Lexicon, s string) (*text.Analysis, []Mention) {
	t.Helper()
	a := text.Analyze(s)
	ms := l.Find(a)
	prevEnd := 0
	for _, m := range ms {
		if !m.Span.Valid(a.Orig) {
			t.Fatalf("%q: span %+v is not a slice of the text", s, m.Span)
		}
		if m.Span.Start < prevEnd {
			t.Fatalf("%q: mention %q overlaps or precedes the one before it", s, m.Span.Text)
		}
		if m.Actor == nil {
			t.Fatalf("%q: mention %q has no actor", s, m.Span.Text)
		}
		if m.Resolved != (m.Antecedent != nil) {
			t.Fatalf("%q: mention %q: Resolved %v but Antecedent %v", s, m.Span.Text, m.Resolved, m.Antecedent)
		}
		if m.Antecedent != nil && (!m.Antecedent.Valid(a.Orig) || m.Antecedent.Start >= m.Span.Start) {
			t.Fatalf("%q: antecedent %+v of %q is not an earlier slice", s, *m.Antecedent, m.Span.Text)
		}
		prevEnd = m.Span.End
	}
	return a, ms
}

// brief renders mentions as "text=ID/kind", the generic ones with their
// antecedent: "التنظيم=ISIS/generic<داعش".
func brief(ms []Mention) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		s := fmt.Sprintf("%s=%s/%s", m.Span.Text, m.Actor.ID, m.Kind)
		if m.Antecedent != nil {
			s += "<" + m.Antecedent.Text
		}
		out = append(out, s)
	}
	return out
}

func TestVocabularyIsComplete(t *testing.T) {
	l := lex(t)
	ids := []string{
		"ISIS", "SDF", "COALITION", "HTS", "SNA", "FSA", "HURRAS", "AQ", "PMF", "PESHMERGA", "PKK",
		"HEZBOLLAH", "IRAN-MILITIAS", "NDF", "LOCAL-ARMED", "UNIDENTIFIED", "CIVILIANS", "PROTESTERS",
		"STATE:SYR", "STATE:IRQ", "STATE:USA", "STATE:RUS", "STATE:TUR", "STATE:IRN", "STATE:ISR",
		"STATE:FRA", "STATE:JOR", "STATE:GBR", "STATE:DEU", "STATE:LBN", "STATE:SAU", "STATE:EGY",
		"STATE:QAT", "STATE:ARE",
		"HOUTHIS", "ARAB-COALITION", "STC", "LNA", "HAMAS", "PIJ", "TALIBAN", "AL-SHABAAB",
	}
	for _, id := range ids {
		a := l.ByID(id)
		if a == nil {
			t.Errorf("ByID(%q) = nil", id)
			continue
		}
		if a.VocabID() != id {
			t.Errorf("%s: VocabID = %q, want itself", id, a.VocabID())
		}
	}
	if l.ByID("NO-SUCH") != nil {
		t.Error("ByID of an unknown id is not nil")
	}
	for _, a := range l.Actors() {
		if !event.ValidActorType(a.Type) {
			t.Errorf("%s: type %q", a.ID, a.Type)
		}
		if a.Parent != "" && l.ByID(a.Parent) == nil {
			t.Errorf("%s: parent %q unknown", a.ID, a.Parent)
		}
	}
	for id, want := range map[string]string{
		"AHRAR-SHAM": "FSA", "ASAIB": "PMF", "FATEMIYOUN": "IRAN-MILITIAS", "KHALID-WALID": "ISIS", "HOUTHIS": "HOUTHIS",
		"AQAP": "AQ", "AQIM": "AQ", "ISIS-SINAI": "ISIS", "ISIS-LIBYA": "ISIS", "ISKP": "ISIS", "IRI": "IRAN-MILITIAS",
		"YE-RESISTANCE": "LOCAL-ARMED", "PAL-FACTIONS": "LOCAL-ARMED", "LY-MILITIAS": "LOCAL-ARMED",
	} {
		if got := l.ByID(id).VocabID(); got != want {
			t.Errorf("%s: VocabID = %q, want %q", id, got, want)
		}
	}
}

// Every actor's own Arabic name must find it: a guard against a name_ar
// that the aliases do not cover.
func TestEveryActorFindsItsOwnName(t *testing.T) {
	l := lex(t)
	for _, want := range l.Actors() {
		_, ms := find(t, l, want.NameAR)
		if len(ms) != 1 || ms[0].Actor != want || ms[0].Span.Text != want.NameAR {
			t.Errorf("%s: Find(%q) = %v", want.ID, want.NameAR, brief(ms))
		}
	}
}

func TestNamesAndInflectedForms(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		// ISIS in every form the news uses.
		{"هاجم داعش حاجزاً قرب البلدة", "داعش=ISIS/name"},
		{"أعلن تنظيم الدولة مسؤوليته عن التفجير", "تنظيم الدولة=ISIS/name"},
		{"قال تنظيم الدولة الإسلامية في بيان إنه قتل جنديين", "تنظيم الدولة الإسلامية=ISIS/name"},
		{"ظهرت الدولة الإسلامية في العراق والشام عام 2013", "الدولة الإسلامية في العراق والشام=ISIS/name"},
		{"فر الدواعش من القرية بعد الاشتباك", "الدواعش=ISIS/member"},
		{"اعتقلت الشرطة داعشياً في المدينة", "داعشياً=ISIS/member"},
		{"قُتل القيادي الداعشي في الغارة", "الداعشي=ISIS/member"},
		{"فككت القوات خلية داعشية في الريف", "داعشية=ISIS/member"},
		{"سلّم عشرة داعشيين أنفسهم", "داعشيين=ISIS/member"},
		{"انسحب مسلحي داعش من التلة", "داعش=ISIS/name"},
		// SDF with its components.
		{"سيطرت قسد على الحقل", "قسد=SDF/name"},
		{"تقدمت قوات سوريا الديمقراطية نحو البلدة", "قوات سوريا الديمقراطية=SDF/name"},
		{"قالت سوريا الديمقراطية إنها صدت الهجوم", "سوريا الديمقراطية=SDF/name"},
		{"اشتبكت وحدات حماية الشعب مع فصيل محلي", "وحدات حماية الشعب=SDF/name"},
		{"اعتقلت الأسايش ثلاثة شبان", "الأسايش=SDF/name|شبان=CIVILIANS/victim"},
		{"داهم مجلس دير الزور العسكري منزلاً", "مجلس دير الزور العسكري=SDF/name"},
		// Syrian and Iraqi state forces.
		{"قصفت قوات النظام البلدة", "قوات النظام=STATE:SYR/name"},
		{"اتهم ناشطون النظام السوري بالهجوم", "النظام السوري=STATE:SYR/name"},
		{"تقدم الجيش السوري نحو التلال", "الجيش السوري=STATE:SYR/name"},
		{"أعلن الجيش العربي السوري السيطرة على القرية", "الجيش العربي السوري=STATE:SYR/name"},
		{"انسحبت قوات الأسد من الموقع", "قوات الأسد=STATE:SYR/name"},
		{"استعاد الجيش العراقي المنطقة", "الجيش العراقي=STATE:IRQ/name"},
		{"دخلت القوات العراقية القضاء", "القوات العراقية=STATE:IRQ/name"},
		{"نشرت القوات الأمنية العراقية حواجز جديدة", "القوات الأمنية العراقية=STATE:IRQ/name"},
		{"نفذ جهاز مكافحة الإرهاب عملية إنزال", "جهاز مكافحة الإرهاب=STATE:IRQ/name"},
		{"صدت الشرطة الاتحادية الهجوم", "الشرطة الاتحادية=STATE:IRQ/name"},
		// Militias.
		{"شارك الحشد الشعبي في العملية", "الحشد الشعبي=PMF/name"},
		{"قاتل الحشد العشائري إلى جانب الجيش", "الحشد العشائري=LOCAL-ARMED/name"},
		{"انتشرت الميليشيات الإيرانية في البادية", "الميليشيات الإيرانية=IRAN-MILITIAS/name"},
		{"دخلت الميليشيات الموالية لإيران المدينة", "الميليشيات الموالية لإيران=IRAN-MILITIAS/name"},
		{"أرسل الحرس الثوري مستشارين", "الحرس الثوري=STATE:IRN/name"},
		{"قاتل لواء فاطميون في ريف حلب", "لواء فاطميون=FATEMIYOUN/name"},
		{"هددت عصائب أهل الحق القوات الأجنبية", "عصائب أهل الحق=ASAIB/name"},
		{"قصفت كتائب حزب الله قاعدة عسكرية", "كتائب حزب الله=KATAIB-HEZBOLLAH/name"},
		{"أعلنت حركة النجباء التعبئة", "حركة النجباء=NUJABA/name"},
		{"قاتل حزب الله في القصير", "حزب الله=HEZBOLLAH/name"},
		{"انتشرت قوات الدفاع الوطني في الحي", "قوات الدفاع الوطني=NDF/name"},
		{"اشتبكت قوات البيشمركة مع المهاجمين", "قوات البيشمركة=PESHMERGA/name"},
		{"قصفت تركيا مواقع حزب العمال الكردستاني", "تركيا=STATE:TUR/country|حزب العمال الكردستاني=PKK/name"},
		// Coalition, foreign forces.
		{"شن التحالف الدولي غارات على المنطقة", "التحالف الدولي=COALITION/name"},
		{"استهدف طيران التحالف رتلاً", "طيران التحالف=COALITION/name"},
		{"وصلت قوات التحالف إلى القاعدة الجوية", "قوات التحالف=COALITION/name"},
		{"أصيب جنود من الجيش الأمريكي", "الجيش الأمريكي=STATE:USA/name"},
		{"انسحبت القوات الأمريكية من القاعدة", "القوات الأمريكية=STATE:USA/name"},
		{"أغار الطيران الروسي على البلدة", "الطيران الروسي=STATE:RUS/name"},
		{"انتشرت القوات الروسية في المدينة", "القوات الروسية=STATE:RUS/name"},
		{"توغل الجيش التركي في الريف", "الجيش التركي=STATE:TUR/name"},
		// Opposition and jihadists.
		{"هاجمت هيئة تحرير الشام مقرات الفصيل", "هيئة تحرير الشام=HTS/name"},
		{"اعتقلت الأمنية التابعة للهيئة قياديين", ""},
		{"اعتقلت تحرير الشام ناشطاً", "تحرير الشام=HTS/name|ناشطاً=CIVILIANS/victim"},
		{"كانت جبهة النصرة فرع تنظيم القاعدة في سوريا", "جبهة النصرة=HTS/name|تنظيم القاعدة=AQ/name|سوريا=STATE:SYR/country"},
		{"تغير اسم جبهة فتح الشام لاحقا", "جبهة فتح الشام=HTS/name"},
		{"تقدم الجيش الوطني السوري نحو المدينة", "الجيش الوطني السوري=SNA/name"},
		{"انسحب الجيش الحر من الحي", "الجيش الحر=FSA/name"},
		{"سيطرت فصائل المعارضة على التلة", "فصائل المعارضة=FSA/name"},
		{"قصفت المعارضة المسلحة مواقع عسكرية", "المعارضة المسلحة=FSA/name"},
		{"اغتيل قيادي في حراس الدين", "حراس الدين=HURRAS/name"},
		{"اشتبكت حركة أحرار الشام مع الهيئة", "حركة أحرار الشام=AHRAR-SHAM/name"},
		{"قصف جيش الإسلام دمشق", "جيش الإسلام=JAYSH-ISLAM/name"},
		{"انسحب فيلق الرحمن من الغوطة", "فيلق الرحمن=FAYLAQ-RAHMAN/name"},
		{"بايع جند الأقصى الهيئة", "جند الأقصى=JUND-AQSA/name"},
		// Elsewhere.
		{"أطلق الحوثيون صاروخاً", "الحوثيون=HOUTHIS/name"},
		{"هاجمت حركة الشباب قاعدة للجيش", "حركة الشباب=AL-SHABAAB/name|للجيش=STATE:SOM/generic"},
		{"خطفت جماعة بوكو حرام طالبات", "جماعة بوكو حرام=BOKO-HARAM/name"},
		{"قاتل مرتزقة فاغنر في البادية", "مرتزقة فاغنر=WAGNER/name"},
		// Unknown perpetrators.
		{"اغتال مجهولون مختار القرية", "مجهولون=UNIDENTIFIED/name|مختار القرية=CIVILIANS/victim"},
		{"أطلق مسلحون مجهولون النار على سيارة", "مسلحون مجهولون=UNIDENTIFIED/name"},
		{"قُتل على يد مجهولين", "مجهولين=UNIDENTIFIED/name"},
		{"استهدفت طائرة مسيرة مجهولة سيارة", "طائرة مسيرة مجهولة=UNIDENTIFIED/name"},
		// Civilians and protesters.
		{"قتل ثلاثة مدنيين في القصف", "مدنيين=CIVILIANS/victim"},
		{"قتل عشرون مدنياً بينهم أطفال ونساء", "مدنياً=CIVILIANS/victim|أطفال=CIVILIANS/victim|نساء=CIVILIANS/victim"},
		{"أصيب مدني برصاص قناص", "مدني=CIVILIANS/victim"},
		{"فر المدنيين من القرية ونزح الأهالي", "المدنيين=CIVILIANS/victim|الأهالي=CIVILIANS/victim"},
		{"قتل رعاة أغنام ومزارعين بلغم", "مزارعين=CIVILIANS/victim"},
		{"اختطف مسلحون عمالاً وطلاب جامعة", "مسلحون=UNIDENTIFIED/generic|طلاب=CIVILIANS/victim"},
		{"خرج متظاهرون في الساحة", "متظاهرون=PROTESTERS/member"},
		{"فرقت الشرطة المتظاهرين والمحتجين", "المتظاهرين=PROTESTERS/member|المحتجين=PROTESTERS/member"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// The armed groups of the region's other wars, each by the names and
// inflected forms the news gives it (sentences written for this test).
func TestRegionGroups(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		// Yemen.
		{"أطلق الحوثيون صاروخا على جازان", "الحوثيون=HOUTHIS/name"},
		{"قالت جماعة الحوثي إنها أسقطت طائرة", "جماعة الحوثي=HOUTHIS/name"},
		{"اتهمت الحكومة ميليشيا الحوثي بخرق الهدنة", "الحكومة=STATE:YEM/generic|ميليشيا الحوثي=HOUTHIS/name"},
		{"أعلنت حركة أنصار الله التعبئة العامة", "حركة أنصار الله=HOUTHIS/name"},
		{"تصدت قوات المقاومة لهجوم شنه مسلحون حوثيون", "قوات المقاومة=YE-RESISTANCE/generic|مسلحون حوثيون=HOUTHIS/name"},
		{"قصفت قوات صنعاء مواقع في الجوف", "قوات صنعاء=HOUTHIS/name"},
		{"قال المتحدث باسم القوات المسلحة اليمنية إن الصاروخ أصاب هدفه", "القوات المسلحة اليمنية=HOUTHIS/name"},
		{"أسرت القوات اليمنية المسلحة جنودا", "القوات اليمنية المسلحة=HOUTHIS/name"},
		{"قتل حوثيا في الاشتباك", "حوثيا=HOUTHIS/member"},
		{"شن التحالف العربي غارات على صعدة", "التحالف العربي=ARAB-COALITION/name"},
		{"أعلن تحالف دعم الشرعية اعتراض صاروخ", "تحالف دعم الشرعية=ARAB-COALITION/name"},
		{"قصف التحالف بقيادة السعودية جسرا", "التحالف بقيادة السعودية=ARAB-COALITION/name"},
		{"قالت قيادة القوات المشتركة للتحالف إنها دمرت زورقا", "قيادة القوات المشتركة للتحالف=ARAB-COALITION/name"},
		{"استهدف طيران التحالف تجمعا للحوثيين في اليمن", "طيران التحالف=ARAB-COALITION/name|للحوثيين=HOUTHIS/name|اليمن=STATE:YEM/country"},
		{"اشتبك المجلس الانتقالي الجنوبي مع قوات الحكومة", "المجلس الانتقالي الجنوبي=STC/name|قوات الحكومة=STATE:YEM/generic"},
		{"انتشرت قوات الحزام الأمني في عدن", "قوات الحزام الأمني=STC/name"},
		{"سيطرت قوات النخبة الشبوانية على عتق", "قوات النخبة الشبوانية=STC/name"},
		{"داهمت النخبة الحضرمية وكرا للقاعدة", "النخبة الحضرمية=STC/name"},
		{"تقدمت ألوية العمالقة على الساحل الغربي", "ألوية العمالقة=STATE:YEM/name"},
		{"تقدمت المقاومة التهامية نحو الحديدة", "المقاومة التهامية=YE-RESISTANCE/name"},
		// Libya.
		{"أعلن الجيش الوطني الليبي السيطرة على درنة", "الجيش الوطني الليبي=LNA/name"},
		{"قصفت قوات حفتر مطار معيتيقة", "قوات حفتر=LNA/name"},
		{"قالت القوات المسلحة العربية الليبية إنها أسقطت طائرة", "القوات المسلحة العربية الليبية=LNA/name"},
		{"صدت قوات الوفاق هجوما جنوب العاصمة", "قوات الوفاق=STATE:LBY/name"},
		{"اعتقلت قوة الردع الخاصة مهربين", "قوة الردع الخاصة=LY-MILITIAS/name"},
		{"اشتبكت كتائب مصراتة مع مسلحين", "كتائب مصراتة=LY-MILITIAS/name|مسلحين=UNIDENTIFIED/generic"},
		// Palestine.
		{"أطلقت حماس صواريخ من غزة", "حماس=HAMAS/name"},
		{"قالت كتائب القسام إنها استهدفت دبابة", "كتائب القسام=HAMAS/name"},
		{"تبنت كتائب عز الدين القسام العملية", "كتائب عز الدين القسام=HAMAS/name"},
		{"قال الجناح العسكري لحماس إن مقاتليه عادوا", "الجناح العسكري لحماس=HAMAS/name"},
		{"حذرت حركة الجهاد الإسلامي من التصعيد", "حركة الجهاد الإسلامي=PIJ/name"},
		{"أعلنت سرايا القدس قصف عسقلان", "سرايا القدس=PIJ/name"},
		{"توعدت فصائل المقاومة الفلسطينية بالرد", "فصائل المقاومة الفلسطينية=PAL-FACTIONS/name"},
		{"اشتبك مقاتلو كتيبة جنين مع قوة خاصة", "كتيبة جنين=PAL-FACTIONS/name"},
		{"أعلنت مجموعة عرين الأسود مسؤوليتها", "عرين الأسود=PAL-FACTIONS/name"},
		{"تبنت كتائب شهداء الأقصى إطلاق النار", "كتائب شهداء الأقصى=PAL-FACTIONS/name"},
		// Lebanon and Iraq.
		{"قالت المقاومة الإسلامية في لبنان إنها قصفت ثكنة", "المقاومة الإسلامية في لبنان=HEZBOLLAH/name"},
		{"انسحب مقاتلي حزب الله من التلال", "مقاتلي حزب الله=HEZBOLLAH/name"},
		{"تبنت المقاومة الإسلامية في العراق هجوما بطائرة مسيرة", "المقاومة الإسلامية في العراق=IRI/name"},
		// Afghanistan, Somalia, Sudan.
		{"سيطرت حركة طالبان على مديرية", "حركة طالبان=TALIBAN/name"},
		{"هاجم مسلحي طالبان حاجزا", "مسلحي طالبان=TALIBAN/name"},
		{"نفذت شبكة حقاني التفجير", "شبكة حقاني=TALIBAN/name"},
		{"تبنت حركة الشباب الهجوم", "حركة الشباب=AL-SHABAAB/name"},
		{"قال الشباب المجاهدين إنهم قتلوا جنودا", "الشباب المجاهدين=AL-SHABAAB/name"},
		{"هاجم مقاتلو الشباب قاعدة لقوات أميصوم", "مقاتلو الشباب=AL-SHABAAB/name|قوات أميصوم=AU-MISSION/name"},
		{"اشتبكت قوات الدعم السريع مع الجيش", "قوات الدعم السريع=RSF/name|الجيش=STATE:SDN/generic"},
		// Al-Qaeda's affiliates and ISIS's provinces.
		{"تبنى تنظيم القاعدة في جزيرة العرب الكمين", "تنظيم القاعدة في جزيرة العرب=AQAP/name"},
		{"قال تنظيم القاعدة في بلاد المغرب الإسلامي إنه خطف سائحين", "تنظيم القاعدة في بلاد المغرب الإسلامي=AQIM/name"},
		{"أعلنت كتيبة عقبة بن نافع مسؤوليتها", "كتيبة عقبة بن نافع=AQIM/name"},
		{"تبنت ولاية سيناء الهجوم", "ولاية سيناء=ISIS-SINAI/name"},
		{"تبنت ولاية خراسان التفجير", "ولاية خراسان=ISKP/name"},
		{"أعلن تنظيم الدولة في ليبيا مسؤوليته", "تنظيم الدولة في ليبيا=ISIS-LIBYA/name"},
		{"نفذت ولاية الصومال هجوما", "ولاية الصومال=ISIS-SOMALIA/name"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// The partisan style of some outlets, general to any of them: «الاحتلال»,
// «العدو», «الكيان» for Israel, «الاحتلال» + a nationality for another
// occupier, «المقاومة» for the group the outlet sides with in each war.
func TestPartisanStyle(t *testing.T) {
	l := lex(t)
	cases := []struct{ name, in, want string }{
		{"occupation forces", "اقتحمت قوات الاحتلال بلدة قرب رام الله", "قوات الاحتلال=STATE:ISR/name|رام الله=STATE:PSE/country"},
		{"occupation army", "قال جيش الاحتلال إنه اعتقل مطلوبين", "جيش الاحتلال=STATE:ISR/name"},
		{"occupation soldiers fall back", "أطلق جنود الاحتلال الرصاص على شابين في الخليل", "جنود الاحتلال=STATE:ISR/generic|شابين=CIVILIANS/victim"},
		{"the occupation in Palestine", "هدم الاحتلال منزلا في القدس", "الاحتلال=STATE:ISR/generic"},
		{"the occupation and no country named", "استشهد شاب برصاص الاحتلال", "شاب=CIVILIANS/victim|الاحتلال=STATE:ISR/generic"},
		{"the Israeli occupation", "قصف الاحتلال الإسرائيلي حيا سكنيا", "الاحتلال الإسرائيلي=STATE:ISR/name"},
		{"the Zionist occupation", "اعتقلت قوات الاحتلال الصهيوني أسيرا محررا", "قوات الاحتلال الصهيوني=STATE:ISR/name"},
		{"the enemy", "استهدف العدو الإسرائيلي أطراف بلدة في الجنوب اللبناني", "العدو الإسرائيلي=STATE:ISR/name|اللبناني=STATE:LBN/adjective"},
		{"the enemy alone in Lebanon", "استهدف العدو أطراف بلدة مرجعيون", "العدو=STATE:ISR/generic"},
		{"the Zionist entity", "قال الكيان الصهيوني إن صاروخا سقط في حيفا", "الكيان الصهيوني=STATE:ISR/name"},
		{"the entity alone in Gaza", "توعد الكيان بتوسيع العملية في غزة", "الكيان=STATE:ISR/generic"},
		{"the American occupation", "قال الاحتلال الأميركي إن قاعدته تعرضت لهجوم", "الاحتلال الأميركي=STATE:USA/name"},
		{"occupying American forces", "قصفت القوات الأميركية المحتلة مواقع", "القوات الأميركية المحتلة=STATE:USA/name"},
		{"American occupation forces", "انسحبت قوات الاحتلال الأميركي من القاعدة", "قوات الاحتلال الأميركي=STATE:USA/name"},
		{"the Turkish occupation", "استهدف الاحتلال التركي قرى في ريف الحسكة", "الاحتلال التركي=STATE:TUR/name"},
		{"the occupier named before", "قصفت قوات الاحتلال التركي قرية، وقال الأهالي إن الاحتلال دمر منازل",
			"قوات الاحتلال التركي=STATE:TUR/name|الأهالي=CIVILIANS/victim|الاحتلال=STATE:TUR/generic<قوات الاحتلال التركي"},
		{"a past occupation is no actor", "عانت البلاد من الاحتلال الفرنسي أكثر من قرن", "الفرنسي=STATE:FRA/adjective"},
		{"undercover units in Palestine", "اختطف المستعربون شابين في نابلس", "المستعربون=STATE:ISR/generic|شابين=CIVILIANS/victim"},
		{"the resistance in Lebanon", "قصفت المقاومة مواقع في مزارع شبعا", "المقاومة=HEZBOLLAH/generic"},
		{"the resistance in Iraq", "استهدفت المقاومة قاعدة في الأنبار", "المقاومة=IRI/generic"},
		{"the resistance in Gaza", "أطلقت المقاومة صواريخ من قطاع غزة", "المقاومة=PAL-FACTIONS/generic"},
		{"the resistance in the West Bank", "اشتبك المقاومون مع قوة خاصة في نابلس", "المقاومون=PAL-FACTIONS/generic"},
		{"the resistance in Yemen's pan-Arab news", "تقدمت المقاومة نحو مدينة الحديدة", "المقاومة=YE-RESISTANCE/generic"},
		{"a named group near", "قالت سرايا القدس إن المقاومة قصفت سديروت", "سرايا القدس=PIJ/name|المقاومة=PIJ/generic<سرايا القدس"},
		{"the Islamic Resistance in Lebanon", "أعلنت المقاومة الإسلامية استهداف ثكنة قرب الناقورة", "المقاومة الإسلامية=HEZBOLLAH/generic"},
		{"the Islamic Resistance on the front line", "أعلنت المقاومة الإسلامية في جنوب لبنان قصف مواقع في الجليل", "المقاومة الإسلامية=HEZBOLLAH/generic|لبنان=STATE:LBN/country"},
		{"the Islamic Resistance in Iraq", "أعلنت المقاومة الإسلامية استهداف هدف في الموصل", "المقاومة الإسلامية=IRI/generic"},
		{"the Houthis' own armed forces", "أعلنت القوات المسلحة اليمنية استهداف سفينة في البحر الأحمر", "القوات المسلحة اليمنية=HOUTHIS/name"},
		{"resistance factions in Iraq", "هاجمت فصائل المقاومة قاعدة قرب أربيل", "فصائل المقاومة=IRI/name"},
		{"the axis is no actor", "أشاد محور المقاومة بالعملية", ""},
		{"a foreign resistance is no actor", "ظهرت المقاومة الفرنسية في الحرب العالمية", "الفرنسية=STATE:FRA/adjective"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s: %s\n got %s\nwant %s", c.name, c.in, got, c.want)
		}
	}
}

// Words that are also names of groups, where they are not.
func TestRegionGroupsNotNamed(t *testing.T) {
	l := lex(t)
	for _, in := range []string{
		"استقبل الجمهور اللاعبين بحماس",            // "with enthusiasm"
		"أشعل الهدف المبكر حماس المشجعين",          // idem
		"لم يظهر اللاعبون أي حماس في الشوط الثاني", // idem
		"ارتدى القميص بفخر وحماس",                  // idem
		"شارك الشباب في حملة تنظيف الحي",           // young people
		"تحتاج الحكومة إلى تشغيل الشباب العاطلين",  // idem
		"فاز الشباب على الهلال بهدفين",             // the Saudi club
		"صلى المصلون في مسجد القسام",               // «القسام» alone, no war named
		"ترجم أحد كبار المستعربين الروس الرواية",   // Arabists, not Israel's undercover units
	} {
		for _, m := range l.Find(text.Analyze(in)) {
			if id := m.Actor.VocabID(); id == "HAMAS" || id == "AL-SHABAAB" || id == "STATE:ISR" {
				t.Errorf("%s: %s=%s/%s", in, m.Span.Text, id, m.Kind)
			}
		}
	}
}

// Every state of the region and those that fight in it: a force noun and
// its nationality name the state («البحرية الأميركية»), and so do the
// institutions whose names carry none («الأمن الوقائي»).
func TestStateForces(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"تقدم الجيش اليمني نحو المدينة", "الجيش اليمني=STATE:YEM/name"},
		{"انتشرت القوات اليمنية على الطريق", "القوات اليمنية=STATE:YEM/name"},
		{"استهدف الجيش الليبي مواقع المسلحين", "الجيش الليبي=STATE:LBY/name"},
		{"أوقف الجيش اللبناني مطلوبين", "الجيش اللبناني=STATE:LBN/name"},
		{"اعتقلت الأجهزة الأمنية الفلسطينية ناشطين", "الأجهزة الأمنية الفلسطينية=STATE:PSE/name|ناشطين=CIVILIANS/victim"},
		{"استدعى الأمن الوقائي صحفيا", "الأمن الوقائي=STATE:PSE/name|صحفيا=CIVILIANS/victim"},
		{"أغار الطيران الإسرائيلي على موقع", "الطيران الإسرائيلي=STATE:ISR/name"},
		{"قال سلاح الجو الإسرائيلي إنه اعترض طائرة", "سلاح الجو الإسرائيلي=STATE:ISR/name"},
		{"توغل الجيش الإسرائيلي في البلدة", "الجيش الإسرائيلي=STATE:ISR/name"},
		{"قتل جنديان إسرائيليان في الهجوم", "جنديان إسرائيليان=STATE:ISR/name"},
		{"أحبط الجيش الأردني محاولة تسلل", "الجيش الأردني=STATE:JOR/name"},
		{"قتلت قوات الأمن المصرية مسلحين", "قوات الأمن المصرية=STATE:EGY/name|مسلحين=UNIDENTIFIED/generic"},
		{"أصيب شرطي مصري بجروح", "شرطي مصري=STATE:EGY/name"},
		{"أعلن قطاع الأمن الوطني ضبط خلية", "قطاع الأمن الوطني=STATE:EGY/name"},
		{"اعترضت الدفاعات الجوية السعودية صاروخا", "الدفاعات الجوية السعودية=STATE:SAU/name"},
		{"قال الحرس الوطني السعودي إنه رفع الجاهزية", "الحرس الوطني السعودي=STATE:SAU/name"},
		{"سيطر الجيش السوداني على الجسر", "الجيش السوداني=STATE:SDN/name"},
		{"هاجمت حركة الشباب القوات الصومالية", "حركة الشباب=AL-SHABAAB/name|القوات الصومالية=STATE:SOM/name"},
		{"فككت الوحدات الخاصة التونسية خلية", "الوحدات الخاصة التونسية=STATE:TUN/name"},
		{"قتل الجيش الجزائري إرهابيين", "الجيش الجزائري=STATE:DZA/name"},
		{"قال الجيش الوطني الشعبي إنه دمر مخبأ", "الجيش الوطني الشعبي=STATE:DZA/name"},
		{"فكك المكتب المركزي للأبحاث القضائية خلية", "المكتب المركزي للأبحاث القضائية=STATE:MAR/name"},
		{"اعتقل الدرك الملكي مهربين", "الدرك الملكي=STATE:MAR/name"},
		{"قتلت الشرطة الأفغانية خمسة مسلحين", "الشرطة الأفغانية=STATE:AFG/name|مسلحين=UNIDENTIFIED/generic"},
		{"دمر الجيش الباكستاني مخابئ", "الجيش الباكستاني=STATE:PAK/name"},
		{"قصف الجيش التركي قرى حدودية", "الجيش التركي=STATE:TUR/name"},
		{"أطلق الحرس الثوري صواريخ", "الحرس الثوري=STATE:IRN/name"},
		{"اعترضت البحرية الإيرانية ناقلة", "البحرية الإيرانية=STATE:IRN/name"},
		{"نفذت القوات الإماراتية إنزالا", "القوات الإماراتية=STATE:ARE/name"},
		{"شاركت قوة دفاع البحرين في التمرين", "قوة دفاع البحرين=STATE:BHR/name"},
		{"أرسل الجيش الكويتي تعزيزات", "الجيش الكويتي=STATE:KWT/name"},
		{"اعترضت البحرية الأميركية زورقا", "البحرية الأميركية=STATE:USA/name"},
		{"انتشرت مشاة البحرية الأمريكية في القاعدة", "مشاة البحرية الأمريكية=STATE:USA/name"},
		{"دمرت قوة برخان مخزن أسلحة", "قوة برخان=STATE:FRA/name"},
		{"شارك سلاح الجو الملكي البريطاني في الضربات", "سلاح الجو الملكي البريطاني=STATE:GBR/name"},
		{"قصفت الطائرات الروسية البلدة", "الطائرات الروسية=STATE:RUS/name"},
		{"عبرت القوات الكينية الحدود", "القوات الكينية=STATE:KEN/name"},
		{"قال الجيش الموريتاني إنه أحبط هجوما", "الجيش الموريتاني=STATE:MRT/name"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// A force noun with no nationality belongs to the country the story is
// about: the one its country names, capitals, nationalities, places and
// one-country actors name, the nearest sentences counting most.
func TestBareForcesTakeTheCountryOfTheStory(t *testing.T) {
	l := lex(t)
	cases := []struct{ name, in, want string }{
		{"Egypt by its name", "في مصر، قتلت قوات الأمن ثلاثة مسلحين", "STATE:EGY"},
		{"Egypt by a nationality", "قالت وزارة الصحة المصرية إن قوات الأمن أنقذت الرهائن", "STATE:EGY"},
		{"Egypt by a place", "قتلت قوات الأمن مسلحين في العريش", "STATE:EGY"},
		{"Yemen by a place", "شن مسلحون هجوما في تعز وتصدت لهم قوات الأمن", "STATE:YEM"},
		{"Yemen by its war's actors", "قصف الحوثيون حيا سكنيا، واعتقلت قوات الأمن مشتبها بهم", "STATE:YEM"},
		{"Libya by a place", "انتشرت قوات الأمن في شوارع بنغازي", "STATE:LBY"},
		{"Libya by its name", "قالت مصادر ليبية إن قوات الأمن اعتقلت مهربين", "STATE:LBY"},
		{"Afghanistan by a province", "هاجم مسلحون نقطة لقوات الأمن في ولاية هلمند", "STATE:AFG"},
		{"Afghanistan by its capital", "قتل شرطيان في كابل، وقالت قوات الأمن إنها طوقت المكان", "STATE:AFG"},
		{"Lebanon by a town", "داهمت قوات الأمن منزلا في بعلبك", "STATE:LBN"},
		{"Lebanon by its name", "أوقفت قوات الأمن في لبنان مطلوبا", "STATE:LBN"},
		{"Tunisia by a place", "تلاحق قوات الأمن مسلحين في جبل الشعانبي", "STATE:TUN"},
		{"Tunisia by its name", "قالت وزارة الداخلية في تونس إن قوات الأمن فككت خلية", "STATE:TUN"},
		{"Somalia by its capital", "انفجرت سيارة في مقديشو وقالت قوات الأمن إن الانتحاري قتل", "STATE:SOM"},
		{"Iraq by a province", "اعتقلت قوات الأمن خلية في الأنبار", "STATE:IRQ"},
		{"Pakistan by a city", "قتلت قوات الأمن مسلحين قرب بيشاور", "STATE:PAK"},
		{"Saudi Arabia by a city", "قالت قوات الأمن إنها أحبطت هجوما في القطيف", "STATE:SAU"},
		{"the police too", "اعتقلت الشرطة في الإسكندرية ثلاثة أشخاص", "STATE:EGY"},
		{"security men", "أصيب رجال الأمن في هجوم على كمين في شمال سيناء", "STATE:EGY"},
		{"the army's troops", "قصفت قوات الجيش مواقع في صعدة", "STATE:YEM"},
		{"police officers", "قتل عناصر الشرطة في هجوم على حاجز في قندهار", "STATE:AFG"},
		{"an American official named in passing",
			"هاجم مسلحون سجنا في الأنبار. وفر سجناء من سجن في نينوى. وقال السفير الأمريكي إن قوات الأمن طوقت المكان", "STATE:IRQ"},
		{"the neighbour across a border is not the story's country",
			"اشتبكت قوات الأمن مع مهربين قرب الحدود مع سوريا في الأنبار", "STATE:IRQ"},
		{"a border shared with a neighbour", "تلاحق قوات الأمن مسلحين في جبل الشعانبي على الحدود المشتركة مع الجزائر", "STATE:TUN"},
		{"a roundup moves from country to country",
			"في اليمن، قصف الحوثيون مأرب وتعز والحديدة. وفي ليبيا، اعتقلت قوات الأمن مهربين", "STATE:LBY"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		var got []string
		for _, m := range ms {
			if m.Kind == KindGeneric && strings.HasPrefix(m.Actor.ID, "STATE:") {
				got = append(got, m.Actor.ID)
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: %s\n got %v (%s)\nwant one %s", c.name, c.in, got, strings.Join(brief(ms), "|"), c.want)
		}
	}
}

// Places that tell the theatre are no actors, and a capital named as a place
// stays a weak country mention, which the extractor does not take as a side.
func TestPlacesAndCapitalsStayPlaces(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"اندلعت اشتباكات في مأرب وقندهار وبنغازي", ""},
		{"وصل الوفد إلى القاهرة قادما من الرياض", "القاهرة=STATE:EGY/country|الرياض=STATE:SAU/country"},
		{"عاد اللاعب إلى بيروت بعد مباراة في طهران", "طهران=STATE:IRN/country"},
		{"ارتفعت أسعار الذهب في أسواق دبي وعمان", ""},
		// Clubs and stadiums with the name of an army, a police or an air force.
		{"فاز طلائع الجيش على ضيفه في ملعب الجيش ببرج العرب", ""},
		{"تعادل الشرطة العراقي مع الزوراء", ""},
		{"توج فريق القوة الجوية بالكأس", ""},
		{"يستضيف نادي الشرطة منافسه في الدوري", ""},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// What tells the theatre: places, countries, capitals and one-country
// actors; nationalities, weakly; not the forces of a state that fights
// abroad, which turn up in every war's news.
func TestWhatTellsTheTheatre(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"قصف الجيش الأمريكي مواقع طالبان قرب قندهار", "AFG AFG"},
		{"قالت القوات الروسية إنها دمرت مخزنا", ""},
		{"أغار الطيران الإسرائيلي على غزة", "PSE"},
		{"قال السفير الأمريكي في القاهرة", "USA~ EGY"},
		{"أعلن الحوثيون والجيش الوطني الليبي", "YEM LBY"},
	}
	for _, c := range cases {
		a := text.Analyze(c.in)
		cs, sigs := l.compose(a, l.scan(a, nil))
		sigs = appendSignals(sigs, cs)
		slices.SortFunc(sigs, func(x, y signal) int { return x.tok - y.tok })
		var got []string
		for _, s := range sigs {
			if s.weak {
				s.theatre += "~"
			}
			got = append(got, s.theatre)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: signals %q, want %q", c.in, g, c.want)
		}
	}
}

// theatresAt indexes sigs and asks it once, as Find does for each mention.
func theatresAt(tok, sent int, sigs []signal) []string {
	return indexTheatres(sigs).at(tok, sent)
}

func TestTheatreAt(t *testing.T) {
	// Yemen in sentences 0 (three places), 3 and 4; Libya in sentence 6.
	sigs := []signal{
		{tok: 1, sent: 0, theatre: "YEM"}, {tok: 3, sent: 0, theatre: "YEM"}, {tok: 5, sent: 0, theatre: "YEM"},
		{tok: 30, sent: 3, theatre: "YEM"}, {tok: 40, sent: 4, theatre: "YEM"}, {tok: 60, sent: 6, theatre: "LBY"},
	}
	for _, c := range []struct {
		tok, sent int
		want      string
	}{
		{0, 0, "YEM"},
		{61, 6, "LBY YEM"}, // its own sentence outweighs the two before it
		{50, 5, "YEM LBY"}, // two neighbours against one
		{1, 1, "YEM"},      // three towns in one sentence are one vote, but Yemen's
		{80, 9, "YEM LBY"}, // three sentences on Yemen outweigh one on Libya further off
	} {
		if got := strings.Join(theatresAt(c.tok, c.sent, sigs), " "); got != c.want {
			t.Errorf("theatresAt(%d, %d) = %q, want %q", c.tok, c.sent, got, c.want)
		}
	}
	if got := theatresAt(5, 0, nil); len(got) != 0 {
		t.Errorf("no signal: %q", got)
	}
	// A tie goes to the nearer signal.
	if got := theatresAt(10, 1, []signal{{5, 0, "EGY", false}, {20, 2, "LBY", false}}); strings.Join(got, " ") != "EGY LBY" {
		t.Errorf("tie: %q", got)
	}
	// A country named only far beyond a vote's reach still ranks by the
	// nearest sentence that names it, ahead of one named further still.
	far := []signal{{1, 0, "SDN", false}, {2000, 320, "EGY", false}}
	if got := theatresAt(3000, 400, far); strings.Join(got, " ") != "EGY" {
		t.Errorf("beyond reach: %q", got)
	}
	// A nationality counts only where no place is named.
	weak := []signal{{5, 1, "USA", true}, {1, 0, "IRQ", false}}
	if got := theatresAt(6, 1, weak); strings.Join(got, " ") != "IRQ" {
		t.Errorf("a nationality against a place: %q", got)
	}
	if got := theatresAt(6, 1, weak[:1]); strings.Join(got, " ") != "USA" {
		t.Errorf("a nationality alone: %q", got)
	}
}

func TestCountriesAndNationalitiesAreWeak(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"استلمت فرنسا أطفالاً من المخيم", "فرنسا=STATE:FRA/country|أطفالاً=CIVILIANS/victim"},
		{"تسلم العراق دفعة من المعتقلين", "العراق=STATE:IRQ/country"},
		{"حذرت واشنطن وموسكو وأنقرة وطهران", "واشنطن=STATE:USA/country|موسكو=STATE:RUS/country|أنقرة=STATE:TUR/country|طهران=STATE:IRN/country"},
		{"استعادت القوات البلدة بدعم روسي إيراني", "روسي=STATE:RUS/adjective|إيراني=STATE:IRN/adjective"},
		{"قال مصدر أمني عراقي إن الهجوم فشل", "عراقي=STATE:IRQ/adjective"},
		// A force noun makes the nationality the actor.
		{"قصفت طائرات روسية البلدة", "طائرات روسية=STATE:RUS/name"},
		{"سيرت دورية أمريكية وأخرى أميركية", "دورية أمريكية=STATE:USA/name|أميركية=STATE:USA/adjective"},
		{"شنت القوات التركية والروسية دورية", "القوات التركية=STATE:TUR/name|الروسية=STATE:RUS/name"},
		{"استهدفت غارات إسرائيلية مواقع في ريف دمشق", "غارات إسرائيلية=STATE:ISR/name"},
		{"قتل جنود أمريكيون في الانفجار", "جنود أمريكيون=STATE:USA/name"},
		{"أعلنت السلطات السعودية القبض على خلية", "السلطات السعودية=STATE:SAU/name"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestClitics(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"انضم لداعش عشرات الشبان", "داعش=ISIS/name|الشبان=CIVILIANS/victim"},
		{"اشتبك الجيش وقسد في الريف", "قسد=SDF/name"},
		{"لحق الدمار بقوات النظام", "قوات النظام=STATE:SYR/name"},
		{"قدمت الدعم للتحالف الدولي", "للتحالف الدولي=COALITION/name"},
		{"فأعلنت قوات سوريا الديمقراطية النفير", "قوات سوريا الديمقراطية=SDF/name"},
		{"ونفذ كداعش هجمات", "داعش=ISIS/name"},
		// No article is shed: «القسد» is not a form of «قسد», and an
		// attached pronoun is no actor.
		{"القسد كلمة لا معنى لها", ""},
		// «بحماس» is "with enthusiasm", so this name takes no preposition.
		{"لعب الفريق بحماس كبير", ""},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		got := make([]string, 0, len(ms))
		for _, m := range ms {
			if m.Kind != KindGeneric {
				got = append(got, fmt.Sprintf("%s=%s/%s", m.Span.Text, m.Actor.ID, m.Kind))
			}
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, g, c.want)
		}
	}
}

// Spans are code points of the text as given: harakat, tatweel, quotes,
// bidi marks and clitics must not shift them.
func TestSpansAreOriginalSlices(t *testing.T) {
	l := lex(t)
	in := "قالَ مصدرٌ إنّ «داعِش» هاجم قـــوات سُورِيا الدِّيمُقراطية، وإنَّ لِلتَّحالُف الدَّوْلِي\u200f دوراً، وإن عناصر «التنظيم» فروا."
	a, ms := find(t, l, in)
	want := []string{"داعِش=ISIS/name", "قـــوات سُورِيا الدِّيمُقراطية=SDF/name", "لِلتَّحالُف الدَّوْلِي\u200f=COALITION/name", "عناصر «التنظيم»=ISIS/generic<داعِش"}
	if got := brief(ms); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	orig := []rune(in)
	for _, m := range ms {
		if string(orig[m.Span.Start:m.Span.End]) != m.Span.Text {
			t.Errorf("span %+v is not orig[%d:%d]", m.Span, m.Span.Start, m.Span.End)
		}
		if a.TokenSpan(m.Tok, m.TokEnd).End != m.Span.End {
			t.Errorf("%q: Tok/TokEnd %d..%d do not end where the span does", m.Span.Text, m.Tok, m.TokEnd)
		}
	}
}

func TestQuotedNames(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"أعلن تنظيم «الدولة» مسؤوليته", "تنظيم «الدولة»=ISIS/name"},
		{"قالت قوات \"سوريا الديمقراطية\" إنها تقدمت", "قوات \"سوريا الديمقراطية\"=SDF/name"},
		{"هاجم تنظيم «داعش» البلدة", "تنظيم «داعش»=ISIS/name"},
		// A quote opened after a force noun stays balanced in the span.
		{"قصفت طائرات «روسية» الحي", "طائرات «روسية»=STATE:RUS/name"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestLongestMatchWins(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"سيطر مجلس دير الزور العسكري على القرية", "مجلس دير الزور العسكري=SDF/name"},
		{"قوات سوريا الديمقراطية تتقدم", "قوات سوريا الديمقراطية=SDF/name"},
		{"هاجم الجيش السوري الحر حاجزاً", "الجيش السوري الحر=FSA/name"},
		{"ينتمي إلى الجيش الوطني السوري", "الجيش الوطني السوري=SNA/name"},
		{"قصفت كتائب حزب الله العراقي المعسكر", "كتائب حزب الله العراقي=KATAIB-HEZBOLLAH/name"},
		{"سقط صاروخ قرب القاعدة الجوية", ""},
		{"انتشلت فرق الدفاع المدني الجثث", ""},
		{"وثق المرصد السوري لحقوق الإنسان الهجوم", ""},
		// «الدولة» alone is not ISIS, «الجيش» alone with nothing to stand
		// for is nothing.
		{"قالت الدولة إن الجيش سيبقى في ثكناته", ""},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// «مسلحون من حركة الشباب»: a head noun or a generic, «من», and an armed
// group's name are that group's members; a state's or civilians' name does
// not join («عناصر من الجيش» stays two mentions' business).
func TestMembersFromAGroup(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"اقتحم مسلحون من حركة الشباب فندقا في مقديشو", "مسلحون من حركة الشباب=AL-SHABAAB/member|مقديشو=STATE:SOM/country"},
		{"قتل خمسة عناصر من داعش في الموصل", "عناصر من داعش=ISIS/member"},
		{"أصيب مسلحون من المارة بجروح", "مسلحون=UNIDENTIFIED/generic"},
		// Belonging said with a word: «تابعون لـ», «ينتمون إلى», «مرتبطة بـ».
		{"هاجم مسلحون تابعون لحركة الشباب قاعدة قرب كسمايو", "مسلحون تابعون لحركة الشباب=AL-SHABAAB/member"},
		{"فجرت خلية تنتمي إلى داعش سيارة في تكريت", "خلية تنتمي إلى داعش=ISIS/member"},
		{"فككت الشرطة مجموعة مسلحة مرتبطة بتنظيم القاعدة في حضرموت", "الشرطة=STATE:YEM/generic|مجموعة مسلحة مرتبطة بتنظيم القاعدة=AQ/member"},
		// Believed to be of a group, the group named with a head noun of its own.
		{"هاجم مسلحون يعتقد أنهم من خلايا داعش حاجزا", "مسلحون يعتقد أنهم من خلايا داعش=ISIS/member"},
		{"هاجم مسلحون تابعون لخلايا داعش حاجزا", "مسلحون تابعون لخلايا داعش=ISIS/member"},
		// An unnamed armed group stays unidentified; a state's forces do not join.
		{"اشتبك الجيش مع مجموعات مسلحة قرب الحدود", "مجموعات مسلحة=UNIDENTIFIED/generic"},
		{"قتل مسلحون تابعون للجيش راعيا", "مسلحون=UNIDENTIFIED/generic|راعيا=CIVILIANS/victim"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestGenericResolution(t *testing.T) {
	l := lex(t)
	cases := []struct{ name, in, want string }{
		{"earlier sentence",
			"هاجم داعش قرية نائية. وقال التنظيم في بيان إنه قتل حراسها.",
			"داعش=ISIS/name|التنظيم=ISIS/generic<داعش"},
		{"same sentence, the latest fitting antecedent",
			"ضمت السجون عناصر من تنظيم القاعدة ومن داعش الذي أعاد التنظيم صفوفه",
			"عناصر من تنظيم القاعدة=AQ/member|داعش=ISIS/name|التنظيم=ISIS/generic<داعش"},
		{"the generic skips actors it cannot stand for",
			"اعتقلت هيئة تحرير الشام عنصراً من قسد، ثم أطلقت الهيئة سراحه",
			"هيئة تحرير الشام=HTS/name|عنصراً من قسد=SDF/member|الهيئة=HTS/generic<هيئة تحرير الشام"},
		{"a nationality adjective is no antecedent",
			"استعادت قوات النظام البادية بدعم روسي إيراني، ثم هاجم مجهولون مفرزة تابعة للنظام",
			"قوات النظام=STATE:SYR/name|روسي=STATE:RUS/adjective|إيراني=STATE:IRN/adjective|مجهولون=UNIDENTIFIED/name|للنظام=STATE:SYR/generic<قوات النظام"},
		{"government forces are the state where they fight, not a foreign state named before",
			"اعترضت الدفاعات السعودية صاروخا. واندلعت اشتباكات بين القوات الحكومية والحوثيين في مأرب",
			"السعودية=STATE:SAU/country|القوات الحكومية=STATE:YEM/generic|الحوثيين=HOUTHIS/name"},
		{"no antecedent: dropped",
			"قال التنظيم إن الهيئة ستعلن النتائج",
			""},
		{"a member noun before the generic lets it fall back",
			"قتل ثلاثة من عناصر التنظيم وخلايا التنظيم ما زالت تنشط",
			"عناصر التنظيم=ISIS/generic|خلايا التنظيم=ISIS/generic"},
		{"the word after a generic names it",
			"تلاحق الهيئة الخلايا الداعشية",
			"الخلايا الداعشية=ISIS/member"},
		{"a foreign adjective after a generic rules it out",
			"عاشت اليونان تحت الاحتلال الألماني سنوات",
			"اليونان=STATE:GRC/country|الألماني=STATE:DEU/adjective"},
		{"al-Qaeda by a member noun",
			"قتل زعيم القاعدة في غارة",
			"زعيم القاعدة=AQ/generic"},
		{"al-Qaeda in quotes or brackets",
			"طارد الجيش فلول (القاعدة، وداعش) وعناصر «القاعدة»",
			"القاعدة=AQ/generic|داعش=ISIS/name|عناصر «القاعدة»=AQ/generic"},
		{"al-Qaeda named before",
			"تبنى تنظيم القاعدة الهجوم، وقالت القاعدة إنها ستواصل",
			"تنظيم القاعدة=AQ/name|القاعدة=AQ/generic<تنظيم القاعدة"},
		{"a base is not al-Qaeda",
			"انسحبت القوات الأمريكية من القاعدة وأخلت القاعدة الجوية",
			"القوات الأمريكية=STATE:USA/name"},
		{"a base with a nationality is its state's",
			"سقطت قذيفة داخل القاعدة الروسية",
			"القاعدة الروسية=STATE:RUS/name"},
		{"subject and object are no construct",
			"هاجم داعش بلدة. وقصفت القوات التنظيم",
			"داعش=ISIS/name|التنظيم=ISIS/generic<داعش"},
		{"a plural nationality after a generic may be its object",
			"هاجم داعش قاعدة. وقتل التنظيم الأمريكيين",
			"داعش=ISIS/name|التنظيم=ISIS/generic<داعش|الأمريكيين=STATE:USA/adjective"},
		{"a party by its name, not by a people that stands for the same side",
			"يعيش الأكراد في المدينة منذ قرون، وقال الحزب الحاكم إنه سيبني مدرسة",
			"الأكراد=SDF/member"},
		{"a party named before",
			"أعلن حزب الاتحاد الديمقراطي أن الحزب لن يشارك",
			"حزب الاتحاد الديمقراطي=SDF/name|الحزب=SDF/generic<حزب الاتحاد الديمقراطي"},
		{"the army of the latest state",
			"قال الجيش العراقي إنه صد الهجوم، وأكد الجيش مقتل المهاجمين",
			"الجيش العراقي=STATE:IRQ/name|الجيش=STATE:IRQ/generic<الجيش العراقي"},
		{"a force noun and a generic with «ل» are the generic's force",
			"استهدفت غارة للنظام ريف إدلب في سوريا",
			"للنظام=STATE:SYR/generic|سوريا=STATE:SYR/country"},
		{"the regime falls back to Syria's in a Syrian story",
			"قصفت دبابات النظام ريف إدلب في سوريا",
			"دبابات النظام=STATE:SYR/generic|سوريا=STATE:SYR/country"},
		{"but not in a story about Iraq",
			"قال مسؤول في العراق إن النظام السابق بنى السجن",
			"العراق=STATE:IRQ/country"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if got := strings.Join(brief(ms), "|"); got != c.want {
			t.Errorf("%s: %s\n got %s\nwant %s", c.name, c.in, got, c.want)
		}
	}

	_, ms := find(t, l, "داعش يهاجم. التنظيم يتراجع.")
	if len(ms) != 2 || !ms[1].Resolved || ms[1].Antecedent.Start != 0 || ms[1].Antecedent.End != 4 {
		t.Fatalf("resolved generic: %+v", ms)
	}
	_, ms = find(t, l, "قتل عناصر التنظيم")
	if len(ms) != 1 || ms[0].Resolved || ms[0].Antecedent != nil || ms[0].Actor.ID != "ISIS" {
		t.Fatalf("fallback generic: %+v", ms)
	}
}

// Names shared by two wars go to the one the document is about.
func TestAmbiguousNamesFollowTheTheatre(t *testing.T) {
	l := lex(t)
	cases := []struct{ in, want string }{
		{"قصفت قوات التحالف مواقع الحوثيين في اليمن", "ARAB-COALITION"},
		{"قصفت قوات التحالف مواقع داعش قرب الرقة حيث تنتشر قسد", "COALITION"},
		{"قصفت قوات التحالف موقعاً", "COALITION"},
		{"تقدم الجيش الوطني في ريف عفرين بعد انسحاب قسد", "SNA"},
		{"تقدم الجيش الوطني في مأرب بعد انسحاب الحوثيين", "STATE:YEM"},
	}
	for _, c := range cases {
		_, ms := find(t, l, c.in)
		if len(ms) == 0 || ms[0].Actor.ID != c.want {
			t.Errorf("%s: got %v, want %s first", c.in, brief(ms), c.want)
		}
	}
}

func TestFindIsSafeForConcurrentUse(t *testing.T) {
	l := lex(t)
	in := "هاجم داعش مواقع قسد وقال التنظيم إن قوات النظام انسحبت"
	want := strings.Join(brief(l.Find(text.Analyze(in))), "|")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l2, _ := Load()
			for range 50 {
				if got := strings.Join(brief(l2.Find(text.Analyze(in))), "|"); got != want {
					t.Errorf("concurrent Find = %s, want %s", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestEmptyText(t *testing.T) {
	l := lex(t)
	for _, s := range []string{"", "   ", "...", "2019"} {
		if ms := l.Find(text.Analyze(s)); len(ms) != 0 {
			t.Errorf("Find(%q) = %v", s, brief(ms))
		}
	}
}

// A text that names no country, capital or side of one war is placed by its
// places: the gazetteer's towns say which state «قوات الأمن» are; a country
// the text names outweighs them.
func TestPlacesTellTheTheatre(t *testing.T) {
	l := lex(t)
	s := "رشق متظاهرون قوات الأمن بالحجارة في مدينة الكوت"
	a := text.Analyze(s)
	tok := -1
	for i, tk := range a.Tokens {
		if tk.Text == "الكوت" {
			tok = i
		}
	}
	if tok < 0 {
		t.Fatal("no token for the town")
	}
	state := func(ms []Mention) string {
		for _, m := range ms {
			if m.Span.Text == "قوات الأمن" {
				return m.Actor.ID
			}
		}
		return "-"
	}
	if got := state(l.FindAmong(a, []PlaceSignal{{Tok: tok, Country: "IRQ"}})); got != "STATE:IRQ" {
		t.Errorf("forces in a story from an Iraqi town: %s, want STATE:IRQ", got)
	}
	if got := state(l.Find(a)); got == "STATE:IRQ" {
		t.Errorf("without the place the forces cannot be Iraq's, got %s", got)
	}
	b := text.Analyze("قالت السلطات في ليبيا إن قوات الأمن فرقت المتظاهرين في مدينة الكوت")
	if got := state(l.FindAmong(b, []PlaceSignal{{Tok: len(b.Tokens) - 1, Country: "IRQ"}})); got != "STATE:LBY" {
		t.Errorf("a named country outweighs a place: %s, want STATE:LBY", got)
	}
}
