package dedup

import (
	"fmt"
	"testing"
	"time"

	"rasd/internal/event"
)

// The events below are made up for these tests; places carry round
// coordinates so that distances are easy to reason about (0.01° of latitude
// is about 1.1 km).

func actor(id string) *event.Actor { return &event.Actor{ID: id, NameEN: id} }

func town(id string, lat, lon float64) *event.Location {
	return &event.Location{PlaceID: id, NameEN: id, Country: "SYR", Admin1: "Deir-ez-Zor", Admin1Code: "SY.DY",
		Admin2: "Abu Kamal", Lat: lat, Lon: lon, GeoPrecision: 1}
}

func day(d string) *event.Date {
	return &event.Date{Start: d, End: d, EventDate: d, TimePrecision: 1, Text: "أمس"}
}

// raid is an air strike by the coalition on ISIS in a village.
func raid(id string) event.Event {
	return event.Event{
		ID: id, EventType: event.Explosions, SubEventType: "Air/drone strike",
		Actor1: actor("COALITION"), Actor2: actor("ISIS"),
		Location: town("wof:1", 34.50, 40.90), Date: day("2018-05-10"),
		Certainty: event.Reported, Confidence: 0.8,
		Evidence: []event.Span{{Text: "غارة", Start: 10, End: 14}},
	}
}

func doc(id string) event.Doc {
	return event.Doc{ID: id, Source: "outlet-" + id, URL: "https://example.org/" + id, Published: "2018-05-11", Title: "t" + id}
}

func cluster(m ...Member) *event.Stored {
	st := Merge("c1", m)
	return &st
}

