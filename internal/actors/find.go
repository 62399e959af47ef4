package actors

import (
	"slices"
	"strings"
	"sync"

	"rasd/internal/text"
)

// hit is one lexicon phrase found in the text, before composition.
type hit struct {
	tok, tokEnd int
	sent        int
	span        text.Span // its Text is made by compose (none from scan's index matches)
	form        text.Form // the reading of the first word; Kind says which clitics it shed
	ph          *phrase
}

// cand is a mention before its actor is chosen.
type cand struct {
	m        Mention
	sent     int      // the sentence it stands in
	cands    []*Actor // for aliases
	gen      *generic // for generics
	prefixed bool     // a force or head noun is part of the span
	quoted   bool     // the mention opens right after a quote or bracket
	across   bool     // a country named as the neighbour across a border
}

// Find returns the actor mentions of a, in text order and non-overlapping;
// at each word the longest phrase wins, so «مجلس دير الزور العسكري» is SDF
// and not a place, and «قوات سوريا الديمقراطية» is not «سوريا».
//
// Generics resolve to the latest earlier explicit (name or member) mention
// of an actor they may stand for. One that resolves to nothing takes its
// fallback when its condition holds (see actor-generics.tsv), with Resolved
// false; otherwise it is dropped.
func (l *Lexicon) Find(a *text.Analysis) []Mention {
	return l.FindAmong(a, nil)
}

// PlaceSignal is a place the gazetteer found in the text: its first token
// and its country.
type PlaceSignal struct {
	Tok     int
	Country string
}

// FindAmong is Find for a text whose places are known: where the text
// names no country, capital or side of one war, its places tell which war
// it is about («قوات الأمن» in a story from Kut are Iraq's, from Benghazi
// Libya's), as weakly as a nationality does.
func (l *Lexicon) FindAmong(a *text.Analysis, places []PlaceSignal) []Mention {
	kept, _ := hitsPool.Get().(*[]hit)
	if kept == nil {
		kept = new([]hit)
	}
	hits := l.scan(a, (*kept)[:0])
	// Nothing Find returns points into hits: they go back for the next
	// text, cleared so that they keep none of this one's strings.
	defer func() {
		clear(hits)
		*kept = hits[:0]
		hitsPool.Put(kept)
	}()
	if len(hits) == 0 {
		return nil
	}
	cs, sigs := l.compose(a, hits)
	sigs = appendSignals(sigs, cs)
	for _, p := range places {
		if p.Country != "" && p.Tok >= 0 && p.Tok < len(a.Tokens) {
			// Weak, as a nationality is: a village read in the wrong
			// country must not outvote a country the text names.
			sigs = append(sigs, signal{tok: p.Tok, sent: a.SentenceOf(p.Tok), theatre: p.Country, weak: true})
		}
	}
	theatres := indexTheatres(sigs)

	out := make([]Mention, 0, len(cs))
	var explicit []int // indexes into out of name and member mentions
	for i := range cs {
		c := &cs[i]
		m := c.m
		if c.gen == nil && len(c.cands) == 1 {
			m.Actor = c.cands[0]
		} else if c.gen == nil {
			m.Actor = choose(c.cands, m.Tok, sigs)
		} else if !l.resolve(c, &m, out, explicit, sigs, theatres) {
			continue
		}
		if m.Kind == KindName || m.Kind == KindMember {
			explicit = append(explicit, len(out))
		}
		out = append(out, m)
	}
	return out
}

// appendSignals adds to the places compose found what else tells which war
// the document is about, which decides ambiguous names and generic
// fallbacks: a country, a capital or a nationality (its own country, even
// for a state whose forces fight abroad), and an actor that fights in one
// country only.
func appendSignals(sigs []signal, cs []cand) []signal {
	for i := range cs {
		if t := cs[i].theatre(); t != "" {
			sigs = append(sigs, signal{cs[i].m.Tok, cs[i].sent, t, cs[i].m.Kind == KindAdjective})
		}
	}
	return sigs
}

// theatre is the country a candidate tells the document is about, or "".
func (c *cand) theatre() string {
	if c.gen != nil || len(c.cands) != 1 || c.across {
		return ""
	}
	a := c.cands[0]
	if (c.m.Kind == KindCountry || c.m.Kind == KindAdjective) && strings.HasPrefix(a.ID, "STATE:") {
		return a.ID[len("STATE:"):]
	}
	if len(a.theatres) == 1 {
		return a.theatres[0]
	}
	return ""
}

