package extract

import (
	"time"

	"rasd/internal/text"
	"rasd/internal/timex"

	"rasd/internal/event"
	"rasd/internal/gazetteer"
)

// usableAsPlace: a place mention that is really an actor in a role
// («استلمت فرنسا») or a whole country when something finer is at hand is
// no event location.
func (d *article) usableAsPlace(f *frame, p *gazetteer.Mention) bool {
	return !d.inTitle(p) && d.usableBesidesTitle(f, p)
}

// inTitle: «والي شمال بغداد», «محافظ الأنبار»: the place names an office.
func (d *article) inTitle(p *gazetteer.Mention) bool {
	q := d.prevWord(p.Tok)
	return q >= 0 && titleWords.has(d.a, q)
}

func (d *article) usableBesidesTitle(f *frame, p *gazetteer.Mention) bool {
	if d.locator[p.Tok] || p.Tok < d.datelineEnd || falsePlaces.matchAt(d.a, p.Tok, min(p.TokEnd+1, len(d.a.Tokens))) {
		return false
	}
	for _, am := range f.allActors() {
		if am != nil && p.Tok < am.TokEnd && am.Tok < p.TokEnd {
			return false
		}
	}
	return true
}

// placeFrames gives the frame its location: the nearest place in the
// clause (after the cue first), else in the sentence, else the running
// focus of the article with its precision lowered. A list of places under
// one cue («في الموصل والفلوجة والرمادي») gives one event per place, the
// toll split evenly (ANNOTATION.md).
func (d *article) placeFrames(f *frame) []*frame {
	pick := func(lo, hi int) []int {
		var in []int
		for _, i := range d.placesIn[f.sent] {
			p := &d.set.Places[i]
			if p.Tok >= lo && p.Tok < hi && d.usableAsPlace(f, p) {
				in = append(in, i)
			}
		}
		return d.withoutCountries(in)
	}
	sen := d.a.Sentences[f.sent]
	cands := pick(f.lo, f.hi)
	how := "place in the clause"
	if len(cands) == 0 {
		cands = pick(sen.TokStart, sen.TokEnd)
		how = "place in the sentence"
		f.loosePlace = len(cands) > 0
	}
	if len(cands) == 0 {
		// «مقتل والي ناحية كبيسة», «قال محافظ الأنبار إن …»: with no other
		// place, the office's is the likeliest.
		for _, i := range d.placesIn[f.sent] {
			if p := &d.set.Places[i]; d.inTitle(p) && d.usableBesidesTitle(f, p) {
				cands = append(cands, i)
			}
		}
		cands = d.withoutCountries(cands)
		how = "place of an office in the sentence"
		f.loosePlace = len(cands) > 0
	}
	if len(cands) == 0 {
		if ctx := d.placeBefore[f.sent]; ctx >= 0 {
			p := &d.set.Places[ctx]
			f.place, f.precision, f.focusPlace = p, max(p.Precision, 2), true
			f.rule("place from the article's focus «" + p.Span.Text + "», precision lowered")
		} else if f.sent == 0 {
			f.rule("no place")
		} else {
			// The lead often names the place the next sentence gives; one
			// told much later is another story's.
			p := d.firstPlace()
			if p != nil && d.a.SentenceOf(p.Tok) > f.sent+2 {
				p = nil
			}
			if p == nil {
				f.rule("no place")
				return []*frame{f}
			}
			f.place, f.precision, f.focusPlace = p, max(p.Precision, 2), true
			f.rule("place from the article's first place «" + p.Span.Text + "», precision lowered")
		}
		return []*frame{f}
	}
	// The first place after the cue, else the last before it.
	chosen := -1
	for _, i := range cands {
		if d.set.Places[i].Tok >= f.trig.Tok {
			chosen = i
			break
		}
	}
	if chosen < 0 {
		chosen = cands[len(cands)-1]
	}
	list := d.placeList(chosen, cands)
	f.place, f.precision = &d.set.Places[chosen], d.set.Places[chosen].Precision
	f.rule(how + " «" + f.place.Span.Text + "»")
	if len(list) < 2 {
		return []*frame{f}
	}
	// «هجوما متزامنا على محاور التماس في الباغوز وهجين والمراشدة»: one
	// attack on several fronts at once is one event.
	if d.rangeHas(f.lo, f.hi, simultaneous) {
		f.rule("one simultaneous attack on a list of places")
		return []*frame{f}
	}
	f.rule("one of a list of places: one event each")
	d.lists++
	f.list = d.lists
	out := make([]*frame, 0, len(list))
	for k, i := range list {
		g := *f
		g.rules = append([]string(nil), f.rules...)
		g.place, g.precision = &d.set.Places[i], d.set.Places[i].Precision
		if f.fat != nil {
			g.fat = f.fat.split(len(list), k)
		}
		out = append(out, &g)
	}
	return out
}

