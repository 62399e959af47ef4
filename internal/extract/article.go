package extract

import (
	"time"

	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/gazetteer"
	"rasd/internal/mention"
	"rasd/internal/numbers"
	"rasd/internal/rules"
	"rasd/internal/text"
	"rasd/internal/timex"
	"rasd/internal/triggers"
)

// article is one document while its events are built: the matcher's view
// of its mentions, per-sentence indexes and the rule trail.
type article struct {
	x   *Extractor
	set *mention.Set
	a   *text.Analysis
	d   *rules.Doc
	pub time.Time

	// Per sentence, the indexes into d.Mentions of each kind.
	cuesIn, actorsIn, placesIn, datesIn, numsIn [][]int
	// datelineEnd: tokens before it are the article's dateline («دبي،
	// الإمارات العربية المتحدة (CNN) --»): where it was filed, no event's
	// place or side.
	datelineEnd int
	// placeBefore[s] is the last usable place mentioned before sentence s
	// (an index into set.Places), the article's running focus; -1 none.
	placeBefore []int
	// Per place mention (set.Places index): what the place rules said.
	placeVerdict []placeVerdict
	lists        int // place lists split so far
	// tooMany: the text held more candidate events than any article
	// tells, and frames stopped reading it.
	tooMany bool

	// armedArticle: the article names a non-state armed group or a means of
	// violence somewhere, so a vague cue in it is likely one more event of
	// the conflict it covers.
	armedArticle bool
	// protestArticle: the article tells of protests (two cues or more) and
	// names no armed group, so its dead with nobody named as killing them
	// fell to the force facing the protests.
	protestArticle bool

	trace bool
	fired []string
}

type placeVerdict uint8

const (
	placeUnknown placeVerdict = iota
	placeUsable
	placeNot     // not this event's place: a title, a person's name, a false reading
	placeLocator // only locates the place before it
	placeOffice  // the place of an office («محافظ نينوى»): a last resort
	// placeOrigin: where a missile was fired from; it places the event only
	// when nothing else, the article's focus included, does: the salvo is
	// news where it struck or was brought down.
	placeOrigin
)

func newArticle(x *Extractor, set *mention.Set, pub time.Time, trace bool) *article {
	a := set.Analysis
	n := len(a.Sentences)
	art := &article{x: x, set: set, a: a, d: x.book.NewDoc(set), pub: pub, trace: trace,
		placeBefore: make([]int, n), placeVerdict: make([]placeVerdict, len(set.Places))}
	art.fileMentions(n)
	if n == 0 {
		return art
	}
	art.datelineEnd = text.Dateline(a)
	art.dropCues()
	art.readArticle()
	art.judgePlaces()
	last := -1
	for s := 0; s < n; s++ {
		art.placeBefore[s] = last
		for _, mi := range art.placesIn[s] {
			i := art.d.Mentions[mi].Index
			// A country is too coarse to be an event's place (ANNOTATION.md
			// asks for a governorate or a named region), so it never
			// becomes the focus.
			if art.set.Places[i].Place.Kind != "country" && art.placeVerdict[i] == placeUsable {
				last = i
			}
		}
	}
	return art
}

// mentionKinds are the kinds filed per sentence, in the order of their
// lists in fileMentions.
var mentionKinds = [...]rules.Kind{rules.KindCue, rules.KindActor, rules.KindPlace, rules.KindDate, rules.KindNum}

// fileMentions makes cuesIn, actorsIn, placesIn, datesIn and numsIn for n
// sentences. The lists are counted first and then filled, as slices of one
// array: appended one mention at a time, each sentence's list of each kind
// was an allocation of its own, a tenth of what extraction allocated. A
// list holds its indexes in ascending order; its capacity ends where it
// does, so an append to one could never write into the next.
func (art *article) fileMentions(n int) {
	nk := len(mentionKinds)
	lists := make([][]int, nk*n)
	art.cuesIn, art.actorsIn, art.placesIn = lists[0:n:n], lists[n:2*n:2*n], lists[2*n:3*n:3*n]
	art.datesIn, art.numsIn = lists[3*n:4*n:4*n], lists[4*n:5*n:5*n]
	ms := art.d.Mentions
	if n == 0 || len(ms) == 0 {
		return
	}
	// slot[i] is mention i's list (kind × sentence), -1 for a kind not
	// filed; ends[l] counts list l's mentions, then where it ends.
	slot := make([]int32, len(ms))
	ends := make([]int, nk*n)
	for i := range ms {
		slot[i] = -1
		for k, kind := range mentionKinds {
			if ms[i].Kind == kind {
				l := k*n + art.a.SentenceOf(ms[i].Tok)
				slot[i] = int32(l)
				ends[l]++
				break
			}
		}
	}
	total := 0
	for l, c := range ends {
		total += c
		ends[l] = total
	}
	all := make([]int, total)
	// Filled from the last mention back, so that each list, written from
	// its end, comes out in ascending order.
	for i := len(ms) - 1; i >= 0; i-- {
		if l := slot[i]; l >= 0 {
			ends[l]--
			all[ends[l]] = i
		}
	}
	start := 0
	for l := range lists {
		end := start
		if l+1 < len(ends) {
			end = ends[l+1]
		} else {
			end = total
		}
		if end > start {
			lists[l] = all[start:end:end]
		}
		start = end
	}
}

