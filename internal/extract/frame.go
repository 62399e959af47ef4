package extract

import (
	"strings"
	"time"
	"unicode"

	"rasd/internal/event"

	"rasd/internal/actors"
	"rasd/internal/gazetteer"
	"rasd/internal/mention"
	"rasd/internal/numbers"
	"rasd/internal/text"
	"rasd/internal/timex"
	"rasd/internal/triggers"
)

// frame is one candidate event while it is being built.
type frame struct {
	sent       int
	lo, hi     int // clause tokens [lo, hi)
	trig       *triggers.Mention
	class      string
	typ, sub   string
	actor1     *actors.Mention
	actor2     *actors.Mention
	assoc1     []*actors.Mention
	assoc2     []*actors.Mention
	place      *gazetteer.Mention
	precision  int
	places     []*gazetteer.Mention // every place merged into the event
	date       *timex.Mention
	reportDate bool // the date only says when the news was given
	fat        *fatalities
	certainty  string
	claimedBy  *actors.Mention
	background bool
	aggregate  bool
	evidence   []text.Span
	rules      []string
	lastSent   int // the last sentence merged into the event
	// anaphoric: the cue refers back to an event already told («الهجوم»,
	// «هذه المعارك»); another: it says the event is a new one («هجوم آخر»).
	anaphoric, another bool
	// demonstrative: «هذه المعارك», «الهجوم ذاته» point back for certain.
	demonstrative bool
	// focusPlace: the place came from the article's focus, not the sentence.
	focusPlace bool
	// loosePlace: the place stands in the sentence but outside the clause.
	loosePlace bool
	// fighting: the clause also tells of armed clashes («قبل أن تندلع
	// اشتباكات»), which make the occurrence a battle whatever its means.
	fighting bool
	// speaker: the actor who told the news («أعلن الجيش …»), kept out of
	// the slots.
	speaker *actors.Mention
	// list: frames split from one list of places («في بعقوبة والمقدادية»)
	// share a number and never merge back.
	list int
	// onlyToMerge: the frame says too little to stand alone; it is kept
	// only if it joins an event.
	onlyToMerge bool
	// shift: the sentence opens on another matter («وفي سياق متصل», «من
	// جهة أخرى»), so the frame does not join an event told before it.
	shift bool
}

func (f *frame) rule(r string) { f.rules = append(f.rules, r) }

// article indexes one document's mentions by sentence.
type article struct {
	set   *mention.Set
	a     *text.Analysis
	pub   time.Time
	known knownActors

	actorsIn   [][]int
	placesIn   [][]int
	datesIn    [][]int
	numbersIn  [][]int
	triggersIn [][]int
	triggerAt  []bool // token i is part of an event cue
	lists      int    // place lists split so far
	// datelineEnd: tokens before it are the article's dateline («دبي،
	// الإمارات العربية المتحدة (CNN) --»): where it was filed, no event's
	// place or side.
	datelineEnd int
	// locator[t]: the place mention starting at token t only locates the
	// one before it («قضاء البعاج شمال غرب بغداد»).
	locator map[int]bool
	// placeBefore[s] is the last place mentioned before sentence s, the
	// article's running focus.
	placeBefore []int
}

func newDocument(set *mention.Set, pub time.Time, known knownActors) *article {
	a := set.Analysis
	n := len(a.Sentences)
	d := &article{
		set: set, a: a, pub: pub, known: known,
		actorsIn: make([][]int, n), placesIn: make([][]int, n), datesIn: make([][]int, n),
		numbersIn: make([][]int, n), triggersIn: make([][]int, n), placeBefore: make([]int, n),
	}
	if n == 0 {
		return d
	}
	for i, m := range set.Actors {
		s := a.SentenceOf(m.Tok)
		d.actorsIn[s] = append(d.actorsIn[s], i)
	}
	for i, m := range set.Places {
		s := a.SentenceOf(m.Tok)
		d.placesIn[s] = append(d.placesIn[s], i)
	}
	for i, m := range set.Dates {
		s := a.SentenceOf(m.Tok)
		d.datesIn[s] = append(d.datesIn[s], i)
	}
	for i, m := range set.Numbers {
		s := a.SentenceOf(m.Tok)
		d.numbersIn[s] = append(d.numbersIn[s], i)
	}
	d.triggerAt = make([]bool, len(a.Tokens))
	for i := range set.Triggers {
		m := &set.Triggers[i]
		s := a.SentenceOf(m.Tok)
		d.triggersIn[s] = append(d.triggersIn[s], i)
		// A cue word inside a set phrase («بيان صادر عن») is no cue at all.
		if d.idiom(m, a.Sentences[s].TokEnd) {
			continue
		}
		for t := m.Tok; t < m.TokEnd; t++ {
			d.triggerAt[t] = true
		}
	}
	d.datelineEnd = dateline(a)
	d.locator = map[int]bool{}
	for i := 1; i < len(set.Places); i++ {
		p, prev := &set.Places[i], &set.Places[i-1]
		if p.Tok-prev.TokEnd <= 1 && locatorCue(p.Cue) || d.locatorGap(prev.TokEnd, p.Tok) {
			d.locator[p.Tok] = true
		}
	}
	// A country is too coarse to be an event's place (ANNOTATION.md asks
	// for a governorate or a named region), so it never becomes the focus.
	last := -1
	for s := 0; s < n; s++ {
		d.placeBefore[s] = last
		for _, i := range d.placesIn[s] {
			if set.Places[i].Place.Kind != "country" && !d.locator[set.Places[i].Tok] && set.Places[i].Tok >= d.datelineEnd {
				last = i
			}
		}
	}
	return d
}

