// Package dedup decides when events extracted from different documents
// report the same occurrence, and merges them into one stored event.
//
// The store calls Match for each new event against the clusters whose dates
// lie within Window of it, joins the best one or starts a new cluster, and
// rebuilds the cluster's record with Merge. Cluster does the same over a
// batch, for offline measurement.
package dedup

import (
	"sort"
	"strconv"
	"time"

	"rasd/internal/event"
)

// Member is one per-document event of a cluster, with the document that
// reports it.
type Member struct {
	Doc   event.Doc
	Event event.Event
	// Why joined it to the members before it: nil for the first, and for
	// members read back from a store, which takes it from the record.
	Why *event.Why
}

// Window widens a new event's date interval when the store preselects
// candidate clusters. Match never accepts a cluster whose date interval is
// further than Window from the event's, so preselecting with it loses
// nothing.
const Window = 2 * 24 * time.Hour

// Match says whether event e (from doc) reports the same occurrence as
// cluster c, and how well (0..1, a little more with repeated evidence).
func Match(c *event.Stored, doc event.Doc, e *event.Event) (score float64, ok bool) {
	v := judge(c, doc, e, false)
	return v.score, v.rule == fits
}

// Choose is Match over the candidate clusters of one event: the index of
// the cluster it joins (-1 for none) and the score. The wording, the
// dearest signal, is read for every cluster the fields leave in doubt, and
// for those the fields accept only when more than one cluster fits: it
// then ranks them. Ties go to the earliest candidate.
func Choose(cs []*event.Stored, doc event.Doc, e *event.Event) (best int, score float64) {
	best, score, _ = ChooseAll(cs, doc, e)
	return best, score
}

// ChooseAll is Choose, with the other candidates the event fits too (in
// the order of cs): once it has joined the best, Bridge says which of them
// it has shown to be the same occurrence.
func ChooseAll(cs []*event.Stored, doc event.Doc, e *event.Event) (best int, score float64, others []int) {
	// Only the verdicts of the clusters that fit are kept: most
	// candidates are rejected by their type, place or dates, and a verdict
	// for each (a store offers hundreds) was most of what storing an event
	// allocated.
	type fitting struct {
		i int
		v verdict
	}
	var fit []fitting
	for i, c := range cs {
		if v := judge(c, doc, e, false); v.rule == fits {
			fit = append(fit, fitting{i, v})
		}
	}
	if len(fit) > 1 {
		for k := range fit {
			if v := &fit[k].v; v.words < 0 {
				v.words, v.names = wording(cs[fit[k].i], doc, e)
				v.score += weightWords * v.words
			}
		}
	}
	best = -1
	for _, f := range fit {
		if best < 0 || f.v.score > score {
			best, score = f.i, f.v.score
		}
	}
	for _, f := range fit {
		if f.i != best {
			others = append(others, f.i)
		}
	}
	return best, score, others
}

// Bridge says whether the cluster other, which an event fitted beside the
// cluster joined it went into, is the same occurrence as joined now that
// the event is part of it: other's merged record is judged against
// joined's as a report would be. Reports of one occurrence that arrive
// before the one that links them start clusters of their own (a raid
// placed at the town by one outlet and at the front by another, the
// third naming both); without this, they stay apart for good. The Why is
// for other's first source, which joins with all of other's.
func Bridge(joined, other *event.Stored) (*event.Why, bool) {
	if len(other.Sources) == 0 || joined.ClusterID == other.ClusterID {
		return nil, false
	}
	d := firstDoc(other)
	if judgeAs(joined, d, &other.Event, false, true).rule != fits {
		return nil, false
	}
	return explainAs(joined, d, &other.Event, true), true
}

// firstDoc is the document of a cluster's first source, as judge reads it.
func firstDoc(st *event.Stored) event.Doc {
	s := &st.Sources[0]
	return event.Doc{ID: s.DocID, Source: s.Source, URL: s.URL, Published: s.Published, Title: s.Title}
}

// rule names the rule that keeps an event out of a cluster. judge returns
// it rather than its explanation: the store judges every new event against
// dozens of clusters and rejects most, and only the measurement ever reads
// why (rule.explain).
type rule int

const (
	fits rule = iota
	sameDocument
	aggregateMismatch
	typeMismatch
	actorConflict
	placeApart
	dateApart
	nothingInCommon
	tollConflict
	weakEvidence
)

