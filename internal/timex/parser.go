package timex

import (
	"sync"
	"time"

	"rasd/internal/text"
)

// tlex is the vocabulary phrase that starts at a token, if any.
type tlex struct {
	end   int // token index after the phrase; 0 when none starts here
	skip  int // clitic runes before the phrase («وآذار» → 1)
	fk    text.FormKind
	code  bool   // a reading of the token alone is one of codeWords (cword)
	kinds uint32 // a bit (1<<kind) for each item kind in items
	items []item
}

// lookup finds the longest vocabulary phrase starting at token i, reading
// the first token with its conjunction and preposition clitics removed, and
// writes it to *dst, which it leaves alone (zero) when none starts there:
// most words start none, and the table entry is 48 bytes to copy.
func (v *vocab) lookup(a *text.Analysis, i int, buf *[]byte, dst *tlex) {
	var best tlex
	code := false
	toks := a.Tokens
	forms := a.Forms(i)
	for k := range forms {
		f := &forms[k]
		if f.Kind&^(text.Conj|text.Prep) != 0 || f.Trim > 0 || !v.first.MayHaveForm(f) {
			continue
		}
		h, ok := v.heads.GetForm(f)
		if !ok {
			continue
		}
		maxLen := h.longest
		b := append((*buf)[:0], f.Text...)
		for n := 1; n <= maxLen && i+n <= len(toks); n++ {
			j := i + n - 1
			if n > 1 {
				if toks[j].Kind == text.Punct {
					break
				}
				b = append(b, ' ')
				b = append(b, toks[j].Text...)
			}
			its, ok := h.one, h.has
			if n > 1 {
				its, ok = v.entries[string(b)]
			}
			if ok && n == 1 && !code {
				for _, it := range its {
					code = code || it.kind == iCode
				}
			}
			if ok && i+n > best.end {
				best = tlex{end: i + n, skip: f.Skip, fk: f.Kind, items: its}
				for _, it := range its {
					best.kinds |= 1 << it.kind
				}
			}
		}
		*buf = b
	}
	if best.end != 0 {
		best.code = code
		*dst = best
	}
}

// parser holds one Find call: the analysis, its vocabulary phrases and the
// publication date in both calendars.
type parser struct {
	v      *vocab
	a      *text.Analysis
	toks   []text.Token
	lex    []tlex
	buf    []byte // the phrase being looked up (vocab.lookup)
	pub    time.Time
	py, pm int
	hy, hm int
	hok    int8 // Hijri publication month: 0 not yet computed, 1 known, -1 out of range
}

// parsers keeps parsers, with their per-token table and phrase buffer, for
// the next Find: the table is some 48 bytes a token, made for every article
// and garbage right after, and a worker extracts one article after another.
var parsers = sync.Pool{New: func() any { return new(parser) }}

func newParser(v *vocab, a *text.Analysis, published time.Time) *parser {
	p := parsers.Get().(*parser)
	lex, buf := p.lex, p.buf
	*p = parser{v: v, a: a, toks: a.Tokens, pub: dayOf(published), buf: buf}
	p.py, p.pm = p.pub.Year(), int(p.pub.Month())
	if cap(lex) < len(a.Tokens) {
		lex = make([]tlex, len(a.Tokens))
	} else {
		lex = lex[:len(a.Tokens)]
		clear(lex)
	}
	p.lex = lex
	for i := range a.Tokens {
		if a.Tokens[i].Kind == text.Word {
			v.lookup(a, i, &p.buf, &p.lex[i])
		}
	}
	return p
}

// release hands p back for another Find. Nothing Find returns points into
// it; the analysis it read is dropped so that the pool keeps no article
// alive (the table's items point into the vocabulary only, and newParser
// clears it).
func (p *parser) release() {
	p.a, p.toks = nil, nil
	parsers.Put(p)
}

// hijriPub computes the Hijri month of publication the first time a Hijri
// month needs it; most articles never do.
func (p *parser) hijriPub() bool {
	if p.hok == 0 {
		var ok bool
		p.hy, p.hm, _, ok = toHijri(p.pub)
		p.hok = -1
		if ok {
			p.hok = 1
		}
	}
	return p.hok == 1
}

