package trend

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"rasd/internal/event"
)

// Alert kinds.
const (
	KindSurge    = "surge"          // ACLED Subnational Surge
	KindThreat   = "threat"         // ACLED Subnational Threat
	KindEmerging = "emerging_actor" // ACLED Emerging Actor, with rasd's silence span
	KindHighest  = "highest"        // highest weekly count in N weeks
	KindTrend    = "trend"          // a Trendfinder band other than limited change
)

// Key kinds.
const (
	ByAdmin1 = "admin1"
	ByActor  = "actor"
)

// Report is what Compute returns and what GET /api/alerts serves; its JSON
// shape is part of rasd's API. Dates are YYYY-MM-DD.
type Report struct {
	AsOf      string `json:"as_of"`
	Week      string `json:"week"`       // the current week, ISO label (2019-W12)
	WeekStart string `json:"week_start"` // its Monday
	WeekEnd   string `json:"week_end"`   // its Sunday
	DataStart string `json:"data_start"` // earliest report (or event date, when unreported) read; "" when none
	// CoveredFrom is the Monday the data's unbroken reporting begins, going
	// back from the current week (no gap of more than MaxGapWeeks weeks
	// without a report); "" when the data do not reach the current week,
	// and then no rule is applied.
	CoveredFrom string     `json:"covered_from"`
	Events      int        `json:"events"`   // events read, dated up to week_end
	Violent     int        `json:"violent"`  // of which political violence (IsViolent)
	Later       int        `json:"later"`    // dated after week_end, not counted
	Undated     int        `json:"undated"`  // without an event_date, not counted
	Vague       int        `json:"vague"`    // dated only to more than a month (ErrVagueDate), not counted
	Misdated    int        `json:"misdated"` // dated after every report of them (ErrAfterReport), not counted
	Alerts      []Alert    `json:"alerts"`
	Keys        []KeyTrend `json:"keys"`
}

// Alert is one rule firing for one governorate or actor.
type Alert struct {
	Kind    string `json:"kind"`     // one of the Kind constants
	KeyKind string `json:"key_kind"` // admin1 or actor
	Key     string `json:"key"`      // admin1 name or actor id
	Country string `json:"country,omitempty"`
	// An actor's names, as its events give them, so that a reader of
	// the alert sees "Houthis" or «الحوثيون» rather than the id; empty for
	// governorates and for events added without them (Add).
	NameEN string `json:"name_en,omitempty"`
	NameAR string `json:"name_ar,omitempty"`
	Band   string `json:"band,omitempty"` // trend alerts: the Trendfinder band
	From   string `json:"from"`           // the period Current covers
	To     string `json:"to"`
	// Current and Baseline are events per week (for emerging actors:
	// violent events in the last four weeks, and 0). Change is
	// (Current − Baseline) / Baseline, null when Baseline is 0. Weeks is
	// how many weeks Baseline averages over; for "highest", N.
	Current    float64  `json:"current"`
	Baseline   float64  `json:"baseline"`
	Change     *float64 `json:"change"`
	Weeks      int      `json:"weeks"`
	Fatalities int      `json:"fatalities"`          // in the events below
	LastSeen   string   `json:"last_seen,omitempty"` // emerging actors seen before
	Message    string   `json:"message"`
	Events     []string `json:"events"` // cluster ids behind the alert, newest first
}

// KeyTrend is the weekly picture of one governorate or actor, alert or not.
type KeyTrend struct {
	KeyKind string   `json:"key_kind"`
	Key     string   `json:"key"`
	Country string   `json:"country,omitempty"`
	Week    int      `json:"week"`  // violent events in the current week
	Month   int      `json:"month"` // in the four weeks ending with it
	Avg4    *float64 `json:"avg4"`  // weekly average of the four weeks before; null when not covered
	Avg52   *float64 `json:"avg52"` // of the 52 weeks before (or those covered); null when too few
	Weeks52 int      `json:"weeks52"`
	Band4   string   `json:"band4"` // "" when Avg4 is null
	Band52  string   `json:"band52"`
	// Weekly holds violent events per week, oldest first, ending with the
	// current week; it starts at WeeklyStart (a Monday), at most 52 weeks
	// earlier and never before the data begin.
	WeeklyStart string `json:"weekly_start"`
	Weekly      []int  `json:"weekly"`
}

