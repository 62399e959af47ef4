package trend

import "time"

// Series is one key's count of violent events per week; a week missing from
// the map had none. Weeks before the data begin are unknown rather than
// quiet, so every rule also takes first, the first week the data cover, and
// refuses to judge against a baseline the data do not reach.
type Series map[Week]int

// sum adds the counts of weeks from..to, both included.
func (s Series) sum(from, to Week) int {
	n := 0
	for w := from; w <= to; w++ {
		n += s[w]
	}
	return n
}

// Options are the thresholds that ACLED does not fix, or that rasd sets
// differently; DefaultOptions says which is which.
type Options struct {
	// SurgeMinBaseline is the least weekly average over the four weeks
	// before the current one for a surge to count (ACLED: 1).
	SurgeMinBaseline float64
	// ThreatMinRecent is the least weekly average over the last four weeks
	// for a threat to count (ACLED's "four-week average of at least one").
	ThreatMinRecent float64
	// YearMinWeeks is how many weeks of the past year the data must cover
	// before year-long baselines (Threat, the 52-week band) are used; a
	// corpus younger than a year averages over the weeks it has.
	YearMinWeeks int
	// HighestMinWeeks and HighestMinCount gate "highest in N weeks": the
	// current week must beat at least this many weeks and hold at least this
	// many events.
	HighestMinWeeks int
	HighestMinCount int
	// EmergingSilentMonths is how many months an actor must have been absent
	// before its violence this month makes it an emerging actor.
	EmergingSilentMonths int
	// MaxGapWeeks is the longest run of weeks without any report that the
	// data may have and still count as covering the time around it; see
	// coverage.
	MaxGapWeeks int
}

// DefaultOptions follows ACLED where it publishes a figure (SurgeMinBaseline
// and ThreatMinRecent 1). The others are rasd's choices, not measured
// optima: ACLED's Emerging Actor Tracker asks for a year of silence, rasd's
// issue 5 asks for three months, which suits news corpora that cover a year
// or less; YearMinWeeks 13 (a quarter) keeps a year-long baseline from
// resting on a few weeks; HighestMinWeeks 12 and HighestMinCount 3 keep
// "highest in N weeks" from firing on a lone event after a quiet spell;
// MaxGapWeeks 2 lets a quiet fortnight pass but not a month without news.
func DefaultOptions() Options {
	return Options{
		SurgeMinBaseline:     1,
		ThreatMinRecent:      1,
		YearMinWeeks:         13,
		HighestMinWeeks:      12,
		HighestMinCount:      3,
		EmergingSilentMonths: 3,
		MaxGapWeeks:          2,
	}
}

// figures are the numbers behind one rule's verdict.
type figures struct {
	current  float64
	baseline float64
	change   *float64 // (current − baseline) / baseline; nil when baseline is 0
	weeks    int      // weeks the baseline averages over (for "highest": N)
}

func newFigures(current, baseline float64, weeks int) figures {
	f := figures{current: current, baseline: baseline, weeks: weeks}
	if baseline > 0 {
		c := (current - baseline) / baseline
		f.change = &c
	}
	return f
}

// surge is ACLED's Subnational Surge: violent events in the current week at
// least 100% above (twice) the weekly average of the four weeks before it,
// with that average at least SurgeMinBaseline. The four baseline weeks must
// all be covered by the data. The comparison is done on integers (c·4 ≥
// 2·sum) so that exactly 100% is a surge, as "100% or more" says.
func surge(s Series, cur, first Week, opt Options) (figures, bool) {
	if cur-4 < first {
		return figures{}, false
	}
	c, sum := s[cur], s.sum(cur-4, cur-1)
	f := newFigures(float64(c), float64(sum)/4, 4)
	if f.baseline == 0 || f.baseline < opt.SurgeMinBaseline {
		return f, false
	}
	return f, c*4 >= 2*sum
}

// threat is ACLED's Subnational Threat: the weekly average of violent events
// over the last month at least 100% above the weekly average of the past
// year. ACLED's pages word it both as a weekly and as a monthly average;
// both give the same ratio. rasd reads "last month" as the four weeks ending
// with the current week and "the past year" as the 52 weeks before those
// four, so the month is not part of its own baseline. ACLED limits its
// trackers to divisions whose four-week average is at least one; for the
// Threat that average can only be the recent month's, so ThreatMinRecent
// gates the recent month. A year baseline of zero (violence where the data
// show none for at least YearMinWeeks weeks) counts as a threat, with no
// change ratio.
func threat(s Series, cur, first Week, opt Options) (figures, bool) {
	if cur-3 < first {
		return figures{}, false
	}
	from := max(cur-55, first)
	n := int(cur - 4 - from + 1)
	if n < opt.YearMinWeeks {
		return figures{}, false
	}
	recent, base := s.sum(cur-3, cur), s.sum(from, cur-4)
	f := newFigures(float64(recent)/4, float64(base)/float64(n), n)
	if f.current < opt.ThreatMinRecent {
		return f, false
	}
	// recent/4 ≥ 2·base/n, on integers.
	return f, recent*n >= 8*base
}

