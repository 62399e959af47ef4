package rules

import (
	"strings"
	"unicode/utf8"

	"rasd/internal/text"
)

// Span is a stretch of tokens [Lo, Hi) a pattern matched.
type Span struct{ Lo, Hi int }

// matcher runs one pattern's programs over a document within [lo, hi).
type matcher struct {
	d      *Doc
	lo, hi int
	dir    int
}

// MatchAnchored matches p with its anchor on the mention at index mi of
// d.Mentions, within tokens [lo, hi). It returns the tokens the match
// covers.
func (d *Doc) MatchAnchored(p *Pattern, mi int, lo, hi int) (Span, bool) {
	m := &d.Mentions[mi]
	if p.anchor == nil || p.anchor.kind != uMention || !d.test(p.anchor, m) || !d.mayMatch(p, lo, hi) {
		return Span{}, false
	}
	return d.around(p, m.Tok, m.End, lo, hi)
}

// MatchAtToken matches p with its anchor on the word at token i (the
// anchor must then be a word test).
func (d *Doc) MatchAtToken(p *Pattern, i, lo, hi int) (Span, bool) {
	if p.anchor == nil || p.anchor.kind == uMention || i < lo || i >= hi {
		return Span{}, false
	}
	// The anchor word is tested first: the caller tries the pattern at
	// every token, and it stands at few.
	mt := &matcher{d: d, lo: lo, hi: hi, dir: 1}
	end, ok := mt.unitEnd(p.anchor, i, 0)
	if !ok || !d.mayMatch(p, lo, hi) {
		return Span{}, false
	}
	for k := 1; ; k++ {
		if sp, ok := d.around(p, i, end, lo, hi); ok {
			return sp, true
		}
		if end, ok = mt.unitEnd(p.anchor, i, k); !ok {
			return Span{}, false
		}
	}
}

// Anchors is what MayAnchorAny asks of a token for a set of rules (one
// rule, a stage): the word classes and punctuation marks their Match
// patterns are anchored on, or that some rule may fire at any token.
type Anchors struct {
	classes  []uint64 // a bit per class, as a token's row
	puncts   []string
	anyPunct bool
	any      bool
}

// AnchorsOf is the Anchors of rules rs.
func (b *Book) AnchorsOf(rs []*Rule) Anchors {
	t := b.classes
	a := Anchors{classes: make([]uint64, t.width)}
	for _, r := range rs {
		for _, p := range r.Match {
			u := p.anchor
			switch {
			case u == nil:
				a.any = true
			case u.kind == uMention:
				// never on a word
			case u.neg:
				a.any = true
			case u.kind == uClass:
				a.classes[u.class>>6] |= 1 << (u.class & 63)
			case u.kind == uPunct:
				a.puncts = append(a.puncts, u.puncts...)
			case u.kind == uAnyPunct:
				a.anyPunct = true
			default:
				a.any = true
			}
		}
	}
	return a
}

// MayAnchorAny is false where no Match pattern of the rules a was made of
// can match with its anchor on the word at token i (MatchAtToken) and none
// has an unanchored one: a caller that tries rules at every token of a
// sentence passes over nearly all of them so, without the rules'
// conditions, the matcher and the anchor's skipping of quotes. It is exact
// for anchors that are a word of a class (or the first word of a phrase of
// it) or a punctuation mark, on a token that is no quote or bracket; for
// any other it answers true.
func (d *Doc) MayAnchorAny(a *Anchors, i int) bool {
	if a.any || i < 0 || i >= len(d.transparent) || d.transparent[i] {
		return true
	}
	if tok := &d.A.Tokens[i]; tok.Kind == text.Punct && (a.anyPunct || has(a.puncts, tok.Text)) {
		return true
	}
	row := d.bits[i*d.width : (i+1)*d.width]
	for k, b := range a.classes {
		if row[k]&b != 0 {
			return true
		}
	}
	if d.phraseAt != nil {
		for _, h := range d.phraseAt[i] {
			if a.classes[h.class>>6]&(1<<(h.class&63)) != 0 {
				return true
			}
		}
	}
	return false
}

