package extract

import (
	"rasd/internal/event"
	"rasd/internal/numbers"
	"rasd/internal/text"
)

// fatalities is the death toll of a frame while it is built.
type fatalities struct {
	count  int
	min    int
	max    int // 0: none given
	approx bool
	span   text.Span
}

// split divides a toll shared by n places; the first takes the remainder
// (ANNOTATION.md).
func (f *fatalities) split(n, k int) *fatalities {
	g := *f
	g.count = f.count / n
	if k == 0 {
		g.count += f.count % n
	}
	g.min, g.max = g.count, 0
	return &g
}

func (f *fatalities) record() *event.Fatalities {
	if f == nil {
		return nil
	}
	r := &event.Fatalities{Count: f.count, Min: f.min, Approx: f.approx, Text: f.span.Text, Start: f.span.Start, End: f.span.End}
	if f.max > 0 {
		m := f.max
		r.Max = &m
	}
	return r
}

var (
	deathWords       = words("قتل", "قتلوا", "قتلا", "قتلت", "يقتل", "مقتل", "قتلي", "قتيل", "قتيلا", "قتيلان", "قتيلين", "القتلي", "مصرع", "لقي", "لقوا", "حتفه", "حتفهم", "استشهاد", "استشهد", "استشهدوا", "شهيد", "شهيدا", "شهداء", "حصيله", "اودي", "بحياه", "ضحايا", "ضحيه", "جثث", "جثه", "اعدام", "اعدم", "اعدمت", "تصفيه", "قضي", "قضوا", "مقتلهم", "مقتله")
	injuryWords      = words("جرح", "جرحي", "جريح", "جريحا", "اصابه", "اصيب", "اصيبوا", "مصابين", "مصابا", "الجرحي", "اصابات", "باصابات", "جرحا", "اخرون", "اخرين", "وجرح", "واصابه", "واصيب")
	subsetWords      = words("بينهم", "بينها", "منهم", "بينهما", "ضمنهم")
	plainDeathPlural = words("قتلي", "القتلي", "ضحايا", "شهداء", "جثث")
)

// fillFatalities finds the deaths stated in the clause: numbers governed by
// a death word («مقتل 20», «20 قتيلا», «قتل 7 عناصر»), not by an injury word
// («وإصابة 17»), not a subset («بينهم 28 مدنيا»); numbers joined by «و»
// for different sides add up. With a death word and no number («سقوط قتلى
// وجرحى», «مقتل وجرح العشرات») the toll is ACLED's vague 3.
func (d *document) fillFatalities(f *frame) {
	a := d.a
	nums := d.clauseNumbers(f.sent, f.lo, f.hi)
	var got []*numbers.Mention
	for _, n := range nums {
		if n.Percent || n.Ordinal {
			continue
		}
		if !d.governedByDeath(n, f.lo, f.hi) {
			continue
		}
		if p := d.prevWord(n.Tok); p >= 0 && subsetWords.has(a, p) {
			continue
		}
		got = append(got, n)
	}
	if len(got) > 0 {
		total, approx := 0, false
		lo, hi := got[0].Span.Start, got[0].Span.End
		seen := map[float64]bool{}
		for _, n := range got {
			if seen[n.Value] {
				continue
			}
			seen[n.Value] = true
			total += int(n.Value)
			approx = approx || n.Approx
			hi = max(hi, n.Span.End)
		}
		// «مقتل وجرح العشرات»: killed and wounded together, no split → 3.
		if len(got) == 1 && got[0].Approx && d.killedAndWounded(got[0].Tok, f.lo) {
			total = 3
		}
		f.fat = &fatalities{count: total, min: total, approx: approx, span: text.Span{Text: a.Slice(lo, hi), Start: lo, End: hi}}
		f.rule("fatalities from numbers governed by a death word")
		return
	}
	for i := f.lo; i < f.hi; i++ {
		if !deathWords.has(a, i) {
			continue
		}
		// A plural of the dead with no number, or «مقتل وجرح», gives 3.
		next := i + 1
		if plainDeathPlural.has(a, i) || (next < f.hi && injuryWords.has(a, next)) {
			sp := a.TokenSpan(i, min(next+1, f.hi))
			f.fat = &fatalities{count: 3, min: 3, approx: true, span: sp}
			f.rule("dead without a number → 3 (approx)")
			return
		}
	}
}

// governedByDeath: the nearest death or injury word around the number is a
// death word, before it within three words or after it within five.
func (d *document) governedByDeath(n *numbers.Mention, lo, hi int) bool {
	a := d.a
	for k := 1; k <= 5; k++ {
		if b := n.Tok - k; k <= 3 && b >= lo {
			if injuryWords.has(a, b) {
				return false
			}
			if deathWords.has(a, b) {
				return true
			}
		}
		if e := n.TokEnd - 1 + k; e < hi {
			if injuryWords.has(a, e) {
				return false
			}
			if deathWords.has(a, e) {
				return true
			}
		}
	}
	return false
}

func (d *document) killedAndWounded(tok, lo int) bool {
	for i := max(lo, tok-3); i < tok; i++ {
		if injuryWords.has(d.a, i) {
			return true
		}
	}
	return false
}
