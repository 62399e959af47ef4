package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"rasd/internal/document"
	"strings"
	"testing"
	"time"

	"rasd/internal/event"
	"rasd/internal/store"
)

// backgroundStore holds two hand-coded reports: a raid of today's news and
// one that an article recalls from years before (background).
func backgroundStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "rasd.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, r := range []struct {
		id, day, text string
		background    bool
	}{
		{"news", "2019-03-12", "قصفت طائرات حربية مدينة سراقب صباح اليوم.", false},
		{"recalled", "2013-08-21", "وكان النظام قد قصف الغوطة الشرقية في آب 2013.", true},
	} {
		doc := &document.Document{ID: r.id, Source: "Outlet", URL: "https://example.org/" + r.id,
			Published: time.Date(2019, 3, 12, 0, 0, 0, 0, time.UTC), Title: r.id, Text: r.text}
		res := event.Result{Doc: event.Doc{ID: r.id, Source: "Outlet", URL: doc.URL, Published: "2019-03-12", Lang: "ar"},
			Events: []event.Event{{ID: r.id + "#1", EventType: event.Explosions, SubEventType: "Shelling/artillery/missile attack",
				Actor1:    &event.Actor{ID: "STATE:SYR", NameEN: "Military Forces of Syria", Type: "state"},
				Location:  &event.Location{NameEN: r.id, Country: "SYR", Admin1: "Idleb", Admin1Code: "SY.ID", Lat: 35.8, Lon: 36.7, GeoPrecision: 1},
				Date:      &event.Date{Start: r.day, End: r.day, EventDate: r.day, TimePrecision: 1},
				Certainty: event.Reported, Background: r.background, Rule: "hand-coded"}}}
		if _, err := st.Add(context.Background(), doc, res); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestExportAndStatsByBackground(t *testing.T) {
	db := backgroundStore(t)
	for _, c := range []struct {
		flag  string
		docs  string // the documents of the exported events, newest first
		weeks string // the weeks stats counts, oldest first
	}{
		{"", "news,recalled", "2013-08-19,2019-03-11"},
		{"--background=all", "news,recalled", "2013-08-19,2019-03-11"},
		{"--background=false", "news", "2019-03-11"},
		{"--background=true", "recalled", "2013-08-19"},
	} {
		args := []string{"--db", db}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		code, out, stderr := rasd(append([]string{"export", "--format", "jsonl"}, args...)...)
		if code != 0 {
			t.Fatalf("export %s: exit %d\n%s", c.flag, code, stderr)
		}
		var docs []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var st event.Stored
			if err := json.Unmarshal([]byte(line), &st); err != nil {
				t.Fatalf("export %s: %v in %q", c.flag, err, line)
			}
			docs = append(docs, st.Sources[0].DocID)
		}
		if got := strings.Join(docs, ","); got != c.docs {
			t.Errorf("export %s: events of %s, want %s", c.flag, got, c.docs)
		}

		code, out, stderr = rasd(append([]string{"stats", "--format", "csv"}, args...)...)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil {
			t.Fatalf("stats %s: exit %d, %v\n%s", c.flag, code, err, stderr)
		}
		var weeks []string
		for _, r := range rows[1:] {
			weeks = append(weeks, r[0])
		}
		if got := strings.Join(weeks, ","); got != c.weeks {
			t.Errorf("stats %s: weeks %s, want %s", c.flag, got, c.weeks)
		}
	}
	for _, cmd := range []string{"export", "stats"} {
		code, out, stderr := rasd(cmd, "--db", db, "--background", "maybe")
		if code != 2 || out != "" || !strings.Contains(stderr, "background") {
			t.Errorf("%s --background maybe: exit %d, stdout %q, stderr %q; want 2 and a message", cmd, code, out, stderr)
		}
	}
}

