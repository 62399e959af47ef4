// Package numbers finds quantities in Arabic news: digits, number words in
// all their forms, vague quantities («العشرات») with ACLED's conventional
// figures, the qualifiers that make a figure a lower or upper bound, and
// percentages, which are never counts.
//
// Ordinals («الثالث», «الحادي عشر») are returned with Ordinal set rather than
// dropped, so that a caller can tell «the third attack» from «three attacks»;
// callers that want counts skip them. Duals of counted nouns («جنديين») are
// not read as 2: telling them from other words ending in «ين» needs a noun
// lexicon, and the extractor is better placed to do it.
package numbers

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Mention is one quantity in a text.
type Mention struct {
	// Span covers the qualifier, the number, and a percent sign or phrase;
	// with a trailing qualifier after the counted noun («20 مدنيا على الأقل»)
	// it covers the noun too.
	Span        text.Span
	Tok, TokEnd int     // token range [Tok, TokEnd) of Span
	Value       float64 // 20, 1500, 4.4e9; ACLED's figure for a vague quantity
	// Approx marks a vague quantity: «عدة», «عدد من», «العشرات», «المئات»,
	// «آلاف» alone, and anything multiplied from them («عشرات الآلاف»).
	Approx bool
	// Percent marks «90٪», «90 في المئة», «بالمئة»: a share, never a count.
	Percent bool
	// Qualifier is "at_least", "about", "at_most" or "".
	Qualifier string
	// Ordinal marks «الثاني», «الثالثة», «الخامس والعشرين».
	Ordinal bool
}

// Qualifier values.
const (
	AtLeast = lexicon.QualAtLeast
	About   = lexicon.QualAbout
	AtMost  = lexicon.QualAtMost
)

type kind uint8

const (
	kNone kind = iota
	kUnit
	kTen
	kTeen
	kHundred
	kMult
	kMultPlural
	kMultDual
	kVague
	kFraction
	kOrdinal
	kPercent
	kQualBefore
	kQualAfter
	kBlock
	kDigits // a number token, not a lexicon row
)

var kinds = map[string]kind{
	lexicon.NumUnit: kUnit, lexicon.NumTen: kTen, lexicon.NumTeen: kTeen,
	lexicon.NumHundred: kHundred, lexicon.NumMult: kMult, lexicon.NumMultPlural: kMultPlural,
	lexicon.NumMultDual: kMultDual, lexicon.NumVague: kVague, lexicon.NumFraction: kFraction,
	lexicon.NumOrdinal: kOrdinal, lexicon.NumPercent: kPercent, lexicon.NumQualBefore: kQualBefore,
	lexicon.NumQualAfter: kQualAfter, lexicon.NumBlock: kBlock,
}

type word struct {
	kind  kind
	value float64
	qual  string
	// conj marks a «وما ...» copy of a «ما ...» qualifier: the text layer
	// keeps three-letter words such as «وما» whole, so the index needs it
	// spelled out, and the span must still leave the و out.
	conj bool
}

// Number words may carry a conjunction («وعشرين»), a preposition
// («بعشرات») or the article («العشرين»); never a pronoun suffix, which
// would turn «عدده» (its number) into «عدد».
const allow = text.Conj | text.Prep | text.Article

var (
	loadOnce sync.Once
	index    *text.Index[word]
	loadErr  error
)

// Load reads the embedded number lexicon. Find calls it on first use and
// panics if the data is broken; a program can call Load at start-up to
// report the error instead.
func Load() error {
	loadOnce.Do(func() { index, loadErr = build() })
	return loadErr
}

func build() (*text.Index[word], error) {
	rows, err := lexicon.NumberWords()
	if err != nil {
		return nil, err
	}
	ix := text.NewIndex[word](allow)
	for _, r := range rows {
		k, ok := kinds[r.Kind]
		if !ok {
			return nil, fmt.Errorf("numbers: %s:%d: kind %q has no rule", lexicon.NumberFile, r.Line, r.Kind)
		}
		w := word{kind: k, value: r.Value, qual: r.Qualifier}
		if err := ix.Add(r.Phrase, w); err != nil {
			return nil, fmt.Errorf("numbers: %s:%d: %w", lexicon.NumberFile, r.Line, err)
		}
		if k != kQualBefore {
			continue
		}
		if key := text.Key(r.Phrase); strings.HasPrefix(key, "ما ") {
			w.conj = true
			if err := ix.Add("و"+key, w); err != nil {
				return nil, fmt.Errorf("numbers: %s:%d: %w", lexicon.NumberFile, r.Line, err)
			}
		}
	}
	return ix, nil
}

func loaded() *text.Index[word] {
	if err := Load(); err != nil {
		panic(err)
	}
	return index
}

