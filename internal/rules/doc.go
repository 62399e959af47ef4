package rules

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"rasd/internal/mention"
	"rasd/internal/text"
)

// Kind is a kind of mention a pattern can test.
type Kind uint8

const (
	KindNone Kind = iota
	KindCue
	KindActor
	KindPlace
	KindDate
	KindNum
)

var kindNames = map[string]Kind{"cue": KindCue, "actor": KindActor, "place": KindPlace, "date": KindDate, "num": KindNum}

func (k Kind) String() string {
	for n, x := range kindNames {
		if x == k {
			return n
		}
	}
	return "word"
}

// Mention is one mention of a document as patterns see it: its kind, its
// tokens and the attributes tests may ask about. Index is its position in
// the mention.Set slice of its kind.
type Mention struct {
	Kind     Kind
	Tok, End int
	Index    int
	// Off marks a cue dropped by a «drop» rule: no pattern sees it.
	Off bool

	// The proclitics its first word shed («ب», «وال»), normalised, without
	// a leading conjunction; Conj tells whether one was there.
	Prefix string
	Conj   bool
	// Imperfect: the first word looks like an imperfect verb («يهاجم»);
	// Suffixed: the last word carries a pronoun («معاركها»).
	Imperfect, Suffixed bool

	// Cues.
	Class, EventType, SubEventType, POS string
	Weak, Def                           bool
	// Actors.
	ID, RawID, ActorType, ActorKind string
	Resolved                        bool
	// Places.
	PlaceKind, Cue, Country string
	Precision               int
	// Numbers.
	Value                    float64
	Approx, Percent, Ordinal bool
	Qualifier                string
	// Dates.
	DateKind string
	Relative bool
}

type attrKey uint8

const (
	aClass attrKey = iota
	aType
	aSub
	aPOS
	aPrefix
	aWeak
	aDef
	aSelf
	aID
	aRawID
	aActorType
	aActorKind
	aResolved
	aPlaceKind
	aCue
	aCountry
	aPrec
	aApprox
	aPercent
	aOrdinal
	aQual
	aMin
	aMax
	aDateKind
	aRelative
	aHead
	aConj
	aImperfect
	aSuffixed
	aSingle
)

// attrKeys names the attributes each kind of mention can be tested on.
var attrKeys = map[Kind]map[string]attrKey{
	KindCue: {"class": aClass, "type": aType, "sub": aSub, "pos": aPOS, "prefix": aPrefix, "weak": aWeak, "def": aDef, "self": aSelf, "head": aHead,
		"conj": aConj, "imperfect": aImperfect, "suffixed": aSuffixed, "single": aSingle},
	KindActor: {"id": aID, "raw": aRawID, "type": aActorType, "kind": aActorKind, "resolved": aResolved, "prefix": aPrefix, "head": aHead, "conj": aConj},
	KindPlace: {"kind": aPlaceKind, "cue": aCue, "country": aCountry, "prec": aPrec, "prefix": aPrefix, "head": aHead, "conj": aConj},
	KindDate:  {"kind": aDateKind, "relative": aRelative, "prefix": aPrefix, "head": aHead, "conj": aConj},
	KindNum:   {"approx": aApprox, "percent": aPercent, "ordinal": aOrdinal, "qual": aQual, "min": aMin, "max": aMax, "prefix": aPrefix, "head": aHead, "conj": aConj},
}

var flagKeys = map[attrKey]bool{aWeak: true, aDef: true, aSelf: true, aResolved: true, aApprox: true, aPercent: true, aOrdinal: true, aRelative: true,
	aConj: true, aImperfect: true, aSuffixed: true, aSingle: true}

type attrTest struct {
	key       attrKey
	neg       bool
	values    []string
	num       float64
	className string
	class     int
}