// clitics says which clitic readings a token may be taken in: the first
// token of a mention may carry «و», «ب», «ل» and the like («وأمس»,
// «بالأمس»), the second element of a range its «و» («وآذار»), and no other
// token any.
type clitics uint8

const (
	noClitic clitics = iota
	conjOnly
	anyClitic
)

func allowed(k text.FormKind, cl clitics) bool {
	switch cl {
	case noClitic:
		return k == 0
	case conjOnly:
		return k&^text.Conj == 0
	}
	return k&^(text.Conj|text.Prep) == 0
}

// get returns the first meaning of kind k of the phrase at token i, and
// the token after the phrase.
func (p *parser) get(i int, k itemKind, cl clitics) (item, int, bool) {
	if i < 0 || i >= len(p.lex) {
		return item{}, 0, false
	}
	l := &p.lex[i]
	if l.end == 0 || !allowed(l.fk, cl) {
		return item{}, 0, false
	}
	for _, it := range l.items {
		if it.kind == k {
			return it, l.end, true
		}
	}
	return item{}, 0, false
}

// word reports whether token i reads as function word w (normalised), and
// how many clitic runes precede it.
func (p *parser) word(i int, w string, cl clitics) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != text.Word {
		return 0, false
	}
	forms := p.a.Forms(i)
	for k := range forms {
		// By pointer: a reading is 48 bytes, and this is asked of many
		// tokens for each code word of the grammar's rules.
		if f := &forms[k]; f.Text == w && f.Trim == 0 && allowed(f.Kind, cl) {
			return f.Skip, true
		}
	}
	// internal/text sheds «و» only from words of four letters or more;
	// the grammar's short words take it too: «ومن», «وفي», «وما».
	// Both clitics are two bytes: the length, tested first, rules out
	// nearly every word before any bytes are compared.
	if cl != noClitic {
		t := p.toks[i].Text
		if len(t) > 2 && len(t) == 2+len(w) && t[2:] == w && (t[:2] == "و" || t[:2] == "ف") {
			return 1, true
		}
	}
	return 0, false
}

// cword is word for a word of codeWords. Any reading word accepts (one
// with only «و», «ب» and the like shed, or the whole token, which is how
// its short «وما», «ومن» are listed) was looked up in the vocabulary, which
// holds every code word as an iCode item; a token where none was found
// cannot be one, and most tokens a rule starts at are not.
func (p *parser) cword(i int, w string, cl clitics) (int, bool) {
	if i < 0 || i >= len(p.lex) || !p.lex[i].code {
		return 0, false
	}
	return p.word(i, w, cl)
}

func (p *parser) is(i int, w string) bool {
	_, ok := p.word(i, w, noClitic)
	return ok
}

func (p *parser) punct(i int, marks ...string) bool {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != text.Punct {
		return false
	}
	for _, m := range marks {
		if p.toks[i].Text == m {
			return true
		}
	}
	return false
}

// glued reports whether tokens i and i+1 touch, with no space between.
func (p *parser) glued(i int) bool {
	return i >= 0 && i+1 < len(p.toks) && p.toks[i].NEnd == p.toks[i+1].NStart
}

func (p *parser) blocked(i int, class int) bool {
	if i < 0 || i >= len(p.lex) || p.lex[i].end != i+1 || p.lex[i].kinds&(1<<iBlocker) == 0 {
		return false
	}
	for _, it := range p.lex[i].items {
		if it.kind == iBlocker && it.val == class {
			return true
		}
	}
	return false
}

