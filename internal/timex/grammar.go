package timex

// The rules of the grammar: each reads one kind of expression starting at a
// token and returns where it ends and the interval it stands for.

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"rasd/internal/text"
)

// numericDate reads «23/3/2019», «23-03-2019», «23.3.2019» (day first, as
// Arabic writes them) and «2019-03-23», «2019/3/23».
func (p *parser) numericDate(i int) (result, bool) {
	if i >= len(p.toks) || p.toks[i].Kind != text.Number {
		return result{}, false
	}
	var parts []string
	end := i + 1
	if t := p.toks[i].Text; strings.Count(t, ".") == 2 && !strings.Contains(t, ",") {
		parts = strings.Split(t, ".")
	} else {
		if i+4 >= len(p.toks) || !p.punct(i+1, "/", "-", ".") || p.toks[i+3].Text != p.toks[i+1].Text ||
			p.toks[i+2].Kind != text.Number || p.toks[i+4].Kind != text.Number {
			return result{}, false
		}
		for k := i; k < i+4; k++ {
			if !p.glued(k) {
				return result{}, false
			}
		}
		parts = []string{p.toks[i].Text, p.toks[i+2].Text, p.toks[i+4].Text}
		end = i + 5
	}
	// A fourth group («1.2.3.4», «1/2/3/4») is a version, an address or a
	// phone number, not a date; so is a group glued on before.
	if p.glued(end-1) && p.punct(end, "/", "-", ".", ":") ||
		i > 0 && p.glued(i-1) && p.punct(i-1, "/", "-", ".", ":") {
		return result{}, false
	}
	var y, m, d int
	var ok [3]bool
	if len(parts[0]) == 4 {
		y, ok[0] = atoiDigits(parts[0], 4)
		m, ok[1] = atoiDigits(parts[1], 2)
		d, ok[2] = atoiDigits(parts[2], 2)
	} else {
		d, ok[0] = atoiDigits(parts[0], 2)
		m, ok[1] = atoiDigits(parts[1], 2)
		y, ok[2] = atoiDigits(parts[2], 4)
		if len(parts[2]) == 2 {
			if y <= p.py%100+1 {
				y += 2000
			} else {
				y += 1900
			}
		} else if len(parts[2]) != 4 {
			return result{}, false
		}
		if m > 12 && d <= 12 {
			d, m = m, d // month first, as in feeds written in English order
		}
	}
	if !ok[0] || !ok[1] || !ok[2] || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 ||
		d > lastOfMonth(y, time.Month(m)).Day() {
		return result{}, false
	}
	day := date(y, time.Month(m), d)
	return result{tok: i, end: end, start: day, last: day, prec: 1, kind: KindDate, exact: true}, true
}

// dayNum reads a day of the month: «23», «الـ23», «العاشر».
func (p *parser) dayNum(i int, cl clitics) (day, end, skip int, ok bool) {
	if i >= len(p.toks) {
		return 0, 0, 0, false
	}
	t := &p.toks[i]
	switch t.Kind {
	case text.Number:
		n, ok := atoiDigits(t.Text, 2)
		if !ok || n < 1 || n > 31 {
			return 0, 0, 0, false
		}
		// «10:30», «3/4», «15%» are times, fractions and shares.
		if p.glued(i) && p.punct(i+1, ":", "/", "%") || i > 0 && p.glued(i-1) && p.punct(i-1, ":", "/") {
			return 0, 0, 0, false
		}
		return n, i + 1, 0, true
	case text.Word:
		if sk, ok := articleSkip(t.Text); ok && (sk == 0 || cl != noClitic) {
			if n, ok := p.intTok(i+1, 2); ok && n >= 1 && n <= 31 {
				return n, i + 2, sk, true
			}
		}
		if it, e, ok := p.get(i, iOrdinal, cl); ok {
			// «الرابع و العشرين»: the tens after a spaced-out «و».
			if it.val < 10 && e == i+1 && p.is(e, wAnd) {
				if t2, e2, ok := p.get(e+1, iOrdinal, noClitic); ok && (t2.val == 20 || t2.val == 30) && e2 == e+2 {
					return it.val + t2.val, e2, p.lex[i].skip, true
				}
			}
			return it.val, e, p.lex[i].skip, true
		}
	}
	return 0, 0, 0, false
}

// articleSkip recognises the article written apart from a number
// («الـ23» is «ال» then «23»), with any clitics before it.
func articleSkip(w string) (int, bool) {
	switch w {
	case "ال":
		return 0, true
	case "وال", "فال", "بال":
		return 1, true
	case "وبال", "فبال":
		return 2, true
	}
	return 0, false
}

// mref is a month: a name with its modifiers, or «الشهر الماضي».
type mref struct {
	end        int
	skip       int
	cal        uint8
	month      int
	per        bool // «الشهر» relative to publication, no name
	mod        int
	ctx        uint8
	strong     bool // «شهر» before, another name beside, a modifier after
	prepClitic bool // «بمارس»
}