// Compute is Builder for events already in memory.
func Compute(events []Event, asOf time.Time, opt Options) Report {
	b := NewBuilder(asOf, opt)
	for i := range events {
		b.Add(events[i])
	}
	return b.Report()
}

// Builder takes events one at a time, so that a store can stream them: it
// keeps weekly counts per key and the ids of the last four weeks' violent
// events, never the events themselves.
type Builder struct {
	asOf        time.Time
	cur         Week
	windowStart time.Time // Monday of the four weeks ending with cur
	opt         Options

	dataStart                time.Time
	reported                 map[Week]bool // weeks in which some document reported an event
	read, violent, later     int
	undated, vague, misdated int
	keys                     map[keyID]*keyState
	names                    map[string]event.Actor // actor id → its names, from AddStored
}

type keyID struct{ kind, country, name string }

type keyState struct {
	weekly   Series
	recent   []ref     // violent events of the last four weeks
	lastSeen time.Time // actors: latest event of any type before windowStart
	nonState bool
}

type ref struct {
	id         string
	date       time.Time
	week       Week
	fatalities int
}

// NewBuilder starts a report as of asOf; see CurrentWeek for which week
// that is.
func NewBuilder(asOf time.Time, opt Options) *Builder {
	cur := CurrentWeek(asOf)
	return &Builder{
		asOf:        day(asOf),
		cur:         cur,
		windowStart: (cur - 3).Monday(),
		opt:         opt,
		keys:        map[keyID]*keyState{},
		reported:    map[Week]bool{},
		names:       map[string]event.Actor{},
	}
}

// AddStored converts and adds one stored event; one that FromStored
// refuses is counted in Report.Undated, Vague or Misdated instead.
func (b *Builder) AddStored(s *event.Stored) {
	// A refused event still shows that its documents were published.
	b.NoteReports(s)
	for _, a := range []*event.Actor{s.Actor1, s.Actor2} {
		if a != nil && a.ID != "" && (a.NameEN != "" || a.NameAR != "") {
			b.names[a.ID] = event.Actor{NameEN: a.NameEN, NameAR: a.NameAR}
		}
	}
	e, err := FromStored(s)
	switch {
	case errors.Is(err, ErrVagueDate):
		b.vague++
	case errors.Is(err, ErrAfterReport):
		b.misdated++
	case err != nil:
		b.undated++
	default:
		b.Add(e)
	}
}

// Add counts one event in its week under its governorate and each of its
// two actors. Events after the current week are counted in Report.Later
// only.
func (b *Builder) Add(e Event) {
	if e.Date.IsZero() {
		b.undated++
		return
	}
	d := day(e.Date)
	if len(e.Reports) == 0 {
		b.report(d)
	}
	for _, p := range e.Reports {
		b.report(p)
	}
	if d.After(b.cur.Sunday()) {
		b.later++
		return
	}
	b.read++
	if e.Violent {
		b.violent++
	}
	if e.Admin1 != "" {
		b.count(keyID{ByAdmin1, e.Country, e.Admin1}, e, d, false)
	}
	if e.Actor1 != "" {
		b.count(keyID{ByActor, "", e.Actor1}, e, d, NonState(e.Actor1, e.Actor1Type))
	}
	if e.Actor2 != "" && e.Actor2 != e.Actor1 {
		b.count(keyID{ByActor, "", e.Actor2}, e, d, NonState(e.Actor2, e.Actor2Type))
	}
}

// NoteReports records the weeks in which s's documents were published,
// without counting s. A caller that adds only some events (one governorate,
// one country) passes every event of the store here first, so that weeks
// with news from elsewhere still count as observed.
func (b *Builder) NoteReports(s *event.Stored) {
	for _, src := range s.Sources {
		if p, err := time.Parse(dateLayout, src.Published); err == nil {
			b.report(p)
		}
	}
}

// report notes that a document was published on day t.
func (b *Builder) report(t time.Time) {
	t = day(t)
	b.reported[WeekOf(t)] = true
	if b.dataStart.IsZero() || t.Before(b.dataStart) {
		b.dataStart = t
	}
}