// withoutCountries drops countries: ANNOTATION.md asks for at least a
// governorate or a named region, and «في سوريا» says less than that.
func (d *article) withoutCountries(idx []int) []int {
	fine := idx[:0:0]
	for _, i := range idx {
		if d.set.Places[i].Place.Kind != "country" {
			fine = append(fine, i)
		}
	}
	return fine
}

// placeList returns the places coordinated with the chosen one by «و» or a
// comma, all of the same kind of precision, in text order.
func (d *article) placeList(chosen int, cands []int) []int {
	pos := -1
	for k, i := range cands {
		if i == chosen {
			pos = k
		}
	}
	list := []int{chosen}
	prev := &d.set.Places[chosen]
	for k := pos + 1; k < len(cands); k++ {
		p := &d.set.Places[cands[k]]
		gap := p.Tok - prev.TokEnd
		joined := gap == 0 && p.Span.Start > d.a.Tokens[p.Tok].Start // «والفلوجة»
		if gap == 1 {
			t := d.a.Tokens[prev.TokEnd].Text
			joined = t == "و" || t == "،" || t == ","
		}
		if !joined || p.Precision != prev.Precision || p.Place.Kind == "country" {
			break
		}
		list = append(list, cands[k])
		prev = p
	}
	return list
}

// fillDate takes the date expression nearest the cue in the clause, else
// in the sentence; with none, the record gets the publication date with
// precision 2 and no text (SCHEMA.md).
func (d *article) fillDate(f *frame) {
	best, bestDist, bestReport := -1, 1<<30, true
	consider := func(lo, hi int) {
		for _, i := range d.datesIn[f.sent] {
			m := &d.set.Dates[i]
			if m.Tok < lo || m.Tok >= hi || d.comparisonSpan(m) || d.untilDate(m) {
				continue
			}
			dist := m.Tok - f.trig.Tok
			if dist < 0 {
				dist = -dist
			}
			report := d.reportDate(m, lo)
			// A date of the event itself beats the day it was reported.
			if (bestReport && !report) || (report == bestReport && dist < bestDist) {
				best, bestDist, bestReport = i, dist, report
			}
		}
	}
	consider(f.lo, f.hi)
	if best < 0 {
		sen := d.a.Sentences[f.sent]
		consider(sen.TokStart, sen.TokEnd)
	}
	if best >= 0 {
		f.date, f.reportDate = &d.set.Dates[best], bestReport
		if bestReport {
			f.rule("date «" + f.date.Span.Text + "» (the day it was reported)")
		} else {
			f.rule("date «" + f.date.Span.Text + "»")
		}
	}
}

// reportDate: «أفاد المرصد الأحد أن …», «في بيان الاثنين»: the date follows a
// verb of saying with no event cue between them, so it dates the report.
func (d *article) reportDate(m *timex.Mention, lo int) bool {
	for i, k := d.prevWord(m.Tok), 0; i >= lo && k < 9; i, k = d.prevWord(i), k+1 {
		if d.triggerAt[i] {
			return false
		}
		if speechWords.has(d.a, i) {
			return true
		}
	}
	return false
}

