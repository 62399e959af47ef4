// Package triggers finds event cues: the words that name an event
// («هاجم», «عبوة ناسفة», «ألقت القبض», «إنزال جوي»), each with the ACLED event
// type and sub-event type it usually names. It decides nothing about the
// event itself; the extractor weighs the cue with the actors, places and
// numbers around it.
package triggers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Trigger is one entry of the trigger lexicon.
type Trigger struct {
	Phrase       string
	EventType    string
	SubEventType string
	// Class is the kind of cue, one of Classes. Class "death" says that
	// people died, not what happened: its type is only the usual one.
	Class string
	POS   string // verb, noun or participle
	// Weak marks a cue that is often something else in sport or economy
	// news; it should not make an event without an armed actor near it.
	Weak bool
	// Line is the entry's line in triggers.tsv, for an event's rule.
	Line int
}

// Classes names every class a trigger may have, with what it covers, so
// that the extractor's rules and «rasd explain» can name them.
var Classes = map[string]string{
	"attack":               "an armed attack: «هجوم», «هاجم», «اعتداء»",
	"clash":                "fighting between armed sides: «اشتباكات», «معارك», «اقتتال»",
	"shooting":             "gunfire: «إطلاق النار», «برصاص», «قنص»",
	"ambush":               "«كمين», «نصب كمينا»",
	"storm":                "storming a place: «اقتحم», «اقتحام»",
	"repel":                "an attack repelled or foiled: «صد هجوم», «إحباط هجوم», «محاولة تسلل»",
	"infiltration":         "«تسلل», «متسللين»",
	"operation":            "a military or security operation: «عملية عسكرية», «حملة تمشيط»",
	"airstrike":            "«غارة», «ضربة جوية», «قصف جوي»",
	"barrel_bomb":          "«براميل متفجرة»",
	"drone":                "«طائرة مسيرة», «طائرة بدون طيار»",
	"shelling":             "artillery, mortars, rockets, missiles: «قصف», «قذائف هاون», «صواريخ»",
	"ied":                  "«عبوة ناسفة», «عبوة لاصقة»",
	"explosion":            "a blast, bomb unspecified: «انفجار», «تفجير», «فجروا»",
	"car_bomb":             "«سيارة مفخخة», «دراجة نارية مفخخة»",
	"landmine":             "«لغم», «ألغام»",
	"suicide":              "«انتحاري», «حزام ناسف», «فجر نفسه»",
	"grenade":              "«قنبلة يدوية»",
	"chemical":             "«غاز سام», «هجوم كيماوي», «السارين»",
	"landing":              "air-landing raid: «إنزال جوي»",
	"raid":                 "a raid or sweep to arrest: «مداهمة», «حملة دهم»",
	"arrest":               "«اعتقل», «ألقت القبض», «احتجاز», «المعتقلين»",
	"surrender":            "«استسلم», «سلم نفسه»",
	"abduction":            "«اختطف», «خطف», «رهائن», «الإخفاء القسري»",
	"execution":            "«أعدم», «إعدام ميداني», «ذبح», «تصفية»",
	"assassination":        "«اغتيال», «محاولة اغتيال»",
	"torture":              "«تعذيب»",
	"sexual_violence":      "«اغتصاب», «سبي», «عنف جنسي»",
	"death":                "a death cue, not an event by itself: «مقتل», «قتلى», «مصرع», «استشهاد», «حصيلة»",
	"injury":               "an injury cue, not an event by itself: «جرحى», «جريح»",
	"capture":              "territory taken: «سيطر», «استولى», «اجتاح»",
	"recapture":            "territory retaken: «استعاد», «تحرير»",
	"withdrawal":           "«انسحب», «تسليم المدينة»",
	"handover":             "prisoners or people handed over: «تسليم», «استلم»",
	"exchange":             "«تبادل الأسرى», «صفقة تبادل»",
	"repatriation":         "«ترحيل», «إعادة», «استعادة أطفال»",
	"release":              "«إطلاق سراح», «الإفراج», «أفرج»",
	"displacement":         "«تهجير قسري»",
	"evacuation":           "«إجلاء»",
	"protest":              "«تظاهرة», «مظاهرة», «احتجاج», «اعتصام», «إضراب»",
	"protest_intervention": "«تفريق المتظاهرين», «الغاز المسيل للدموع»",
	"protest_force":        "«إطلاق النار على المتظاهرين»",
	"riot":                 "«أعمال شغب», «رشق بالحجارة»",
	"mob":                  "«مشاجرة», «اقتتال عشائري», «ثأر»",
	"curfew":               "«حظر التجول»",
	"emergency":            "«حالة الطوارئ», «حالة تأهب», «الاستنفار» declared",
	"mobilisation":         "«استنفار», «حشد», «تعزيزات عسكرية», «النفير العام»",
	"recruitment":          "«تجنيد», «التجنيد الإجباري», «واجب الدفاع الذاتي»",
	"defection":            "changes to a group: «انشقاق», «مبايعة», «اندماج», «إعلان حل»",
	"leadership":           "a group's new leader: «زعيم جديد», «أميرها الجديد»",
	"agreement":            "«اتفاق», «هدنة», «وقف إطلاق النار», «مصالحة»",
	"looting":              "«نهب», «سلب», «السطو المسلح»",
	"destruction":          "«تفجير منزل», «هدم منازل», «حرق المحاصيل»",
	"arson":                "«أضرموا النار», «إضرام النيران»",
	"weapons_seized":       "«ضبط أسلحة», «مستودع أسلحة»",
	"defusal":              "«تفكيك عبوة», «إبطال مفعول»",
	"foiled":               "«إحباط», «أحبطت» without a named attack",
	"interception":         "«إسقاط طائرة», «اعتراض صاروخ»",
	"base":                 "«إنشاء قاعدة عسكرية», «نقطة مراقبة»",
	lexicon.ClassBlock:     "not a cue: a phrase that hides the cue words inside it («الحشد الشعبي»)",
}

