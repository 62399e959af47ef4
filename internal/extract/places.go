package extract

import (
	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/gazetteer"
	"rasd/internal/rules"
	"slices"
	"strings"
)

// judgePlaces runs the place rules once on every place mention: a place
// that names an office («محافظ نينوى»), one that only locates the
// place before it («ناحية القيارة جنوب الموصل»), or a false reading
// («بعقوبة الإعدام») is no event's place of its own.
func (art *article) judgePlaces() {
	for s := range art.a.Sentences {
		lo, hi := art.sentence(s)
		for _, mi := range art.placesIn[s] {
			i := art.d.Mentions[mi].Index
			v := placeUsable
			if art.d.Mentions[mi].Tok < art.datelineEnd {
				v = placeNot
			} else if r := art.first(rules.StagePlace, mi, -1, lo, hi, nil); r != nil {
				switch r.Verb() {
				case "not-place":
					v = placeNot
				case "locator":
					v = placeLocator
				case "office":
					v = placeOffice
				case "origin":
					v = placeOrigin
				}
			}
			art.placeVerdict[i] = v
		}
	}
}

// usablePlace: a place the rules let locate an event, not a country when
// something finer is asked for, and not inside one of the frame's actors.
// Every place a frame gets passes it or is finer than a country already
// (the focus, the first place, a lead's country's place): Extractor.run
// relies on it, to leave a text with no such place after its places are
// found (finerThanCountry).
func (art *article) usablePlace(f *frame, i int, want placeVerdict) bool {
	if art.placeVerdict[i] != want {
		return false
	}
	p := &art.set.Places[i]
	if p.Place.Kind == "country" {
		// ANNOTATION.md asks for a governorate or a named region at least.
		return false
	}
	for _, am := range f.allActors() {
		// «مختار قرية الحوايج»: an actor that only shares the cue word of
		// the place after it leaves the place whole. A capital that stands
		// for its state («صواريخ باتجاه تل أبيب») is still the city.
		if am != nil && p.Tok >= am.Tok && p.TokEnd <= am.TokEnd && !(am.Kind == actors.KindCountry && art.aimedAt(p)) {
			return false
		}
	}
	return true
}

// aimedAt says whether place p is what something was aimed at (class
// aimed_at: «باتجاه تل أبيب», «نحو», «صوب», «على») and so a place, not the state its
// capital stands for («قالت باريس»; «مسؤول في باريس» is where someone
// spoke).
func (art *article) aimedAt(p *gazetteer.Mention) bool {
	j := p.Tok - 1
	return j >= 0 && art.in(j, art.x.cls.AimedAt)
}

// clauseCountries lists the countries the frame's clause names as the
// place of something («في سوريا», «في كل من العراق وسوريا», and the rest
// of such a list), nil for none. A country named as the subject
// («استلمت فرنسا») or in a dateline places nothing.
func (art *article) clauseCountries(f *frame) []string {
	var out []string
	lastEnd := -1
	for _, mi := range art.placesIn[f.sent] {
		m := &art.d.Mentions[mi]
		if m.Tok < f.lo || m.Tok >= f.hi || art.placeVerdict[m.Index] != placeUsable {
			continue
		}
		p := &art.set.Places[m.Index]
		if p.Place.Kind != "country" {
			continue
		}
		listed := lastEnd >= 0 && (p.Tok == lastEnd || p.Tok == lastEnd+1 && isListComma(art.a.Tokens[lastEnd].Text))
		// Near the cue: a country told further on in a long clause is
		// often where something else happened («… ثم نقل إلى مستشفى داخل
		// السعودية»).
		near := p.Tok >= f.trig.TokEnd && p.Tok-f.trig.TokEnd <= maxCountryGap || p.TokEnd <= f.trig.Tok && f.trig.Tok-p.TokEnd <= maxCountryGap
		if listed || near && art.locative(p.Tok) {
			out = append(out, p.Place.Country)
			lastEnd = p.TokEnd
		}
	}
	return out
}

// maxCountryGap is how many words may part a cue from the country it
// happens in («قصف المواقع الأجنبية في سوريا والأردن»).
const maxCountryGap = 10

func isListComma(t string) bool { return t == "،" || t == "," }

// locative says whether the place at token i follows «في» or «داخل»,
// through «كل من».
func (art *article) locative(i int) bool {
	j := i - 1
	if j >= 1 && art.a.Tokens[j].Text == "من" && art.a.Tokens[j-1].Text == "كل" {
		j -= 2
	}
	if j < 0 {
		return false
	}
	switch art.a.Tokens[j].Text {
	case "في", "وفي", "داخل", "بداخل":
		return true
	}
	return false
}

