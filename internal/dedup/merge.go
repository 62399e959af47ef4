package dedup

import (
	"math"

	"rasd/internal/event"
)

// Merge builds the stored event of a cluster from its members in the order
// they joined. The first member gives the record its identity (id, trigger,
// evidence, rule); the other fields take the best any member offers.
//
// Spans inside the merged location, date and fatalities point into the
// document of the member they came from, which is not always the first
// source: the sources list keeps each document's own evidence.
func Merge(clusterID string, members []Member) event.Stored {
	if len(members) == 0 {
		return event.Stored{ClusterID: clusterID, Sources: []event.Source{}}
	}
	first := members[0].Event
	st := event.Stored{Event: first, ClusterID: clusterID}
	st.Evidence = append([]event.Span(nil), first.Evidence...)
	for _, m := range members {
		st.Sources = append(st.Sources, event.Source{
			DocID: m.Doc.ID, Source: m.Doc.Source, URL: m.Doc.URL, Published: m.Doc.Published,
			Title: m.Doc.Title, Evidence: append([]event.Span(nil), m.Event.Evidence...), EventID: m.Event.ID,
			Why: m.Why,
		})
	}
	st.EventType, st.SubEventType = commonestType(members)
	rolesOf := func(i int) roles { return inRolesOf(st.SubEventType, &members[i].Event) }
	st.Actor1 = firstActor(len(members), func(i int) *event.Actor { return rolesOf(i).actor1 })
	st.Actor2 = firstActor(len(members), func(i int) *event.Actor { return rolesOf(i).actor2 })
	st.AssocActor1 = unionActors(len(members), st.Actor1, func(i int) []event.Actor { return rolesOf(i).assoc1 })
	st.AssocActor2 = unionActors(len(members), st.Actor2, func(i int) []event.Actor { return rolesOf(i).assoc2 })
	st.Location = mostPreciseLocation(members)
	st.Date = mostPreciseDate(members)
	st.Fatalities = conservativeFatalities(members)
	st.Certainty, st.ClaimedBy = certainty(members)
	st.Background = true
	for _, m := range members {
		st.Background = st.Background && m.Event.Background
	}
	st.Confidence = confidence(members)
	return st
}

// commonestType is the (type, sub type) most members give; ties go to the
// earliest. Members of one family may differ in type (typeFit), and the
// type and sub type must come from one member to make sense together.
func commonestType(members []Member) (string, string) {
	type pair struct{ typ, sub string }
	counts := map[pair]int{}
	for _, m := range members {
		counts[pair{m.Event.EventType, m.Event.SubEventType}]++
	}
	best, bestN := pair{members[0].Event.EventType, members[0].Event.SubEventType}, 0
	for _, m := range members {
		p := pair{m.Event.EventType, m.Event.SubEventType}
		if n := counts[p]; n > bestN {
			best, bestN = p, n
		}
	}
	return best.typ, best.sub
}

// roles are an event's parties: who acted, and on whom, each with the
// associates named beside them.
type roles struct {
	actor1, actor2 *event.Actor
	assoc1, assoc2 []event.Actor
}

// inRolesOf returns the parties of e in the roles an event of sub type sub
// gives them. The two roles mean the same in every
// sub type a cluster may mix but one: an intercepted missile or drone's
// first actor is the side that brought it down and its second the side
// that fired it, while a strike's are the side that fired and the side
// hit. So a strike read into an interception's record gives its attacker
// as the firer, and an interception read into a strike's record gives its
// firer as the attacker. The side hit and the side whose air defences
// fired are one side but not always one party (an ally's base, a
// coalition member's town): each stands beside the other as an associate,
// so that the record still names it. Without this, a record of an
// interception and of the blasts heard took the blasts' target as the
// firer, and the strike's own report, which named the real one, was a
// party in conflict.
func inRolesOf(sub string, e *event.Event) roles {
	switch recordIntercepted, intercepted := sub == disruptedWeapon, e.SubEventType == disruptedWeapon; {
	case recordIntercepted && !intercepted:
		return roles{assoc1: withActor(e.Actor2, e.AssocActor2), actor2: e.Actor1, assoc2: e.AssocActor1}
	case !recordIntercepted && intercepted:
		return roles{actor1: e.Actor2, assoc1: e.AssocActor2, assoc2: withActor(e.Actor1, e.AssocActor1)}
	}
	return roles{actor1: e.Actor1, assoc1: e.AssocActor1, actor2: e.Actor2, assoc2: e.AssocActor2}
}

// withActor is a's party first, then list (a new slice).
func withActor(a *event.Actor, list []event.Actor) []event.Actor {
	out := make([]event.Actor, 0, len(list)+1)
	if a != nil {
		out = append(out, *a)
	}
	return append(out, list...)
}