// verdict is judge's reading of one event against one cluster: the rule
// that decided and every signal it weighed, kept as numbers so that the
// hot path allocates nothing; Explain turns them into words for the one
// cluster an event joins.
type verdict struct {
	rule         rule
	score        float64
	typ          float64 // 0..1
	crossType    bool    // another event type of the same family, or a chemical attack against another kind
	chemical     bool    // a chemical attack against another kind of attack
	intercepted  bool    // an intercepted missile or drone against a strike or shelling
	actors       actorMatch
	place        placeMatch
	date         float64 // 0..1
	byPublished  bool    // the dates meet only through the reports' publication days
	otherDay     bool    // byPublished, and both dates are single days
	vague        bool    // both dates span a week or more
	aggregate    bool    // one side is an aggregate of occurrences, the other not
	tollConflict bool    // tolls far apart and a named side that differs
	toll         float64 // -1, 0, ½, 1 (tollFit)
	words        float64 // 0..1, -1 when not computed
	names        int     // rare words shared with a source (read with words)
	// nextDay: otherDay, the two days adjacent, and the report published
	// the same day as a source of the cluster.
	nextDay bool
	oneOff  bool // e is an explosion or an attack on civilians (set with nextDay)
	// recent: the dates overlap too little for the fields (minDate), but
	// one is a recent period its report names («الأسابيع الأخيرة»,
	// «مؤخرا»), ending on the day it was published, and the other a day
	// or two at its end: not a doubt of its own for repeated evidence.
	recent bool
	// namesakeUndated: the place agrees only by reading a province's name
	// as its seat (or the other way), in reports of one news day that
	// give no day of their own: repeated evidence must confirm it.
	namesakeUndated bool
}

// judge scores e against c, or says which rule keeps them apart. The cheap
// gates (type, place, dates) come first; the wording is read only for the
// few clusters that pass them, where it can decide, or always when explain
// is set.
func judge(c *event.Stored, doc event.Doc, e *event.Event, explain bool) verdict {
	return judgeAs(c, doc, e, explain, false)
}

