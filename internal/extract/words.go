package extract

import "rasd/internal/text"

// wordSet holds normalised words so that cue checks compare like with like.
type wordSet map[string]bool

func words(ws ...string) wordSet {
	s := make(wordSet, len(ws))
	for _, w := range ws {
		s[text.NormalizeString(w)] = true
	}
	return s
}

// has reports whether any clitic reading of token i is in the set.
func (s wordSet) has(a *text.Analysis, i int) bool {
	if i < 0 || i >= len(a.Tokens) {
		return false
	}
	for _, f := range a.Forms(i) {
		if f.Kind&text.Suffix != 0 {
			continue
		}
		if s[f.Text] {
			return true
		}
	}
	return false
}

// Cue words, grouped by what they tell the frame builder. They are general
// Arabic function words and phrases, not phrases of any one article.
var (
	// «من قبل X», «على يد X», «من طرف X»: the two-word agent markers' heads.
	agentAfterMin = words("قبل", "طرف")
	agentAfterAla = words("يد", "ايدي")
	// «برصاص X», «طيران X», «طائرات X»: X is the one who fires.
	agentDirect = words("برصاص", "رصاص", "بنيران", "نيران", "طيران", "طائرات", "طائره", "مقاتلات", "مدفعيه", "صواريخ", "قذائف", "بقذائف")
	// «على X», «ضد X», «بحق X», «استهدف X» and the things attacked.
	targetHeads = words("على", "ضد", "بحق", "تجاه", "استهدف", "استهدفت", "استهدفوا", "يستهدف", "تستهدف", "استهداف", "مواقع", "موقع", "مقر", "مقرات", "تجمع", "تجمعات", "دوريه", "دوريات", "حاجز", "حواجز", "رتل", "ارتال", "نقطه", "نقاط", "مفرزه", "ثكنه", "معاقل", "اوكار", "قاعده", "تابعه", "التابعه", "تابع", "التابع", "تابعين", "سجن", "منزل", "عربه", "عربات", "اليات", "اليه", "اعتقال", "اسر")
	// Members of a force: «N من عناصر X» makes X the side that lost them.
	memberWords = words("عناصر", "مسلحي", "مسلحو", "مقاتلي", "مقاتلو", "افراد", "جنود", "ضباط", "منتسبي", "صفوف", "قياديين", "قادة", "قيادات", "اعضاء", "عنصرا", "عنصر", "مسلحا", "مقاتلا", "جنديا", "ضابطا", "امير", "قيادي", "القيادي")
	// A joint actor follows: «بالتعاون مع X», «بمشاركة X», «بدعم من X».
	assocHeads = words("مع", "بمشاركه", "مشاركه", "بالتعاون", "بالتنسيق", "بمسانده", "مسانده", "بدعم", "دعم", "باسناد", "اسناد", "بغطاء", "رفقه", "جانب", "مدعومه", "مدعوما", "المدعومه", "بمؤازره")
	// Between two actors, «أو» makes them alternatives (ANNOTATION.md).
	orWords   = words("او")
	conjWords = words("و")
	minWords  = words("من")
	alaWords  = words("على")

	// Hypotheticals, fears, plans and negation before a cue.
	modalCues = words("تحسبا", "تحسب", "خشيه", "تخوفا", "تخوف", "مخاوف", "لمنع", "منع", "يخطط", "تخطط", "يعتزم", "تعتزم", "ينوي", "تنوي", "تهدد", "يهدد", "تهديد", "تهديدات", "محاوله", "لاحباط", "احتمال", "امكانيه", "الممكن", "حال", "اذا", "لو", "سوف", "لن", "لم", "ما", "نفي", "نفت", "ينفي", "تنفي", "دون", "عدم", "يمكن", "قادر", "قادره", "تحذير", "حذر", "حذرت", "يحذر", "لتنفيذ", "لشن", "بشن", "مستعد", "تستعد", "يستعد", "بصدد", "يريد", "تريد", "هدف", "بهدف", "لمواجهه")
	// «لا يزال / ما يزال يسيطر» is a state of affairs, not an event.
	stateCues = words("يزال", "تزال", "زال", "زالت", "مازال", "مازالت", "لازال", "لازالت", "بات", "باتت")
	// «قد» before a present-tense verb is "may".
	qad = words("قد")

	// Claims and hedges.
	claimCues   = words("تبنى", "تبنت", "يتبنى", "تبني", "وتبنى", "مسؤوليته", "مسؤوليتها", "المسؤوليه", "مسؤوليه")
	suspectCues = words("يرجح", "ترجح", "يرجح", "المرجح", "يعتقد", "يعتقد", "يشتبه", "يشتبه", "مشتبه", "يتهم", "تتهم", "اتهمت", "اتهم", "يحتمل", "المحتمل", "ربما", "مجهولون", "مجهولين", "مجهوله", "مجهول")
	unknownPerp = words("مجهولون", "مجهولين", "مجهوله", "مجهول", "المسؤوله", "المسؤول", "هويه")

	// Background: «كان … قد», «عقب/بعد مقتل», «سبق أن».
	pluperfect = words("كان", "كانت", "وكان", "وكانت", "كانوا")
	afterCues  = words("عقب", "بعد", "اثر", "منذ", "اعقاب", "سبق")

	// Quantities that make one record stand for several occurrences.
	aggregateQty = words("عده", "عدد", "عشرات", "العشرات", "سلسله", "مئات", "كثيره", "متعدده", "متفرقه", "مختلفه", "متكرره", "متزامنه", "عمليات", "هجمات", "حمله", "حملات", "جميع", "كافه")

	// Clause openers: a new predicate starts here.
	clauseOpeners = words("كما", "فيما", "بينما", "حين", "وقال", "قال", "وقالت", "قالت", "واضاف", "اضاف", "واضافت", "واوضح", "واكد", "واشار", "كذلك", "ايضا", "لكن", "الا", "وذكر", "وذكرت", "واعلن", "واعلنت")
)