// Rule names the lexicon entry, for the rule field of an event.
func (t *Trigger) Rule() string { return fmt.Sprintf("%s:%d", lexicon.TriggerFile, t.Line) }

// Mention is a trigger found in a text.
type Mention struct {
	// Span is the cue without the clitics it shed: «هجوم» in «والهجوم»,
	// «اعتقال» in «اعتقالهم».
	Span        text.Span
	Tok, TokEnd int // token range [Tok, TokEnd)
	Trigger     *Trigger
}

// Lexicon is the loaded trigger list. It is immutable after Load and safe
// for concurrent use.
type Lexicon struct {
	// phrases maps a normalised phrase, and every proper token prefix of
	// one, to its node: one map lookup per reading tells whether it is a
	// cue and whether any longer phrase goes on from it.
	phrases map[string]*node
	// first filters the words phrases start with: matchAt tries every
	// reading of every word, and few start a cue.
	first *text.WordFilter
	size  int
}

type node struct {
	trigs  []*Trigger // the rows of this phrase, one per pos; nil for a bare prefix
	prefix bool       // a longer phrase starts with this one
}

// Load reads the embedded trigger lexicon.
func Load() (*Lexicon, error) {
	rows, err := lexicon.TriggerEntries()
	if err != nil {
		return nil, err
	}
	l := &Lexicon{phrases: map[string]*node{}}
	at := func(key string) *node {
		nd := l.phrases[key]
		if nd == nil {
			nd = &node{}
			l.phrases[key] = nd
		}
		return nd
	}
	where := map[string]int{}
	for _, r := range rows {
		toks := text.Tokenize(r.Phrase)
		if len(toks) == 0 || len(toks) > text.MaxPhraseTokens {
			return nil, fmt.Errorf("triggers: %s:%d: %q must have 1 to %d words", lexicon.TriggerFile, r.Line, r.Phrase, text.MaxPhraseTokens)
		}
		key := strings.Join(toks, " ")
		if prev, dup := where[key+"\t"+r.POS]; dup {
			return nil, fmt.Errorf("triggers: %s:%d: %q (%s) repeats line %d", lexicon.TriggerFile, r.Line, r.Phrase, r.POS, prev)
		}
		where[key+"\t"+r.POS] = r.Line
		t := &Trigger{
			Phrase: r.Phrase, EventType: r.EventType, SubEventType: r.SubEventType,
			Class: r.Class, POS: r.POS, Weak: r.Weak, Line: r.Line,
		}
		nd := at(key)
		nd.trigs = append(nd.trigs, t)
		for n := 1; n < len(toks); n++ {
			at(strings.Join(toks[:n], " ")).prefix = true
		}
		if _, ok := Classes[t.Class]; !ok {
			return nil, fmt.Errorf("triggers: %s:%d: %q: unknown class %q", lexicon.TriggerFile, r.Line, r.Phrase, r.Class)
		}
		if t.Class != lexicon.ClassBlock {
			l.size++
		}
	}
	l.first = text.NewWordFilter(func(yield func(string) bool) {
		for k := range l.phrases {
			if !strings.Contains(k, " ") && !yield(k) {
				return
			}
		}
	})
	return l, nil
}

