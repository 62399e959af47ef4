package extract

import (
	"strconv"
	"strings"

	"rasd/internal/actors"
	"rasd/internal/rules"
)

// holds reports whether every condition of a rule's «if:» line holds for
// the frame. The keys are listed in docs/rules.md; an unknown key never
// holds (the rule tests catch it).
func (art *article) holds(conds []rules.Cond, f *frame) bool {
	for _, c := range conds {
		if art.cond(c, f) == c.Neg {
			return false
		}
	}
	return true
}

func (art *article) cond(c rules.Cond, f *frame) bool {
	switch c.Key {
	case "class":
		return c.Has(f.class)
	case "type":
		return c.Has(f.typ)
	case "sub":
		return c.Has(f.sub)
	case "pos":
		return c.Has(f.trig.Trigger.POS)
	case "flag":
		cc := art.x.cue(f.class)
		for _, v := range c.Values {
			if cc.has(v) {
				return true
			}
		}
		return false
	case "cue.weak":
		return f.weakCue
	case "weak":
		// A cue often used in sport or economy news, or of a class that
		// names no means of violence.
		return f.trig.Trigger.Weak || !art.x.cue(f.class).has("means")
	case "violent":
		return violent(f.typ)
	case "fatalities":
		return someOrNone(c, f.fat != nil)
	case "fatalities.people":
		// The toll counts people with no side: «قتل شخصان», «مقتل أكثر من 20
		// شخصا».
		return f.fat != nil && art.tollCountsPeople(f.fat)
	case "fatalities.min":
		n, _ := strconv.Atoi(c.Values[0])
		return f.fat != nil && f.fat.count >= n
	case "place":
		return someOrNone(c, f.place != nil)
	case "place.country":
		return f.place != nil && c.Has(f.place.Place.Country)
	case "place.admin1":
		return f.place != nil && c.Has(f.place.Place.Admin1Code)
	case "place.in-clause":
		return art.placeInClause(f)
	case "place.in-sentence":
		return art.placeInSentence(f)
	case "date.span-days":
		// The date expression allows at least N days («في السنوات الأخيرة»).
		n, _ := strconv.Atoi(c.Values[0])
		return f.date != nil && f.date.End.Sub(f.date.Start).Hours() >= float64(n-1)*24
	case "date.kind":
		return f.date != nil && c.Has(f.date.Kind)
	case "date.years-before":
		// The event's date ends a year or more before publication.
		n, _ := strconv.Atoi(c.Values[0])
		return f.date != nil && !art.pub.IsZero() && art.pub.Sub(f.date.Start).Hours() >= float64(n)*365*24
	case "date.within-days":
		// The event's date starts at most N days before publication (the
		// day before, «مساء الثلاثاء» in a Wednesday paper).
		n, _ := strconv.Atoi(c.Values[0])
		return f.date != nil && !art.pub.IsZero() && art.pub.Sub(f.date.Start).Hours() <= float64(n)*24
	case "anaphoric":
		return f.anaphoric
	case "aggregate":
		return f.aggregate
	case "background":
		return f.background
	case "fighting":
		return f.fighting
	case "speaker":
		return someOrNone(c, f.speaker != nil)
	case "speaker.armed":
		return f.speaker != nil && armed(f.speaker)
	case "speaker.not-actor2":
		// The speaker is no side of actor2's camp: it tells of its enemy's
		// losses.
		return f.speaker != nil && f.actor2 != nil && f.speaker.Actor.VocabID() != f.actor2.Actor.VocabID() && !f.speaker.Actor.Allied(f.actor2.Actor)
	case "victims-counted":
		// «13 رجلا خطفوا»: civilians counted by number are who the event
		// hit, whatever sense a weak cue may have elsewhere.
		// «العمال الأربعة خطفوا»: the number may follow as an adjective.
		return isCivilians(f.actor2) && (art.numberAt(art.prevWord(f.actor2.Tok)) != nil || art.numberAt(f.actor2.TokEnd) != nil)
	case "article.armed":
		return art.armedArticle
	case "article.protests":
		return art.protestArticle
	case "state-counters":
		// The place's country is one whose state forces fight armed groups
		// there and announce their losses (states.tsv).
		return f.place != nil && art.x.states[f.place.Place.Country].counters
	case "place.held":
		// A base or post whose holder (sites.tsv held_by) held it then,
		// and the event is not that holder's own doing.
		holder := art.holder(f)
		return holder != "" && (f.actor1 == nil || f.actor1.Actor.VocabID() != holder)
	case "state-known":
		return f.place != nil && art.x.states[f.place.Place.Country].actor != ""
	}
	if side, field, ok := strings.Cut(c.Key, "."); ok && (side == "actor1" || side == "actor2") {
		return art.actorCond(c, field, pickSide(f, side))
	}
	if c.Key == "actor1" || c.Key == "actor2" {
		return someOrNone(c, pickSide(f, c.Key) != nil)
	}
	return false
}

