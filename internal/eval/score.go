package eval

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"rasd/internal/event"
)

// Field is one of the per-field scores of ANNOTATION.md, in its order.
type Field int

const (
	SubEventType Field = iota
	Actor1
	Actor2
	Location
	Date
	Fatalities
	Background
	Aggregate
	numFields
)

// Fields lists every scored field in report order. FieldMean averages
// exactly these eight; event_type is not among them because it is equal on
// every matched pair by construction and would only pad the mean.
var Fields = [numFields]Field{SubEventType, Actor1, Actor2, Location, Date, Fatalities, Background, Aggregate}

var fieldNames = [numFields]string{"sub_event_type", "actor1", "actor2", "location", "date", "fatalities", "background", "aggregate"}

func (f Field) String() string {
	if f < 0 || f >= numFields {
		return "field(" + strconv.Itoa(int(f)) + ")"
	}
	return fieldNames[f]
}

// LocationRadiusKM is how far a system point may lie from a gold
// geo_precision 1 point and still count as right.
const LocationRadiusKM = 15.0

// Score matches system events to gold events document by document and
// measures them, following ANNOTATION.md:
//
//   - A system and a gold event are candidates when their event_type is equal
//     and their evidence overlaps by at least one code point.
//   - Overlap is the number of code points covered both by the union of the
//     system event's evidence spans and by the union of the gold event's.
//     Summing over all spans, rather than taking the best single span pair,
//     lets an event reported in two sentences win over a neighbour that
//     shares only one of them.
//   - Candidates are paired one to one, greedily: largest overlap first; on
//     equal overlap, the pair that agrees on more scored fields (two events
//     coded from one sentence, as with a toll split over two places, can only
//     be told apart by content); then lower gold index, then lower system
//     index, so the result never depends on map order.
//
// System results are joined to gold by Doc.ID; several results with one id
// are pooled. A gold document with no result has every event missed. Results
// whose id is not in gold are listed in Report.Unscored and counted nowhere:
// without annotations their events are neither right nor wrong.
func Score(gold []GoldDoc, system []event.Result) Report {
	byID := map[string][]event.Event{}
	has := map[string]bool{}
	var order []string
	for _, r := range system {
		if !has[r.Doc.ID] {
			order = append(order, r.Doc.ID)
		}
		has[r.Doc.ID] = true
		byID[r.Doc.ID] = append(byID[r.Doc.ID], r.Events...)
	}

	rep := Report{Documents: []DocReport{}}
	inGold := map[string]bool{}
	types := map[string]*TypeCounts{}
	var correct [numFields]int
	for _, g := range gold {
		inGold[g.ID] = true
		dr, ok := scoreDoc(g, byID[g.ID], has[g.ID])
		for i, c := range ok {
			correct[i] += c
		}
		rep.Events.Gold += dr.Gold
		rep.Events.System += dr.System
		rep.Events.Matched += dr.Matched
		countTypes(types, g, byID[g.ID], dr)
		rep.Documents = append(rep.Documents, dr)
	}
	for _, id := range order {
		if !inGold[id] {
			rep.Unscored = append(rep.Unscored, id)
		}
	}

	rep.Events.finish()
	rep.ByType = sortTypes(types)
	for _, f := range Fields {
		*rep.FieldCorrect.ptr(f) = correct[f]
		acc := ratio(correct[f], rep.Events.Matched)
		*rep.Fields.ptr(f) = acc
		rep.FieldMean += acc / float64(numFields)
	}
	return rep
}

// ratio is n/d with 0 for an empty denominator: a figure with nothing to
// measure reads as 0 rather than NaN, which JSON cannot carry.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func (c *Counts) finish() {
	c.Precision = ratio(c.Matched, c.System)
	c.Recall = ratio(c.Matched, c.Gold)
	if c.Precision+c.Recall > 0 {
		c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
	}
}

func countTypes(types map[string]*TypeCounts, g GoldDoc, sys []event.Event, dr DocReport) {
	at := func(t string) *TypeCounts {
		tc := types[t]
		if tc == nil {
			tc = &TypeCounts{EventType: t}
			types[t] = tc
		}
		return tc
	}
	for _, e := range g.Events {
		at(e.EventType).Gold++
	}
	for _, e := range sys {
		at(e.EventType).System++
	}
	for _, p := range dr.Pairs {
		at(p.EventType).Matched++
	}
}

