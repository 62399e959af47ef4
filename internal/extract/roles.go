package extract

import (
	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/rules"
	"rasd/internal/text"
)

type role uint8

const (
	neutral role = iota
	agent
	target
	assoc
	alternative
	aside   // named, but in no slot of the event
	speaker // who told the news
)

var roleNames = map[string]role{"agent": agent, "target": target, "assoc": assoc, "alt": alternative, "aside": aside, "speaker": speaker, "neutral": neutral}

// candidate is an actor mention with the role the rules gave it.
type candidate struct {
	m     *actors.Mention
	mi    int
	role  role
	order int // the deciding rule's place in the book; lower is stronger
	why   string
}

// neutralOrder ranks a mention no rule spoke about below any rule's.
const neutralOrder = 1 << 30

// collectActors gives each actor mention in [lo, hi) of the frame's
// sentence its role by the first role rule that fires on it.
func (art *article) collectActors(f *frame, lo, hi int) []candidate {
	var out []candidate
	for _, mi := range art.actorsIn[f.sent] {
		dm := &art.d.Mentions[mi]
		if dm.Tok < lo || dm.Tok >= hi || dm.Tok < art.datelineEnd {
			continue
		}
		m := art.actor(mi)
		c := candidate{m: m, mi: mi, role: neutral, order: neutralOrder}
		sided := false
		holdsCue := m.Tok >= f.trig.Tok && m.Tok < f.trig.TokEnd && m.TokEnd > f.trig.TokEnd
		switch {
		case holdsCue && f.class == "shelling" && (f.trig.Trigger.Class == "interception" || f.trig.Trigger.Class == "drone"):
			// «إسقاط طائرة أمريكية», «أسقطوا طائرة مسيرة أمريكية»: an
			// aircraft shot down on its own mission (cue.aircraft-shot-down,
			// cue.drone-of-a-state-shot-down) is its owner's, the side hit.
			c.role, c.order, c.why = target, 0, "the aircraft shot down is the actor's"
		case holdsCue:
			// «طائرات حربية روسية» holds the cue «طائرات حربية»: its owner
			// is the one who struck.
			c.role, c.order, c.why = agent, 0, "the cue is part of the actor's name"
		case m.Tok >= f.trig.Tok && m.Tok < f.trig.TokEnd:
			continue
		default:
			if r := art.first(rules.StageRole, mi, -1, f.lo, f.hi, f); r != nil {
				rl, ok := roleNames[r.Arg(0)]
				if !ok {
					rl = neutral
				}
				c.role, c.order, c.why = rl, r.Order, r.ID
				sided = r.Arg(1) == "nationality"
			}
		}
		// A nationality alone («الرئيس الأمريكي») names no side; it may
		// name a partner («بدعم روسي»), an alternative, whose the thing
		// attacked is («قاعدة أميركية»), or, where a rule says so, who
		// fired a weapon («صاروخين إسرائيليين»).
		if m.Kind == actors.KindAdjective && c.role != assoc && c.role != alternative && c.role != target && !sided {
			continue
		}
		if c.role == aside {
			continue
		}
		if c.role == speaker {
			if f.speaker == nil {
				f.speaker = m
				f.rule(c.why + " «" + m.Span.Text + "»")
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// owner says whether an actor mention carries «ل» or «لل» («لكتائب
// القسام», «للمتشددين»): after a verb of attack such a name owns what was
// hit («قصف موقعا عسكريا لكتائب القسام»), it did not act; after a means
// («طائرات تابعة للتحالف») it owns the means and did.
func (art *article) owner(c *candidate) bool {
	p := art.d.Mentions[c.mi].Prefix
	return p == "ل" || p == "لل"
}

// fillRoles assigns actor1, actor2 and their associates from the clause,
// falling back to earlier clauses of the sentence when it names nobody.
func (art *article) fillRoles(f *frame) {
	lo, _ := art.sentence(f.sent)
	defer art.antecedentAcrossCut(f, lo)
	cands := art.collectActors(f, f.lo, f.hi)
	onlyJoint := len(cands) > 0
	for _, c := range cands {
		if c.role != assoc {
			onlyJoint = false
		}
	}
	if onlyJoint && f.lo > lo {
		// «… بعد أن نفذ عملية بالاشتراك مع التحالف»: the one acting is
		// the subject of an earlier clause.
		for _, c := range art.collectActors(f, lo, f.lo) {
			if c.role == neutral || c.role == agent {
				f.actor1 = c.m
				f.rule("actor1 from an earlier clause «" + c.m.Span.Text + "» → " + c.m.Actor.VocabID())
				break
			}
		}
	}
	if len(cands) == 0 && f.lo > lo {
		// An earlier clause may name who the clause goes on about; a later
		// one mostly tells of something else.
		cands = art.collectActors(f, lo, f.lo)
		if len(cands) > 0 {
			f.rule("actors from an earlier clause")
		}
	}
	if len(cands) == 0 {
		return
	}
	tStart, tEnd := f.trig.Tok, f.trig.TokEnd
	pick := func(c *candidate, why string) *actors.Mention {
		if c.why != "" {
			why += " (" + c.why + ")"
		}
		f.rule(why + " «" + c.m.Span.Text + "» → " + c.m.Actor.VocabID())
		return c.m
	}
	dist := func(c *candidate) int {
		if c.m.Tok >= tEnd {
			return c.m.Tok - tEnd
		}
		return tStart - c.m.TokEnd
	}
	// best is the candidate of the given role decided by the strongest
	// rule, the nearest to the cue among equals.
	best := func(r role, skip *actors.Mention) *candidate {
		var b *candidate
		for i := range cands {
			c := &cands[i]
			if c.role != r || c.m == skip || skip != nil && c.m.Actor.VocabID() == skip.Actor.VocabID() {
				continue
			}
			if b == nil || c.order < b.order || c.order == b.order && dist(c) < dist(b) {
				b = c
			}
		}
		return b
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
	if f.actor1 == nil {
		if c := best(agent, nil); c != nil {
			f.actor1 = pick(c, "actor1")
		}
	}
	if f.actor1 == nil {
		// The nearest actor before the cue, else one close after it: far
		// after the cue an actor is mostly in another statement.
		var before, after *candidate
		for i := range cands {
			c := &cands[i]
			// Word order alone never makes a country or a capital a side:
			// «موسكو», «باريس» next to a cue are mostly where, not who.
			if c.role != neutral || !explicitSide(c.m) {
				continue
			}
			// «قتل جندي مصري»: one soldier or two, counted, are the hit,
			// whatever their place in the sentence.
			if art.in(c.m.Tok, art.x.cls.SinglePerson) || art.in(c.m.Tok, art.x.cls.DualPerson) {
				continue
			}
			if c.m.Tok < tStart {
				// «تمكن الجيش والمقاومة … من السيطرة»: of a coordinated
				// subject the first named leads; the one after «و» is its
				// partner.
				if before == nil || !art.conjoinedByAnd(before.m, c.m) {
					before = c
				}
			} else if after == nil && c.m.Tok-tEnd <= 6 && !(art.owner(c) && !f.cc.has("means")) {
				after = c
			}
		}
		switch {
		case before != nil:
			f.actor1 = pick(before, "actor1: nearest actor before the cue")
		case after != nil:
			f.actor1 = pick(after, "actor1: first actor after the cue")
		}
	}
	// Alternatives («طائرات سورية أو روسية»): unidentified, suspected.
	for i := range cands {
		c := &cands[i]
		if c.role == alternative && f.actor1 != nil && c.m.Actor.VocabID() != f.actor1.Actor.VocabID() {
			f.certainty = event.Suspected
			f.rule("two alternative perpetrators → actor1 UNIDENTIFIED, suspected")
			f.actor1 = art.unidentified(c.m.Span, c.m.Tok, c.m.TokEnd)
			// Neither alternative is a side: not an associate either.
			for j := range cands {
				if cands[j].role == alternative || cands[j].role == neutral && cands[j].m.TokEnd <= c.m.Tok && c.m.Tok-cands[j].m.TokEnd <= 2 {
					cands[j].role = aside
				}
			}
			break
		}
	}
	if c := best(target, f.actor1); c != nil {
		f.actor2 = pick(c, "actor2")
		// «قتل 4 من عناصر X في اشتباكات مع Y»: in a clash both sides may
		// be named as hit, the dead's and the one fought; neither acted
		// more than the other, and a clash's sides have no order.
		if f.actor1 == nil && f.class == "clash" {
			if o := best(target, f.actor2); o != nil && armed(o.m) && explicitSide(o.m) && armed(f.actor2) && explicitSide(f.actor2) {
				f.actor1 = pick(o, "actor1: the other side of the clash")
			}
		}
	} else {
		for i := range cands {
			c := &cands[i]
			if c.role != neutral || c.m == f.actor1 || f.actor1 != nil && c.m.Actor.VocabID() == f.actor1.Actor.VocabID() {
				continue
			}
			if c.m.Tok < tStart && f.actor1 != nil || c.m.Tok > tEnd+8 {
				continue
			}
			f.actor2 = pick(c, "actor2: remaining actor")
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
			// A joint force attacked with its partner goes with the side
			// attacked.
			f.assoc2 = appendActor(f.assoc2, c.m, f.actor2)
		case c.role == assoc && f.actor1 != nil:
			f.assoc1 = appendActor(f.assoc1, c.m, f.actor1)
		case f.actor1 != nil && art.conjoined(f.actor1, c.m):
			f.assoc1 = appendActor(f.assoc1, c.m, f.actor1)
		case f.actor2 != nil && art.conjoined(f.actor2, c.m):
			f.assoc2 = appendActor(f.assoc2, c.m, f.actor2)
		}
	}
}

// sideOf: m is side's own actor or one of its camp.
func sideOf(m, side *actors.Mention) bool {
	return m != nil && side != nil && (m.Actor.VocabID() == side.Actor.VocabID() || m.Actor.Allied(side.Actor))
}

// conjoined: b follows a with only «و» (or a comma) between them.
func (art *article) conjoined(a, b *actors.Mention) bool {
	if b.Tok < a.TokEnd || b.Tok-a.TokEnd > 1 {
		return false
	}
	if b.Tok == a.TokEnd {
		for _, f := range art.a.Forms(b.Tok) {
			if f.Kind&text.Conj != 0 && b.Span.Start > art.a.Tokens[b.Tok].Start {
				return true
			}
		}
		return false
	}
	t := art.a.Tokens[a.TokEnd]
	return t.Text == "و" || t.Text == "،" || t.Text == ","
}

// conjoinedByAnd: b follows a joined by «و» alone; a comma may part a
// subject from its object («حملت الحكومة، الميليشيا المسؤولية»).
func (art *article) conjoinedByAnd(a, b *actors.Mention) bool {
	return art.conjoined(a, b) && (b.Tok == a.TokEnd || art.a.Tokens[a.TokEnd].Text == "و")
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
func (art *article) unidentified(sp text.Span, tok, tokEnd int) *actors.Mention {
	return &actors.Mention{Span: sp, Tok: tok, TokEnd: tokEnd, Actor: art.x.known.unknown, Kind: actors.KindName}
}

// antecedentAcrossCut fills a slot from the noun a relative pronoun that
// opens the clause refers to, when the clause was cut right after that
// noun («… بيد التنظيم | الذي طردته الفصائل منها»): with an object
// pronoun on the verb cue the noun is what the verb acted on, without one
// it is the verb's subject.
func (art *article) antecedentAcrossCut(f *frame, sentLo int) {
	if f.lo <= sentLo || !art.in(f.lo, art.x.cls.Relative) || f.trig == nil || f.trig.Tok > f.lo+1 {
		return
	}
	var ante *candidate
	for _, c := range art.collectActors(f, sentLo, f.lo) {
		if c.m.TokEnd == f.lo && c.role != aside && c.role != speaker {
			c := c
			ante = &c
		}
	}
	if ante == nil {
		return
	}
	if art.d.Mentions[f.cue].Suffixed {
		if f.actor2 == nil {
			f.actor2 = ante.m
			f.rule("actor2: the noun the relative pronoun refers to, the object of its verb «" + ante.m.Span.Text + "» → " + ante.m.Actor.VocabID())
		}
		return
	}
	if f.actor1 == nil {
		f.actor1 = ante.m
		f.rule("actor1: the noun the relative pronoun refers to, the subject of its verb «" + ante.m.Span.Text + "» → " + ante.m.Actor.VocabID())
	}
}