func pickSide(f *frame, side string) *actors.Mention {
	if side == "actor1" {
		return f.actor1
	}
	return f.actor2
}

func (art *article) actorCond(c rules.Cond, field string, m *actors.Mention) bool {
	if m == nil {
		return false
	}
	switch field {
	case "id":
		return c.Has(m.Actor.VocabID())
	case "type":
		return c.Has(m.Actor.Type)
	case "kind":
		return c.Has(m.Kind)
	case "state":
		return isState(m)
	case "armed":
		return armed(m)
	case "nonstate":
		return nonStateArmed(m)
	case "explicit":
		return explicitSide(m)
	case "force":
		// An armed side named as a force or a group, not as a country or a
		// nationality, which are as often places and markets, nor as a
		// government or its ministries, which act by decree; but a
		// ministry of defence speaks for the army («أعلنت وزارة الدفاع
		// استهداف …»). The interior's arrests are as often of thieves.
		// Gunmen the text names but nobody identifies («مسلحون مجهولون»)
		// are armed all the same; an unidentified side the rules implied
		// (no lexicon entry behind it) is not named in the text.
		gunmen := m.Actor.VocabID() == "UNIDENTIFIED" && m.Rule != ""
		if !explicitSide(m) || !(armed(m) || gunmen) {
			return false
		}
		if !art.in(m.Tok, art.x.cls.CivilAuthority) {
			return true
		}
		_, forceMinistry := art.d.ClassAt(m.Tok, art.x.cls.ForceMinistry)
		return forceMinistry
	case "means":
		return c.Has(art.x.means[m.Actor.VocabID()])
	case "head":
		// The mention's first word is of a class: «طائرات» before «التحالف».
		for _, v := range c.Values {
			// Values read «_» as a space (sub=Armed_clash); a class name
			// has no spaces, so its underscores are given back.
			name := strings.ReplaceAll(strings.TrimPrefix(v, "$"), " ", "_")
			if id, ok := art.x.book.ClassID(name); ok && art.in(m.Tok, id) {
				return true
			}
		}
	}
	return false
}

// someOrNone reads «x=none» and «x=some» (or a bare «x» for some).
func someOrNone(c rules.Cond, present bool) bool {
	if len(c.Values) == 0 {
		return present
	}
	switch c.Values[0] {
	case "none":
		return !present
	case "some":
		return present
	}
	return false
}

// placeInSentence reports whether a place finer than a country that the
// place rules let locate an event stands in the frame's sentence.
func (art *article) placeInSentence(f *frame) bool {
	for _, mi := range art.placesIn[f.sent] {
		m := &art.d.Mentions[mi]
		if m.PlaceKind != "country" && art.placeVerdict[m.Index] != placeNot && art.placeVerdict[m.Index] != placeLocator {
			return true
		}
	}
	return false
}

// placeInClause reports whether a place finer than a country stands in the
// frame's clause.
func (art *article) placeInClause(f *frame) bool {
	for _, mi := range art.placesIn[f.sent] {
		m := &art.d.Mentions[mi]
		if m.Tok >= f.lo && m.Tok < f.hi && m.PlaceKind != "country" {
			return true
		}
	}
	return false
}

// tollCountsPeople: a word for people with no side stands in the toll's
// words or right after them.
func (art *article) tollCountsPeople(fat *fatalities) bool {
	if fat.felled {
		return false
	}
	for i, t := range art.a.Tokens {
		if t.Start >= fat.span.Start && t.End <= fat.span.End && art.in(i, art.x.cls.People) {
			return true
		}
		if t.Start >= fat.span.End {
			return art.in(i, art.x.cls.People)
		}
	}
	return false
}

// holder is the state actor id of the forces that hold the frame's place
// at the event's date (sites.tsv held_by), or "".
func (art *article) holder(f *frame) string {
	if f.place == nil || f.place.Place.HeldBy == "" {
		return ""
	}
	p := f.place.Place
	when := art.pub
	if f.date != nil {
		when = f.date.EventDate
	}
	if p.HeldFrom > 0 && !when.IsZero() && when.Year() < p.HeldFrom {
		return ""
	}
	return art.x.states[p.HeldBy].actor
}