func TestMatchRules(t *testing.T) {
	base := Member{Doc: doc("a"), Event: raid("a#1")}
	cases := []struct {
		name   string
		change func(d *event.Doc, e *event.Event)
		want   bool
	}{
		{"same raid, other outlet", func(d *event.Doc, e *event.Event) {}, true},
		{"same document, another village", func(d *event.Doc, e *event.Event) {
			d.ID = "a"
			e.Location = town("wof:2", 34.545, 40.90)
		}, false},
		{"same document, another sub type", func(d *event.Doc, e *event.Event) {
			d.ID = "a"
			e.SubEventType = "Remote explosive/landmine/IED"
		}, false},
		{"same document, the same on every field", func(d *event.Doc, e *event.Event) { d.ID = "a" }, true},
		{"other event type of the family, same day, place and parties", func(d *event.Doc, e *event.Event) {
			e.EventType, e.SubEventType = event.Battles, "Armed clash"
		}, true},
		{"other event type of the family, no party named", func(d *event.Doc, e *event.Event) {
			e.EventType, e.SubEventType = event.Battles, "Armed clash"
			e.Actor1, e.Actor2 = nil, nil
		}, false},
		{"other event family", func(d *event.Doc, e *event.Event) { e.EventType, e.SubEventType = event.Riots, "Mob violence" }, false},
		{"shelling for air strike", func(d *event.Doc, e *event.Event) { e.SubEventType = "Shelling/artillery/missile attack" }, true},
		{"IED for air strike", func(d *event.Doc, e *event.Event) { e.SubEventType = "Remote explosive/landmine/IED" }, true},
		{"chemical attack for air strike", func(d *event.Doc, e *event.Event) { e.SubEventType = "Chemical weapon" }, false},
		{"other attacker, same target", func(d *event.Doc, e *event.Event) { e.Actor1 = actor("STATE:RUS") }, true},
		{"other attacker and target, same village", func(d *event.Doc, e *event.Event) { e.Actor1, e.Actor2 = actor("STATE:RUS"), actor("HTS") }, true},
		{"other attacker and target, same governorate", func(d *event.Doc, e *event.Event) {
			e.Actor1, e.Actor2 = actor("STATE:RUS"), actor("HTS")
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Lat: 35.3, Lon: 40.1, GeoPrecision: 3}
		}, false},
		{"only civilians in common, same governorate", func(d *event.Doc, e *event.Event) {
			e.Actor1, e.Actor2 = actor("STATE:RUS"), actor("CIVILIANS")
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Lat: 35.3, Lon: 40.1, GeoPrecision: 3}
		}, false},
		{"attacker not named", func(d *event.Doc, e *event.Event) { e.Actor1 = nil }, true},
		{"attacker unidentified", func(d *event.Doc, e *event.Event) { e.Actor1 = actor("UNIDENTIFIED") }, true},
		{"attacker an associate there", func(d *event.Doc, e *event.Event) {
			e.Actor1 = actor("SDF")
			e.AssocActor1 = []event.Actor{*actor("COALITION")}
		}, true},
		{"roles swapped", func(d *event.Doc, e *event.Event) { e.Actor1, e.Actor2 = e.Actor2, e.Actor1 }, true},
		{"village 5 km away", func(d *event.Doc, e *event.Event) { e.Location = town("wof:2", 34.545, 40.90) }, true},
		{"town 40 km away", func(d *event.Doc, e *event.Event) { e.Location = town("wof:3", 34.86, 40.90) }, false},
		{"other country", func(d *event.Doc, e *event.Event) { e.Location.Country = "IRQ" }, false},
		{"a bare country elsewhere", func(d *event.Doc, e *event.Event) {
			e.Location = &event.Location{Country: "USA", Lat: 38, Lon: -97, GeoPrecision: 3}
		}, true},
		{"vague, same admin2", func(d *event.Doc, e *event.Event) {
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Admin2: "Abu Kamal", Lat: 35.0, Lon: 40.3, GeoPrecision: 2}
		}, true},
		{"vague, other admin2", func(d *event.Doc, e *event.Event) {
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Admin2: "Deir-ez-Zor", Lat: 35.3, Lon: 40.1, GeoPrecision: 2}
		}, false},
		{"governorate only, same one", func(d *event.Doc, e *event.Event) {
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Lat: 35.3, Lon: 40.1, GeoPrecision: 3}
		}, true},
		{"governorate only, other one", func(d *event.Doc, e *event.Event) {
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.HA", Admin1: "Al-Hasakeh", Lat: 36.5, Lon: 40.7, GeoPrecision: 3}
		}, false},
		{"next day", func(d *event.Doc, e *event.Event) { e.Date = day("2018-05-11") }, false},
		{"publication default covering the day, with a toll", func(d *event.Doc, e *event.Event) {
			e.Date = &event.Date{Start: "2018-05-05", End: "2018-05-11", EventDate: "2018-05-11", TimePrecision: 2}
			e.Fatalities = &event.Fatalities{Count: 3, Min: 3}
		}, true},
		{"publication default covering the day, neither day nor toll", func(d *event.Doc, e *event.Event) {
			e.Date = &event.Date{Start: "2018-05-05", End: "2018-05-11", EventDate: "2018-05-11", TimePrecision: 2}
		}, true},
		{"publication default a week later", func(d *event.Doc, e *event.Event) {
			e.Date = &event.Date{Start: "2018-05-10", End: "2018-05-16", EventDate: "2018-05-16", TimePrecision: 2}
		}, false},
		{"no date", func(d *event.Doc, e *event.Event) { e.Date = nil }, false},
		{"aggregate against one raid", func(d *event.Doc, e *event.Event) { e.Aggregate = true }, false},
		{"no place and no actor in common", func(d *event.Doc, e *event.Event) { e.Location, e.Actor1, e.Actor2 = nil, nil, nil }, false},
		{"no place, same actors", func(d *event.Doc, e *event.Event) { e.Location = nil }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, e := doc("b"), raid("b#1")
			tc.change(&d, &e)
			score, ok := Match(cluster(base), d, &e)
			if ok != tc.want {
				t.Fatalf("Match ok = %v (score %.2f), want %v", ok, score, tc.want)
			}
			if ok && (score <= 0 || score > 1) {
				t.Errorf("score %.3f outside (0, 1]", score)
			}
		})
	}
}

// A doer one outlet only suspects («غارة يرجح أنها روسية») does not part
// its report from another's that names the state that strikes there; a
// doer named as fact does.
func TestMatchSuspectedDoer(t *testing.T) {
	strike := func(id, doer, certainty string) event.Event {
		e := raid(id)
		e.Actor1, e.Actor2, e.Certainty = actor(doer), actor("CIVILIANS"), certainty
		e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Admin2: "Abu Kamal", Lat: 35.0, Lon: 40.3, GeoPrecision: 2}
		return e
	}
	c := cluster(Member{Doc: doc("a"), Event: strike("a#1", "STATE:SYR", event.Reported)})
	suspected := strike("b#1", "STATE:RUS", event.Suspected)
	sScore, ok := Match(c, doc("b"), &suspected)
	if !ok {
		t.Fatal("a strike whose doer is only suspected should match the report naming the state that strikes there")
	}
	named := strike("c#1", "STATE:RUS", event.Reported)
	if nScore, ok := Match(c, doc("c"), &named); ok && nScore >= sScore {
		t.Errorf("two doers named as fact score %.3f, not below the suspected doer's %.3f", nScore, sScore)
	}
}