// clauses splits sentence s where a new predicate starts («كما», «فيما»,
// «بينما», «في حين», «؛»), so that one sentence may carry several events.
func (d *article) clauses(s int) [][2]int {
	sen := d.a.Sentences[s]
	var out [][2]int
	start := sen.TokStart
	for i := sen.TokStart + 1; i < sen.TokEnd; i++ {
		t := d.a.Tokens[i]
		split := false
		switch {
		case t.Kind == text.Punct && (t.Text == "؛" || t.Text == ";"):
			split = true
		case clauseOpeners.has(d.a, i) && i-start > 3:
			split = true
		case clausePhrases.matchAt(d.a, i, sen.TokEnd) && i-start > 3:
			split = true
		case whilePhrase.matchAt(d.a, i, sen.TokEnd) && i-start > 3 && i+2 < sen.TokEnd && !timeOfDay.has(d.a, i+2):
			// «في وقت فرقت القوى الأمنية مظاهرات أخرى»: while; not «في وقت
			// متأخر مساء الأحد».
			split = true
		case afterCues.has(d.a, i) && i-start > 3 && d.triggerNear(start, i) && d.otherEventAfter(i+1, min(i+3, sen.TokEnd)):
			// «قصفت طائرات التحالف مواقع للنصرة بعد هجوم شنته الجبهة على
			// مقاتلين»: the attack after «بعد» is another event with its
			// own sides. (With no cue before it, «أعلن النصر بعد السيطرة
			// على الباغوز» names the actors of what follows; «سيطرت على
			// البلدة بعد معارك» tells the fighting that took it.)
			split = true
		}
		if split {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	return append(out, [2]int{start, sen.TokEnd})
}

// otherEventAfter: a cue in [lo, hi) of an event of its own, not the
// fighting or the deaths that belong to what came before.
func (d *article) otherEventAfter(lo, hi int) bool {
	if lo >= hi {
		return false
	}
	for _, k := range d.triggersIn[d.a.SentenceOf(lo)] {
		t := &d.set.Triggers[k]
		if t.Tok >= lo && t.Tok < hi {
			switch t.Trigger.Class {
			case "clash", "death", "injury", "operation":
				return false
			}
			return true
		}
	}
	return false
}

// triggerNear: an event cue starts in [lo, hi).
func (d *article) triggerNear(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if d.triggerAt[i] {
			return true
		}
	}
	return false
}

func (d *article) inRange(lo, hi int, idx []int, tok func(int) int) []int {
	var out []int
	for _, i := range idx {
		if t := tok(i); t >= lo && t < hi {
			out = append(out, i)
		}
	}
	return out
}

// frames builds every candidate event of the document, in text order.
func (d *article) frames() []*frame {
	var out []*frame
	related := false
	for s := range d.a.Sentences {
		// A «للمزيد:» line and the unpunctuated link titles after it belong
		// to other articles.
		if d.startsWith(s, relatedCues) {
			related = true
		} else if related && (d.endsPunctuated(s) && d.words(s) > 8 || d.paragraphStart(s)) {
			related = false
		}
		if related {
			continue
		}
		for _, c := range d.clauses(s) {
			out = append(out, d.clauseFrames(s, c[0], c[1])...)
		}
	}
	return out
}

func (d *article) clauseFrames(s, lo, hi int) []*frame {
	trigs := d.inRange(lo, hi, d.triggersIn[s], func(i int) int { return d.set.Triggers[i].Tok })
	if len(trigs) == 0 {
		return nil
	}
	main, disrupted := d.mainTrigger(trigs, lo, hi)
	if main == nil || d.question(s) || d.habitual(lo, hi) || d.summary(lo, hi) || d.ongoing(main, s, lo, hi) || d.statistic(main, hi) || d.sinceWarBegan(lo, hi) || d.accident(lo, hi) || d.analysis(s) {
		return nil
	}
	f := &frame{sent: s, lastSent: s, lo: lo, hi: hi, trig: main, class: main.Trigger.Class,
		typ: main.Trigger.EventType, sub: main.Trigger.SubEventType, certainty: "reported"}
	f.anaphoric, f.another, f.demonstrative = d.reference(main, hi)
	f.shift = d.topicShift(s, lo)
	f.rule("trigger «" + main.Trigger.Phrase + "» (" + f.class + ")")
	f.fighting = d.fightingIn(trigs, lo)
	if disrupted {
		f.class, f.typ, f.sub = "defusal", event.Strategic, "Disrupted weapons use"
		f.rule("the weapon is defused, destroyed or seized → Disrupted weapons use")
	} else if f.typ == event.Explosions && d.rangeHasPhrase(lo, hi, accidentalBlast) {
		f.class, f.typ, f.sub = "defusal", event.Strategic, "Disrupted weapons use"
		f.rule("the bomb went off in its makers' hands → Disrupted weapons use")
	}
	d.fillRoles(f)
	d.decideType(f, trigs)
	d.fillDate(f)
	d.fillFatalities(f)
	d.fillCertainty(f)
	d.fillFlags(f)
	if !d.supported(f) {
		return nil
	}
	// «النزاع الذي أوقع أكثر من 350 ألف قتيل»: a war's toll, not an
	// occurrence's; no single event ACLED codes kills ten thousand.
	if d.warToll(lo, hi) || f.fat != nil && f.fat.count >= warScaleToll || d.tollOverYears(f) {
		return nil
	}
	if oneSided(f.class) && f.actor2 != nil {
		// «استنفار قسد تحسبا لهجمات داعش»: the threat named makes it part
		// of the conflict, but is not acted upon.
		f.rule("nobody is acted upon in a " + f.class + " → no actor2")
		f.actor2, f.assoc2 = nil, nil
	}
	// «خسر المناطق أمام هجمات القوات العراقية»: what a clause tells only
	// «in the face of» may add to an event but is none of its own. (After
	// «بعد» or «عقب» it is: «عقب مقتل البغدادي في أكتوبر 2019».)
	if d.facing(main, lo) || d.recalledPlace(main, lo) {
		f.onlyToMerge = true
	}
	// «طرق مقززة في القتل»: a death with no toll and no victim says that
	// people die, not that someone was killed here.
	if f.class == "death" && (f.fat == nil && f.actor2 == nil || d.rangeHas(f.trig.TokEnd, hi, tollRise)) {
		f.onlyToMerge = true
	}
	// «في معاركها ضد داعش», «تكثيف هجماته»: a noun with a possessive
	// pronoun speaks of a campaign already known, it adds to it at most.
	if f.trig.Trigger.POS == "noun" && d.possessed(f.trig) && !f.anaphoric {
		f.onlyToMerge = true
	}
	sen := d.a.Sentences[s]
	f.evidence = []text.Span{{Text: d.a.Slice(sen.Start, sen.End), Start: sen.Start, End: sen.End}}
	return d.placeFrames(f)
}

// supported keeps a frame only when the sentence gives it enough to be an
// event: a weak cue («هجوم» in a match report) needs a conflict actor or a
// death toll beside it.
func (d *article) supported(f *frame) bool {
	// A country or a nationality alone («باريس», «الأمريكي») is as often a
	// football club or a market as a side in a war.
	if explicitSide(f.actor1) || explicitSide(f.actor2) || f.fat != nil {
		return true
	}
	if !weakClass(f.class) && !f.trig.Trigger.Weak {
		// «الانفجار المفتوح على الاحتمالات»: a blast needs a place too.
		return f.class != "explosion" || d.placeInClause(f)
	}
	// «تظاهر المئات في مدينة البصرة»: the cue names the protesters; a
	// place makes it an event.
	if f.typ == event.Protests && !f.trig.Trigger.Weak && d.placeInClause(f) {
		return true
	}
	// «أن إحباط الهجوم جرى الخميس في ناحية بادوش»: a reference back adds a
	// day and a place to the event it names, but is no event alone.
	if f.anaphoric {
		f.onlyToMerge = true
		return true
	}
	return false
}

// numbersIn returns the number mentions of clause [lo, hi) of sentence s.
func (d *article) clauseNumbers(s, lo, hi int) []*numbers.Mention {
	var out []*numbers.Mention
	for _, i := range d.numbersIn[s] {
		if m := &d.set.Numbers[i]; m.Tok >= lo && m.Tok < hi {
			out = append(out, m)
		}
	}
	return out
}

// question: a sentence that asks («هل يعيد التنظيم تشكيل نفسه؟») reports
// nothing.
func (d *article) question(s int) bool {
	sen := d.a.Sentences[s]
	for i := sen.TokEnd - 1; i >= sen.TokStart; i-- {
		t := d.a.Tokens[i]
		if t.Kind != text.Punct {
			return false
		}
		if strings.ContainsAny(t.Text, "؟?") {
			return true
		}
	}
	return false
}

// habitual: «يشن هجمات بين الحين والآخر» describes a pattern, not an
// occurrence.
func (d *article) habitual(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if habitualCues.matchAt(d.a, i, hi) {
			return true
		}
	}
	return false
}