// countryFirstAfterCue says whether the first place mention after the
// frame's cue in its clause is a country in a locative phrase («في سوريا»).
func (art *article) countryFirstAfterCue(f *frame) bool {
	for _, mi := range art.placesIn[f.sent] {
		m := &art.d.Mentions[mi]
		if m.Tok < f.trig.TokEnd || m.Tok >= f.hi || art.placeVerdict[m.Index] != placeUsable {
			continue
		}
		p := &art.set.Places[m.Index]
		return p.Place.Kind == "country" && art.locative(p.Tok) && p.Tok-f.trig.TokEnd <= maxCountryGap
	}
	return false
}

// placeFrames gives the frame its location: the nearest place in the
// clause (after the cue first), else in the sentence, else the place of an
// office in the sentence, else the running focus of the article with its
// precision lowered. A list of places under one cue («في الموصل والفلوجة
// والرمادي») gives one event per place, the toll split evenly
// (ANNOTATION.md).
func (art *article) placeFrames(f *frame) []*frame {
	pick := func(lo, hi int, want placeVerdict) []int {
		var in []int
		for _, mi := range art.placesIn[f.sent] {
			m := &art.d.Mentions[mi]
			if m.Tok >= lo && m.Tok < hi && art.usablePlace(f, m.Index, want) {
				in = append(in, m.Index)
			}
		}
		return in
	}
	slo, shi := art.sentence(f.sent)
	cands := pick(f.lo, f.hi, placeUsable)
	countries := art.clauseCountries(f)
	// «تواصل الفصائل استهداف القواعد في سوريا والأردن، بالتزامن مع القصف
	// على المدينة»: when the first place after the cue is a country the act
	// is said to happen in, places further on belong to other words.
	if countries != nil && art.countryFirstAfterCue(f) {
		cands = nil
	}
	how := "place in the clause"
	if len(cands) == 0 && art.consequenceClause(f) {
		// «قصف على بلدتين في الجنوب، الأمر الذي أدى إلى مقتل خمسة»:
		// the toll is the strikes', wherever the rest of the sentence
		// goes on to; with no place of its own it joins them.
		f.rule("the consequence of the clause before: its place")
		return []*frame{f}
	}
	if len(cands) == 0 {
		cands = pick(slo, shi, placeUsable)
		how = "place in the sentence"
		f.loosePlace = len(cands) > 0
	}
	if len(cands) == 0 {
		cands = pick(slo, shi, placeOffice)
		how = "place of an office in the sentence"
		f.loosePlace = len(cands) > 0
	}
	if len(cands) == 0 {
		// «تواصل الفصائل استهداف القواعد في العراق وسوريا», «أعنف ضربات
		// في سوريا منذ بدء الحرب»: a clause that places the act in whole
		// countries tells of no one place (ANNOTATION.md asks for a
		// governorate at least); the article's focus, another occurrence's
		// place, is not where it happened. The frame may still join an
		// event of those countries that a later sentence places.
		if countries != nil {
			f.abroad = countries
			// «قتل زعيم الحركة في ضربة جوية في أفغانستان»: a lead names the
			// country and the next sentences the place in it.
			if p := art.placeInCountryAfter(f, countries); p != nil {
				f.place, f.precision, f.focusPlace = p, max(p.Precision, 2), true
				f.rule("the lead names the country, the body the place «" + p.Span.Text + "», precision lowered")
				return []*frame{f}
			}
			f.rule("placed only in a country: no place of its own")
			return []*frame{f}
		}
		if ctx := art.placeBefore[f.sent]; ctx >= 0 {
			p := &art.set.Places[ctx]
			f.place, f.precision, f.focusPlace = p, max(p.Precision, 2), true
			f.rule("place from the article's focus «" + p.Span.Text + "», precision lowered")
			return []*frame{f}
		}
		if f.sent > 0 {
			// The lead often names the place the next sentence gives; one
			// told much later is another story's.
			if p := art.firstPlace(); p != nil && art.a.SentenceOf(p.Tok) <= f.sent+2 && !art.aside(p) {
				f.place, f.precision, f.focusPlace = p, max(p.Precision, 2), true
				f.rule("place from the article's first place «" + p.Span.Text + "», precision lowered")
				return []*frame{f}
			}
		}
		if origin := pick(slo, shi, placeOrigin); len(origin) > 0 {
			f.place, f.precision, f.loosePlace = &art.set.Places[origin[0]], art.set.Places[origin[0]].Precision, true
			f.rule("the place it was fired from «" + f.place.Span.Text + "», as nothing else places it")
			return []*frame{f}
		}
		f.rule("no place")
		return []*frame{f}
	}
	// The first place after the cue, else the last before it.
	chosen := -1
	for _, i := range cands {
		if art.set.Places[i].Tok >= f.trig.Tok {
			chosen = i
			break
		}
	}
	if chosen < 0 {
		chosen = cands[len(cands)-1]
	}
	// «قاعدة عين الأسد غرب العراق»: a region right after a finer place
	// says where that place is; the finer one is where it happened.
	if prev, ok := art.locatedBefore(chosen, cands); ok {
		chosen = prev
		f.rule("a finer place that the region after it locates")
	}
	// «قصف على شرق المدينة، ولا سيما على حي الزهور وحي النصر»: a vague
	// place then the places it names in particular; the particular ones
	// are where it happened.
	if next, ok := art.particularAfter(chosen, cands, f.hi); ok {
		chosen = next
		f.rule("the places named in particular after a vague one")
	}
	list := art.placeList(chosen, cands, violent(f.typ) && art.set.Places[chosen].Tok < f.trig.Tok)
	f.place, f.precision = &art.set.Places[chosen], art.set.Places[chosen].Precision
	f.rule(how + " «" + f.place.Span.Text + "»")
	if len(list) < 2 {
		return []*frame{f}
	}
	// «هجوما متزامنا على الباغوز وهجين»: one attack on several fronts at
	// once is one event.
	if r := art.firstVerb(rules.StageFlag, "one-place-list", f); r != nil {
		f.ruled(r, "")
		return []*frame{f}
	}
	f.rule("one of a list of places: one event each")
	art.lists++
	f.list = art.lists
	out := make([]*frame, 0, len(list))
	tollAt := art.tollPlacedAt(f, list)
	again := false // «ومثلهم في …»: the places after it count as many
	for k, i := range list {
		g := *f
		g.rules = append([]string(nil), f.rules...)
		g.place, g.precision = &art.set.Places[i], art.set.Places[i].Precision
		asMany, one := art.tollAgain(art.set.Places[i].Tok)
		again = again || k > 0 && asMany
		switch {
		case f.fat == nil:
		case k > 0 && again:
			g.rule("as many dead at this place («ومثلهم»)")
		case k > 0 && one:
			w := art.set.Places[i].Tok - 2
			g.fat = &fatalities{count: 1, min: 1, span: art.a.TokenSpan(w, w+1), weak: true}
			g.rule("another of the dead at this place («وآخر») → 1")
		case k == 0 && len(list) > 1 && art.tollAgainBefore(art.set.Places[list[1]].Tok):
			// The first place keeps the toll told with it whole.
		case tollAt >= 0 && i == tollAt:
			g.rule("the toll is told at this place")
		case tollAt >= 0:
			g.fat = nil
		default:
			g.fat = f.fat.split(len(list), k)
		}
		out = append(out, &g)
	}
	return out
}