func TestMatchBattleRolesSwap(t *testing.T) {
	clash := func(id string, a1, a2 string) event.Event {
		e := raid(id)
		e.EventType, e.SubEventType = event.Battles, "Armed clash"
		e.Actor1, e.Actor2 = actor(a1), actor(a2)
		return e
	}
	c := cluster(Member{Doc: doc("a"), Event: clash("a#1", "SDF", "ISIS")})
	e := clash("b#1", "ISIS", "SDF")
	if _, ok := Match(c, doc("b"), &e); !ok {
		t.Error("a clash reported from the other side's view should match")
	}
}

func TestMatchPrefersAgreement(t *testing.T) {
	c := cluster(Member{Doc: doc("a"), Event: raid("a#1")})
	exact := raid("b#1")
	for _, tc := range []struct {
		name   string
		change func(e *event.Event)
	}{
		{"sub type of another family", func(e *event.Event) { e.SubEventType = "Remote explosive/landmine/IED" }},
		{"sub type of the same family", func(e *event.Event) { e.SubEventType = "Shelling/artillery/missile attack" }},
		{"roles swapped", func(e *event.Event) { e.Actor1, e.Actor2 = e.Actor2, e.Actor1 }},
		{"one actor in common", func(e *event.Event) { e.Actor1 = actor("STATE:RUS") }},
		{"no actor in common", func(e *event.Event) { e.Actor1, e.Actor2 = actor("STATE:RUS"), actor("HTS") }},
	} {
		e := raid("c#1")
		tc.change(&e)
		s1, ok1 := Match(c, doc("b"), &exact)
		s2, ok2 := Match(c, doc("c"), &e)
		if !ok1 || !ok2 || s2 >= s1 {
			t.Errorf("%s: score %.3f (ok %v), the exact report %.3f (ok %v): want it lower", tc.name, s2, ok2, s1, ok1)
		}
	}
}

func TestMatchScoresCloserHigher(t *testing.T) {
	c := cluster(Member{Doc: doc("a"), Event: raid("a#1")})
	exact := raid("b#1")
	loose := raid("c#1")
	loose.Actor1 = nil
	loose.Location = town("wof:2", 34.56, 40.90)
	loose.Date = &event.Date{Start: "2018-05-05", End: "2018-05-11", TimePrecision: 2}
	s1, ok1 := Match(c, doc("b"), &exact)
	s2, ok2 := Match(c, doc("c"), &loose)
	if !ok1 || !ok2 {
		t.Fatalf("both should match: %v %v", ok1, ok2)
	}
	if s1 <= s2 {
		t.Errorf("exact report scored %.3f, loose one %.3f: want exact higher", s1, s2)
	}
}

// Window must cover every date gap Match accepts, or the store's
// preselection would hide clusters Cluster finds.
func TestWindowCoversMatch(t *testing.T) {
	c := cluster(Member{Doc: doc("a"), Event: raid("a#1")})
	cs, _ := time.Parse(time.DateOnly, c.Date.Start)
	ce, _ := time.Parse(time.DateOnly, c.Date.End)
	for off := -10; off <= 10; off++ {
		e := raid("b#1")
		d := cs.AddDate(0, 0, off).Format(time.DateOnly)
		e.Date = day(d)
		_, ok := Match(c, doc("b"), &e)
		ed, _ := time.Parse(time.DateOnly, d)
		inWindow := !ed.Add(Window).Before(cs) && !ed.Add(-Window).After(ce)
		if ok && !inWindow {
			t.Errorf("Match accepts %s, outside Window of %s..%s", d, c.Date.Start, c.Date.End)
		}
	}
}