// abroadStore holds hand-coded reports from Yemen and Libya.
func abroadStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "rasd.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, r := range []struct {
		id, text, place, country, admin1, code string
		lat, lon                               float64
	}{
		{"hudaydah", "قصفت طائرات التحالف ميناء الحديدة فجر اليوم.", "Al Hudaydah", "YEM", "Al Hudaydah", "YE.HU", 14.8, 42.95},
		{"tripoli", "سقطت قذائف على حي أبو سليم في طرابلس مساء اليوم.", "Abu Salim", "LBY", "Tripoli", "LY.TR", 32.85, 13.2},
	} {
		doc := &document.Document{ID: r.id, Source: "Outlet", URL: "https://example.org/" + r.id,
			Published: time.Date(2019, 4, 8, 0, 0, 0, 0, time.UTC), Title: r.id, Text: r.text}
		res := event.Result{Doc: event.Doc{ID: r.id, Source: "Outlet", URL: doc.URL, Published: "2019-04-08", Lang: "ar"},
			Events: []event.Event{{ID: r.id + "#1", EventType: event.Explosions, SubEventType: "Shelling/artillery/missile attack",
				Actor1:    &event.Actor{ID: "UNIDENTIFIED", NameEN: "Unidentified armed group", Type: "political_militia"},
				Location:  &event.Location{NameEN: r.place, Country: r.country, Admin1: r.admin1, Admin1Code: r.code, Lat: r.lat, Lon: r.lon, GeoPrecision: 1},
				Date:      &event.Date{Start: "2019-04-08", End: "2019-04-08", EventDate: "2019-04-08", TimePrecision: 1},
				Certainty: event.Reported, Rule: "hand-coded"}}}
		if _, err := st.Add(context.Background(), doc, res); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// export and stats find a province of any of the gazetteer's countries by
// code, English or Arabic name, and say what is wrong with one they do not
// know.
func TestExportAndStatsByProvinceAbroad(t *testing.T) {
	db := abroadStore(t)
	for _, c := range []struct {
		args []string
		doc  string
	}{
		{[]string{"--admin1", "YE.HU"}, "hudaydah"},
		{[]string{"--admin1", "hudaydah"}, "hudaydah"},
		{[]string{"--admin1", "الحديدة"}, "hudaydah"},
		{[]string{"--admin1", "Tripoli"}, "tripoli"},
		{[]string{"--country", "Libya"}, "tripoli"},
		{[]string{"--country", "اليمن"}, "hudaydah"},
	} {
		code, out, stderr := rasd(append([]string{"export", "--format", "jsonl", "--db", db}, c.args...)...)
		var st event.Stored
		if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st.Sources[0].DocID != c.doc || strings.Count(out, "\n") != 1 {
			t.Errorf("export %q: exit %d, %q %s; want the event of %s alone", c.args, code, out, stderr, c.doc)
		}
		code, out, stderr = rasd(append([]string{"stats", "--format", "csv", "--db", db}, c.args...)...)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(rows) != 2 || rows[1][4] != "1" {
			t.Errorf("stats %q: exit %d, %q %s; want one row of one event", c.args, code, out, stderr)
		} else if want := map[string]string{"hudaydah": "YEM YE.HU", "tripoli": "LBY LY.TR"}[c.doc]; rows[1][6]+" "+rows[1][7] != want {
			t.Errorf("stats %q: country and code %q %q, want %s", c.args, rows[1][6], rows[1][7], want)
		}
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--admin1", "Atlantis"}, `admin1 "Atlantis" is not a province rasd knows`},
		{[]string{"--admin1", "Hudaydah", "--country", "LBY"}, "not in country LBY"},
		{[]string{"--country", "Narnia"}, `country "Narnia" is not a country rasd knows`},
	} {
		for _, cmd := range []string{"export", "stats"} {
			code, out, stderr := rasd(append([]string{cmd, "--db", db}, c.args...)...)
			if code != 2 || out != "" || !strings.Contains(stderr, c.says) {
				t.Errorf("%s %q: exit %d, stdout %q, stderr %q; want 2 saying %q", cmd, c.args, code, out, stderr, c.says)
			}
		}
	}
}
