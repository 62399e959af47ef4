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
}

// Window widens a new event's date interval when the store preselects
// candidate clusters. Match never accepts a cluster whose date interval is
// further than Window from the event's, so preselecting with it loses
// nothing.
const Window = 2 * 24 * time.Hour

// Match says whether event e (from doc) reports the same occurrence as
// cluster c, and how well (0..1).
func Match(c *event.Stored, doc event.Doc, e *event.Event) (score float64, ok bool) {
	score, r := judge(c, doc, e)
	return score, r == fits
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
)

// judge scores e against c, or says which rule keeps them apart.
func judge(c *event.Stored, doc event.Doc, e *event.Event) (score float64, r rule) {
	for _, s := range c.Sources {
		if s.DocID == doc.ID {
			// One document names each occurrence once (the extractor
			// already merged its sentences); two of its events are two
			// occurrences.
			return 0, sameDocument
		}
	}
	if c.Aggregate != e.Aggregate {
		return 0, aggregateMismatch
	}
	t, ok := typeFit(c.EventType, c.SubEventType, e.EventType, e.SubEventType)
	if !ok {
		return 0, typeMismatch
	}
	a, ok := actorFit(&c.Event, e)
	if !ok {
		return 0, actorConflict
	}
	p, ok := placeFit(c.Location, e.Location)
	if !ok {
		return 0, placeApart
	}
	d, ok := dateFit(c.Date, e.Date)
	if !ok {
		return 0, dateApart
	}
	// Reports and the extractor disagree about who acted more often than
	// about where: an agency, a dateline or the victims' side read as the
	// attacker. When both put the event in one district on the same days,
	// that disagreement does not split it; when the places are vague, the
	// actors must be compatible.
	if a.conflict && p.level < placeAdmin2 {
		return 0, actorConflict
	}
	// Type and date agree for most events of a busy week in one province;
	// without a place or an actor that both sides name, agreement is
	// coincidence more often than not.
	if p.level < placeAdmin2 && a.named == 0 {
		return 0, nothingInCommon
	}
	return weightType*t + weightActors*a.score + weightPlace*p.score + weightDate*d, fits
}

// The place weighs most because outlets agree on where far more reliably
// than on who (roles swap, one outlet names the group and another doesn't).
const (
	weightType   = 0.15
	weightActors = 0.25
	weightPlace  = 0.40
	weightDate   = 0.20
)

// Cluster groups a batch of members the way the store does incrementally:
// in order, each member joins the best matching cluster so far or starts
// one. It returns the member indices of each cluster, clusters in the order
// they were started. Like the store, it only offers a member the clusters
// whose dates lie within Window of its own.
func Cluster(members []Member) [][]int {
	var (
		groups  [][]int
		records []event.Stored
		index   = newDayIndex()
	)
	for i := range members {
		m := &members[i]
		best, bestScore := -1, 0.0
		for _, k := range index.near(m.Event.Date) {
			if s, ok := Match(&records[k], m.Doc, &m.Event); ok && s > bestScore {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			groups = append(groups, []int{i})
			records = append(records, Merge("c"+strconv.Itoa(len(records)+1), []Member{*m}))
			index.add(len(records)-1, records[len(records)-1].Date)
			continue
		}
		groups[best] = append(groups[best], i)
		ms := make([]Member, len(groups[best]))
		for j, idx := range groups[best] {
			ms[j] = members[idx]
		}
		records[best] = Merge(records[best].ClusterID, ms)
		index.add(best, records[best].Date)
	}
	return groups
}

// dayIndex finds the clusters whose date interval comes within Window of a
// day range. Clusters are filed under each day of their interval; long
// intervals (a month, a year) go to a list every query scans, so that a
// vague date costs one comparison rather than hundreds of entries. A
// cluster whose merged date moves is filed again; stale entries only cost
// a Match that the date rule rejects.
type dayIndex struct {
	days map[int64][]int
	long []int
	seen map[int]int // cluster → query number, to offer each cluster once
	q    int
}

const longInterval = 62 // days

func newDayIndex() *dayIndex { return &dayIndex{days: map[int64][]int{}, seen: map[int]int{}} }

func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

func (x *dayIndex) add(k int, d *event.Date) {
	s, e, ok := dateRange(d)
	if !ok {
		return // no date matches nothing (dateFit)
	}
	if e-s > longInterval {
		x.long = append(x.long, k)
		return
	}
	for day := s; day <= e; day++ {
		x.days[day] = append(x.days[day], k)
	}
}

func (x *dayIndex) near(d *event.Date) []int {
	s, e, ok := dateRange(d)
	if !ok {
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
	w := int64(Window / (24 * time.Hour))
	for day := s - w; day <= e+w; day++ {
		for _, k := range x.days[day] {
			offer(k)
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
	s, err1 := time.Parse(time.DateOnly, d.Start)
	e, err2 := time.Parse(time.DateOnly, d.End)
	if err1 != nil || err2 != nil || e.Before(s) {
		return 0, 0, false
	}
	return dayNumber(s), dayNumber(e), true
}
