package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"rasd/internal/text"
)

// Pattern is one compiled pattern of a rule. A pattern is a sequence of
// elements over the tokens and mentions of a document:
//
//	word  word|word   a word, in any of its clitic readings (not its pronoun suffix)
//	$class            a word (or a quoted phrase) of a class
//	_                 any token but the quotes and brackets every element skips
//	<word>            any word token; <present> a verb-like word in the imperfect
//	, . : ؟ ؛ "       that punctuation mark; <punct> any
//	<cue …> <actor …> <place …> <date …> <num …>   a mention, with attribute tests
//	<start> <end>     the edge of the scope (clause or sentence)
//	!x                one token that x does not match
//	( a b | c )       a group of alternatives
//	x? x* x+ x{n} x{n,m}   repetition, preferring fewer (the nearest match)
//	@x                the anchor: the cue, actor, number … the rule is about
//
// A pattern with an anchor is matched outwards from it: the elements before
// the anchor leftwards, the ones after it rightwards. One without an anchor
// is searched for anywhere in its scope.
type Pattern struct {
	Src string

	root   *node
	anchor *unit
	// left holds the elements before the anchor, reversed; right those
	// after it. whole is the pattern of an unanchored rule.
	left, right, whole prog
	// need is what the scope must hold for the pattern to match, beyond
	// its anchor: every clause lists atoms (a word of a class, a mention
	// of a kind) of which one at least must stand in the scope. Most
	// patterns of a stage cannot match in a given clause, and this says
	// so in a few bit tests instead of a run of the machine at every
	// token (see needOf). The clauses are written one after the other,
	// each ended by needEnd: mayMatch runs through them for nearly every
	// pattern it is asked about, and a flat array (Compile puts every
	// pattern's side by side) is read without a pointer to follow a
	// clause.
	need []atom
}

// needEnd ends a clause of Pattern.need; it is no atom.
const needEnd atom = math.MinInt32

// flatNeed writes clauses as Pattern.need holds them.
func flatNeed(clauses [][]atom) []atom {
	var out []atom
	for _, c := range clauses {
		out = append(append(out, c...), needEnd)
	}
	return out
}

// Anchored reports whether the pattern has an anchor («@»).
func (p *Pattern) Anchored() bool { return p.anchor != nil }

// AnchorKind is the mention kind of the anchor, or KindNone for a word.
func (p *Pattern) AnchorKind() Kind {
	if p.anchor == nil || p.anchor.kind != uMention {
		return KindNone
	}
	return p.anchor.mention
}

type nodeKind uint8

const (
	nUnit nodeKind = iota
	nSeq
	nAlt
	nRepeat
	nBound
)

type node struct {
	kind     nodeKind
	unit     *unit
	kids     []*node
	min, max int // repeat bounds; max < 0 is unbounded
	edge     edge
	anchor   bool
}

type edge uint8

const (
	edgeStart edge = iota
	edgeEnd
)

type unitKind uint8

const (
	uClass   unitKind = iota // a word of a class (literal words make an anonymous one)
	uAny                     // any token
	uWord                    // any word token
	uPresent                 // an imperfect-looking word
	uPunct                   // one of some punctuation marks
	uAnyPunct
	uMention
)

// unit is one element that consumes tokens.
type unit struct {
	kind      unitKind
	neg       bool
	className string
	class     int
	puncts    []string
	mention   Kind
	attrs     []attrTest
	prefixes  []string // for <word prefix=…>: the proclitics its surface starts with
	src       string
	// literalPunct: the unit tests a transparent mark itself, so the
	// matcher must not skip it (set once the unit is parsed).
	literalPunct bool
}

// explicitPunct: the unit tests a transparent mark itself, so the matcher
// must not skip it.
func (u *unit) explicitPunct() bool { return u.literalPunct }

