package dedup

import (
	"testing"

	"rasd/internal/event"
)

// Homs is a province named after its seat (admin1.tsv): the tests read the
// name both ways. The places and events are made up.

func homsProvince() *event.Location {
	return &event.Location{PlaceID: "wof:homs-province", NameEN: "Homs", NameAR: "حمص", Text: "محافظة حمص", Country: "SYR",
		Admin1: "Homs", Admin1Code: "SY.HI", Lat: 34.60, Lon: 37.70, GeoPrecision: 3}
}

func homsCity(text string) *event.Location {
	return &event.Location{PlaceID: "wof:homs-city", NameEN: "Homs", NameAR: "حمص", Text: text, Country: "SYR",
		Admin1: "Homs", Admin1Code: "SY.HI", Admin2: "Homs", Lat: 34.73, Lon: 36.71, GeoPrecision: 1}
}

// airbase lies in Homs province, about 75 km east of the city.
func airbase() *event.Location {
	return &event.Location{PlaceID: "rasd:test-airbase", NameEN: "air base", NameAR: "مطار", Text: "مطار", Country: "SYR",
		Admin1: "Homs", Admin1Code: "SY.HI", Admin2: "Homs", Lat: 34.52, Lon: 37.53, GeoPrecision: 1}
}

// strike is an air strike by one state on another's forces at l.
func strike(id string, l *event.Location, d *event.Date) event.Event {
	e := raid(id)
	e.Actor1, e.Actor2 = actor("STATE:ISR"), actor("STATE:SYR")
	e.Location, e.Date = l, d
	return e
}

func TestProvinceNamedAfterItsSeat(t *testing.T) {
	week := &event.Date{Start: "2018-05-04", End: "2018-05-10", EventDate: "2018-05-10", TimePrecision: 3}
	cases := []struct {
		name string
		a, b event.Event
		want bool
	}{
		{"the province and its seat, one day, nobody named",
			unnamed(strike("a#1", homsProvince(), day("2018-05-10"))), unnamed(strike("b#1", homsCity("حمص"), day("2018-05-10"))), true},
		{"the province and its seat, an undated report, nobody named",
			unnamed(strike("a#1", homsProvince(), day("2018-05-10"))), unnamed(strike("b#1", homsCity("حمص"), week)), false},
		{"the province's countryside and its seat",
			unnamed(strike("a#1", countryside(), day("2018-05-10"))), unnamed(strike("b#1", homsCity("حمص"), day("2018-05-10"))), false},
		{"the bare name of the seat and a base in the province, one day",
			strike("a#1", airbase(), day("2018-05-10")), strike("b#1", homsCity("حمص"), day("2018-05-10")), true},
		{"the bare name of the seat and a base in the province, days apart",
			strike("a#1", airbase(), day("2018-05-10")), strike("b#1", homsCity("حمص"), day("2018-05-12")), false},
		{"«the city of Homs» and a base in the province",
			strike("a#1", airbase(), day("2018-05-10")), strike("b#1", homsCity("مدينة حمص"), day("2018-05-10")), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := doc("b")
			d.Published = "2018-05-13" // beyond the lag: dates alone decide
			c := cluster(Member{Doc: doc("a"), Event: tc.a})
			if _, got := Match(c, d, &tc.b); got != tc.want {
				v := judge(c, d, &tc.b, true)
				t.Errorf("Match = %v, want %v (%s)", got, tc.want, v.rule.explain(c, &tc.b))
			}
		})
	}
}

func unnamed(e event.Event) event.Event {
	e.Actor1, e.Actor2 = nil, nil
	return e
}

func countryside() *event.Location {
	l := homsProvince()
	l.Text = "ريف حمص"
	return l
}

func TestInterceptedMissileIsTheStrike(t *testing.T) {
	city := town("wof:1", 24.70, 46.70)
	city.Country, city.Admin1, city.Admin1Code = "SAU", "Riyadh", "SA.RI"
	intercepted := event.Event{ID: "a#1", EventType: event.Strategic, SubEventType: disruptedWeapon,
		Actor1: actor("STATE:SAU"), Location: city, Date: day("2018-03-25"), Evidence: []event.Span{{Text: "اعترضت", Start: 0, End: 6}}}
	fired := event.Event{ID: "b#1", EventType: event.Explosions, SubEventType: "Shelling/artillery/missile attack",
		Location: city, Date: day("2018-03-25"), Evidence: []event.Span{{Text: "صاروخ", Start: 0, End: 5}}}
	c := cluster(Member{Doc: doc("a"), Event: intercepted})
	if _, ok := Match(c, doc("b"), &fired); !ok {
		t.Error("a missile fired at a city and the one intercepted over it that day are apart")
	}
	nextDay := fired
	nextDay.Date = day("2018-03-27")
	d := doc("b")
	d.Published = "2018-03-28"
	if _, ok := Match(c, d, &nextDay); ok {
		t.Error("a missile fired two days after another was intercepted joined it")
	}
	battle := fired
	battle.EventType, battle.SubEventType = event.Battles, "Armed clash"
	if _, ok := Match(c, doc("b"), &battle); ok {
		t.Error("an interception joined a battle")
	}
}

