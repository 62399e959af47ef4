package extract

import (
	"rasd/internal/actors"
	"rasd/internal/event"
)

// fillCertainty: a claim («تبنى التنظيم الهجوم») makes the event claimed by
// the actor who claims it; hedges («يرجح», «يعتقد», «مجهولون») make it
// suspected; an unknown perpetrator is UNIDENTIFIED.
func (d *article) fillCertainty(f *frame) {
	a := d.a
	for i := f.lo; i < f.hi; i++ {
		if !claimCues.has(a, i) {
			continue
		}
		if d.negatedBefore(i, f.lo) {
			continue // «لم يتبن», «لم تعلن أي جهة المسؤولية»
		}
		if d.accusedBefore(i, f.lo) {
			// «اتهمت روسيا إسرائيل بالمسؤولية»: others lay the blame, nobody claims.
			f.certainty = event.Suspected
			f.rule("accusation → suspected")
			continue
		}
		f.certainty = event.Claimed
		f.claimedBy = d.nearestActor(f.sent, i)
		if f.claimedBy == nil {
			f.claimedBy = f.actor1
		}
		if f.actor1 == nil && f.claimedBy != nil {
			f.actor1 = f.claimedBy
		}
		f.rule("claim cue → claimed")
		return
	}
	unknown := false
	for i := f.lo; i < f.hi; i++ {
		if unknownPerp.has(a, i) {
			unknown = true
		}
		if suspectCues.has(a, i) && f.certainty != event.Claimed {
			f.certainty = event.Suspected
		}
	}
	if f.certainty != event.Claimed && d.rangeHasPhrase(f.lo, f.hi, unconfirmed) {
		f.certainty = event.Suspected
	}
	if f.certainty == event.Suspected {
		f.rule("hedge → suspected")
	}
	if unknown && (f.actor1 == nil || f.actor1.Actor.VocabID() == "CIVILIANS") {
		f.actor1 = d.unidentified(f.trig.Span, f.trig.Tok, f.trig.TokEnd)
		f.rule("perpetrator unknown → UNIDENTIFIED")
	}
}

// nearestActor is the explicit actor mention closest to token i in sentence s.
func (d *article) nearestActor(s, i int) *actors.Mention {
	var best *actors.Mention
	bestDist := 1 << 30
	for _, k := range d.actorsIn[s] {
		m := &d.set.Actors[k]
		if m.Actor.VocabID() == "CIVILIANS" {
			continue
		}
		dist := m.Tok - i
		if dist < 0 {
			dist = -dist + 1 // prefer the subject after «تبنى»
		}
		if dist < bestDist {
			best, bestDist = m, dist
		}
	}
	return best
}

func (f *frame) allActors() []*actors.Mention {
	out := []*actors.Mention{f.actor1, f.actor2, f.claimedBy}
	out = append(out, f.assoc1...)
	return append(out, f.assoc2...)
}

// accusedBefore: an accusation verb («اتهم», «حمّل») within a few words
// before the responsibility word.
func (d *article) accusedBefore(i, lo int) bool {
	for j, k := d.prevWord(i), 0; j >= lo && k < 6; j, k = d.prevWord(j), k+1 {
		if accusationCues.has(d.a, j) {
			return true
		}
	}
	return false
}

// negatedBefore: a negation within a few words before token i.
func (d *article) negatedBefore(i, lo int) bool {
	for j, k := d.prevWord(i), 0; j >= lo && k < 6; j, k = d.prevWord(j), k+1 {
		if negations.has(d.a, j) {
			return true
		}
	}
	return false
}