func (p *parser) monthRef(i int, cl clitics) (mref, bool) {
	var r mref
	pos := i
	if it, e, ok := p.get(pos, iMonthWord, cl); ok && it.val == 1 {
		r.strong, r.skip = true, p.lex[pos].skip
		pos, cl = e, noClitic
	}
	if it, e, ok := p.get(pos, iMonth, cl); ok {
		if pos == i {
			r.skip = p.lex[pos].skip
			r.prepClitic = p.lex[pos].fk&text.Prep != 0
		}
		r.cal, r.month, r.ctx = it.cal, it.val, it.ctx
		name := p.toks[pos].Text
		pos = e
		// The same month in another naming system: «يناير/كانون الثاني»,
		// «حزيران (يونيو)».
		for range 2 {
			if p.punct(pos, "/", "-") && p.tokText(pos+1) != name {
				if it2, e2, ok := p.get(pos+1, iMonth, noClitic); ok && it2.cal == r.cal && it2.val == r.month {
					pos, r.strong = e2, true
					continue
				}
			}
			if p.punct(pos, "(") {
				if it2, e2, ok := p.get(pos+1, iMonth, noClitic); ok && it2.cal == r.cal && it2.val == r.month && p.punct(e2, ")") {
					pos, r.strong = e2+1, true
					continue
				}
			}
			if it2, e2, ok := p.get(pos, iMonth, noClitic); ok && it2.cal == r.cal && it2.val == r.month && p.tokText(pos) != name {
				pos, r.strong = e2, true // «نوفمبر تشرين الثاني»
				continue
			}
			break
		}
		if it, e, ok := p.get(pos, iMod, noClitic); ok {
			r.mod, r.strong = it.val, true
			pos = e
		}
		r.end = pos
		return r, true
	}
	if r.strong {
		return r, false // «شهر» and no name
	}
	this := false
	if _, e, ok := p.get(pos, iThis, cl); ok {
		this, r.skip = true, p.lex[pos].skip
		pos, cl = e, noClitic
	}
	it, e, ok := p.get(pos, iPeriod, cl)
	if !ok || it.unit != unitMonth {
		return r, false
	}
	if pos == i {
		r.skip = p.lex[pos].skip
	}
	pos = e
	if this {
		r.mod = modCurrent
	} else if m, e2, ok := p.get(pos, iMod, noClitic); ok {
		r.mod, pos = m.val, e2
	} else {
		return r, false
	}
	r.per, r.strong, r.end = true, true, pos
	return r, true
}

// yref is a year: a number, or one relative to publication.
type yref struct {
	end    int
	skip   int
	year   int // 0: relative, by mod
	cal    uint8
	mod    int
	strong bool
}

// yearRef reads «2019», «عام 2019», «من العام الماضي», «هذا العام», «1440 هـ».
// A bare number counts only after a month, with a calendar suffix, or in a
// context (a preposition before it, a range) the caller vouches for.
func (p *parser) yearRef(i int, cl clitics, afterMonth, hijriMonth, ctx bool) (yref, bool) {
	pos := i
	if afterMonth && p.is(pos, wFrom) {
		pos++
		cl = noClitic
	}
	skipAt := func(k int) int {
		if k == i {
			return p.lex[k].skip
		}
		return 0
	}
	if it, e, ok := p.get(pos, iYearWord, cl); ok && it.val == 1 {
		if y, cal, e2, _, ok := p.yearNum(e, hijriMonth); ok {
			return yref{end: e2, skip: skipAt(pos), year: y, cal: cal, strong: true}, true
		}
	}
	q, this := pos, false
	if _, e, ok := p.get(q, iThis, cl); ok {
		q, this, cl = e, true, noClitic
	}
	if it, e, ok := p.get(q, iPeriod, cl); ok && it.unit == unitYear {
		r := yref{skip: skipAt(pos), strong: true}
		if this {
			r.mod, r.end = modCurrent, e
		} else if m, e2, ok := p.get(e, iMod, noClitic); ok {
			r.mod, r.end = m.val, e2
		} else {
			return yref{}, false
		}
		// «الأمين العام الحالي» is a secretary-general, not a year.
		if !afterMonth && !this && p.blocked(q-1, blockYear) {
			return yref{}, false
		}
		return r, true
	}
	if y, cal, e, sfx, ok := p.yearNum(pos, hijriMonth); ok && (sfx || afterMonth || ctx && p.bareYearOK(e)) {
		return yref{end: e, year: y, cal: cal, strong: sfx}, true
	}
	return yref{}, false
}

// yearNum reads a four-digit year with an optional calendar suffix
// («2015م», «1440 هـ»). Without a suffix a Gregorian year is 1900..2100; a
// Hijri one is read only after a Hijri month.
func (p *parser) yearNum(i int, hijriOK bool) (y int, cal uint8, end int, suffixed, ok bool) {
	n, ok := p.intTok(i, 4)
	if !ok || len(p.toks[i].Text) != 4 {
		return 0, 0, 0, false, false
	}
	end = i + 1
	switch {
	case p.isAny(end, wHijriSfx):
		cal, suffixed, end = calHijri, true, end+1
	case p.isAny(end, wGregSfx):
		suffixed, end = true, end+1
	case hijriOK && n >= minHijriYear && n <= maxHijriYear:
		cal = calHijri
	}
	if cal == calHijri && (n < minHijriYear || n > maxHijriYear) || cal == calGregorian && (n < 1900 || n > 2100) {
		return 0, 0, 0, false, false
	}
	return n, cal, end, suffixed, true
}

// bareYearOK keeps «في 2015 قتل» and drops «في 2015 شخصا», «15%».
func (p *parser) bareYearOK(next int) bool {
	if next < len(p.toks) && p.toks[next].Kind == text.Punct {
		return !(p.glued(next-1) && p.toks[next].Text == "%")
	}
	// «بين 2000 و2500 ريال»: the second figure shows what the first counts.
	if t := p.tokText(next); t == wTo || t == wAnd || t == wUntil {
		if _, ok := p.intTok(next+1, 6); ok {
			return len(p.toks[next+1].Text) == 4 && p.notCounted(next+2)
		}
	}
	return p.notCounted(next)
}

// notCounted reports that the token after a number does not make it a
// count: the end of the text, punctuation, or a word other than a counted
// noun.
func (p *parser) notCounted(next int) bool {
	if next >= len(p.toks) {
		return true
	}
	t := &p.toks[next]
	switch t.Kind {
	case text.Punct:
		return true
	case text.Number:
		return false
	}
	if countNouns[t.Text] {
		return false
	}
	// Counted nouns after numbers from eleven on are accusative: «شخصا».
	last, _ := utf8.DecodeLastRuneInString(t.Text)
	return !(last == 'ا' && utf8.RuneCountInString(t.Text) >= 4)
}