// judgeAs is judge, for a report (bridge false) or for a whole cluster's
// record (bridge true), which may lift the same-document rule.
func judgeAs(c *event.Stored, doc event.Doc, e *event.Event, explain, bridge bool) (v verdict) {
	v.words = -1
	// The type first: the store offers every cluster of the family's
	// types, and most are rejected here at the cost of a few string
	// comparisons.
	var ok bool
	if v.typ, v.crossType, ok = typeFit(c.EventType, c.SubEventType, e.EventType, e.SubEventType); !ok {
		v.rule = typeMismatch
		return v
	}
	sameDoc := false
	for _, s := range c.Sources {
		if s.DocID == doc.ID {
			sameDoc = true
			break
		}
	}
	// An aggregate («سلسلة هجمات», «عشرات الغارات») and one specific
	// occurrence are told apart by the fields; only reports that repeat
	// each other join them (one outlet's "a wave of suicide attacks"
	// that another tells as the one bombing it leads with).
	v.aggregate = c.Aggregate != e.Aggregate
	v.chemical = (c.SubEventType == chemical) != (e.SubEventType == chemical)
	v.intercepted = (c.SubEventType == disruptedWeapon) != (e.SubEventType == disruptedWeapon)
	if v.intercepted && (c.SubEventType == remoteExplosive || e.SubEventType == remoteExplosive) && !interceptedBlast(&c.Event, e) {
		v.rule = typeMismatch
		return v
	}
	if v.place, ok = placeFit(c.Location, e.Location); !ok {
		v.rule = placeApart
		return v
	}
	if v.date, ok = dateFit(c.Date, e.Date); !ok {
		if !publishedFit(c, doc, e) {
			v.rule = dateApart
			return v
		}
		v.byPublished = true
		v.otherDay = oneDay(c.Date) && oneDay(e.Date)
		v.nextDay = v.otherDay && sameNewsDay(c, doc, e)
		v.oneOff = e.EventType == event.Explosions || e.EventType == event.VAC
	} else if v.date < minDate {
		v.recent = len(c.Sources) > 0 && recentPeriod(c.Date, c.Sources[0].Published, e.Date) || recentPeriod(e.Date, doc.Published, c.Date)
	}
	if v.place.namesake && (v.date < 1 || v.byPublished || !oneDay(c.Date) || !oneDay(e.Date)) {
		// A province's name read at two levels is trusted on the fields
		// only for reports of one given day: undated reports of a front
		// («معارك في تعز») name the province and its seat all week, about
		// many occurrences. Undated reports of the same news day may
		// still be one occurrence, if they repeat each other (repeated).
		if latestNews(c.Date, e.Date) && !v.byPublished && v.date >= 0.5 {
			v.namesakeUndated = true
		} else if !v.place.fallback.ok {
			v.rule = placeApart
			return v
		} else {
			v.place = placeMatch{score: v.place.fallback.score, level: v.place.fallback.level}
		}
	}
	v.toll = tollFit(c.Fatalities, e.Fatalities)
	if sameDoc && bridge && !v.byPublished && v.date >= 0.5 && latestNews(c.Date, e.Date) && !twoSpots(c.Location, e.Location) {
		// Two clusters that each hold one event of an article, of one
		// news day, at one place read two ways (the city and its
		// province, a suburb and the capital), by parties in common: the
		// article told one occurrence twice. An article that names two
		// spots, or two sides each acting (Israeli strikes and rockets
		// from Gaza that day), told two.
		if a, _ := actorFit(&c.Event, e); !a.conflict {
			sameDoc = false
		}
	}
	if sameDoc {
		// One document names each occurrence once, as a rule (the
		// extractor already merged its sentences): a second event of it
		// joins only where it says the same on every field, at the same
		// place on the same days, with no toll against it. A toll given
		// twice, by the army and by the Observatory, is often dated twice
		// too: the day of the deaths and the day of the count.
		twoTolls := v.toll > inRange
		// A missile told as fired and as intercepted over one place on
		// one day is one salvo however the article splits it.
		salvo := v.intercepted && samePlace(c.Location, e.Location) && !v.byPublished && v.date >= 0.5
		if !salvo && (v.crossType || v.typ < 0.6 || v.toll < 0 || !samePlace(c.Location, e.Location) ||
			(v.date < 0.5 || v.byPublished) && !twoTolls) {
			v.rule = sameDocument
			return v
		}
	}
	v.actors, _ = actorFit(&c.Event, e)
	if v.intercepted && v.actors.conflict && firersAgree(&c.Event, e) {
		// The side that intercepted a missile is the side it was fired
		// at: its name against the firer's is no conflict.
		v.actors = actorMatch{score: 0.25}
	}

	// What the fields alone allow, as before repeated evidence was read.
	// Reports and the extractor disagree about who acted more often than
	// about where (an agency, a dateline or the victims' side read as the
	// attacker), so a shared district outweighs disagreeing actors; without
	// a place agreeing to the district or a party both name, type and date
	// agree for most events of a busy week in one province. A date of a
	// month against a day overlaps without saying much (minDate), and so do
	// two dates of a week or more each (a campaign's start, «الشهر
	// الماضي»), unless both events are recalled context, which is merged
	// on the fields as before: its dates are vague by nature.
	v.vague = vagueDate(c.Date) && vagueDate(e.Date) && !(c.Background && e.Background)
	// Tolls far apart are most often one count updated through the day
	// (4 dead at noon, 25 by night); with a named side that differs too
	// (the army that lost 8 soldiers, its jets killing 28 of the other
	// side there that day), they are two occurrences, even when the far
	// figure lies inside the cluster's range (inRange): a recalled total
	// («أكثر من 40 جنديا» since the operation began) widens a range too.
	v.tollConflict = (v.toll < 0 || v.toll == inRange) && v.actors.roleConflict
	fieldsOK := !v.crossType && !v.byPublished && v.date >= minDate && !v.vague && !v.tollConflict && !v.namesakeUndated
	switch {
	case v.actors.conflict && v.place.level < placeAdmin2:
		fieldsOK, v.rule = false, actorConflict
	case v.place.level == placeFar:
		fieldsOK, v.rule = false, placeApart
	case v.place.level < placeAdmin2 && v.actors.named == 0:
		fieldsOK, v.rule = false, nothingInCommon
	case v.aggregate:
		fieldsOK, v.rule = false, aggregateMismatch
	case v.tollConflict:
		v.rule = tollConflict
	case !fieldsOK:
		v.rule = weakEvidence
	}
	if sameDoc && !(v.intercepted && v.place.level == placeNear) && (!fieldsOK && !v.byPublished || v.actors.conflict) {
		v.rule = sameDocument
		return v
	}
	v.score = weightType*v.typ + weightActors*v.actors.score + weightPlace*v.place.score + weightDate*v.date
	if fieldsOK {
		v.rule = fits
	}
	v.score += weightToll * v.toll
	// Evidence repeated across outlets can carry what the fields leave in
	// doubt: a wrong date, a wrong type or a wrong side read by the
	// extractor from one of the reports. The wording is read only where it
	// can decide (the store judges every event against dozens of clusters),
	// and for an explanation.
	if fieldsOK && !explain || !fieldsOK && v.place.level < placeFar {
		return v
	}
	if !fieldsOK && !explain {
		// Read it only if it can decide: not when the other evidence
		// suffices (Choose reads it to rank if need be), nor when even
		// identical wording would not; then only a copy of a source
		// (republished) still joins.
		v.words, v.names = 0, 0
		if repeated(&v) {
			v.rule, v.words = fits, -1
			return v
		}
		v.words, v.names = 1, manyNames
		if !repeated(&v) {
			v.words, v.names = -1, 0
			if republished(c, doc, e) {
				v.rule = fits
			}
			return v
		}
	}
	v.words, v.names = wording(c, doc, e)
	v.score += weightWords * v.words
	if !fieldsOK && (repeated(&v) || republished(c, doc, e)) {
		v.rule = fits
	}
	return v
}

