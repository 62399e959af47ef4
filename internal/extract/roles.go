package extract

import (
	"strings"

	"rasd/internal/triggers"

	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/text"
)

// priority ranks cue classes when one clause holds several: the most
// specific means of violence names the event («هجوم انتحاري» is a suicide
// bomb, «مقتل» alone only says someone died).
func priority(class string) int {
	switch class {
	case "suicide":
		return 100
	case "chemical":
		return 95
	case "barrel_bomb":
		return 92
	case "car_bomb":
		return 90
	case "ied", "landmine":
		return 85
	case "grenade":
		return 84
	case "airstrike", "drone":
		return 80
	case "shelling":
		return 75
	case "capture", "recapture":
		return 70
	case "explosion":
		return 68
	case "landing":
		return 65
	case "storm":
		return 62
	case "abduction":
		return 60
	case "raid":
		return 55
	case "execution", "assassination", "sexual_violence", "torture":
		return 50
	case "protest_force":
		return 48
	case "ambush":
		return 45
	case "shooting":
		return 44
	case "attack":
		return 40
	case "arrest":
		// Below an attack: «هجوم أسفر عن مقتل 10 وأسر 35» is the attack.
		return 39
	case "repel":
		return 38
	case "clash":
		return 35
	case "looting", "destruction", "arson", "defusal", "weapons_seized", "foiled", "interception":
		return 30
	case "operation":
		// Above a weapon defused in it: «عملية تطهير … وتفكيك 21 عبوة».
		return 33
	case "agreement", "exchange":
		return 25
	case "handover", "repatriation", "release", "surrender", "withdrawal":
		return 20
	case "curfew", "emergency", "mobilisation", "recruitment", "base", "defection":
		return 15
	case "protest_intervention":
		return 14
	case "protest", "riot", "mob":
		return 12
	case "infiltration", "displacement", "evacuation":
		return 8
	case "injury":
		return 6
	case "death":
		return 5
	}
	return 10
}

// weakClass cues need an actor or a toll beside them to count as an event;
// the means-of-violence cues stand on their own.
func weakClass(class string) bool {
	switch class {
	case "suicide", "chemical", "barrel_bomb", "car_bomb", "ied", "landmine", "grenade", "airstrike", "drone", "shelling", "explosion":
		return false
	}
	return true
}

type role uint8

const (
	neutral role = iota
	agent
	target
	assoc
	alternative
	aside // named, but in no slot of the event
)

// actorRole reads the words around an actor mention: «من قبل X», «هجوم
// شنه X» make X the agent, «على X», «موقعا لـX» the target, «بالتعاون مع X»
// a joint actor, «مقتل 7 من عناصر X» the side that lost them.
func (d *article) actorRole(m *actors.Mention) role {
	a := d.a
	if m.Actor.VocabID() == "CIVILIANS" || m.Kind == "victim" {
		return target
	}
	p1 := d.prevWord(m.Tok)
	p2 := d.prevWord(p1)
	switch {
	case agentAfterMin.has(a, p1) && minWords.has(a, p2),
		agentAfterAla.has(a, p1) && alaWords.has(a, p2),
		agentDirect.has(a, p1), agentVerbs.has(a, p1),
		memberWords.has(a, p1) && agentVerbs.has(a, p2):
		return agent
	case d.airborne(m) && strikeVerbs.has(a, p1):
		// «استهدفت مقاتلات التحالف مراكز للتنظيم»: aircraft after the verb
		// are its subject.
		return agent
	case withWords.has(a, p1) && d.clashNoun(p2):
		// «بعد معارك عنيفة مع فصائل المعارضة»: fought, not joined.
		return target
	case assocHeads.has(a, p1) && d.accused(m.Tok):
		// «بتهمة التعاون مع القوات»: named in the charge, no side here.
		return aside
	case assocHeads.has(a, p1), assocHeads.has(a, p2) && (minWords.has(a, p1) || p1 == p2-1 && a.Tokens[p1].Kind == text.Word):
		return assoc
	case d.targetHead(p1) && !minWords.has(a, p1),
		memberWords.has(a, p1) && d.targetHead(p2),
		minWords.has(a, p1) && memberWords.has(a, p2) && d.targetHead(d.prevWord(p2)), // «على مقاتلين من المعارضة»
		belongWords.has(a, p1) && d.targetHead(d.prevWord(p2)),
		belongWords.has(a, p1) && d.targetHead(p2):
		return target
	case d.countedVictims(m):
		return target
	case orWords.has(a, p1):
		return alternative
	}
	return neutral
}

// targetHead: a word after which an actor is what was attacked: «على»,
// «ضد», «استهدف», «موقع», «دورية» (also in the accusative: «رتلا», «موقعا»).
func (d *article) targetHead(i int) bool {
	if i < 0 {
		return false
	}
	if targetHeads.has(d.a, i) {
		return true
	}
	for _, f := range d.a.Forms(i) {
		if f.Kind&text.Suffix == 0 && strings.HasSuffix(f.Text, "ا") && len([]rune(f.Text)) > 3 && targetHeads[strings.TrimSuffix(f.Text, "ا")] {
			return true
		}
	}
	return false
}