// Len is the number of cue entries (block entries not counted).
func (l *Lexicon) Len() int { return l.size }

// Find returns the cues of a text in text order, without overlaps: at each
// word the longest phrase wins, and a phrase that is not a cue («الحشد
// الشعبي», «ضربة جزاء») hides the cue words inside it.
func (l *Lexicon) Find(a *text.Analysis) []Mention {
	var out []Mention
	// m is written only where a cue starts, so it is cleared after each
	// one rather than made for every token.
	var m match
	for i := 0; i < len(a.Tokens); {
		if !l.matchAt(a, i, &m) {
			i++
			continue
		}
		if m.trig.Class != lexicon.ClassBlock {
			out = append(out, Mention{Span: m.span(a), Tok: i, TokEnd: i + m.n, Trigger: m.trig})
		}
		i += m.n
		m = match{}
	}
	return out
}

// head is one reading of the first word of a phrase.
type head struct {
	text string
	form text.Form
	// Only nouns may be read as a construct before a pronoun («مداهمتها»
	// → «مداهمة») or with an accusative alif («هجوما»); only verbs as a
	// plural before a pronoun («قتلوهم» → «قتلوا»).
	nounOnly, verbOnly bool
	accusative         bool
	extra              int // runes changed beyond the clitics, for ranking
}

// Only readings that may start a phrase (first) are returned: the others
// would be looked up for nothing, and two of them cost a string.
func heads(f text.Form, dst []head, first *text.WordFilter) []head {
	if first.MayHaveForm(&f) {
		dst = append(dst, head{text: f.Text, form: f})
	}
	if f.Kind&text.Suffix != 0 {
		switch {
		case strings.HasSuffix(f.Text, "ت"):
			if stem := strings.TrimSuffix(f.Text, "ت"); first.MayHaveJoined(stem, "ه") {
				dst = append(dst, head{text: stem + "ه", form: f, nounOnly: true, extra: 1})
			}
		case strings.HasSuffix(f.Text, "و"):
			if first.MayHaveJoined(f.Text, "ا") {
				dst = append(dst, head{text: f.Text + "ا", form: f, verbOnly: true, extra: 1})
			}
		}
	}
	if f.Trim == 0 && f.Kind&text.Article == 0 && strings.HasSuffix(f.Text, "ا") && text.RuneCount(f.Text) >= 4 {
		if stem := strings.TrimSuffix(f.Text, "ا"); first.MayHave(stem) {
			dst = append(dst, head{text: stem, form: f, nounOnly: true, accusative: true, extra: 1})
		}
	}
	return dst
}

type match struct {
	trig     *Trigger
	i, n     int
	skip     int // normalised runes shed before the first word
	trimLast int // normalised runes shed after the last word
	cost     int
}

func (m match) span(a *text.Analysis) text.Span {
	first, last := a.Tokens[m.i], a.Tokens[m.i+m.n-1]
	return a.SpanOf(first.NStart+m.skip, last.NEnd-m.trimLast)
}

// better prefers the longer phrase, then the reading that sheds less.
func (m match) better(o match) bool {
	if o.trig == nil {
		return true
	}
	if m.n != o.n {
		return m.n > o.n
	}
	return m.cost < o.cost
}

// matchAt finds the best cue starting at token i into best, which must be
// the zero match, and reports whether there is one (best is left as it
// was where there is none).
func (l *Lexicon) matchAt(a *text.Analysis, i int, best *match) bool {
	if a.Tokens[i].Kind != text.Word {
		return false
	}
	forms := a.Forms(i)
	for k := range forms {
		f := &forms[k]
		// Most readings of most words give heads nothing to look up:
		// they are passed over before the heads and the match are made.
		if !mayHead(f, l.first) || taMarbuta(a, i, f) {
			continue
		}
		l.matchForm(a, i, f, best)
	}
	return best.trig != nil
}

// mayHead is false where heads gives nothing for f: its filter refuses f
// and none of the other readings heads tries applies (a pronoun shed after
// «ت» or «و», an accusative «ا»).
func mayHead(f *text.Form, first *text.WordFilter) bool {
	return first.MayHaveForm(f) ||
		f.Kind&text.Suffix != 0 && (strings.HasSuffix(f.Text, "ت") || strings.HasSuffix(f.Text, "و")) ||
		f.Trim == 0 && f.Kind&text.Article == 0 && strings.HasSuffix(f.Text, "ا")
}