// tollAgain: the place at token t follows «ومثلهم في» (as many dead there)
// or «وآخر في» (one more), another toll of the same act.
func (art *article) tollAgain(t int) (asMany, one bool) {
	if t < 2 || art.a.Tokens[t-1].Text != "في" {
		return false, false
	}
	return art.in(t-2, art.x.cls.AsManyAgain), art.in(t-2, art.x.cls.AnotherOne)
}

// tollAgainBefore: «وآخر في X», «ومثلهم في X»: the place at token t is
// told with another toll of the same act, so it joins the list before it
// whatever the kind of act.
func (art *article) tollAgainBefore(t int) bool {
	asMany, one := art.tollAgain(t)
	return asMany || one
}

// tollPlacedAt: «غارات على بلدات X وY وZ، ما أدى إلى مقتل أربعة مدنيين في X»:
// the toll is told with one of the list's places right after it («في X»),
// whose event it is whole. It returns that place's index, or -1.
func (art *article) tollPlacedAt(f *frame, list []int) int {
	if f.fat == nil || f.fat.span.End == 0 {
		return -1
	}
	for _, mi := range art.placesIn[f.sent] {
		p := &art.set.Places[art.d.Mentions[mi].Index]
		if p.Span.Start < f.fat.span.End {
			continue
		}
		// «مقتل أربعة مدنيين في X»: the counted noun may stand between.
		words := strings.Fields(art.a.Slice(f.fat.span.End, p.Span.Start))
		if len(words) > 3 || len(words) == 0 && !strings.HasPrefix(p.Span.Text, "ب") || len(words) > 0 && words[len(words)-1] != "في" {
			return -1
		}
		for _, i := range list {
			if art.set.Places[i].Place.ID == p.Place.ID {
				return i
			}
		}
		return -1
	}
	return -1
}