// prevPrep reports whether the token before i makes a month or a bare year
// after it a time: «في مارس», «منذ 2015», «مطلع نيسان».
func (p *parser) prevPrep(i int) bool {
	j := i - 1
	if j < 0 || p.toks[j].Kind != text.Word {
		return false
	}
	forms := p.a.Forms(j)
	for k := range forms {
		if f := &forms[k]; f.Kind&^text.Conj == 0 && f.Trim == 0 && prepWords[f.Text] {
			return true
		}
	}
	if t := p.toks[j].Text; strings.HasPrefix(t, "و") && prepWords[t[len("و"):]] {
		return true // «وفي», too short for internal/text to split
	}
	_, _, ok := p.get(j, iPart, anyClitic)
	return ok
}

// spec is a date not yet resolved: a day, a month and a year, each optional
// (a day needs a month).
type spec struct {
	tok, end, skip int
	day            int
	m              mref
	hasM           bool
	y              yref
	hasY           bool
	ownYear        bool // the year was written for this element, not borrowed
}

type pointOpts struct {
	bareDay bool // a day number alone will do: the first day of a range
	ctx     bool // the caller's words are evidence of a time: a range, «منذ», «مطلع»
	cl      clitics
}

// point reads a day-month-year date, a month with an optional year, or a
// year: «23 آذار 2019», «الـ23 من الشهر الجاري», «أكتوبر 2019», «مايو الماضي»,
// «عام 2015».
func (p *parser) point(i int, o pointOpts) (spec, bool) {
	s := spec{tok: i}
	if !p.pointable(i) {
		return s, false
	}
	pos, cl := i, o.cl
	prep := o.ctx || p.prevPrep(i)
	dayEnd := 0
	if d, e, skip, ok := p.dayNum(pos, cl); ok {
		s.day, s.skip, dayEnd = d, skip, e
		pos, cl = e, noClitic
		if p.is(pos, wFrom) {
			pos++
		}
	}
	if m, ok := p.monthRef(pos, cl); ok {
		if pos == i {
			s.skip = m.skip
		}
		s.m, s.hasM = m, true
		pos, cl = m.end, noClitic
	} else if s.day > 0 {
		if o.bareDay {
			s.end = dayEnd
			return s, true
		}
		return s, false
	}
	if y, ok := p.yearRef(pos, cl, s.hasM, s.hasM && s.m.cal == calHijri && !s.m.per, prep); ok {
		if pos == i {
			s.skip = y.skip
		}
		s.y, s.hasY, s.ownYear = y, true, true
		pos = y.end
	}
	if !s.hasM && !s.hasY {
		return s, false
	}
	s.end = pos
	// «صفر 487ه», «مايو 1085»: a year this grammar does not read, so the
	// month cannot be placed.
	if s.hasM && !s.hasY && s.m.mod == modNone && !s.m.per {
		if _, ok := p.intTok(pos, 4); ok && len(p.toks[pos].Text) >= 3 {
			return s, false
		}
	}
	// «في 21 من مارس من كل عام» recurs every year; no one year is meant.
	if p.is(pos, wEvery) || p.is(pos, wFrom) && p.is(pos+1, wEvery) {
		return s, false
	}
	if s.hasM && !s.m.per {
		// A day number before «صفر» or «رجب» is no evidence: «فاز 1 صفر»,
		// «الرابع من رجب» the name of a square or an anniversary.
		strong := s.m.strong || s.day > 0 && s.m.cal == calGregorian || s.hasY || o.ctx
		switch s.m.ctx {
		case ctxStrong:
			if !strong || s.m.prepClitic {
				return s, false
			}
		case ctxPrep:
			if !strong && !prep && !s.m.prepClitic {
				return s, false
			}
		}
	}
	if (s.day > 0 || s.hasM && !s.m.per) && p.blocked(i-1, blockDate) {
		return s, false
	}
	return s, true
}

// pointKinds are the items a point can begin with: a day (an ordinal), a
// month («شهر», a name, «هذا الشهر», «الشهر»), a year («عام», «هذا العام»,
// «العام»).
const pointKinds = 1<<iOrdinal | 1<<iMonthWord | 1<<iMonth | 1<<iThis | 1<<iPeriod | 1<<iYearWord

// pointable reports whether point can read anything at i: unless the token
// is a number, the article before one («الـ23») or a phrase with one of
// pointKinds, dayNum, monthRef and yearRef all fail there. It spares the
// tries at every number, «من» and «بين» their prevPrep and the three
// readers' calls; the grammar asks for a point at most tokens it tries.
func (p *parser) pointable(i int) bool {
	if i < 0 || i >= len(p.toks) {
		return false
	}
	switch p.toks[i].Kind {
	case text.Number:
		return true
	case text.Word:
		if p.lex[i].kinds&pointKinds != 0 {
			return true
		}
		_, ok := articleSkip(p.toks[i].Text)
		return ok
	}
	return false
}

// interval is a resolved spec.
type interval struct {
	start, last time.Time
	rel         bool
	kind        string
	prec        int
	exact       bool
}

func modOffset(mod int) int {
	switch mod {
	case modPast:
		return -1
	case modNext:
		return 1
	}
	return 0
}