// parsePattern reads a pattern; class names are resolved by compile.
func parsePattern(src string) (*Pattern, error) {
	toks, err := lexPattern(src)
	if err != nil {
		return nil, err
	}
	ps := &patParser{toks: toks}
	root, err := ps.alternatives()
	if err != nil {
		return nil, err
	}
	if ps.pos < len(ps.toks) {
		return nil, fmt.Errorf("unexpected %q", ps.toks[ps.pos])
	}
	p := &Pattern{Src: src, root: root}
	anchors := countAnchors(root)
	if anchors > 1 {
		return nil, fmt.Errorf("more than one anchor «@»")
	}
	if anchors == 1 {
		// The anchor must stand at the top level, alone, unrepeated: it is
		// where matching starts.
		seq := root
		if seq.kind == nSeq {
			for _, k := range seq.kids {
				if k.anchor {
					p.anchor = k.unit
				}
			}
		} else if root.anchor {
			p.anchor = root.unit
		}
		if p.anchor == nil {
			return nil, fmt.Errorf("the anchor «@» must be a top-level element, not inside a group or repetition")
		}
		if p.anchor.neg {
			return nil, fmt.Errorf("the anchor cannot be negated")
		}
	}
	return p, nil
}

func countAnchors(n *node) int {
	c := 0
	if n.anchor {
		c++
	}
	for _, k := range n.kids {
		c += countAnchors(k)
	}
	return c
}

// lexPattern splits a pattern into elements: words with their quantifier,
// «<…>» tests, parentheses and the «|» between alternatives.
func lexPattern(src string) ([]string, error) {
	var out []string
	rs := []rune(src)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == '|' && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])):
			out = append(out, string(r))
			i++
		case r == ')':
			j := i + 1
			j = quantEnd(rs, j)
			out = append(out, string(rs[i:j]))
			i = j
		default:
			j := i
			if r == '@' || r == '!' {
				j++
			}
			if j < len(rs) && rs[j] == '<' {
				k := j
				for k < len(rs) && rs[k] != '>' {
					k++
				}
				if k == len(rs) {
					return nil, fmt.Errorf("unclosed «<» in %q", string(rs[i:]))
				}
				j = quantEnd(rs, k+1)
				out = append(out, string(rs[i:j]))
				i = j
				continue
			}
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '(' && rs[j] != ')' {
				if rs[j] == '{' {
					// A quantifier: runs to its closing brace.
					for j < len(rs) && rs[j] != '}' {
						j++
					}
				}
				j++
			}
			if j > len(rs) {
				j = len(rs)
			}
			out = append(out, string(rs[i:j]))
			i = j
		}
	}
	return out, nil
}

// quantEnd returns where a quantifier that may follow position j ends.
func quantEnd(rs []rune, j int) int {
	if j >= len(rs) {
		return j
	}
	switch rs[j] {
	case '?', '*', '+':
		return j + 1
	case '{':
		for k := j; k < len(rs); k++ {
			if rs[k] == '}' {
				return k + 1
			}
		}
	}
	return j
}

type patParser struct {
	toks []string
	pos  int
}