// readArticle sets the article-wide flags from one pass over the mentions:
// armedArticle, a non-state armed group named as such or a cue of a means
// of violence that no drop rule took away; protestArticle, two protest cues
// or more and no armed group named but gunmen nobody identifies («برصاص
// مجهولين» may shoot at a protest; a group named as such makes it another
// story).
func (art *article) readArticle() {
	group, unknownOnly, means, protests := false, true, false, 0
	for i := range art.d.Mentions {
		m := &art.d.Mentions[i]
		switch m.Kind {
		case rules.KindActor:
			if m.ActorKind != actors.KindName && m.ActorKind != actors.KindMember {
				continue
			}
			switch m.ActorType {
			case "rebel", "political_militia", "identity_militia":
				group = true
				unknownOnly = unknownOnly && m.ID == "UNIDENTIFIED"
			}
		case rules.KindCue:
			if m.Off {
				continue
			}
			cc := art.x.cue(m.Class)
			means = means || cc.has("means")
			if cc.typ == event.Protests {
				protests++
			}
		}
	}
	art.armedArticle = group || means
	art.protestArticle = protests >= 2 && (!group || unknownOnly)
}

// sentence bounds of sentence s in tokens.
func (art *article) sentence(s int) (int, int) {
	sen := art.a.Sentences[s]
	return sen.TokStart, sen.TokEnd
}

// fire applies rule r: its conditions on frame f (if any), its patterns
// anchored on the mention mi or the word at token tok (whichever the
// pattern anchors on; -1 for none), searched within [lo, hi) or the
// sentence for rules of sentence scope. It records the rule in the trace
// when it fires.
func (art *article) fire(r *rules.Rule, mi, tok, lo, hi int, f *frame) (rules.Span, bool) {
	if len(r.If) > 0 && (f == nil || !art.holds(r.If, f)) {
		return rules.Span{}, false
	}
	if r.Scope == rules.ScopeSentence {
		s := -1
		switch {
		case mi >= 0:
			s = art.a.SentenceOf(art.d.Mentions[mi].Tok)
		case tok >= 0:
			s = art.a.SentenceOf(tok)
		case f != nil:
			s = f.sent
		case lo < len(art.a.Tokens):
			s = art.a.SentenceOf(lo)
		}
		if s >= 0 && s < len(art.a.Sentences) {
			lo, hi = art.sentence(s)
		}
	}
	var sp rules.Span
	matched := len(r.Match) == 0
	for _, p := range r.Match {
		if s, ok := art.matchOne(p, mi, tok, lo, hi); ok {
			sp, matched = s, true
			break
		}
	}
	if !matched {
		return rules.Span{}, false
	}
	for _, p := range r.Unless {
		if _, ok := art.matchOne(p, mi, tok, lo, hi); ok {
			return rules.Span{}, false
		}
	}
	if art.trace {
		art.fired = append(art.fired, r.ID)
	}
	return sp, true
}

func (art *article) matchOne(p *rules.Pattern, mi, tok, lo, hi int) (rules.Span, bool) {
	switch {
	case !p.Anchored():
		return art.d.Find(p, lo, hi)
	case p.AnchorKind() == rules.KindNone:
		if tok < 0 {
			return rules.Span{}, false
		}
		return art.d.MatchAtToken(p, tok, lo, hi)
	default:
		if mi < 0 {
			return rules.Span{}, false
		}
		return art.d.MatchAnchored(p, mi, lo, hi)
	}
}

