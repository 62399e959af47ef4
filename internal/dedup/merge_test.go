package dedup

import (
	"testing"

	"rasd/internal/event"
)

func deaths(n int, approx bool, max *int) *event.Fatalities {
	return &event.Fatalities{Count: n, Min: n, Max: max, Approx: approx}
}

func TestMergeKeepsEverySourceInOrder(t *testing.T) {
	ms := []Member{{Doc: doc("a"), Event: raid("a#1")}, {Doc: doc("b"), Event: raid("b#3")}, {Doc: doc("c"), Event: raid("c#2")}}
	ms[1].Event.Evidence = []event.Span{{Text: "قصف", Start: 40, End: 43}}
	st := Merge("k7", ms)
	if st.ClusterID != "k7" || len(st.Sources) != 3 {
		t.Fatalf("cluster %q with %d sources", st.ClusterID, len(st.Sources))
	}
	for i, s := range st.Sources {
		if s.DocID != ms[i].Doc.ID || s.EventID != ms[i].Event.ID || s.URL != ms[i].Doc.URL ||
			s.Title != ms[i].Doc.Title || s.Published != ms[i].Doc.Published || s.Source != ms[i].Doc.Source {
			t.Errorf("source %d = %+v, want doc %+v event %s", i, s, ms[i].Doc, ms[i].Event.ID)
		}
	}
	if st.Sources[1].Evidence[0].Start != 40 {
		t.Errorf("second source's evidence %+v, want its own span", st.Sources[1].Evidence)
	}
	if st.Evidence[0].Start != 10 || st.ID != "a#1" {
		t.Errorf("record evidence %+v id %s: want the first source's", st.Evidence, st.ID)
	}
}

func TestMergeMostPreciseLocationAndDate(t *testing.T) {
	vague := raid("a#1")
	vague.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", GeoPrecision: 3}
	vague.Date = &event.Date{Start: "2018-05-05", End: "2018-05-11", TimePrecision: 2}
	precise := raid("b#1")
	precise.Location = town("wof:precise", 34.5, 40.9)
	alsoPrecise := raid("c#1")
	alsoPrecise.Location = town("wof:later", 34.5, 40.9)
	alsoPrecise.Date = day("2018-05-10")
	alsoPrecise.Date.Text = "الخميس"
	st := Merge("k", []Member{{Doc: doc("a"), Event: vague}, {Doc: doc("b"), Event: precise}, {Doc: doc("c"), Event: alsoPrecise}})
	if st.Location.PlaceID != "wof:precise" {
		t.Errorf("location %s, want the first precision-1 place", st.Location.PlaceID)
	}
	if st.Date.TimePrecision != 1 || st.Date.Text != "أمس" {
		t.Errorf("date %+v, want the first day-precise one", st.Date)
	}
}

func TestMergeStatedDateBeatsPublicationDefault(t *testing.T) {
	def := raid("a#1")
	def.Date = &event.Date{Start: "2018-05-05", End: "2018-05-11", TimePrecision: 2}
	stated := raid("b#1")
	stated.Date = &event.Date{Start: "2018-05-07", End: "2018-05-11", TimePrecision: 2, Text: "هذا الأسبوع"}
	st := Merge("k", []Member{{Doc: doc("a"), Event: def}, {Doc: doc("b"), Event: stated}})
	if st.Date.Text != "هذا الأسبوع" {
		t.Errorf("date %+v, want the one the text states", st.Date)
	}
}

func TestMergeFatalities(t *testing.T) {
	nine := 9
	cases := []struct {
		name           string
		reports        []*event.Fatalities
		count, min     int
		max            int // 0: no range
		none, approxed bool
	}{
		{name: "nobody reports deaths", reports: []*event.Fatalities{nil, nil}, none: true},
		{name: "one source", reports: []*event.Fatalities{nil, deaths(4, false, nil)}, count: 4, min: 4},
		{name: "lowest count, highest figure", reports: []*event.Fatalities{deaths(7, false, &nine), deaths(5, false, nil), nil}, count: 5, min: 5, max: 9},
		{name: "sources disagree, no ranges", reports: []*event.Fatalities{deaths(12, false, nil), deaths(10, false, nil)}, count: 10, min: 10, max: 12},
		{name: "exact figure beats a vague one", reports: []*event.Fatalities{deaths(3, true, nil), deaths(6, false, nil)}, count: 6, min: 6},
		{name: "only vague figures", reports: []*event.Fatalities{deaths(12, true, nil), deaths(3, true, nil)}, count: 3, min: 3, max: 12, approxed: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ms []Member
			for i, f := range tc.reports {
				e := raid(string(rune('a'+i)) + "#1")
				e.Fatalities = f
				ms = append(ms, Member{Doc: doc(string(rune('a' + i))), Event: e})
			}
			f := Merge("k", ms).Fatalities
			if tc.none {
				if f != nil {
					t.Fatalf("fatalities %+v, want null", f)
				}
				return
			}
			if f == nil {
				t.Fatal("fatalities null")
			}
			if f.Count != tc.count || f.Min != tc.min || f.Approx != tc.approxed {
				t.Errorf("count %d min %d approx %v, want %d %d %v", f.Count, f.Min, f.Approx, tc.count, tc.min, tc.approxed)
			}
			switch {
			case tc.max == 0 && f.Max != nil:
				t.Errorf("max %d, want none", *f.Max)
			case tc.max != 0 && (f.Max == nil || *f.Max != tc.max):
				t.Errorf("max %v, want %d", f.Max, tc.max)
			}
		})
	}
}

