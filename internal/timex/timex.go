// Package timex finds date expressions in Arabic news text and resolves them
// to date intervals against the publication date: «23 آذار 2019», «أمس»,
// «الجمعة الماضية», «الشهر الماضي», «قبل ثلاثة أيام», «مطلع الشهر»,
// «شهري شباط الماضي وآذار الجاري», «15 رمضان 1440».
//
// It is a small hand-written grammar over the tokens of internal/text rather
// than a general date parser: the extractor needs exact spans and intervals
// with ACLED's time precision, and general parsers give neither (see the
// package tests for the cases that decided this).
package timex

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Mention is one date expression and the interval it stands for.
type Mention struct {
	Span        text.Span // code points in the original text
	Tok, TokEnd int       // token range [Tok, TokEnd)
	Start, End  time.Time // inclusive interval, dates at 00:00 UTC
	// EventDate is the day a table or map shows (SCHEMA.md): the exact day
	// when known, else the middle of the interval, or its first or last day
	// for «مطلع/أوائل» or «أواخر/نهاية».
	EventDate time.Time
	Precision int    // ACLED time_precision: 1 day, 2 a week or a few days, 3 a month or longer
	Relative  bool   // resolved against the publication date
	Kind      string // one of the Kind constants
}

// Kinds of mention.
const (
	KindDate           = "date"            // a day with its month: «23 آذار 2019», «23/3/2019»
	KindMonth          = "month"           // «أكتوبر 2019», «مايو الماضي»
	KindYear           = "year"            // «عام 2015», «العام الماضي»
	KindWeekday        = "weekday"         // «الإثنين», «ليل الجمعة», «الأحد الماضي»
	KindRelativeDay    = "relative-day"    // «أمس», «فجر اليوم», «قبل يومين»
	KindRelativePeriod = "relative-period" // «الأسبوع الماضي», «الشهر الجاري», «قبل أيام», «مؤخرا»
	KindPart           = "part"            // «مطلع الشهر», «أواخر يناير», «منتصف العام»
	KindSeason         = "season"          // «صيف 2012», «شتاء العام الماضي»
	KindRange          = "range"           // «بين 5 و7 مارس», «شهري شباط وآذار»
	KindSince          = "since"           // «منذ مطلع العام»: from then to publication
	KindHijri          = "hijri"           // «15 رمضان 1440», «رمضان الماضي», «1440 هـ»
)

var (
	loadOnce sync.Once
	theVocab *vocab
	loadErr  error
)

// Load reads the embedded word lists once. Find calls it; a program may call
// it at start-up to fail early.
func Load() error {
	loadOnce.Do(func() { theVocab, loadErr = newVocab() })
	return loadErr
}

// Find returns the date expressions of a, in text order and not
// overlapping, resolved against the publication date (its calendar day, in
// the location it carries). It is safe for concurrent use.
func Find(a *text.Analysis, published time.Time) []Mention {
	if err := Load(); err != nil {
		// The word lists are embedded and checked by the tests, so this
		// is a broken build, not a runtime condition.
		panic(err)
	}
	if a == nil || len(a.Tokens) == 0 {
		return nil
	}
	p := newParser(theVocab, a, published)
	defer p.release()
	var out []Mention
	for i := 0; i < len(a.Tokens); {
		// blockedSpan needs a blocker just before; tested here, most
		// tokens cost no call.
		if i > 0 && p.lex[i-1].kinds&(1<<iBlocker) != 0 {
			if e := p.blockedSpan(i); e > i {
				i = e
				continue
			}
		}
		// best tests startable too; tested here, most tokens cost no call.
		if !p.startable(i) {
			i++
			continue
		}
		r, ok := p.best(i)
		if !ok {
			i++
			continue
		}
		if p.hashtagged(r) {
			i = r.end
			continue
		}
		r = p.extend(r)
		out = append(out, p.mention(r))
		i = r.end
	}
	return out
}

// itemKind is what a vocabulary phrase is.
type itemKind uint8

const (
	iMonth itemKind = iota + 1
	iWeekday
	iOrdinal
	iCount
	iMod
	iRelDay
	iToD
	iUnit
	iPeriod
	iMonthWord
	iYearWord
	iPart
	iSeason
	iRecent
	iThis
	iBlocker
	iCode // a function word of the grammar that can start a mention
)

const (
	calGregorian uint8 = iota
	calHijri
)

const (
	ctxAny uint8 = iota
	ctxPrep
	ctxStrong
)

const (
	modNone = iota
	modPast
	modCurrent
	modNext
)

const (
	unitHour uint8 = iota + 1
	unitDay
	unitWeek
	unitMonth
	unitYear
)

const (
	formOne uint8 = iota + 1
	formTwo
	formMany
	formCounted
	formThe
	formTheTwo
)

const (
	partEarly = iota + 1
	partMid
	partLate
)

const (
	blockDate = iota + 1
	blockToday
	blockYear
)

// item is one meaning of a vocabulary phrase.
type item struct {
	kind itemKind
	val  int // month, weekday, day, count, modifier, offset, part, days, blocker class, 1 or 2
	cal  uint8
	ctx  uint8
	unit uint8
	form uint8
}