// sortTypes puts ACLED's six types first in ACLED's order, then any other
// type a system produced, by name, so a misspelt type shows up on its own row.
func sortTypes(types map[string]*TypeCounts) []TypeCounts {
	rank := func(t string) int {
		if i := slices.Index(event.EventTypes, t); i >= 0 {
			return i
		}
		return len(event.EventTypes)
	}
	out := make([]TypeCounts, 0, len(types))
	for _, tc := range types {
		tc.finish()
		out = append(out, *tc)
	}
	slices.SortFunc(out, func(a, b TypeCounts) int {
		return cmp.Or(cmp.Compare(rank(a.EventType), rank(b.EventType)), strings.Compare(a.EventType, b.EventType))
	})
	return out
}

type candidate struct {
	gold, sys int
	overlap   int
	agree     int
	checks    [numFields]check
}

// scoreDoc matches one document and returns its report and, per field, how
// many matched pairs got it right.
func scoreDoc(g GoldDoc, sys []event.Event, hasResult bool) (DocReport, [numFields]int) {
	text := []rune(g.Text)
	dr := DocReport{
		ID: g.ID, Title: g.Title, HasResult: hasResult,
		Gold: len(g.Events), System: len(sys),
		Pairs: []Pair{}, Missed: []EventRef{}, Spurious: []EventRef{},
	}
	dr.Warnings = spanWarnings(sys, text)

	goldIv := make([][]interval, len(g.Events))
	for i, e := range g.Events {
		goldIv[i] = merge(e.Evidence)
	}
	sysIv := make([][]interval, len(sys))
	for j, e := range sys {
		sysIv[j] = merge(e.Evidence)
	}

	// overlaps[i][j] is kept for every pair, typed or not, so that misses
	// and spurious events can say what they overlapped and why no pair formed.
	overlaps := make([][]int, len(g.Events))
	var cands []candidate
	for i, ge := range g.Events {
		overlaps[i] = make([]int, len(sys))
		for j, se := range sys {
			ov := intersect(goldIv[i], sysIv[j])
			overlaps[i][j] = ov
			if ov == 0 || ge.EventType != se.EventType {
				continue
			}
			c := candidate{gold: i, sys: j, overlap: ov, checks: checkFields(ge, se)}
			for _, ch := range c.checks {
				if ch.ok {
					c.agree++
				}
			}
			cands = append(cands, c)
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(
			cmp.Compare(b.overlap, a.overlap),
			cmp.Compare(b.agree, a.agree),
			cmp.Compare(a.gold, b.gold),
			cmp.Compare(a.sys, b.sys),
		)
	})

	goldTo := make([]int, len(g.Events))
	sysTo := make([]int, len(sys))
	for i := range goldTo {
		goldTo[i] = -1
	}
	for j := range sysTo {
		sysTo[j] = -1
	}
	var correct [numFields]int
	var pairs []candidate
	for _, c := range cands {
		if goldTo[c.gold] >= 0 || sysTo[c.sys] >= 0 {
			continue
		}
		goldTo[c.gold], sysTo[c.sys] = c.sys, c.gold
		pairs = append(pairs, c)
	}
	// Report pairs in gold order, which is how a reader walks the article.
	slices.SortFunc(pairs, func(a, b candidate) int { return cmp.Compare(a.gold, b.gold) })
	for _, c := range pairs {
		ge, se := g.Events[c.gold], sys[c.sys]
		p := Pair{
			Gold: c.gold, System: c.sys, SystemID: se.ID,
			EventType: ge.EventType, Overlap: c.overlap, Diffs: []FieldDiff{},
			Note: ge.Note, GoldEvidence: ge.Evidence, SystemEvidence: evidence(se.Evidence, text),
		}
		for _, f := range Fields {
			ch := c.checks[f]
			if ch.ok {
				correct[f]++
				continue
			}
			p.Diffs = append(p.Diffs, FieldDiff{Field: f.String(), Gold: ch.gold, System: ch.sys, Detail: ch.detail})
		}
		dr.Pairs = append(dr.Pairs, p)
	}
	dr.Matched = len(pairs)

	for i, ge := range g.Events {
		if goldTo[i] >= 0 {
			continue
		}
		ref := EventRef{Index: i, EventType: ge.EventType, SubEventType: ge.SubEventType, Note: ge.Note, Evidence: ge.Evidence}
		for j, se := range sys {
			if overlaps[i][j] > 0 {
				ref.Overlaps = append(ref.Overlaps, Overlap{
					Index: j, ID: se.ID, EventType: se.EventType, SubEventType: se.SubEventType,
					Overlap: overlaps[i][j], Reason: whyNot(ge.EventType, se.EventType, sysTo[j], "gold"),
				})
			}
		}
		dr.Missed = append(dr.Missed, ref)
	}
	for j, se := range sys {
		if sysTo[j] >= 0 {
			continue
		}
		ref := EventRef{Index: j, ID: se.ID, EventType: se.EventType, SubEventType: se.SubEventType, Evidence: evidence(se.Evidence, text)}
		for i, ge := range g.Events {
			if overlaps[i][j] > 0 {
				ref.Overlaps = append(ref.Overlaps, Overlap{
					Index: i, EventType: ge.EventType, SubEventType: ge.SubEventType,
					Overlap: overlaps[i][j], Reason: whyNot(se.EventType, ge.EventType, goldTo[i], "system"),
				})
			}
		}
		dr.Spurious = append(dr.Spurious, ref)
	}
	return dr, correct
}