// matchForm is matchAt of the reading f of token i.
func (l *Lexicon) matchForm(a *text.Analysis, i int, f *text.Form, best *match) {
	var buf [3]head
	hs := heads(*f, buf[:0], l.first)
	for k := range hs {
		if nd := l.phrases[hs[k].text]; nd != nil {
			l.extend(a, i, 1, hs[k].text, nd, &hs[k], 0, best)
		}
	}
}

// extend records key, the phrase over tokens [i, i+n), if it is a cue the
// head reading allows, and tries to lengthen it by the next word.
func (l *Lexicon) extend(a *text.Analysis, i, n int, key string, nd *node, h *head, trimLast int, best *match) {
	if t := pick(nd, a, i, h); t != nil {
		m := match{trig: t, i: i, n: n, skip: h.form.Skip, trimLast: trimLast,
			cost: h.form.Skip + h.form.Trim + trimLast + h.extra}
		if n == 1 && !h.accusative {
			m.trimLast = h.form.Trim
		}
		if m.better(*best) {
			*best = m
		}
	}
	// A pronoun ends a word group, and so does one on the last word.
	if trimLast > 0 || h.form.Trim > 0 || !nd.prefix {
		return
	}
	j := i + n
	if j >= len(a.Tokens) || a.Tokens[j].Kind == text.Punct {
		return
	}
	next := func(word string, trim int) {
		k := key + " " + word
		if nd := l.phrases[k]; nd != nil {
			l.extend(a, i, n+1, k, nd, h, trim, best)
		}
	}
	tok := a.Tokens[j].Text
	next(tok, 0)
	// An adjective agrees with its noun: «القصف الجوي» is «قصف جوي»,
	// «هجوما انتحاريا» is «هجوم انتحاري».
	if h.form.Kind&text.Article != 0 {
		for _, f := range a.Forms(j) {
			if f.Kind == text.Article {
				next(f.Text, 0)
			}
		}
	}
	if h.accusative && strings.HasSuffix(tok, "ا") && utf8.RuneCountInString(tok) > 2 {
		next(strings.TrimSuffix(tok, "ا"), 0)
	}
	// The last word may carry a pronoun: «القبض عليهم», «تفجير منزله».
	for _, f := range a.Forms(j) {
		if f.Kind == text.Suffix && !taMarbuta(a, j, &f) {
			next(f.Text, f.Trim)
		}
	}
}

// taMarbuta reports whether reading f of token i took a final ة for the
// pronoun ه. Normalisation merges the two, but a pronoun is never written
// ة: «أسرة» (family) is not «أسر» + «ه» (captured him).
func taMarbuta(a *text.Analysis, i int, f *text.Form) bool {
	if f.Kind&text.Suffix == 0 || f.Trim != 1 {
		return false
	}
	off := a.OrigOffset(a.Tokens[i].NEnd - 1)
	return off < len(a.Orig) && (a.Orig[off] == 'ة' || a.Orig[off] == 'ۃ')
}

// pick returns the row of key that the reading h allows. A bare word that
// is both a verb and its verbal noun («قتل», «قصف») opens a news sentence as
// a verb far more often, so the verb row goes first.
func pick(nd *node, a *text.Analysis, i int, h *head) *Trigger {
	var first *Trigger
	for _, t := range nd.trigs {
		if !allows(t, a, i, h) {
			continue
		}
		if t.POS == lexicon.POSVerb {
			return t
		}
		if first == nil {
			first = t
		}
	}
	return first
}

// allows reports whether a trigger of t's part of speech can carry the
// clitics that reading h shed. Verbs never take the article, and of the
// prepositions only ل («ليهاجم»); nouns never take the future «س».
func allows(t *Trigger, a *text.Analysis, i int, h *head) bool {
	if t.Class == lexicon.ClassBlock {
		return true
	}
	if t.POS == lexicon.POSVerb {
		if h.nounOnly || h.form.Kind&text.Article != 0 {
			return false
		}
		if h.form.Kind&text.Prep != 0 {
			r := []rune(a.Tokens[i].Text)
			at := 0
			if h.form.Kind&text.Conj != 0 {
				at = 1
			}
			if at >= len(r) || r[at] != 'ل' {
				return false
			}
		}
		return true
	}
	return !h.verbOnly && h.form.Kind&text.Future == 0
}
