package extract

import (
	"time"

	"rasd/internal/actors"
	"rasd/internal/gazetteer"
	"rasd/internal/mention"
	"rasd/internal/numbers"
	"rasd/internal/text"
	"rasd/internal/timex"
	"rasd/internal/triggers"
)

// frame is one candidate event while it is being built.
type frame struct {
	sent       int
	lo, hi     int // clause tokens [lo, hi)
	trig       *triggers.Mention
	class      string
	typ, sub   string
	actor1     *actors.Mention
	actor2     *actors.Mention
	assoc1     []*actors.Mention
	assoc2     []*actors.Mention
	place      *gazetteer.Mention
	precision  int
	date       *timex.Mention
	fat        *fatalities
	certainty  string
	claimedBy  *actors.Mention
	background bool
	aggregate  bool
	evidence   []text.Span
	rules      []string
	score      float64
}

func (f *frame) rule(r string) { f.rules = append(f.rules, r) }

// document indexes one document's mentions by sentence.
type document struct {
	set     *mention.Set
	a       *text.Analysis
	pub     time.Time
	unknown *actors.Actor // the lexicon's UNIDENTIFIED

	actorsIn   [][]int
	placesIn   [][]int
	datesIn    [][]int
	numbersIn  [][]int
	triggersIn [][]int
	// placeBefore[s] is the last place mentioned before sentence s, the
	// article's running focus.
	placeBefore []int
}

func newDocument(set *mention.Set, pub time.Time, unknown *actors.Actor) *document {
	a := set.Analysis
	n := len(a.Sentences)
	d := &document{
		set: set, a: a, pub: pub, unknown: unknown,
		actorsIn: make([][]int, n), placesIn: make([][]int, n), datesIn: make([][]int, n),
		numbersIn: make([][]int, n), triggersIn: make([][]int, n), placeBefore: make([]int, n),
	}
	if n == 0 {
		return d
	}
	for i, m := range set.Actors {
		s := a.SentenceOf(m.Tok)
		d.actorsIn[s] = append(d.actorsIn[s], i)
	}
	for i, m := range set.Places {
		s := a.SentenceOf(m.Tok)
		d.placesIn[s] = append(d.placesIn[s], i)
	}
	for i, m := range set.Dates {
		s := a.SentenceOf(m.Tok)
		d.datesIn[s] = append(d.datesIn[s], i)
	}
	for i, m := range set.Numbers {
		s := a.SentenceOf(m.Tok)
		d.numbersIn[s] = append(d.numbersIn[s], i)
	}
	for i, m := range set.Triggers {
		s := a.SentenceOf(m.Tok)
		d.triggersIn[s] = append(d.triggersIn[s], i)
	}
	last := -1
	for s := 0; s < n; s++ {
		d.placeBefore[s] = last
		if ps := d.placesIn[s]; len(ps) > 0 {
			last = ps[len(ps)-1]
		}
	}
	return d
}

// clauses splits sentence s where a new predicate starts («كما», «فيما»,
// «بينما», «في حين», «؛»), so that one sentence may carry several events.
func (d *document) clauses(s int) [][2]int {
	sen := d.a.Sentences[s]
	var out [][2]int
	start := sen.TokStart
	for i := sen.TokStart + 1; i < sen.TokEnd; i++ {
		t := d.a.Tokens[i]
		split := false
		switch {
		case t.Kind == text.Punct && (t.Text == "؛" || t.Text == ";"):
			split = true
		case clauseOpeners.has(d.a, i) && i-start > 3:
			split = true
		}
		if split {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	return append(out, [2]int{start, sen.TokEnd})
}

func (d *document) inRange(lo, hi int, idx []int, tok func(int) int) []int {
	var out []int
	for _, i := range idx {
		if t := tok(i); t >= lo && t < hi {
			out = append(out, i)
		}
	}
	return out
}

// frames builds every candidate event of the document, in text order.
func (d *document) frames() []*frame {
	var out []*frame
	for s := range d.a.Sentences {
		for _, c := range d.clauses(s) {
			out = append(out, d.clauseFrames(s, c[0], c[1])...)
		}
	}
	return out
}

func (d *document) clauseFrames(s, lo, hi int) []*frame {
	trigs := d.inRange(lo, hi, d.triggersIn[s], func(i int) int { return d.set.Triggers[i].Tok })
	if len(trigs) == 0 {
		return nil
	}
	var main *triggers.Mention
	best := -1
	for _, ti := range trigs {
		t := &d.set.Triggers[ti]
		if t.Trigger.Class == "injury" || d.modal(t.Tok, lo) {
			continue
		}
		if p := priority(t.Trigger.Class); p > best {
			best, main = p, t
		}
	}
	if main == nil {
		return nil
	}
	f := &frame{sent: s, lo: lo, hi: hi, trig: main, class: main.Trigger.Class,
		typ: main.Trigger.EventType, sub: main.Trigger.SubEventType, certainty: "reported"}
	f.rule("trigger «" + main.Trigger.Phrase + "» (" + f.class + ")")
	d.fillRoles(f)
	d.decideType(f, trigs)
	d.fillDate(f)
	d.fillFatalities(f)
	d.fillCertainty(f)
	d.fillFlags(f)
	if !d.supported(f) {
		return nil
	}
	sen := d.a.Sentences[s]
	f.evidence = []text.Span{{Text: d.a.Slice(sen.Start, sen.End), Start: sen.Start, End: sen.End}}
	return d.placeFrames(f)
}

// supported keeps a frame only when the sentence gives it enough to be an
// event: a weak cue («هجوم» in a match report) needs a conflict actor or a
// death toll beside it.
func (d *document) supported(f *frame) bool {
	if f.actor1 != nil || f.actor2 != nil || f.fat != nil {
		return true
	}
	return !weakClass(f.class) && !f.trig.Trigger.Weak
}

// numbersIn returns the number mentions of clause [lo, hi) of sentence s.
func (d *document) clauseNumbers(s, lo, hi int) []*numbers.Mention {
	var out []*numbers.Mention
	for _, i := range d.numbersIn[s] {
		if m := &d.set.Numbers[i]; m.Tok >= lo && m.Tok < hi {
			out = append(out, m)
		}
	}
	return out
}
