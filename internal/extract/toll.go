package extract

import (
	"strings"

	"rasd/internal/event"
	"rasd/internal/numbers"
	"rasd/internal/rules"
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
	// felled: «فأردوه قتيلا» counts whoever the verb's pronoun stands for,
	// as often an attacker the police shot as a bystander: the toll says
	// nothing of which side died.
	felled bool
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

// fillFatalities finds the deaths the clause states. Which numbers count
// the dead is the toll rules' call (the nearest evidence wins: «مقتل 5
// وإصابة 10» counts 5); what follows is arithmetic: numbers of different
// sides joined by «و» or «إضافة إلى» add up, reports that disagree keep the
// lowest (ACLED), killed and wounded together with no split is 3, a dual
// or a singular person counts 2 or 1, and a plural of the dead with no
// number is ACLED's vague 3.
func (art *article) fillFatalities(f *frame) {
	a := art.a
	cls := &art.x.cls
	var nums, got []*numbers.Mention
	for _, mi := range art.numsIn[f.sent] {
		dm := &art.d.Mentions[mi]
		if dm.Tok < f.lo || dm.Tok >= f.hi {
			continue
		}
		n := art.numM(mi)
		nums = append(nums, n)
		if r := art.nearest(rules.StageToll, mi, f.lo, f.hi, f); r != nil && r.Verb() == "dead" {
			got = append(got, n)
		}
	}
	got = art.conjoinedCounts(got, nums)
	if len(got) > 0 {
		total, approx, most := -1, false, 0
		lo, hi := got[0].Span.Start, got[0].Span.End
		sum := 0
		seen := map[float64]bool{}
		for k, n := range got {
			if k > 0 && art.rangeIn(got[k-1].TokEnd, n.Tok, cls.Speech) {
				// «ذكرت تقارير أن 5 قتلوا وأفادت أخرى بمقتل 20»: two reports.
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
		// «مقتل وجرح العشرات», «سقوط 70 قتيلا وجريحا»: killed and wounded
		// together, no split → 3.
		if len(got) == 1 && art.killedAndWounded(got[0].Tok, got[0].TokEnd-1, f.lo) {
			total = 3
		} else if before, start := art.personsBefore(got[0], f.lo); before > 0 {
			// «قتل ضابط وثلاثة مجندين»: the dead named before the count
			// are more of the dead.
			total += before
			most += before
			lo = min(lo, a.Tokens[start].Start)
			f.rule("and more dead named before the count")
		} else if more, end := art.conjoinedPersons(got[len(got)-1].TokEnd, f.hi); more > 0 {
			// «قتل ثلاثة جنود ومدنيان»: a dual or a singular joined to
			// the count is more of the dead.
			total += more
			most += more
			hi = max(hi, a.Tokens[end-1].End)
			f.rule("and more dead joined to the count")
		}
		if more, end := art.attackerBesides(got[len(got)-1].TokEnd, f.sent); more > 0 {
			// «قتل ثلاثة أشخاص فضلا عن الانتحاري»: victims and
			// perpetrators together (ANNOTATION.md).
			total += more
			most += more
			hi = max(hi, a.Tokens[end-1].End)
			f.rule("and the attacker counted besides")
		}
		f.fat = &fatalities{count: total, min: total, approx: approx, span: text.Span{Text: a.Slice(lo, hi), Start: lo, End: hi}}
		if most > total {
			f.fat.max = most
			f.rule("reports disagree on the toll: the lowest")
		}
		f.rule("fatalities from the numbers the toll rules count")
		return
	}
	// «مقتل جنديين», «قتل شرطي»: a dual or a singular person counts 2 or 1.
	for i := f.lo; i < f.hi; i++ {
		// «محاولة اغتيال ناشط» killed no one.
		killedHim := art.in(i, cls.KilledHim)
		// «أعدمت خلايا التنظيم شابا»: whom an execution takes is dead too.
		if !(art.in(i, cls.Death) || killedHim || art.in(i, cls.Execution)) || art.in(art.prevWord(i), cls.Attempt) {
			continue
		}
		if art.killedSomeone(i, f.hi) {
			// «فقتلوا شرطيين», «قتلوا جنديا»: the verb's object is the
			// dead (a count after it is the toll rules' to read).
			if j := art.nextWord(i, f.hi); j >= 0 && art.numberAt(j) == nil && !art.negatedDeath(i) {
				n := 0
				switch {
				case art.in(j, cls.DualPerson):
					n = 2
				case art.accusativePerson(j):
					n = 1
				}
				if n > 0 {
					sp := a.TokenSpan(i, j+1)
					f.fat = &fatalities{count: n, min: n, span: sp, weak: true}
					f.rule("fatalities from the object of the killing «" + sp.Text + "»")
					return
				}
			}
			continue
		}
		// «فأردوه قتيلا», «أردوهما قتيلين», «فقتلوه»: the dead is the
		// verb's object.
		if prev := art.prevWord(i); prev >= f.lo && art.in(prev, cls.FelledHim) || killedHim {
			n, first := 1, i
			if art.in(i, cls.TwoDead) {
				n = 2
			}
			if !killedHim {
				first = prev
			}
			sp := a.TokenSpan(first, i+1)
			f.fat = &fatalities{count: n, min: n, span: sp, weak: true, felled: true}
			f.rule("fatalities from a felled object «" + sp.Text + "»")
			return
		}
		// «قتل تنظيم داعش رهينة»: the subject may stand between; «قتلت
		// مؤخرا أمير»: so may an adverb.
		after := i + 1
		if m := art.actorStartingAt(after); m != nil && m.TokEnd < f.hi {
			after = m.TokEnd
		} else if m := art.actorStartingAt(after + 1); m != nil && m.TokEnd < f.hi && art.personsAt(after) == 0 {
			// «أعدمت خلايا داعش شابا»: a head noun the lexicon leaves
			// out of the group's name stands before it.
			after = m.TokEnd
		} else if end, ok := art.d.ClassAt(after, cls.StateForce); ok && end < f.hi {
			// «قتلت قوات الأمن أمير …»: a force the lexicon leaves to
			// the place's country is no actor mention, but a subject all
			// the same.
			after = end
		}
		skipAdverb := func(j int) int {
			if j >= 0 && j < f.hi && art.in(j, cls.Adverb) {
				return art.nextWord(j, f.hi)
			}
			return j
		}
		for _, j := range []int{i + 1, skipAdverb(i + 1), after, skipAdverb(after), art.titledName(i, f.hi), art.prevWord(i), art.pastDatePhrase(i+1, f.hi)} {
			if j < f.lo || j >= f.hi || art.numberAt(j) != nil {
				continue
			}
			n := art.personsAt(j)
			if n == 0 {
				continue
			}
			end := max(i, j)
			// «… وثلاثة من مساعديه»: and his companions.
			if m := art.companions(end, f.hi); m != nil {
				n += int(m.Value)
				end = m.TokEnd - 1
			} else if more, e := art.conjoinedPersons(art.pastMembership(end+1), f.hi); more > 0 {
				// «قتل جنديان ومدني»
				n += more
				end = e - 1
			}
			sp := a.TokenSpan(min(i, j), end+1)
			if art.negatedDeath(i) {
				// «دون أن يقتل أحد», «ولم يقتل أي جندي»: nobody died
				// (ANNOTATION.md: 0 when the text says so).
				f.fat = &fatalities{count: 0, span: sp}
				f.rule("nobody killed «" + sp.Text + "» → 0")
				return
			}
			if more, _ := art.attackerBesides(end+1, f.sent); more > 0 {
				n += more
				f.rule("and the attacker counted besides")
			}
			f.fat = &fatalities{count: n, min: n, span: sp, weak: true}
			f.rule("fatalities from a counted person «" + a.Tokens[j].Text + "»")
			return
		}
	}
	// «قتل المغني … بعد أن أطلق مجهولون النار عليه»: fire at one person
	// («عليه», «عليها») in a sentence that tells a death killed that one;
	// the death is often told in the clause before the shooting.
	if fire := art.fireAtOne(f.lo, f.hi); fire >= 0 {
		lo, hi := art.sentence(f.sent)
		for i := lo; i < hi; i++ {
			if !art.in(i, cls.Death) || art.killedSomeone(i, hi) || art.in(art.prevWord(i), cls.Attempt) || art.negatedDeath(i) {
				continue
			}
			sp := a.TokenSpan(fire, fire+2)
			f.fat = &fatalities{count: 1, min: 1, span: sp, weak: true, felled: true}
			f.rule("fatalities from fire at one person «" + sp.Text + "»")
			return
		}
	}
	for i := f.lo; i < f.hi; i++ {
		// «ساحة الشهداء», «مستشفى الشهداء»: a name, not the dead.
		if !art.in(i, cls.Death) || art.in(art.prevWord(i), cls.Facility) {
			continue
		}
		// A plural of the dead with no number, or «مقتل وجرح», gives 3;
		// a singular of the dead before the wounded («شهيد وإصابة
		// آخرين»), one.
		next := i + 1
		// «قتيلا وخمسة جرحى»: the wounded may be counted.
		hurt := next
		if hurt < f.hi && a.Tokens[hurt].Text == "و" {
			hurt++ // «و12 جريحا»: digits are a token of their own
		}
		if n := art.numberAt(hurt); n != nil && n.Tok == hurt {
			hurt = n.TokEnd
		}
		// «بين قتيل وجريح» is many of both, not one.
		if p := art.prevWord(i); art.in(i, cls.OneDead) && hurt < f.hi && art.in(hurt, cls.Injury) && (p < 0 || a.Tokens[p].Text != "بين") {
			sp := a.TokenSpan(i, i+1)
			f.fat = &fatalities{count: 1, min: 1, span: sp, weak: true}
			f.rule("one of the dead in the singular «" + sp.Text + "» → 1")
			return
		}
		// «سقوط شهيدين», «أسفر عن قتيلين وثلاثة جرحى»: a dual of the dead
		// counts itself.
		if art.in(i, cls.TwoDead) && !art.negatedDeath(i) {
			sp := a.TokenSpan(i, i+1)
			f.fat = &fatalities{count: 2, min: 2, span: sp, weak: true}
			f.rule("a dual of the dead «" + sp.Text + "» → 2")
			return
		}
		if art.in(i, cls.PlainDeadPlural) || (next < f.hi && art.in(next, cls.Injury)) {
			sp := a.TokenSpan(i, min(next+1, f.hi))
			f.fat = &fatalities{count: 3, min: 3, approx: true, span: sp}
			f.rule("dead without a number → 3 (approx)")
			return
		}
	}
	// «سقط صاروخ … دون وقوع إصابات»: the text says nobody was hurt, so
	// nobody died (ANNOTATION.md: 0, not null).
	for i := f.lo; i < f.hi; i++ {
		if end, ok := art.d.ClassAt(i, cls.NoCasualties); ok && end <= f.hi {
			sp := a.TokenSpan(i, end)
			f.fat = &fatalities{count: 0, span: sp}
			f.rule("nobody hurt «" + sp.Text + "» → 0")
			return
		}
	}
}

// conjoinedPersons counts the duals and singular persons joined by «و»
// from token i on («… ومدنيان وطفل»), skipping one word of the counted
// noun first («ثلاثة جنود ومدنيان» from the noun after the number). It
// returns how many they are and the token after the last.
func (art *article) conjoinedPersons(i, hi int) (int, int) {
	n, end := 0, -1
	for j := i; j < hi && j <= i+1+2*n; j++ {
		t := art.a.Tokens[j].Text
		if !strings.HasPrefix(t, "و") || art.numberAt(j) != nil || art.numberAt(j+1) != nil {
			if n > 0 || j > i {
				break
			}
			continue // the counted noun
		}
		k := art.personsAt(j)
		if k == 0 {
			return n, end
		}
		n, end = n+k, j+1
	}
	return n, end
}

// besidesPreps are the prepositions of «فضلا عن», «إضافة إلى», «علاوة على».
var besidesPreps = map[string]bool{
	text.NormalizeString("عن"): true, text.NormalizeString("إلى"): true, text.NormalizeString("على"): true,
}

// attackerBesides: «فضلا عن الانتحاري», «إضافة إلى مقتل المهاجم» within a
// few words after token i of sentence s: the attacker (or the two) died
// besides the dead counted. It returns how many and the token after.
func (art *article) attackerBesides(i, s int) (int, int) {
	cls := &art.x.cls
	_, hi := art.sentence(s)
	for j := i; j < hi && j < i+10; j++ {
		if !art.in(j, cls.Add) {
			continue
		}
		k := art.nextWord(j, hi)
		if k >= 0 && besidesPreps[art.a.Tokens[k].Text] {
			k = art.nextWord(k, hi)
		}
		if k >= 0 && art.in(k, cls.Death) {
			k = art.nextWord(k, hi)
		}
		if end, ok := art.d.ClassAt(k, cls.TwoAttackers); ok {
			return 2, end
		}
		if end, ok := art.d.ClassAt(k, cls.Attacker); ok {
			return 1, end
		}
		return 0, -1
	}
	return 0, -1
}

// joinsCount: the word joins a count to the person told before it: «و»
// («قتل ضابط وثلاثة مجندين»), «مع» («قتل القائد مع ثلاثة من مرافقيه»).
func joinsCount(t string) bool { return t == "و" || t == "مع" }

// personsBefore counts a dual or a singular person right after a death word
// and right before the count n, which «و» or «مع» joins to it («قتل ضابط
// وثلاثة مجندين», «قتل القائد مع ثلاثة من مرافقيه»: one more); it returns
// the person's token too.
func (art *article) personsBefore(n *numbers.Mention, lo int) (int, int) {
	if !strings.HasPrefix(art.a.Tokens[n.Tok].Text, "و") && !(n.Tok > lo && joinsCount(art.a.Tokens[n.Tok-1].Text)) {
		return 0, -1
	}
	j := art.prevWord(n.Tok)
	if j >= 0 && art.a.Tokens[j].Text == "مع" {
		// «قائد الخلية قتل مع ثلاثة من مرافقيه»: a singular death
		// verb right before «مع» has one subject, told before it.
		if v := art.prevWord(j); v > lo && art.in(v, art.x.cls.DiedWith) {
			return 1, v
		}
	}
	if j >= 0 && joinsCount(art.a.Tokens[j].Text) {
		j = art.prevWord(j)
	}
	if j <= lo || !art.in(art.prevWord(j), art.x.cls.Death) {
		return 0, -1
	}
	return art.personsAt(j), j
}

// personsAt is how many people the word at token j counts: 2 for a dual
// («جنديين»), 1 for a singular person («ضابط»), else 0.
func (art *article) personsAt(j int) int {
	switch {
	case art.in(j, art.x.cls.DualPerson):
		return 2
	case art.in(j, art.x.cls.SinglePerson):
		return 1
	}
	return 0
}

// killedSomeone: «قتلوا جنديا»: the plural death verb at i has a person for
// its object, so those before it are the killers, not the dead.
func (art *article) killedSomeone(i, hi int) bool {
	if !art.in(i, art.x.cls.PluralDeathVerb) {
		return false
	}
	j := art.nextWord(i, hi)
	if j < 0 {
		return false
	}
	return art.in(j, art.x.cls.DualPerson) || art.numberAt(j) != nil || art.accusativePerson(j)
}

// accusativePerson: a singular person in the accusative («جنديا»).
func (art *article) accusativePerson(j int) bool {
	for _, f := range art.a.Forms(j) {
		if f.Kind&text.Suffix == 0 && strings.HasSuffix(f.Text, "ا") {
			w := strings.TrimSuffix(f.Text, "ا")
			for _, e := range art.x.book.ClassWords("single_person") {
				if e == w {
					return true
				}
			}
		}
	}
	return false
}

// pastDatePhrase steps over a date told between a death verb and the one
// it killed («قتلت في 25 من الشهر الجاري، الناشطة …»): the token after the
// date (and a comma), or -1 when no date starts at i (or after «في» there).
func (art *article) pastDatePhrase(i, hi int) int {
	if i < hi && art.a.Tokens[i].Text == "في" {
		i++
	}
	for _, mi := range art.datesIn[art.a.SentenceOf(min(i, len(art.a.Tokens)-1))] {
		if m := &art.d.Mentions[mi]; m.Tok == i {
			j := m.End
			if j < hi && isComma(art.a.Tokens[j].Text) {
				j++
			}
			return j
		}
	}
	return -1
}

func isComma(t string) bool { return t == "،" || t == "," }

// pastMembership steps over «في الجيش اللبناني», «من حركة حماس» after a
// counted person («قتل ضابط في الجيش اللبناني وجنديان»): the persons
// joined after it are counted with it.
func (art *article) pastMembership(i int) int {
	if i >= len(art.a.Tokens) {
		return i
	}
	if t := art.a.Tokens[i].Text; t != "في" && t != "من" {
		return i
	}
	for _, mi := range art.actorsIn[art.a.SentenceOf(i)] {
		if m := &art.d.Mentions[mi]; m.Tok <= i+1 && m.End > i+1 {
			return m.End
		}
	}
	return i
}

// companions: «… وثلاثة من مساعديه/مرافقيه», «… مع أربعة من معاونيه»: a
// number joined by «و» or «مع» soon after the one person counted, and
// followed by «من».
func (art *article) companions(j, hi int) *numbers.Mention {
	for _, mi := range art.numsIn[art.a.SentenceOf(j)] {
		n := art.numM(mi)
		if n.Tok <= j || n.Tok > j+8 || n.TokEnd >= hi || n.Percent || n.Ordinal {
			continue
		}
		t := art.a.Tokens[n.Tok]
		p := art.prevWord(n.Tok)
		joined := n.Span.Start > t.Start || (p >= 0 && joinsCount(art.a.Tokens[p].Text))
		if joined && art.in(art.nextWord(n.TokEnd-1, hi), art.x.cls.Min) {
			return n
		}
	}
	return nil
}

// negatedDeath: a negation stands within three words before the death word
// at i («لم يقتل», «دون أن يقتل»).
func (art *article) negatedDeath(i int) bool {
	for j, k := art.prevWord(i), 0; j >= 0 && k < 3; j, k = art.prevWord(j), k+1 {
		if art.in(j, art.x.cls.DeathNegation) {
			return true
		}
	}
	return false
}

// fireAtOne is the index of «النار» in «النار عليه», «النار عليها» between
// lo and hi, or -1: fire aimed at one person.
func (art *article) fireAtOne(lo, hi int) int {
	for k := lo; k+1 < hi; k++ {
		if art.in(k, art.x.cls.Fire) && art.in(k+1, art.x.cls.AtOne) {
			return k
		}
	}
	return -1
}

// titledName: «مقتل "أبو فلان" قائد …», «مقتل أبو فلان القيادي في …»: a
// name, then the title that makes it one person. The index is the
// title's, or -1.
func (art *article) titledName(i, hi int) int {
	a := art.a
	start := i + 1
	for k := 0; k < 2 && start < hi && art.in(start, art.x.cls.Called); k++ {
		start++ // «اغتيال المدعو "أبو …"», «مصرع الملقب "…"»
	}
	if start >= hi {
		return -1
	}
	quoted := a.Tokens[start].Kind == text.Punct && strings.ContainsAny(a.Tokens[start].Text, "\"«“'")
	if !quoted && !art.in(start, art.x.cls.Kunya) {
		return -1
	}
	for j, k := art.nextWord(start-1, hi), 0; j >= 0 && k < 6; j, k = art.nextWord(j, hi), k+1 {
		if art.in(j, art.x.cls.SinglePerson) {
			return j
		}
		if a.Tokens[j].Kind == text.Punct && !strings.ContainsAny(a.Tokens[j].Text, "\"«»“”'") {
			return -1
		}
	}
	return -1
}

// killedAndWounded: an injury word right before a count («مقتل وجرح
// العشرات»), or the count (tokens tok..last) followed by the dead and the
// wounded together («القتلى والجرحى», «قتيلا وجريحا»).
func (art *article) killedAndWounded(tok, last, lo int) bool {
	cls := &art.x.cls
	for i := max(lo, tok-3); i < tok; i++ {
		if art.in(i, cls.Injury) {
			return true
		}
	}
	// The count, maybe its noun («شخصا»), then a noun of the dead and one
	// of the wounded side by side; «90 شخصا حتفهم وأصيب العشرات» tells two
	// counts, not one of both.
	n := len(art.a.Tokens)
	i := art.nextWord(last, n)
	if i >= 0 && !art.in(i, cls.Death) {
		i = art.nextWord(i, n)
	}
	if i < 0 || !art.in(i, cls.Death) {
		return false
	}
	j := art.nextWord(i, n)
	return j >= 0 && art.in(j, cls.WoundedNoun)
}

// conjoinedCounts adds the numbers joined by «و» or «إضافة إلى» to a counted
// one: «قتل 26 من قوات النظام إضافة إلى تسعة روس» is 35 dead.
func (art *article) conjoinedCounts(got, nums []*numbers.Mention) []*numbers.Mention {
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
			if (prev != nil && in[prev] && art.joinedCount(prev, n)) || (next != nil && in[next] && art.joinedCount(n, next)) {
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
// or «فضلا عن», with no injury, subset or living people's word near. A
// side's name may stand between («14 عنصرا من قوات النظام والمسلحين
// الموالين لها، و11 من مقاتلي الهيئة»), hence nine words.
func (art *article) joinedCount(a, b *numbers.Mention) bool {
	cls := &art.x.cls
	if b.Tok-a.TokEnd > 9 || b.Tok < a.TokEnd {
		return false
	}
	joined := false
	for i := a.TokEnd; i <= b.Tok && i < len(art.a.Tokens); i++ {
		if art.in(i, cls.Injury) || art.in(i, cls.Subset) || art.in(i, cls.NotDead) {
			return false
		}
		if i < b.Tok && art.in(i, cls.Add) {
			joined = true
		}
	}
	// «350 ألف قتيل و7 ملايين لاجئ»: counts of the displaced do not add.
	for j, k := b.TokEnd, 0; j < len(art.a.Tokens) && k < 2; j, k = j+1, k+1 {
		if art.in(j, cls.NotDead) || art.in(j, cls.Injury) {
			return false
		}
	}
	if t := art.a.Tokens[b.Tok]; b.Span.Start > t.Start || t.Text == "و" {
		joined = true // «و18»
	}
	if p := art.prevWord(b.Tok); p >= 0 && art.a.Tokens[p].Text == "و" {
		joined = true
	}
	return joined
}