// resolve turns a spec into dates. With clip, a month or year that holds the
// publication date ends on it: what a report tells of «this month» has
// happened by the time it is published.
func (p *parser) resolve(s spec, clip bool) (interval, bool) {
	var iv interval
	if s.hasM {
		cal := s.m.cal
		var y, m int
		switch {
		case s.m.per:
			cal, iv.rel = calGregorian, true
			y, m = p.py, p.pm+modOffset(s.m.mod)
			if m < 1 {
				y, m = y-1, 12
			} else if m > 12 {
				y, m = y+1, 1
			}
		default:
			m = s.m.month
			py, pm := p.py, p.pm
			if cal == calHijri {
				if !p.hijriPub() && !(s.hasY && s.y.year != 0) {
					return iv, false
				}
				py, pm = p.hy, p.hm
			}
			switch {
			case s.hasY && s.y.year != 0 && s.y.cal == cal:
				y = s.y.year
			case s.hasY && s.y.year != 0:
				// «رمضان 2019»: the Hijri month that begins in that
				// Gregorian year. A Gregorian month with a Hijri year is
				// a slip this grammar does not guess at.
				if cal != calHijri {
					return iv, false
				}
				var ok bool
				if y, ok = hijriYearOfMonthIn(m, s.y.year); !ok {
					return iv, false
				}
			case s.hasY:
				if cal == calHijri {
					return iv, false // «رمضان من العام الماضي»: which year is meant is unclear
				}
				y, iv.rel = py+modOffset(s.y.mod), true
			default:
				y, iv.rel = yearFor(m, py, pm, s.m.mod), true
			}
		}
		ms, me, ok := monthInterval(cal, y, m)
		if !ok {
			return iv, false
		}
		if s.day > 0 {
			d := addDays(ms, s.day-1)
			if d.After(me) {
				return iv, false
			}
			iv.start, iv.last, iv.prec, iv.exact = d, d, 1, true
			iv.kind = KindDate
		} else {
			iv.start, iv.last, iv.prec = ms, me, 3
			iv.kind = KindMonth
			if s.m.per {
				iv.kind = KindRelativePeriod
			}
		}
		if cal == calHijri {
			iv.kind = KindHijri
		}
	} else {
		cal, y := s.y.cal, s.y.year
		iv.kind = KindYear
		if y == 0 {
			cal, y, iv.rel = calGregorian, p.py+modOffset(s.y.mod), true
			iv.kind = KindRelativePeriod
		}
		ys, ye, ok := yearInterval(cal, y)
		if !ok {
			return iv, false
		}
		iv.start, iv.last, iv.prec = ys, ye, 3
		if cal == calHijri {
			iv.kind = KindHijri
		}
	}
	if clip && !iv.exact && !iv.start.After(p.pub) && iv.last.After(p.pub) {
		iv.last = p.pub
	}
	return iv, true
}

func (p *parser) fromInterval(tok, end, skip int, iv interval) result {
	return result{tok: tok, end: end, skip: skip, start: iv.start, last: iv.last, prec: iv.prec,
		rel: iv.rel, kind: iv.kind, exact: iv.exact}
}

// dateExpr is a point on its own, optionally after a time of day or «يوم»:
// «صباح 23 آذار», «يوم الخامس من يونيو».
func (p *parser) dateExpr(i int) (result, bool) {
	pos, skip, lead, cl := i, 0, false, anyClitic
	if _, e, ok := p.get(i, iToD, cl); ok {
		pos, skip, lead, cl = e, p.lex[i].skip, true, noClitic
	}
	if sk, ok := p.cword(pos, wDay, cl); ok {
		if !lead {
			skip = sk
		}
		pos, lead, cl = pos+1, true, noClitic
	}
	s, ok := p.point(pos, pointOpts{cl: cl})
	if !ok || lead && s.day == 0 {
		return result{}, false
	}
	if !lead {
		skip = s.skip
	}
	iv, ok := p.resolve(s, true)
	if !ok {
		return result{}, false
	}
	return p.fromInterval(i, s.end, skip, iv), true
}

// dayRef reads days named relative to publication and weekdays:
// «أمس», «فجر اليوم», «مساء أمس الأحد», «يوم الثلاثاء», «ليل الإثنين»,
// «الجمعة الماضية», «ليل السبت-الأحد», «يومي السبت والأحد».
func (p *parser) dayRef(i int) (result, bool) {
	pos, skip, cl := i, 0, anyClitic
	night, lead, dual := false, false, false
	if it, e, ok := p.get(pos, iToD, cl); ok {
		night, skip, lead = it.val == 1, p.lex[pos].skip, true
		pos, cl = e, noClitic
	}
	if sk, ok := p.cword(pos, wDay, cl); ok {
		if !lead {
			skip = sk
		}
		pos, lead, cl = pos+1, true, noClitic
	} else if sk, ok := p.cword(pos, wTwoDays, cl); ok && !lead {
		skip, dual, lead = sk, true, true
		pos, cl = pos+1, noClitic
	}
	if it, e, ok := p.get(pos, iRelDay, cl); ok && !dual {
		if pos == i {
			skip = p.lex[pos].skip
		}
		if it.val == 0 && !lead && !p.todayOK(pos, e) {
			return result{}, false
		}
		d := addDays(p.pub, it.val)
		end := e
		if _, e2, ok := p.get(end, iWeekday, noClitic); ok {
			end = e2 // «أمس الأحد»
		}
		r := result{tok: i, end: end, skip: skip, start: d, last: d, prec: 1, rel: true, kind: KindRelativeDay, exact: true}
		if night && it.val < 0 {
			r.last, r.ev, r.exact = addDays(d, 1), d, false // «ليل أمس» runs into today
		}
		return r, true
	}
	it, e, ok := p.get(pos, iWeekday, cl)
	if !ok {
		return result{}, false
	}
	if pos == i {
		skip = p.lex[pos].skip
	}
	wd := time.Weekday(it.val)
	if !lead && (!p.weekdayOK(pos, e) || p.blocked(pos-1, blockDate)) {
		return result{}, false // «الأحد عشر», «سوق الخميس»
	}
	pos = e
	mod := modNone
	if m, e2, ok := p.get(pos, iMod, noClitic); ok {
		mod, pos = m.val, e2
	}
	d := p.weekday(wd, mod)
	r := result{tok: i, end: pos, skip: skip, start: d, last: d, prec: 1, rel: true, kind: KindWeekday, exact: true}
	if night || dual {
		// A second weekday: the night from one day to the next, or two days.
		q, cl2 := pos, conjOnly
		if p.punct(q, "-", "–", "/") || p.is(q, wTo) || p.is(q, wOn) || p.is(q, wAnd) {
			q, cl2 = q+1, noClitic
		}
		if it2, e2, ok := p.get(q, iWeekday, cl2); ok && it2.val != it.val && mod == modNone {
			m2 := modNone
			if m, e3, ok := p.get(e2, iMod, noClitic); ok {
				m2, e2 = m.val, e3
			}
			last := p.weekday(time.Weekday(it2.val), m2)
			gap := (it2.val - it.val + 7) % 7
			r.start, r.last, r.end = addDays(last, -gap), last, e2
			if night {
				r.ev = r.start
			} else {
				r.prec = 0
			}
			r.exact = false
			return r, true
		}
		if dual {
			return result{}, false
		}
	}
	if night {
		r.last, r.ev, r.exact = addDays(d, 1), d, false
	}
	return r, true
}