func (p *patParser) alternatives() (*node, error) {
	var alts []*node
	for {
		seq, err := p.sequence()
		if err != nil {
			return nil, err
		}
		alts = append(alts, seq)
		if p.pos < len(p.toks) && p.toks[p.pos] == "|" {
			p.pos++
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{kind: nAlt, kids: alts}, nil
}

func (p *patParser) sequence() (*node, error) {
	seq := &node{kind: nSeq}
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		if t == "|" || strings.HasPrefix(t, ")") {
			break
		}
		p.pos++
		if t == "(" {
			inner, err := p.alternatives()
			if err != nil {
				return nil, err
			}
			if p.pos >= len(p.toks) || !strings.HasPrefix(p.toks[p.pos], ")") {
				return nil, fmt.Errorf("unclosed «(»")
			}
			closing := p.toks[p.pos]
			p.pos++
			n, err := quantify(inner, closing[1:])
			if err != nil {
				return nil, err
			}
			seq.kids = append(seq.kids, n)
			continue
		}
		n, err := element(t)
		if err != nil {
			return nil, err
		}
		seq.kids = append(seq.kids, n)
	}
	if len(seq.kids) == 0 {
		return nil, fmt.Errorf("empty pattern or alternative")
	}
	if len(seq.kids) == 1 {
		return seq.kids[0], nil
	}
	return seq, nil
}

// element reads one element with its prefixes («@», «!») and quantifier.
func element(t string) (*node, error) {
	anchor := strings.HasPrefix(t, "@")
	if anchor {
		t = t[1:]
	}
	neg := strings.HasPrefix(t, "!") && len(t) > 1
	if neg {
		t = t[1:]
	}
	body, quant := splitQuant(t)
	var n *node
	switch body {
	case "<start>":
		n = &node{kind: nBound, edge: edgeStart}
	case "<end>":
		n = &node{kind: nBound, edge: edgeEnd}
	default:
		u, err := parseUnit(body)
		if err != nil {
			return nil, err
		}
		u.neg = neg
		n = &node{kind: nUnit, unit: u}
	}
	if n.kind == nBound && (neg || quant != "" || anchor) {
		return nil, fmt.Errorf("%s takes no «!», «@» or quantifier", body)
	}
	n.anchor = anchor
	if anchor && quant != "" {
		return nil, fmt.Errorf("the anchor %q cannot be repeated", t)
	}
	return quantify(n, quant)
}

// splitQuant separates a trailing quantifier from an element. A lone
// punctuation mark such as «?» is the mark, not a quantifier.
func splitQuant(t string) (body, quant string) {
	if strings.HasSuffix(t, "}") {
		if i := strings.LastIndexByte(t, '{'); i > 0 {
			return t[:i], t[i:]
		}
	}
	if len(t) > 1 && !allPunct(t) {
		switch t[len(t)-1] {
		case '?', '*', '+':
			return t[:len(t)-1], t[len(t)-1:]
		}
	}
	// «,?» is an optional comma: one mark and a quantifier. Read as one
	// token it would be a mark no text has, and the rule would never fire.
	if r := []rune(t); len(r) == 2 && allPunct(t) {
		switch r[1] {
		case '?', '*', '+':
			return string(r[0]), string(r[1])
		}
	}
	return t, ""
}

func quantify(n *node, q string) (*node, error) {
	if q == "" {
		return n, nil
	}
	if n.kind == nBound {
		return nil, fmt.Errorf("an edge cannot be repeated")
	}
	r := &node{kind: nRepeat, kids: []*node{n}}
	switch q {
	case "?":
		r.min, r.max = 0, 1
	case "*":
		r.min, r.max = 0, -1
	case "+":
		r.min, r.max = 1, -1
	default:
		inner := strings.TrimSuffix(strings.TrimPrefix(q, "{"), "}")
		lo, hi, isRange := strings.Cut(inner, ",")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil || a < 0 {
			return nil, fmt.Errorf("bad repetition %q", q)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a {
				return nil, fmt.Errorf("bad repetition %q", q)
			}
		}
		if b > 12 {
			return nil, fmt.Errorf("repetition %q: at most 12", q)
		}
		r.min, r.max = a, b
	}
	return r, nil
}

func allPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '$' {
			return false
		}
	}
	return true
}

func transparentPunct(p string) bool {
	return strings.ContainsAny(p, "\"'()[]-–—/«»“”")
}

// punctAliases lets a pattern write «,» for the Arabic comma too.
var punctAliases = map[string][]string{
	",": {",", "،"}, "،": {",", "،"},
	";": {";", "؛"}, "؛": {";", "؛"},
	"?": {"?", "؟"}, "؟": {"?", "؟"},
}