// dateRecord is the DATE of a frame, or the publication-date default.
func (d *article) dateRecord(f *frame) *event.Date {
	if f.date != nil {
		m := f.date
		return &event.Date{Start: day(m.Start), End: day(m.End), EventDate: day(m.EventDate),
			TimePrecision: m.Precision, Text: m.Span.Text, StartChar: m.Span.Start, EndChar: m.Span.End}
	}
	if d.pub.IsZero() {
		return nil
	}
	p := day(d.pub)
	return &event.Date{Start: day(d.pub.AddDate(0, 0, -6)), End: p, EventDate: p, TimePrecision: 2}
}

// peopleCounted: classes whose quantities count people moved, called up or
// handed over, not occurrences.
func peopleCounted(class string) bool {
	switch class {
	case "recruitment", "mobilisation", "repatriation", "handover", "defection", "surrender":
		return true
	}
	return false
}

// fillFlags marks background and aggregate records.
func (d *article) fillFlags(f *frame) {
	a := d.a
	if f.date != nil && !d.pub.IsZero() && f.date.End.Before(d.pub.Add(-45*24*time.Hour)) {
		f.background = true
		f.rule("dated well before publication → background")
	}
	for i := max(f.lo, f.trig.Tok-8); i < f.trig.Tok; i++ {
		if pluperfect.has(a, i) {
			for j := i + 1; j < f.trig.Tok+1 && j < len(a.Tokens); j++ {
				if qad.has(a, j) {
					f.background = true
					f.rule("«كان … قد» → background")
				}
			}
		}
	}
	// «وكان العراق أعلن …»: a sentence opened by «كان» and a perfect verb
	// tells what had happened before the news.
	sen := a.Sentences[f.sent]
	// «وكان الوزير السابق، القائد الذي شارك في الحرب، قد سلم نفسه»: the
	// «قد» may come long after the «كان» that opens the sentence.
	// Only the clause «كان» opens: «… حيث وقع التفجير» after it is today's.
	if !f.background && f.lo == sen.TokStart && pluperfect.has(a, sen.TokStart) && d.rangeHas(sen.TokStart+1, f.trig.Tok, qad) {
		f.background = true
		f.rule("«كان … قد» → background")
	}
	if !f.background && f.lo == sen.TokStart && pluperfect.has(a, sen.TokStart) {
		for j := sen.TokStart + 1; j < sen.TokEnd && j < sen.TokStart+10; j++ {
			if speechWords.has(a, j) || (d.triggerAt[j] && perfectVerb(a, j)) {
				f.background = true
				f.rule("«كان» + perfect verb → background")
				break
			}
		}
	}
	if !f.background && d.clauseHas(f, backgroundCues) {
		f.background = true
		f.rule("«في وقت سابق», «في الآونة الأخيرة» → background")
	}
	if p := d.prevWord(f.trig.Tok); p >= f.lo && afterCues.has(a, p) && (f.class == "death" || f.class == "assassination") {
		f.background = true
		f.rule("«عقب/بعد مقتل» recalls an earlier event → background")
	}
	// Several unspecified occurrences: a cue counted vaguely or by number
	// («عشرات العمليات», «14 غارة», «سلسلة تفجيرات»), or told over a span of
	// time («منذ شهر»). A plural alone is not enough: «الغارات» of one raid
	// on one place and day are one event for ACLED.
	near := false
	// After a verb a quantity counts its subject or object («هاجمت عدة
	// مجموعات»), not the occurrences.
	after := f.trig.TokEnd + 3
	if f.trig.Trigger.POS == "verb" || f.typ == event.Protests {
		// «تظاهر المئات»: the count is of protesters.
		after = f.trig.TokEnd
	}
	if f.class == "arrest" {
		// «ألقت القبض على العشرات», «أسرت آلاف العناصر»: a sweep of many
		// arrests, as the dev gold codes it.
		after = f.trig.TokEnd + 4
	}
	if peopleCounted(f.class) {
		// «تجنيد عشرات الشبان», «دعت جميع المكلفين»: one call, many people.
		after = f.trig.Tok - 2
	}
	for i := max(f.lo, f.trig.Tok-2); i < min(f.hi, after); i++ {
		if i >= f.trig.Tok && i < f.trig.TokEnd {
			continue
		}
		if aggregateQty.has(a, i) {
			near = true
		}
		// «14 غارة»: many strikes counted; «ثلاث عبوات» of one blast are not.
		if i == f.trig.Tok-1 && d.countBefore(i) >= 5 {
			near = true
		}
	}
	if f.date != nil && f.date.Precision >= 2 && sinceWords.has(a, f.date.Tok) && !peopleCounted(f.class) {
		near = true
	}
	// «وقتل أكثر من 1100 شخص منذ كثفت الحكومة عملياتها»: a toll since
	// something began sums up many occurrences.
	if (f.class == "death" || f.fat != nil) && d.sinceAfter(f) {
		near = true
	}
	if near {
		f.aggregate = true
		f.rule("several occurrences («" + f.trig.Span.Text + "») → aggregate")
	}
}

