package trend

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
)

// corpus is a hand-made store as of Wednesday 2019-03-27, so the current
// week is 2019-W12 (18–24 March) and the month is W09–W12 (from 25 Feb).
// The data begin on 2018-10-01 (2018-W40): 21 weeks from 2018-W40 to
// 2019-W08 lie before the month (13 in 2018, which has 52 ISO weeks, and 8
// in 2019), and 24 weeks before the current one.
func corpus() []Event {
	var evs []Event
	n := 0
	add := func(day, admin1, actor1, actor1Type, actor2, actor2Type, typ, sub string, dead int) {
		n++
		evs = append(evs, Event{
			ClusterID: fmt.Sprintf("c%02d", n), Date: date(day), EventType: typ, SubEventType: sub,
			Admin1: admin1, Country: "SYR", Actor1: actor1, Actor1Type: actor1Type, Actor2: actor2, Actor2Type: actor2Type,
			Fatalities: dead, Violent: IsViolent(typ, sub),
		})
	}
	clash := func(day, admin1, actor1 string, dead int) {
		add(day, admin1, actor1, "rebel", "", "", event.Battles, "Armed clash", dead)
	}
	// Deir-ez-Zor, all by ISIS: W08 1, W09 2, W10 1, W11 2, W12 4.
	for _, d := range []string{"2019-02-20", "2019-02-26", "2019-02-28", "2019-03-06", "2019-03-12", "2019-03-14",
		"2019-03-18", "2019-03-19", "2019-03-20", "2019-03-24"} {
		clash(d, "Deir-ez-Zor", "ISIS", 1)
	}
	// Not violent: read, but in no series.
	add("2019-03-21", "Deir-ez-Zor", "STATE:SYR", "state", "ISIS", "rebel", event.Strategic, "Arrests", 0)
	// After the current week: counted as later only.
	clash("2019-03-26", "Deir-ez-Zor", "ISIS", 0)
	// Ar-Raqqa, no actors: 6 a week in W08–W11, 2 in W12.
	for _, monday := range []string{"2019-02-18", "2019-02-25", "2019-03-04", "2019-03-11"} {
		for i := range 6 {
			add(date(monday).AddDate(0, 0, i).Format(dateLayout), "Ar-Raqqa", "", "", "", "",
				event.Explosions, "Air/drone strike", 0)
		}
	}
	add("2019-03-19", "Ar-Raqqa", "", "", "", "", event.Explosions, "Air/drone strike", 2)
	add("2019-03-22", "Ar-Raqqa", "", "", "", "", event.Explosions, "Air/drone strike", 0)
	// HURRAS in Idleb on the data's first day, then not until 20 March.
	clash("2018-10-01", "Idleb", "HURRAS", 0)
	clash("2019-03-20", "Idleb", "HURRAS", 3)
	// PKK, never seen before, against a state.
	add("2019-03-12", "Al-Hasakeh", "PKK", "rebel", "STATE:TUR", "state", event.Battles, "Armed clash", 0)
	// No date.
	evs = append(evs, Event{ClusterID: "undated", EventType: event.Battles, SubEventType: "Armed clash", Violent: true})
	return append(evs, reporting("2018-10-01", "2019-03-18")...)
}

// reporting is one non-violent report, of no place or actor, every Monday
// from first to last: news that keeps the data's coverage unbroken without
// adding to any series.
func reporting(first, last string) []Event {
	var evs []Event
	for d := date(first); !d.After(date(last)); d = d.AddDate(0, 0, 7) {
		evs = append(evs, Event{ClusterID: "r" + d.Format(dateLayout), Date: d, EventType: event.Strategic, SubEventType: "Agreement"})
	}
	return evs
}

type flag struct{ kind, keyKind, key string }