// Function words of the grammar, normalised.
var (
	wIn      = nz("في")
	wFrom    = nz("من")
	wTo      = nz("إلى")
	wUntil   = nz("حتى")
	wTill    = nz("لغاية")
	wBetween = nz("بين")
	wWhat    = nz("ما")
	wAnd     = nz("و")
	wOn      = nz("على")
	wBefore  = nz("قبل")
	wSince   = nz("منذ")
	wPassing = nz("مرور")
	// «الذكرى الخامسة لسقوط المدينة», «الذكرى السنوية الأولى»
	wAnniversary = nz("الذكرى")
	wYearly      = nz("السنوية")
	wDay         = nz("يوم")
	wTwoDays     = nz("يومي")
	wMatching    = []string{nz("الموافق"), nz("الموافقة")}
	wItself      = []string{nz("نفسه"), nz("ذاته"), nz("نفسها"), nz("ذاتها")}
	wTwoOf       = []string{nz("بين"), nz("كلا"), nz("كلتا"), nz("هذين"), nz("هذان")}
	wTogether    = nz("معا")
	wTen         = nz("عشر")
	wEvery       = nz("كل")
	wNow         = nz("الآن")
	// «الجمعة الثالثة»: the nth Friday of something, not a date.
	wOrdinalFem = []string{nz("الأولى"), nz("الثانية"), nz("الثالثة"), nz("الرابعة"), nz("الخامسة"),
		nz("السادسة"), nz("السابعة"), nz("الثامنة"), nz("التاسعة"), nz("العاشرة")}
	wAbout    = []string{nz("نحو"), nz("حوالي"), nz("قرابة"), nz("زهاء"), nz("أكثر"), nz("أقل"), nz("يقارب"), nz("ما")}
	wHijriSfx = []string{nz("هـ"), nz("هجري"), nz("هجرية"), nz("للهجرة")}
	wGregSfx  = []string{nz("م"), nz("ميلادي"), nz("ميلادية"), nz("للميلاد")}
	// Words before a month or a bare year that make it a time: «في مارس»,
	// «منذ 2015».
	prepWords = toSet("في", "خلال", "منذ", "حتى", "قبل", "بعد", "من", "إلى", "بين", "بحلول", "طوال", "لغاية", "وحتى", "أواخر", "عقب", "مع")
	// Words after a four-digit number that make it a count, not a year.
	countNouns = toSet("ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارات", "دولار", "يورو", "جنيه", "ريال", "درهم",
		"دينار", "ليرة", "كيلومتر", "كلم", "كم", "متر", "طن", "برميل", "شخص", "قتيل", "جريح", "نسمة", "صوت",
		"مقعد", "حالة", "عنصر", "مقاتل", "جندي", "لاجئ", "مدني", "طفل", "امرأة", "منزل", "وحدة", "سيارة", "من")
)

func nz(s string) string { return text.NormalizeString(s) }

func toSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[nz(w)] = true
	}
	return m
}

func (p *parser) isAny(i int, ws []string) bool {
	for _, w := range ws {
		if p.is(i, w) {
			return true
		}
	}
	return false
}

// startable is a cheap test that token i can begin some mention.
func (p *parser) startable(i int) bool {
	if p.toks[i].Kind == text.Number {
		return true
	}
	// Any item but a modifier, a count or a blocker; a token that is not
	// a word has none.
	return p.lex[i].kinds&^(1<<iMod|1<<iCount|1<<iBlocker) != 0
}

// result is a mention before it becomes a Mention.
type result struct {
	tok, end    int
	skip        int
	start, last time.Time
	ev          time.Time // set when neither the middle nor an end is right
	evMode      int
	prec        int // 0: from the interval
	rel         bool
	kind        string
	exact       bool // one day, named as such
}

const (
	evMiddle = iota
	evFirst
	evLast
)

// best returns the longest mention starting at token i.
func (p *parser) best(i int) (result, bool) {
	if i < 0 || i >= len(p.toks) || !p.startable(i) {
		return result{}, false
	}
	var best result
	found := false
	try := func(r result, ok bool) {
		if ok && r.end > i && !r.start.After(r.last) && (!found || r.end > best.end) {
			best, found = r, true
		}
	}
	try(p.numericDate(i))
	try(p.rangeExpr(i))
	try(p.dateExpr(i))
	try(p.dayRef(i))
	try(p.periodExpr(i))
	try(p.partExpr(i))
	try(p.seasonExpr(i))
	try(p.agoExpr(i))
	try(p.anniversaryExpr(i))
	try(p.sinceExpr(i))
	try(p.withinExpr(i))
	try(p.recentExpr(i))
	return best, found
}