// countedVictims recognises «مقتل 7 من عناصر X», «قتل عنصر في X», «7 عناصر
// من X قتلوا»: the actor whose members were counted among the dead, the
// wounded or the captured. Without such a word near, «عناصر من X» are
// simply X's men, as in «شن عناصر من داعش هجوما».
func (d *article) countedVictims(m *actors.Mention) bool {
	a := d.a
	p1 := d.prevWord(m.Tok)
	// «من تنظيم / داعش /»: the group's noun may stand apart from its name;
	// «أمير تلك الخلايا»: so may a demonstrative.
	if orgWords.has(a, p1) || demonstratives.has(a, p1) {
		p1 = d.prevWord(p1)
	}
	// «مقتل 15 إرهابيا», «قتل جندي تركي»: the mention is itself the count.
	if a.Tokens[max(p1, 0)].Kind == text.Number || d.numberAt(p1) || casualtyWords.has(a, p1) && singlePersons.has(a, m.Tok) {
		for i, k := p1, 0; i >= 0 && k < 4; i, k = d.prevWord(i), k+1 {
			if casualtyWords.has(a, i) {
				return true
			}
		}
	}
	if !minWords.has(a, p1) && !memberWords.has(a, p1) && !inWords.has(a, p1) {
		return false
	}
	counted := false
	for i, k := p1, 0; i >= 0 && k < 3; i, k = d.prevWord(i), k+1 {
		if a.Tokens[i].Kind == text.Number || memberWords.has(a, i) || d.numberAt(i) {
			counted = true
		}
	}
	if !counted {
		return false
	}
	sen := a.Sentences[a.SentenceOf(m.Tok)]
	for i, k := p1, 0; i >= sen.TokStart && k < 7; i, k = d.prevWord(i), k+1 {
		if casualtyWords.has(a, i) {
			return true
		}
	}
	for i := m.TokEnd; i < sen.TokEnd && i < m.TokEnd+4; i++ {
		if casualtyWords.has(a, i) {
			return true
		}
	}
	return false
}

// numberAt reports whether a number mention («سبعة», «عشرات») covers token i.
func (d *article) numberAt(i int) bool {
	s := d.a.SentenceOf(i)
	if s >= len(d.numbersIn) {
		return false
	}
	for _, k := range d.numbersIn[s] {
		if n := &d.set.Numbers[k]; i >= n.Tok && i < n.TokEnd {
			return true
		}
	}
	return false
}

// usableActor: a lone nationality adjective («مدينة حمص السورية», «الرئيس
// الأمريكي») or a country named as a place («في سوريا», «شمالي العراق») is
// no side of an event; a joint actor may be named by an adjective («بدعم
// روسي»).
func (d *article) usableActor(m *actors.Mention, r role) bool {
	if m.Tok < d.datelineEnd {
		return false
	}
	switch m.Kind {
	case "adjective":
		return r == assoc || r == alternative
	case "country":
		p := d.prevWord(m.Tok)
		if p >= 0 && placePreps.has(d.a, p) {
			return false
		}
		// «قرب الحدود مع العراق»: a neighbour named for its border.
		if p >= 0 && withWords.has(d.a, p) && borderWords.has(d.a, d.prevWord(p)) {
			return false
		}
		// «بسوريا», «للعراق»: a preposition makes it a place (not «ال»).
		sp := strings.TrimPrefix(strings.TrimPrefix(d.mentionPrefix(m), "و"), "ف")
		if strings.HasPrefix(sp, "ب") || sp == "ل" || sp == "لل" {
			return false
		}
	}
	return true
}

// mentionPrefix is the normalised proclitics the actor mention's first word shed.
func (d *article) mentionPrefix(m *actors.Mention) string {
	tok := d.a.Tokens[m.Tok]
	if m.Span.Start <= tok.Start {
		return ""
	}
	return text.NormalizeString(string(d.a.Orig[tok.Start:m.Span.Start]))
}

// prevWord is the index of the word before token i, skipping quotes and
// brackets; -1 at the start of the text.
func (d *article) prevWord(i int) int {
	for j := i - 1; j >= 0; j-- {
		t := d.a.Tokens[j]
		if t.Kind == text.Punct && strings.ContainsAny(t.Text, "\"'()[]-–—/«»“”") {
			continue
		}
		return j
	}
	return -1
}

// lPrefixed: «هجوم لداعش», «لـ«قسد»»: ل marks the owner of a noun cue.
func (d *article) lPrefixed(m *actors.Mention) bool {
	t := d.a.Tokens[m.Tok]
	if m.Span.Start > t.Start {
		skipped := string(d.a.Orig[t.Start:m.Span.Start])
		return strings.HasSuffix(strings.TrimRight(skipped, "ـ"), "ل")
	}
	p := d.prevWord(m.Tok)
	return p >= 0 && d.a.Tokens[p].Text == "ل"
}

type candidate struct {
	m    *actors.Mention
	role role
}

