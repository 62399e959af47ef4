package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"rasd/internal/document"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rasd/internal/event"
	"rasd/internal/store"
)

// The test store: five short reports written for these tests, each coded by
// hand (not by the extractor, whose rules change under development), so
// that every expected answer below follows from this file alone.
//
//	doc        published   event                                   where (admin1)        dead
//	baghuz-a   2019-03-19  VAC/Attack ISIS → civilians             Baghuz (Deir-ez-Zor)  5
//	baghuz-b   2019-03-20  the same attack, told by a second outlet → joins baghuz-a's cluster
//	mosul      2019-03-27  Air/drone strike COALITION → ISIS       Mosul (Ninewa)        10
//	raqqa      2019-02-12  Arrests SDF → ISIS                      Raqqa (Ar-Raqqa)      –
//	anbar      2019-01-05  Armed clash STATE:IRQ ↔ ISIS            Rutba (Al-Anbar)      2
type fixtureDoc struct {
	doc *document.Document
	res event.Result
}

// coder builds the spans of one hand-coded document: every span is found by
// its text, so offsets are right by construction and count code points.
type coder struct {
	t    testing.TB
	text string
}

func (c coder) span(sub string) event.Span {
	c.t.Helper()
	i := strings.Index(c.text, sub)
	if i < 0 {
		c.t.Fatalf("fixture: %q is not in the text", sub)
	}
	start := utf8.RuneCountInString(c.text[:i])
	return event.Span{Text: sub, Start: start, End: start + utf8.RuneCountInString(sub)}
}

func (c coder) actor(id, en, ar, typ, mention string) *event.Actor {
	s := c.span(mention)
	return &event.Actor{ID: id, NameEN: en, NameAR: ar, Type: typ, Text: s.Text, Start: s.Start, End: s.End}
}

func (c coder) place(id, en, ar, country, admin1, code, admin2 string, lat, lon float64, mention string) *event.Location {
	s := c.span(mention)
	return &event.Location{PlaceID: id, NameEN: en, NameAR: ar, Country: country, Admin1: admin1, Admin1Code: code,
		Admin2: admin2, Lat: lat, Lon: lon, GeoPrecision: 1, Text: s.Text, Start: s.Start, End: s.End}
}

func (c coder) date(day string, mention string) *event.Date {
	d := &event.Date{Start: day, End: day, EventDate: day, TimePrecision: 1}
	if mention != "" {
		s := c.span(mention)
		d.Text, d.StartChar, d.EndChar = s.Text, s.Start, s.End
	}
	return d
}

