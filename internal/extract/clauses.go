package extract

import (
	"strings"

	"rasd/internal/rules"
	"rasd/internal/text"
)

// clause is a stretch [lo, hi) of sentence s's tokens that holds one
// predicate.
type clause struct{ s, lo, hi int }

// minClause is the length under which a split rule does not cut: a clause
// of three tokens rarely holds an event of its own.
const minClause = 4

// frames builds every candidate event of the document, in text order.
func (art *article) frames() []*frame {
	var out []*frame
	related := false
	history := 0 // lines of an «on this day» list still to pass over
	punct := art.punctuated()
	// seen holds the last sentence of some length with each sentenceHash,
	// and sameHash[s] the one before s with its hash (-1: none): a list
	// per hash cost an allocation for nearly every sentence.
	var seen map[uint64]int
	var sameHash []int
	for s := range art.a.Sentences {
		lo, hi := art.sentence(s)
		if lo >= hi {
			continue
		}
		// A page that prints its bulletin twice, or a paragraph pasted
		// again, reports each occurrence once: a sentence of some length
		// that repeats an earlier one word for word adds nothing.
		if hi-lo >= minRepeatWords {
			h := art.sentenceHash(lo, hi)
			last, ok := seen[h]
			if ok && art.repeats(last, sameHash, lo, hi) {
				continue
			}
			if seen == nil {
				seen = map[uint64]int{}
				sameHash = make([]int, len(art.a.Sentences))
			}
			if !ok {
				last = -1
			}
			sameHash[s], seen[h] = last, s
		}
		// A «للمزيد:» line and the unpunctuated link titles after it belong
		// to other articles.
		if _, ok := art.d.ClassAt(lo, art.x.cls.Related); ok {
			related = true
		} else if related && (art.endsPunctuated(s) && art.words(s) > 8 || art.paragraphStart(s)) {
			related = false
		}
		if related || art.linkTitle(s, punct) {
			continue
		}
		// The items of an «on this day» list stand one a line, each a
		// past year's event without its year; the list ends at a blank
		// line, at a line that runs on, or at a report («قال …»).
		if history > 0 {
			if art.paragraphStart(s) || !art.lineStart(s) || art.in(lo, art.x.cls.Speech) {
				history = 0
			} else {
				history--
				continue
			}
		}
		if art.phraseIn(lo, hi, art.x.cls.HistoryList) {
			history = maxHistoryItems
		}
		// Only a live cue makes a frame: a sentence without one is not cut
		// into clauses, nor its clauses tested for skipping, which is most
		// of the rules' work on a text. A trace lists every rule that
		// fires, so it still reads them.
		if !art.trace && !art.liveCueIn(s) {
			continue
		}
		for _, c := range art.clauses(s) {
			if r := art.first(rules.StageSkip, -1, -1, c.lo, c.hi, nil); r != nil {
				continue
			}
			out = append(out, art.clauseFrames(c)...)
		}
		if len(out) > maxFrames {
			art.tooMany = true
			break
		}
	}
	return out
}

// liveCueIn: sentence s holds a cue that no drop rule took away.
func (art *article) liveCueIn(s int) bool {
	for _, mi := range art.cuesIn[s] {
		if !art.d.Mentions[mi].Off {
			return true
		}
	}
	return false
}

// maxFrames bounds the candidate events of one document: over the bench
// corpus's 31,508 articles the most any had was 47 (median 0), so a text
// with more than twenty times that is a list or a repetition, whose every
// line would otherwise be read as one more event.
const maxFrames = 1000

// maxHistoryItems bounds an «on this day» list: such lists give a dozen
// items or fewer.
const maxHistoryItems = 15

// minRepeatWords is the length from which a repeated sentence is taken
// for a copy rather than a formula («وقال المصدر إن …»).
const minRepeatWords = 8