// fillRoles assigns actor1, actor2 and their associates from the clause,
// falling back to the whole sentence when the clause names nobody.
func (d *article) fillRoles(f *frame) {
	sen := d.a.Sentences[f.sent]
	var cands []candidate
	collect := func(lo, hi int) {
		cands = cands[:0]
		for _, i := range d.actorsIn[f.sent] {
			m := &d.set.Actors[i]
			if m.Tok < lo || m.Tok >= hi {
				continue
			}
			var r role
			switch {
			case m.Tok >= f.trig.Tok && m.TokEnd > f.trig.TokEnd && m.Tok < f.trig.TokEnd:
				// «طائرات حربية روسية» holds the cue «طائرات حربية»: its
				// owner is the one who struck.
				r = agent
			case m.Tok >= f.trig.Tok && m.Tok < f.trig.TokEnd:
				continue
			default:
				r = d.actorRole(m)
			}
			if r == aside || !d.usableActor(m, r) {
				continue
			}
			if d.speaker(m, f.trig.Tok) {
				if f.speaker == nil {
					f.speaker = m
				}
				continue
			}
			cands = append(cands, candidate{m, r})
		}
	}
	collect(f.lo, f.hi)
	onlyJoint := len(cands) > 0
	for _, c := range cands {
		if c.role != assoc {
			onlyJoint = false
		}
	}
	if onlyJoint && f.lo > sen.TokStart {
		// «… عقب تنفيذه عملية مشتركة بالتعاون مع قسد»: the one acting is
		// the subject of an earlier clause.
		joint := append([]candidate(nil), cands...)
		collect(sen.TokStart, f.lo)
		for _, c := range cands {
			if c.role == neutral {
				f.actor1 = c.m
				f.rule("actor1 from an earlier clause «" + c.m.Span.Text + "» → " + c.m.Actor.VocabID())
				break
			}
		}
		cands = joint
	}
	if len(cands) == 0 && f.lo > sen.TokStart {
		// An earlier clause may name who the clause goes on about; a later
		// one mostly tells of something else.
		collect(sen.TokStart, f.lo)
		if len(cands) > 0 {
			f.rule("actors from an earlier clause")
		}
	}
	if len(cands) == 0 {
		return
	}
	tStart, tEnd := f.trig.Tok, f.trig.TokEnd
	verb := f.trig.Trigger.POS == "verb"
	pick := func(c *candidate, why string) *actors.Mention {
		f.rule(why + " «" + c.m.Span.Text + "» → " + c.m.Actor.VocabID())
		return c.m
	}
	first := func(ok func(c *candidate) bool) *candidate {
		for i := range cands {
			if ok(&cands[i]) {
				return &cands[i]
			}
		}
		return nil
	}
	last := func(ok func(c *candidate) bool) *candidate {
		for i := len(cands) - 1; i >= 0; i-- {
			if ok(&cands[i]) {
				return &cands[i]
			}
		}
		return nil
	}
	// «اغتيال محمود المبحوح، أحد قيادات كتائب القسام», «اعتقال قيادي في
	// داعش»: after a cue done to a person, the group he belongs to is the
	// side hit.
	if personTargeted(f.class) {
		for i := range cands {
			c := &cands[i]
			p := d.prevWord(c.m.Tok)
			if p >= 0 && d.a.Tokens[p].Text == "في" {
				p = d.prevWord(p)
			}
			if c.role == neutral && c.m.Tok >= tEnd && belongingHeads.has(d.a, p) {
				c.role = target
			}
		}
	}
	// An actor named as the one attacked or counted among the dead is not
	// also the one who acted.
	targeted := map[string]bool{}
	for _, c := range cands {
		if c.role == target {
			targeted[c.m.Actor.VocabID()] = true
		}
	}
	for i := range cands {
		if cands[i].role == neutral && targeted[cands[i].m.Actor.VocabID()] {
			cands[i].role = target
		}
	}
	// Fighting has two sides: the one named first is actor1, the one it
	// fought «مع» actor2; who died does not say who attacked.
	if f.class == "clash" {
		for i := range cands {
			c := &cands[i]
			if c.role == target && c.m.Actor.VocabID() != "CIVILIANS" {
				c.role = neutral
			}
			if p := d.prevWord(c.m.Tok); p >= 0 && (withWords.has(d.a, p) || memberWords.has(d.a, p) && withWords.has(d.a, d.prevWord(p))) {
				c.role = target
			}
		}
	}
	// Agent: an explicit marker wins, then word order.
	if f.actor1 != nil {
		// Already taken from an earlier clause.
	} else if c := first(func(c *candidate) bool { return c.role == agent }); c != nil {
		f.actor1 = pick(c, "actor1 by agent marker")
	}
	if f.actor1 == nil && verb {
		if c := first(func(c *candidate) bool { return c.role == neutral && c.m.Tok >= tEnd && c.m.Tok-tEnd <= 4 }); c != nil {
			f.actor1 = pick(c, "actor1: subject after the verb")
		} else if c := last(func(c *candidate) bool { return c.role == neutral && c.m.TokEnd <= tStart && tStart-c.m.TokEnd <= 2 }); c != nil {
			f.actor1 = pick(c, "actor1: subject before the verb")
		}
	}
	if f.actor1 == nil && !verb {
		if c := first(func(c *candidate) bool {
			return c.role == neutral && c.m.Tok >= tEnd && c.m.Tok-tEnd <= 2 && d.lPrefixed(c.m)
		}); c != nil {
			f.actor1 = pick(c, "actor1: «ل» owner of the noun")
		} else if c := first(func(c *candidate) bool {
			return c.role == neutral && c.m.Tok == tEnd && d.mentionPrefix(c.m) == "" && d.objectFollows(c.m, f.hi)
		}); c != nil {
			f.actor1 = pick(c, "actor1: doer between the verbal noun and its object")
		} else if c := last(func(c *candidate) bool {
			return c.role == neutral && c.m.TokEnd <= tStart && d.lightVerbSubject(c.m, tStart)
		}); c != nil {
			f.actor1 = pick(c, "actor1: subject of the verb that governs the noun")
		}
	}
	if f.actor1 == nil {
		if c := last(func(c *candidate) bool { return c.role == neutral && c.m.Tok < tStart }); c != nil {
			f.actor1 = pick(c, "actor1: nearest actor before the cue")
		}
	}
	if f.actor1 == nil {
		// Only near: far after the cue an actor is mostly in another
		// statement («… في الغوطة، وانتقد روسيا»).
		if c := first(func(c *candidate) bool {
			return c.role == neutral && c.m.Tok >= tEnd && c.m.Tok-tEnd <= 6 && (f.class != "death" || c.m.Tok-tEnd > 3)
		}); c != nil {
			f.actor1 = pick(c, "actor1: first actor after the cue")
		}
	}
	// Alternatives («طائرات سورية أو روسية»): unidentified, suspected.
	for i := range cands {
		if cands[i].role == alternative && f.actor1 != nil && cands[i].m.Actor.VocabID() != f.actor1.Actor.VocabID() {
			f.certainty = event.Suspected
			f.rule("two alternative perpetrators → actor1 UNIDENTIFIED, suspected")
			f.actor1 = d.unidentified(cands[i].m.Span, cands[i].m.Tok, cands[i].m.TokEnd)
			// Neither alternative is a side: not an associate either.
			for j := range cands {
				if cands[j].role == alternative || cands[j].role == neutral && cands[j].m.TokEnd <= cands[i].m.Tok && cands[i].m.Tok-cands[j].m.TokEnd <= 2 {
					cands[j].role = aside
				}
			}
			break
		}
	}
	// Target.
	for _, want := range []role{target, neutral} {
		for i := range cands {
			c := &cands[i]
			if c.role != want || c.m == f.actor1 || (f.actor1 != nil && c.m.Actor.VocabID() == f.actor1.Actor.VocabID()) {
				continue
			}
			if want == neutral && (c.m.Tok < tStart && f.actor1 != nil || c.m.Tok > tEnd+8) {
				continue
			}
			f.actor2 = pick(c, map[role]string{target: "actor2 by target marker", neutral: "actor2: remaining actor"}[want])
			break
		}
		if f.actor2 != nil {
			break
		}
	}
	// Associates: marked joint actors, and actors joined by «و» right after
	// actor1 or actor2 («قسد والتحالف»).
	for i := range cands {
		c := &cands[i]
		if c.m == f.actor1 || c.m == f.actor2 || c.role == aside {
			continue
		}
		switch {
		case c.role == assoc && f.actor2 != nil && sideOf(c.m, f.actor2) && !sideOf(c.m, f.actor1):
			// «استهدفت دوريات مشتركة مع التحالف» after «هاجم داعش قسد»:
			// the joint force is the one attacked.
			f.assoc2 = appendActor(f.assoc2, c.m, f.actor2)
		case c.role == assoc && f.actor1 != nil:
			f.assoc1 = appendActor(f.assoc1, c.m, f.actor1)
		case f.actor1 != nil && d.conjoined(f.actor1, c.m):
			f.assoc1 = appendActor(f.assoc1, c.m, f.actor1)
		case f.actor2 != nil && d.conjoined(f.actor2, c.m):
			f.assoc2 = appendActor(f.assoc2, c.m, f.actor2)
		}
	}
}