func whyNot(mine, theirs string, pairedWith int, side string) string {
	if mine != theirs {
		return "event_type differs"
	}
	return fmt.Sprintf("paired with %s[%d]", side, pairedWith)
}

// spanWarnings flags system evidence that cannot be scored as meant: no
// evidence means no match is possible, and text that differs from the slice
// at its offsets usually means byte or UTF-16 offsets, which silently shift
// every span.
func spanWarnings(sys []event.Event, text []rune) []string {
	var w []string
	for j, e := range sys {
		if len(e.Evidence) == 0 {
			w = append(w, fmt.Sprintf("system[%d] %s has no evidence spans and cannot match", j, e.ID))
		}
		for _, s := range e.Evidence {
			switch {
			case s.Start < 0 || s.End <= s.Start || s.End > len(text):
				w = append(w, fmt.Sprintf("system[%d] %s: evidence span %d..%d is empty or outside the text's %d code points", j, e.ID, s.Start, s.End, len(text)))
			case s.Text != "" && string(text[s.Start:s.End]) != s.Text:
				w = append(w, fmt.Sprintf("system[%d] %s: evidence span %d..%d does not read %q in the text (offsets not in code points?)", j, e.ID, s.Start, s.End, trim(s.Text, 40)))
			}
		}
	}
	return w
}

// evidence fills in span text a system left empty, so the report can show it.
func evidence(spans []event.Span, text []rune) []event.Span {
	out := make([]event.Span, len(spans))
	for i, s := range spans {
		if s.Text == "" && s.Start >= 0 && s.Start < s.End && s.End <= len(text) {
			s.Text = string(text[s.Start:s.End])
		}
		out[i] = s
	}
	return out
}

type interval struct{ start, end int }

