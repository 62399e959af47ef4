package extract

import (
	"strings"

	"rasd/internal/event"
	"rasd/internal/numbers"
	"rasd/internal/text"
)

// fatalities is the death toll of a frame while it is built.
type fatalities struct {
	count  int
	min    int
	max    int // 0: none given
	approx bool
	span   text.Span
	// weak: counted from a noun («الضابط القتيل», «مقتل جنديين»), which is
	// as often one of the dead as all of them; a number elsewhere wins.
	weak bool
}

// split divides a toll shared by n places; the first takes the remainder
// (ANNOTATION.md).
func (f *fatalities) split(n, k int) *fatalities {
	g := *f
	g.count = f.count / n
	if k == 0 {
		g.count += f.count % n
	}
	g.min, g.max = g.count, 0
	return &g
}

func (f *fatalities) record() *event.Fatalities {
	if f == nil {
		return nil
	}
	r := &event.Fatalities{Count: f.count, Min: f.min, Approx: f.approx, Text: f.span.Text, Start: f.span.Start, End: f.span.End}
	if f.max > 0 {
		m := f.max
		r.Max = &m
	}
	return r
}

var (
	// Nouns for people that count themselves: a dual is two, a singular one.
	dualPersons = words("جنديان", "جنديين", "شخصان", "شخصين", "عنصران", "عنصرين", "ضابطان", "ضابطين", "طفلان", "طفلين", "مدنيان", "شرطيان",
		"مسلحان", "مسلحين", "مقاتلان", "رجلان", "رجلين", "شابان", "شابين", "امراتان", "امراتين", "قياديان", "قياديين", "عسكريان", "عسكريين", "مواطنان", "مواطنين")
	singlePersons = words("جندي", "شخص", "عنصر", "ضابط", "طفل", "طفله", "مدني", "شرطي", "مسلح", "مقاتل", "رجل", "شاب", "امراه", "سيده", "فتاه",
		"قيادي", "القيادي", "عسكري", "مواطن", "امير", "والي", "الوالي", "مسؤول", "زعيم", "قائد", "مختار", "ناشط", "صحفي", "طبيب", "داعشي", "ارهابي", "انتحاري", "رهينه", "راع", "عامل", "معلم", "سائق", "مزارع", "متظاهر", "محتج")
	deathWords  = words("قتل", "قتلوا", "قتلا", "قتلت", "يقتل", "مقتل", "قتلي", "قتيل", "قتيلا", "قتيلان", "قتيلين", "القتلي", "مصرع", "لقي", "لقوا", "حتفه", "حتفهم", "استشهاد", "استشهد", "استشهدوا", "شهيد", "شهيدا", "شهداء", "حصيله", "اودي", "بحياه", "ضحايا", "ضحيه", "جثث", "جثه", "اعدام", "اعدم", "اعدمت", "تصفيه", "قضي", "قضوا", "مقتلهم", "مقتله")
	injuryWords = words("جرح", "جرحي", "جريح", "جريحا", "اصابه", "اصيب", "اصيبوا", "مصابين", "مصابا", "الجرحي", "اصابات", "باصابات", "جرحا", "اخرون", "اخرين", "وجرح", "واصابه", "واصيب")
	subsetWords = words("بينهم", "بينها", "منهم", "بينهما", "ضمنهم")
	untilDeath  = words("الموت")
	ageWords    = words("عاما", "عام", "سنه", "سنوات", "عمرا", "ربيعا", "ربيع")
	// People counted who are not dead: the displaced, the missing, the held.
	notDead = words("لاجئ", "لاجئا", "لاجئين", "اللاجئين", "مشرد", "مشردا", "مشردين", "نازح", "نازحا", "نازحين", "مهجر", "مهجرا", "مهجرين",
		"مفقود", "مفقودا", "مفقودين", "معتقل", "معتقلا", "معتقلين", "اسير", "اسيرا", "اسري", "مختطف", "مختطفا", "مختطفين", "يعاني", "تعاني", "يعانون", "نزوح", "تشريد")
	pluralDeathVerbs = words("قتلوا", "قتلا", "قتلتا", "لقوا", "قضوا", "استشهدوا", "قتلن")
	adverbWords      = words("مؤخرا", "امس", "اليوم", "ايضا", "كذلك", "بدورها", "بدوره", "فجرا", "ليلا", "صباحا", "مساء")
	calledWords      = words("ما", "يسمي", "المدعو", "الملقب", "المكني", "المعروف")
	kunyaWords       = words("ابو", "ابي", "ابا", "ام")
	plainDeathPlural = words("قتلي", "القتلي", "ضحايا", "شهداء", "جثث")
)