// personTargeted: cues whose object is a person: killed, seized, held.
func personTargeted(class string) bool {
	switch class {
	case "assassination", "death", "execution", "abduction", "arrest":
		return true
	}
	return false
}

// objectFollows: «استعادة قوات النظام السيطرة على», «قصف الطيران الروسي
// لبلدة»: after a verbal noun and its genitive comes an object, so the
// genitive is the doer, not the one done to (as in «استهداف قوات النظام»).
func (d *article) objectFollows(m *actors.Mention, hi int) bool {
	n := d.nextWord(m.TokEnd-1, hi)
	if n < 0 {
		return false
	}
	if alaWords.has(d.a, n) {
		// «مقتل X على يد Y»: Y did it; «تصفية X على الفور»: no object.
		nn := d.nextWord(n, hi)
		return nn < 0 || !notObjectAfterAla.has(d.a, nn)
	}
	if controlWords.has(d.a, n) {
		return true
	}
	t := d.a.Tokens[n].Text
	return strings.HasPrefix(t, "لل") || strings.HasPrefix(t, "ل") && d.targetHead(n)
}

// lightVerbSubject: «شن مسلحو داعش هجوما», «وتلك الخلايا نفذت عشرات
// العمليات»: the actor is the subject of the light verb that governs the
// noun cue at tStart.
func (d *article) lightVerbSubject(m *actors.Mention, tStart int) bool {
	a := d.a
	// Verb, then subject, then the cue.
	if v := d.prevWord(m.Tok); v >= 0 && lightVerbs.has(a, v) && tStart-m.TokEnd <= 2 {
		return true
	}
	// Subject, then verb, then the cue (with a count between: «عشرات»).
	for i := m.TokEnd; i < tStart && i < m.TokEnd+1; i++ {
		if lightVerbs.has(a, i) && tStart-i <= 3 {
			return true
		}
	}
	return false
}