// placeList returns the places coordinated with the chosen one by «و» or a
// comma, in text order: those after it, and with backward those before.
func (art *article) placeList(chosen int, cands []int, backward bool) []int {
	pos := -1
	for k, i := range cands {
		if i == chosen {
			pos = k
		}
	}
	// The chosen place may close a list when it is the last before the
	// cue of a strike («قصف موقعي X وY بالصواريخ»): take in the places
	// before it. A surrender or a deal told after the towns of a pocket
	// is one event.
	first := pos
	for first > 0 && art.listed(&art.set.Places[cands[first-1]], &art.set.Places[cands[first]]) &&
		(backward || art.tollAgainBefore(art.set.Places[cands[first]].Tok)) {
		first--
	}
	// «وفي الموصل قتل ثلاثة مدنيين ومثلهم في تلعفر»: the place fronted before
	// the toll heads the list that «ومثلهم في» goes on with.
	if t := art.set.Places[cands[first]].Tok; first > 0 && art.a.SentenceOf(art.set.Places[cands[first-1]].Tok) == art.a.SentenceOf(t) {
		if asMany, _ := art.tollAgain(t); asMany {
			first--
		}
	}
	list := []int{}
	for k := first; k <= pos; k++ {
		list = append(list, cands[k])
	}
	for k := pos + 1; k < len(cands); k++ {
		if !art.listed(&art.set.Places[cands[k-1]], &art.set.Places[cands[k]]) {
			break
		}
		list = append(list, cands[k])
	}
	return list
}

// listed says whether place p follows prev in a list: joined by «و» or a
// comma, and finer than a country. A town and a village, a camp and a
// district: any two places joined are two places.
func (art *article) listed(prev, p *gazetteer.Mention) bool {
	if p.Place.Kind == "country" || prev.Place.Kind == "country" {
		return false
	}
	// Quotation marks around names («موقعي "المطلة" و"زرعيت"»)
	// stand between the places of a list, not in their way.
	var between []string
	for j := prev.TokEnd; j < p.Tok; j++ {
		if t := art.a.Tokens[j].Text; t != "\"" {
			between = append(between, t)
		}
	}
	switch len(between) {
	case 0:
		return p.Span.Start > art.a.Tokens[p.Tok].Start // «والفلوجة»
	case 1:
		t := between[0]
		// «قاعدة عين الأسد وقاعدة التنف»: the second place's own head noun
		// may stand outside its name.
		return t == "و" || t == "،" || t == "," || strings.HasPrefix(t, "و") && art.in(prev.TokEnd, art.x.cls.PlaceHead)
	case 2:
		// «قتل متظاهر في الكوت وآخر في العمارة», «ثلاثة قتلى في الموصل
		// ومثلهم في تلعفر»: another of the dead, or as many, at the next
		// place of the list.
		if art.tollAgainBefore(p.Tok) && p.Tok-2 == prev.TokEnd {
			return true
		}
	case 3:
		// «عين الأسد، الحرير، كونيكو»: one word between two commas of a
		// list of places is an item the gazetteer does not know (or files
		// as a common word); the list goes on past it.
		if isListComma(between[0]) && isListComma(between[2]) && art.plainWordBetween(prev.TokEnd, p.Tok) {
			return true
		}
	}
	// «قاعدة عين الأسد في الأنبار وقاعدة التنف»: the wider place that locates
	// one of a list stands between it and the next.
	if loc := art.placeAt(prev.TokEnd + 1); loc != nil && loc.Tok < p.Tok && art.locates(prev, loc) {
		return art.listed(loc, p)
	}
	return false
}

// plainWordBetween: the one word between tokens lo and hi that is no
// quote is no mention of any kind (a date, a number, an actor, a cue would
// end the list).
func (art *article) plainWordBetween(lo, hi int) bool {
	for j := lo; j < hi; j++ {
		if t := art.a.Tokens[j].Text; t == "\"" || isListComma(t) {
			continue
		}
		if len(art.d.StartingAt(j)) > 0 || art.numberAt(j) != nil {
			return false
		}
	}
	return true
}