// firstActor is the first of n members' actor in a role that is named;
// failing that, the first that is there at all (UNIDENTIFIED says more
// than null).
func firstActor(n int, role func(int) *event.Actor) *event.Actor {
	var fallback *event.Actor
	for i := range n {
		a := role(i)
		if known(a) {
			return copyActor(a)
		}
		if a != nil && fallback == nil {
			fallback = a
		}
	}
	return copyActor(fallback)
}

func copyActor(a *event.Actor) *event.Actor {
	if a == nil {
		return nil
	}
	c := *a
	return &c
}

// unionActors are the n members' associates in a role, each once, but main.
func unionActors(n int, main *event.Actor, list func(int) []event.Actor) []event.Actor {
	out := []event.Actor{}
	seen := map[string]bool{}
	if main != nil {
		seen[main.ID] = true
	}
	for i := range n {
		for _, a := range list(i) {
			if !seen[a.ID] {
				seen[a.ID] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// mostPreciseLocation: the lowest geo_precision; ties go to the earliest.
func mostPreciseLocation(members []Member) *event.Location {
	var best *event.Location
	for i := range members {
		l := members[i].Event.Location
		if l != nil && (best == nil || precision(l) < precision(best)) {
			best = l
		}
	}
	if best == nil {
		return nil
	}
	c := *best
	return &c
}

// mostPreciseDate: the lowest time_precision; among equals a date the text
// states beats the publication-date default, then the date most of those
// members give (a report that dates the occurrence to the day its toll
// was announced is outvoted by the others), then the first member's. Not
// the earliest: with the whole bench ingested, a cluster of the Turkish
// jets' strikes at Afrin then took the Thursday of the army's losses from
// one report and joined the Afrin event.
func mostPreciseDate(members []Member) *event.Date {
	rank := func(d *event.Date) int {
		r := d.TimePrecision * 2
		if d.Text == "" {
			r++
		}
		return r
	}
	best := -1
	for i := range members {
		if d := members[i].Event.Date; d != nil && (best < 0 || rank(d) < best) {
			best = rank(d)
		}
	}
	if best < 0 {
		return nil
	}
	type span struct{ start, end string }
	votes := map[span]int{}
	for i := range members {
		if d := members[i].Event.Date; d != nil && rank(d) == best {
			votes[span{d.Start, d.End}]++
		}
	}
	var chosen *event.Date
	for i := range members {
		d := members[i].Event.Date
		if d == nil || rank(d) != best {
			continue
		}
		if chosen == nil || votes[span{d.Start, d.End}] > votes[span{chosen.Start, chosen.End}] {
			chosen = d
		}
	}
	c := *chosen
	return &c
}

// conservativeFatalities follows ACLED across sources: the count is the
// lowest figure among the sources that report deaths, the range runs to the
// highest figure any source gives. A vague figure («عدة» → 3) stands in for
// a number nobody gave, so an exact figure from another source takes
// precedence over it.
func conservativeFatalities(members []Member) *event.Fatalities {
	var low *event.Fatalities
	high, ranged := 0, false
	for i := range members {
		f := members[i].Event.Fatalities
		if f == nil {
			continue
		}
		if low == nil || lower(f, low) {
			low = f
		}
		high = max(high, f.Count)
		if f.Max != nil {
			high = max(high, *f.Max)
			ranged = true
		}
	}
	if low == nil {
		return nil
	}
	out := *low
	out.Min = low.Count
	out.Max = nil
	if ranged || high > low.Count {
		h := high
		out.Max = &h
	}
	return &out
}

func lower(f, than *event.Fatalities) bool {
	if f.Approx != than.Approx {
		return !f.Approx
	}
	return f.Count < than.Count
}

// certainty: an occurrence any source states as fact is reported; else the
// first source's reading stands. The claimant is the first one named.
func certainty(members []Member) (string, *event.Actor) {
	cert := members[0].Event.Certainty
	var by *event.Actor
	for i := range members {
		e := &members[i].Event
		if e.Certainty == event.Reported {
			cert = event.Reported
		}
		if by == nil && e.ClaimedBy != nil {
			by = copyActor(e.ClaimedBy)
		}
	}
	return cert, by
}

// confidence rises with each further reporting document: each halves the
// doubt left by the most confident one.
func confidence(members []Member) float64 {
	best := 0.0
	docs := map[string]bool{}
	for _, m := range members {
		best = max(best, m.Event.Confidence)
		docs[m.Doc.ID] = true
	}
	c := 1 - (1-best)*math.Pow(0.5, float64(len(docs)-1))
	// Short of certainty: five outlets can repeat one wrong wire report.
	return math.Max(best, math.Min(c, 0.99))
}