// reference tells whether a cue points back to an event already told: it
// carries the article («الهجوم», «والغارات») or a demonstrative («هذه
// المعارك», «الهجوم ذاته»); or whether it says the event is another one
// («هجوم آخر», «هجمات أخرى», «هجوم جديد»).
func (d *article) reference(t *triggers.Mention, hi int) (anaphoric, another, demonstrative bool) {
	a := d.a
	after := t.TokEnd
	if after < hi && anotherWords.has(a, after) && t.Trigger.Class != "suicide" {
		return false, true, false
	}
	skipped := d.shedPrefix(t)
	if strings.HasSuffix(skipped, "ال") || strings.HasSuffix(skipped, "لل") || strings.HasPrefix(text.NormalizeString(t.Span.Text), "ال") {
		// «الهجوم الذي أسفر عن …» names the attack it then describes.
		anaphoric = !(after < hi && relativeWords.has(a, after))
	}
	if p := d.prevWord(t.Tok); p >= 0 && demonstratives.has(a, p) {
		anaphoric, demonstrative = true, true
	}
	if after < hi && demonstratives.has(a, after) {
		anaphoric, demonstrative = true, true
	}
	return anaphoric, false, demonstrative
}

// mainTrigger picks the cue that names the clause's event: the most
// specific means of violence, then the rest by priority. A weapon named
// only as a thing («مجموعة مدفعية», «خبراء المتفجرات») is no event; a weapon
// defused, destroyed or seized is Disrupted weapons use.
func (d *article) mainTrigger(trigs []int, lo, hi int) (main *triggers.Mention, disrupted bool) {
	best := -1
	// «أحبطت القوات هجوما انتحاريا وقتلت الانتحاري»: once a bombing is
	// foiled, every bomb cue of the clause is that foiled bombing.
	foiledClause := false
	for _, ti := range trigs {
		if t := &d.set.Triggers[ti]; foilable(t.Trigger) && d.foiled(t, lo) {
			foiledClause = true
		}
	}
	// A verb told in the clause itself outranks what an anchor recalls.
	mainVerb := false
	for _, ti := range trigs {
		if t := &d.set.Triggers[ti]; t.Trigger.POS == "verb" && !d.subordinate(t, lo, true) && !d.modal(t, lo) {
			mainVerb = true
		}
	}
	for _, ti := range trigs {
		t := &d.set.Triggers[ti]
		if t.Trigger.Class == "injury" || d.modal(t, lo) || d.stateOfControl(t, lo, hi) || d.label(t, hi) || d.support(t, lo) || d.comesAfter(t) || d.stoppedThing(t, hi) {
			continue
		}
		if d.notBomber(t) || d.idiom(t, hi) || d.repatriationOfThings(t, hi) || d.inFacilityName(t) {
			continue
		}
		if t.Trigger.Class == "arrest" && t.TokEnd-t.Tok == 1 && familyForms.has(d.a, t.Tok) {
			continue
		}
		// «قتل التنظيم رهينة», «باطلاق سراح مقاتلين معتقلين لدى النظام»:
		// the hostage and the detainee are who something was done to.
		if t.TokEnd-t.Tok == 1 && captiveNouns.has1(t.Trigger.Phrase) {
			continue
		}
		dis := false
		if foiledClause && (foilable(t.Trigger) || t.Trigger.Class == "attack") {
			// «أحبطت القوات هجوما انتحاريا»: the bomb never went off.
			dis = true
		} else if instrument(t.Trigger) {
			if p := d.prevWord(t.Tok); p >= lo && weaponHolders.has(d.a, p) {
				continue
			}
			if d.disrupting(t, lo) {
				dis = true
			} else if !d.instrumental(t, lo, hi) {
				continue
			}
		}
		p := priority(t.Trigger.Class)
		if dis {
			// Above «تدمير» alone: what was destroyed was a weapon.
			p = priority("destruction") + 1
		}
		// «قتل التنظيم رهينة من المدنيين الذين خطفهم إثر هجوم»: what the
		// clause tells comes before what a relative clause or a time
		// anchor recalls.
		if d.subordinate(t, lo, mainVerb) {
			p -= 1000
		}
		if p > best {
			best, main, disrupted = p, t, dis
		}
	}
	return main, disrupted
}

