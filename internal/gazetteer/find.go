package gazetteer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// maxCues bounds a chain of cues before one name: «بالقرب من مدينة X»,
// «جنوب غرب مدينة X», «بادية ريف حمص».
const maxCues = 3

// maxAdjs bounds the trailing directions: «ريف حمص الشمالي الشرقي».
const maxAdjs = 2

// raw is a mention found by the first pass, before the article-wide
// signals pick among the places its name may mean.
type raw struct {
	tok, tokEnd int
	start, end  int // original code points
	name        text.Span
	nameTok     int
	e           *entry
	cands       []cand // those the context allows
	cues        []*cue
	adjs        bool // trailing directions extend the span
	sentEnd     int  // the token end of the sentence
	// match is ByName, or how a guessed name found its candidates (see
	// weakAt); fine is then its fine skeleton.
	match Match
	fine  string
}

// Find returns every place mention of a, in text order, non-overlapping.
//
// Mentions are resolved from the last to the first, so that a place the
// text puts another in or near («X شمالي مدينة Y», «X في Y») is known
// when that other is resolved.
func (g *Gazetteer) Find(a *text.Analysis) []Mention {
	raws := g.scan(a)
	if len(raws) == 0 {
		return nil
	}
	sig := g.signals(raws, text.Dateline(a))
	if g.mayBeSaid(raws, sig) {
		sig.said = g.saidIn(a)
	}
	if sig.country == "" && spansCountries(raws) {
		sig.leaning = g.leaningOf(a)
	}
	links := g.links(a, raws)
	out := make([]Mention, len(raws))
	for i := len(raws) - 1; i >= 0; i-- {
		r := &raws[i]
		if r.cands = g.gate(r, i, sig); len(r.cands) == 0 {
			continue
		}
		var y *Place
		if l := links[i]; l.to >= 0 {
			y = out[l.to].Place
		}
		if m, ok := g.resolve(a, r, i, sig, links[i], y); ok {
			out[i] = m
		}
	}
	n := 0
	for i := range out {
		if out[i].Place != nil {
			out[n] = out[i]
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return out[:n]
}

// mayBeSaid says whether the gate would drop a candidate of raws in a
// country that phrases of sites.tsv's context "signal" may name: only then
// are they looked for.
func (g *Gazetteer) mayBeSaid(raws []raw, sig signals) bool {
	for i := range raws {
		for _, c := range raws[i].cands {
			if g.saidCountry[c.p.Country] && (c.local || g.needsCountry(c.p)) && !c.vouched && sig.names[c.p.Country] <= 1 {
				return true
			}
		}
	}
	return false
}

// saidIn counts, for each country, the distinct phrases of a that name it
// without being places («الاحتلال الإسرائيلي», «الكيان الصهيوني»).
func (g *Gazetteer) saidIn(a *text.Analysis) map[string]int {
	return countByCountry(g.said, a)
}

// countByCountry counts, for each country, the distinct phrases of idx
// that a holds.
func countByCountry(idx *text.Index[string], a *text.Analysis) map[string]int {
	out := map[string]int{}
	var seen []string
	for _, s := range a.Sentences {
		for i := s.TokStart; i < s.TokEnd; i++ {
			m, ok := idx.MatchAtNoText(a, i, s.TokEnd)
			if !ok {
				continue
			}
			i = m.TokEnd - 1
			if slices.Contains(seen, m.Key) {
				continue
			}
			seen = append(seen, m.Key)
			for _, c := range m.Values {
				out[c]++
			}
		}
	}
	return out
}

func (g *Gazetteer) scan(a *text.Analysis) []raw {
	var out []raw
	// buf holds mentionAt's one or two mentions, copied into out at once:
	// a slice made for each cost an allocation for every mention.
	var buf []raw
	lastEnd := -1
	for _, s := range a.Sentences {
		for i := s.TokStart; i < s.TokEnd; {
			// Most tokens start neither a name nor a cue: the indexes'
			// filters say so without the cost of a match (mentionAt finds
			// nothing where neither starts).
			if !g.names.MayStartAt(a, i) && !g.cues.MayStartAt(a, i) && !shortHeadAt(a, i, s.TokEnd) {
				i++
				continue
			}
			first, found := g.matchName(a, i, s.TokEnd)
			if found && first.Values[0].block {
				i = first.TokEnd
				continue
			}
			ms := g.mentionAt(a, i, s.TokStart, s.TokEnd, lastEnd, first, found, buf[:0])
			buf = ms[:0]
			if len(ms) == 0 {
				i++
				continue
			}
			for k := range ms {
				ms[k].sentEnd = s.TokEnd
			}
			out = append(out, ms...)
			i = ms[len(ms)-1].tokEnd
			lastEnd = i
		}
	}
	return g.listHeads(a, out)
}

// listHeads adds the first name of a list that only a preposition would
// have let in: «قصفت الطائرات دوما وحرستا» names «دوما» as surely as «في
// دوما» does, since the place joined to it by «و» is one. (The names after
// the first continue the list already: «في حرستا ودوما».)
func (g *Gazetteer) listHeads(a *text.Analysis, raws []raw) []raw {
	var heads []raw
	for k := range raws {
		r := &raws[k]
		t := r.tok - 1
		if len(r.cues) > 0 || t < 0 || !strings.HasPrefix(a.Tokens[r.tok].Text, "و") || a.Tokens[t].Kind != text.Word ||
			k > 0 && raws[k-1].tokEnd > t || a.SentenceOf(t) != a.SentenceOf(r.tok) || !conjAt(a, r.tok) {
			continue
		}
		m, ok := g.nameAt(a, t, r.tok, prep, false, nil, false)
		if !ok || m.tokEnd != r.tok {
			continue
		}
		m.tok, m.start, m.sentEnd = t, m.name.Start, r.sentEnd
		heads = append(heads, m)
	}
	if len(heads) == 0 {
		return raws
	}
	out := make([]raw, 0, len(raws)+len(heads))
	h := 0
	for _, r := range raws {
		for h < len(heads) && heads[h].tok < r.tok {
			out = append(out, heads[h])
			h++
		}
		out = append(out, r)
	}
	return append(out, heads[h:]...)
}

// conjAt says whether token i may be read with «و» or «ف» glued to it.
func conjAt(a *text.Analysis, i int) bool {
	for _, f := range a.Forms(i) {
		if f.Kind == text.Conj {
			return true
		}
	}
	return false
}

// mentionAt tries a name at token i and a chain of cues followed by a name,
// and keeps the longer; a name that swallows its cue («مخيم الهول»,
// «شرق الفرات», «ريف دمشق») wins a tie.
//
// first is the longest name at i (found says whether there is one), which
// the caller has looked up already. The mentions are appended to best,
// which must be empty.
func (g *Gazetteer) mentionAt(a *text.Analysis, i, sentStart, end, lastEnd int, first text.Match[*entry], found bool, best []raw) []raw {
	if found {
		// «في عين الأسد، والتنف»: a comma before the «و» still continues
		// the list.
		continues := lastEnd == i || i > 0 && lastEnd == i-1 && isComma(a.Tokens[i-1].Text)
		if m, ok := g.nameFrom(a, first, i, end, g.contextAt(a, i, sentStart, lastEnd), continues, nil, false); ok {
			m.tok, m.start = i, m.name.Start
			if g.trailingFits(&m) {
				g.extendAdjs(a, &m, end)
			}
			best = append(best[:0], m)
		}
	}
	var chain []*cue
	var chainEnd []int
	var chainStart int
	for j := i; len(chain) < maxCues && j < end; {
		if len(chain) > 0 && chain[len(chain)-1].marks != nil {
			break // «مواقع شمالي محافظة صعدة»: a post names no region
		}
		cm, ok := g.cues.MatchAtNoText(a, j, end)
		if !ok {
			break
		}
		if len(chain) == 0 {
			chainStart = cm.Span.Start + cm.Values[0].skip
		}
		chain = append(chain, cm.Values[0])
		chainEnd = append(chainEnd, cm.TokEnd)
		j = cm.TokEnd
	}
	for k := len(chain); k >= 1; k-- {
		at := skipQuote(a, chainEnd[k-1], end)
		// «في العاصمة الفرنسية، باريس»: a capital in apposition after a
		// comma is still the capital the cue announces.
		comma := false
		if at == chainEnd[k-1] && at+1 < end && chain[k-1].role == roleCity && isComma(a.Tokens[at].Text) {
			at, comma = at+1, true
		}
		if at >= end {
			continue
		}
		ctx := prep
		for _, c := range chain[:k] {
			ctx = max(ctx, c.level())
		}
		m, ok := g.nameAt(a, at, end, ctx, false, kindCue(chain[:k]), true)
		if !ok && !comma && (chain[k-1].role == roleSettlement || chain[k-1].role == roleCity) {
			m, ok = g.nameWithoutArticle(a, at, end, ctx, kindCue(chain[:k]))
		}
		if ok && comma && !slices.ContainsFunc(m.cands, func(c cand) bool { return c.p.Capital() || c.p.Kind == "city" }) {
			continue // «وصفه مسؤول في العاصمة البريطانية، بأنه …»: only a capital or a listed city stands in apposition
		}
		if !ok || !comma && at > chainEnd[k-1] && !closed(a, m.tokEnd, end) {
			continue // «العاصمة الفرنسية "بدا لي»: a quotation, not a name
		}
		m.tok, m.start, m.cues = i, chainStart, chain[:k]
		if g.trailingFits(&m) {
			g.extendAdjs(a, &m, end)
		}
		if len(best) > 0 {
			b := best[0]
			if m.tokEnd < b.tokEnd || (m.tokEnd == b.tokEnd && (len(b.cues) == 0 || m.tokEnd-m.nameTok <= b.tokEnd-b.nameTok)) {
				continue
			}
		}
		best = append(best[:0], m)
		if slices.ContainsFunc(chain[:k], func(c *cue) bool { return c.dual }) {
			if m2, ok := g.dualAt(a, m.tokEnd, end, chain[:k]); ok {
				best = append(best, m2)
			}
		}
	}
	if len(best) == 0 && len(chain) > 0 && chainEnd[len(chain)-1] < end {
		if m, ok := g.weakAt(a, chainEnd[len(chain)-1], end, chain); ok {
			m.tok, m.start = i, chainStart
			best = append(best[:0], m)
		}
	}
	return best
}

// dualAt finds the second place after a dual cue: «ريفي حمص ودير الزور»,
// «مخيمي البريج والمغازي», «قرب بلدتي عيترون وبليدا», «مستوطنتي "شتولا"
// و"زرعيت"».
func (g *Gazetteer) dualAt(a *text.Analysis, j, end int, cues []*cue) (raw, bool) {
	if j < end && quote(a, j) {
		j++ // the first name's closing quote
	}
	if j >= end {
		return raw{}, false
	}
	quoted := false
	if a.Tokens[j].Text == "و" && j+1 < end {
		k := skipQuote(a, j+1, end)
		quoted, j = k > j+1, k
		if j >= end {
			return raw{}, false
		}
	} else {
		conj := false
		for _, f := range a.Forms(j) {
			if f.Kind == text.Conj {
				conj = true
			}
		}
		if !conj {
			return raw{}, false
		}
	}
	ctx := prep
	for _, c := range cues {
		ctx = max(ctx, c.level())
	}
	m, ok := g.nameAt(a, j, end, ctx, false, kindCue(cues), false)
	if !ok || quoted && !closed(a, m.tokEnd, end) {
		return raw{}, false
	}
	m.tok, m.start, m.cues = m.nameTok, m.name.Start, cues
	if g.trailingFits(&m) {
		g.extendAdjs(a, &m, end)
	}
	return m, true
}

// shortHeads are the two-letter words that start place names («تل
// السلطان», «أم قصر», «شط العرب», «ذي قار»), as nameKey writes them.
var shortHeads = map[string]bool{"تل": true, "ام": true, "سد": true, "جب": true, "شط": true, "ذي": true}

// shortHeadAt says whether token i is one of shortHeads with «و», «ف», «ب»
// or «ل» glued before it, and a word may follow before limit: only then
// does matchName look beyond the names index.
func shortHeadAt(a *text.Analysis, i, limit int) bool {
	t := &a.Tokens[i]
	// A word token's length in runes is its length in the normalised text.
	if t.Kind != text.Word || t.NEnd-t.NStart != 3 || i+1 >= limit {
		return false
	}
	switch r, _ := utf8.DecodeRuneInString(t.Text); r {
	case 'و', 'ف', 'ب', 'ل':
		// «بجد على» is "seriously on", not «جد علي».
		return shortHeads[t.Text[len("و"):]] // each of the four letters is two bytes
	}
	return false
}

// nameWithoutArticle reads a one-word name after a town or village cue
// without the article news writes and the gazetteer's source does not
// («بلدة الشحيل» for the village WOF files as «شحيل»): only after such a
// cue, which says a place is named, and only when the name as written is
// no place.
func (g *Gazetteer) nameWithoutArticle(a *text.Analysis, i, end int, ctx level, kind *cue) (raw, bool) {
	t := &a.Tokens[i]
	if t.Kind != text.Word || !strings.HasPrefix(t.Text, "ال") || text.RuneCount(t.Text) < 5 {
		return raw{}, false
	}
	stem := t.Text[len("ال"):]
	vals := g.names.Lookup(stem)
	if len(vals) == 0 {
		return raw{}, false
	}
	m := text.Match[*entry]{
		Tok: i, TokEnd: i + 1,
		Span:   text.Span{Start: a.OrigOffset(t.NStart), End: a.OrigEnd(t.NEnd)},
		Key:    stem,
		Form:   text.Form{Text: stem},
		Values: vals,
	}
	return g.nameFrom(a, m, i, end, ctx, false, kind, true)
}

// matchName is the longest name at token i that does not run past limit.
// The text's analysis splits no clitic off a word of three letters, so a
// name whose first word has two («تل السلطان», «أم النصر») is also tried
// without a conjunction or preposition glued to it («وتل السلطان»,
// «بتل الهوى»).
func (g *Gazetteer) matchName(a *text.Analysis, i, limit int) (text.Match[*entry], bool) {
	// The name's text is made by resolve, for the mentions kept.
	m, ok := g.names.MatchAtNoText(a, i, limit)
	if !shortHeadAt(a, i, limit) {
		return m, ok
	}
	t := &a.Tokens[i]
	kind := text.Prep
	if r, _ := utf8.DecodeRuneInString(t.Text); r == 'و' || r == 'ف' {
		kind = text.Conj
	}
	stem := t.Text[len("و"):] // each of the four letters is two bytes
	var b strings.Builder
	b.WriteString(stem)
	for n := 2; n <= text.MaxPhraseTokens && i+n <= limit; n++ {
		j := i + n - 1
		if a.Tokens[j].Kind == text.Punct {
			break
		}
		b.WriteByte(' ')
		b.WriteString(a.Tokens[j].Text)
		vals := g.names.Lookup(b.String())
		if len(vals) == 0 || (ok && n <= m.TokEnd-m.Tok) {
			continue
		}
		m = text.Match[*entry]{
			Tok: i, TokEnd: i + n,
			Span:   text.Span{Start: a.OrigOffset(t.NStart + 1), End: a.OrigEnd(a.Tokens[j].NEnd)},
			Key:    b.String(),
			Form:   text.Form{Text: stem, Skip: 1, Kind: kind},
			Values: vals,
		}
		ok = true
	}
	return m, ok
}

// quote says whether token i is a quotation mark: news quotes the names
// of Israeli posts and settlements («موقع "رويسات العلم"», «مستعمرة
// "شتولا"»).
func quote(a *text.Analysis, i int) bool {
	t := &a.Tokens[i]
	return t.Kind == text.Punct && (t.Text == "\"" || t.Text == "'")
}

// skipQuote steps over an opening quotation mark at token i that a word
// follows.
func skipQuote(a *text.Analysis, i, end int) int {
	if i+1 < end && quote(a, i) && a.Tokens[i+1].Kind == text.Word {
		return i + 1
	}
	return i
}

// closed says whether a quotation mark closes a quoted name at token i.
func closed(a *text.Analysis, i, end int) bool {
	return i < end && quote(a, i)
}

// nameAt matches the longest name at token i that the context allows. A
// longer name the context rules out gives way to a shorter one.
//
// ctx is what the words before say; a clitic on the name's first word
// changes it. «بالباغوز» and «للرقة» carry their preposition; «وهجين»
// after a mention continues a list. But a conjunction between a
// preposition and the name («على وجوده») cancels the preposition, and
// a stripped «ك», or a preposition before a word without the article,
// is as likely a word's own letters («كبيرة», «لصالح», «فكرياً»).
//
// kind is the cue before the name that says what it is (kindCue), or nil.
// After «محافظة» only governorates and their capitals are kept: a
// village's name is a governorate abroad («محافظة صعدة»), not a village.
// A cue with marks keeps only the places it marks («موقع» an army post,
// «مستوطنة» a place of Israel or Palestine); those it marks by their
// country need no other name of the country in the article (vouched).
func (g *Gazetteer) nameAt(a *text.Analysis, i, end int, ctx level, continuesList bool, kind *cue, afterCue bool) (raw, bool) {
	m, ok := g.matchName(a, i, end)
	if !ok {
		return raw{}, false
	}
	return g.nameFrom(a, m, i, end, ctx, continuesList, kind, afterCue)
}

// nameFrom is nameAt given the longest match m at i.
func (g *Gazetteer) nameFrom(a *text.Analysis, m text.Match[*entry], i, end int, ctx level, continuesList bool, kind *cue, afterCue bool) (raw, bool) {
	govOnly := kind != nil && kind.role == roleGovernorate
	var marks map[string]bool
	if kind != nil {
		marks = kind.marks
	}
	for {
		if m.Values[0].block {
			return raw{}, false
		}
		if afterCue && m.Form.Kind != 0 {
			// A cue is followed by the bare name: «مدينة فكسيو» is not
			// «مدينة» + ف + ك + «سيو».
			return raw{}, false
		}
		c := ctx
		if m.Form.Kind != 0 && c == prep {
			c = bare
		}
		if m.Form.Kind&text.Prep != 0 && c < prep && g.placePrep(a, i, m.Form) {
			c = prep
		}
		if continuesList && m.Form.Kind == text.Conj && c < prep {
			c = prep
		}
		// A common word after a cue is still a common word when a personal
		// name follows («مدينة الملك عبدالله»). «على» normalises to the
		// name «علي», but as written it is the preposition.
		named := m.TokEnd < end && g.person[a.Tokens[m.TokEnd].Text] && !writtenWithAlifMaqsura(a, m.TokEnd)
		// Tanween marks an indefinite noun or an adverb («دوماً»), never a
		// place name.
		tanween := m.TokEnd-m.Tok == 1 && tanweenIn(a, m.Tok)
		var cands, guesses []cand
		for _, e := range m.Values {
			for _, cd := range e.cands {
				if (govOnly && cd.p.Kind != "region" && !cd.p.capital) ||
					(cd.need >= area && named) || (tanween && strings.HasPrefix(cd.p.ID, "wof:")) {
					continue
				}
				if kind != nil && kind.role == roleCity && cd.p.tier >= 2 && cd.need <= prep {
					// «مدينة القطيف»: a town of some size, called a town,
					// and no common word, is meant even in an article
					// that does not name its country.
					cd.vouched = true
				}
				if marks != nil && !marks[cd.p.Kind] {
					// A place marked by its country whose name is also a
					// word is taken with the article only: «مستوطنة
					// المطلة», but not «مستوطنة جديدة» ("a new settlement")
					// or «مواقع جديدة». A district is named bare
					// («مديرية موزع»).
					if !marks[cd.p.Country] || cd.need > prep && !strings.HasPrefix(m.Key, "ال") && kind.role != roleDistrict {
						continue
					}
					cd.vouched = true
				}
				if cd.need > c {
					if afterCue && c == area && cd.cued && cd.need == strong {
						cd.guess = true
						guesses = append(guesses, cd)
					}
					continue
				}
				cands = append(cands, cd)
			}
		}
		if len(cands) > 0 {
			// The guesses go last, after every candidate the context allows.
			cands = append(cands, guesses...)
			return raw{
				tokEnd: m.TokEnd, end: m.Span.End, name: m.Span, nameTok: m.Tok,
				e: m.Values[0], cands: cands,
			}, true
		}
		limit := m.TokEnd - 1
		if limit <= i {
			return raw{}, false
		}
		var ok bool
		if m, ok = g.matchName(a, i, limit); !ok {
			return raw{}, false
		}
	}
}

// writtenWithAlifMaqsura says whether token i ends in «ى» as written.
func writtenWithAlifMaqsura(a *text.Analysis, i int) bool {
	t := &a.Tokens[i]
	return t.End > t.Start && a.Orig[t.End-1] == 'ى'
}

// tanweenIn says whether token i, as written, carries tanween: its runes
// are read in place rather than copied into a string.
func tanweenIn(a *text.Analysis, i int) bool {
	t := &a.Tokens[i]
	lo, hi := max(t.Start, 0), min(t.End, len(a.Orig))
	for k := lo; k < hi; k++ {
		if r := a.Orig[k]; r >= '\u064B' && r <= '\u064D' {
			return true
		}
	}
	return false
}

// placePrep says whether the preposition shed from token i is «ب» or «ل»
// before the article.
func (g *Gazetteer) placePrep(a *text.Analysis, i int, f text.Form) bool {
	w := []rune(a.Tokens[i].Text)
	k := 0
	if f.Kind&text.Conj != 0 {
		k = 1
	}
	if k+2 >= len(w) || (w[k] != 'ب' && w[k] != 'ل') {
		return false
	}
	fr := []rune(f.Text)
	return len(fr) > 2 && fr[0] == 'ا' && fr[1] == 'ل'
}

// contextAt says what the words before token i make of a name there: a
// preposition of place («في», «إلى», «قرب»), or a list that continues the
// previous mention («هجين، الباغوز»).
func (g *Gazetteer) contextAt(a *text.Analysis, i, sentStart, lastEnd int) level {
	if i <= sentStart {
		return bare
	}
	prev := &a.Tokens[i-1]
	switch prev.Kind {
	case text.Word:
		for _, f := range a.Forms(i - 1) {
			if f.Kind&^text.Conj == 0 && g.preps[f.Text] {
				return prep
			}
		}
		if prev.Text == "و" && lastEnd == i-1 {
			return prep
		}
	case text.Punct:
		if (prev.Text == "،" || prev.Text == ",") && lastEnd == i-1 {
			return prep
		}
	}
	return bare
}

// trailingFits says whether directions after the name belong to the
// mention: after «ريف X» and «بادية X», and after a governorate or a
// region named on its own («ريف دمشق الغربي», «البادية السورية الشرقية»).
func (g *Gazetteer) trailingFits(m *raw) bool {
	for _, c := range m.cues {
		if c.role == roleCountryside {
			return true
		}
	}
	if len(m.cues) > 0 {
		return false
	}
	top := m.cands[0].p
	return top.Kind == "region" && (top.GeoPrecision >= 2)
}

func (g *Gazetteer) extendAdjs(a *text.Analysis, m *raw, end int) {
	for n := 0; n < maxAdjs && m.tokEnd < end; n++ {
		t := &a.Tokens[m.tokEnd]
		if t.Kind != text.Word || !g.adjs[t.Text] {
			return
		}
		m.tokEnd++
		m.end = t.End
		m.adjs = true
	}
}

// spansCountries says whether a name of raws means places in more than one
// country.
func spansCountries(raws []raw) bool {
	for i := range raws {
		if manyCountries(raws[i].cands) {
			return true
		}
	}
	return false
}

// leaningOf is the country whose nationality adjectives a uses in most
// distinct forms, or "" on a tie or none.
func (g *Gazetteer) leaningOf(a *text.Analysis) string {
	g.demonymOnce.Do(g.loadDemonyms)
	if g.demonyms == nil {
		return ""
	}
	return argmax(countByCountry(g.demonyms, a))
}

// loadDemonyms indexes the nationality adjectives of the states whose
// countries the gazetteer holds. They come from the actor lexicon, where
// they are written for the actors' sake, so that one list serves both.
func (g *Gazetteer) loadDemonyms() {
	d, err := lexicon.LoadActors()
	if err != nil {
		g.demonymErr = err
		return
	}
	idx := text.NewIndex[string](text.Conj | text.Prep)
	for _, al := range d.Aliases {
		if al.Kind != lexicon.KindAdjective || len(al.IDs) != 1 {
			continue
		}
		country, ok := strings.CutPrefix(al.IDs[0], "STATE:")
		if !ok || !covered(country) {
			continue
		}
		if err := idx.AddKey(nameKey(al.Alias), country); err != nil {
			g.demonymErr = err
			return
		}
	}
	g.demonyms = idx
}

// covered says whether the gazetteer holds the places of country.
func covered(country string) bool {
	for _, f := range lexicon.WOFFiles {
		if f.Country == country {
			return true
		}
	}
	return false
}

// manyCountries says whether cs holds places of more than one country.
func manyCountries(cs []cand) bool {
	return slices.ContainsFunc(cs, func(c cand) bool { return c.p.Country != cs[0].p.Country })
}

func isComma(t string) bool { return t == "،" || t == "," }