// Find returns the quantities of a text in text order, without overlaps.
// It only reads the shared lexicon, so it is safe for concurrent use.
func Find(a *text.Analysis) []Mention {
	p := parser{a: a, ix: loaded(), memo: memoFor(len(a.Tokens))}
	defer releaseMemo(p.memo)
	var out []Mention
	for i := 0; i < len(a.Tokens); {
		if a.Tokens[i].Kind != text.Number && len(p.termsAt(i)) == 0 {
			i++
			continue
		}
		if m, ok := p.mentionAt(i); ok {
			out = append(out, m)
			i = m.TokEnd
			continue
		}
		// A block phrase, or a percent phrase with no number before it,
		// must not leave its «المئة» or «اثنين» to be read on its own.
		if t, ok := p.termOf(i, kBlock, kPercent); ok {
			i = t.end
			continue
		}
		i++
	}
	return out
}

type parser struct {
	a  *text.Analysis
	ix *text.Index[word]
	// memo keeps each token's lexicon phrases: the parser asks for them
	// several times as it tries a qualifier, a number and a percent sign.
	memo []memo
}

// memos keeps the per-token tables of earlier Finds: a worker finds the
// numbers of one article after another, and a table made for each (32 bytes
// a token) was garbage as soon as Find returned. A table in the pool is all
// zero: releaseMemo clears it, which also drops the terms (and the article's
// strings they hold).
var memos sync.Pool

func memoFor(n int) []memo {
	if m, ok := memos.Get().(*[]memo); ok && cap(*m) >= n {
		return (*m)[:n]
	}
	return make([]memo, n)
}

func releaseMemo(m []memo) {
	clear(m)
	memos.Put(&m)
}

type memo struct {
	done  bool
	terms []term
}

// term is one lexicon phrase found at a token.
type term struct {
	w     word
	tok   int // first token
	end   int // token after the phrase
	skip  int // normalised runes of clitics before the phrase
	kinds text.FormKind
	form  string // the reading of the first token that matched
}

// termsAt returns the rows of the longest lexicon phrase at token i: one
// phrase may have several («على الأقل» before and after a number).
func (p *parser) termsAt(i int) []term {
	if i >= len(p.a.Tokens) {
		return nil
	}
	if !p.memo[i].done {
		p.memo[i] = memo{done: true, terms: p.lookup(i)}
	}
	return p.memo[i].terms
}

func (p *parser) lookup(i int) []term {
	// Most words start no phrase: the index's filter says so before a
	// Match is made (and returned, some 150 bytes) for nothing.
	if !p.ix.MayStartAt(p.a, i) {
		return nil
	}
	// The match's span goes unused (mentionAt makes the mention's own):
	// its text is not made.
	m, ok := p.ix.MatchAtNoText(p.a, i, len(p.a.Tokens))
	if !ok {
		return nil
	}
	out := make([]term, 0, len(m.Values))
	for _, w := range m.Values {
		// A vague word read through a stripped article is a different word:
		// «العدة» (the equipment) is not «عدة» (several).
		if w.kind == kVague && m.Form.Kind&text.Article != 0 {
			continue
		}
		skip := m.Form.Skip
		switch {
		case w.conj:
			skip = 1
		case m.Form.Kind&text.Article != 0 && skip >= 2:
			// The article belongs to the number: the span is «العشرين», not
			// «عشرين»; only the و or preposition before it is left out.
			skip -= 2
		}
		out = append(out, term{w: w, tok: i, end: m.TokEnd, skip: skip, kinds: m.Form.Kind, form: m.Form.Text})
	}
	return out
}

// termOf returns the phrase at token i if it has a row of one of the kinds.
func (p *parser) termOf(i int, ks ...kind) (term, bool) {
	for _, t := range p.termsAt(i) {
		for _, k := range ks {
			if t.w.kind == k {
				return t, true
			}
		}
	}
	return term{}, false
}

func isNumberKind(k kind) bool {
	switch k {
	case kUnit, kTen, kTeen, kHundred, kMult, kMultPlural, kMultDual, kVague, kOrdinal:
		return true
	}
	return false
}