func (c coder) dead(n int, mention string) *event.Fatalities {
	s := c.span(mention)
	return &event.Fatalities{Count: n, Min: n, Text: s.Text, Start: s.Start, End: s.End}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func fixtureDocs(t testing.TB) []fixtureDoc {
	var out []fixtureDoc
	add := func(id, source, published, title, text string, code func(c coder) []event.Event) {
		doc := &document.Document{ID: id, Source: source, URL: "https://example.org/" + id, Published: day(published), Title: title, Text: text}
		events := code(coder{t, text})
		for i := range events {
			events[i].ID = fmt.Sprintf("%s#%d", id, i+1)
			if events[i].Certainty == "" {
				events[i].Certainty = event.Reported
			}
			events[i].Confidence = 0.8
			events[i].Rule = "hand-coded test fixture"
			if events[i].AssocActor1 == nil {
				events[i].AssocActor1 = []event.Actor{}
			}
			if events[i].AssocActor2 == nil {
				events[i].AssocActor2 = []event.Actor{}
			}
		}
		res := event.Result{
			Doc:    event.Doc{ID: id, Source: source, URL: doc.URL, Published: published, Title: title, Lang: "ar"},
			Events: events,
		}
		out = append(out, fixtureDoc{doc, res})
	}

	isis := func(c coder, mention string) *event.Actor {
		return c.actor("ISIS", "Islamic State", "تنظيم الدولة الإسلامية", "rebel", mention)
	}
	civilians := func(c coder, mention string) *event.Actor {
		return c.actor("CIVILIANS", "Civilians", "مدنيون", "civilians", mention)
	}
	baghuz := func(c coder, mention string) *event.Location {
		return c.place("wof:1259574811", "Baghuz Fawqani", "الباغوز فوقاني", "SYR", "Deir-ez-Zor", "SY.DY", "Abu Kamal", 34.46095, 40.94904, mention)
	}

	// A leading emoji, as Arabic breaking-news posts often have, puts every
	// span after a character that is two UTF-16 units in JavaScript.
	add("baghuz-a", "Outlet A", "2019-03-19", "هجوم على الباغوز",
		"🔴 عاجل: قتل خمسة مدنيين يوم الاثنين في هجوم شنه عناصر تنظيم داعش على قرية الباغوز شرق دير الزور. وقالت مصادر محلية إن المهاجمين انسحبوا نحو البادية بعد الهجوم.",
		func(c coder) []event.Event {
			return []event.Event{{
				EventType: event.VAC, SubEventType: "Attack",
				Actor1: isis(c, "تنظيم داعش"), Actor2: civilians(c, "مدنيين"),
				Location: baghuz(c, "الباغوز"), Date: c.date("2019-03-18", "يوم الاثنين"),
				Fatalities: c.dead(5, "قتل خمسة مدنيين"), Trigger: c.span("هجوم"),
				Evidence: []event.Span{c.span("قتل خمسة مدنيين يوم الاثنين في هجوم شنه عناصر تنظيم داعش على قرية الباغوز شرق دير الزور.")},
			}}
		})
	add("baghuz-b", "Outlet B", "2019-03-20", "مقتل مدنيين في ريف دير الزور",
		"أفادت مصادر أهلية بمقتل خمسة مدنيين في هجوم لتنظيم داعش استهدف قرية الباغوز يوم الاثنين.",
		func(c coder) []event.Event {
			return []event.Event{{
				EventType: event.VAC, SubEventType: "Attack",
				Actor1: isis(c, "تنظيم داعش"), Actor2: civilians(c, "مدنيين"),
				Location: baghuz(c, "الباغوز"), Date: c.date("2019-03-18", "يوم الاثنين"),
				Fatalities: c.dead(5, "مقتل خمسة مدنيين"), Trigger: c.span("هجوم"),
				Evidence: []event.Span{c.span("أفادت مصادر أهلية بمقتل خمسة مدنيين في هجوم لتنظيم داعش استهدف قرية الباغوز يوم الاثنين.")},
			}}
		})
	add("mosul", "Outlet A", "2019-03-27", "غارة على مواقع التنظيم",
		"شنت طائرات التحالف الدولي غارة جوية على مخبأ لتنظيم داعش قرب مدينة الموصل أمس، وأسفرت عن مقتل عشرة من عناصره.",
		func(c coder) []event.Event {
			return []event.Event{{
				EventType: event.Explosions, SubEventType: "Air/drone strike",
				Actor1:     c.actor("COALITION", "International Coalition", "التحالف الدولي", "external", "التحالف الدولي"),
				Actor2:     isis(c, "تنظيم داعش"),
				Location:   c.place("wof:101752633", "Mosul", "الموصل", "IRQ", "Ninewa", "IQ.NI", "Mosul", 36.335, 43.119, "الموصل"),
				Date:       c.date("2019-03-26", "أمس"),
				Fatalities: c.dead(10, "مقتل عشرة من عناصره"), Trigger: c.span("غارة جوية"),
				Evidence: []event.Span{c.span("شنت طائرات التحالف الدولي غارة جوية على مخبأ لتنظيم داعش قرب مدينة الموصل أمس، وأسفرت عن مقتل عشرة من عناصره.")},
			}}
		})
	add("raqqa", "Outlet C", "2019-02-12", "حملة اعتقالات في الرقة",
		"اعتقلت قوات سوريا الديمقراطية ثلاثة أشخاص يشتبه بانتمائهم إلى خلايا داعش في مدينة الرقة.",
		func(c coder) []event.Event {
			return []event.Event{{
				EventType: event.Strategic, SubEventType: "Arrests",
				Actor1:   c.actor("SDF", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "rebel", "قوات سوريا الديمقراطية"),
				Actor2:   isis(c, "خلايا داعش"),
				Location: c.place("wof:101752661", "Ar Raqqah", "الرقة", "SYR", "Ar-Raqqa", "SY.RA", "Raqqa", 35.95, 39.01, "الرقة"),
				Date:     c.date("2019-02-12", ""),
				Trigger:  c.span("اعتقلت"),
				Evidence: []event.Span{c.span("اعتقلت قوات سوريا الديمقراطية ثلاثة أشخاص يشتبه بانتمائهم إلى خلايا داعش في مدينة الرقة.")},
			}}
		})
	add("anbar", "Outlet C", "2019-01-05", "اشتباكات في الأنبار",
		"اشتبكت القوات العراقية مع مسلحين من داعش قرب الرطبة غرب الأنبار، ما أدى إلى مقتل جنديين.",
		func(c coder) []event.Event {
			return []event.Event{{
				EventType: event.Battles, SubEventType: "Armed clash",
				Actor1:     c.actor("STATE:IRQ", "Military Forces of Iraq", "القوات العراقية", "state", "القوات العراقية"),
				Actor2:     isis(c, "داعش"),
				Location:   c.place("wof:101752700", "Rutba", "الرطبة", "IRQ", "Al-Anbar", "IQ.AN", "Al-Rutba", 33.038, 40.285, "الرطبة"),
				Date:       c.date("2019-01-05", ""),
				Fatalities: c.dead(2, "مقتل جنديين"), Trigger: c.span("اشتبكت"),
				Evidence: []event.Span{c.span("اشتبكت القوات العراقية مع مسلحين من داعش قرب الرطبة غرب الأنبار، ما أدى إلى مقتل جنديين.")},
			}}
		})
	return out
}

// recalledDoc is a sixth report, for the background filter: a 2019 article
// that recalls a battle of 2014 as past context.
func recalledDoc(t testing.TB) fixtureDoc {
	text := "وكان تنظيم داعش قد سيطر على مدينة الرمادي بعد معارك مع القوات العراقية في عام 2014."
	c := coder{t, text}
	doc := &document.Document{ID: "ramadi-2014", Source: "Outlet B", URL: "https://example.org/ramadi-2014",
		Published: day("2019-03-21"), Title: "الرمادي", Text: text}
	res := event.Result{
		Doc: event.Doc{ID: doc.ID, Source: doc.Source, URL: doc.URL, Published: "2019-03-21", Title: doc.Title, Lang: "ar"},
		Events: []event.Event{{
			ID: "ramadi-2014#1", EventType: event.Battles, SubEventType: "Non-state actor overtakes territory",
			Actor1:      c.actor("ISIS", "Islamic State", "تنظيم الدولة الإسلامية", "rebel", "تنظيم داعش"),
			Actor2:      c.actor("STATE:IRQ", "Military Forces of Iraq", "القوات العراقية", "state", "القوات العراقية"),
			AssocActor1: []event.Actor{}, AssocActor2: []event.Actor{},
			Location:  c.place("wof:101752703", "Ramadi", "الرمادي", "IRQ", "Al-Anbar", "IQ.AN", "Ramadi", 33.42, 43.3, "الرمادي"),
			Date:      &event.Date{Start: "2014-01-01", End: "2014-12-31", EventDate: "2014-01-01", TimePrecision: 3, Text: "عام 2014"},
			Certainty: event.Reported, Background: true, Confidence: 0.8, Rule: "hand-coded test fixture",
			Trigger: c.span("سيطر"), Evidence: []event.Span{c.span(text)},
		}},
	}
	return fixtureDoc{doc, res}
}

// openFixtureStore opens a SQLite store in a temporary directory and fills
// it with fixtureDocs.
func openFixtureStore(t testing.TB) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range fixtureDocs(t) {
		if _, err := st.Add(ctx, f.doc, f.res); err != nil {
			t.Fatalf("adding %s: %v", f.doc.ID, err)
		}
	}
	return st
}