// conjoined: b follows a with only «و» (or a comma) between them.
func (d *article) conjoined(a, b *actors.Mention) bool {
	if b.Tok < a.TokEnd || b.Tok-a.TokEnd > 1 {
		return false
	}
	if b.Tok == a.TokEnd {
		for _, f := range d.a.Forms(b.Tok) {
			if f.Kind&text.Conj != 0 && b.Span.Start > d.a.Tokens[b.Tok].Start {
				return true
			}
		}
		return false
	}
	t := d.a.Tokens[a.TokEnd]
	return t.Text == "و" || t.Text == "،" || t.Text == ","
}

func appendActor(list []*actors.Mention, m, main *actors.Mention) []*actors.Mention {
	if m.Actor.VocabID() == main.Actor.VocabID() {
		return list
	}
	for _, x := range list {
		if x.Actor.VocabID() == m.Actor.VocabID() {
			return list
		}
	}
	return append(list, m)
}

// unidentified stands an UNIDENTIFIED actor on the words that show the
// perpetrator is unknown.
func (d *article) unidentified(sp text.Span, tok, tokEnd int) *actors.Mention {
	return &actors.Mention{Span: sp, Tok: tok, TokEnd: tokEnd, Actor: d.known.unknown, Kind: "name"}
}

func isState(m *actors.Mention) bool {
	return m != nil && (strings.HasPrefix(m.Actor.VocabID(), "STATE:") || m.Actor.VocabID() == "PMF" || m.Actor.VocabID() == "NDF")
}

func isCivilians(m *actors.Mention) bool { return m != nil && m.Actor.VocabID() == "CIVILIANS" }