// TestInterceptionAndBlastsHeard: an interception told on its cue and
// explosions heard over the same town that day are one salvo; a mine that
// went off there, or arms seized there, are not.
func TestInterceptionAndBlastsHeard(t *testing.T) {
	city := town("wof:1", 33.40, 36.25)
	city.Country, city.Admin1, city.Admin1Code = "SYR", "Rural Damascus", "SY.RD"
	intercepted := event.Event{ID: "a#1", EventType: event.Strategic, SubEventType: disruptedWeapon,
		Actor1: actor("STATE:ISR"), Location: city, Date: day("2018-03-25"), Rule: "cue «اعتراض» (interception, triggers.tsv:1)",
		Evidence: []event.Span{{Text: "اعتراض", Start: 0, End: 6}}}
	blasts := event.Event{ID: "b#1", EventType: event.Explosions, SubEventType: remoteExplosive,
		Actor1: actor("STATE:ISR"), Location: city, Date: day("2018-03-25"), Rule: "cue «انفجارات» (explosion, triggers.tsv:2)",
		Trigger: event.Span{Text: "انفجارات"}, Evidence: []event.Span{{Text: "انفجارات", Start: 0, End: 8}}}
	c := cluster(Member{Doc: doc("a"), Event: intercepted})
	if _, ok := Match(c, doc("b"), &blasts); !ok {
		t.Error("explosions heard where a missile was intercepted that day are apart from it")
	}
	mine := blasts
	mine.Rule, mine.Trigger = "cue «انفجار لغم» (landmine, triggers.tsv:3)", event.Span{Text: "انفجار لغم"}
	if _, ok := Match(c, doc("b"), &mine); ok {
		t.Error("a mine joined an interception")
	}
	device := blasts
	device.Trigger = event.Span{Text: "عبوة ناسفة"}
	if _, ok := Match(c, doc("b"), &device); ok {
		t.Error("a roadside bomb joined an interception")
	}
	seized := intercepted
	seized.Rule = "cue «ضبطت» (weapons_seized, triggers.tsv:4)"
	if _, ok := Match(cluster(Member{Doc: doc("a"), Event: seized}), doc("b"), &blasts); ok {
		t.Error("arms seized joined explosions heard")
	}
}

func TestWaveAndItsDeadliestStrike(t *testing.T) {
	wave := raid("a#1")
	wave.Aggregate = true
	wave.Fatalities = deaths(3, false, nil)
	one := raid("b#1")
	one.Fatalities = deaths(3, false, nil)
	c := cluster(Member{Doc: doc("a"), Event: wave})
	if _, ok := Match(c, doc("b"), &one); !ok {
		t.Error("a wave of strikes and one strike with the same toll, side, place and day are apart")
	}
	other := one
	other.Fatalities = deaths(1, false, nil)
	if _, ok := Match(c, doc("b"), &other); ok {
		t.Error("a wave and a strike with another toll joined on the fields")
	}
	nobody := one
	nobody.Actor1, nobody.Actor2 = nil, nil
	if _, ok := Match(c, doc("b"), &nobody); ok {
		t.Error("a wave and a strike that names nobody joined on the toll alone")
	}
}

// TestClusterBridges: two reports of one strike that cannot be joined (one
// names nobody, the other reads it as a battle of the Russian forces)
// become one cluster when a third report fits both.
func TestClusterBridges(t *testing.T) {
	strike := raid("a#1")
	strike.Actor1, strike.Actor2 = nil, actor("CIVILIANS")
	battle := raid("b#1")
	battle.EventType, battle.SubEventType = event.Battles, "Armed clash"
	battle.Actor1, battle.Actor2 = actor("STATE:RUS"), nil
	named := raid("c#1")
	named.Actor1, named.Actor2 = actor("STATE:RUS"), actor("CIVILIANS")
	two := []Member{{Doc: doc("a"), Event: strike}, {Doc: doc("b"), Event: battle}}
	if got := Cluster(two); len(got) != 2 {
		t.Fatalf("the first two reports alone: %v, want two clusters", got)
	}
	got := Cluster(append(two, Member{Doc: doc("c"), Event: named}))
	if len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("with the third report: %v, want one cluster of three", got)
	}
}