// clusterOf returns the cluster id the store gave the event of a fixture
// document.
func clusterOf(t testing.TB, st store.Store, docID string) string {
	t.Helper()
	var id string
	err := st.Events(context.Background(), store.Filter{}, func(e *event.Stored) error {
		for _, s := range e.Sources {
			if s.DocID == docID {
				id = e.ClusterID
			}
		}
		return nil
	})
	if err != nil || id == "" {
		t.Fatalf("no cluster holds %s (%v)", docID, err)
	}
	return id
}

func newTestServer(t testing.TB, st store.Store, cfg Config) *httptest.Server {
	t.Helper()
	cfg.Store = st
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// abroadDocs are three more reports, beyond Syria and Iraq, for the map of
// the region: each written and coded by hand like fixtureDocs.
//
//	doc        published   event                                   where (admin1)               dead
//	hudaydah   2019-03-21  Air/drone strike ARAB-COALITION → HOUTHIS  Al Hudaydah (Al Hudaydah)  3
//	taizz      2019-03-24  Armed clash STATE:YEM ↔ HOUTHIS         Taizz (Taizz)                –
//	tripoli    2019-03-23  Shelling UNIDENTIFIED → civilians        Tripoli (Tripoli, Libya)     –
func abroadDocs(t testing.TB) []fixtureDoc {
	var out []fixtureDoc
	add := func(id, published, title, text string, code func(c coder) event.Event) {
		c := coder{t, text}
		e := code(c)
		e.ID, e.Certainty, e.Confidence, e.Rule = id+"#1", event.Reported, 0.8, "hand-coded test fixture"
		e.Evidence = []event.Span{c.span(text)}
		if e.AssocActor1 == nil {
			e.AssocActor1 = []event.Actor{}
		}
		if e.AssocActor2 == nil {
			e.AssocActor2 = []event.Actor{}
		}
		doc := &document.Document{ID: id, Source: "Outlet D", URL: "https://example.org/" + id, Published: day(published), Title: title, Text: text}
		res := event.Result{Doc: event.Doc{ID: id, Source: "Outlet D", URL: doc.URL, Published: published, Title: title, Lang: "ar"},
			Events: []event.Event{e}}
		out = append(out, fixtureDoc{doc, res})
	}
	houthis := func(c coder, mention string) *event.Actor {
		return c.actor("HOUTHIS", "Houthis (Ansar Allah)", "الحوثيون", "rebel", mention)
	}
	add("hudaydah", "2019-03-21", "غارات قرب ميناء الحديدة",
		"قصفت طائرات التحالف مواقع يسيطر عليها الحوثيون قرب ميناء الحديدة غرب اليمن، ما أسفر عن مقتل ثلاثة مسلحين.",
		func(c coder) event.Event {
			return event.Event{EventType: event.Explosions, SubEventType: "Air/drone strike",
				Actor1:     c.actor("ARAB-COALITION", "Saudi-led Coalition", "التحالف العربي", "external", "التحالف"),
				Actor2:     houthis(c, "الحوثيون"),
				Location:   c.place("wof:890432439", "Al Hudaydah", "الحديدة", "YEM", "Al Hudaydah", "YE.HU", "Al Hali", 14.799, 42.991, "الحديدة"),
				Date:       c.date("2019-03-20", ""),
				Fatalities: c.dead(3, "مقتل ثلاثة مسلحين"), Trigger: c.span("قصفت"),
			}
		})
	add("taizz", "2019-03-24", "اشتباكات في تعز",
		"اندلعت اشتباكات عنيفة بين القوات الحكومية ومسلحي الحوثي في الأحياء الشرقية من مدينة تعز.",
		func(c coder) event.Event {
			return event.Event{EventType: event.Battles, SubEventType: "Armed clash",
				Actor1:   c.actor("STATE:YEM", "Military Forces of Yemen", "القوات الحكومية اليمنية", "state", "القوات الحكومية"),
				Actor2:   houthis(c, "مسلحي الحوثي"),
				Location: c.place("wof:890449743", "Taizz", "تعز", "YEM", "Taizz", "YE.TA", "Al Qahirah", 13.587, 44.016, "تعز"),
				Date:     c.date("2019-03-24", ""), Trigger: c.span("اشتباكات"),
			}
		})
	add("tripoli", "2019-03-23", "قذائف على طرابلس",
		"أطلق مسلحون مجهولون قذائف هاون على حي سكني في جنوب طرابلس الليبية، ما أدى إلى إصابة أربعة مدنيين بجروح.",
		func(c coder) event.Event {
			return event.Event{EventType: event.Explosions, SubEventType: "Shelling/artillery/missile attack",
				Actor1:   c.actor("UNIDENTIFIED", "Unidentified armed group", "مسلحون مجهولون", "political_militia", "مسلحون مجهولون"),
				Actor2:   c.actor("CIVILIANS", "Civilians", "مدنيون", "civilians", "مدنيين"),
				Location: c.place("wof:421194651", "Tripoli", "طرابلس", "LBY", "Tripoli", "LY.TR", "", 32.885, 13.19, "طرابلس"),
				Date:     c.date("2019-03-23", ""), Trigger: c.span("قذائف هاون"),
			}
		})
	return out
}

// openRegionStore is the fixture store with abroadDocs added.
func openRegionStore(t testing.TB) store.Store {
	t.Helper()
	st := openFixtureStore(t)
	for _, f := range abroadDocs(t) {
		if _, err := st.Add(context.Background(), f.doc, f.res); err != nil {
			t.Fatalf("adding %s: %v", f.doc.ID, err)
		}
	}
	return st
}

// farDocs are two reports the map cannot draw, for the counts of the
// header, the table and the map's note: talks in Geneva, beyond the base
// map's countries, and a raid whose article names no place.
func farDocs(t testing.TB) []fixtureDoc {
	var out []fixtureDoc
	add := func(id, published, title, text string, code func(c coder) event.Event) {
		c := coder{t, text}
		e := code(c)
		e.ID, e.Certainty, e.Confidence, e.Rule = id+"#1", event.Reported, 0.8, "hand-coded test fixture"
		e.Evidence = []event.Span{c.span(text)}
		e.AssocActor1, e.AssocActor2 = []event.Actor{}, []event.Actor{}
		doc := &document.Document{ID: id, Source: "Outlet E", URL: "https://example.org/" + id, Published: day(published), Title: title, Text: text}
		res := event.Result{Doc: event.Doc{ID: id, Source: "Outlet E", URL: doc.URL, Published: published, Title: title, Lang: "ar"},
			Events: []event.Event{e}}
		out = append(out, fixtureDoc{doc, res})
	}
	add("geneva", "2019-03-15", "محادثات في جنيف",
		"وقّع ممثلو الحكومة اليمنية والحوثيين في جنيف اتفاقاً لتبادل الأسرى برعاية الأمم المتحدة.",
		func(c coder) event.Event {
			return event.Event{EventType: event.Strategic, SubEventType: "Agreement",
				Actor1:   c.actor("STATE:YEM", "Military Forces of Yemen", "القوات الحكومية اليمنية", "state", "الحكومة اليمنية"),
				Actor2:   c.actor("HOUTHIS", "Houthis (Ansar Allah)", "الحوثيون", "rebel", "الحوثيين"),
				Location: c.place("wof:101748453", "Geneva", "جنيف", "CHE", "", "", "", 46.2, 6.15, "جنيف"),
				Date:     c.date("2019-03-14", ""), Trigger: c.span("اتفاقاً"),
			}
		})
	add("unplaced", "2019-03-12", "حملة دهم",
		"نفذت قوات الأمن حملة دهم واعتقلت خمسة مطلوبين، بحسب بيان لم يذكر مكان الحملة.",
		func(c coder) event.Event {
			return event.Event{EventType: event.Strategic, SubEventType: "Arrests",
				Actor1:  c.actor("STATE:IRQ", "Military Forces of Iraq", "القوات العراقية", "state", "قوات الأمن"),
				Date:    c.date("2019-03-12", ""),
				Trigger: c.span("اعتقلت"),
			}
		})
	return out
}