// decideType turns the cue's candidate type into the event's type, given
// who acted on whom (ANNOTATION.md: an attack on civilians is Violence
// against civilians; on a patrol, a Battle).
func (d *article) decideType(f *frame, clauseTriggers []int) {
	set := func(typ, sub, why string) {
		if f.typ != typ || f.sub != sub {
			f.typ, f.sub = typ, sub
			f.rule(why)
		}
	}
	switch f.class {
	case "attack", "clash", "ambush", "death", "assassination", "shooting", "storm", "repel", "operation", "torture":
		if f.class == "attack" && d.airborne(f.actor1) {
			// «مقاتلات التحالف … استهدفت مراكز تجمع لداعش»
			f.class = "airstrike"
			set(event.Explosions, "Air/drone strike", "aircraft attacked → Explosions/Remote violence / Air/drone strike")
		} else if isCivilians(f.actor2) {
			set(event.VAC, "Attack", "victims are civilians → Violence against civilians / Attack")
		} else if f.class == "assassination" && f.actor2 == nil {
			// «اغتال مسلحون مختار القرية»: one person killed, no force
			// named on his side.
			set(event.VAC, "Attack", "an assassination with no armed side hit → Violence against civilians / Attack")
		} else {
			set(event.Battles, "Armed clash", "armed actors on both sides → Battles / Armed clash")
		}
	case "execution":
		set(event.VAC, "Attack", "execution of a captive → Violence against civilians / Attack")
		// «تنفيذ أحكام الإعدام بحق 13 مدانا»: a court's sentence carried out
		// is no political violence ACLED codes.
		if d.rangeHas(f.lo, f.hi, judicialWords) {
			f.onlyToMerge = true
			f.rule("a judicial execution → not coded")
		}
	case "shelling":
		// «قصفت طائرات التحالف مواقع»: what shells from the air strikes.
		if d.rangeHas(max(f.lo, f.trig.Tok-3), min(f.hi, f.trig.TokEnd+3), aviationWords) || d.airborne(f.actor1) {
			f.class = "airstrike"
			set(event.Explosions, "Air/drone strike", "aircraft shelled → Explosions/Remote violence / Air/drone strike")
		}
	case "destruction", "arson":
		// «أحرقت ثلاثة شبان حتى الموت»: people, not property, were destroyed.
		if isCivilians(f.actor2) || d.clauseHas(f, toDeath) {
			f.class = "execution"
			set(event.VAC, "Attack", "people burned or destroyed → Violence against civilians / Attack")
		} else if d.rangeHas(f.lo, f.trig.Tok, aviationWords) {
			// «طيران الجيش دمرت مقر التنظيم»: destroyed from the air.
			f.class = "airstrike"
			set(event.Explosions, "Air/drone strike", "aircraft destroyed it → Explosions/Remote violence / Air/drone strike")
		} else if d.rangeHas(f.lo, f.trig.Tok, artilleryWords) {
			f.class = "shelling"
			set(event.Explosions, "Shelling/artillery/missile attack", "artillery destroyed it → Explosions/Remote violence / Shelling")
		} else if d.clauseKills(f) {
			// «دمرت القوات مقر التنظيم، مما أسفر عن مقتل العشرات»: an attack.
			f.class = "attack"
			set(event.Battles, "Armed clash", "destruction that killed fighters → Battles / Armed clash")
		}
	case "landing":
		arrest := false
		for _, ti := range d.triggersIn[f.sent] {
			if d.set.Triggers[ti].Trigger.Class == "arrest" {
				arrest = true
			}
		}
		if arrest {
			set(event.Strategic, "Arrests", "air landing ending in arrests → Strategic developments / Arrests")
		} else {
			set(event.Battles, "Armed clash", "air landing raid → Battles / Armed clash")
		}
	case "capture", "recapture":
		if isState(f.actor1) {
			set(event.Battles, "Government regains territory", "state forces take ground → Government regains territory")
		} else if f.actor1 != nil {
			set(event.Battles, "Non-state actor overtakes territory", "non-state actor takes ground → Non-state actor overtakes territory")
		}
	case "arrest", "raid":
		if f.actor1 != nil && (f.actor1.Actor.VocabID() == "ISIS" || f.actor1.Actor.VocabID() == "UNIDENTIFIED") {
			set(event.VAC, "Abduction/forced disappearance", "seizure by a group that runs no courts → Abduction")
		}
	}
	// Protesters are no armed side: «مواجهات بين متظاهرين وقوات الشرطة» is
	// a riot, «قتل متظاهر برصاص الحراس» force used against a protest.
	if violent(f.typ) && f.typ != event.Protests && (isProtesters(f.actor1) || isProtesters(f.actor2)) {
		hit := isProtesters(f.actor2) && !isProtesters(f.actor1)
		if isProtesters(f.actor1) && f.actor2 == nil && (deathWords.has(d.a, d.prevWord(f.actor1.Tok)) || d.countedVictims(f.actor1)) {
			hit = true // «قتل متظاهر برصاص الحراس»
		}
		if hit {
			if !isProtesters(f.actor1) {
				f.actor1, f.actor2 = f.actor2, f.actor1
			}
			if d.clauseKills(f) {
				set(event.Protests, "Excessive force against protesters", "protesters killed → Protests / Excessive force against protesters")
				return
			}
			set(event.Protests, "Protest with intervention", "force used on protesters → Protests / Protest with intervention")
			return
		}
		set(event.Riots, "Violent demonstration", "protesters in a fight → Riots / Violent demonstration")
	}
}

// sideOf: m is side's own actor or one of its camp.
func sideOf(m, side *actors.Mention) bool {
	return m != nil && side != nil && (m.Actor.VocabID() == side.Actor.VocabID() || m.Actor.Allied(side.Actor))
}

// airborne: the actor is named by its aircraft («مقاتلات التحالف»,
// «الطيران الروسي»).
func (d *article) airborne(m *actors.Mention) bool {
	return m != nil && aviationWords.has(d.a, m.Tok)
}

func isProtesters(m *actors.Mention) bool { return m != nil && m.Actor.VocabID() == "PROTESTERS" }

// modal reports a hypothetical, fear, plan or negation governing the cue at
// token t: «تحسبا من عمليات قد تشنها», «لم يهاجم», «يخطط لشن هجوم».
func (d *article) modal(m *triggers.Mention, lo int) bool {
	a := d.a
	t := m.Tok
	// «لاستعادة», «لتحرير», «لشن»: a purpose, not something done.
	p := d.shedPrefix(m)
	if (p == "ل" || p == "ول" || p == "فل") && m.Trigger.POS != "verb" {
		return true
	}
	// «ستستعيدها»: the future is not news.
	if m.Trigger.POS == "verb" && strings.HasSuffix(p, "س") {
		return true
	}
	// «منذ سيطرته على …» dates something else by this event.
	if q := d.prevWord(t); q >= lo && sinceWords.has(a, q) {
		return true
	}
	from := max(t-4, lo)
	for i := max(t-6, lo); i < t; i++ {
		if cessationWords.has(a, i) {
			return true
		}
	}
	// «يستهدف استعادة المحافظة»: aims at, not yet done.
	if q := d.prevWord(t); q >= lo && m.Trigger.POS != "verb" && aimVerbs.has(a, q) {
		return true
	}
	for i := from; i < t; i++ {
		switch {
		case modalCues.has(a, i):
			return true
		case qad.has(a, i) && i+1 < len(a.Tokens) && presentVerb(a.Tokens[i+1].Text):
			return true
		}
	}
	// «أن يستعيد النظام», «لكي يسيطر»: a present verb after «أن» is wished
	// or planned.
	if q := d.prevWord(t); q >= lo && m.Trigger.POS == "verb" && subjunctive.has(a, q) && presentVerb(a.Tokens[t].Text) {
		return true
	}
	// «ما هاجم»: «ما» negates only the verb it stands before.
	if q := d.prevWord(t); q >= lo && m.Trigger.POS == "verb" && negationMa.has(a, q) {
		return true
	}
	// «لا يزال التنظيم يشن هجمات», «ويطالب داعش … بإطلاق سراح»: an
	// ongoing state or a demand, however far the cue.
	for i := lo; i < t; i++ {
		if stateCues.has(a, i) || demandWords.has(a, i) || warnings.has(a, i) {
			return true
		}
	}
	// «هجوم محتمل», «عملية مرتقبة»: the adjective makes it a prospect.
	for i := m.TokEnd; i < len(a.Tokens) && i < m.TokEnd+3; i++ {
		if prospectAfter.has(a, i) {
			return true
		}
	}
	return false
}