// placeAt is the place mention that starts at token tok, or nil.
func (art *article) placeAt(tok int) *gazetteer.Mention {
	if tok >= len(art.a.Tokens) {
		return nil
	}
	for _, mi := range art.placesIn[art.a.SentenceOf(tok)] {
		if p := art.placeM(mi); p.Tok == tok {
			return p
		}
	}
	return nil
}

// locates says whether p, right after «في» that follows place prev, is a
// wider place of the same province that says where prev is («قاعدة حرير
// في أربيل»).
func (art *article) locates(prev, p *gazetteer.Mention) bool {
	if p.Place.Kind == "country" || p.Place.Admin1Code != prev.Place.Admin1Code || p.Place == prev.Place {
		return false
	}
	if p.Tok != prev.TokEnd+1 || art.a.Tokens[prev.TokEnd].Text != "في" {
		return false
	}
	return p.Place.Kind == "region" || p.Place.Kind == "county" || p.Place.Population > prev.Place.Population
}

// locatedBefore: the vague place at chosen follows within a few words a
// finer place of the same country, which it situates.
func (art *article) locatedBefore(chosen int, cands []int) (int, bool) {
	p := &art.set.Places[chosen]
	if !vague(p, p.Precision) || p.Place.Kind == "country" {
		return 0, false
	}
	for k := len(cands) - 1; k >= 0; k-- {
		q := &art.set.Places[cands[k]]
		if q.TokEnd > p.Tok {
			continue
		}
		if p.Tok-q.TokEnd <= 4 && q.Place.Country == p.Place.Country && !vague(q, q.Precision) {
			return cands[k], true
		}
		break
	}
	return 0, false
}

// particularAfter: after the vague place at chosen, an elaboration word
// («ولا سيما», «خاصة», «منها») and a finer place within a few words.
func (art *article) particularAfter(chosen int, cands []int, hi int) (int, bool) {
	p := &art.set.Places[chosen]
	if !vague(p, p.Precision) {
		return 0, false
	}
	for i := p.TokEnd; i < hi && i < p.TokEnd+4; i++ {
		end, ok := art.d.ClassAt(i, art.x.cls.Elaboration)
		if !ok {
			continue
		}
		for _, k := range cands {
			q := &art.set.Places[k]
			if q.Tok >= end && q.Tok <= end+2 && !vague(q, q.Precision) {
				return k, true
			}
		}
	}
	return 0, false
}

// placeInCountryAfter is the first usable place finer than a country, in
// one of countries, within leadPlaceGap sentences after a frame of the
// article's lead (its first two sentences); nil for any other frame.
func (art *article) placeInCountryAfter(f *frame, countries []string) *gazetteer.Mention {
	if f.sent > 1 {
		return nil
	}
	for s := f.sent + 1; s <= f.sent+leadPlaceGap && s < len(art.placesIn); s++ {
		for _, mi := range art.placesIn[s] {
			i := art.d.Mentions[mi].Index
			p := &art.set.Places[i]
			if p.Place.Kind != "country" && art.placeVerdict[i] == placeUsable && slices.Contains(countries, p.Place.Country) && !art.aside(p) {
				return p
			}
		}
	}
	return nil
}

// leadPlaceGap is how many sentences after the lead may name its place.
const leadPlaceGap = 2

// firstPlace is the article's first usable place finer than a country,
// which a headline often leaves for the body to name.
func (art *article) firstPlace() *gazetteer.Mention {
	for i := range art.set.Places {
		p := &art.set.Places[i]
		if p.Place.Kind != "country" && art.placeVerdict[i] == placeUsable {
			return p
		}
	}
	return nil
}

// aside: place p stands in a sentence that opens as a reminder of
// something else («يذكر أن مسلحين كانوا قد هاجموا حاجزا في تعز»):
// its place is that other occurrence's.
func (art *article) aside(p *gazetteer.Mention) bool {
	lo, _ := art.sentence(art.a.SentenceOf(p.Tok))
	_, ok := art.d.ClassAt(lo, art.x.cls.AsideOpener)
	return ok
}

func (art *article) locationRecord(f *frame) *event.Location {
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

// consequenceClause: the frame's clause opens with «الأمر الذي», «وهو ما»
// and so tells what the clause before it led to.
func (art *article) consequenceClause(f *frame) bool {
	slo, _ := art.sentence(f.sent)
	if f.lo <= slo {
		return false
	}
	for i := max(slo, f.lo-1); i <= f.lo; i++ {
		if _, ok := art.d.ClassAt(i, art.x.cls.Consequence); ok {
			return true
		}
	}
	return false
}