// fillFatalities finds the deaths stated in the clause: numbers governed by
// a death word («مقتل 20», «20 قتيلا», «قتل 7 عناصر»), not by an injury word
// («وإصابة 17»), not a subset («بينهم 28 مدنيا»); numbers joined by «و»
// for different sides add up. With a death word and no number («سقوط قتلى
// وجرحى», «مقتل وجرح العشرات») the toll is ACLED's vague 3.
func (d *article) fillFatalities(f *frame) {
	a := d.a
	nums := d.clauseNumbers(f.sent, f.lo, f.hi)
	var got []*numbers.Mention
	for _, n := range nums {
		if n.Percent || n.Ordinal || d.inDate(f.sent, n) || d.age(n, f.hi) {
			continue
		}
		if !d.governedByDeath(n, f.lo, f.hi) {
			continue
		}
		if p := d.prevWord(n.Tok); p >= 0 && subsetWords.has(a, p) {
			continue
		}
		got = append(got, n)
	}
	got = d.conjoinedCounts(got, nums, f.lo, f.hi)
	if len(got) > 0 {
		// Numbers of different sides add up; reports that disagree
		// («ذكرت تقارير أن 5 قتلوا وأفادت تقارير أخرى بمقتل 20») are
		// alternatives, of which ACLED keeps the lowest.
		total, approx, most := -1, false, 0
		lo, hi := got[0].Span.Start, got[0].Span.End
		sum := 0
		seen := map[float64]bool{}
		for k, n := range got {
			if k > 0 && d.reportBetween(got[k-1], n) {
				if total < 0 || sum < total {
					total = sum
				}
				most = max(most, sum)
				sum = 0
				seen = map[float64]bool{}
			}
			if seen[n.Value] {
				continue
			}
			seen[n.Value] = true
			sum += int(n.Value)
			approx = approx || n.Approx
			hi = max(hi, n.Span.End)
		}
		if total < 0 || sum < total {
			total = sum
		}
		most = max(most, sum)
		// «مقتل وجرح العشرات»: killed and wounded together, no split → 3.
		if len(got) == 1 && got[0].Approx && d.killedAndWounded(got[0].Tok, f.lo) {
			total = 3
		}
		f.fat = &fatalities{count: total, min: total, approx: approx, span: text.Span{Text: a.Slice(lo, hi), Start: lo, End: hi}}
		if most > total {
			f.fat.max = most
			f.rule("reports disagree on the toll: the lowest")
		}
		f.rule("fatalities from numbers governed by a death word")
		return
	}
	// «مقتل جنديين», «قتل شرطي»: a dual or a singular person counts 2 or 1.
	for i := f.lo; i < f.hi; i++ {
		if !deathWords.has(a, i) {
			continue
		}
		if d.killedSomeone(i, f.hi) {
			continue // «مسلحين قتلوا جنديا»: those before killed the one after
		}
		// «قتل تنظيم داعش رهينة»: the subject may stand between.
		after := i + 1
		if end := d.actorEndingFrom(after); end > after && end < f.hi {
			after = end
		}
		// «قتلت مؤخرا أمير تلك الخلايا»: an adverb may stand before the object.
		skipAdverb := func(j int) int {
			if j >= 0 && j < f.hi && adverbWords.has(a, j) {
				return d.nextWord(j, f.hi)
			}
			return j
		}
		for _, j := range []int{i + 1, skipAdverb(i + 1), after, skipAdverb(after), d.titledName(i, f.hi), d.prevWord(i)} {
			if j < f.lo || j >= f.hi || d.numberAt(j) {
				continue
			}
			n := 0
			switch {
			case dualPersons.has(a, j):
				n = 2
			case singlePersons.has(a, j):
				n = 1
			}
			if n > 0 {
				end := max(i, j)
				// «مقتل والي الناحية وثلاثة من مساعديه»: and his companions.
				if m := d.companions(end, f.hi); m != nil {
					n += int(m.Value)
					end = m.TokEnd - 1
				}
				sp := a.TokenSpan(min(i, j), end+1)
				f.fat = &fatalities{count: n, min: n, span: sp, weak: true}
				f.rule("fatalities from a counted noun «" + a.Tokens[j].Text + "»")
				return
			}
		}
	}
	for i := f.lo; i < f.hi; i++ {
		if !deathWords.has(a, i) {
			continue
		}
		// A plural of the dead with no number, or «مقتل وجرح», gives 3.
		next := i + 1
		if plainDeathPlural.has(a, i) || (next < f.hi && injuryWords.has(a, next)) {
			sp := a.TokenSpan(i, min(next+1, f.hi))
			f.fat = &fatalities{count: 3, min: 3, approx: true, span: sp}
			f.rule("dead without a number → 3 (approx)")
			return
		}
	}
}