// extend joins a mention with a date that restates it: «الأحد 23 آذار»,
// «الأحد (23 آذار)», «15 رمضان 1440 هـ الموافق 20 مايو 2019». The span
// covers both and the interval is the second's, the more explicit one.
func (p *parser) extend(r result) result {
	j := r.end
	if p.punct(j, "،", ",", "(", "-") {
		j++
	}
	if p.isAny(j, wMatching) {
		k := j + 1
		if p.is(k, nz("ل")) {
			k++
		}
		if r2, ok := p.best(k); ok && r2.kind != KindSince {
			return p.merge(r, r2)
		}
	}
	if r.kind == KindWeekday || r.kind == KindRelativeDay && r.exact {
		j := r.end
		paren := p.punct(j, "(")
		if paren || p.punct(j, "،", ",") {
			j++
		}
		r2, ok := p.numericDate(j)
		if !ok {
			r2, ok = p.dateExpr(j)
		}
		if ok && r2.exact {
			m := p.merge(r, r2)
			if paren && p.punct(m.end, ")") {
				m.end++
			}
			return m
		}
	}
	return r
}

// blockedSpan is the end of a date that a blocker word before it makes part
// of a name («ثورة 25 يناير», «تكتلي 8 و14 آذار»), so that no part of it is
// read on its own; 0 when there is none at i.
func (p *parser) blockedSpan(i int) int {
	if !p.blocked(i-1, blockDate) {
		return 0
	}
	j, month := i, false
	for j < len(p.toks) {
		t := &p.toks[j]
		switch {
		case t.Kind == text.Number || p.punct(j, "-", "/") || p.is(j, wAnd) || p.is(j, wFrom):
			j++
			continue
		case t.Kind == text.Word && p.lex[j].end > j && p.lex[j].fk&^text.Conj == 0:
			_, _, isMonth := p.get(j, iMonth, conjOnly)
			_, _, isDay := p.get(j, iOrdinal, conjOnly)
			_, _, isMod := p.get(j, iMod, noClitic)
			if isMonth || isDay || isMod {
				month = month || isMonth
				j = p.lex[j].end
				continue
			}
		}
		break
	}
	if !month {
		return 0
	}
	return j
}

// hashtagged reports a date glued into a hashtag or a name with «_» after
// it: «#فبراير_الكويت», «#اليوم_العالمي_للشعر». Normalisation reads the
// underscore as a space (so that names in hashtags are found), so the
// original text is what still shows it.
func (p *parser) hashtagged(r result) bool {
	if r.end < 1 || r.end > len(p.toks) {
		return false
	}
	end := p.toks[r.end-1].End
	return end < len(p.a.Orig) && p.a.Orig[end] == '_'
}

func (p *parser) merge(first, second result) result {
	second.tok, second.skip = first.tok, first.skip
	return second
}

func (p *parser) mention(r result) Mention {
	ev := middle(r.start, r.last)
	switch {
	case !r.ev.IsZero():
		ev = r.ev
	case r.evMode == evFirst:
		ev = r.start
	case r.evMode == evLast:
		ev = r.last
	}
	prec := r.prec
	if prec == 0 {
		prec = precisionOf(r.start, r.last)
	}
	ns := p.toks[r.tok].NStart + r.skip
	return Mention{
		Span:      p.a.SpanOf(ns, p.toks[r.end-1].NEnd),
		Tok:       r.tok,
		TokEnd:    r.end,
		Start:     r.start,
		End:       r.last,
		EventDate: ev,
		Precision: prec,
		Relative:  r.rel,
		Kind:      r.kind,
	}
}

// intTok reads token i as a plain number of at most maxDigits digits.
func (p *parser) intTok(i, maxDigits int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != text.Number {
		return 0, false
	}
	return atoiDigits(p.toks[i].Text, maxDigits)
}

func atoiDigits(s string, maxDigits int) (int, bool) {
	if len(s) == 0 || len(s) > maxDigits {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