// Trendfinder change bands, named as ACLED names them. ACLED has no
// "moderate decrease": anything from −25% to +10% is limited change.
const (
	LargeIncrease    = "large increase"
	ModerateIncrease = "moderate increase"
	LimitedChange    = "limited change"
	LargeDecrease    = "large decrease"
)

// band places the current week's count c against a baseline of sum events
// over n weeks, as Trendfinder does: more than +25% is a large increase,
// more than +10% up to +25% a moderate one, below −25% a large decrease,
// the rest limited change. ACLED's bands share their edges ("between 10%
// and 25%", "between −25% and 10%"); rasd puts exactly +10% and exactly
// −25% in limited change and exactly +25% in moderate increase. A baseline
// of two events a week or fewer with five events or fewer this week is
// limited change, ACLED's guard against low baselines. Integer arithmetic
// keeps the edges exact.
func band(c, sum, n int) string {
	if sum <= 2*n && c <= 5 {
		return LimitedChange
	}
	// Against avg = sum/n: c > 1.25·avg ⇔ 4·c·n > 5·sum, and so on.
	cn := c * n
	switch {
	case 4*cn > 5*sum:
		return LargeIncrease
	case 10*cn > 11*sum:
		return ModerateIncrease
	case 4*cn < 3*sum:
		return LargeDecrease
	}
	return LimitedChange
}

// monthBand is Trendfinder's "previous month" view: the current week
// against the four weeks before it. ok is false when the data do not cover
// those four weeks.
func monthBand(s Series, cur, first Week) (b string, f figures, ok bool) {
	if cur-4 < first {
		return "", figures{}, false
	}
	sum := s.sum(cur-4, cur-1)
	return band(s[cur], sum, 4), newFigures(float64(s[cur]), float64(sum)/4, 4), true
}

// yearBand is Trendfinder's "previous year" view: the current week against
// the 52 weeks before it, or as many of them as the data cover if that is
// at least YearMinWeeks.
func yearBand(s Series, cur, first Week, opt Options) (b string, f figures, ok bool) {
	from := max(cur-52, first)
	n := int(cur - from)
	if n < opt.YearMinWeeks || n <= 0 {
		return "", figures{}, false
	}
	sum := s.sum(from, cur-1)
	return band(s[cur], sum, n), newFigures(float64(s[cur]), float64(sum)/float64(n), n), true
}

// highest finds N such that the current week holds more violent events than
// any of the N−1 weeks before it: the week before those had at least as
// many. When no covered week had as many, N counts every covered week and
// sinceStart is true. It fires when N ≥ HighestMinWeeks and the week holds
// at least HighestMinCount events. The baseline figure is the best of the
// N−1 earlier weeks.
func highest(s Series, cur, first Week, opt Options) (f figures, sinceStart, ok bool) {
	c := s[cur]
	if c < opt.HighestMinCount || cur < first {
		return figures{}, false, false
	}
	best, n := 0, 0
	for w := cur - 1; ; w-- {
		if w < first {
			n, sinceStart = int(cur-first+1), true
			break
		}
		if s[w] >= c {
			n = int(cur - w)
			break
		}
		best = max(best, s[w])
	}
	f = figures{current: float64(c), baseline: float64(best), weeks: n}
	return f, sinceStart, n >= opt.HighestMinWeeks
}

// coverage finds the first week of the unbroken stretch of reporting that
// ends with the current week: going back from cur, it stops at the first
// run of more than maxGap weeks in which no document reported anything.
// Counts are only comparable inside that stretch: a news corpus with a few
// stray articles from years before its real start would otherwise average
// its year baselines over empty weeks it never observed. ok is false when
// the current week and the maxGap weeks before it have no report at all:
// the data do not reach the current week.
func coverage(reported map[Week]bool, cur Week, maxGap int) (first Week, ok bool) {
	first = cur + 1
	gap := 0
	for w := cur; gap <= maxGap; w-- {
		if reported[w] {
			first, gap = w, 0
		} else {
			gap++
		}
	}
	return first, first <= cur
}

// emerging applies the emerging-actor rule to one actor. ACLED's Emerging
// Actor Tracker flags a non-state actor that engaged in violence in the most
// recent month yet had not been active over the past year, or ever before.
// rasd takes the month to be the four weeks from windowStart (the same month
// as the Threat), counts any event of the actor, violent or not, as
// activity, and asks for EmergingSilentMonths calendar months of silence:
// no event of the actor on or after windowStart minus that many months,
// and before windowStart. lastSeen is its latest event before windowStart,
// zero when it has none. Either way the silence must have been observed:
// the data's coverage (coveredFrom) must begin by the start of the silent
// span. ACLED's further country-level gate (an above-average number of
// active non-state actors) is not applied.
func emerging(recentViolent int, lastSeen, coveredFrom, windowStart time.Time, opt Options) bool {
	if recentViolent == 0 {
		return false
	}
	silentFrom := windowStart.AddDate(0, -opt.EmergingSilentMonths, 0)
	if coveredFrom.After(silentFrom) {
		return false
	}
	return lastSeen.IsZero() || lastSeen.Before(silentFrom)
}