// killedSomeone: «قتلوا جنديا»: the plural death verb at i has a person
// for its object, so those before it are the killers, not the dead.
func (d *article) killedSomeone(i, hi int) bool {
	return pluralDeathVerbs.has(d.a, i) && d.personObject(d.nextWord(i, hi))
}

// personObject: a person in the accusative, or counted, right after a verb:
// «جنديا», «جنديين», «ثلاثة مدنيين».
func (d *article) personObject(j int) bool {
	if j < 0 {
		return false
	}
	if dualPersons.has(d.a, j) || d.numberAt(j) {
		return true
	}
	for _, f := range d.a.Forms(j) {
		if f.Kind&text.Suffix == 0 && strings.HasSuffix(f.Text, "ا") && singlePersons[strings.TrimSuffix(f.Text, "ا")] {
			return true
		}
	}
	return false
}

// companions: «… وثلاثة من مساعديه/مرافقيه»: a number joined by «و» soon
// after the one person counted, and followed by «من».
func (d *article) companions(j, hi int) *numbers.Mention {
	s := d.a.SentenceOf(j)
	for _, k := range d.numbersIn[s] {
		n := &d.set.Numbers[k]
		if n.Tok <= j || n.Tok > j+8 || n.TokEnd >= hi || n.Percent || n.Ordinal {
			continue
		}
		t := d.a.Tokens[n.Tok]
		joined := n.Span.Start > t.Start || (d.prevWord(n.Tok) >= 0 && d.a.Tokens[d.prevWord(n.Tok)].Text == "و")
		if joined && minWords.has(d.a, d.nextWord(n.TokEnd-1, hi)) {
			return n
		}
	}
	return nil
}

// age: «مقتل الأنبا إبيفانيوس (64 عاما)», «طفل في العاشرة»: years of a life.
func (d *article) age(n *numbers.Mention, hi int) bool {
	next := d.nextWord(n.TokEnd-1, hi)
	return next >= 0 && ageWords.has(d.a, next)
}

// inDate: the number is part of a date («منذ 2016», «في 25 يوليو»).
func (d *article) inDate(s int, n *numbers.Mention) bool {
	for _, i := range d.datesIn[s] {
		if m := &d.set.Dates[i]; n.Tok < m.TokEnd && m.Tok < n.TokEnd {
			return true
		}
	}
	return false
}

// titledName: «مقتل «أبو بكر البغدادي» زعيم «داعش»», «مقتل أبو علي
// البغدادي القيادي في التنظيم»: a name, then the title that makes it one
// person. The index is the title's, or -1.
func (d *article) titledName(i, hi int) int {
	a := d.a
	start := i + 1
	if start >= hi {
		return -1
	}
	for k := 0; k < 2 && start < hi && calledWords.has(a, start); k++ {
		start++ // «مقتل ما يسمى «والي كبيسة»», «مقتل المدعو «أبو علي»»
	}
	if start >= hi {
		return -1
	}
	quoted := a.Tokens[start].Kind == text.Punct && strings.ContainsAny(a.Tokens[start].Text, "\"«“'")
	if !quoted && !kunyaWords.has(a, start) {
		return -1
	}
	for j, k := d.nextWord(start-1, hi), 0; j >= 0 && k < 6; j, k = d.nextWord(j, hi), k+1 {
		if singlePersons.has(a, j) {
			return j
		}
		if a.Tokens[j].Kind == text.Punct && !strings.ContainsAny(a.Tokens[j].Text, "\"«»“”'") {
			return -1
		}
	}
	return -1
}

// governedByDeath: the nearest death or injury word around the number is a
// death word, before it within three words or after it within five.
func (d *article) governedByDeath(n *numbers.Mention, lo, hi int) bool {
	a := d.a
	b, e := n.Tok, n.TokEnd-1
	for k := 1; k <= 5; k++ {
		// Count words, not the slashes and quotes between them.
		b, e = d.prevWord(b), d.nextWord(e, hi)
		if k <= 3 && b >= lo {
			if injuryWords.has(a, b) {
				return false
			}
			if deathWords.has(a, b) {
				return true
			}
		}
		if e >= 0 {
			if injuryWords.has(a, e) {
				return false
			}
			if d.killedSomeone(e, hi) {
				return false // «ثلاثة مسلحين قتلوا جنديا»: the killers
			}
			if deathWords.has(a, e) || d.toDeath(e) {
				return true
			}
		}
	}
	return d.subjectOfDeathVerb(n, hi)
}