// instrument cues name a weapon, not what was done with it.
func instrument(t *triggers.Trigger) bool {
	if t.POS == "verb" {
		return false
	}
	switch t.Class {
	case "ied", "car_bomb", "landmine", "grenade", "shelling", "barrel_bomb", "drone":
	case "suicide":
		// «انتحاري» is the bomber himself; only the belt is a weapon.
		if !beltWords.has1(t.Phrase) {
			return false
		}
	default:
		return false
	}
	return !eventNouns.has1(strings.Fields(t.Phrase)[0])
}

// instrumental: the weapon was used: «بعبوة ناسفة», «سقوط قذائف», «عبوة
// ناسفة انفجرت», «أطلقوا صواريخ».
func (d *article) instrumental(t *triggers.Mention, lo, hi int) bool {
	a := d.a
	if p := d.shedPrefix(t); strings.Contains(p, "ب") {
		return true
	}
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 2; i, k = d.prevWord(i), k+1 {
		if weaponUseBefore.has(a, i) {
			return true
		}
		if a.Tokens[i].Kind != text.Number && !quantityWords.has(a, i) {
			break
		}
	}
	for i := t.TokEnd; i < hi && i < t.TokEnd+3; i++ {
		if weaponUseAfter.has(a, i) {
			return true
		}
	}
	return false
}

// disrupting: «تفكيك 21 عبوة ناسفة», «تدمير خمس عجلات مفخخة», «ضبط صواريخ».
func (d *article) disrupting(t *triggers.Mention, lo int) bool {
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 4; i, k = d.prevWord(i), k+1 {
		if disruptWords.has(d.a, i) {
			return true
		}
	}
	return false
}

// shedPrefix is the normalised proclitics a cue's first word shed («ب» in
// «بعبوة», «وال» in «والهجوم»).
func (d *article) shedPrefix(t *triggers.Mention) string {
	tok := d.a.Tokens[t.Tok]
	if t.Span.Start <= tok.Start {
		return ""
	}
	return text.NormalizeString(string(d.a.Orig[tok.Start:t.Span.Start]))
}

// topicShift: a sentence that opens with «وفي سياق متصل», «من جهة أخرى»,
// «في بيان منفصل» moves on to another occurrence.
func (d *article) topicShift(s, lo int) bool {
	sen := d.a.Sentences[s]
	// «وتأتي هذه الغارة بعد أربعة أيام من ضربة …»: what follows «بعد» is
	// another occurrence.
	if sen.TokEnd > sen.TokStart && comeVerbs.has(d.a, sen.TokStart) {
		for i := sen.TokStart + 1; i < sen.TokEnd && i < sen.TokStart+5; i++ {
			if afterCues.has(d.a, i) {
				return true
			}
		}
	}
	for i := sen.TokStart; i < sen.TokEnd && i < sen.TokStart+4; i++ {
		if shiftCues.matchAt(d.a, i, sen.TokEnd) {
			return true
		}
	}
	for i := lo; i < d.set.Analysis.Sentences[s].TokEnd && i < lo+2; i++ {
		if shiftCues.matchAt(d.a, i, sen.TokEnd) {
			return true
		}
	}
	return false
}