func (d *article) locationRecord(f *frame) *event.Location {
	if f.place == nil {
		return nil
	}
	p := f.place.Place
	return &event.Location{
		PlaceID: p.ID, NameEN: p.NameEN, NameAR: p.NameAR, Country: p.Country,
		Admin1: p.Admin1, Admin1Code: p.Admin1Code, Admin2: p.Admin2, Lat: p.Lat, Lon: p.Lon,
		GeoPrecision: f.precision, Text: f.place.Span.Text, Start: f.place.Span.Start, End: f.place.Span.End,
	}
}

// comparisonSpan: «أعنف هجوم منذ شهر» compares the event with a month of
// others; the month is not when it happened.
func (d *article) comparisonSpan(m *timex.Mention) bool {
	if !sinceWords.has(d.a, m.Tok) {
		return false
	}
	for i, k := d.prevWord(m.Tok), 0; i >= 0 && k < 4; i, k = d.prevWord(i), k+1 {
		if superlatives.has(d.a, i) {
			return true
		}
	}
	return false
}

// countBefore is the value of a number mention ending at token i, or 0.
func (d *article) countBefore(i int) float64 {
	s := d.a.SentenceOf(i)
	for _, k := range d.numbersIn[s] {
		if n := &d.set.Numbers[k]; n.TokEnd-1 == i && !n.Approx && !n.Percent && !n.Ordinal {
			return n.Value
		}
	}
	return 0
}

// firstPlace is the article's first place finer than a country, which a
// headline often leaves for the body to name.
func (d *article) firstPlace() *gazetteer.Mention {
	for i := range d.set.Places {
		p := &d.set.Places[i]
		if p.Place.Kind != "country" && !d.locator[p.Tok] && p.Tok >= d.datelineEnd {
			return p
		}
	}
	return nil
}

// perfectVerb: a verb cue in the perfect (not «يـ/تـ/نـ» + stem).
func perfectVerb(a *text.Analysis, i int) bool {
	w := []rune(a.Tokens[i].Text)
	return len(w) >= 3 && !presentVerb(string(w))
}

// sinceAfter: «منذ» follows the cue in its clause, not as a comparison
// («أعنف هجوم منذ شهر»).
func (d *article) sinceAfter(f *frame) bool {
	for i := f.trig.TokEnd; i < f.hi; i++ {
		if sinceWords.has(d.a, i) && !d.comparisonAt(i) {
			return true
		}
	}
	return false
}

// comparisonAt: a superlative stands within four words before token i.
func (d *article) comparisonAt(i int) bool {
	for j, k := d.prevWord(i), 0; j >= 0 && k < 4; j, k = d.prevWord(j), k+1 {
		if superlatives.has(d.a, j) {
			return true
		}
	}
	return false
}

// untilDate: «رفض حتى اليوم», «لغاية الثلاثاء»: the end of a span, not
// when something happened.
func (d *article) untilDate(m *timex.Mention) bool {
	p := d.prevWord(m.Tok)
	return p >= 0 && untilWords.has(d.a, p)
}