// around runs the programs on both sides of an anchor covering [tok, end).
func (d *Doc) around(p *Pattern, tok, end, lo, hi int) (Span, bool) {
	left := &matcher{d: d, lo: lo, hi: hi, dir: -1}
	l, ok := left.run(p.left, 0, tok-1)
	if !ok {
		return Span{}, false
	}
	right := &matcher{d: d, lo: lo, hi: hi, dir: 1}
	r, ok := right.run(p.right, 0, end)
	if !ok {
		return Span{}, false
	}
	return Span{Lo: l + 1, Hi: r}, true
}

// Find searches for an unanchored pattern in [lo, hi) and returns the
// first (leftmost) match.
func (d *Doc) Find(p *Pattern, lo, hi int) (Span, bool) {
	if p.anchor != nil || !d.mayMatch(p, lo, hi) {
		return Span{}, false
	}
	mt := &matcher{d: d, lo: lo, hi: hi, dir: 1}
	// Most unanchored patterns start with a word of a class: test its bit
	// before starting the machine at each token.
	var first *unit
	if in := &p.whole[0]; in.op == opUnit && in.u.kind == uClass && !in.u.neg && !(d.phraseAt != nil && d.book.classes.multi[in.u.class]) {
		first = in.u
	}
	for i := lo; i < hi; i++ {
		if d.transparent[i] || first != nil && !d.InClass(i, first.class) {
			continue
		}
		if end, ok := mt.run(p.whole, 0, i); ok {
			return Span{Lo: i, Hi: end}, true
		}
	}
	return Span{}, false
}

// run executes prog from pc at pos and returns the position after the
// match (in the matcher's direction).
func (m *matcher) run(p prog, pc, pos int) (int, bool) {
	if m.d.steps++; m.d.budget > 0 && m.d.steps > m.d.budget {
		return 0, false
	}
	for {
		in := &p[pc]
		switch in.op {
		case opMatch:
			return pos, true
		case opJmp:
			pc = in.x
		case opSplit:
			if end, ok := m.run(p, in.x, pos); ok {
				return end, true
			}
			pc = in.y
		case opEdge:
			if !m.atEdge(in.edge, pos) {
				return 0, false
			}
			pc++
		case opUnit:
			first, ok := m.unitEnd(in.u, pos, 0)
			if !ok {
				return 0, false
			}
			if !m.mayVary(in.u) {
				pos = first
				pc++
				continue
			}
			if _, more := m.unitEnd(in.u, pos, 1); !more {
				pos = first
				pc++
				continue
			}
			for k := 0; ; k++ {
				next, ok := m.unitEnd(in.u, pos, k)
				if !ok {
					return 0, false
				}
				if end, ok := m.run(p, pc+1, next); ok {
					return end, true
				}
			}
		}
	}
}

// mayVary: the unit can match in more than one way at a position (several
// mentions, or a class phrase as well as a word), so the matcher must be
// ready to backtrack over its alternatives.
func (m *matcher) mayVary(u *unit) bool {
	if u.neg {
		return false
	}
	switch u.kind {
	case uMention:
		return true
	case uClass:
		return m.d.phraseAt != nil && m.d.book.classes.multi[u.class]
	}
	return false
}

// skip steps over transparent tokens from pos in the matcher's direction.
func (m *matcher) skip(pos int) int {
	for pos >= m.lo && pos < m.hi && m.d.transparent[pos] {
		pos += m.dir
	}
	return pos
}

// atEdge: nothing but transparent tokens lies between pos and the edge of
// the scope. Going forwards pos is the next token to read, so the start is
// behind it; going backwards, the end is.
func (m *matcher) atEdge(e edge, pos int) bool {
	switch {
	case e == edgeStart && m.dir < 0, e == edgeEnd && m.dir > 0:
		pos = m.skip(pos)
		return pos < m.lo || pos >= m.hi
	case e == edgeStart:
		for i := m.lo; i < pos && i < m.hi; i++ {
			if !m.d.transparent[i] {
				return false
			}
		}
		return pos >= m.lo
	default:
		for i := pos + 1; i < m.hi; i++ {
			if i >= m.lo && !m.d.transparent[i] {
				return false
			}
		}
		return pos < m.hi
	}
}