func TestComputeOnAHandMadeCorpus(t *testing.T) {
	r := Compute(corpus(), date("2019-03-27"), DefaultOptions())

	head := fmt.Sprintf("%s %s %s..%s data %s covered %s read %d violent %d later %d undated %d",
		r.AsOf, r.Week, r.WeekStart, r.WeekEnd, r.DataStart, r.CoveredFrom, r.Events, r.Violent, r.Later, r.Undated)
	// Read: Deir-ez-Zor 10 + 1 arrest, Ar-Raqqa 26, Idleb 2, Al-Hasakeh 1,
	// 25 Mondays of other news = 65, of which 39 violent.
	if want := "2019-03-27 2019-W12 2019-03-18..2019-03-24 data 2018-10-01 covered 2018-10-01 read 65 violent 39 later 1 undated 1"; head != want {
		t.Errorf("report head:\n got %s\nwant %s", head, want)
	}

	// Expected flags, by hand:
	//
	// Deir-ez-Zor (and ISIS, whose events are the same):
	//   surge: W08–W11 = 1+2+1+2 = 6, avg 1.5 ≥ 1; W12 = 4 ≥ 2·1.5 = 3. Change 2.5/1.5 = 1.667.
	//   threat: month W09–W12 = 2+1+2+4 = 9, avg 2.25 ≥ 1; baseline 2018-W40..2019-W08 = 1 event
	//     over 21 weeks, avg 1/21; 2.25 ≥ 2/21. Change 2.25·21 − 1 = 46.25.
	//   highest: 4, no earlier week had 4 → since the data begin, N = 2018-W40..2019-W12 = 25 ≥ 12.
	//   bands: 4-week avg 1.5 ≤ 2 and 4 ≤ 5 → limited; year avg 6/24 ≤ 2 → limited. No trend alert.
	//   ISIS is not emerging: last seen 20 Feb, within three months of 25 Feb.
	// Ar-Raqqa:
	//   surge: avg 6, W12 = 2: no. highest: 2 < 3.
	//   threat: month 6+6+6+2 = 20, avg 5; baseline W08's 6 over 21 weeks, avg 6/21; 5 ≥ 12/21.
	//     Change 5·21/6 − 1 = 16.5.
	//   4-week band: 2 vs 6, −67% < −25% → large decrease. Year: avg 24/24 = 1 ≤ 2, 2 ≤ 5 → limited.
	// HURRAS: violent on 20 March; last seen 2018-10-01, before 2018-11-25 (25 Feb − 3 months),
	//   and the data cover every week since 2018-10-01 → emerging.
	// PKK: violent on 12 March, never seen; coverage from 2018-10-01, before 2018-11-25 → emerging.
	// STATE:TUR: state forces, never emerging. Idleb, Al-Hasakeh: one event in the month, avg 0.25 < 1.
	want := []flag{
		{KindSurge, ByAdmin1, "Deir-ez-Zor"}, {KindSurge, ByActor, "ISIS"},
		{KindThreat, ByAdmin1, "Ar-Raqqa"}, {KindThreat, ByAdmin1, "Deir-ez-Zor"}, {KindThreat, ByActor, "ISIS"},
		{KindEmerging, ByActor, "HURRAS"}, {KindEmerging, ByActor, "PKK"},
		{KindHighest, ByAdmin1, "Deir-ez-Zor"}, {KindHighest, ByActor, "ISIS"},
		{KindTrend, ByAdmin1, "Ar-Raqqa"},
	}
	var got []flag
	for _, a := range r.Alerts {
		got = append(got, flag{a.Kind, a.KeyKind, a.Key})
	}
	if !slices.Equal(got, want) {
		t.Fatalf("alerts:\n got %v\nwant %v", got, want)
	}

	byFlag := map[flag]Alert{}
	for _, a := range r.Alerts {
		byFlag[flag{a.Kind, a.KeyKind, a.Key}] = a
	}
	s := byFlag[flag{KindSurge, ByAdmin1, "Deir-ez-Zor"}]
	if s.Current != 4 || s.Baseline != 1.5 || !near(*s.Change, 2.5/1.5) || s.Weeks != 4 || s.From != "2019-03-18" || s.To != "2019-03-24" {
		t.Errorf("surge figures: %+v", s)
	}
	// The current week's four clashes, newest first, one dead each.
	if ids := strings.Join(s.Events, " "); ids != "c10 c09 c08 c07" || s.Fatalities != 4 {
		t.Errorf("surge events %s, fatalities %d", ids, s.Fatalities)
	}
	if want := "Deir-ez-Zor: 4 violent events in the week of 2019-03-18, 167% above the weekly average of 1.5 over the 4 weeks before (Subnational Surge)"; s.Message != want {
		t.Errorf("surge message:\n got %s\nwant %s", s.Message, want)
	}
	th := byFlag[flag{KindThreat, ByAdmin1, "Deir-ez-Zor"}]
	if th.Current != 2.25 || th.Weeks != 21 || !near(th.Baseline, 1.0/21) || !near(*th.Change, 46.25) || len(th.Events) != 9 || th.From != "2019-02-25" {
		t.Errorf("threat figures: %+v", th)
	}
	ar := byFlag[flag{KindThreat, ByAdmin1, "Ar-Raqqa"}]
	if !near(*ar.Change, 16.5) || ar.Fatalities != 2 || len(ar.Events) != 20 {
		t.Errorf("Ar-Raqqa threat: %+v", ar)
	}
	tr := byFlag[flag{KindTrend, ByAdmin1, "Ar-Raqqa"}]
	if tr.Band != LargeDecrease || tr.Weeks != 4 || tr.Baseline != 6 || !near(*tr.Change, -2.0/3) || len(tr.Events) != 2 {
		t.Errorf("Ar-Raqqa trend: %+v", tr)
	}
	h := byFlag[flag{KindEmerging, ByActor, "HURRAS"}]
	if h.LastSeen != "2018-10-01" || h.Current != 1 || strings.Join(h.Events, " ") != "c40" {
		t.Errorf("HURRAS: %+v", h)
	}
	if want := "HURRAS: 1 violent event in the four weeks from 2019-02-25 after 4 months or more without any event (last seen 2018-10-01) (emerging actor)"; h.Message != want {
		t.Errorf("HURRAS message:\n got %s\nwant %s", h.Message, want)
	}
	if p := byFlag[flag{KindEmerging, ByActor, "PKK"}]; p.LastSeen != "" || !strings.Contains(p.Message, "never seen") {
		t.Errorf("PKK: %+v", p)
	}
	hi := byFlag[flag{KindHighest, ByAdmin1, "Deir-ez-Zor"}]
	if hi.Weeks != 25 || hi.Baseline != 2 || !strings.Contains(hi.Message, "since the data's coverage begins (2018-10-01, 25 weeks)") {
		t.Errorf("highest: %+v", hi)
	}

	// Keys: every governorate and actor with violence in the year, governorates first.
	var keys []string
	for _, k := range r.Keys {
		keys = append(keys, k.Key)
	}
	if want := "Al-Hasakeh Ar-Raqqa Deir-ez-Zor Idleb HURRAS ISIS PKK STATE:TUR"; strings.Join(keys, " ") != want {
		t.Errorf("keys %v, want %s", keys, want)
	}
	for _, k := range r.Keys {
		if k.Key != "Deir-ez-Zor" {
			continue
		}
		// 2018-W40..2019-W12: 25 weeks, the last five 1 2 1 2 4.
		if len(k.Weekly) != 25 || k.WeeklyStart != "2018-10-01" || fmt.Sprint(k.Weekly[20:]) != "[1 2 1 2 4]" ||
			k.Week != 4 || k.Month != 9 || *k.Avg4 != 1.5 || k.Weeks52 != 24 || k.Band4 != LimitedChange || k.Band52 != LimitedChange {
			t.Errorf("Deir-ez-Zor key: %+v", k)
		}
	}
}

