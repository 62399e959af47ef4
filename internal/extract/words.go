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
	modalCues = words("تحسبا", "تحسب", "خشيه", "تخوفا", "تخوف", "مخاوف", "لمنع", "منع", "يخطط", "تخطط", "يعتزم", "تعتزم", "ينوي", "تنوي", "تهدد", "يهدد", "تهديد", "تهديدات", "لاحباط", "احتمال", "امكانيه", "الممكن", "حال", "اذا", "لو", "سوف", "لن", "لم", "نفي", "نفت", "ينفي", "تنفي", "نافيه", "نافيا", "ينفون", "نفوا", "يتوقع", "تتوقع", "يتوقعون", "المتوقع", "يرتقب", "يترقب", "ينتظر", "احتماليه", "دون", "عدم", "يمكن", "قادر", "قادره", "تحذير", "حذر", "حذرت", "يحذر", "لتنفيذ", "لشن", "بشن", "مستعد", "تستعد", "يستعد", "بصدد", "يريد", "تريد", "هدف", "بهدف", "لمواجهه")
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
	clauseOpeners = words("الوقت", "كما", "فيما", "بينما", "حين", "وقال", "قال", "وقالت", "قالت", "واضاف", "اضاف", "واضافت", "واوضح", "واكد", "واشار", "كذلك", "ايضا", "لكن", "الا", "وذكر", "وذكرت", "واعلن", "واعلنت")
)

// phraseSet holds multi-word cues, each a sequence of normalised words
// matched token by token (with clitic readings), e.g. «بين الحين والاخر».
type phraseSet [][]string

func phrases(ps ...string) phraseSet {
	out := make(phraseSet, 0, len(ps))
	for _, p := range ps {
		out = append(out, text.Tokenize(p))
	}
	return out
}