// parseAttr reads «key=v1,v2», «key!=v», «flag», «!flag» or «head=$class».
func parseAttr(k Kind, s string) (attrTest, error) {
	var a attrTest
	neg := false
	name, val, hasVal := "", "", false
	switch {
	case strings.HasPrefix(s, "!") && strings.Contains(s, "="):
		name, val, _ = strings.Cut(s[1:], "=")
		neg, hasVal = true, true
	case strings.Contains(s, "!="):
		name, val, _ = strings.Cut(s, "!=")
		neg, hasVal = true, true
	case strings.Contains(s, "="):
		name, val, _ = strings.Cut(s, "=")
		hasVal = true
	case strings.HasPrefix(s, "!"):
		name, neg = s[1:], true
	default:
		name = s
	}
	key, ok := attrKeys[k][name]
	if !ok {
		var names []string
		for n := range attrKeys[k] {
			names = append(names, n)
		}
		return a, fmt.Errorf("unknown attribute %q (have %s)", name, strings.Join(names, ", "))
	}
	a.key, a.neg = key, neg
	if flagKeys[key] {
		if hasVal {
			return a, fmt.Errorf("%s is a flag: write «%s» or «!%s»", name, name, name)
		}
		return a, nil
	}
	if !hasVal {
		return a, fmt.Errorf("%s needs a value", name)
	}
	switch key {
	case aHead:
		if !strings.HasPrefix(val, "$") {
			return a, fmt.Errorf("head takes a class: head=$name")
		}
		a.className = val[1:]
	case aMin, aMax, aPrec:
		n, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return a, fmt.Errorf("%s=%q: want a number", name, val)
		}
		a.num = n
		if key == aPrec {
			a.values = []string{val}
		}
	case aPrefix:
		for _, v := range strings.Split(val, ",") {
			if v == "-" {
				v = "" // no prefix
			}
			a.values = append(a.values, text.NormalizeString(v))
		}
	case aClass:
		a.values = splitIdentifiers(val)
	default:
		a.values = splitValues(val)
	}
	return a, nil
}

// Doc is one document prepared for matching: which classes each token's
// readings belong to, and where each mention starts and ends. A Doc belongs
// to one goroutine; the extractor sets Focus to the cue a rule is about.
type Doc struct {
	A        *text.Analysis
	Set      *mention.Set
	Mentions []Mention
	// Focus is the index in Mentions of the cue the event is built on, for
	// «<cue self>»; -1 when none.
	Focus int

	book  *Book
	width int
	bits  []uint64 // width words per token
	// Mentions starting and ending at each token, as index lists into
	// Mentions (CSR: the entries of token i are byStart[startAt[i]:startAt[i+1]]).
	startAt, endAt  []int32
	byStart, byEnd  []int32
	phraseAt        [][]phraseHit // multiword class entries starting at a token
	phraseEndAt     [][]phraseHit
	transparent     []bool
	firstOfKind     [KindNum + 1]int // index in Mentions where each kind begins
	countOfKind     [KindNum + 1]int
	hasMultiPhrases bool

	// steps counts the matcher's work; past budget (when set) every match
	// fails, so that a hostile text ends in bounded time.
	steps, budget int64

	// What each sentence holds, for Pattern.need: the classes of its
	// words and phrases (width words a sentence) and the kinds of the
	// mentions that start in it (a bit per kind), each made when first
	// asked for; then the same for the whole document. A scope is nearly
	// always a clause or a sentence, looked up once for the many patterns
	// tried in it (scopeLo, scopeHi, scopeAt: the last one, -1 for the
	// document).
	sentClasses []uint64
	sentKinds   []uint8
	sentDone    []bool
	docKinds    uint8
	kept        *tables // where the arrays above came from, for Release
	scopeLo     int
	scopeHi     int
	scopeAt     int
	scopeValid  bool
}

// SetBudget bounds the matcher steps the document may take; 0 is no bound.
func (d *Doc) SetBudget(steps int64) { d.budget = steps }

// Steps is the matcher work done so far.
func (d *Doc) Steps() int64 { return d.steps }

// Exhausted tells whether the budget ran out, after which no pattern
// matched and the caller's result is incomplete.
func (d *Doc) Exhausted() bool { return d.budget > 0 && d.steps > d.budget }

type phraseHit struct {
	other int // the token where the phrase ends (exclusive) or starts
	class int
}

