package actors

import (
	"strings"

	"rasd/internal/text"
)

// hit is one lexicon phrase found in the text, before composition.
type hit struct {
	tok, tokEnd int
	sent        int
	span        text.Span
	form        text.Form // the reading of the first word; Kind says which clitics it shed
	ph          *phrase
}

// cand is a mention before its actor is chosen.
type cand struct {
	m        Mention
	cands    []*Actor // for aliases
	gen      *generic // for generics
	prefixed bool     // a force or head noun is part of the span
	quoted   bool     // the mention opens right after a quote or bracket
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
	hits := l.scan(a)
	if len(hits) == 0 {
		return nil
	}
	cs := l.compose(a, hits)

	// Actors tied to one country tell which war the document is about,
	// which decides ambiguous names and generic fallbacks.
	var sigs []signal
	for i := range cs {
		c := &cs[i]
		if c.gen == nil && len(c.cands) == 1 && len(c.cands[0].theatres) == 1 {
			sigs = append(sigs, signal{c.m.Tok, c.cands[0].theatres[0]})
		}
	}

	out := make([]Mention, 0, len(cs))
	var explicit []int // indexes into out of name and member mentions
	for i := range cs {
		c := &cs[i]
		m := c.m
		if c.gen == nil && len(c.cands) == 1 {
			m.Actor = c.cands[0]
		} else if c.gen == nil {
			m.Actor = choose(c.cands, m.Tok, sigs)
		} else if !l.resolve(c, &m, out, explicit, sigs) {
			continue
		}
		if m.Kind == KindName || m.Kind == KindMember {
			explicit = append(explicit, len(out))
		}
		out = append(out, m)
	}
	return out
}

func (l *Lexicon) resolve(c *cand, m *Mention, out []Mention, explicit []int, sigs []signal) bool {
	g := c.gen
	for k := len(explicit) - 1; k >= 0; k-- {
		ante := &out[explicit[k]]
		if g.refers[ante.Actor] {
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
	switch {
	case g.always || (g.prefix && c.prefixed) || (g.quoted && c.quoted):
		a = choose(g.fallback, m.Tok, sigs)
		m.Rule += " → fallback"
	case g.theatre:
		// Only the war the text is about right here: «النظام» after a
		// paragraph on Iraq is not Syria's government.
		t := nearestTheatre(m.Tok, sigs)
		for _, f := range g.fallback {
			if t != "" && f.inTheatre(t) {
				a = f
				break
			}
		}
		if a == nil {
			return false
		}
		m.Rule += " → fallback by theatre " + t
	default:
		return false
	}
	m.Actor = a
	return true
}

type signal struct {
	tok     int
	theatre string
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

// nearestTheatre is the theatre of the signal nearest to tok, the earlier
// one on a tie, or "".
func nearestTheatre(tok int, sigs []signal) string {
	t, best := "", -1
	for _, s := range sigs {
		d := s.tok - tok
		if d < 0 {
			d = -d
		}
		if best < 0 || d < best {
			t, best = s.theatre, d
		}
	}
	return t
}

// scan finds the leftmost-longest lexicon phrases of each sentence over all
// clitic indexes.
func (l *Lexicon) scan(a *text.Analysis) []hit {
	var hits []hit
	for si, s := range a.Sentences {
		for i := s.TokStart; i < s.TokEnd; {
			var best hit
			found := false
			for _, ci := range l.indexes {
				m, ok := ci.ix.MatchAt(a, i, s.TokEnd)
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

// matchQuoted finds a phrase whose later words the writer put in quotes:
// «تنظيم «الدولة»», «قوات "سوريا الديمقراطية"». The plain index cannot,
// since a phrase never runs across punctuation. The span runs to the
// closing quote so that it stays balanced.
func (l *Lexicon) matchQuoted(a *text.Analysis, i, limit int) (hit, bool) {
	toks := a.Tokens
	if toks[i].Kind != text.Word || i+2 >= limit || !isQuote(toks[i+1]) {
		return hit{}, false
	}
	var inner []string
	j := i + 2
	for ; j < limit && toks[j].Kind != text.Punct; j++ {
		inner = append(inner, toks[j].Text)
	}
	if len(inner) == 0 || len(inner) >= text.MaxPhraseTokens || j >= limit || !isQuote(toks[j]) {
		return hit{}, false
	}
	rest := " " + strings.Join(inner, " ")
	for _, ci := range l.indexes {
		for _, f := range a.Forms(i) {
			if f.Kind&^ci.allow != 0 || f.Trim > 0 {
				continue
			}
			vals := ci.ix.Lookup(f.Text + rest)
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

func isQuote(t text.Token) bool { return t.Kind == text.Punct && (t.Text == `"` || t.Text == `'`) }

// compose turns hits into candidate mentions: a force noun before a
// nationality or country makes it explicit («طائرات روسية»), a force or head
// noun before a generic lets the generic fall back («عناصر التنظيم»); stop
// phrases and lone force and head nouns vanish.
func (l *Lexicon) compose(a *text.Analysis, hits []hit) []cand {
	out := make([]cand, 0, len(hits))
	for k := 0; k < len(hits); k++ {
		h := &hits[k]
		p := h.ph
		if p.stop {
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
		if t := first.tok - 1; t >= 0 && first.form.Skip == 0 && a.Tokens[t].Kind == text.Punct {
			c.quoted = isQuote(a.Tokens[t]) || a.Tokens[t].Text == "("
		}
		c.m.Rule = strings.Join(rule, " + ")
		if first == last {
			c.m.Span = h.span
		} else {
			end := last.tokEnd
			// Keep a quote opened between the words balanced.
			if end < a.Sentences[last.sent].TokEnd && isQuote(a.Tokens[end]) && !isQuote(a.Tokens[end-1]) && isQuote(a.Tokens[last.tok-1]) {
				end++
				c.m.TokEnd = end
			}
			c.m.Span = a.SpanOf(a.Tokens[first.tok].NStart+first.form.Skip, a.Tokens[end-1].NEnd)
		}
		out = append(out, c)
	}
	return out
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
	if n.tok == h.tokEnd+1 && isQuote(a.Tokens[h.tokEnd]) {
		return true, true
	}
	return false, false
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