// presentVerb: an imperfect-looking word, as after «قد» ("may").
func presentVerb(w string) bool {
	r := []rune(w)
	return len(r) >= 3 && (r[0] == 'ي' || r[0] == 'ت' || r[0] == 'ن')
}

// clauseHas reports whether a phrase of ps occurs in the frame's clause.
func (d *article) clauseHas(f *frame, ps phraseSet) bool {
	for i := f.lo; i < f.hi; i++ {
		if ps.matchAt(d.a, i, f.hi) {
			return true
		}
	}
	return false
}

// speaker: «قال مصدر في الشرطة إن …», «أفاد الموقع الرسمي للحشد الشعبي
// أن …», «وفق ما أفاد المرصد»: the actor is who tells the news, between a
// verb of saying and the «أن» that opens what it said, and the cue comes
// after.
func (d *article) speaker(m *actors.Mention, trig int) bool {
	a := d.a
	if trig < m.TokEnd {
		return false
	}
	sen := a.Sentences[a.SentenceOf(m.Tok)]
	said := -1
	for i, k := d.prevWord(m.Tok), 0; i >= sen.TokStart && k < 8; i, k = d.prevWord(i), k+1 {
		if d.triggerAt[i] {
			return false
		}
		if speechWords.has(a, i) || sourceWords.has(a, i) {
			said = i
			break
		}
	}
	if said < 0 {
		return false
	}
	for i := m.TokEnd; i <= trig && i < m.TokEnd+8; i++ {
		if complementizers.has(a, i) || alaWords.has(a, i) && i == m.TokEnd {
			return true
		}
		if d.triggerAt[i] {
			return i == trig && d.a.Tokens[i].Kind == text.Word && speechPreps.has(a, i)
		}
	}
	return false
}

// implyActors fills the sides the text leaves to the reader, after the
// mentions of one event have been merged:
//   - people killed or hurt in a bombing or shooting with no side named
//     («قتل شخصان في انفجار قنبلة في سوق») are civilians;
//   - fighters counted without their group («مقتل 24 إرهابيا», «القبض
//     على العناصر») belong to the armed group the article is about;
//   - members of an armed group killed in Iraq with nobody named as killing
//     them were killed by the Iraqi forces that announce such tolls.
func (d *article) implyActors(f *frame) {
	if f.actor2 == nil && violent(f.typ) && f.fat != nil && (d.spanHas(f.fat.span, peopleWords) || d.wordAfterSpan(f.fat.span, peopleWords)) {
		f.actor2 = &actors.Mention{Span: f.fat.span, Actor: d.known.civilians, Kind: "victim"}
		f.rule("people killed with no side named → actor2 CIVILIANS")
		if f.typ == event.Battles && f.sub == "Armed clash" && f.class != "clash" {
			f.typ, f.sub = event.VAC, "Attack"
			f.rule("an attack on civilians → Violence against civilians / Attack")
		}
	}
	// «قتل شرطيان», «مقتل ثلاثة جنود»: police and soldiers with no force
	// named are the state's where it happened.
	if f.actor2 == nil && violent(f.typ) && f.place != nil && d.rangeHas(f.lo, f.hi, stateMenWords) {
		if st := d.known.states[f.place.Place.Country]; st != nil {
			f.actor2 = &actors.Mention{Span: f.trig.Span, Tok: f.trig.Tok, TokEnd: f.trig.TokEnd, Actor: st, Kind: "name"}
			f.rule("police or soldiers with no force named → actor2 " + st.ID)
		}
	}
	if f.typ == event.Protests && f.actor1 != nil && (isState(f.actor1) || f.actor1.Kind == "country" || f.actor1.Kind == "adjective") {
		// «نزل آلاف الأردنيين … احتجاجا على سياسات الحكومة»: the people
		// protest; a state is only ever the one protested against or the
		// police who intervene.
		if f.actor2 == nil && f.sub == "Protest with intervention" && isState(f.actor1) {
			f.actor2 = f.actor1
		}
		f.rule("a state does not protest → actor1 PROTESTERS")
		f.actor1 = nil
	}
	if f.actor1 == nil && f.typ == event.Protests {
		f.actor1 = &actors.Mention{Span: f.trig.Span, Tok: f.trig.Tok, TokEnd: f.trig.TokEnd, Actor: d.known.protesters, Kind: "name"}
		f.rule("a protest with no one named → actor1 PROTESTERS")
	}
	if f.actor2 == nil && d.evidenceHas(f, fighterWords) {
		if m := d.salientArmed(f.actor1); m != nil {
			f.actor2 = m
			f.rule("fighters named without their group → actor2 " + m.Actor.VocabID() + ", the article's armed group")
		}
	}
	// «أعلن الجيش السوري مقتل 20 مسلحا من داعش»: a force that announces
	// the other side's dead killed them.
	if f.actor1 == nil && f.actor2 != nil && f.speaker != nil && stateMeans(f) && armed(f.speaker) && f.speaker.Actor.VocabID() != f.actor2.Actor.VocabID() && !f.speaker.Actor.Allied(f.actor2.Actor) {
		f.actor1 = f.speaker
		f.rule("the force announcing the other side's losses → actor1 " + f.speaker.Actor.VocabID())
	}
	if f.actor1 == nil && f.actor2 != nil && f.place != nil && f.place.Place.Country == "IRQ" && stateMeans(f) && nonStateArmed(f.actor2) {
		f.actor1 = &actors.Mention{Span: f.trig.Span, Tok: f.trig.Tok, TokEnd: f.trig.TokEnd, Actor: d.known.iraq, Kind: "name"}
		f.rule("an armed group's losses in Iraq with no one named → actor1 STATE:IRQ")
	}
}