// TestStripNamedAfterItsSeat: «غزة» names the Strip (its province, «قطاع
// غزة») as often as the city: the bare name and a town elsewhere in the
// Strip on one day agree to the province, as Homs and its base do.
func TestStripNamedAfterItsSeat(t *testing.T) {
	gaza := &event.Location{PlaceID: "wof:gaza-city", NameEN: "Gaza", NameAR: "غزة", Text: "غزة", Country: "PSE",
		Admin1: "Gaza", Admin1Code: "PS.GZ", Admin2: "Gaza", Lat: 31.50, Lon: 34.47, GeoPrecision: 1}
	south := &event.Location{PlaceID: "rasd:test-south", NameEN: "south", NameAR: "جنوب", Text: "جنوب", Country: "PSE",
		Admin1: "Gaza", Admin1Code: "PS.GZ", Admin2: "Rafah", Lat: 31.28, Lon: 34.25, GeoPrecision: 2}
	if provinceName(gaza) == "" {
		t.Fatal("«غزة» is not read as the Strip's name")
	}
	c := cluster(Member{Doc: doc("a"), Event: strike("a#1", south, day("2018-05-10"))})
	d := doc("b")
	d.Published = "2018-05-13"
	same := strike("b#1", gaza, day("2018-05-10"))
	if _, ok := Match(c, d, &same); !ok {
		t.Error("a strike on «غزة» and one in the south of the Strip, one day, one party: apart")
	}
	city := same
	city.Location = &event.Location{}
	*city.Location = *gaza
	city.Location.Text = "مدينة غزة"
	if _, ok := Match(c, d, &city); ok {
		t.Error("«مدينة غزة» joined a strike 30 km off")
	}
}

// TestProvinceAndSeatUndated: two undated reports of one news day, one
// naming the province and the other its seat, join when they repeat each
// other (here, the toll) and stay apart when they do not (two occurrences
// of one front).
func TestProvinceAndSeatUndated(t *testing.T) {
	undated := &event.Date{Start: "2018-05-04", End: "2018-05-10", EventDate: "2018-05-10", TimePrecision: 3}
	d0, e0 := report("a", wire)
	e0 = unnamed(e0)
	e0.Location, e0.Date = homsProvince(), undated
	e0.Fatalities = deaths(sevenBis, false, nil)
	c := cluster(Member{Doc: d0, Event: e0})
	for _, tc := range []struct {
		toll int
		want bool
	}{{sevenBis, true}, {0, false}} {
		d, e := report("b", another)
		e = unnamed(e)
		e.Location, e.Date = homsCity("حمص"), undated
		if tc.toll > 0 {
			e.Fatalities = deaths(tc.toll, false, nil)
		}
		if _, ok := Match(c, d, &e); ok != tc.want {
			t.Errorf("toll %d: Match = %v, want %v", tc.toll, ok, tc.want)
		}
	}
}

// TestSalvoInOneArticle: an article that tells a missile fired at a city
// and the same missile intercepted over it makes two events of one salvo,
// named by the side that fired and the side that intercepted.
func TestSalvoInOneArticle(t *testing.T) {
	city := town("wof:1", 17.5, 44.2)
	city.Country, city.Admin1, city.Admin1Code = "SAU", "Najran", "SA.NJ"
	fired := event.Event{ID: "a#1", EventType: event.Explosions, SubEventType: "Shelling/artillery/missile attack",
		Actor1: actor("HOUTHIS"), Actor2: actor("CIVILIANS"), Location: city, Date: day("2018-03-25"),
		Evidence: []event.Span{{Text: "صاروخ", Start: 0, End: 5}}}
	stopped := event.Event{ID: "a#2", EventType: event.Strategic, SubEventType: disruptedWeapon,
		Actor1: actor("STATE:SAU"), Location: city, Date: day("2018-03-25"), Evidence: []event.Span{{Text: "اعترضت", Start: 40, End: 46}}}
	c := cluster(Member{Doc: doc("a"), Event: fired})
	if _, ok := Match(c, doc("a"), &stopped); !ok {
		t.Error("a missile fired and intercepted over one city, one day, one article: apart")
	}
	other := stopped
	other.Actor2 = actor("ISIS")
	if _, ok := Match(c, doc("a"), &other); ok {
		t.Error("a missile of another side intercepted over the city joined")
	}
	later := stopped
	later.Date = day("2018-03-27")
	if _, ok := Match(c, doc("a"), &later); ok {
		t.Error("an interception two days later joined")
	}
}