func samePlace(a, b *event.Location) bool {
	return a != nil && b != nil && a.PlaceID != "" && a.PlaceID == b.PlaceID
}

// repeated says whether the evidence two reports share is enough to join
// them when their fields alone are not: much of the wording, or a toll
// both give and some of the wording, at a place that agrees at least to
// the province.
func repeated(v *verdict) bool {
	if v.place.level < placeFar {
		return false
	}
	// Two single days are two days unless the reports place them closer
	// than a province: daily reports of one front are written alike
	// («اشتبك مسلحون مع دورية في …») and often give one death each.
	if v.otherDay && v.place.level < placeAdmin2 {
		return false
	}
	// Each field in doubt asks more of the wording: another type and
	// another day both is how two occurrences of one besieged district,
	// told in the same stock phrases («الغوطة الشرقية قرب دمشق», «المرصد
	// السوري لحقوق الإنسان»), look.
	doubts := 0
	for _, d := range []bool{v.crossType, v.byPublished, v.date < minDate && !v.byPublished && !v.recent, v.vague, v.actors.conflict,
		v.actors.named == 0 && v.place.level < placeAdmin2, v.place.level == placeFar, v.aggregate, v.tollConflict} {
		if d {
			doubts++
		}
	}
	// The words each report must write, whatever its wording: the names
	// of the people and the site. Two are some of the wording; three,
	// much of it.
	some := v.words >= tollWords || v.names >= someNames
	much := v.words >= strongWords || v.names >= muchNames
	if v.namesakeUndated {
		// The province's name and its seat's, in two undated reports of
		// one news day: one place if they repeat each other, as the same
		// word read two ways; two occurrences of a front if they do not.
		if !some && v.toll != 1 {
			return false
		}
		if doubts == 0 {
			return true
		}
	}
	if doubts > 1 {
		return v.words >= 2*strongWords || v.toll == 1 && much
	}
	switch {
	case much:
		return true
	case v.toll == 1 && some && v.place.level >= placeAdmin2:
		return true
	case v.byPublished && v.typ == 1 && v.place.level == placeNear && v.actors.named > 0 &&
		(v.toll == 1 || v.toll > inRange && some):
		// The same kind of event at the same spot, with a party and the
		// same toll (or a close one and some wording) in common, in reports
		// published within the lag of each other: the date one of them
		// gives is the misread one.
		return true
	case v.nextDay && v.oneOff && v.typ == 1 && v.place.level == placeNear && !v.actors.conflict &&
		v.names >= someNames && v.words >= tollWords:
		// The same kind of attack at the same spot, on two adjacent days
		// in reports published the same day, sharing two rare names and
		// some of the wording: one of them dated it to the other day it
		// names (a committee's «السبت», the night before). Only for an
		// attack (a bombing, a strike, an attack on civilians), which
		// rarely strikes one spot two days running; fronts, captures and
		// protests go on from day to day in the same words.
		return true
	case v.intercepted && !v.byPublished && v.date >= 0.5 && v.place.level == placeNear && !v.actors.conflict:
		// A missile or drone intercepted over a place, read by another
		// outlet as the strike it was (the debris fell, the salvo was
		// told by the side that fired it), at the same spot on the same
		// day: interceptions over one city on one day are one salvo.
		return true
	case v.aggregate && doubts == 1 && v.toll == 1 && v.date >= 0.5 && v.place.level >= placeAdmin2 && v.actors.named > 0:
		// A night of strikes told as a wave by one outlet and by its
		// deadliest strike by another: the same toll, at the same place,
		// by the same side, on the same day.
		return true
	case v.crossType && !v.chemical && !v.byPublished && v.date >= 0.5 && v.place.level >= placeAdmin2 && !v.actors.conflict &&
		(v.actors.named > 0 && !v.actors.roleConflict || v.toll == 1 || some):
		// One raid read as a battle by one outlet and as an attack by
		// another, on one day in one district, with a party or a toll or
		// some wording in common. A party in common whose other side
		// differs does not count: the army that lost soldiers there that
		// day and the same army's jets killing the other side's fighters
		// there are two occurrences.
		return true
	}
	return false
}

