package geodata

import (
	"testing"

	"github.com/paulmach/orb"

	"rasd/internal/lexicon"
)

func TestAreas(t *testing.T) {
	as, err := Areas()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := lexicon.Admin1s()
	if err != nil {
		t.Fatal(err)
	}
	country := map[string]string{} // admin1.tsv code → country
	for _, r := range rows {
		country[r.Code] = r.Country
	}
	count := map[string]int{}
	drawn := map[string]int{} // code → governorate areas
	points := 0
	var unnamed []string
	for _, a := range as {
		count[a.Country+" "+a.Level]++
		points += Points(a.Geometry)
		switch {
		case a.Level == District:
			if country[a.ParentHASC] != a.Country {
				t.Errorf("district %s (%d) lies in %q, no province of %s", a.NameEN, a.WOFID, a.ParentHASC, a.Country)
			}
		case a.HASC == "":
			unnamed = append(unnamed, a.NameEN)
		case country[a.HASC] != a.Country:
			t.Errorf("governorate %s (%d) of %s has code %q, %s's in admin1.tsv", a.NameEN, a.WOFID, a.Country, a.HASC, country[a.HASC])
		default:
			drawn[a.HASC]++
		}
		if a.Bound.IsEmpty() || Points(a.Geometry) < 4 {
			t.Errorf("%s %s has no shape: %v", a.Country, a.NameEN, a.Bound)
		}
	}
	// Every province events can carry is drawn, once.
	for _, r := range rows {
		if drawn[r.Code] != 1 {
			t.Errorf("%s (%s) is drawn %d times, want once", r.Code, r.NameEN, drawn[r.Code])
		}
	}
	// WOF's areas outside admin1.tsv (data/README.md).
	if len(unnamed) != 3 {
		t.Errorf("areas without a province: %q, want the UNDOF zone and the UAE's two neutral zones", unnamed)
	}
	// Feature counts of shared/data/README.md; Syria's 15 include the
	// UNDOF zone.
	want := map[string]int{"SYR admin1": 15, "IRQ admin1": 19, "SYR admin2": 62, "IRQ admin2": 109}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d areas, want %d", k, count[k], n)
		}
	}
	countries := map[string]bool{}
	for _, r := range rows {
		countries[r.Country] = true
	}
	for c := range countries {
		if count[c+" admin1"] == 0 {
			t.Errorf("%s has no province on the map", c)
		}
		if c != "SYR" && c != "IRQ" && count[c+" admin2"] != 0 {
			t.Errorf("%s has districts on the map; only Syria and Iraq should", c)
		}
	}
	t.Logf("%d areas, %d vertices", len(as), points)
}

func TestPointsFallInTheirGovernorate(t *testing.T) {
	as, err := Areas()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		hasc     string
		lon, lat float64
	}{
		{"SY.DY", 40.14, 35.33}, // Deir ez-Zor city
		{"SY.HL", 37.16, 36.20}, // Aleppo
		{"IQ.NI", 43.13, 36.34}, // Mosul
		{"IQ.BG", 44.37, 33.31}, // Baghdad
		{"YE.HU", 42.95, 14.80}, // Al Hudaydah city
		{"YE.AD", 45.03, 12.80}, // Aden
		{"LY.TR", 13.19, 32.89}, // Tripoli
		{"LY.BG", 20.07, 32.12}, // Benghazi
		{"PS.GZ", 34.46, 31.51}, // Gaza city
		{"EG.SS", 33.80, 31.13}, // al-Arish
		{"LB.BH", 36.21, 34.01}, // Baalbek
	} {
		var in []string
		for _, a := range as {
			if a.Level != Governorate || !a.Bound.Contains(orb.Point{c.lon, c.lat}) {
				continue
			}
			if Contains(a.Geometry, orb.Point{c.lon, c.lat}) {
				in = append(in, a.HASC)
			}
		}
		if len(in) != 1 || in[0] != c.hasc {
			t.Errorf("(%v, %v) lies in %v, want [%s]", c.lon, c.lat, in, c.hasc)
		}
	}
}

func TestDecodeRejectsWhatMapgenDoesNotWrite(t *testing.T) {
	for _, raw := range []string{
		`{"features":[{"properties":{"level":"admin3"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`,
		`{"features":[{"properties":{"level":"admin1"},"geometry":{"type":"Point","coordinates":[0,0]}}]}`,
		`{"features":`,
	} {
		if _, err := Decode([]byte(raw)); err == nil {
			t.Errorf("Decode(%s): no error", raw)
		}
	}
}