// sentenceHash is a hash of the normalised words of tokens [lo, hi),
// which repeats compares exactly: a key string for every sentence cost
// more than the rest of the test. It mixes the hashes Analyze made of the
// words, rather than hashing their text again.
func (art *article) sentenceHash(lo, hi int) uint64 {
	h := uint64(hi - lo)
	for i := lo; i < hi; i++ {
		h = (h ^ art.a.WordHash(i)) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	return h
}

// repeats: sentence s, or one before it in the list sameHash links, has
// the words of tokens [lo, hi).
func (art *article) repeats(s int, sameHash []int, lo, hi int) bool {
	for ; s >= 0; s = sameHash[s] {
		l, h := art.sentence(s)
		if h-l != hi-lo {
			continue
		}
		same := true
		for k := 0; k < h-l && same; k++ {
			same = art.a.Tokens[l+k].Text == art.a.Tokens[lo+k].Text
		}
		if same {
			return true
		}
	}
	return false
}

// clauses cuts sentence s where a split rule fires.
func (art *article) clauses(s int) []clause {
	lo, hi := art.sentence(s)
	var out []clause
	start := lo
	for i := lo + 1; i < hi; i++ {
		// Most tokens are no split rule's anchor: one test says so for
		// all of them.
		if !art.d.MayAnchorAny(&art.x.splitAnchors, i) {
			continue
		}
		for _, sr := range art.x.splits {
			if i-start < sr.minClause || !art.d.MayAnchorAny(&sr.anchors, i) {
				continue
			}
			if _, ok := art.fire(sr.rule, -1, i, start, hi, nil); ok {
				out = append(out, clause{s, start, i})
				start = i
				break
			}
		}
	}
	return append(out, clause{s, start, hi})
}

// linkTitle: an unpunctuated line of a few words inside the body, between
// sentences that end with a full stop. Outlets print the titles of other
// stories there («اقرأ أيضا» boxes whose label the page dropped) and
// subheadings; neither tells an occurrence the body does not, and a
// title of another story, read as this one's, takes its place and joins
// its event.
func (art *article) linkTitle(s int, punct punctuatedSpan) bool {
	if s <= punct.first || s >= punct.last || art.endsPunctuated(s) || art.words(s) > maxLinkTitleWords {
		return false
	}
	return art.ownLine(s)
}

// punctuatedSpan holds the first and the last sentence that end with a full
// stop (-1 when none), found once so that a text of thousands of
// unpunctuated lines costs linkTitle no scan each.
type punctuatedSpan struct{ first, last int }

func (art *article) punctuated() punctuatedSpan {
	p := punctuatedSpan{-1, -1}
	for s := range art.a.Sentences {
		if art.endsPunctuated(s) {
			if p.first < 0 {
				p.first = s
			}
			p.last = s
		}
	}
	return p
}

// maxLinkTitleWords is the length of the longest title linkTitle takes
// for one: a news title rarely runs past it, a sentence often does.
const maxLinkTitleWords = 16

// ownLine: sentence s has a line to itself.
func (art *article) ownLine(s int) bool {
	lo, hi := art.sentence(s)
	if lo == 0 || lo >= hi {
		return false
	}
	orig := art.a.Orig
	before := string(orig[art.a.Tokens[lo-1].End:art.a.Tokens[lo].Start])
	if !strings.Contains(before, "\n") {
		return false
	}
	// A dash or a bullet opens an item of a list the body gives, not a title.
	if strings.ContainsAny(before[strings.LastIndex(before, "\n"):], "-–—•*") || strings.ContainsAny(art.a.Tokens[lo].Text, "-–—•*") {
		return false
	}
	if hi >= len(art.a.Tokens) {
		return true
	}
	after := string(orig[art.a.Tokens[hi-1].End:art.a.Tokens[hi].Start])
	return strings.Contains(after, "\n")
}

// endsPunctuated: the sentence ends with a full stop, not a line break.
func (art *article) endsPunctuated(s int) bool {
	lo, hi := art.sentence(s)
	for i := hi - 1; i >= lo; i-- {
		t := art.a.Tokens[i]
		if t.Kind != text.Punct {
			return false
		}
		if strings.ContainsAny(t.Text, ".!؟?…") {
			return true
		}
	}
	return false
}

// words counts the word tokens of sentence s.
func (art *article) words(s int) int {
	lo, hi := art.sentence(s)
	n := 0
	for i := lo; i < hi; i++ {
		if art.a.Tokens[i].Kind == text.Word {
			n++
		}
	}
	return n
}

// phraseIn: a word or phrase of class c starts in tokens [lo, hi).
func (art *article) phraseIn(lo, hi, c int) bool {
	for i := max(lo, 0); i < hi && i < len(art.a.Tokens); i++ {
		if _, ok := art.d.ClassAt(i, c); ok {
			return true
		}
	}
	return false
}

// lineStart: sentence s starts a line of the text.
func (art *article) lineStart(s int) bool { return art.breaksBefore(s) >= 1 }

// paragraphStart: a blank line comes before sentence s.
func (art *article) paragraphStart(s int) bool { return art.breaksBefore(s) >= 2 }

// breaksBefore counts the line breaks between sentence s and the one
// before it; the first sentence of the text counts as after a paragraph.
func (art *article) breaksBefore(s int) int {
	lo, hi := art.sentence(s)
	if lo == 0 || hi == lo {
		if s == 0 {
			return 2
		}
		return 0
	}
	prev := art.a.Tokens[lo-1]
	return strings.Count(string(art.a.Orig[prev.End:art.a.Tokens[lo].Start]), "\n")
}