// stateMeans: fighting, air strikes, shelling and arrests are what a
// state's forces do; bombs and suicide attacks are not.
func stateMeans(f *frame) bool {
	switch f.sub {
	case "Armed clash", "Government regains territory", "Air/drone strike", "Shelling/artillery/missile attack", "Arrests":
		return true
	}
	return false
}

func nonStateArmed(m *actors.Mention) bool {
	switch m.Actor.Type {
	case "rebel", "political_militia", "identity_militia":
		return m.Actor.VocabID() != "UNIDENTIFIED" && m.Actor.VocabID() != "PMF"
	}
	return false
}

// salientArmed is the explicit non-state armed actor the article names most
// often, other than except.
func (d *article) salientArmed(except *actors.Mention) *actors.Mention {
	count := map[string]int{}
	first := map[string]*actors.Mention{}
	best := ""
	for i := range d.set.Actors {
		m := &d.set.Actors[i]
		id := m.Actor.VocabID()
		if !nonStateArmed(m) || (except != nil && except.Actor.VocabID() == id) {
			continue
		}
		count[id]++
		if first[id] == nil {
			first[id] = m
		}
		if best == "" || count[id] > count[best] {
			best = id
		}
	}
	if best == "" {
		return nil
	}
	return first[best]
}

// spanHas reports whether a phrase of ws occurs in the tokens of span sp.
func (d *article) spanHas(sp text.Span, ws wordSet) bool {
	for i, t := range d.a.Tokens {
		if t.Start >= sp.Start && t.End <= sp.End && ws.has(d.a, i) {
			return true
		}
	}
	return false
}

// evidenceHas reports whether a word of ws occurs after the cue in the
// frame's own clause.
func (d *article) evidenceHas(f *frame, ws wordSet) bool {
	for i := f.trig.TokEnd; i < f.hi; i++ {
		if ws.has(d.a, i) {
			return true
		}
	}
	return false
}

// clauseKills: a death word stands in the frame's clause.
func (d *article) clauseKills(f *frame) bool {
	return d.rangeHas(f.lo, f.hi, deathWords)
}

// wordAfterSpan reports whether the word right after span sp is in ws
// («مقتل أكثر من 260 شخصا»: the count's noun).
func (d *article) wordAfterSpan(sp text.Span, ws wordSet) bool {
	for i, t := range d.a.Tokens {
		if t.Start >= sp.End {
			return ws.has(d.a, i)
		}
	}
	return false
}

// clashNoun: token i is a cue of fighting («معارك», «اشتباكات»).
func (d *article) clashNoun(i int) bool {
	if i < 0 || !d.triggerAt[i] {
		return false
	}
	s := d.a.SentenceOf(i)
	for _, k := range d.triggersIn[s] {
		if t := &d.set.Triggers[k]; i >= t.Tok && i < t.TokEnd {
			return t.Trigger.Class == "clash"
		}
	}
	return false
}

// accused: an accusation stands within the four words before token i.
func (d *article) accused(i int) bool {
	for j, k := d.prevWord(i), 0; j >= 0 && k < 4; j, k = d.prevWord(j), k+1 {
		if accusations.has(d.a, j) {
			return true
		}
	}
	return false
}

// armed: a state's forces or an armed group.
func armed(m *actors.Mention) bool {
	return m.Actor.Type == "state" || nonStateArmed(m) || m.Actor.VocabID() == "PMF" || m.Actor.Type == "external"
}