// NewDoc prepares a document's mentions for the book's patterns.
func (b *Book) NewDoc(set *mention.Set) *Doc {
	a := set.Analysis
	n := len(a.Tokens)
	t := b.classes
	d := &Doc{A: a, Set: set, Focus: -1, book: b, width: t.width}
	if kept, ok := docTables.Get().(*tables); ok {
		d.kept = kept
	} else {
		d.kept = new(tables)
	}
	d.bits = zeroed(d.kept.bits, n*t.width)
	d.transparent = zeroed(d.kept.transparent, n)
	for i := range a.Tokens {
		tok := &a.Tokens[i]
		if tok.Kind == text.Punct {
			d.transparent[i] = transparentPunct(tok.Text)
			continue
		}
		row := d.bits[i*t.width : (i+1)*t.width]
		forms := a.Forms(i)
		for k := range forms {
			f := &forms[k]
			if f.Kind&text.Suffix != 0 || !t.words.MayHaveForm(f) {
				continue
			}
			wc, ok := t.byWord.GetForm(f)
			if !ok {
				continue
			}
			if wc.bits != nil {
				for k := range row {
					row[k] |= wc.bits[k]
				}
			}
			if len(wc.phrases) == 0 {
				continue
			}
			next := d.wordAfter(i)
			for _, pe := range wc.phrases {
				if !hasHash(a, next, pe.next) {
					continue // phraseFrom would find no reading rest[0] there
				}
				if end, ok := d.phraseFrom(i+1, pe.rest); ok {
					if d.phraseAt == nil {
						d.phraseAt = zeroed(d.kept.phraseAt, n)
						d.phraseEndAt = zeroed(d.kept.phraseEndAt, n)
					}
					d.phraseAt[i] = append(d.phraseAt[i], phraseHit{end, pe.class})
					d.phraseEndAt[end-1] = append(d.phraseEndAt[end-1], phraseHit{i, pe.class})
				}
			}
		}
	}
	d.addMentions(set)
	d.summarise()
	return d
}

// summarise makes room for what each sentence holds (Doc.sentClasses),
// which sentence fills on first use: the rules never look at most
// sentences of a text.
func (d *Doc) summarise() {
	n := len(d.A.Sentences)
	d.sentClasses = zeroed(d.kept.sentClasses, (n+1)*d.width)
	d.sentKinds = zeroed(d.kept.sentKinds, n)
	d.sentDone = zeroed(d.kept.sentDone, n+1)
}

// tables are a Doc's per-token and per-sentence arrays, kept from one
// document to the next (Doc.Release): a worker codes one article after
// another, and these arrays (some 20 KB an article, most of it the class
// bits) were made for each and were garbage when it was done.
type tables struct {
	bits                  []uint64
	transparent           []bool
	phraseAt, phraseEndAt [][]phraseHit
	sentClasses           []uint64
	sentKinds             []uint8
	sentDone              []bool
	// The mentions and their indexes by first and last token.
	mentions                       []Mention
	startAt, byStart, endAt, byEnd []int32
}

var docTables sync.Pool

// zeroed returns s cut or grown to n elements, all zero.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Release hands the document's arrays to the next NewDoc. The caller is
// done with d: nothing it keeps may point into them, and d must not be
// matched again (its arrays are gone, so a use panics rather than reading
// another document's bits). Not calling it only costs the allocations.
func (d *Doc) Release() {
	if d.kept == nil {
		return
	}
	k := d.kept
	k.bits, k.transparent, k.sentClasses, k.sentKinds, k.sentDone = d.bits, d.transparent, d.sentClasses, d.sentKinds, d.sentDone
	if d.phraseAt != nil {
		k.phraseAt, k.phraseEndAt = d.phraseAt, d.phraseEndAt
	}
	k.mentions, k.startAt, k.byStart, k.endAt, k.byEnd = d.Mentions, d.startAt, d.byStart, d.endAt, d.byEnd
	d.kept, d.bits, d.transparent, d.phraseAt, d.phraseEndAt = nil, nil, nil, nil, nil
	d.sentClasses, d.sentKinds, d.sentDone = nil, nil, nil
	d.Mentions, d.startAt, d.byStart, d.endAt, d.byEnd = nil, nil, nil, nil, nil
	docTables.Put(k)
}