func (b *Builder) count(k keyID, e Event, d time.Time, nonState bool) {
	st := b.keys[k]
	if st == nil {
		st = &keyState{weekly: Series{}, nonState: nonState}
		b.keys[k] = st
	}
	if d.Before(b.windowStart) && d.After(st.lastSeen) {
		st.lastSeen = d
	}
	if !e.Violent {
		return
	}
	w := WeekOf(d)
	st.weekly[w]++
	if w >= b.cur-3 {
		st.recent = append(st.recent, ref{e.ClusterID, d, w, e.Fatalities})
	}
}

// Report applies every rule to every key.
func (b *Builder) Report() Report {
	r := Report{
		AsOf:      b.asOf.Format(dateLayout),
		Week:      b.cur.String(),
		WeekStart: b.cur.Monday().Format(dateLayout),
		WeekEnd:   b.cur.Sunday().Format(dateLayout),
		Events:    b.read,
		Violent:   b.violent,
		Later:     b.later,
		Undated:   b.undated,
		Vague:     b.vague,
		Misdated:  b.misdated,
		Alerts:    []Alert{},
		Keys:      []KeyTrend{},
	}
	if !b.dataStart.IsZero() {
		r.DataStart = b.dataStart.Format(dateLayout)
	}
	first, ok := coverage(b.reported, b.cur, b.opt.MaxGapWeeks)
	if b.read == 0 || !ok {
		return r
	}
	r.CoveredFrom = first.Monday().Format(dateLayout)
	ids := make([]keyID, 0, len(b.keys))
	for k := range b.keys {
		ids = append(ids, k)
	}
	slices.SortFunc(ids, func(x, y keyID) int {
		return cmp.Or(cmp.Compare(keyKindRank[x.kind], keyKindRank[y.kind]), cmp.Compare(x.country, y.country), cmp.Compare(x.name, y.name))
	})
	for _, k := range ids {
		st := b.keys[k]
		if kt, ok := b.keyTrend(k, st, first); ok {
			r.Keys = append(r.Keys, kt)
		}
		r.Alerts = append(r.Alerts, b.alerts(k, st, first)...)
	}
	slices.SortStableFunc(r.Alerts, func(x, y Alert) int {
		return cmp.Or(cmp.Compare(kindRank[x.Kind], kindRank[y.Kind]), cmp.Compare(keyKindRank[x.KeyKind], keyKindRank[y.KeyKind]),
			cmp.Compare(x.Country, y.Country), cmp.Compare(x.Key, y.Key), cmp.Compare(x.Weeks, y.Weeks))
	})
	return r
}

// Alerts and keys are listed governorates first, as ACLED's trackers are
// subnational, and the sharpest rules first.
var (
	kindRank    = map[string]int{KindSurge: 0, KindThreat: 1, KindEmerging: 2, KindHighest: 3, KindTrend: 4}
	keyKindRank = map[string]int{ByAdmin1: 0, ByActor: 1}
)

func (b *Builder) keyTrend(k keyID, st *keyState, first Week) (KeyTrend, bool) {
	from := max(b.cur-52, first)
	if st.weekly.sum(from, b.cur) == 0 {
		return KeyTrend{}, false
	}
	kt := KeyTrend{
		KeyKind: k.kind, Key: k.name, Country: k.country,
		Week:        st.weekly[b.cur],
		Month:       st.weekly.sum(b.cur-3, b.cur),
		WeeklyStart: from.Monday().Format(dateLayout),
	}
	for w := from; w <= b.cur; w++ {
		kt.Weekly = append(kt.Weekly, st.weekly[w])
	}
	if bd, f, ok := monthBand(st.weekly, b.cur, first); ok {
		kt.Band4, kt.Avg4 = bd, &f.baseline
	}
	if bd, f, ok := yearBand(st.weekly, b.cur, first, b.opt); ok {
		kt.Band52, kt.Avg52, kt.Weeks52 = bd, &f.baseline, f.weeks
	}
	return kt, true
}

