package extract

import (
	"strings"

	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/rules"
)

// decideType runs the type stage: every type rule that fires changes the
// frame in turn, so a later rule sees what an earlier one decided.
func (art *article) decideType(f *frame) {
	art.applyStage(rules.StageType, f)
}

// applyStage fires every rule of a stage that holds for the frame, in book
// order, and applies each one's action.
func (art *article) applyStage(st rules.Stage, f *frame) {
	for _, r := range art.stageAt(st, f.cue) {
		if _, ok := art.fire(r, f.cue, -1, f.lo, f.hi, f); ok {
			if art.act(f, r) {
				f.ruled(r, "")
			}
		}
	}
}

// act applies a frame rule's action and reports whether it changed
// anything. The verbs are listed in docs/rules.md.
func (art *article) act(f *frame, r *rules.Rule) bool {
	switch r.Verb() {
	case "class":
		if f.class == r.Arg(0) {
			return false
		}
		art.setClass(f, r.Arg(0))
		return true
	case "sub":
		return f.setSub(strings.Join(r.Do[1:], " "))
	case "merge-only":
		f.onlyToMerge = true
	case "swap":
		f.actor1, f.actor2 = f.actor2, f.actor1
		f.assoc1, f.assoc2 = f.assoc2, f.assoc1
	case "actor1", "actor2":
		m := art.impliedActor(f, r.Arg(0))
		if m == nil && r.Arg(0) != "none" {
			return false
		}
		if r.Verb() == "actor1" {
			f.actor1 = m
			if m == nil {
				f.assoc1 = nil
			}
		} else {
			f.actor2 = m
			if m == nil {
				f.assoc2 = nil
			}
		}
	case "background":
		if f.background {
			return false
		}
		f.background = true
	case "aggregate":
		if f.aggregate {
			return false
		}
		f.aggregate = true
	case "suspected":
		if f.certainty != event.Reported {
			return false
		}
		f.certainty = event.Suspected
	case "claimed":
		if f.certainty == event.Claimed {
			return false
		}
		f.certainty = event.Claimed
		f.claimedBy = art.claimant(f)
		if f.actor1 == nil && f.claimedBy != nil {
			f.actor1 = f.claimedBy
		}
	case "unknown":
		// The perpetrator is unknown: UNIDENTIFIED, unless the text named one.
		if f.actor1 != nil && !isCivilians(f.actor1) {
			return false
		}
		f.actor1 = art.unidentified(f.trig.Span, f.trig.Tok, f.trig.TokEnd)
	case "fighting":
		f.fighting = true
	default:
		return false
	}
	return true
}

// impliedActor is the actor an «actor1 X» or «actor2 X» action names: an
// actor id, or one the frame implies.
func (art *article) impliedActor(f *frame, what string) *actors.Mention {
	at := func(a *actors.Actor) *actors.Mention {
		return &actors.Mention{Span: f.trig.Span, Tok: f.trig.Tok, TokEnd: f.trig.TokEnd, Actor: a, Kind: actors.KindName}
	}
	switch what {
	case "none":
		return nil
	case "speaker":
		return f.speaker
	case "unidentified":
		return art.unidentified(f.trig.Span, f.trig.Tok, f.trig.TokEnd)
	case "civilians":
		m := at(art.x.known.civilians)
		if f.fat != nil {
			m.Span = f.fat.span
		}
		m.Kind = actors.KindVictim
		return m
	case "protesters":
		return at(art.x.known.protesters)
	case "state-of-place":
		// The state of the country where it happened (states.tsv).
		if f.place == nil {
			return nil
		}
		row, ok := art.x.states[f.place.Place.Country]
		if !ok {
			return nil
		}
		return at(lexActor(art.x.lex, row.actor, row.actor, "state"))
	case "holder-of-place":
		// The forces that hold the base or post it happened at.
		if id := art.holder(f); id != "" {
			return at(lexActor(art.x.lex, id, id, "state"))
		}
		return nil
	case "salient-armed":
		// Nor the armed side that tells the news when no doer is named
		// yet: it is the doer more often than the side it hit.
		doer := f.actor1
		if doer == nil && f.speaker != nil && armed(f.speaker) {
			doer = f.speaker
		}
		return art.salientArmed(doer)
	}
	if a := art.x.lex.Actors.ByID(what); a != nil {
		return at(a)
	}
	return nil
}

// salientArmed is the explicit non-state armed actor the article names most
// often, other than except.
func (art *article) salientArmed(except *actors.Mention) *actors.Mention {
	count := map[string]int{}
	first := map[string]*actors.Mention{}
	best := ""
	for i := range art.set.Actors {
		m := &art.set.Actors[i]
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

// claimant is the actor nearest the claim in the frame's sentence, the one
// after «تبنى» preferred; else the frame's actor1.
func (art *article) claimant(f *frame) *actors.Mention {
	var best *actors.Mention
	bestDist := 1 << 30
	anchor := f.trig.Tok
	for _, mi := range art.actorsIn[f.sent] {
		m := art.actor(mi)
		if isCivilians(m) || m.Kind == actors.KindAdjective {
			continue
		}
		for i := f.lo; i < f.hi; i++ {
			if art.in(i, art.x.cls.Claim) {
				anchor = i
				break
			}
		}
		dist := m.Tok - anchor
		if dist < 0 {
			dist = -dist + 1 // prefer the subject after «تبنى»
		}
		if dist < bestDist {
			best, bestDist = m, dist
		}
	}
	if best == nil {
		return f.actor1
	}
	return best
}