func parseUnit(body string) (*unit, error) {
	u := &unit{src: body}
	switch {
	case body == "_":
		u.kind = uAny
	case body == "<word>":
		u.kind = uWord
	case strings.HasPrefix(body, "<word ") && strings.HasSuffix(body, ">"):
		u.kind = uWord
		for _, f := range strings.Fields(body[len("<word ") : len(body)-1]) {
			v, ok := strings.CutPrefix(f, "prefix=")
			if !ok {
				return nil, fmt.Errorf("<word …> takes only prefix=…, got %q", f)
			}
			for _, p := range strings.Split(v, ",") {
				u.prefixes = append(u.prefixes, text.NormalizeString(p))
			}
		}
	case body == "<present>":
		u.kind = uPresent
	case body == "<punct>":
		u.kind = uAnyPunct
	case strings.HasPrefix(body, "<") && strings.HasSuffix(body, ">"):
		fields := strings.Fields(body[1 : len(body)-1])
		if len(fields) == 0 {
			return nil, fmt.Errorf("empty «<>»")
		}
		k, ok := kindNames[fields[0]]
		if !ok {
			return nil, fmt.Errorf("unknown test <%s> (cue, actor, place, date, num, word, present, punct, start, end)", fields[0])
		}
		u.kind, u.mention = uMention, k
		for _, f := range fields[1:] {
			a, err := parseAttr(k, f)
			if err != nil {
				return nil, fmt.Errorf("<%s …>: %w", fields[0], err)
			}
			u.attrs = append(u.attrs, a)
		}
	case strings.HasPrefix(body, "$"):
		if !validName(body[1:]) {
			return nil, fmt.Errorf("bad class name %q", body)
		}
		u.kind, u.className = uClass, body[1:]
	case allPunct(body):
		u.kind = uPunct
		if al, ok := punctAliases[body]; ok {
			u.puncts = al
		} else {
			u.puncts = []string{body}
		}
		for _, p := range u.puncts {
			u.literalPunct = u.literalPunct || transparentPunct(p)
		}
	default:
		for _, w := range strings.Split(body, "|") {
			if w == "" || allPunct(w) {
				return nil, fmt.Errorf("bad word %q", body)
			}
		}
		u.kind = uClass
	}
	return u, nil
}

// compile resolves class names and builds the programs.
func (p *Pattern) compile(t *classTable) error {
	var resolve func(n *node) error
	resolve = func(n *node) error {
		if n.unit != nil && n.unit.kind == uClass {
			if n.unit.className != "" {
				n.unit.class = t.ref(n.unit.className)
			} else {
				n.unit.class = t.literal(strings.Split(n.unit.src, "|"))
			}
		}
		if n.unit != nil {
			for i := range n.unit.attrs {
				if cn := n.unit.attrs[i].className; cn != "" {
					n.unit.attrs[i].class = t.ref(cn)
				}
			}
		}
		for _, k := range n.kids {
			if err := resolve(k); err != nil {
				return err
			}
		}
		return nil
	}
	if err := resolve(p.root); err != nil {
		return err
	}
	if p.anchor == nil {
		p.whole = emitProgram(p.root, false)
		p.need = flatNeed(needOf(p.root))
		return nil
	}
	var before, after []*node
	if p.root.kind == nSeq {
		i := 0
		for ; !p.root.kids[i].anchor; i++ {
		}
		before, after = p.root.kids[:i], p.root.kids[i+1:]
	}
	p.left = emitProgram(&node{kind: nSeq, kids: before}, true)
	p.right = emitProgram(&node{kind: nSeq, kids: after}, false)
	// The anchor is tested where it is, which may lie outside the scope;
	// only the elements around it must lie within.
	p.need = flatNeed(append(needOf(&node{kind: nSeq, kids: before}), needOf(&node{kind: nSeq, kids: after})...))
	return nil
}

// atom is one thing a scope may hold: a word or phrase of class a (a >=
// 0), or a mention of kind -a (a < 0).
type atom int32

func classAtom(c int) atom { return atom(c) }
func kindAtom(k Kind) atom { return -atom(k) }