// weekday resolves a weekday by ANNOTATION.md's rule: the latest such day
// on or before publication; «الماضي» on the publication weekday itself
// means a week before; «المقبل» the first after publication.
func (p *parser) weekday(wd time.Weekday, mod int) time.Time {
	d := latestWeekday(p.pub, wd)
	switch mod {
	case modPast:
		if d.Equal(p.pub) {
			d = addDays(d, -7)
		}
	case modNext:
		d = addDays(d, 7)
	}
	return d
}

// todayOK rejects «اليوم» that is not today: «روسيا اليوم», «في نفس اليوم»,
// «اليوم التالي», «اليوم العالمي لـ…».
func (p *parser) todayOK(i, next int) bool {
	if _, _, ok := p.get(next, iWeekday, noClitic); ok {
		return true // «اليوم الأحد» is today whatever stands before it
	}
	if p.blocked(i-1, blockToday) {
		return false
	}
	// «"اليوم"», «"الإمارات اليوم"»: a quoted paper's name.
	if p.punct(next, "\"") && p.glued(i) &&
		(p.punct(i-1, "\"") && p.glued(i-1) || i >= 2 && p.punct(i-2, "\"") && p.glued(i-2)) {
		return false
	}
	if next < len(p.toks) && p.toks[next].Kind == text.Word {
		if p.isAny(next, wItself) {
			return false
		}
		if w := p.toks[next].Text; strings.HasPrefix(w, "ال") && w != wTo && w != wNow {
			if _, _, ok := p.get(next, iWeekday, noClitic); !ok {
				return false
			}
		}
	}
	return true
}

// weekdayOK rejects the words that are weekdays only by spelling:
// «الاثنين» "the two" («بين الاثنين», «الاثنين معا») and «الأحد عشر» "the eleven".
func (p *parser) weekdayOK(i, next int) bool {
	if p.is(next, wTen) || p.isAny(next, wOrdinalFem) {
		return false // «الأحد عشر», «الجمعة الثالثة لمسيرات العودة»
	}
	it, _, _ := p.get(i, iWeekday, anyClitic)
	if time.Weekday(it.val) != time.Monday {
		return true
	}
	if p.is(next, wTogether) {
		return false
	}
	if p.isAny(i-1, wTwoOf) {
		_, _, ok := p.get(next, iWeekday, conjOnly)
		return ok && p.lex[next].fk != 0
	}
	return true
}

// periodExpr reads «الأسبوع الماضي», «الشهر الجاري», «هذا العام», «العام المقبل».
func (p *parser) periodExpr(i int) (result, bool) {
	pos, skip, cl, this := i, 0, anyClitic, false
	if _, e, ok := p.get(pos, iThis, cl); ok {
		pos, skip, cl, this = e, p.lex[pos].skip, noClitic, true
	}
	it, e, ok := p.get(pos, iPeriod, cl)
	if !ok {
		return result{}, false
	}
	if pos == i {
		skip = p.lex[pos].skip
	}
	pos = e
	mod := modCurrent
	if !this {
		m, e2, ok := p.get(pos, iMod, noClitic)
		if !ok {
			return result{}, false
		}
		mod, pos = m.val, e2
	}
	switch it.unit {
	case unitWeek:
		r := result{tok: i, end: pos, skip: skip, prec: 2, rel: true, kind: KindRelativePeriod}
		switch mod {
		case modPast:
			r.start, r.last = addDays(p.pub, -7), addDays(p.pub, -1)
		case modNext:
			r.start, r.last = addDays(p.pub, 1), addDays(p.pub, 7)
		default:
			r.start, r.last = addDays(p.pub, -6), p.pub
		}
		return r, true
	case unitMonth:
		iv, ok := p.resolve(spec{hasM: true, m: mref{per: true, mod: mod}}, true)
		return p.fromInterval(i, pos, skip, iv), ok
	}
	if !this && p.blocked(i-1, blockYear) {
		return result{}, false
	}
	iv, ok := p.resolve(spec{hasY: true, y: yref{mod: mod}}, true)
	return p.fromInterval(i, pos, skip, iv), ok
}