// Weights of the fields (they add up to 1) and of the repeated evidence.
// The place weighs most because outlets agree on where far more reliably
// than on who (roles swap, one outlet names the group and another
// doesn't).
const (
	weightType   = 0.15
	weightActors = 0.25
	weightPlace  = 0.40
	weightDate   = 0.20
	weightToll   = 0.15
	weightWords  = 0.30

	// strongWords: this share of the word pairs of the shorter report is
	// found in the other; tollWords: enough besides an equal toll.
	strongWords = 0.35
	tollWords   = 0.12

	// someNames and muchNames: this many rare words (commonWords) shared
	// count as some of the wording and as much of it; manyNames is more
	// than any rule asks.
	someNames = 2
	muchNames = 3
	manyNames = 1 << 20
)

// minDate is the least date agreement the fields alone may merge on: a
// week against a day (1/7) passes, a month against a day does not.
const minDate = 0.1

// lag is how many days before its publication a report's occurrence
// usually lies: the same day, the night before, or the day before
// yesterday for a toll announced a day late.
const lag = 2

// publishedFit: the dates the extractor read do not meet, but a report's
// own date is often misread (the start of a campaign, the day a toll was
// announced): the occurrence lies within lag days before some source's
// publication and the other side's date, or both publications are that
// close. judge then asks for repeated evidence.
func publishedFit(c *event.Stored, doc event.Doc, e *event.Event) bool {
	p, ok := published(doc.Published)
	if !ok {
		return false
	}
	if cs, ce, ok := matchRange(c.Date); ok && cs <= p && ce >= p-lag && !recalledDay(e.Date, p) {
		return true
	}
	es, ee, ok := matchRange(e.Date)
	if !ok {
		return false
	}
	for _, s := range c.Sources {
		if q, ok := published(s.Published); ok && es <= q && ee >= q-lag && !recalledDay(c.Date, q) {
			return true
		}
	}
	return false
}

// recalledDay: a day the text names, more than a week before the report
// was published. An outlet that names the day of something weeks back
// recalls it («منذ 30 آذار»); it misreads the start of a campaign or the
// day a toll was announced, not a date it writes out.
func recalledDay(d *event.Date, published int64) bool {
	if d == nil || d.Text == "" || !oneDay(d) {
		return false
	}
	day, ok := parseDay(d.Start)
	return ok && published-day > 7
}

// sameNewsDay: e's report was published the same day as one of c's
// sources, and their two single days are adjacent.
func sameNewsDay(c *event.Stored, doc event.Doc, e *event.Event) bool {
	a, ok1 := parseDay(c.Date.Start)
	b, ok2 := parseDay(e.Date.Start)
	if !ok1 || !ok2 || a-b > 1 || b-a > 1 {
		return false
	}
	for _, s := range c.Sources {
		if s.Published == doc.Published {
			return true
		}
	}
	return false
}