func (l *Lexicon) resolve(c *cand, m *Mention, out []Mention, explicit []int, sigs []signal, theatres theatreIndex) bool {
	g := c.gen
	for k := len(explicit) - 1; k >= 0; k-- {
		ante := &out[explicit[k]]
		if g.refers[ante.Actor] && (!g.byName[ante.Actor] || ante.Kind == KindName) {
			sp := ante.Span
			m.Actor, m.Resolved, m.Antecedent = ante.Actor, true, &sp
			m.Rule += " → " + ante.Span.Text
			return true
		}
	}
	if len(g.fallback) == 0 {
		return false
	}
	var a *Actor
	switch ts := theatres.at(m.Tok, c.sent); {
	case g.always || (g.prefix && c.prefixed) || (g.quoted && c.quoted):
		if a, _ = l.fallbackIn(g, ts); a == nil {
			if f := named(g.fallback); len(f) > 0 {
				a = choose(f, m.Tok, sigs)
			}
		}
		m.Rule += " → fallback"
	case g.theatre && len(ts) > 0:
		// Only the war the text is about here: «النظام» after paragraphs
		// on Iraq is not Syria's government, «قوات الأمن» in a story from
		// Egypt are Egypt's.
		var t string
		a, t = l.fallbackIn(g, ts)
		m.Rule += " → fallback by theatre " + t
	case g.dflt && len(sigs) == 0:
		if f := named(g.fallback); len(f) > 0 {
			a = f[0]
		}
		m.Rule += " → fallback, no theatre named"
	}
	if a == nil {
		return false
	}
	m.Actor = a
	return true
}

// fallbackIn is the generic's first fallback that fights in the first of
// theatres ts where one does (STATE:* being that country's own state), and
// that theatre; nil if none does.
func (l *Lexicon) fallbackIn(g *generic, ts []string) (*Actor, string) {
	for _, t := range ts {
		for _, f := range g.fallback {
			if f == nil {
				if a := l.byID["STATE:"+t]; a != nil {
					return a, t
				}
			} else if f.inTheatre(t) {
				return f, t
			}
		}
	}
	return nil, ""
}

