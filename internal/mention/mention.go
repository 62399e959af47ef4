// Package mention runs every mention finder over a document and keeps their
// results together, per sentence, for `rasd tag` and for the event
// extractor. Finders never see each other's output (DESIGN.md); the few
// overlaps between kinds are settled here, in one place.
package mention

import (
	"sort"
	"sync"
	"time"

	"rasd/internal/actors"
	"rasd/internal/gazetteer"
	"rasd/internal/numbers"
	"rasd/internal/text"
	"rasd/internal/timex"
	"rasd/internal/triggers"
)

// Lexicons are the loaded, immutable lexicons every finder needs. One value
// serves any number of goroutines.
type Lexicons struct {
	Places   *gazetteer.Gazetteer
	Actors   *actors.Lexicon
	Triggers *triggers.Lexicon
}

// Load reads the embedded lexicons, in parallel since start-up time is most
// of a one-article run.
func Load() (*Lexicons, error) {
	var (
		l                  Lexicons
		wg                 sync.WaitGroup
		ge, ae, te, ne, de error
	)
	wg.Add(4)
	go func() { defer wg.Done(); l.Places, ge = gazetteer.Load() }()
	go func() { defer wg.Done(); l.Actors, ae = actors.Load() }()
	go func() { defer wg.Done(); l.Triggers, te = triggers.Load() }()
	// The number and date vocabularies would otherwise be read by the
	// first Find, after the rest: beside the gazetteer they cost no wait.
	go func() { defer wg.Done(); ne, de = numbers.Load(), timex.Load() }()
	wg.Wait()
	for _, err := range []error{ge, ae, te, ne, de} {
		if err != nil {
			return nil, err
		}
	}
	return &l, nil
}

// Set is every mention found in one text.
type Set struct {
	Analysis *text.Analysis
	Places   []gazetteer.Mention
	Actors   []actors.Mention
	Dates    []timex.Mention
	Numbers  []numbers.Mention
	Triggers []triggers.Mention
}

// Find runs all finders over s. published anchors relative dates; when it
// is zero, relative expressions resolve against nothing and are dropped.
func (l *Lexicons) Find(s string, published time.Time) *Set {
	set := l.FindCues(s)
	l.FindPlaces(set)
	l.FindRest(set, published)
	return set
}

// Find in stages, for a caller that may want nothing more of a text after
// one (the event extractor builds every event on a cue, and records only
// events with a place): FindCues, then FindPlaces, then FindRest make the
// Set that Find makes. The finders read the analysis only, never each
// other's output (the actors aside, which read the places), so the cues
// may be found first.

// FindCues analyses s and finds its event cues.
func (l *Lexicons) FindCues(s string) *Set {
	a := text.Analyze(s)
	return &Set{Analysis: a, Triggers: l.Triggers.Find(a)}
}

// FindPlaces finds the places of set's text.
func (l *Lexicons) FindPlaces(set *Set) {
	set.Places = l.Places.Find(set.Analysis)
}

// FindRest finds the actors, numbers and dates of set's text, after its
// places, and settles the overlaps between kinds.
func (l *Lexicons) FindRest(set *Set, published time.Time) {
	a := set.Analysis
	set.Actors = l.Actors.FindAmong(a, placeSignals(set.Places))
	set.Numbers = numbers.Find(a)
	if !published.IsZero() {
		set.Dates = timex.Find(a, published)
	} else {
		set.Dates = absoluteOnly(timex.Find(a, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)))
	}
	set.settleOverlaps()
}

func absoluteOnly(ms []timex.Mention) []timex.Mention {
	out := ms[:0]
	for _, m := range ms {
		if !m.Relative {
			out = append(out, m)
		}
	}
	return out
}

type tokRange struct{ lo, hi int }

func overlaps(lo, hi int, rs []tokRange) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].hi > lo })
	return i < len(rs) && rs[i].lo < hi
}

// settleOverlaps drops the weaker reading where two kinds claim the same
// words: a number that is part of a date, and a place name inside an
// organisation's name («مجلس دير الزور العسكري», «قوات سوريا الديمقراطية»).
func (s *Set) settleOverlaps() {
	var dates []tokRange
	for _, d := range s.Dates {
		dates = append(dates, tokRange{d.Tok, d.TokEnd})
	}
	nums := s.Numbers[:0]
	for _, n := range s.Numbers {
		if !overlaps(n.Tok, n.TokEnd, dates) {
			nums = append(nums, n)
		}
	}
	s.Numbers = nums

	var names []tokRange
	for _, a := range s.Actors {
		if a.Kind == "name" && a.TokEnd-a.Tok > 1 {
			names = append(names, tokRange{a.Tok, a.TokEnd})
		}
	}
	places := s.Places[:0]
	for _, p := range s.Places {
		if !overlaps(p.Tok, p.TokEnd, names) {
			places = append(places, p)
		}
	}
	s.Places = places
}

// placeSignals are the places finer than a country, for the actor finder to
// read which war the text is about where it names no country.
func placeSignals(ps []gazetteer.Mention) []actors.PlaceSignal {
	var out []actors.PlaceSignal
	for i := range ps {
		if p := ps[i].Place; p != nil && p.Kind != "country" {
			out = append(out, actors.PlaceSignal{Tok: ps[i].Tok, Country: p.Country})
		}
	}
	return out
}