func TestClusterOneRaidThreeOutlets(t *testing.T) {
	near := raid("c#1")
	near.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Admin2: "Abu Kamal", Lat: 34.7, Lon: 40.8, GeoPrecision: 2}
	nextDay := raid("d#1") // the same village struck again the next day
	nextDay.Date = day("2018-05-11")
	elsewhere := raid("b#2") // a second raid in the first outlet's second article
	elsewhere.Location = town("wof:9", 35.9, 39.0)
	elsewhere.Location.Admin1, elsewhere.Location.Admin1Code, elsewhere.Location.Admin2 = "Ar-Raqqa", "SY.RA", "Ar-Raqqa"
	members := []Member{
		{Doc: doc("a"), Event: raid("a#1")},
		{Doc: doc("b"), Event: raid("b#1")},
		{Doc: doc("b"), Event: elsewhere},
		{Doc: doc("c"), Event: near},
		{Doc: doc("d"), Event: nextDay},
	}
	got := Cluster(members)
	want := [][]int{{0, 1, 3}, {2}, {4}}
	if len(got) != len(want) {
		t.Fatalf("Cluster = %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("Cluster = %v, want %v", got, want)
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("Cluster = %v, want %v", got, want)
			}
		}
	}
	var ms []Member
	for _, i := range got[0] {
		ms = append(ms, members[i])
	}
	st := Merge("c1", ms)
	if len(st.Sources) != 3 {
		t.Errorf("merged raid has %d sources, want 3", len(st.Sources))
	}
}

func TestClusterJoinsBestCluster(t *testing.T) {
	at := func(id string, lat float64) event.Event {
		e := raid(id)
		e.Location = town("wof:"+id, lat, 40.90)
		return e
	}
	members := []Member{
		{Doc: doc("a"), Event: at("a#1", 34.50)},
		{Doc: doc("b"), Event: at("b#1", 34.60)}, // 11 km from a: a cluster of its own
		{Doc: doc("c"), Event: at("c#1", 34.59)}, // within reach of both, 1 km from b
	}
	got := Cluster(members)
	if len(got) != 2 || len(got[1]) != 2 || got[1][1] != 2 {
		t.Errorf("Cluster = %v, want [[0] [1 2]]", got)
	}
}

// Cluster offers each member only the clusters its date index finds; the
// result must be what comparing against every cluster gives.
func TestClusterIndexLosesNothing(t *testing.T) {
	days := []string{"2018-05-01", "2018-05-02", "2018-05-04", "2018-05-09", "2018-05-10"}
	var members []Member
	for i := range 60 {
		e := raid(fmt.Sprintf("d%d#1", i))
		e.Location = town("wof:x", 34.50+0.03*float64(i%4), 40.90)
		switch i % 5 {
		case 0:
			e.Date = &event.Date{Start: "2018-04-01", End: "2018-06-30", TimePrecision: 3, Text: "الربيع"}
		case 1:
			e.Date = &event.Date{Start: days[i%len(days)], End: "2018-05-12", TimePrecision: 2}
		default:
			e.Date = day(days[(i*7)%len(days)])
		}
		if i%3 == 0 {
			e.Actor1 = actor("STATE:RUS")
		}
		members = append(members, Member{Doc: doc(fmt.Sprintf("d%d", i)), Event: e})
	}
	got, want := Cluster(members), clusterByScan(members)
	if len(want) < 3 || len(want) == len(members) {
		t.Fatalf("the members form %d clusters of %d: the test needs a mix of joins and new clusters", len(want), len(members))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("indexed Cluster = %v\nscanning every cluster = %v", got, want)
	}
}

// clusterByScan is Cluster without the date index.
func clusterByScan(members []Member) [][]int {
	var groups [][]int
	var records []event.Stored
	for i := range members {
		best, bestScore := -1, 0.0
		for k := range records {
			if s, ok := Match(&records[k], members[i].Doc, &members[i].Event); ok && s > bestScore {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			groups = append(groups, []int{i})
			records = append(records, Merge("", []Member{members[i]}))
			continue
		}
		groups[best] = append(groups[best], i)
		var ms []Member
		for _, j := range groups[best] {
			ms = append(ms, members[j])
		}
		records[best] = Merge("", ms)
	}
	return groups
}

// BenchmarkMatch judges one report against clusters of the kinds the store
// offers it: one it joins and three that a rule keeps apart (place, actors,
// type), which is what most candidates are.
func BenchmarkMatch(b *testing.B) {
	same := raid("a#1")
	far := raid("b#1")
	far.Location = town("wof:2", 35.50, 40.90)
	others := raid("c#1")
	others.Actor1, others.Actor2 = actor("STATE:SYR"), actor("SDF")
	others.Location = &event.Location{Country: "SYR", Admin1: "Deir-ez-Zor", Admin1Code: "SY.DY", GeoPrecision: 3,
		Lat: 35.3, Lon: 40.1}
	armedClash := raid("d#1")
	armedClash.EventType, armedClash.SubEventType = event.Battles, "Armed clash"
	clusters := []*event.Stored{
		cluster(Member{Doc: doc("a"), Event: same}), cluster(Member{Doc: doc("b"), Event: far}),
		cluster(Member{Doc: doc("c"), Event: others}), cluster(Member{Doc: doc("d"), Event: armedClash}),
	}
	e := raid("e#1")
	d := doc("e")
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range clusters {
			Match(c, d, &e)
		}
	}
}