func TestMergeCertaintyAndActors(t *testing.T) {
	claimed := raid("a#1")
	claimed.Certainty = event.Claimed
	claimed.ClaimedBy = actor("ISIS")
	claimed.Actor1 = actor("UNIDENTIFIED")
	claimed.Actor2 = nil
	fact := raid("b#1")
	fact.Actor1 = actor("ISIS")
	fact.AssocActor1 = []event.Actor{*actor("HTS")}
	fact.Actor2 = actor("CIVILIANS")
	st := Merge("k", []Member{{Doc: doc("a"), Event: claimed}, {Doc: doc("b"), Event: fact}})
	if st.Certainty != event.Reported || st.ClaimedBy == nil || st.ClaimedBy.ID != "ISIS" {
		t.Errorf("certainty %s claimed_by %v, want reported and ISIS kept", st.Certainty, st.ClaimedBy)
	}
	if st.Actor1.ID != "ISIS" || st.Actor2.ID != "CIVILIANS" {
		t.Errorf("actors %s / %s, want the first named ones", st.Actor1.ID, st.Actor2.ID)
	}
	if len(st.AssocActor1) != 1 || st.AssocActor1[0].ID != "HTS" {
		t.Errorf("assoc actors %+v, want HTS", st.AssocActor1)
	}

	suspected := raid("c#1")
	suspected.Certainty = event.Suspected
	if got := Merge("k", []Member{{Doc: doc("c"), Event: suspected}, {Doc: doc("a"), Event: claimed}}).Certainty; got != event.Suspected {
		t.Errorf("no source states it as fact: certainty %s, want the first source's (suspected)", got)
	}
}

func TestMergeConfidenceRisesWithSources(t *testing.T) {
	var ms []Member
	prev := 0.0
	for i := range 5 {
		id := string(rune('a' + i))
		e := raid(id + "#1")
		e.Confidence = 0.6
		ms = append(ms, Member{Doc: doc(id), Event: e})
		c := Merge("k", ms).Confidence
		if c <= prev && c < 0.99 || c > 0.99 {
			t.Errorf("%d sources: confidence %.3f after %.3f", i+1, c, prev)
		}
		prev = c
	}
}

func TestMergeSubTypeMostSourcesGive(t *testing.T) {
	shell := raid("a#1")
	shell.SubEventType = "Shelling/artillery/missile attack"
	st := Merge("k", []Member{{Doc: doc("a"), Event: shell}, {Doc: doc("b"), Event: raid("b#1")}, {Doc: doc("c"), Event: raid("c#1")}})
	if st.SubEventType != "Air/drone strike" {
		t.Errorf("sub type %s, want the one two of three sources give", st.SubEventType)
	}
}

// TestTollFit: the same figure, a close one, one inside the range the
// sources gave (a count updated through the day), one far outside it.
func TestTollFit(t *testing.T) {
	top := 252
	c := deaths(32, false, &top)
	for _, tc := range []struct {
		n    int
		want float64
	}{{32, 1}, {252, 1}, {50, 0.5}, {215, inRange}, {400, -1}, {3, -1}} {
		if got := tollFit(c, deaths(tc.n, false, nil)); got != tc.want {
			t.Errorf("%d against 32..252: %v, want %v", tc.n, got, tc.want)
		}
	}
	if got := tollFit(deaths(8, false, nil), deaths(28, false, nil)); got != -1 {
		t.Errorf("28 against a lone 8: %v, want -1", got)
	}
}

// TestMergeInterceptionRoles: an interception's first actor brought the
// missile down and its second fired it; a strike's fired and was hit. A
// record reads each member in its own type's roles, keeping the side hit
// and the side that brought the missile down as associates of each other.
func TestMergeInterceptionRoles(t *testing.T) {
	brought := func(id string) event.Event {
		return event.Event{ID: id, EventType: event.Strategic, SubEventType: disruptedWeapon,
			Actor1: actor("STATE:SYR"), Location: airbase(), Date: day("2018-05-10")}
	}
	struck := strike("c#1", airbase(), day("2018-05-10"))
	struck.Actor2 = actor("HEZBOLLAH")
	st := Merge("k", []Member{{Doc: doc("a"), Event: brought("a#1")}, {Doc: doc("b"), Event: brought("b#1")}, {Doc: doc("c"), Event: struck}})
	if st.SubEventType != disruptedWeapon || actorID(st.Actor1) != "STATE:SYR" || actorID(st.Actor2) != "STATE:ISR" {
		t.Errorf("interception record %s %s→%s, want STATE:SYR bringing down STATE:ISR's missiles", st.SubEventType, actorID(st.Actor1), actorID(st.Actor2))
	}
	if len(st.AssocActor1) != 1 || st.AssocActor1[0].ID != "HEZBOLLAH" {
		t.Errorf("interception record's associates of the side fired at %+v, want the strike's target", st.AssocActor1)
	}

	hit := strike("a#1", airbase(), day("2018-05-10"))
	hit.Actor1 = nil
	stopped := brought("c#1")
	stopped.Actor2 = actor("STATE:ISR")
	st = Merge("k", []Member{{Doc: doc("a"), Event: hit}, {Doc: doc("b"), Event: hit}, {Doc: doc("c"), Event: stopped}})
	if st.SubEventType != "Air/drone strike" || actorID(st.Actor1) != "STATE:ISR" || actorID(st.Actor2) != "STATE:SYR" {
		t.Errorf("strike record %s %s→%s, want STATE:ISR striking STATE:SYR", st.SubEventType, actorID(st.Actor1), actorID(st.Actor2))
	}
}