// summary: «في عدد من المدن العراقية», «في مناطق متفرقة»: a lead that sums up
// occurrences the article then tells one by one.
func (d *article) summary(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if summaryPlaces.matchAt(d.a, i, hi) {
			return true
		}
	}
	return false
}

// stateOfControl: a territorial cue that describes who holds ground rather
// than its taking: «المناطق التي تسيطر عليها قسد», «تحت سيطرة التنظيم»,
// «الأراضي التي سيطر عليها», «تفرض سيطرة كاملة» (ANNOTATION.md: states of
// affairs are not events).
func (d *article) stateOfControl(t *triggers.Mention, lo, hi int) bool {
	if !territorial(t.Trigger.Class) {
		return false
	}
	a := d.a
	phrase := text.NormalizeString(t.Trigger.Phrase)
	if controlPresent.has1(phrase) {
		return true
	}
	if p := d.prevWord(t.Tok); p >= lo && (controlHolders.has(a, p) || relativeWords.has(a, p)) {
		return true
	}
	if pp := d.prevWord(d.prevWord(t.Tok)); pp >= lo && relativeWords.has(a, pp) && pluperfect.has(a, d.prevWord(t.Tok)) {
		return true // «التي كان يسيطر عليها»
	}
	if p := d.shedPrefix(t); p == "ل" || p == "ول" {
		return true // «تخضع لسيطرة»
	}
	// «سيطر عليها», «احتلها»: the ground is the thing described.
	last := a.Forms(t.TokEnd - 1)
	for _, f := range last {
		if f.Kind&text.Suffix != 0 && t.Trigger.POS == "verb" {
			return true
		}
	}
	if t.TokEnd < hi && pronounObjects.has(a, t.TokEnd) {
		return true
	}
	// The noun «سيطرة» is an event only when something is taken: «سيطرة X على Y».
	if t.Trigger.POS == "noun" && strings.HasPrefix(phrase, "سيطره") && !strings.Contains(phrase, "علي") {
		found := false
		for i := t.TokEnd; i < hi && i < t.TokEnd+4; i++ {
			if alaWords.has(a, i) {
				found = true
			}
		}
		return !found
	}
	return false
}

// label: «تحرير: رجا سليم» is a byline, «الهجوم:» a heading.
func (d *article) label(t *triggers.Mention, hi int) bool {
	return t.TokEnd < len(d.a.Tokens) && d.a.Tokens[t.TokEnd].Kind == text.Punct && strings.HasPrefix(d.a.Tokens[t.TokEnd].Text, ":")
}

// startsWith reports whether sentence s opens with a phrase of ps.
func (d *article) startsWith(s int, ps phraseSet) bool {
	sen := d.a.Sentences[s]
	return sen.TokEnd > sen.TokStart && ps.matchAt(d.a, sen.TokStart, sen.TokEnd)
}

// endsPunctuated: the sentence ends with a full stop, not a line break.
func (d *article) endsPunctuated(s int) bool {
	sen := d.a.Sentences[s]
	for i := sen.TokEnd - 1; i >= sen.TokStart; i-- {
		t := d.a.Tokens[i]
		if t.Kind != text.Punct {
			return false
		}
		if strings.ContainsAny(t.Text, ".!؟?…") {
			return true
		}
	}
	return false
}

// support: «مدعومة بغارات التحالف» is air support for the event the clause
// tells, not an event of its own.
func (d *article) support(t *triggers.Mention, lo int) bool {
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 2; i, k = d.prevWord(i), k+1 {
		if supportWords.has(d.a, i) {
			return true
		}
	}
	return strings.Contains(d.shedPrefix(t), "ب") && t.Tok > lo && supportWords.has(d.a, d.prevWord(t.Tok))
}

// ongoing: «ويشن داعش هجمات ضد مواقع النظام», «تشهد المحافظة تفجيرات»: a
// present-tense light verb before a noun cue, with no date of the event,
// tells what keeps happening. A headline's present tense is news.
func (d *article) ongoing(t *triggers.Mention, s, lo, hi int) bool {
	if s == 0 {
		return false
	}
	light := false
	if t.Trigger.POS == "verb" {
		// The cue is the light verb itself: «ويشن داعش هجمات متكررة».
		if !presentLightVerbs.has(d.a, t.Tok) || !d.rangeHas(t.TokEnd, hi, manyWords) {
			return false
		}
		light = true
	}
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 4; i, k = d.prevWord(i), k+1 {
		if presentLightVerbs.has(d.a, i) {
			light = true
		}
	}
	// «تشهد المحافظة العديد من الحوادث»: a place that keeps seeing things;
	// «تشهد ناحية كبيسة انتفاضة» is news.
	for i := lo; i < t.Tok; i++ {
		if witnessVerbs.has(d.a, i) && d.rangeHas(lo, hi, manyWords) {
			light = true
		}
	}
	if !light {
		return false
	}
	for _, i := range d.datesIn[s] {
		if m := &d.set.Dates[i]; m.Tok >= lo && m.Tok < hi && !d.reportDate(m, lo) && !sinceWords.has(d.a, m.Tok) {
			return false
		}
	}
	return true
}

// locatorCue: a direction or vicinity cue («شمال غرب», «قرب») that, right
// after another place, only says where that place lies.
func locatorCue(cue string) bool {
	c := text.NormalizeString(cue)
	c = strings.TrimPrefix(c, "و")
	return directionCues[c]
}