// subjectOfDeathVerb: «28 عنصرا من الجيش العراقي ومليشيا الحشد الشعبي و18
// مقاتلا من تنظيم الدولة، قتلوا»: a long counted subject before a plural
// death verb. Another cue or an injury word between ends the subject.
func (d *article) subjectOfDeathVerb(n *numbers.Mention, hi int) bool {
	a := d.a
	for j, k := d.nextWord(n.TokEnd-1, hi), 0; j >= 0 && k < 15; j, k = d.nextWord(j, hi), k+1 {
		if pluralDeathVerbs.has(a, j) {
			// «مسلحين قتلوا جنديا»: with an object after it, they killed.
			return !d.killedSomeone(j, hi)
		}
		if injuryWords.has(a, j) || deathWords.has(a, j) || d.triggerAt[j] || a.Tokens[j].Text == "." {
			return false
		}
	}
	return false
}

// toDeath: «أحرقت ثلاثة شبان حتى الموت», «ضربوه حتى الموت».
func (d *article) toDeath(i int) bool {
	return i > 0 && untilDeath.has(d.a, i) && untilWords.has(d.a, d.prevWord(i))
}

// nextWord is the index of the word after token i, skipping quotes and
// slashes; -1 at hi.
func (d *article) nextWord(i, hi int) int {
	if i < 0 {
		return -1
	}
	for j := i + 1; j < hi; j++ {
		t := d.a.Tokens[j]
		if t.Kind == text.Punct && strings.ContainsAny(t.Text, "\"'()[]-–—/«»“”") {
			continue
		}
		return j
	}
	return -1
}

func (d *article) killedAndWounded(tok, lo int) bool {
	for i := max(lo, tok-3); i < tok; i++ {
		if injuryWords.has(d.a, i) {
			return true
		}
	}
	// «مئات القتلى والجرحى», «العشرات بين قتيل وجريح»: after the number.
	dead := false
	for i, k := d.nextWord(tok, len(d.a.Tokens)), 0; i >= 0 && k < 4; i, k = d.nextWord(i, len(d.a.Tokens)), k+1 {
		switch {
		case deathWords.has(d.a, i):
			dead = true
		case injuryWords.has(d.a, i):
			return dead
		case d.numberAt(i):
			return false
		}
	}
	return false
}

// conjoinedCounts adds the numbers joined by «و» or «إضافة إلى» to a
// counted one: «قتل 26 مقاتلا من قوات النظام إضافة إلى تسعة مقاتلين روس»,
// «28 عنصرا من الجيش و18 مقاتلا من التنظيم قتلوا» are 35 and 46 dead.
func (d *article) conjoinedCounts(got, nums []*numbers.Mention, lo, hi int) []*numbers.Mention {
	if len(got) == 0 {
		return got
	}
	in := map[*numbers.Mention]bool{}
	for _, n := range got {
		in[n] = true
	}
	for changed := true; changed; {
		changed = false
		for k, n := range nums {
			if in[n] || n.Percent || n.Ordinal {
				continue
			}
			var prev, next *numbers.Mention
			if k > 0 {
				prev = nums[k-1]
			}
			if k+1 < len(nums) {
				next = nums[k+1]
			}
			if (prev != nil && in[prev] && d.joinedCount(prev, n)) || (next != nil && in[next] && d.joinedCount(n, next)) {
				in[n] = true
				changed = true
			}
		}
	}
	out := got[:0:0]
	for _, n := range nums {
		if in[n] {
			out = append(out, n)
		}
	}
	return out
}

// joinedCount: b follows a within a few words, joined by «و», «إضافة إلى»
// or «فضلا عن», with no injury or subset word between them.
func (d *article) joinedCount(a, b *numbers.Mention) bool {
	if b.Tok-a.TokEnd > 6 || b.Tok < a.TokEnd {
		return false
	}
	joined := false
	for i := a.TokEnd; i <= b.Tok && i < len(d.a.Tokens); i++ {
		if injuryWords.has(d.a, i) || subsetWords.has(d.a, i) || notDead.has(d.a, i) {
			return false
		}
		if i < b.Tok && addWords.has(d.a, i) {
			joined = true
		}
	}
	// «350 ألف قتيل و7 ملايين لاجئ»: counts of the displaced do not add.
	for j, k := b.TokEnd, 0; j < len(d.a.Tokens) && k < 2; j, k = j+1, k+1 {
		if notDead.has(d.a, j) || injuryWords.has(d.a, j) {
			return false
		}
	}
	if t := d.a.Tokens[b.Tok]; b.Span.Start > t.Start || t.Text == "و" {
		joined = true // «و18»
	}
	if p := d.prevWord(b.Tok); p >= 0 && d.a.Tokens[p].Text == "و" {
		joined = true
	}
	return joined
}

// reportBetween: a verb of saying stands between two numbers, so they are
// two reports of the toll rather than two sides of it.
func (d *article) reportBetween(a, b *numbers.Mention) bool {
	for i := a.TokEnd; i < b.Tok; i++ {
		if speechWords.has(d.a, i) {
			return true
		}
	}
	return false
}