// unitEnd returns the k-th way unit u can match at pos: the position after
// it in the matcher's direction.
func (m *matcher) unitEnd(u *unit, pos, k int) (int, bool) {
	if !u.explicitPunct() {
		pos = m.skip(pos)
	}
	if pos < m.lo || pos >= m.hi {
		return 0, false
	}
	d := m.d
	if u.neg {
		if k > 0 || m.matchesAt(u, pos) {
			return 0, false
		}
		return pos + m.dir, true
	}
	tok := &d.A.Tokens[pos]
	switch u.kind {
	case uAny:
		return pos + m.dir, k == 0
	case uWord:
		return pos + m.dir, k == 0 && tok.Kind == text.Word && hasPrefix(tok.Text, u.prefixes)
	case uPresent:
		return pos + m.dir, k == 0 && tok.Kind == text.Word && imperfect(tok.Text)
	case uAnyPunct:
		return pos + m.dir, k == 0 && tok.Kind == text.Punct
	case uPunct:
		return pos + m.dir, k == 0 && tok.Kind == text.Punct && has(u.puncts, tok.Text)
	case uClass:
		if d.InClass(pos, u.class) {
			if k == 0 {
				return pos + m.dir, true
			}
			k--
		}
		if d.phraseAt == nil || !d.book.classes.multi[u.class] {
			return 0, false
		}
		hits := d.phraseAt[pos]
		if m.dir < 0 {
			hits = d.phraseEndAt[pos]
		}
		for _, h := range hits {
			if h.class != u.class {
				continue
			}
			if k == 0 {
				if m.dir < 0 {
					return h.other - 1, h.other >= m.lo
				}
				return h.other, h.other <= m.hi
			}
			k--
		}
		return 0, false
	case uMention:
		list := d.StartingAt(pos)
		if m.dir < 0 {
			list = d.EndingAt(pos)
		}
		for _, mi := range list {
			mm := &d.Mentions[mi]
			if !d.test(u, mm) {
				continue
			}
			if m.dir < 0 {
				if mm.Tok < m.lo {
					continue
				}
			} else if mm.End > m.hi {
				continue
			}
			if k == 0 {
				if m.dir < 0 {
					return mm.Tok - 1, true
				}
				return mm.End, true
			}
			k--
		}
	}
	return 0, false
}

// matchesAt is the positive test behind a negated unit: does u match the
// token at pos, or a mention covering it?
func (m *matcher) matchesAt(u *unit, pos int) bool {
	d := m.d
	tok := &d.A.Tokens[pos]
	switch u.kind {
	case uAny:
		return true
	case uWord:
		return tok.Kind == text.Word && hasPrefix(tok.Text, u.prefixes)
	case uPresent:
		return tok.Kind == text.Word && imperfect(tok.Text)
	case uAnyPunct:
		return tok.Kind == text.Punct
	case uPunct:
		return tok.Kind == text.Punct && has(u.puncts, tok.Text)
	case uClass:
		return d.InClass(pos, u.class)
	case uMention:
		for t := pos; t >= 0 && t > pos-text.MaxPhraseTokens-4; t-- {
			for _, mi := range d.StartingAt(t) {
				mm := &d.Mentions[mi]
				if mm.End > pos && d.test(u, mm) {
					return true
				}
			}
		}
	}
	return false
}

// hasPrefix: w starts with one of the proclitics and keeps a stem of three
// letters after it; with none asked for, any word.
func hasPrefix(w string, ps []string) bool {
	if len(ps) == 0 {
		return true
	}
	w = strings.TrimPrefix(w, "و")
	for _, p := range ps {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 3 {
			return true
		}
	}
	return false
}

// imperfect: a word shaped like an imperfect verb (ي/ت/ن + stem), as after
// «قد» ("may"), and not like a perfect one, whose person endings («نفذت»,
// «تعرضوا») the imperfect lacks.
func imperfect(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if utf8.RuneCountInString(w) < 3 || r != 'ي' && r != 'ت' && r != 'ن' {
		return false
	}
	return !strings.HasSuffix(w, "ت") && !strings.HasSuffix(w, "وا") && !strings.HasSuffix(w, "تا") && !strings.HasSuffix(w, "تم")
}

// ClassAt reports whether a word or a phrase of class c starts at token i,
// and where it ends.
func (d *Doc) ClassAt(i, c int) (int, bool) {
	if i < 0 || i >= len(d.A.Tokens) {
		return 0, false
	}
	if d.InClass(i, c) {
		return i + 1, true
	}
	if d.phraseAt == nil {
		return 0, false
	}
	for _, h := range d.phraseAt[i] {
		if h.class == c {
			return h.other, true
		}
	}
	return 0, false
}