// report is a raid as one outlet tells it: its own sentence, its own title.
func report(id, sentence string) (event.Doc, event.Event) {
	d := doc(id)
	d.Title = ""
	e := raid(id + "#1")
	e.Evidence = []event.Span{{Text: sentence, Start: 0, End: len([]rune(sentence))}}
	return d, e
}

// Sentences written for these tests: two outlets' accounts of one raid
// (one wire story rewritten), and an account of another raid in the same
// stock phrases.
const (
	wire     = "أفاد المرصد السوري لحقوق الإنسان بأن طائرات التحالف الدولي شنت غارات على قرية الباغوز فجر الخميس وأسفرت عن مقتل سبعة عناصر من تنظيم داعش بينهم قيادي"
	rewrite  = "شنت طائرات التحالف الدولي غارات على قرية الباغوز فجر الخميس وأسفرت عن مقتل سبعة عناصر من تنظيم داعش بحسب المرصد"
	another  = "قصفت مدفعية الجيش مواقع في ريف المدينة الجنوبي مساء الأحد دون أن ترد أنباء عن إصابات في صفوف المدنيين"
	sevenBis = 7
)

// TestRepeatedEvidence: fields in doubt (a misread date, another event
// type, places apart in one province) are carried by wording or a toll the
// reports share, and only by them.
func TestRepeatedEvidence(t *testing.T) {
	d0, e0 := report("a", wire)
	e0.Fatalities = &event.Fatalities{Count: sevenBis, Min: sevenBis}
	c := cluster(Member{Doc: d0, Event: e0})
	cases := []struct {
		name     string
		sentence string
		change   func(d *event.Doc, e *event.Event)
		want     bool
	}{
		{"misread month, the wire's words", rewrite, func(d *event.Doc, e *event.Event) {
			e.Date = &event.Date{Start: "2018-04-01", End: "2018-04-30", EventDate: "2018-04-15", TimePrecision: 3, Text: "الشهر الماضي"}
		}, true},
		{"a day weeks back, the wire's words (recalled, not misread)", rewrite, func(d *event.Doc, e *event.Event) {
			e.Date = day("2018-04-15")
			e.Date.Text = "15 نيسان"
		}, false},
		{"misread month, other words", another, func(d *event.Doc, e *event.Event) {
			e.Date = &event.Date{Start: "2018-04-01", End: "2018-04-30", EventDate: "2018-04-15", TimePrecision: 3, Text: "الشهر الماضي"}
		}, false},
		{"misread month, the same toll at the same spot", another, func(d *event.Doc, e *event.Event) {
			e.Date = &event.Date{Start: "2018-04-01", End: "2018-04-30", EventDate: "2018-04-15", TimePrecision: 3, Text: "الشهر الماضي"}
			e.Fatalities = &event.Fatalities{Count: sevenBis, Min: sevenBis}
		}, true},
		{"read as a battle, the wire's words", rewrite, func(d *event.Doc, e *event.Event) {
			e.EventType, e.SubEventType, e.Actor1, e.Actor2 = event.Battles, "Armed clash", nil, nil
		}, true},
		{"read as a battle, other words", another, func(d *event.Doc, e *event.Event) {
			e.EventType, e.SubEventType, e.Actor1, e.Actor2 = event.Battles, "Armed clash", nil, nil
		}, false},
		{"a chemical attack, other words", another, func(d *event.Doc, e *event.Event) { e.SubEventType = chemical }, false},
		{"a town 40 km off, the wire's words", rewrite, func(d *event.Doc, e *event.Event) { e.Location = town("wof:3", 34.86, 40.90) }, true},
		{"a town 40 km off, other words", another, func(d *event.Doc, e *event.Event) { e.Location = town("wof:3", 34.86, 40.90) }, false},
		{"the next day, placed only in the province, the wire's words", rewrite, func(d *event.Doc, e *event.Event) {
			e.Location = &event.Location{Country: "SYR", Admin1Code: "SY.DY", Admin1: "Deir-ez-Zor", Lat: 35.3, Lon: 40.1, GeoPrecision: 3}
			e.Date = day("2018-05-11")
		}, false},
		{"a town 80 km off, the wire's words", rewrite, func(d *event.Doc, e *event.Event) { e.Location = town("wof:4", 35.22, 40.90) }, false},
		{"a toll far off, the fields the same (a count updated)", another, func(d *event.Doc, e *event.Event) {
			e.Fatalities = &event.Fatalities{Count: 300, Min: 300}
		}, true},
		{"a toll far off and another side struck", another, func(d *event.Doc, e *event.Event) {
			e.Fatalities = &event.Fatalities{Count: 30, Min: 30}
			e.Actor2 = actor("HTS")
		}, false},
		{"a toll far off and another side struck, the wire's words", rewrite, func(d *event.Doc, e *event.Event) {
			e.Fatalities = &event.Fatalities{Count: 30, Min: 30}
			e.Actor2 = actor("HTS")
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, e := report("b", tc.sentence)
			tc.change(&d, &e)
			score, ok := Match(c, d, &e)
			if ok != tc.want {
				v := judge(c, d, &e, true)
				t.Errorf("Match ok = %v (score %.2f, rule %d, wording %.2f), want %v", ok, score, v.rule, v.words, tc.want)
			}
		})
	}
	// The explanation names every signal.
	d, e := report("b", rewrite)
	why := Explain(c, d, &e)
	if why.By != ByRasd || len(why.Signals) != 7 || why.Signals[5].Name != "wording" || why.Signals[6].Name != "names" || why.Signals[5].Value < strongWords {
		t.Errorf("Explain = %+v", why)
	}
}