// first returns the first rule of a stage that fires, in book order.
func (art *article) first(st rules.Stage, mi, tok, lo, hi int, f *frame) *rules.Rule {
	var rs []*rules.Rule
	if tok < 0 {
		rs = art.stageAt(st, mi)
	} else {
		rs = art.x.book.Stage(st)
	}
	for _, r := range rs {
		if _, ok := art.fire(r, mi, tok, lo, hi, f); ok {
			return r
		}
	}
	return nil
}

// stageAt is the rules of a stage that may fire with their patterns
// anchored on mention mi (-1: none) and on no word (rules.Book.StageAt).
func (art *article) stageAt(st rules.Stage, mi int) []*rules.Rule {
	if mi < 0 {
		return art.x.book.StageAt(st, nil)
	}
	return art.x.book.StageAt(st, &art.d.Mentions[mi])
}

// firstVerb returns the first rule of a stage with the given action verb
// that fires on the frame.
func (art *article) firstVerb(st rules.Stage, verb string, f *frame) *rules.Rule {
	for _, r := range art.stageAt(st, f.cue) {
		if r.Verb() != verb {
			continue
		}
		if _, ok := art.fire(r, f.cue, -1, f.lo, f.hi, f); ok {
			return r
		}
	}
	return nil
}

// nearest returns the rule of a stage whose match is shortest (the
// nearest evidence), the earlier in book order on a tie.
func (art *article) nearest(st rules.Stage, mi, lo, hi int, f *frame) *rules.Rule {
	var best *rules.Rule
	bestLen := 1 << 30
	trace := art.trace
	art.trace = false
	for _, r := range art.stageAt(st, mi) {
		if sp, ok := art.fire(r, mi, -1, lo, hi, f); ok && sp.Hi-sp.Lo < bestLen {
			best, bestLen = r, sp.Hi-sp.Lo
		}
	}
	art.trace = trace
	if best != nil && art.trace {
		art.fired = append(art.fired, best.ID)
	}
	return best
}

// in reports whether a reading of token i is a word of class c.
func (art *article) in(i, c int) bool { return art.d.InClass(i, c) }

// rangeIn reports whether a word of class c stands in tokens [lo, hi).
func (art *article) rangeIn(lo, hi, c int) bool {
	for i := max(lo, 0); i < hi && i < len(art.a.Tokens); i++ {
		if art.in(i, c) {
			return true
		}
	}
	return false
}

// Mentions of the article by their d.Mentions index.
func (art *article) trigger(mi int) *triggers.Mention {
	return &art.set.Triggers[art.d.Mentions[mi].Index]
}
func (art *article) actor(mi int) *actors.Mention { return &art.set.Actors[art.d.Mentions[mi].Index] }
func (art *article) placeM(mi int) *gazetteer.Mention {
	return &art.set.Places[art.d.Mentions[mi].Index]
}
func (art *article) dateM(mi int) *timex.Mention { return &art.set.Dates[art.d.Mentions[mi].Index] }
func (art *article) numM(mi int) *numbers.Mention {
	return &art.set.Numbers[art.d.Mentions[mi].Index]
}

// prevWord is the index of the token before i, skipping quotes and
// brackets; -1 at the start of the text.
func (art *article) prevWord(i int) int {
	for j := i - 1; j >= 0; j-- {
		if !art.d.Transparent(j) {
			return j
		}
	}
	return -1
}

// nextWord is the index of the token after i, skipping quotes and
// brackets; -1 at hi.
func (art *article) nextWord(i, hi int) int {
	if i < 0 {
		return -1
	}
	for j := i + 1; j < hi; j++ {
		if !art.d.Transparent(j) {
			return j
		}
	}
	return -1
}

// numberAt returns the number mention covering token i, or nil.
func (art *article) numberAt(i int) *numbers.Mention {
	if i < 0 || i >= len(art.a.Tokens) {
		return nil
	}
	for _, mi := range art.numsIn[art.a.SentenceOf(i)] {
		if n := art.numM(mi); i >= n.Tok && i < n.TokEnd {
			return n
		}
	}
	return nil
}

// actorStartingAt returns the actor mention starting at token i, or nil.
func (art *article) actorStartingAt(i int) *actors.Mention {
	for _, mi := range art.d.StartingAt(i) {
		if art.d.Mentions[mi].Kind == rules.KindActor {
			return art.actor(int(mi))
		}
	}
	return nil
}