// comesAfter: «ويأتي الهجوم بعد …», «وجاء ذلك عقب …»: the cue after «يأتي»
// points back to the event told; the sentence goes on to an earlier one.
func (d *article) comesAfter(t *triggers.Mention) bool {
	p := d.prevWord(t.Tok)
	if p >= 0 && demonstratives.has(d.a, p) {
		p = d.prevWord(p) // «وتأتي هذه الغارة بعد …»
	}
	if p < 0 || !comeVerbs.has(d.a, p) {
		return false
	}
	return t.TokEnd < len(d.a.Tokens) && afterCues.has(d.a, t.TokEnd)
}

// fightingIn reports whether a clash cue stands, not negated, in the clause.
func (d *article) fightingIn(trigs []int, lo int) bool {
	for _, ti := range trigs {
		t := &d.set.Triggers[ti]
		if t.Trigger.Class == "clash" && !d.modal(t, lo) {
			return true
		}
	}
	return false
}

// stoppedThing: «أوقفت القوات القصف»: «أوقف» detains people but stops
// things; it is an arrest only when people follow it.
func (d *article) stoppedThing(t *triggers.Mention, hi int) bool {
	if t.Trigger.Class != "arrest" || !strings.HasPrefix(text.NormalizeString(t.Trigger.Phrase), "اوقف") {
		return false
	}
	i := t.TokEnd
	// The subject may come first: «أوقفت القوات العراقية القصف».
	if end := d.actorEndingFrom(i); end > i {
		i = end
	}
	for k := i; k < hi && k < i+3; k++ {
		if d.triggerAt[k] || eventNouns.has(d.a, k) {
			return true
		}
		if memberWords.has(d.a, k) || d.numberAt(k) || d.actorStartsAt(k) {
			return false
		}
	}
	return true
}

// actorEndingFrom returns the end of an actor mention starting at token i,
// or i when none starts there.
func (d *article) actorEndingFrom(i int) int {
	if i >= len(d.a.Tokens) {
		return i
	}
	s := d.a.SentenceOf(i)
	for _, k := range d.actorsIn[s] {
		if m := &d.set.Actors[k]; m.Tok == i {
			return m.TokEnd
		}
	}
	return i
}

// actorStartsAt reports whether an actor mention begins at token i.
func (d *article) actorStartsAt(i int) bool {
	s := d.a.SentenceOf(i)
	for _, k := range d.actorsIn[s] {
		if d.set.Actors[k].Tok == i {
			return true
		}
	}
	return false
}

// rangeHas reports whether a word of ws occurs in tokens [lo, hi).
func (d *article) rangeHas(lo, hi int, ws wordSet) bool {
	for i := lo; i < hi; i++ {
		if ws.has(d.a, i) {
			return true
		}
	}
	return false
}

// locatorGap: the words between two places say the second locates the
// first: «بير القصب القريبة من ريف السويداء», «خان بني سعد بمحافظة ديالى»,
// «كنعان في بعقوبة», «السعدونية التابعة لقضاء الحويجة».
func (d *article) locatorGap(from, to int) bool {
	if to-from > 4 || to <= from {
		return false
	}
	words := 0
	for i := from; i < to; i++ {
		t := d.a.Tokens[i]
		if t.Kind == text.Punct {
			if t.Text == "،" || t.Text == "," || t.Text == "." {
				return false
			}
			continue
		}
		if !locatorWords.has(d.a, i) {
			return false
		}
		words++
	}
	if words > 0 {
		return true
	}
	// «بمحافظة ديالى»: the preposition rides on the place's own cue.
	tok := d.a.Tokens[to]
	return text.NormalizeString(string(d.a.Orig[tok.Start:d.placeStart(to)])) == "ب"
}

// placeStart is where the place mention starting at token t begins.
func (d *article) placeStart(t int) int {
	s := d.a.SentenceOf(t)
	for _, i := range d.placesIn[s] {
		if p := &d.set.Places[i]; p.Tok == t {
			return p.Span.Start
		}
	}
	return d.a.Tokens[t].Start
}

// notBomber: «انتحاري» is a bomber after a person, a vehicle or an attack
// («مفجر انتحاري», «هجوم انتحاري»), or standing alone as one («هاجم
// انتحاريان»); after anything else («الدجاج الانتحاري») it is no bomb.
func (d *article) notBomber(t *triggers.Mention) bool {
	if t.Trigger.Class != "suicide" || t.TokEnd-t.Tok > 1 || t.Trigger.POS == "verb" {
		return false
	}
	p := d.prevWord(t.Tok)
	if p < 0 || d.triggerAt[p] || d.a.Tokens[p].Kind != text.Word {
		return false
	}
	if !strings.HasPrefix(text.NormalizeString(t.Span.Text), "ال") && d.shedPrefix(t) == "" {
		// An indefinite «انتحاريان» after a verb is the bomber himself.
		return false
	}
	return !bomberHeads.has(d.a, p) && !strings.HasPrefix(d.a.Tokens[p].Text, "و")
}

// possessed: the cue's last word carries a possessive pronoun.
func (d *article) possessed(t *triggers.Mention) bool {
	tok := d.a.Tokens[t.TokEnd-1]
	return t.Span.End < tok.End && !strings.HasPrefix(text.NormalizeString(t.Span.Text), "ال")
}

