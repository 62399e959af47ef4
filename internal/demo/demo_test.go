package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/store"
)

// place is a location of the kind the extractor writes, with only what
// Count reads and the store indexes.
func place(name, country string, lat, lon float64) *event.Location {
	return &event.Location{NameEN: name, Country: country, Lat: lat, Lon: lon, GeoPrecision: 1}
}

// report is one hand-written article with one hand-coded event: types,
// dates and places differ from one report to the next, so that no two are
// merged as one occurrence.
type report struct {
	id, text, eventType, date string
	where                     *event.Location
	background                bool
}

func storeOf(t *testing.T, reports []report) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "rasd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, r := range reports {
		published := time.Date(2019, 3, 27, 0, 0, 0, 0, time.UTC)
		doc := &document.Document{ID: r.id, Source: "test", Published: published, Text: r.text}
		n := len([]rune(r.text))
		res := event.Result{
			Doc: event.Doc{ID: r.id, Source: "test", Published: "2019-03-27", Lang: "ar"},
			Events: []event.Event{{
				ID: r.id + "#1", EventType: r.eventType, SubEventType: "Other",
				Actor1:      &event.Actor{ID: "UNIDENTIFIED", NameEN: "Unidentified armed group", Type: "political_militia"},
				AssocActor1: []event.Actor{}, AssocActor2: []event.Actor{},
				Location:  r.where,
				Date:      &event.Date{Start: r.date, End: r.date, EventDate: r.date, TimePrecision: 1},
				Certainty: event.Reported, Background: r.background, Confidence: 0.8, Rule: "hand-coded",
				Trigger:  event.Span{Text: r.text, Start: 0, End: n},
				Evidence: []event.Span{{Text: r.text, Start: 0, End: n}},
			}},
		}
		if _, err := st.Add(ctx, doc, res); err != nil {
			t.Fatalf("adding %s: %v", r.id, err)
		}
	}
	return st
}

func TestCount(t *testing.T) {
	st := storeOf(t, []report{
		{"aleppo", "اشتباكات في حلب.", event.Battles, "2019-03-20", place("Aleppo", "SYR", 36.2, 37.15), false},
		{"aden", "انفجار في عدن.", event.Explosions, "2019-03-21", place("Aden", "YEM", 12.8, 45.03), false},
		{"geneva", "اعتقالات في جنيف.", event.Strategic, "2019-03-22", place("Geneva", "CHE", 46.2, 6.15), false},
		{"nowhere", "احتجاج لم يذكر مكانه.", event.Protests, "2019-03-23", nil, false},
		{"recalled", "معركة قديمة في الموصل.", event.Battles, "2014-06-10", place("Mosul", "IRQ", 36.34, 43.13), true},
	})
	got, err := Count(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Documents: 5, Events: 5, Background: 1, Current: 4, OnMap: 2, Elsewhere: 1, NoPlace: 1}
	if got != want {
		t.Errorf("Count = %+v, want %+v", got, want)
	}
	if got.OnMap+got.Elsewhere+got.NoPlace != got.Current || got.Current+got.Background != got.Events {
		t.Errorf("the parts do not add up: %+v", got)
	}
}

func TestOnTheMap(t *testing.T) {
	onMap, err := MapCountries()
	if err != nil {
		t.Fatal(err)
	}
	if len(onMap) != 23 || !onMap["YEM"] || !onMap["LBY"] || onMap["FRA"] || onMap["USA"] {
		t.Errorf("the map's countries: %v", onMap)
	}
	for i, c := range []struct {
		events []event.Event
		want   bool
	}{
		{nil, false},
		{[]event.Event{{}}, false},
		{[]event.Event{{Location: place("Washington", "USA", 38.9, -77.04)}}, false},
		{[]event.Event{{Location: place("Washington", "USA", 38.9, -77.04)}, {Location: place("Sanaa", "YEM", 15.35, 44.2)}}, true},
	} {
		if got := OnTheMap(c.events, onMap); got != c.want {
			t.Errorf("case %d: OnTheMap = %v, want %v", i, got, c.want)
		}
	}
}