// mentionAt reads [qualifier] quantity [percent] [qualifier] at token i.
func (p *parser) mentionAt(i int) (Mention, bool) {
	toks := p.a.Tokens
	start, skip := i, 0
	var m Mention
	j := i
	if q, ok := p.termOf(i, kQualBefore); ok && q.kinds&^(text.Conj|text.Prep) == 0 {
		m.Qualifier = q.w.qual
		skip = q.skip
		j = q.end
	}
	qty, ok := p.quantity(j)
	if !ok {
		return Mention{}, false
	}
	if m.Qualifier == "" {
		skip = qty.skip
	}
	m.Value, m.Approx, m.Ordinal = qty.value, qty.approx, qty.ordinal
	end := qty.end
	if !m.Ordinal {
		if end < len(toks) && toks[end].Kind == text.Punct && toks[end].Text == "%" {
			m.Percent = true
			end++
		} else if t, ok := p.termOf(end, kPercent); ok && t.kinds&^text.Conj == 0 {
			m.Percent = true
			end = t.end
		}
	}
	if m.Qualifier == "" && !m.Ordinal {
		if q, ok := p.termOf(end, kQualAfter); ok && q.kinds == 0 {
			m.Qualifier, end = q.w.qual, q.end
		} else if end+1 < len(toks) && toks[end].Kind == text.Word && !p.startsNumber(end) {
			// «مقتل 20 مدنيا على الأقل»: the bound follows the counted noun.
			if q, ok := p.termOf(end+1, kQualAfter); ok && q.kinds == 0 {
				m.Qualifier, end = q.w.qual, q.end
			}
		}
	}
	m.Tok, m.TokEnd = start, end
	m.Span = p.a.SpanOf(toks[start].NStart+skip, toks[end-1].NEnd)
	return m, true
}

func (p *parser) startsNumber(i int) bool {
	if p.a.Tokens[i].Kind == text.Number {
		return true
	}
	for _, t := range p.termsAt(i) {
		if isNumberKind(t.w.kind) {
			return true
		}
	}
	return false
}

type quantity struct {
	value           float64
	approx, ordinal bool
	end, skip       int
}

// quantity reads digits or number words at token i.
func (p *parser) quantity(i int) (quantity, bool) {
	toks := p.a.Tokens
	t, ok := p.numberTerm(i)
	if !ok {
		return quantity{}, false
	}
	var c acc
	c.start(t.w)
	end := t.end
	for end < len(toks) {
		k := end
		joined := false
		// «وعشرون» carries its و; «خمسة و عشرون» and «7 آلاف و367» have it apart.
		if toks[k].Kind == text.Word && toks[k].Text == "و" {
			joined = true
			k++
		}
		next, ok := p.numberTerm(k)
		if !ok {
			break
		}
		if next.kinds&text.Conj != 0 {
			// Only و joins number words; «فعشرون» starts a new clause.
			if joined || !strings.HasPrefix(toks[k].Text, "و") {
				break
			}
			joined = true
		}
		if next.kinds&text.Prep != 0 {
			break
		}
		if joined && c.last == kMult && p.biggerMultAfter(next.end, c.lastMult) {
			// «بين 10 آلاف و15 ألفا» is two figures, not 10015.
			break
		}
		if !c.add(next.w, joined) {
			break
		}
		end = next.end
	}
	if c.last == kFraction {
		return quantity{}, false // «نصف» with no multiplier is not a count
	}
	return quantity{value: c.total + c.cur, approx: c.approx, ordinal: c.ordinal, end: end, skip: t.skip}, true
}

func (p *parser) biggerMultAfter(i int, scale float64) bool {
	t, ok := p.termOf(i, kMult, kMultPlural, kMultDual)
	return ok && t.w.value >= scale
}

// parseDigits reads a number token: «1,500» has thousands separators when
// every group after a comma has three digits; otherwise a lone comma is a
// decimal comma («1,5»).
func parseDigits(s string) (float64, bool) {
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		thousands := true
		for _, g := range groups[1:] {
			head, _, _ := strings.Cut(g, ".")
			if len(head) != 3 {
				thousands = false
			}
		}
		switch {
		case thousands:
			s = strings.ReplaceAll(s, ",", "")
		case len(groups) == 2 && !strings.Contains(s, "."):
			s = strings.Replace(s, ",", ".", 1)
		default:
			s = strings.ReplaceAll(s, ",", "")
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0, false
	}
	return v, true
}

// acc composes number words the way Arabic reads them: hundreds, then
// units, then tens joined by و («مئة وخمسة وعشرون»), each group closed by a
// multiplier («ثلاثة آلاف وخمسمئة»).
type acc struct {
	total, cur float64
	last       kind    // kind of the last term: what may follow it
	lastMult   float64 // scale of the last multiplier: later groups are smaller
	approx     bool
	ordinal    bool
}

// numberTerm returns the number word or digits at token i.
func (p *parser) numberTerm(i int) (term, bool) {
	toks := p.a.Tokens
	if i >= len(toks) {
		return term{}, false
	}
	switch toks[i].Kind {
	case text.Number:
		return p.digits(i)
	case text.Punct:
		return term{}, false
	}
	ts := p.termsAt(i)
	for _, t := range ts {
		if t.w.kind == kBlock {
			return term{}, false
		}
	}
	for _, t := range ts {
		if isNumberKind(t.w.kind) || t.w.kind == kFraction {
			if t.form == "واحد" && t.kinds&text.Article == 0 && p.origRuneAfter(i, t.skip+1) == 'أ' {
				// «وأحد» (and one of) normalises to «واحد» (one).
				return term{}, false
			}
			return t, true
		}
	}
	return term{}, false
}