// words counts the word tokens of sentence s.
func (d *article) words(s int) int {
	n := 0
	sen := d.a.Sentences[s]
	for i := sen.TokStart; i < sen.TokEnd; i++ {
		if d.a.Tokens[i].Kind == text.Word {
			n++
		}
	}
	return n
}

// oneSided classes have an actor and no one acted upon: a call-up, an
// alert, a base set up.
func oneSided(class string) bool {
	switch class {
	case "mobilisation", "recruitment", "emergency", "base":
		return true
	}
	return false
}

// paragraphStart: a blank line comes before sentence s.
func (d *article) paragraphStart(s int) bool {
	sen := d.a.Sentences[s]
	if sen.TokStart == 0 || sen.TokEnd == sen.TokStart {
		return s == 0
	}
	prev := d.a.Tokens[sen.TokStart-1]
	gap := string(d.a.Orig[prev.End:d.a.Tokens[sen.TokStart].Start])
	return strings.Count(gap, "\n") >= 2
}

// tollOverYears: «قتل أكثر من 240 شخصا في هجمات في فرنسا منذ عام 2015»: a
// count of the dead since a year or more ago is a statistic, not the
// aggregate of a campaign ACLED would code.
func (d *article) tollOverYears(f *frame) bool {
	if f.date == nil || !sinceWords.has(d.a, f.date.Tok) || d.pub.IsZero() {
		return false
	}
	if f.fat == nil && f.class != "death" {
		return false
	}
	return d.pub.Sub(f.date.Start) >= 365*24*time.Hour
}

// warScaleToll is a toll only a war or a famine reaches.
const warScaleToll = 10000

// warToll: a war is the subject of the toll verb: «الحرب التي خلفت», «خلفت
// الحرب الأهلية», «نزاع أوقع».
func (d *article) warToll(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if !warNouns.has(d.a, i) {
			continue
		}
		for j, k := d.prevWord(i), 0; j >= lo && k < 3; j, k = d.prevWord(j), k+1 {
			if tollVerbs.has(d.a, j) {
				return true
			}
		}
		for j, k := d.nextWord(i, hi), 0; j >= 0 && k < 5; j, k = d.nextWord(j, hi), k+1 {
			if tollVerbs.has(d.a, j) {
				return true
			}
		}
	}
	return false
}

// sinceWarBegan: «قتل 92 عسكريا روسيا منذ تدخل موسكو في النزاع», «منذ
// اندلاع الحرب عام 2011»: a war's running total, not one occurrence. (A
// toll «منذ بدء العملية» or «منذ شهر» is an offensive's, and is coded.)
func (d *article) sinceWarBegan(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if !sinceWords.has(d.a, i) {
			continue
		}
		if d.rangeHas(max(lo, i-6), i, superlatives) {
			continue // «الاعتداء الأكثر دموية منذ بداية النزاع» ranks this one
		}
		j := d.nextWord(i, hi)
		if j < 0 {
			return false
		}
		if interventionWords.has(d.a, j) {
			return true
		}
		if !onsetWords.has(d.a, j) {
			continue
		}
		for k, n := d.nextWord(j, hi), 0; k >= 0 && n < 3; k, n = d.nextWord(k, hi), n+1 {
			if warWords.has(d.a, k) {
				return true
			}
		}
	}
	return false
}

// statistic: «قتل واعتقل 90٪ من قادتهم» sums up a campaign in a share; it
// tells no one occurrence.
func (d *article) statistic(t *triggers.Mention, hi int) bool {
	s := d.a.SentenceOf(t.Tok)
	for _, k := range d.numbersIn[s] {
		if n := &d.set.Numbers[k]; n.Percent && n.Tok >= t.TokEnd && n.Tok < min(hi, t.TokEnd+4) {
			return true
		}
	}
	return false
}

// explicitSide: an actor named as a force, a group or its members, or the
// civilians it hit.
func explicitSide(m *actors.Mention) bool {
	return m != nil && m.Kind != "country" && m.Kind != "adjective"
}

// placeInClause reports whether a place finer than a country stands in the
// frame's clause.
func (d *article) placeInClause(f *frame) bool {
	for _, i := range d.placesIn[f.sent] {
		if p := &d.set.Places[i]; p.Tok >= f.lo && p.Tok < f.hi && p.Place.Kind != "country" {
			return true
		}
	}
	return false
}

// idiom: the cue's word in a set phrase that names no event: «في مواجهة
// الخسائر», «منظمة العفو الدولية», «بيان صادر عن».
func (d *article) idiom(t *triggers.Mention, hi int) bool {
	for i := max(0, t.Tok-2); i <= t.Tok; i++ {
		if idioms.matchAt(d.a, i, min(hi, t.TokEnd+2)) {
			return true
		}
	}
	return false
}

// accident: a road accident, a fire, a flood or a quake kills without
// anyone fighting: not political violence.
func (d *article) accident(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if accidents.matchAt(d.a, i, hi) {
			return true
		}
	}
	return false
}

// repatriationOfThings: «يعيد الحركة إلى الرجلين», «إعادة الإعمار»: «إعادة»
// is a repatriation only when people are brought back.
func (d *article) repatriationOfThings(t *triggers.Mention, hi int) bool {
	if t.Trigger.Class != "repatriation" || t.TokEnd-t.Tok > 1 {
		return false
	}
	for i := t.TokEnd; i < hi && i < t.TokEnd+4; i++ {
		if returnees.has(d.a, i) || d.actorStartsAt(i) {
			return false
		}
	}
	return true
}