func TestSketchOverlap(t *testing.T) {
	a, b, o := newSketch(wire), newSketch(rewrite), newSketch(another)
	if got := overlap(a, b); got < 0.5 {
		t.Errorf("a wire story and its rewrite share %.2f of their word pairs, want at least half", got)
	}
	if got := overlap(a, o); got > 0.1 {
		t.Errorf("two raids share %.2f of their word pairs", got)
	}
	// The article and the conjunction written onto a word do not count.
	if overlap(newSketch("والجيش السوري يقصف البلدة القديمة بالمدفعية"), newSketch("الجيش السوري يقصف البلدة القديمة بالمدفعية")) != 1 {
		t.Error("clitics changed the sketch")
	}
	if overlap(newSketch("غارة"), newSketch("غارة")) != 0 {
		t.Error("a text too short to tell counted")
	}
}

// TestRepublishedArticle: an outlet publishes an article again the same
// day with a sentence more, which the extractor reads as another day and
// another town of the province; the copy joins the first. The same words
// from another outlet, or from the same outlet on another day, do not
// carry a day and a place apart.
func TestRepublishedArticle(t *testing.T) {
	const (
		first = "قال مصدر عسكري إن مسلحين هاجموا موقعا للجيش على طريق البادية قرب البلدة وقتلوا عددا من الجنود قبل أن ينسحبوا باتجاه الصحراء"
		added = " وأضاف المصدر أن الهجوم وقع مساء الأربعاء بعد ساعات من وصول تعزيزات"
		other = "قصفت طائرات حربية مستودعا للذخيرة في أطراف المدينة فجر اليوم ولم ترد أنباء عن ضحايا"
	)
	at := func(id, outlet, published, sentence string, place *event.Location, date *event.Date) (event.Doc, event.Event) {
		d, e := report(id, sentence)
		d.Source, d.Published = outlet, published
		e.Location, e.Date = place, date
		return d, e
	}
	sunday, wednesday := day("2018-05-27"), day("2018-05-23")
	sunday.Text, wednesday.Text = "الأحد", "الأربعاء"
	d0, e0 := at("a", "outlet-x", "2018-05-27", first, town("wof:1", 34.50, 40.90), sunday)
	c := cluster(Member{Doc: d0, Event: e0})
	townOff := town("wof:3", 34.86, 40.90) // 40 km off, in the province
	cases := []struct {
		name                        string
		outlet, published, sentence string
		want                        bool
	}{
		{"the same outlet's copy, that day", "outlet-x", "2018-05-27", first + added, true},
		{"the same words from another outlet", "outlet-y", "2018-05-27", first + added, false},
		{"the same outlet's copy, the next day", "outlet-x", "2018-05-28", first + added, false},
		{"the same outlet's other article that day", "outlet-x", "2018-05-27", other, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, e := at("b", tc.outlet, tc.published, tc.sentence, townOff, wednesday)
			if _, ok := Match(c, d, &e); ok != tc.want {
				v := judge(c, d, &e, true)
				t.Errorf("Match = %v, want %v (%s)", ok, tc.want, v.rule.explain(c, &e))
			}
		})
	}
}