// vocab maps normalised phrases of up to a few tokens to their meanings. It
// is a plain map lookup, like text.Index, but without building spans for
// every candidate: Find looks up every word of every article.
type vocab struct {
	entries map[string][]item
	longest map[string]int // first token → tokens in the longest phrase it starts
	// first filters words before the map lookup: most words start no
	// phrase, and two bit tests of the hash Analyze made of each reading
	// are cheaper than a lookup.
	first *text.WordFilter
	// heads is longest and each first word's own entry, looked up by the
	// reading at once.
	heads *text.FormMap[vocabHead]
}

// vocabHead is what a word starts: the tokens in the longest phrase, and
// the word's own entry (one, when has).
type vocabHead struct {
	longest int
	one     []item
	has     bool
}

func newVocab() (*vocab, error) {
	v := &vocab{entries: map[string][]item{}, longest: map[string]int{}}
	months, err := lexicon.MonthNames()
	if err != nil {
		return nil, err
	}
	for _, m := range months {
		it := item{kind: iMonth, val: m.Month}
		if m.Calendar == lexicon.Hijri {
			it.cal = calHijri
		}
		switch m.Context {
		case lexicon.ContextPrep:
			it.ctx = ctxPrep
		case lexicon.ContextStrong:
			it.ctx = ctxStrong
		}
		if err := v.add(m.Name, it); err != nil {
			return nil, fmt.Errorf("months.tsv: %w", err)
		}
	}
	wds, err := lexicon.WeekdayNames()
	if err != nil {
		return nil, err
	}
	for _, w := range wds {
		if err := v.add(w.Name, item{kind: iWeekday, val: int(w.Weekday)}); err != nil {
			return nil, fmt.Errorf("weekdays.tsv: %w", err)
		}
	}
	words, err := lexicon.TimeWords()
	if err != nil {
		return nil, err
	}
	for _, w := range words {
		it, err := timeWordItem(w)
		if err != nil {
			return nil, fmt.Errorf("timewords.tsv: %q: %w", w.Phrase, err)
		}
		if err := v.add(w.Phrase, it); err != nil {
			return nil, fmt.Errorf("timewords.tsv: %w", err)
		}
	}
	for _, w := range codeWords {
		for _, c := range [...]string{"", "و", "ف"} {
			// «ومن», «وما»: too short for internal/text to split.
			if err := v.add(c+w, item{kind: iCode}); err != nil {
				return nil, err
			}
		}
	}
	heads := make(map[string]vocabHead, len(v.longest))
	for w, n := range v.longest {
		one, has := v.entries[w]
		heads[w] = vocabHead{longest: n, one: one, has: has}
	}
	v.heads = text.NewFormMap(heads)
	v.first = v.heads.Filter()
	return v, nil
}

func (v *vocab) add(phrase string, it item) error {
	toks := text.Tokenize(phrase)
	if len(toks) == 0 || len(toks) > maxPhrase {
		return fmt.Errorf("phrase %q has %d tokens", phrase, len(toks))
	}
	key := strings.Join(toks, " ")
	for _, old := range v.entries[key] {
		if old == it {
			return fmt.Errorf("phrase %q listed twice", phrase)
		}
	}
	v.entries[key] = append(v.entries[key], it)
	if len(toks) > v.longest[toks[0]] {
		v.longest[toks[0]] = len(toks)
	}
	return nil
}

const maxPhrase = 3

func timeWordItem(w lexicon.TimeWord) (item, error) {
	atoi := func() int { n, _ := strconv.Atoi(w.Value); return n } // checked by the loader
	switch w.Kind {
	case "ordinal":
		return item{kind: iOrdinal, val: atoi()}, nil
	case "count":
		return item{kind: iCount, val: atoi()}, nil
	case "mod":
		return item{kind: iMod, val: map[string]int{"past": modPast, "current": modCurrent, "next": modNext}[w.Value]}, nil
	case "relday":
		return item{kind: iRelDay, val: atoi()}, nil
	case "tod":
		night := 0
		if w.Value == "night" {
			night = 1
		}
		return item{kind: iToD, val: night}, nil
	case "unit":
		u, f, _ := strings.Cut(w.Value, ":")
		return item{kind: iUnit, unit: unitNames[u], form: formNames[f]}, nil
	case "period":
		return item{kind: iPeriod, unit: unitNames[w.Value]}, nil
	case "monthword":
		return item{kind: iMonthWord, val: atoi()}, nil
	case "yearword":
		return item{kind: iYearWord, val: atoi()}, nil
	case "part":
		return item{kind: iPart, val: map[string]int{"early": partEarly, "mid": partMid, "late": partLate}[w.Value]}, nil
	case "season":
		return item{kind: iSeason, val: atoi()}, nil
	case "recent":
		return item{kind: iRecent, val: atoi()}, nil
	case "this":
		return item{kind: iThis}, nil
	case "blocker":
		return item{kind: iBlocker, val: map[string]int{"date": blockDate, "today": blockToday, "year": blockYear}[w.Value]}, nil
	}
	return item{}, fmt.Errorf("unknown kind %q", w.Kind)
}

var unitNames = map[string]uint8{"hour": unitHour, "day": unitDay, "week": unitWeek, "month": unitMonth, "year": unitYear}

var formNames = map[string]uint8{"one": formOne, "two": formTwo, "many": formMany, "counted": formCounted, "the": formThe, "thetwo": formTheTwo}

// codeWords are the grammar's own function words; a token that is neither
// one of these, nor a number, nor a vocabulary phrase cannot start a
// mention, which keeps Find cheap on the other 95% of tokens.
var codeWords = []string{"قبل", "منذ", "مرور", "الذكرى", "بين", "ما", "من", "يوم", "يومي", "ال"}