// partExpr reads the early, middle or late part of a month or year:
// «مطلع الشهر», «أواخر يناير/كانون الثاني الماضي», «منتصف العام الماضي», «نهاية 2018».
func (p *parser) partExpr(i int) (result, bool) {
	it, e, ok := p.get(i, iPart, anyClitic)
	if !ok {
		return result{}, false
	}
	part, skip, pos := it.val, p.lex[i].skip, e
	s, ok := p.point(pos, pointOpts{ctx: true})
	if ok && s.day > 0 {
		return result{}, false
	}
	q, this := pos, false
	if _, e2, ok := p.get(q, iThis, noClitic); ok {
		q, this = e2, true
	}
	if ok {
		// a month or a year: «أواخر يناير», «أواخر العام 2008»
	} else if per, e2, ok := p.get(q, iPeriod, noClitic); ok && per.unit != unitWeek {
		// «مطلع الشهر» with no modifier is this month.
		mod, end := modCurrent, e2
		if !this {
			if m, e3, ok := p.get(e2, iMod, noClitic); ok {
				mod, end = m.val, e3
			}
		}
		if per.unit == unitMonth {
			s = spec{hasM: true, m: mref{per: true, mod: mod}, end: end}
		} else {
			s = spec{hasY: true, y: yref{mod: mod}, end: end}
		}
	} else {
		return result{}, false
	}
	iv, ok := p.resolve(s, false)
	if !ok {
		return result{}, false
	}
	n := daysBetween(iv.start, iv.last)
	r := result{tok: i, end: s.end, skip: skip, rel: iv.rel, kind: KindPart, prec: 2}
	if s.hasM {
		switch part {
		case partEarly:
			r.start, r.last = iv.start, addDays(iv.start, 9)
		case partMid:
			r.start, r.last = addDays(iv.start, 9), addDays(iv.start, 19)
		default:
			r.start, r.last = addDays(iv.start, 19), iv.last
		}
	} else {
		r.prec = 3
		switch part {
		case partEarly:
			r.start, r.last = iv.start, addDays(iv.start, n/4)
		case partMid:
			r.start, r.last = addDays(iv.start, n*3/8), addDays(iv.start, n*5/8)
		default:
			r.start, r.last = addDays(iv.last, -n/4), iv.last
		}
	}
	if !r.start.After(p.pub) && r.last.After(p.pub) {
		r.last = p.pub
	}
	switch part {
	case partEarly:
		r.evMode = evFirst
	case partLate:
		r.evMode = evLast
	}
	return r, true
}

// seasonExpr reads a season of a named year: «صيف 2012», «في شتاء عام
// 2015», «ربيع العام الماضي». Without a year («الصيف») a season is not
// read: which one is meant is rarely clear, and the words have other uses.
func (p *parser) seasonExpr(i int) (result, bool) {
	it, e, ok := p.get(i, iSeason, anyClitic)
	if !ok {
		return result{}, false
	}
	y, ok := p.yearRef(e, noClitic, true, false, true)
	if !ok {
		return result{}, false
	}
	iv, ok := p.resolve(spec{hasY: true, y: y}, false)
	if !ok {
		return result{}, false
	}
	year := iv.start.Year()
	if iv.last.Year() != year {
		return result{}, false // a Hijri year: its seasons straddle two Gregorian years
	}
	first := it.val
	if first == 12 {
		year-- // the winter of a year begins in the December before it
	}
	start, _, ok := monthInterval(calGregorian, year, first)
	if !ok {
		return result{}, false
	}
	lm, ly := first+2, year
	if lm > 12 {
		lm, ly = lm-12, ly+1
	}
	_, last, ok := monthInterval(calGregorian, ly, lm)
	if !ok || start.After(p.pub) {
		return result{}, false
	}
	if last.After(p.pub) {
		last = p.pub
	}
	return result{tok: i, end: y.end, skip: p.lex[i].skip, start: start, last: last, prec: 3, rel: iv.rel, kind: KindSeason}, true
}

// agoExpr reads a time before publication: «قبل يومين», «قبل ثلاثة أيام»,
// «منذ أسبوعين», «قبل أيام قليلة», «قبل نحو شهر», «قبل عامين», and the time
// since an event an anniversary counts: «مرور عام على الهجوم».
func (p *parser) agoExpr(i int) (result, bool) {
	passing := false
	skip, ok := p.cword(i, wBefore, anyClitic)
	if !ok {
		if skip, ok = p.cword(i, wSince, anyClitic); !ok {
			if skip, ok = p.cword(i, wPassing, anyClitic); !ok {
				return result{}, false
			}
			passing = true
		}
	}
	pos := i + 1
	for k := 0; k < 2 && p.isAny(pos, wAbout); k++ {
		pos++
		if p.is(pos, wFrom) { // «أكثر من», «أقل من»
			pos++
		}
	}
	n := -1
	if v, ok := p.intTok(pos, 4); ok && v >= 1 && v <= 1000 {
		n, pos = v, pos+1
	} else if c, e, ok := p.get(pos, iCount, noClitic); ok {
		n, pos = c.val, e
	}
	u, e, ok := p.get(pos, iUnit, noClitic)
	if !ok {
		return result{}, false
	}
	switch u.form {
	case formThe, formTheTwo:
		return result{}, false
	case formTwo:
		if n != -1 {
			return result{}, false
		}
		n = 2
	case formOne:
		if n == -1 {
			n = 1
		}
		if c, e2, ok := p.get(e, iCount, noClitic); ok && c.val == 1 {
			e = e2 // «قبل يوم واحد»
		}
	}
	pos = e
	if c, e2, ok := p.get(pos, iCount, noClitic); ok && c.val == 0 {
		pos = e2 // «قبل أيام قليلة»
	}
	// «قبل عام 2014», «قبل شهر رمضان»: the unit word names a point, not a
	// length of time.
	if u.form == formOne {
		if _, ok := p.intTok(pos, 4); ok {
			return result{}, false
		}
		if _, _, ok := p.get(pos, iMonth, noClitic); ok {
			return result{}, false
		}
	}
	if n < 0 {
		n = 0
	}
	// «قبل يومين من الهجوم» counts from another event, not from publication.
	if p.is(pos, wFrom) {
		return result{}, false
	}
	// «مرور عام على الهجوم»: the time passed is only a date with the event
	// it passed since («مرور عام» alone is a year going by).
	if passing && !p.is(pos, wOn) {
		return result{}, false
	}
	r := result{tok: i, end: pos, skip: skip, rel: true, kind: KindRelativePeriod}
	pub := p.pub
	switch u.unit {
	case unitHour:
		d := pub
		if n > 24 {
			d = addDays(pub, -n/24)
		}
		r.start, r.last, r.prec, r.exact, r.kind = d, d, 1, true, KindRelativeDay
	case unitDay:
		if n == 0 {
			r.start, r.last, r.prec = addDays(pub, -7), addDays(pub, -1), 2
		} else {
			d := addDays(pub, -n)
			r.start, r.last, r.prec, r.exact, r.kind = d, d, 1, true, KindRelativeDay
		}
	case unitWeek:
		if n == 0 {
			r.start, r.last, r.prec = addDays(pub, -28), addDays(pub, -8), 3
		} else {
			c := addDays(pub, -7*n)
			r.start, r.last, r.prec, r.ev = addDays(c, -3), addDays(c, 3), 2, c
		}
	case unitMonth:
		if n == 0 {
			r.start, r.last, r.prec = pub.AddDate(0, -6, 0), pub.AddDate(0, -1, 0), 3
		} else {
			c := pub.AddDate(0, -n, 0)
			r.start, r.last, r.prec, r.ev = addDays(c, -15), addDays(c, 15), 3, c
		}
	case unitYear:
		if n == 0 {
			r.start, r.last, r.prec = pub.AddDate(-5, 0, 0), pub.AddDate(-1, 0, 0), 3
		} else {
			c := pub.AddDate(-n, 0, 0)
			r.start, r.last, r.prec, r.ev = addDays(c, -182), addDays(c, 182), 3, c
		}
	}
	if r.last.After(pub) {
		r.last = pub
	}
	return r, true
}