// needOf is what any match of n must consume within the scope, as clauses
// of atoms (all clauses must hold, one atom of each). It may say less than
// the pattern needs, never more: a negated element, an optional one or an
// edge adds nothing, and of alternatives only one clause is kept, the
// union of one clause of each (whichever alternative matched holds it).
func needOf(n *node) [][]atom {
	switch n.kind {
	case nUnit:
		u := n.unit
		if u.neg {
			return nil
		}
		switch u.kind {
		case uClass:
			return [][]atom{{classAtom(u.class)}}
		case uMention:
			out := [][]atom{{kindAtom(u.mention)}}
			// «head=$c» tests the mention's first token, which lies in
			// the scope as the mention does.
			for _, a := range u.attrs {
				if a.key == aHead && !a.neg {
					out = append(out, []atom{classAtom(a.class)})
				}
			}
			return out
		}
		return nil
	case nSeq:
		var out [][]atom
		for _, k := range n.kids {
			out = append(out, needOf(k)...)
		}
		return out
	case nRepeat:
		if n.min == 0 {
			return nil
		}
		return needOf(n.kids[0])
	case nAlt:
		var any []atom
		for _, k := range n.kids {
			nk := needOf(k)
			if len(nk) == 0 {
				return nil
			}
			any = append(any, nk[0]...)
		}
		return [][]atom{any}
	}
	return nil
}

// undefinedClasses lists the classes the pattern names that no file defines.
func (p *Pattern) undefinedClasses(t *classTable) []string {
	var out []string
	var walk func(n *node)
	walk = func(n *node) {
		if u := n.unit; u != nil {
			if u.kind == uClass && u.className != "" && t.where[u.class] == "" {
				out = append(out, u.className)
			}
			for _, a := range u.attrs {
				if a.className != "" && t.where[a.class] == "" {
					out = append(out, a.className)
				}
			}
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(p.root)
	return out
}

// The programs are those of a backtracking regular-expression machine:
// units consume tokens, splits try their first branch first, and every
// repetition prefers fewer, so that the first match found is the nearest.
type opcode uint8

const (
	opUnit opcode = iota
	opSplit
	opJmp
	opEdge
	opMatch
)

type inst struct {
	op   opcode
	u    *unit
	edge edge
	x, y int
}

type prog []inst

func emitProgram(n *node, backward bool) prog {
	var p prog
	emit(&p, n, backward)
	return append(p, inst{op: opMatch})
}

func emit(p *prog, n *node, backward bool) {
	switch n.kind {
	case nUnit:
		*p = append(*p, inst{op: opUnit, u: n.unit})
	case nBound:
		*p = append(*p, inst{op: opEdge, edge: n.edge})
	case nSeq:
		if backward {
			for i := len(n.kids) - 1; i >= 0; i-- {
				emit(p, n.kids[i], backward)
			}
		} else {
			for _, k := range n.kids {
				emit(p, k, backward)
			}
		}
	case nAlt:
		var jumps []int
		for i, k := range n.kids {
			if i < len(n.kids)-1 {
				split := len(*p)
				*p = append(*p, inst{op: opSplit})
				(*p)[split].x = len(*p)
				emit(p, k, backward)
				jumps = append(jumps, len(*p))
				*p = append(*p, inst{op: opJmp})
				(*p)[split].y = len(*p)
			} else {
				emit(p, k, backward)
			}
		}
		for _, j := range jumps {
			(*p)[j].x = len(*p)
		}
	case nRepeat:
		body := n.kids[0]
		for i := 0; i < n.min; i++ {
			emit(p, body, backward)
		}
		if n.max < 0 {
			// Prefer leaving the loop: the nearest match first.
			loop := len(*p)
			*p = append(*p, inst{op: opSplit})
			(*p)[loop].y = len(*p)
			emit(p, body, backward)
			*p = append(*p, inst{op: opJmp, x: loop})
			(*p)[loop].x = len(*p)
			return
		}
		var splits []int
		for i := n.min; i < n.max; i++ {
			s := len(*p)
			*p = append(*p, inst{op: opSplit})
			(*p)[s].y = len(*p)
			splits = append(splits, s)
			emit(p, body, backward)
		}
		for _, s := range splits {
			(*p)[s].x = len(*p)
		}
	}
}