// TestBridgeOneArticleReadTwice: an article whose one strike the extractor
// read twice, at the province and at its namesake seat, leaves an event in
// each of two clusters; a report that fits both joins them. An article
// that names two towns told two strikes, and a report between them joins
// one only.
func TestBridgeOneArticleReadTwice(t *testing.T) {
	at := func(d, id string, l *event.Location) Member {
		return Member{Doc: doc(d), Event: strike(id, l, day("2018-05-10"))}
	}
	twice := []Member{at("d", "d#1", homsProvince()), at("d", "d#2", homsCity("حمص")), at("e", "e#1", homsCity("حمص"))}
	if got := Cluster(twice); len(got) != 1 {
		t.Errorf("one strike read at the province and its seat: %v, want one cluster", got)
	}
	a, b := town("wof:a", 34.50, 40.90), town("wof:b", 34.56, 40.90)
	between := town("wof:c", 34.53, 40.90)
	two := []Member{at("d", "d#1", a), at("d", "d#2", b), at("e", "e#1", between)}
	if got := Cluster(two); len(got) != 2 {
		t.Errorf("an article naming two towns: %v, want two clusters", got)
	}
	// One article's strikes by one side and shelling by the other, on one
	// town that day, and a report of "strikes" naming nobody.
	bySide := func(d, id, side, sub string) Member {
		m := at(d, id, a)
		m.Event.SubEventType, m.Event.Actor1, m.Event.Actor2 = sub, actor(side), actor("CIVILIANS")
		return m
	}
	nobody := at("e", "e#1", a)
	nobody.Event.Actor1, nobody.Event.Actor2 = nil, nil
	sides := []Member{bySide("d", "d#1", "STATE:ISR", "Air/drone strike"), bySide("d", "d#2", "HAMAS", "Shelling/artillery/missile attack"), nobody}
	if got := Cluster(sides); len(got) != 2 {
		t.Errorf("an article telling each side's fire: %v, want two clusters", got)
	}
}

// TestStrikeJoinsInterceptionAndBlasts: an outlet with the defending
// army's word tells missiles brought down over a base, another the blasts
// heard there, a third the strike itself, by the side that fired it, on
// the fighters of an ally at the base. The first two make a record of an
// interception whose firer nobody named (the blasts' target is the side
// hit, not the firer), which the strike joins. Then another side's strike
// on another party there that day does not.
func TestStrikeJoinsInterceptionAndBlasts(t *testing.T) {
	base := airbase()
	brought := event.Event{ID: "a#1", EventType: event.Strategic, SubEventType: disruptedWeapon,
		Actor1: actor("STATE:SYR"), Location: base, Date: day("2018-05-10"), Rule: "cue «تصدت» (interception, triggers.tsv:1)",
		Evidence: []event.Span{{Text: "تصدت", Start: 0, End: 4}}}
	heard := event.Event{ID: "b#1", EventType: event.Explosions, SubEventType: remoteExplosive,
		Actor2: actor("STATE:SYR"), Location: base, Date: day("2018-05-10"), Rule: "cue «انفجارات» (explosion, triggers.tsv:2)",
		Trigger: event.Span{Text: "انفجارات"}, Evidence: []event.Span{{Text: "انفجارات", Start: 0, End: 8}}}
	c := cluster(Member{Doc: doc("a"), Event: brought}, Member{Doc: doc("b"), Event: heard})
	if c.SubEventType != disruptedWeapon || c.Actor2 != nil {
		t.Fatalf("record %s %s→%s, want an interception whose firer is unnamed", c.SubEventType, actorID(c.Actor1), actorID(c.Actor2))
	}
	struck := strike("c#1", base, day("2018-05-10"))
	struck.Actor2 = actor("HEZBOLLAH")
	if _, ok := Match(c, doc("c"), &struck); !ok {
		v := judge(c, doc("c"), &struck, true)
		t.Errorf("the strike stays apart from the missiles brought down over its target: %s", v.rule.explain(c, &struck))
	}
	c = cluster(Member{Doc: doc("a"), Event: brought}, Member{Doc: doc("b"), Event: heard}, Member{Doc: doc("c"), Event: struck})
	other := struck
	other.Actor1, other.Actor2 = actor("STATE:TUR"), actor("ISIS")
	if _, ok := Match(c, doc("d"), &other); ok {
		t.Error("another side's strike on another party there joined")
	}
}