// sentence returns what sentence s holds; s == len(Sentences) is the
// whole document.
func (d *Doc) sentence(s int) ([]uint64, uint8) {
	w := d.width
	row := d.sentClasses[s*w : (s+1)*w]
	if d.sentDone[s] {
		if s == len(d.A.Sentences) {
			return row, d.docKinds
		}
		return row, d.sentKinds[s]
	}
	d.sentDone[s] = true
	if s == len(d.A.Sentences) {
		for k := range d.A.Sentences {
			r, kinds := d.sentence(k)
			for j, b := range r {
				row[j] |= b
			}
			d.docKinds |= kinds
		}
		return row, d.docKinds
	}
	sen := d.A.Sentences[s]
	var kinds uint8
	for i := sen.TokStart; i < sen.TokEnd; i++ {
		for k, b := range d.bits[i*w : (i+1)*w] {
			row[k] |= b
		}
		if d.phraseAt != nil {
			for _, h := range d.phraseAt[i] {
				row[h.class>>6] |= 1 << (h.class & 63)
			}
		}
		for _, mi := range d.StartingAt(i) {
			kinds |= 1 << d.Mentions[mi].Kind
		}
	}
	d.sentKinds[s] = kinds
	return row, kinds
}

// mayMatch is false when p cannot match within tokens [lo, hi): some atom
// it needs stands nowhere in the sentence that holds the scope (or in the
// document, for a scope that is not within one sentence).
func (d *Doc) mayMatch(p *Pattern, lo, hi int) bool {
	if len(p.need) == 0 || lo < 0 || hi > len(d.A.Tokens) || lo >= hi {
		return true
	}
	if !d.scopeValid || d.scopeLo != lo || d.scopeHi != hi {
		d.scopeLo, d.scopeHi, d.scopeValid = lo, hi, true
		d.scopeAt = -1
		if s := d.A.SentenceOf(lo); s < len(d.A.Sentences) && d.A.Sentences[s].TokEnd >= hi {
			d.scopeAt = s
		}
	}
	s := d.scopeAt
	if s < 0 {
		s = len(d.A.Sentences)
	}
	classes, kinds := d.sentence(s)
	need := p.need
	for k := 0; k < len(need); k++ {
		ok := false
		for ; need[k] != needEnd; k++ {
			if a := need[k]; a >= 0 {
				ok = classes[a>>6]&(1<<(a&63)) != 0
			} else {
				ok = kinds&(1<<uint8(-a)) != 0
			}
			if ok {
				// The clause holds: on to its end.
				for need[k] != needEnd {
					k++
				}
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// wordAfter is the token where phraseFrom(i+1, …) reads its first word,
// or -1 where it reads none.
func (d *Doc) wordAfter(i int) int {
	i++
	for i < len(d.A.Tokens) && d.transparent[i] {
		i++
	}
	if i >= len(d.A.Tokens) || d.A.Tokens[i].Kind == text.Punct {
		return -1
	}
	return i
}

// hasHash: a reading of token i (-1: none) that hasForm would compare has
// hash h; where none has, hasForm finds no reading of the word hashed.
func hasHash(a *text.Analysis, i int, h uint64) bool {
	if i < 0 {
		return false
	}
	forms := a.Forms(i)
	for k := range forms {
		if f := &forms[k]; f.Kind&text.Suffix == 0 && f.Hash() == h {
			return true
		}
	}
	return false
}

// phraseFrom matches the rest of a multiword entry from token i on.
func (d *Doc) phraseFrom(i int, rest []string) (int, bool) {
	for _, w := range rest {
		for i < len(d.A.Tokens) && d.transparent[i] {
			i++
		}
		if i >= len(d.A.Tokens) || d.A.Tokens[i].Kind == text.Punct || !hasForm(d.A, i, w) {
			return 0, false
		}
		i++
	}
	return i, true
}

func hasForm(a *text.Analysis, i int, w string) bool {
	// By pointer: a reading is 48 bytes, copied for each by a range over
	// values, and this runs for every phrase a word of the text starts.
	forms := a.Forms(i)
	for k := range forms {
		if f := &forms[k]; f.Kind&text.Suffix == 0 && f.Text == w {
			return true
		}
	}
	return false
}

// InClass reports whether a reading of token i is a word of class c.
func (d *Doc) InClass(i, c int) bool {
	if i < 0 || i >= len(d.A.Tokens) {
		return false
	}
	return d.bits[i*d.width+c>>6]&(1<<(c&63)) != 0
}

// InClassNamed is InClass by the class's name; an unknown name is false.
func (d *Doc) InClassNamed(i int, name string) bool {
	c, ok := d.book.classes.byName[name]
	return ok && d.InClass(i, c)
}

// Transparent reports whether token i is a quote, bracket, dash or slash,
// which patterns step over.
func (d *Doc) Transparent(i int) bool { return d.transparent[i] }

func (d *Doc) addMentions(set *mention.Set) {
	a := set.Analysis
	// Every element is written whole by the appends below.
	ms := d.kept.mentions[:0]
	if total := len(set.Triggers) + len(set.Actors) + len(set.Places) + len(set.Dates) + len(set.Numbers); cap(ms) < total {
		ms = make([]Mention, 0, total)
	}
	prefix := func(tok int, spanStart int) string {
		t := a.Tokens[tok]
		if spanStart <= t.Start {
			// «للجيش» is ل fused with the article: the span keeps the whole
			// word, so the preposition shows only in the spelling.
			if strings.HasPrefix(t.Text, "لل") && len([]rune(t.Text)) > 4 {
				return "لل"
			}
			return ""
		}
		return text.NormalizeString(string(a.Orig[t.Start:spanStart]))
	}
	conj := func(p string) bool { return strings.HasPrefix(p, "و") || strings.HasPrefix(p, "ف") }
	mark := func(k Kind) { d.firstOfKind[k] = len(ms) }
	mark(KindCue)
	for i := range set.Triggers {
		m := &set.Triggers[i]
		p := prefix(m.Tok, m.Span.Start)
		def := strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل") || text.HasNormalizedPrefix(m.Span.Text, "ال")
		last := a.Tokens[m.TokEnd-1]
		ms = append(ms, Mention{Kind: KindCue, Tok: m.Tok, End: m.TokEnd, Index: i, Prefix: stripConj(p), Conj: conj(p),
			Class: m.Trigger.Class, EventType: m.Trigger.EventType, SubEventType: m.Trigger.SubEventType, POS: m.Trigger.POS,
			Weak: m.Trigger.Weak, Def: def,
			Imperfect: p == "" && imperfect(a.Tokens[m.Tok].Text) || imperfect(strings.TrimPrefix(a.Tokens[m.Tok].Text, p)),
			Suffixed:  m.Span.End < last.End && !def})
	}
	mark(KindActor)
	for i := range set.Actors {
		m := &set.Actors[i]
		p := prefix(m.Tok, m.Span.Start)
		ms = append(ms, Mention{Kind: KindActor, Tok: m.Tok, End: m.TokEnd, Index: i, Prefix: stripConj(p), Conj: conj(p),
			ID: m.Actor.VocabID(), RawID: m.Actor.ID, ActorType: m.Actor.Type, ActorKind: m.Kind, Resolved: m.Resolved})
	}
	mark(KindPlace)
	for i := range set.Places {
		m := &set.Places[i]
		p := prefix(m.Tok, m.Span.Start)
		ms = append(ms, Mention{Kind: KindPlace, Tok: m.Tok, End: m.TokEnd, Index: i, Prefix: stripConj(p), Conj: conj(p),
			PlaceKind: m.Place.Kind, Cue: stripConj(text.NormalizeString(m.Cue)), Country: m.Place.Country, Precision: m.Precision})
	}
	mark(KindDate)
	for i := range set.Dates {
		m := &set.Dates[i]
		ms = append(ms, Mention{Kind: KindDate, Tok: m.Tok, End: m.TokEnd, Index: i, Prefix: stripConj(prefix(m.Tok, m.Span.Start)),
			DateKind: m.Kind, Relative: m.Relative})
	}
	mark(KindNum)
	for i := range set.Numbers {
		m := &set.Numbers[i]
		ms = append(ms, Mention{Kind: KindNum, Tok: m.Tok, End: m.TokEnd, Index: i, Prefix: stripConj(prefix(m.Tok, m.Span.Start)),
			Value: m.Value, Approx: m.Approx, Percent: m.Percent, Ordinal: m.Ordinal, Qualifier: m.Qualifier})
	}
	d.countOfKind[KindCue] = len(set.Triggers)
	d.countOfKind[KindActor] = len(set.Actors)
	d.countOfKind[KindPlace] = len(set.Places)
	d.countOfKind[KindDate] = len(set.Dates)
	d.countOfKind[KindNum] = len(set.Numbers)
	d.Mentions = ms
	n := len(a.Tokens)
	d.startAt, d.byStart = index(n, ms, func(m *Mention) int { return m.Tok }, d.kept.startAt, d.kept.byStart)
	d.endAt, d.byEnd = index(n, ms, func(m *Mention) int { return m.End - 1 }, d.kept.endAt, d.kept.byEnd)
}

// MentionOf returns the index in Mentions of the i-th mention of a kind
// (its index in the mention.Set slice).
func (d *Doc) MentionOf(k Kind, i int) int { return d.firstOfKind[k] + i }

// stripConj drops a leading conjunction: «وب» and «ب» say the same about
// the word.
func stripConj(p string) string {
	if strings.HasPrefix(p, "و") || strings.HasPrefix(p, "ف") {
		return p[len("و"):]
	}
	return p
}

// offs and list are made in keptOffs and keptList when they are large
// enough.
func index(n int, ms []Mention, at func(*Mention) int, keptOffs, keptList []int32) (offs, list []int32) {
	offs = zeroed(keptOffs, n+2)
	for i := range ms {
		if t := at(&ms[i]); t >= 0 && t < n {
			offs[t+2]++
		}
	}
	for i := 2; i < len(offs); i++ {
		offs[i] += offs[i-1]
	}
	list = zeroed(keptList, len(ms))
	for i := range ms {
		if t := at(&ms[i]); t >= 0 && t < n {
			list[offs[t+1]] = int32(i)
			offs[t+1]++
		}
	}
	return offs[:n+1], list
}

// StartingAt returns the mentions that start at token i, as indexes into
// Mentions.
func (d *Doc) StartingAt(i int) []int32 {
	if i < 0 || i+1 >= len(d.startAt) {
		return nil
	}
	return d.byStart[d.startAt[i]:d.startAt[i+1]]
}

// EndingAt returns the mentions whose last token is i.
func (d *Doc) EndingAt(i int) []int32 {
	if i < 0 || i+1 >= len(d.endAt) {
		return nil
	}
	return d.byEnd[d.endAt[i]:d.endAt[i+1]]
}

// test reports whether mention m passes the unit's attribute tests.
func (d *Doc) test(u *unit, m *Mention) bool {
	if m.Kind != u.mention || m.Off {
		return false
	}
	for i := range u.attrs {
		a := &u.attrs[i]
		if d.attr(a, m) == a.neg {
			return false
		}
	}
	return true
}

func (d *Doc) attr(a *attrTest, m *Mention) bool {
	switch a.key {
	case aClass:
		return has(a.values, m.Class)
	case aType:
		return has(a.values, m.EventType)
	case aSub:
		return has(a.values, m.SubEventType)
	case aPOS:
		return has(a.values, m.POS)
	case aPrefix:
		// «بالطائرات» shed «بال»: the article rides on the preposition, so
		// «prefix=ب» matches it too (but «لل» stays apart from «ل»).
		return has(a.values, m.Prefix) || m.Prefix != "لل" && strings.HasSuffix(m.Prefix, "ال") && has(a.values, strings.TrimSuffix(m.Prefix, "ال"))
	case aWeak:
		return m.Weak
	case aDef:
		return m.Def
	case aSelf:
		return d.Focus >= 0 && &d.Mentions[d.Focus] == m
	case aID:
		return has(a.values, m.ID)
	case aRawID:
		return has(a.values, m.RawID)
	case aActorType:
		return has(a.values, m.ActorType)
	case aActorKind:
		return has(a.values, m.ActorKind)
	case aResolved:
		return m.Resolved
	case aPlaceKind:
		return has(a.values, m.PlaceKind)
	case aCue:
		return has(a.values, m.Cue)
	case aCountry:
		return has(a.values, m.Country)
	case aPrec:
		return m.Precision == int(a.num)
	case aApprox:
		return m.Approx
	case aPercent:
		return m.Percent
	case aOrdinal:
		return m.Ordinal
	case aQual:
		return has(a.values, m.Qualifier)
	case aMin:
		return m.Value >= a.num
	case aMax:
		return m.Value <= a.num
	case aDateKind:
		return has(a.values, m.DateKind)
	case aRelative:
		return m.Relative
	case aHead:
		return d.InClass(m.Tok, a.class)
	case aConj:
		return m.Conj
	case aImperfect:
		return m.Imperfect
	case aSuffixed:
		return m.Suffixed
	case aSingle:
		return m.End-m.Tok == 1
	}
	return false
}

func has(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