func (b *Builder) alerts(k keyID, st *keyState, first Week) []Alert {
	var out []Alert
	name := k.name
	weekFrom, weekTo := b.cur.Monday(), b.cur.Sunday()
	monthFrom := b.windowStart
	add := func(kind string, f figures, from time.Time, whole bool, msg string) *Alert {
		a := Alert{
			Kind: kind, KeyKind: k.kind, Key: name, Country: k.country,
			From: from.Format(dateLayout), To: weekTo.Format(dateLayout),
			Current: f.current, Baseline: f.baseline, Change: f.change, Weeks: f.weeks,
			Message: msg, Events: []string{},
		}
		if k.kind == ByActor {
			n := b.names[k.name]
			a.NameEN, a.NameAR = n.NameEN, n.NameAR
		}
		for _, e := range st.recent {
			if whole || e.week == b.cur {
				a.Events = append(a.Events, e.id)
				a.Fatalities += e.fatalities
			}
		}
		out = append(out, a)
		return &out[len(out)-1]
	}
	slices.SortFunc(st.recent, func(x, y ref) int {
		return cmp.Or(y.date.Compare(x.date), cmp.Compare(x.id, y.id))
	})
	week := "the week of " + weekFrom.Format(dateLayout)

	if f, ok := surge(st.weekly, b.cur, first, b.opt); ok {
		add(KindSurge, f, weekFrom, false, fmt.Sprintf("%s: %s in %s, %s (Subnational Surge)",
			name, violentEvents(f.current), week, versus(f)))
	}
	if f, ok := threat(st.weekly, b.cur, first, b.opt); ok {
		add(KindThreat, f, monthFrom, true, fmt.Sprintf("%s: %s a week over the four weeks to %s, %s (Subnational Threat)",
			name, violentEvents(f.current), weekTo.Format(dateLayout), versus(f)))
	}
	if k.kind == ByActor && st.nonState {
		recent := len(st.recent)
		if emerging(recent, st.lastSeen, first.Monday(), b.windowStart, b.opt) {
			f := figures{current: float64(recent), weeks: 4}
			var msg string
			if st.lastSeen.IsZero() {
				msg = fmt.Sprintf("%s: %s in the four weeks from %s, never seen before in data that cover every week since %s (emerging actor)",
					name, violentEvents(recent), monthFrom.Format(dateLayout), first.Monday().Format(dateLayout))
			} else {
				msg = fmt.Sprintf("%s: %s in the four weeks from %s after %d months or more without any event (last seen %s) (emerging actor)",
					name, violentEvents(recent), monthFrom.Format(dateLayout), monthsBetween(st.lastSeen, b.windowStart), st.lastSeen.Format(dateLayout))
			}
			a := add(KindEmerging, f, monthFrom, true, msg)
			if !st.lastSeen.IsZero() {
				a.LastSeen = st.lastSeen.Format(dateLayout)
			}
		}
	}
	if f, since, ok := highest(st.weekly, b.cur, first, b.opt); ok {
		span := fmt.Sprintf("the most in %d weeks", f.weeks)
		if since {
			span = fmt.Sprintf("the most of any week since the data's coverage begins (%s, %d weeks)", first.Monday().Format(dateLayout), f.weeks)
		}
		add(KindHighest, f, weekFrom, false, fmt.Sprintf("%s: %s in %s, %s", name, violentEvents(f.current), week, span))
	}
	for _, fn := range []func() (string, figures, bool){
		func() (string, figures, bool) { return monthBand(st.weekly, b.cur, first) },
		func() (string, figures, bool) { return yearBand(st.weekly, b.cur, first, b.opt) },
	} {
		bd, f, ok := fn()
		if !ok || bd == LimitedChange {
			continue
		}
		a := add(KindTrend, f, weekFrom, false, fmt.Sprintf("%s: %s in %s, %s: %s (Trendfinder)",
			name, violentEvents(f.current), week, versus(f), bd))
		a.Band = bd
	}
	return out
}

// num prints a count or an average to two decimals at most.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// violentEvents words a count or a weekly average.
func violentEvents[N int | float64](n N) string {
	if n == 1 {
		return "1 violent event"
	}
	return num(float64(n)) + " violent events"
}

// versus words the current figure against its baseline.
func versus(f figures) string {
	if f.change == nil {
		return fmt.Sprintf("where the %d weeks before had none", f.weeks)
	}
	dir := "above"
	if *f.change < 0 {
		dir = "below"
	}
	return fmt.Sprintf("%.0f%% %s the weekly average of %s over the %d weeks before", math.Abs(*f.change)*100, dir, num(f.baseline), f.weeks)
}

// monthsBetween counts whole calendar months from a to b.
func monthsBetween(a, b time.Time) int {
	n := (b.Year()-a.Year())*12 + int(b.Month()-a.Month())
	if b.Day() < a.Day() {
		n--
	}
	return n
}