// recentPeriod: d is a period of a week or more that its report names
// («الأسابيع الماضية», «الأشهر الأخيرة», «مؤخرا») and that ends within lag
// days of the report's publication, and other is a day or two at its end.
// Such a period is the background a report gives (a campaign, a wave of
// strikes), not the day of the occurrence it leads with, which is most
// often its latest news: a report dated so is no vaguer about its own
// occurrence than an undated one.
func recentPeriod(d *event.Date, published string, other *event.Date) bool {
	if d == nil || d.Text == "" || !vagueDate(d) {
		return false
	}
	p, ok := parseDay(published)
	_, e, ok2 := dateRange(d)
	os, oe, ok3 := matchRange(other)
	return ok && ok2 && ok3 && e <= p && e >= p-lag && oe-os <= 1 && os >= e-lag && oe <= e
}

// matchRange is interval in day numbers: what dateFit compares.
func matchRange(d *event.Date) (start, end int64, ok bool) {
	if d == nil {
		return 0, 0, false
	}
	return interval(d)
}

// oneDay: a date of a single day.
func oneDay(d *event.Date) bool { return d != nil && d.Start == d.End }

// vagueDate: a date the text states that spans a week or more.
func vagueDate(d *event.Date) bool {
	s, e, ok := interval(d)
	return ok && e-s >= 6
}

// published is the day a source was published ("" when unknown).
func published(day string) (int64, bool) { return parseDay(day) }