// merge turns spans into sorted disjoint intervals, so that a system quoting
// one sentence twice does not count its overlap twice.
func merge(spans []event.Span) []interval {
	var iv []interval
	for _, s := range spans {
		if s.End > s.Start {
			iv = append(iv, interval{s.Start, s.End})
		}
	}
	slices.SortFunc(iv, func(a, b interval) int { return cmp.Compare(a.start, b.start) })
	out := iv[:0]
	for _, x := range iv {
		if n := len(out); n > 0 && x.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// intersect counts the code points two sorted disjoint interval lists share.
func intersect(a, b []interval) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if lo, hi := max(a[i].start, b[j].start), min(a[i].end, b[j].end); hi > lo {
			n += hi - lo
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return n
}

// check is one field's verdict on a pair, with both values rendered for the
// report.
type check struct {
	ok        bool
	gold, sys string
	detail    string
}

func checkFields(g GoldEvent, s event.Event) [numFields]check {
	var c [numFields]check
	c[SubEventType] = same(g.SubEventType, s.SubEventType)
	c[Actor1] = same(nullable(g.Actor1), nullable(actorID(s.Actor1)))
	c[Actor2] = same(nullable(g.Actor2), nullable(actorID(s.Actor2)))
	if g.SubEventType == ArmedClash {
		// Who struck first is often not in the text: the two sides of an
		// armed clash are an unordered pair, both right or both wrong.
		ok := samePair(c[Actor1].gold, c[Actor2].gold, c[Actor1].sys, c[Actor2].sys)
		c[Actor1].ok, c[Actor2].ok = ok, ok
		if !ok || c[Actor1].gold != c[Actor1].sys {
			c[Actor1].detail = "armed-clash sides compared as an unordered pair"
			c[Actor2].detail = c[Actor1].detail
		}
	}
	c[Location] = checkLocation(g.Location, s.Location)
	c[Date] = checkDate(g.Date, s.Date)
	c[Fatalities] = checkFatalities(g.Fatalities, s.Fatalities)
	c[Background] = same(strconv.FormatBool(g.Background), strconv.FormatBool(s.Background))
	c[Aggregate] = same(strconv.FormatBool(g.Aggregate), strconv.FormatBool(s.Aggregate))
	return c
}

// ArmedClash is the one sub-event type whose sides ANNOTATION.md scores as
// an unordered pair.
const ArmedClash = "Armed clash"

func samePair(g1, g2, s1, s2 string) bool {
	return g1 == s1 && g2 == s2 || g1 == s2 && g2 == s1
}

func same(g, s string) check { return check{ok: g == s, gold: g, sys: s} }

func nullable(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

func actorID(a *event.Actor) string {
	if a == nil {
		return ""
	}
	return a.ID
}

// checkLocation applies ANNOTATION.md's two tests. A precision-1 gold event
// without a point (lat/lon null) cannot be measured in km, so it falls back
// to the admin1 test. Empty admin1 on both sides counts as equal, like any
// other null-equals-null field: gold leaves admin1 null for places outside
// SCHEMA.md's governorate table, and a system that agrees should not lose.
func checkLocation(g *GoldLocation, s *event.Location) check {
	c := check{gold: goldPlace(g), sys: sysPlace(s)}
	switch {
	case g == nil:
		c.ok = s == nil
	case s == nil:
	case g.GeoPrecision == 1 && g.Lat != nil && g.Lon != nil:
		d := haversineKM(*g.Lat, *g.Lon, s.Lat, s.Lon)
		c.ok = d <= LocationRadiusKM
		c.detail = fmt.Sprintf("%.1f km from the gold point (limit %g km)", d, LocationRadiusKM)
	default:
		c.ok = g.Admin1 == s.Admin1
		c.detail = "admin1 compared (gold geo_precision " + strconv.Itoa(g.GeoPrecision) + ")"
		if g.GeoPrecision == 1 {
			c.detail = "admin1 compared (gold geo_precision 1 without a point)"
		}
	}
	return c
}

func goldPlace(g *GoldLocation) string {
	if g == nil {
		return "null"
	}
	name := cmp.Or(g.NameEN, g.NameAR)
	pt := "no point"
	if g.Lat != nil && g.Lon != nil {
		pt = fmt.Sprintf("%.4f,%.4f", *g.Lat, *g.Lon)
	}
	return fmt.Sprintf("%s%s (%s, p%d)", nullable(g.Admin1), named(name), pt, g.GeoPrecision)
}

func sysPlace(s *event.Location) string {
	if s == nil {
		return "null"
	}
	name := cmp.Or(s.NameEN, s.NameAR, s.Text)
	return fmt.Sprintf("%s%s (%.4f,%.4f, p%d)", nullable(s.Admin1), named(name), s.Lat, s.Lon, s.GeoPrecision)
}

func named(name string) string {
	if name == "" {
		return ""
	}
	return " / " + name
}

// haversineKM is the great-circle distance on the mean Earth radius; at
// 15 km the spherical error is a few metres, far below gazetteer noise.
func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// checkDate tests the system's event_date, the single day a table shows,
// against the gold interval; the system's own interval is not scored. A
// missing or malformed event_date is wrong.
func checkDate(g *GoldDate, s *event.Date) check {
	c := check{gold: "null", sys: "null"}
	if g != nil {
		c.gold = g.Start
		if g.End != g.Start {
			c.gold = g.Start + ".." + g.End
		}
	}
	if s != nil {
		c.sys = s.EventDate
		if s.EventDate == "" {
			c.sys = "no event_date"
		}
	}
	switch {
	case g == nil:
		c.ok = s == nil
	case s == nil:
	default:
		d, err := time.Parse(dayLayout, s.EventDate)
		if err != nil {
			c.detail = "event_date is not YYYY-MM-DD"
			return c
		}
		start, _ := time.Parse(dayLayout, g.Start)
		end, _ := time.Parse(dayLayout, g.End)
		c.ok = !d.Before(start) && !d.After(end)
	}
	return c
}

func checkFatalities(g *int, s *event.Fatalities) check {
	c := check{gold: "null", sys: "null"}
	if g != nil {
		c.gold = strconv.Itoa(*g)
	}
	if s != nil {
		c.sys = strconv.Itoa(s.Count)
	}
	c.ok = c.gold == c.sys
	return c
}
