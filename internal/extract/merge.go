package extract

import (
	"sort"
	"strings"

	"rasd/internal/actors"
)

// merge folds frames that report the same occurrence (a headline and its
// paragraph, «الهجوم» referring back) into one, keeping every evidence
// span. Different places, days or actors stay apart.
func merge(frames []*frame) []*frame {
	var out []*frame
	for _, f := range frames {
		merged := false
		for _, g := range out {
			if compatible(g, f) {
				absorb(g, f)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, f)
		}
	}
	return out
}

func sameActor(a, b *actors.Mention) bool {
	return a == nil || b == nil || a.Actor.VocabID() == b.Actor.VocabID()
}

func compatible(g, f *frame) bool {
	if g.typ != f.typ || g.background != f.background {
		return false
	}
	if g.sub != f.sub && !(weakClass(g.class) && weakClass(f.class)) {
		return false
	}
	if !sameActor(g.actor1, f.actor1) || !sameActor(g.actor2, f.actor2) {
		return false
	}
	// A frame with no actor at all merges only with its neighbour.
	if f.actor1 == nil && f.actor2 == nil && f.sent-lastSentence(g) > 1 {
		return false
	}
	if g.place != nil && f.place != nil {
		gp, fp := g.place.Place, f.place.Place
		switch {
		case gp.ID == fp.ID:
		case gp.Admin1Code != "" && gp.Admin1Code == fp.Admin1Code && (g.precision > 1 || f.precision > 1):
		default:
			return false
		}
	}
	if g.date != nil && f.date != nil {
		if f.date.Start.After(g.date.End) || g.date.Start.After(f.date.End) {
			return false
		}
	}
	if g.fat != nil && f.fat != nil && !g.fat.approx && !f.fat.approx && g.fat.count != f.fat.count && g.sent == f.sent {
		return false
	}
	return true
}

func lastSentence(g *frame) int {
	return g.sent
}

func absorb(g, f *frame) {
	for _, sp := range f.evidence {
		dup := false
		for _, e := range g.evidence {
			if e.Start == sp.Start {
				dup = true
			}
		}
		if !dup {
			g.evidence = append(g.evidence, sp)
		}
	}
	sort.Slice(g.evidence, func(i, j int) bool { return g.evidence[i].Start < g.evidence[j].Start })
	if g.actor1 == nil {
		g.actor1 = f.actor1
	}
	if g.actor2 == nil {
		g.actor2 = f.actor2
	}
	for _, m := range f.assoc1 {
		if g.actor1 != nil {
			g.assoc1 = appendActor(g.assoc1, m, g.actor1)
		}
	}
	for _, m := range f.assoc2 {
		if g.actor2 != nil {
			g.assoc2 = appendActor(g.assoc2, m, g.actor2)
		}
	}
	// The more precise place and date win.
	if f.place != nil && (g.place == nil || f.precision < g.precision) {
		g.place, g.precision = f.place, f.precision
	}
	if f.date != nil && (g.date == nil || f.date.Precision < g.date.Precision) {
		g.date = f.date
	}
	// ACLED's conservative count: an exact figure beats a vague one, and
	// of two figures the lower is kept, the higher is the max.
	switch {
	case g.fat == nil:
		g.fat = f.fat
	case f.fat == nil:
	case g.fat.approx && !f.fat.approx:
		g.fat = f.fat
	case !g.fat.approx && !f.fat.approx && f.fat.count != g.fat.count:
		hi := max(f.fat.count, g.fat.count)
		if f.fat.count < g.fat.count {
			c := *f.fat
			g.fat = &c
		}
		g.fat.max = hi
	}
	if g.certainty == "reported" && f.certainty != "reported" {
		g.certainty, g.claimedBy = f.certainty, f.claimedBy
	}
	g.aggregate = g.aggregate || f.aggregate
	if priority(f.class) > priority(g.class) {
		g.class, g.trig, g.sub = f.class, f.trig, f.sub
	}
	g.rules = append(g.rules, "merged with the event of sentence «"+clipRunes(f.evidence[0].Text, 40)+"»")
}

func clipRunes(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