// The report depends on the events, not on the order they come in.
func TestComputeIgnoresOrder(t *testing.T) {
	evs := corpus()
	want, _ := json.Marshal(Compute(evs, date("2019-03-27"), DefaultOptions()))
	rng := rand.New(rand.NewSource(1))
	for range 5 {
		rng.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
		got, _ := json.Marshal(Compute(evs, date("2019-03-27"), DefaultOptions()))
		if string(got) != string(want) {
			t.Fatalf("order changed the report:\n%s\n%s", got, want)
		}
	}
}

func TestComputeWithNoEvents(t *testing.T) {
	b, err := json.Marshal(Compute(nil, date("2019-03-27"), DefaultOptions()))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"as_of":"2019-03-27","week":"2019-W12","week_start":"2019-03-18","week_end":"2019-03-24","data_start":"","covered_from":"",` +
		`"events":0,"violent":0,"later":0,"undated":0,"vague":0,"misdated":0,"alerts":[],"keys":[]}`
	if string(b) != want {
		t.Errorf("empty report:\n got %s\nwant %s", b, want)
	}
}

// The alert's JSON field names are what /api/alerts serves.
func TestAlertJSONFields(t *testing.T) {
	r := Compute(corpus(), date("2019-03-27"), DefaultOptions())
	b, _ := json.Marshal(r.Alerts[0])
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	if want := "baseline change country current events fatalities from key key_kind kind message to weeks"; strings.Join(names, " ") != want {
		t.Errorf("alert fields: %s\nwant %s", strings.Join(names, " "), want)
	}
}

// A surge across the year end and ISO week 53: as of Sunday 2021-01-10 the
// current week is 2021-W01, its four weeks before are 2020-W50..W53.
func TestSurgeAcrossWeek53(t *testing.T) {
	var evs []Event
	add := func(day string) {
		evs = append(evs, Event{ClusterID: day + fmt.Sprint(len(evs)), Date: date(day), EventType: event.Battles,
			SubEventType: "Armed clash", Admin1: "Ninewa", Country: "IRQ", Violent: true})
	}
	// W50 (7 Dec), W51 (14 Dec), W52 (21 Dec), W53 (28 Dec): one each, avg 1; W01 (4 Jan): 2 = 2·1.
	for _, d := range []string{"2020-12-07", "2020-12-14", "2020-12-21", "2020-12-31", "2021-01-04", "2021-01-10"} {
		add(d)
	}
	r := Compute(evs, date("2021-01-10"), DefaultOptions())
	if r.Week != "2021-W01" || len(r.Alerts) == 0 || r.Alerts[0].Kind != KindSurge || r.Alerts[0].Baseline != 1 {
		t.Fatalf("week %s, alerts %+v", r.Week, r.Alerts)
	}
}

func TestFromStored(t *testing.T) {
	s := &event.Stored{ClusterID: "k1", Event: event.Event{
		EventType: event.Riots, SubEventType: "Mob violence",
		Actor1:     &event.Actor{ID: "LOCAL-ARMED", Type: "identity_militia"},
		Actor2:     &event.Actor{ID: "CIVILIANS", Type: "civilians"},
		Location:   &event.Location{Admin1: "Dar'a", Country: "SYR"},
		Date:       &event.Date{EventDate: "2019-07-02"},
		Fatalities: &event.Fatalities{Count: 2},
	}}
	e, err := FromStored(s)
	if err != nil {
		t.Fatal(err)
	}
	want := Event{ClusterID: "k1", Date: date("2019-07-02"), EventType: event.Riots, SubEventType: "Mob violence",
		Admin1: "Dar'a", Country: "SYR", Actor1: "LOCAL-ARMED", Actor1Type: "identity_militia",
		Actor2: "CIVILIANS", Actor2Type: "civilians", Fatalities: 2, Violent: true}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("got %+v\nwant %+v", e, want)
	}
	s.Date = nil
	if _, err := FromStored(s); err == nil {
		t.Error("undated event converted")
	}
	s.Date = &event.Date{EventDate: "02/07/2019"}
	if _, err := FromStored(s); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad date: %v", err)
	}
	// Refused events are counted by reason, not lost silently.
	b := NewBuilder(date("2019-07-07"), DefaultOptions())
	b.AddStored(s)
	// «عام 2017»: a year-long interval.
	s.Date = &event.Date{Start: "2017-01-01", End: "2017-12-31", EventDate: "2017-07-02", TimePrecision: 3}
	if _, err := FromStored(s); !errors.Is(err, ErrVagueDate) {
		t.Errorf("a year-long interval: %v", err)
	}
	b.AddStored(s)
	// A month is still a date: 1..31 March spans 30 days.
	s.Date = &event.Date{Start: "2019-03-01", End: "2019-03-31", EventDate: "2019-03-16", TimePrecision: 3}
	if _, err := FromStored(s); err != nil {
		t.Errorf("a month: %v", err)
	}
	// «بحلول عام 2030» in an article of 2018.
	s.Date = &event.Date{Start: "2030-01-01", End: "2030-01-31", EventDate: "2030-01-16", TimePrecision: 3}
	s.Sources = []event.Source{{Published: "2018-05-04"}, {Published: "2018-05-06"}}
	if _, err := FromStored(s); !errors.Is(err, ErrAfterReport) {
		t.Errorf("dated after its reports: %v", err)
	}
	b.AddStored(s)
	// "This week" in an article of Tuesday: the middle day may follow the
	// report, the interval's start does not.
	s.Date = &event.Date{Start: "2018-04-30", End: "2018-05-06", EventDate: "2018-05-03", TimePrecision: 2}
	e, err = FromStored(s)
	if err != nil || len(e.Reports) != 2 || !e.Reports[1].Equal(date("2018-05-06")) {
		t.Errorf("this week: %+v, %v", e, err)
	}
	if r := b.Report(); r.Undated != 1 || r.Vague != 1 || r.Misdated != 1 || r.Events != 0 {
		t.Errorf("undated %d, vague %d, misdated %d, events %d", r.Undated, r.Vague, r.Misdated, r.Events)
	}
}

// Coverage is the unbroken reporting that ends with the current week: a
// stray article of 2012, and the battle of 1948 that a 2018 article
// recalls, do not stretch it.
func TestCoverageIgnoresStrayReports(t *testing.T) {
	evs := []Event{
		{ClusterID: "stray", Date: date("2012-10-10"), Reports: []time.Time{date("2012-10-11")}, EventType: event.Battles, Admin1: "Homs", Violent: true},
		{ClusterID: "recalled", Date: date("1948-05-15"), Reports: []time.Time{date("2018-05-15")}, EventType: event.Battles, Admin1: "Homs", Violent: true},
	}
	evs = append(evs, reporting("2018-04-02", "2018-05-21")...)
	r := Compute(evs, date("2018-05-27"), DefaultOptions())
	if r.DataStart != "2012-10-11" || r.CoveredFrom != "2018-04-02" || r.Events != 10 {
		t.Errorf("data start %s, covered from %s, events %d", r.DataStart, r.CoveredFrom, r.Events)
	}
	// As of a date the data do not reach, no rule applies.
	if r := Compute(evs, date("2018-07-01"), DefaultOptions()); r.CoveredFrom != "" || len(r.Keys) != 0 {
		t.Errorf("beyond the data: covered from %q, %d keys", r.CoveredFrom, len(r.Keys))
	}
}

// Violence where the four weeks before had none: a large increase with no
// ratio, worded as such.
func TestTrendFromNothing(t *testing.T) {
	evs := reporting("2018-12-31", "2019-03-18")
	for i := range 6 {
		evs = append(evs, Event{ClusterID: fmt.Sprint("h", i), Date: date("2019-03-18").AddDate(0, 0, i),
			EventType: event.Battles, SubEventType: "Armed clash", Admin1: "Homs", Country: "SYR", Violent: true})
	}
	r := Compute(evs, date("2019-03-24"), DefaultOptions())
	var trends []Alert
	for _, a := range r.Alerts {
		if a.Kind == KindTrend {
			trends = append(trends, a)
		}
	}
	// 6 > 5 events against an average of 0 over W08..W11: large increase.
	// The data cover 2019-W01 on, 11 weeks before W12: fewer than 13 for the year band.
	if len(trends) != 1 || trends[0].Band != LargeIncrease || trends[0].Change != nil ||
		!strings.Contains(trends[0].Message, "where the 4 weeks before had none") {
		t.Errorf("trend alerts %+v", trends)
	}
}

// A threat where the year before had no violence at all.
func TestThreatFromNothing(t *testing.T) {
	// The data begin on 2018-11-26 (2018-W48) with an arrest: 13 weeks
	// (W48..W52 of 2018, W01..W08 of 2019) before the month W09..W12.
	evs := append(reporting("2018-11-26", "2019-03-18"),
		Event{ClusterID: "a", Date: date("2018-11-26"), EventType: event.Strategic, SubEventType: "Arrests", Admin1: "Homs"})
	for i, d := range []string{"2019-02-25", "2019-03-04", "2019-03-11", "2019-03-18"} {
		evs = append(evs, Event{ClusterID: fmt.Sprint("h", i), Date: date(d), EventType: event.Battles,
			SubEventType: "Armed clash", Admin1: "Homs", Country: "SYR", Violent: true})
	}
	r := Compute(evs, date("2019-03-24"), DefaultOptions())
	// Month: 4 events, avg 1 ≥ 1; baseline 0 over 13 weeks.
	if len(r.Alerts) != 1 || r.Alerts[0].Kind != KindThreat || r.Alerts[0].Change != nil || r.Alerts[0].Weeks != 13 {
		t.Fatalf("alerts %+v", r.Alerts)
	}
	if want := "Homs: 1 violent event a week over the four weeks to 2019-03-24, where the 13 weeks before had none (Subnational Threat)"; r.Alerts[0].Message != want {
		t.Errorf("message:\n got %s\nwant %s", r.Alerts[0].Message, want)
	}
}

// An actor's alert carries the names its stored events give it, so that a
// reader sees who, in English or Arabic, rather than an id; a
// governorate's does not need them.
func TestAlertNamesTheActor(t *testing.T) {
	b := NewBuilder(date("2019-03-24"), DefaultOptions())
	// One attack on civilians a week from W08 to W11, two in W12: a surge
	// for Taizz and for the civilians.
	for i, d := range []string{"2019-02-20", "2019-02-27", "2019-03-06", "2019-03-13", "2019-03-19", "2019-03-21"} {
		b.AddStored(&event.Stored{ClusterID: fmt.Sprint("k", i), Event: event.Event{
			EventType: event.VAC, SubEventType: "Attack",
			Actor1:   &event.Actor{ID: "UNIDENTIFIED", Type: "political_militia"},
			Actor2:   &event.Actor{ID: "CIVILIANS", NameEN: "Civilians", NameAR: "مدنيون", Type: "civilians"},
			Location: &event.Location{Admin1: "Taizz", Country: "YEM"},
			Date:     &event.Date{EventDate: d},
		}, Sources: []event.Source{{Published: d}}})
	}
	var got []string
	for _, a := range b.Report().Alerts {
		if a.Kind == KindSurge {
			got = append(got, a.KeyKind+" "+a.Key+" "+a.NameEN+" "+a.NameAR)
		}
	}
	want := []string{"admin1 Taizz  ", "actor CIVILIANS Civilians مدنيون", "actor UNIDENTIFIED  "}
	if !slices.Equal(got, want) {
		t.Errorf("surges %q, want %q", got, want)
	}
}