// named is the fallbacks other than STATE:*, which only a theatre can name.
func named(fallback []*Actor) []*Actor {
	out := make([]*Actor, 0, len(fallback))
	for _, f := range fallback {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}

type signal struct {
	tok, sent int
	theatre   string
	// weak: a nationality, which tells who someone is more than where
	// things happen («السفير الأمريكي»).
	weak bool
}

// choose picks the candidate whose theatre the document names nearest to
// tok; with no such signal, the first (the data's default).
func choose(cands []*Actor, tok int, sigs []signal) *Actor {
	best, bestDist := -1, 0
	for _, s := range sigs {
		d := s.tok - tok
		if d < 0 {
			d = -d
		}
		for ci, c := range cands {
			if !c.inTheatre(s.theatre) {
				continue
			}
			if best < 0 || d < bestDist || (d == bestDist && ci < best) {
				best, bestDist = ci, d
			}
			break
		}
	}
	if best < 0 {
		return cands[0]
	}
	return cands[best]
}

// voteReach is how many sentences away a sentence's vote still counts. A
// vote from further off weighs under 1/65 and cannot turn any ranking of a
// real article (the bench corpus's longest has a few hundred sentences), but
// summing every vote for every mention made a text of thousands of
// sentences cost the square of its length.
const voteReach = 64

// theatreIndex holds the signals of one document by country, built once so
// that each mention's question costs a search, not a pass over the text.
type theatreIndex struct {
	byTheatre []theatreSignals // in order of first signal, which breaks exact ties
}

type theatreSignals struct {
	theatre string
	toks    []int // sorted
	sents   []int // sorted, distinct: a sentence votes once
}

func indexTheatres(sigs []signal) theatreIndex {
	weakOnly := true
	for _, s := range sigs {
		if !s.weak {
			weakOnly = false
			break
		}
	}
	var ix theatreIndex
	for _, s := range sigs {
		if s.weak && !weakOnly {
			continue
		}
		i := 0
		for i < len(ix.byTheatre) && ix.byTheatre[i].theatre != s.theatre {
			i++
		}
		if i == len(ix.byTheatre) {
			ix.byTheatre = append(ix.byTheatre, theatreSignals{theatre: s.theatre})
		}
		t := &ix.byTheatre[i]
		t.toks = append(t.toks, s.tok)
		t.sents = append(t.sents, s.sent)
	}
	for i := range ix.byTheatre {
		t := &ix.byTheatre[i]
		slices.Sort(t.toks)
		slices.Sort(t.sents)
		t.sents = slices.Compact(t.sents)
	}
	return ix
}

// at gives the countries the text is about at token tok of sentence
// sent, the likeliest first, none when it names none. Each sentence votes once for each country
// it names by a country, a capital, a place or an actor that fights there
// only, its vote weighing 1/(1+d) for a sentence d sentences away: the
// sentence itself outweighs a country named in passing elsewhere, and the
// sentences around it outweigh one such mention in it («… قادما من
// تركيا» in a story from Egypt), while a list of towns is one vote, so a
// roundup that moves from Yemen to Libya moves with it. Nationalities vote
// only in a text that names no such place: they tell who someone is («قال
// السفير الأمريكي …») more than where things happen. On a tie the signal
// nearest tok decides. A country with at least half the best weight follows
// it: a front line runs between two («المقاومة» shelling Galilee from
// Lebanon), and a fallback that fights in neither of them is none.
func (ix theatreIndex) at(tok, sent int) []string {
	type score struct {
		theatre string
		w       float64
		near    int
	}
	var scoresBuf [8]score
	scores := scoresBuf[:0]
	for _, t := range ix.byTheatre {
		sc := score{theatre: t.theatre, near: nearest(t.toks, tok)}
		lo, _ := slices.BinarySearch(t.sents, sent-voteReach)
		for _, s := range t.sents[lo:] {
			if s > sent+voteReach {
				break
			}
			d := s - sent
			if d < 0 {
				d = -d
			}
			sc.w += 1 / float64(1+d)
		}
		if sc.w == 0 {
			// Named only beyond reach: the nearest sentence's vote alone
			// keeps it ranked, rather than tied with every other country.
			sc.w = 1 / float64(1+nearest(t.sents, sent))
		}
		scores = append(scores, sc)
	}
	const eps = 1e-9
	slices.SortStableFunc(scores, func(x, y score) int {
		switch {
		case x.w > y.w+eps:
			return -1
		case y.w > x.w+eps:
			return 1
		}
		return x.near - y.near
	})
	var out []string
	for _, s := range scores {
		if s.w+eps < scores[0].w/2 {
			break
		}
		out = append(out, s.theatre)
	}
	return out
}

// nearest is the distance from tok to the closest of the sorted toks.
func nearest(toks []int, tok int) int {
	i, _ := slices.BinarySearch(toks, tok)
	best := -1
	if i < len(toks) {
		best = toks[i] - tok
	}
	if i > 0 && (best < 0 || tok-toks[i-1] < best) {
		best = tok - toks[i-1]
	}
	return best
}

// scan finds the leftmost-longest lexicon phrases of each sentence over all
// clitic indexes.
// hitsPool holds the arrays scan appends to, from one text to the next.
var hitsPool sync.Pool

// scan appends to hits the phrases of a, leftmost-longest.
func (l *Lexicon) scan(a *text.Analysis, hits []hit) []hit {
	for si, s := range a.Sentences {
		for i := s.TokStart; i < s.TokEnd; {
			// Most tokens start no phrase of any index and no quoted one:
			// they are passed over before a hit is made.
			if !l.mayHit(a, i, s.TokEnd) {
				i++
				continue
			}
			var best hit
			found := false
			for _, ci := range l.indexes {
				if !ci.ix.MayStartAt(a, i) {
					continue
				}
				// The span's text is made by compose, for the hits that
				// stand alone as a mention.
				m, ok := ci.ix.MatchAtNoText(a, i, s.TokEnd)
				if ok && (!found || m.TokEnd > best.tokEnd) {
					best = hit{tok: m.Tok, tokEnd: m.TokEnd, span: m.Span, form: m.Form, ph: m.Values[0]}
					found = true
				}
			}
			if q, ok := l.matchQuoted(a, i, s.TokEnd); ok && (!found || q.tokEnd > best.tokEnd) {
				best, found = q, true
			}
			if !found {
				i++
				continue
			}
			best.sent = si
			hits = append(hits, best)
			i = best.tokEnd
		}
	}
	return hits
}

// mayHit is false where scan finds nothing at token i: no index's filter
// lets a reading of it through, and no quotation mark follows it, which
// matchQuoted needs.
func (l *Lexicon) mayHit(a *text.Analysis, i, limit int) bool {
	for _, ci := range l.indexes {
		if ci.ix.MayStartAt(a, i) {
			return true
		}
	}
	return a.Tokens[i].Kind == text.Word && i+2 < limit && isQuote(&a.Tokens[i+1])
}

// matchQuoted finds a phrase whose later words the writer put in quotes:
// «تنظيم «الدولة»», «قوات "سوريا الديمقراطية"». The plain index cannot,
// since a phrase never runs across punctuation. The span runs to the
// closing quote so that it stays balanced.
func (l *Lexicon) matchQuoted(a *text.Analysis, i, limit int) (hit, bool) {
	toks := a.Tokens
	if toks[i].Kind != text.Word || i+2 >= limit || !isQuote(&toks[i+1]) {
		return hit{}, false
	}
	j := i + 2
	for j < limit && toks[j].Kind != text.Punct {
		j++
	}
	if n := j - (i + 2); n == 0 || n >= text.MaxPhraseTokens || j >= limit || !isQuote(&toks[j]) {
		return hit{}, false
	}
	// The key, a reading of token i and the quoted words, is written into
	// a buffer on the stack for each reading tried, not made a string.
	var buf [128]byte
	for _, ci := range l.indexes {
		for _, f := range a.Forms(i) {
			if f.Kind&^ci.allow != 0 || f.Trim > 0 {
				continue
			}
			key := append(buf[:0], f.Text...)
			for k := i + 2; k < j; k++ {
				key = append(key, ' ')
				key = append(key, toks[k].Text...)
			}
			vals := ci.ix.LookupBytes(key)
			if len(vals) == 0 {
				continue
			}
			return hit{
				tok: i, tokEnd: j + 1,
				span: a.SpanOf(toks[i].NStart+f.Skip, toks[j].NEnd),
				form: f, ph: vals[0],
			}, true
		}
	}
	return hit{}, false
}

func isQuote(t *text.Token) bool { return t.Kind == text.Punct && (t.Text == `"` || t.Text == `'`) }

// compose turns hits into candidate mentions: a force noun before a
// nationality or country makes it explicit («طائرات روسية»), a force or head
// noun before a generic lets the generic fall back («عناصر التنظيم»); stop
// phrases and lone force and head nouns vanish, and theatre rows (places)
// become signals only.
func (l *Lexicon) compose(a *text.Analysis, hits []hit) ([]cand, []signal) {
	out := make([]cand, 0, len(hits))
	var sigs []signal
	across := -1 // the hit right after a border phrase
	for k := 0; k < len(hits); k++ {
		h := &hits[k]
		p := h.ph
		if p.border {
			// «قرب الحدود مع سوريا» in a story from Anbar: the country
			// across the border is not where things happen.
			if k+1 < len(hits) {
				if _, ok := adjacent(a, h, &hits[k+1]); ok {
					across = k + 1
				}
			}
			continue
		}
		if p.stop {
			continue
		}
		if p.theatre != "" {
			sigs = append(sigs, signal{h.tok, h.sent, p.theatre, false})
			continue
		}
		var c cand
		first, last := h, h // the hits the mention spans
		rule := []string{p.key}
		if (p.force || p.head) && k+1 < len(hits) {
			n := &hits[k+1]
			if _, ok := adjacent(a, h, n); ok {
				// A construct needs an indefinite first noun («عناصر
				// التنظيم»); an adjective agrees with its noun («القوات
				// الروسية», «طائرات روسية»). «قصفت القوات التنظيم» is
				// subject and object.
				switch np := n.ph; {
				case np.gen != nil && np.kind == "" && !definite(p.key):
					c = cand{gen: np.gen, prefixed: true}
					c.m.Kind = KindGeneric
				case p.force && np.kind == KindCountry && !definite(p.key),
					p.force && (np.kind == KindAdjective || np.kind == KindCountry && nisba(np.key)) && definite(p.key) == definite(np.key):
					c = cand{cands: np.cands}
					c.m.Kind = KindName
				}
				if c.m.Kind != "" {
					last = n
					rule = append(rule, n.ph.key)
					k++
				}
			}
		}
		// «غارة للتحالف», «طائرات للنظام»: a force noun and a generic with
		// «ل» are that generic's force as much as «غارة التحالف» is; the
		// mention stays the generic alone, where its owner is named.
		if c.m.Kind == "" && (p.force || p.head) && !definite(p.key) && k+1 < len(hits) {
			n := &hits[k+1]
			if n.sent == h.sent && n.tok == h.tokEnd && n.form.Kind == text.Prep && n.ph.gen != nil && n.ph.kind == "" &&
				strings.HasPrefix(a.Tokens[n.tok].Text, "ل") {
				k++
				h, p = n, n.ph
				first, last = n, n
				rule = []string{p.key}
				c = cand{gen: p.gen, prefixed: true}
				c.m.Kind = KindGeneric
			}
		}
		// «مسلحون من حركة الشباب», «عناصر من داعش»: a head noun or a
		// generic followed by «من» and an armed group's name is that group's
		// members.
		if c.m.Kind == "" && (p.head || p.gen != nil) && k+1 < len(hits) {
			n := &hits[k+1]
			if n.sent == h.sent && n.form.Kind == 0 && n.tok == h.tokEnd+1 && a.Tokens[h.tokEnd].Text == "من" &&
				n.ph.kind == KindName && armedGroups(n.ph.cands) {
				c = cand{cands: n.ph.cands}
				c.m.Kind = KindMember
				last = n
				rule = append(rule, "من", n.ph.key)
				k++
			}
		}
		// «مسلحون تابعون لتنظيم داعش», «عناصر ينتمون إلى حركة الشباب»: an
		// unnamed armed group said to belong to a named one is its members.
		if c.m.Kind == "" && (p.head || p.gen != nil) && k+1 < len(hits) {
			// The group may be named with a head noun of its own
			// («… من خلايا داعش»).
			n, name, skip := &hits[k+1], &hits[k+1], 1
			if n.ph.head && k+2 < len(hits) {
				if _, ok := adjacent(a, n, &hits[k+2]); ok && hits[k+2].ph.kind == KindName {
					name, skip = &hits[k+2], 2
				}
			}
			if n.sent == h.sent && name.ph.kind == KindName && armedGroups(name.ph.cands) && belongsTo(a, h, n) {
				c = cand{cands: name.ph.cands}
				c.m.Kind = KindMember
				last = name
				rule = append(rule, a.Tokens[n.tok-1].Text, name.ph.key)
				k += skip
			}
		}
		if c.m.Kind == "" {
			switch {
			case p.kind != "":
				c = cand{cands: p.cands}
				c.m.Kind = p.kind
				// «القوات التركية والروسية»: a nationality joined to a
				// named force shares its noun.
				if p.kind == KindAdjective && h.form.Kind == text.Conj && len(out) > 0 {
					if prev := &out[len(out)-1]; prev.m.Kind == KindName && prev.gen == nil && prev.m.TokEnd == h.tok {
						c.m.Kind = KindName
					}
				}
			case p.gen != nil:
				c = cand{gen: p.gen}
				c.m.Kind = KindGeneric
			default:
				continue // a lone force or head noun
			}
		}
		if c.gen != nil && k+1 < len(hits) {
			// A word after a generic may say what it is: «الخلايا الداعشية»,
			// «الاحتلال التركي», or that it is something else entirely:
			// «الاحتلال الألماني لليونان», «المعارضة البريطانية».
			n := &hits[k+1]
			// Only a singular nisba adjective is surely attributive; a
			// plural or a name after the generic may be its object.
			np := n.ph
			attributive := np.kind == KindMember || (np.kind == KindAdjective && nisba(np.key) && definite(np.key) == definite(last.ph.key))
			if gap, ok := adjacent(a, last, n); ok && !gap && attributive {
				if !refersAny(c.gen, np.cands) {
					if np.kind == KindAdjective {
						continue
					}
				} else {
					c = cand{cands: np.cands}
					c.m.Kind = KindMember
					if np.kind == KindAdjective {
						c.m.Kind = KindName
					}
					last = n
					rule = append(rule, np.key)
					k++
				}
			}
		}
		c.m.Tok, c.m.TokEnd = first.tok, last.tokEnd
		c.sent = first.sent
		if t := first.tok - 1; t >= 0 && first.form.Skip == 0 && a.Tokens[t].Kind == text.Punct {
			c.quoted = isQuote(&a.Tokens[t]) || a.Tokens[t].Text == "("
		}
		c.m.Rule = strings.Join(rule, " + ")
		c.across = across >= 0 && first == &hits[across] && c.m.Kind == KindCountry
		if first == last {
			c.m.Span = text.Span{Text: a.Slice(h.span.Start, h.span.End), Start: h.span.Start, End: h.span.End}
		} else {
			end := last.tokEnd
			// Keep a quote opened between the words balanced.
			if end < a.Sentences[last.sent].TokEnd && isQuote(&a.Tokens[end]) && !isQuote(&a.Tokens[end-1]) && isQuote(&a.Tokens[last.tok-1]) {
				end++
				c.m.TokEnd = end
			}
			c.m.Span = a.SpanOf(a.Tokens[first.tok].NStart+first.form.Skip, a.Tokens[end-1].NEnd)
		}
		out = append(out, c)
	}
	return out, sigs
}

// adjacent reports whether n follows h directly in the same sentence, with
// no clitic on n's first word (a clitic starts a new phrase: «غارات
// للتحالف» is not a construct), or after an opening quote (gap).
func adjacent(a *text.Analysis, h, n *hit) (gap, ok bool) {
	if n.sent != h.sent || n.form.Kind != 0 {
		return false, false
	}
	if n.tok == h.tokEnd {
		return false, true
	}
	if n.tok == h.tokEnd+1 && isQuote(&a.Tokens[h.tokEnd]) {
		return true, true
	}
	return false, false
}

// The words that link a group to the one it belongs to: «تابعون ل…» and
// «مرتبطة ب…» with the preposition on the name, «ينتمون إلى …» with it
// apart, «يعتقد أنهم من …» by belief. Normalisation drops the passive's
// damma and the hamza's seat: one spelling of each covers «يُعتقد», «انهم».
var (
	belongingWithLam = wordSet("تابع", "تابعة", "تابعون", "تابعين", "تابعان", "تابعتان",
		"التابع", "التابعة", "التابعون", "التابعين")
	belongingWithBa  = wordSet("مرتبطة", "المرتبطة", "مرتبطين", "المرتبطين")
	belongingWithIla = wordSet("ينتمون", "ينتمي", "تنتمي", "ينتميان", "المنتمين", "المنتمون", "المنتمية",
		"منتمين", "منتمون")
	believedVerb = wordSet("يعتقد", "يرجح", "يشتبه")
	theyAre      = wordSet("أنهم", "أنها", "أنه", "أنهما", "بأنهم", "بأنها", "بأنه")
)

func wordSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[text.NormalizeString(w)] = true
	}
	return set
}