// digits reads a number token. Some outlets write the decimal point as an
// Arabic comma with no space around it («12،8 بالمئة»); a comma between
// list items has a space after it.
func (p *parser) digits(i int) (term, bool) {
	toks := p.a.Tokens
	v, ok := parseDigits(toks[i].Text)
	if !ok {
		return term{}, false
	}
	end := i + 1
	if i+2 < len(toks) && toks[i+1].Text == "،" && toks[i+2].Kind == text.Number &&
		toks[i].NEnd == toks[i+1].NStart && toks[i+1].NEnd == toks[i+2].NStart &&
		!strings.ContainsAny(toks[i].Text+toks[i+2].Text, ".,") {
		if d, err := strconv.ParseFloat(toks[i].Text+"."+toks[i+2].Text, 64); err == nil {
			v, end = d, i+3
		}
	}
	return term{w: word{kind: kDigits, value: v}, tok: i, end: end}, true
}

// origRuneAfter returns the original rune that produced the n-th normalised
// rune of token i, to tell apart words that normalisation merges.
func (p *parser) origRuneAfter(i, n int) rune {
	off := p.a.OrigOffset(p.a.Tokens[i].NStart + n)
	if off < len(p.a.Orig) {
		return p.a.Orig[off]
	}
	return 0
}

func (c *acc) start(w word) {
	switch w.kind {
	case kUnit, kTen, kTeen, kHundred:
		c.cur, c.last = w.value, w.kind
		if w.kind == kUnit && w.value == 10 {
			c.last = kTen
		}
	case kMult:
		c.total, c.lastMult, c.last = w.value, w.value, kMult
	case kMultPlural:
		// «آلاف» alone: thousands, no figure given.
		c.total, c.lastMult, c.last, c.approx = w.value, w.value, kMult, true
	case kMultDual:
		c.total, c.lastMult, c.last = 2*w.value, w.value, kMult
	case kVague:
		c.cur, c.last, c.approx = w.value, kVague, true
	case kOrdinal:
		c.cur, c.last, c.ordinal = w.value, kOrdinal, true
	case kDigits, kFraction:
		c.cur, c.last = w.value, w.kind
	}
}

// add joins one more term, or reports that it does not continue the number.
func (c *acc) add(w word, joined bool) bool {
	if !joined {
		switch {
		case w.kind == kHundred && w.value == 100 && c.last == kUnit && c.cur >= 1 && c.cur <= 9:
			// «ثلاث مئة»
			c.cur *= 100
			c.last = kHundred
			return true
		case (w.kind == kMult || w.kind == kMultPlural) && c.cur > 0 && c.last != kOrdinal:
			// «ثلاثة آلاف», «خمسة وعشرون ألفا», «عشرات الآلاف», «10 آلاف»,
			// «4.4 مليار», «نصف مليون»
			c.total += c.cur * w.value
			c.cur, c.lastMult, c.last = 0, w.value, kMult
			return true
		case w.kind == kMult && c.last == kMult && c.cur == 0 && w.value > c.lastMult:
			// «ألف مليون»
			c.total *= w.value
			c.lastMult = w.value
			return true
		}
		return false
	}
	switch c.last {
	case kUnit, kOrdinal:
		// «خمسة وعشرون», «مئة وخمسة وعشرون», «الخامس والعشرين»
		if w.kind == kTen && int(c.cur)%100 < 10 {
			c.cur += w.value
			if c.last == kUnit {
				c.last = kTen
			} else {
				c.last = kNone
			}
			return true
		}
	case kHundred:
		// «مئة وخمسة», «مئتان وعشرون»
		if w.kind == kUnit || w.kind == kTen || w.kind == kTeen {
			c.cur += w.value
			c.last = w.kind
			if w.kind == kUnit && w.value == 10 {
				c.last = kTen
			}
			return true
		}
	case kMult:
		if c.cur != 0 {
			return false
		}
		switch w.kind {
		case kUnit, kTen, kTeen, kHundred:
			// «ثلاثة آلاف وخمسمئة»
			c.cur, c.last = w.value, w.kind
			if w.kind == kUnit && w.value == 10 {
				c.last = kTen
			}
			return true
		case kDigits:
			// «7 آلاف و367»
			if w.value < c.lastMult {
				c.cur, c.last = w.value, kDigits
				return true
			}
		case kMult, kMultDual:
			// «مليون وألفان»
			if w.value < c.lastMult {
				n := 1.0
				if w.kind == kMultDual {
					n = 2
				}
				c.total += n * w.value
				c.lastMult = w.value
				return true
			}
		case kFraction:
			// «مليون ونصف»
			c.total += w.value * c.lastMult
			c.last = kNone
			return true
		}
	}
	return false
}