// matchAt reports whether a phrase of the set starts at token i and ends
// before token hi.
func (ps phraseSet) matchAt(a *text.Analysis, i, hi int) bool {
	for _, p := range ps {
		if i+len(p) > hi {
			continue
		}
		ok := true
		for k, w := range p {
			if !formIs(a, i+k, w) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// formIs reports whether any prefix-clitic reading of token i is w.
func formIs(a *text.Analysis, i int, w string) bool {
	for _, f := range a.Forms(i) {
		if f.Kind&text.Suffix == 0 && f.Text == w {
			return true
		}
	}
	return false
}

var (
	// A pattern, not an occurrence: «بين الحين والآخر», «من حين لآخر».
	habitualCues = phrases("بين الحين والآخر", "بين الحين والاخر", "بين الفينة والأخرى", "بين فينة وأخرى", "من حين لآخر",
		"من حين إلى آخر", "من وقت لآخر", "من وقت إلى آخر", "بين حين وآخر", "بشكل متكرر", "بشكل دوري", "بشكل يومي", "عادة ما")
)

var (
	anotherWords   = words("اخر", "اخري", "اخرين", "جديد", "جديده", "ثان", "ثاني", "ثانيه", "ثالث", "ثالثه", "منفصل", "منفصله")
	demonstratives = words("هذا", "هذه", "ذلك", "تلك", "هاتين", "هذين", "ذاته", "ذاتها", "نفسه", "نفسها")
)

// has1 reports whether a lexicon phrase (not normalised) is in the set.
func (s wordSet) has1(phrase string) bool {
	return s[text.NormalizeString(phrase)]
}

var (
	// Nouns that name the event itself rather than a weapon.
	eventNouns = words("قصف", "القصف", "تفجير", "التفجير", "انفجار", "الانفجار", "سقوط", "رشقه", "رشقات", "هجوم", "هجمات", "عمليه", "عمليات", "دوي", "استهداف")
	beltWords  = words("حزام ناسف", "أحزمة ناسفة", "حزاما ناسفا", "حزام", "أحزمة")
	// A weapon is used when these govern it…
	weaponUseBefore = words("اطلاق", "اطلق", "اطلقت", "اطلقوا", "سقوط", "سقطت", "انفجار", "تفجير", "فجر", "فجرت", "فجروا", "زرع", "زرعت", "زرعوا", "بواسطه", "عبر", "باستخدام", "استخدام", "استخدم", "استخدمت", "رمي", "القاء", "القت", "القي", "انفجرت", "انفجر", "قصف", "قصفت", "استهدف", "استهدفت", "استهداف", "بانفجار", "بتفجير", "جراء", "نتيجه")
	// …or follow it as its verb.
	weaponUseAfter = words("سقطت", "سقط", "انفجرت", "انفجر", "انفجرتا", "استهدفت", "استهدف", "اصابت", "طالت", "اطلقت", "اطلقها", "اطلقه", "انفجارها", "يقودها", "ادت", "اسفرت", "زرعت", "زرعها", "مزروعه", "وضعت")
	// Between a governing word and its weapon: «تفكيك 21 عبوة», «عدة قذائف».
	quantityWords = words("عده", "عدد", "عشرات", "العشرات", "مئات", "اكثر", "نحو", "قرابه", "حوالي", "خمس", "ثلاث", "اربع", "ست", "سبع", "ثماني", "تسع", "عشر", "عشرات", "اثنين", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره")
	// A weapon defused, destroyed or seized was not used.
	disruptWords = words("تفكيك", "فكك", "فككت", "فككوا", "ابطال", "ابطلت", "تدمير", "دمر", "دمرت", "دمروا", "ضبط", "ضبطت", "مصادره", "صادرت", "العثور", "عثرت", "عثر", "اكتشاف", "اكتشفت", "تفجيرها", "حجز")
	// A weapon named as what someone holds, makes or is («مجموعة مدفعية»,
	// «خبراء المتفجرات», «مستودع صواريخ») is no event of its own.
	weaponHolders = words("مخزن", "مخازن", "مستودع", "مستودعات", "مخبا", "معمل", "معامل", "ورشه", "خبراء", "خبير", "تصنيع", "صناعه", "مجموعه", "منصات", "منصه", "بطاريه", "بطاريات", "كتيبه", "فوج", "سريه", "تهريب", "شحنه", "شحنات", "خبرات", "امير", "مسؤول", "انواع", "تجار", "تاجر")

	// A new matter begins: the sentence opens on another occurrence.
	shiftCues = phrases("في سياق متصل", "وفي سياق متصل", "في سياق منفصل", "في سياق آخر", "في بيان منفصل", "من جهة أخرى", "من جهة ثانية",
		"من جانب آخر", "من ناحية أخرى", "على صعيد آخر", "على صعيد متصل", "على الصعيد نفسه", "على نفس الصعيد", "في تطور آخر", "في تطور منفصل",
		"في حادث آخر", "في حادثة أخرى", "في حادث منفصل", "إلى ذلك", "في غضون ذلك", "في الأثناء", "وفي الأثناء",
		"في الوقت نفسه", "في هذه الأثناء", "بالتزامن مع ذلك")
	// Places that sum up: «في عدد من المدن», «في مناطق متفرقة».
	summaryPlaces = phrases("عدد من المدن", "عدد من المناطق", "عدد من المحافظات", "عدة مدن", "عدة مناطق", "عدة محافظات", "مناطق متفرقة",
		"مناطق مختلفة من البلاد", "مختلف المناطق", "مختلف المحافظات", "جميع مناطق", "كافة المناطق", "عدد من القرى", "مدن عدة", "مناطق عدة", "محافظات عدة")
)

var (
	// Present tense of «to control» describes, it does not report.
	controlPresent = words("يسيطر", "تسيطر", "يسيطرون", "يسيطران", "تسيطران", "يحتل", "تحتل", "يحتلون")
	// «تحت سيطرة», «مناطق سيطرة», «الخاضعة لسيطرة», «تفرض سيطرة».
	controlHolders = words("تحت", "مناطق", "منطقه", "خاضعه", "الخاضعه", "خاضع", "الخاضع", "تخضع", "يخضع", "تفرض", "يفرض", "فرض", "بسط", "تبسط", "يبسط", "نفوذ", "منذ")
	relativeWords  = words("التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي")
	pronounObjects = words("عليها", "عليه", "عليهم", "عليهما")
)

var sinceWords = words("منذ")

var superlatives = words("اعنف", "الاعنف", "اكبر", "الاكبر", "اول", "الاول", "اسوا", "الاسوا", "اكثر", "الاكثر", "اشد", "الاشد", "اخطر", "الاخطر", "ادمي", "الادمي", "اضخم", "الاضخم")

var (
	negationMa    = words("ما")
	prospectAfter = words("محتمل", "محتمله", "مرتقب", "مرتقبه", "متوقع", "متوقعه", "وشيك", "وشيكه", "مفترض", "مفترضه", "مزعوم", "مزعومه", "محتملا")
)

// Verbs and nouns of saying: a date right after them dates the report.
var speechWords = words("افاد", "افادت", "افادوا", "قال", "قالت", "قالوا", "ذكر", "ذكرت", "ذكروا", "اعلن", "اعلنت", "اعلنوا", "اكد", "اكدت", "اكدوا",
	"اوضح", "اوضحت", "صرح", "صرحت", "نقل", "نقلت", "نقلوا", "كشف", "كشفت", "اشار", "اشارت", "اضاف", "اضافت", "بين", "بينت", "تحدث", "تحدثت",
	"اورد", "اوردت", "بث", "بثت", "نشر", "نشرت", "وثق", "رصد", "بيان", "بلاغ", "تصريح", "تصريحات", "اعلان", "افاده", "مؤتمر", "تقرير", "يفيد", "تفيد")

var (
	// «ويشن داعش هجمات», «تشهد المحافظة هجمات»: a present-tense light verb
	// before a noun cue tells what keeps happening, unless a date pins it.
	presentLightVerbs = words("يشن", "تشن", "يشنون", "تشهد", "يشهد", "تتعرض", "يتعرض", "ينفذ", "تنفذ", "ينفذون", "يقوم", "تقوم", "يقومون", "يواصل", "تواصل", "يمارس", "تمارس", "يتبنى")
	// «مدعومة بغارات», «بإسناد من المدفعية»: support for an attack, not the attack.
	supportWords = words("مدعومه", "مدعوما", "مدعومين", "المدعومه", "بدعم", "باسناد", "اسناد", "بغطاء", "غطاء", "بمساندة", "بمسانده", "مسانده", "تساندها", "يسانده", "بمؤازره", "مؤازره")
	// «والي شمال بغداد», «عضو مجلس محافظة الأنبار»: a place in a title.
	titleWords = words("والي", "امير", "محافظ", "مجلس", "قائد", "مدير", "رئيس", "نائب", "ولايه", "مفتي", "قاضي", "مسؤول", "منصب")
	// «للمزيد:», «اقرأ أيضا»: links to other articles, not this one.
	relatedCues = phrases("للمزيد", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "إقرأ أيضا", "طالع أيضا", "شاهد أيضا", "اقرأ المزيد", "المزيد:")
	// «أحرقت ثلاثة شبان حتى الموت»: people burned are people killed.
	toDeath = phrases("حتى الموت", "حتى الوفاة", "احياء")
)