// belongsTo reports whether the name n follows the group h through a word
// of belonging: «تابعون لـ» right before the name, «ينتمون إلى» (or
// «مرتبطة بـ») as two words, «يعتقد أنهم من» as three.
func belongsTo(a *text.Analysis, h, n *hit) bool {
	switch n.tok {
	case h.tokEnd + 1:
		if n.form.Kind&text.Prep == 0 || n.form.Kind&text.Conj != 0 {
			return false
		}
		w, name := a.Tokens[h.tokEnd].Text, a.Tokens[n.tok].Text
		return strings.HasPrefix(name, "ل") && belongingWithLam[w] || strings.HasPrefix(name, "ب") && belongingWithBa[w]
	case h.tokEnd + 2:
		return n.form.Kind == 0 && belongingWithIla[a.Tokens[h.tokEnd].Text] && a.Tokens[h.tokEnd+1].Text == text.NormalizeString("إلى")
	case h.tokEnd + 3:
		// «مسلحون يعتقد أنهم من داعش»: believed to be of a group is that
		// group's, by suspicion (the hedge is the flag rules' to read).
		t := a.Tokens[h.tokEnd : h.tokEnd+3]
		return n.form.Kind == 0 && believedVerb[t[0].Text] && theyAre[t[1].Text] && t[2].Text == "من"
	}
	return false
}

// armedGroups: every candidate is an armed group, not a state, civilians
// or protesters (a state's «عناصر من الجيش» are its forces all the same).
func armedGroups(as []*Actor) bool {
	for _, a := range as {
		switch a.Type {
		case "civilians", "protesters", "state":
			return false
		}
	}
	return len(as) > 0
}

func refersAny(g *generic, as []*Actor) bool {
	for _, a := range as {
		if g.refers[a] {
			return true
		}
	}
	return false
}

// definite reports whether a normalised phrase is definite, which its last
// word decides: «قوات الأمن» is, «طائرات حربية» is not.
func definite(key string) bool {
	return strings.HasPrefix(key[strings.LastIndexByte(key, ' ')+1:], "ال")
}

// nisba reports whether a normalised adjective is a singular nisba
// («الروسي», «روسيه»), which can only qualify the noun before it.
func nisba(key string) bool {
	return !strings.Contains(key, " ") && (strings.HasSuffix(key, "ي") || strings.HasSuffix(key, "يه"))
}