// subordinate: the cue stands in a relative clause («الذين خطفهم») or,
// when anchors count, after a time anchor («إثر هجوم», «عقب مقتل»).
func (d *article) subordinate(t *triggers.Mention, lo int, anchors bool) bool {
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 2; i, k = d.prevWord(i), k+1 {
		if relativeWords.has(d.a, i) || anchors && anchorWords.has(d.a, i) {
			return true
		}
	}
	// «أمام هجمات القوات العراقية وغارات التحالف»: a cue joined by «و» to
	// an anchored one shares its anchor.
	if anchors && strings.HasPrefix(d.shedPrefix(t), "و") {
		for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 6; i, k = d.prevWord(i), k+1 {
			if anchorWords.has(d.a, i) && i+1 < len(d.a.Tokens) && d.triggerAt[i+1] {
				return true
			}
		}
	}
	return false
}

// rangeHasPhrase reports whether a phrase of ps starts in tokens [lo, hi).
func (d *article) rangeHasPhrase(lo, hi int, ps phraseSet) bool {
	for i := lo; i < hi; i++ {
		if ps.matchAt(d.a, i, hi) {
			return true
		}
	}
	return false
}

// inFacilityName: «ساحة التحرير», «شارع الانتصار», «مستشفى الشهيد»: the cue
// word is part of a square's, a street's or a building's name.
func (d *article) inFacilityName(t *triggers.Mention) bool {
	p := d.prevWord(t.Tok)
	definite := strings.HasPrefix(text.NormalizeString(t.Span.Text), "ال") || strings.HasSuffix(d.shedPrefix(t), "ال")
	return p >= 0 && p == t.Tok-1 && facilityWords.has(d.a, p) && definite
}

// foilable: a bombing that can be foiled before it happens.
func foilable(t *triggers.Trigger) bool {
	switch t.Class {
	case "suicide", "ied", "car_bomb", "explosion":
		return true
	}
	return false
}

// foiled: «أحبطت», «إحباط», «أفشلت» within three words before the cue.
func (d *article) foiled(t *triggers.Mention, lo int) bool {
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 3; i, k = d.prevWord(i), k+1 {
		if foilWords.has(d.a, i) {
			return true
		}
	}
	return false
}

// facing: «أمام» governs the cue, directly or through a list joined by «و».
func (d *article) facing(t *triggers.Mention, lo int) bool {
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 6; i, k = d.prevWord(i), k+1 {
		if facingWords.has(d.a, i) {
			return k == 0 || strings.HasPrefix(d.shedPrefix(t), "و")
		}
	}
	return false
}

// dateline returns the end of a dateline at the start of the text: a few
// words closed by an agency in brackets or a dash («بغداد (رويترز) -»,
// «عمان، الأردن (CNN)--»), or 0 when there is none.
func dateline(a *text.Analysis) int {
	if len(a.Sentences) == 0 {
		return 0
	}
	sen := a.Sentences[0]
	for i := sen.TokStart; i < sen.TokEnd && i < sen.TokStart+10; i++ {
		t := a.Tokens[i]
		if t.Kind != text.Punct {
			continue
		}
		switch {
		case t.Text == ")" && i > sen.TokStart+1:
			// «(CNN)» or «(رويترز)» closes it, a dash may follow; «(64
			// عاما)» after a name does not.
			if !agencyParen(a, sen.TokStart, i) {
				return 0
			}
			end := i + 1
			for end < sen.TokEnd && a.Tokens[end].Kind == text.Punct && strings.ContainsAny(a.Tokens[end].Text, "-–—") {
				end++
			}
			return end
		case strings.ContainsAny(t.Text, "–—") || t.Text == "-" && i > sen.TokStart+1 && i+1 < sen.TokEnd && a.Tokens[i+1].NStart > t.NEnd:
			return i + 1
		}
	}
	return 0
}

// agencyParen: the parenthesis closed at token close holds a short name
// with no number in it, as an agency's.
func agencyParen(a *text.Analysis, start, close int) bool {
	open := -1
	for j := close - 1; j >= start; j-- {
		if a.Tokens[j].Text == "(" {
			open = j
			break
		}
	}
	if open < 0 || close-open-1 < 1 || close-open-1 > 4 {
		return false
	}
	for j := open + 1; j < close; j++ {
		if strings.IndexFunc(a.Tokens[j].Text, unicode.IsDigit) >= 0 {
			return false
		}
	}
	return true
}

// analysis: «قال البروفيسور …», «يرى المحلل …»: a sentence whose speaker is
// a commentator gives an opinion, not a report (ANNOTATION.md).
func (d *article) analysis(s int) bool {
	sen := d.a.Sentences[s]
	for i := sen.TokStart; i < sen.TokEnd && i < sen.TokStart+12; i++ {
		if !speechWords.has(d.a, i) && !opinionVerbs.has(d.a, i) {
			continue
		}
		for j := i + 1; j < sen.TokEnd && j < i+6; j++ {
			if commentators.has(d.a, j) {
				return true
			}
		}
	}
	return false
}

// recalledPlace: «الساحات التي كانت تقام فيها الاعتصامات»: a relative
// clause in the past describes a place by what once happened there.
func (d *article) recalledPlace(t *triggers.Mention, lo int) bool {
	was := false
	for i, k := d.prevWord(t.Tok), 0; i >= lo && k < 5; i, k = d.prevWord(i), k+1 {
		if pluperfect.has(d.a, i) {
			was = true
		}
		if relativeWords.has(d.a, i) {
			return was
		}
	}
	return false
}