// Cluster groups a batch of members the way the store does incrementally:
// in order, each member joins the best matching cluster so far or starts
// one. It returns the member indices of each cluster, clusters in the order
// they were started. Like the store, it only offers a member the clusters
// whose date or publication span (PublicationSpan) comes within Window of
// one of its query spans (QuerySpans).
func Cluster(members []Member) [][]int {
	var (
		groups  [][]int
		records []event.Stored
		index   = newDayIndex()
	)
	for i := range members {
		m := &members[i]
		var near []int
		for _, k := range index.near(QuerySpans(m.Doc, &m.Event)) {
			if len(groups[k]) > 0 { // not bridged into another
				near = append(near, k)
			}
		}
		cs := make([]*event.Stored, len(near))
		for j, k := range near {
			cs[j] = &records[k]
		}
		j, _, others := ChooseAll(cs, m.Doc, &m.Event)
		if j < 0 {
			groups = append(groups, []int{i})
			records = append(records, Merge("c"+strconv.Itoa(len(records)+1), []Member{*m}))
			index.add(len(records)-1, &records[len(records)-1])
			continue
		}
		best := near[j]
		m.Why = Explain(&records[best], m.Doc, &m.Event)
		groups[best] = append(groups[best], i)
		records[best] = Merge(records[best].ClusterID, membersOf(members, groups[best]))
		for _, o := range others {
			k := near[o]
			why, ok := Bridge(&records[best], &records[k])
			if !ok {
				continue
			}
			members[groups[k][0]].Why = why
			groups[best] = append(groups[best], groups[k]...)
			groups[k] = nil
			records[best] = Merge(records[best].ClusterID, membersOf(members, groups[best]))
		}
		index.add(best, &records[best])
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func membersOf(members []Member, idx []int) []Member {
	ms := make([]Member, len(idx))
	for j, k := range idx {
		ms[j] = members[k]
	}
	return ms
}

// Span is a closed interval of days (days since 1970-01-01).
type Span struct{ Start, End int64 }

// Day formats a day number as YYYY-MM-DD (the inverse of parseDay,
// without time.Format: the store formats the query spans of every event).
func Day(n int64) string {
	// Civil from days (Howard Hinnant's algorithm).
	z := n + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	b := []byte("0000-00-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b)
}

// QuerySpans are the day intervals in which an event looks for clusters
// to join: its own date interval, and the lag days before its publication
// (where a misread date puts the occurrence: publishedFit), each widened
// by Window. nil when the event has no date.
func QuerySpans(doc event.Doc, e *event.Event) []Span {
	s, end, ok := dateRange(e.Date)
	if !ok {
		return nil
	}
	w := int64(Window / (24 * time.Hour))
	out := []Span{{s - w, end + w}}
	if p, ok := published(doc.Published); ok && (p-lag < s || p > end) {
		pub := Span{p - lag - w, p + w}
		if pub.Start <= out[0].End+1 && pub.End >= out[0].Start-1 {
			// Most reports are dated near their publication: one span,
			// so that the store scans its candidates once.
			out[0] = Span{min(out[0].Start, pub.Start), max(out[0].End, pub.End)}
		} else {
			out = append(out, pub)
		}
	}
	return out
}

// PublicationSpan is the second day interval a cluster is found under,
// beside its date: the days its reports were published, from the lag
// before the first, so that a later report whose date was read right finds
// a cluster whose first report's date was misread (BBC's Afrin report
// dated to January, when the offensive began: the reverse of QuerySpans).
// Reports published over more than a week (a campaign recalled for months)
// count from the first report's publication alone: a long span would
// offer the cluster to every event of those weeks.
func PublicationSpan(st *event.Stored) (Span, bool) {
	var span Span
	ok := false
	for _, src := range st.Sources {
		p, good := published(src.Published)
		if !good {
			continue
		}
		if !ok {
			span, ok = Span{p - lag, p}, true
			continue
		}
		if wider := (Span{min(span.Start, p-lag), max(span.End, p)}); wider.End-wider.Start <= lag+7 {
			span = wider
		}
	}
	return span, ok
}

// dayIndex finds the clusters whose index span comes near a query span.
// Clusters are filed under each day of their span; long spans (a month, a
// year) go to a list every query scans, so that a vague date costs one
// comparison rather than hundreds of entries. A cluster whose span moves
// is filed again; stale entries only cost a Match that rejects.
type dayIndex struct {
	days map[int64][]int
	long []int
	seen map[int]int // cluster → query number, to offer each cluster once
	q    int
}

const longInterval = 62 // days

func newDayIndex() *dayIndex { return &dayIndex{days: map[int64][]int{}, seen: map[int]int{}} }

func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

func (x *dayIndex) add(k int, st *event.Stored) {
	s, e, ok := dateRange(st.Date)
	if !ok {
		return // no date matches nothing (dateFit)
	}
	if e-s > longInterval {
		x.long = append(x.long, k)
	} else {
		for day := s; day <= e; day++ {
			x.days[day] = append(x.days[day], k)
		}
	}
	if p, ok := PublicationSpan(st); ok {
		for day := p.Start; day <= p.End; day++ {
			x.days[day] = append(x.days[day], k)
		}
	}
}

func (x *dayIndex) near(spans []Span) []int {
	if len(spans) == 0 {
		return nil
	}
	x.q++
	var out []int
	offer := func(k int) {
		if x.seen[k] != x.q {
			x.seen[k] = x.q
			out = append(out, k)
		}
	}
	for _, sp := range spans {
		for day := sp.Start; day <= sp.End; day++ {
			for _, k := range x.days[day] {
				offer(k)
			}
		}
	}
	for _, k := range x.long {
		offer(k)
	}
	sort.Ints(out) // the earliest cluster wins ties, as without the index
	return out
}

func dateRange(d *event.Date) (start, end int64, ok bool) {
	if d == nil {
		return 0, 0, false
	}
	s, ok1 := parseDay(d.Start)
	e, ok2 := parseDay(d.End)
	if !ok1 || !ok2 || e < s {
		return 0, 0, false
	}
	return s, e, true
}

// latestNews: both dates are a day or two, as interval reads them: a day
// the text gives, or a report's undated latest news.
func latestNews(a, b *event.Date) bool {
	as, ae, ok1 := matchRange(a)
	bs, be, ok2 := matchRange(b)
	return ok1 && ok2 && ae-as <= 1 && be-bs <= 1
}

// firersAgree: of an intercepted missile and a strike, the side that fired
// the one (the interception's second actor) and the side that struck in
// the other do not contradict each other.
func firersAgree(a, b *event.Event) bool {
	if a.SubEventType == disruptedWeapon {
		a, b = b, a
	}
	return roleFit(a.Actor1, a.AssocActor1, b.Actor2, b.AssocActor2) != conflict
}

// twoSpots: two places named to the town or the district, neither of
// which a reader could take for its province (provinceName).
func twoSpots(a, b *event.Location) bool {
	return a != nil && b != nil && precision(a) <= 2 && precision(b) <= 2 && a.PlaceID != b.PlaceID &&
		provinceName(a) == "" && provinceName(b) == ""
}