// anniversaryExpr reads the anniversary of an event: «الذكرى الخامسة لسقوط
// المدينة», «في الذكرى السنوية الأولى للهجوم»: the event was that many
// years before publication, within half a year.
func (p *parser) anniversaryExpr(i int) (result, bool) {
	skip, ok := p.cword(i, wAnniversary, anyClitic)
	if !ok {
		return result{}, false
	}
	pos := i + 1
	if p.is(pos, wYearly) {
		pos++
	}
	n := slices.IndexFunc(wOrdinalFem, func(w string) bool { return p.is(pos, w) }) + 1
	if n < 1 || pos+1 >= len(p.toks) {
		return result{}, false
	}
	pos++
	if p.is(pos, wYearly) {
		pos++ // «الذكرى الأولى السنوية»
	}
	// «الذكرى الخامسة لسقوط …», «… على سقوط …»: the event follows.
	if t := p.tokText(pos); !p.is(pos, wOn) && !strings.HasPrefix(t, "ل") {
		return result{}, false
	}
	c := p.pub.AddDate(-n, 0, 0)
	return result{tok: i, end: pos, skip: skip, rel: true, kind: KindRelativePeriod,
		start: addDays(c, -182), last: addDays(c, 182), prec: 3, ev: c}, true
}

// withinExpr reads the last stretch before publication: «الأيام الماضية»,
// «الأيام القليلة الماضية», «الساعات الـ24 الماضية», «الأشهر الستة الأخيرة»,
// «اليومين الماضيين», «الـ48 ساعة الماضية».
func (p *parser) withinExpr(i int) (result, bool) {
	n, pos, skip := 0, i, 0
	var u item
	if sk, ok := articleSkip(p.tokText(i)); ok {
		// «الـ48 ساعة الماضية»
		v, ok := p.intTok(i+1, 4)
		if !ok || v < 1 {
			return result{}, false
		}
		it, e, ok := p.get(i+2, iUnit, noClitic)
		if !ok || it.form == formThe || it.form == formTheTwo {
			return result{}, false
		}
		n, u, pos, skip = v, it, e, sk
	} else {
		it, e, ok := p.get(i, iUnit, anyClitic)
		if !ok || it.form != formThe && it.form != formTheTwo {
			return result{}, false
		}
		u, pos, skip = it, e, p.lex[i].skip
		if it.form == formTheTwo {
			n = 2
		}
		if c, e2, ok := p.get(pos, iCount, noClitic); ok {
			n, pos = c.val, e2
		} else if _, ok := articleSkip(p.tokText(pos)); ok {
			if v, ok := p.intTok(pos+1, 4); ok && v >= 1 {
				n, pos = v, pos+2
			}
		} else if v, ok := p.intTok(pos, 4); ok && v >= 1 {
			n, pos = v, pos+1
		}
	}
	m, e, ok := p.get(pos, iMod, noClitic)
	if !ok || m.val != modPast {
		return result{}, false
	}
	pub := p.pub
	r := result{tok: i, end: e, skip: skip, last: pub, rel: true, kind: KindRelativePeriod}
	switch u.unit {
	case unitHour:
		days := (n + 23) / 24
		if days < 1 {
			days = 1
		}
		r.start = addDays(pub, -days)
		if days == 1 {
			r.prec, r.ev = 1, pub
		}
	case unitDay:
		if n == 0 {
			n = 7
		}
		r.start = addDays(pub, -n)
	case unitWeek:
		if n == 0 {
			n = 4
		}
		r.start = addDays(pub, -7*n)
	case unitMonth:
		if n == 0 {
			n = 6
		}
		r.start = pub.AddDate(0, -n, 0)
	case unitYear:
		if n == 0 {
			n = 5
		}
		r.start = pub.AddDate(-n, 0, 0)
	}
	return r, true
}

func (p *parser) tokText(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].Text
}

// recentExpr reads vague recency: «مؤخرا», «في الآونة الأخيرة».
func (p *parser) recentExpr(i int) (result, bool) {
	it, e, ok := p.get(i, iRecent, anyClitic)
	if !ok {
		return result{}, false
	}
	return result{tok: i, end: e, skip: p.lex[i].skip, start: addDays(p.pub, -it.val), last: p.pub,
		prec: 3, rel: true, kind: KindRelativePeriod}, true
}

// sinceExpr reads «منذ» before a point in time: from then to publication
// («منذ مطلع آب الماضي», «منذ عام 2014», «منذ الأسبوع الماضي»). «منذ»
// before a duration («منذ أسبوعين») is agoExpr's.
func (p *parser) sinceExpr(i int) (result, bool) {
	skip, ok := p.cword(i, wSince, anyClitic)
	if !ok || i+1 >= len(p.toks) {
		return result{}, false
	}
	var in result
	found := false
	for _, f := range [...]func(int) (result, bool){p.dateExpr, p.partExpr, p.seasonExpr, p.periodExpr, p.dayRef} {
		if r, ok := f(i + 1); ok && (!found || r.end > in.end) {
			in, found = r, true
		}
	}
	if !found || in.start.After(p.pub) {
		return result{}, false
	}
	return result{tok: i, end: in.end, skip: skip, start: in.start, last: p.pub, rel: true, kind: KindSince}, true
}

// rangeExpr reads two points joined as a span: «بين 5 و7 مارس», «من 1 إلى
// 10 يونيو», «5-7 مارس», «شهري شباط الماضي وآذار الجاري», «بين عامي 2014
// و2016», «من يناير إلى مارس 2018».
func (p *parser) rangeExpr(i int) (result, bool) {
	const (
		none = iota
		between
		from
	)
	pos, skip, prefix := i, 0, none
	if sk, ok := p.cword(pos, wBetween, anyClitic); ok {
		pos, skip, prefix = pos+1, sk, between
	} else if sk, ok := p.cword(pos, wWhat, anyClitic); ok && p.is(pos+1, wBetween) {
		pos, skip, prefix = pos+2, sk, between
	} else if sk, ok := p.cword(pos, wFrom, anyClitic); ok {
		pos, skip, prefix = pos+1, sk, from
	}
	cl := anyClitic
	if prefix != none {
		cl = noClitic
	}
	dualM, dualY := false, false
	if it, e, ok := p.get(pos, iMonthWord, cl); ok && it.val == 2 {
		if pos == i {
			skip = p.lex[pos].skip
		}
		pos, dualM, cl = e, true, noClitic
	} else if it, e, ok := p.get(pos, iYearWord, cl); ok && it.val == 2 {
		if pos == i {
			skip = p.lex[pos].skip
		}
		pos, dualY, cl = e, true, noClitic
	}
	ctx := prefix != none || dualM || dualY
	s1, ok := p.point(pos, pointOpts{bareDay: !dualM && !dualY, ctx: ctx, cl: cl})
	suffixedPair := false
	if !ok && !ctx {
		// «1919 - 1923م»: a bare year is a year when the one it runs to
		// carries a calendar suffix.
		if y, cal, e, _, ok2 := p.yearNum(pos, false); ok2 && p.punct(e, "-", "–") {
			s1 = spec{tok: pos, end: e, hasY: true, ownYear: true, y: yref{end: e, year: y, cal: cal}}
			ok, suffixedPair = true, true
		}
	}
	if !ok || dualM && (!s1.hasM || s1.day > 0) || dualY && (s1.hasM || s1.day > 0) {
		return result{}, false
	}
	if pos == i {
		skip = s1.skip
	}
	bare := s1.day > 0 && !s1.hasM
	// The joining word: «و», a dash, «إلى», «حتى», or «و» glued to the next word.
	q, cl2 := s1.end, noClitic
	conn := ""
	switch {
	case p.punct(q, "-", "–", "—"):
		conn, q = "-", q+1
	case p.is(q, wAnd):
		conn, q = "and", q+1
	case p.is(q, wTo) || p.is(q, wUntil) || p.is(q, wTill):
		conn, q = "to", q+1
	default:
		if sk, ok := p.word(q, wUntil, conjOnly); ok && sk > 0 {
			conn, q = "to", q+1 // «وحتى»
		} else if q < len(p.toks) && p.hasConj(q) {
			conn, cl2 = "and", conjOnly
		}
	}
	switch {
	case conn == "":
		return result{}, false
	case prefix == between && conn != "and",
		prefix == from && conn == "and",
		prefix == none && !bare && !dualM && !dualY && conn == "and":
		return result{}, false
	}
	s2, ok := p.point(q, pointOpts{ctx: true, cl: cl2})
	// A day alone runs to another day («5 و7 مارس»), never to a bare month
	// («3-صفر» is a football score).
	if !ok || bare && s2.day == 0 || suffixedPair && (s2.hasM || !s2.y.strong) {
		return result{}, false
	}
	if s1.hasM && s2.hasM && s1.day == 0 && s2.day == 0 && !s1.hasY && !s2.hasY &&
		s1.m.cal == s2.m.cal && s1.m.month == s2.m.month && s1.m.per == s2.m.per {
		return result{}, false // «صفر-صفر»
	}
	if cl2 == conjOnly && !p.startsWithConj(q, s2) {
		return result{}, false
	}
	if bare {
		if !s2.hasM {
			return result{}, false
		}
		s1.m, s1.hasM, s1.y, s1.hasY = s2.m, true, s2.y, s2.hasY
	} else if s1.hasM && !s1.hasY && s2.hasY && !s1.m.per {
		s1.y, s1.hasY = s2.y, true
	}
	a, ok1 := p.resolve(s1, false)
	b, ok2 := p.resolve(s2, true)
	if !ok1 || !ok2 {
		return result{}, false
	}
	if a.start.After(b.start) && s1.hasM && !s1.m.per && !s1.ownYear && a.rel && !bare && s1.day == 0 {
		// «من ديسمبر إلى فبراير الماضي»: the first month is of the year before.
		a.start = a.start.AddDate(-1, 0, 0)
	}
	if a.start.After(b.last) {
		return result{}, false
	}
	return result{tok: i, end: s2.end, skip: skip, start: a.start, last: b.last, rel: a.rel || b.rel, kind: KindRange}, true
}

// hasConj reports whether token i has a reading with «و» or «ف» shed.
func (p *parser) hasConj(i int) bool {
	if p.toks[i].Kind != text.Word {
		return false
	}
	forms := p.a.Forms(i)
	for k := range forms {
		if forms[k].Kind == text.Conj {
			return true
		}
	}
	return false
}

// startsWithConj checks that a point read with clitics allowed at token q
// did shed a conjunction there: «وآذار», «والسابع».
func (p *parser) startsWithConj(q int, s spec) bool {
	return s.skip > 0 || p.lex[q].fk&text.Conj != 0
}
