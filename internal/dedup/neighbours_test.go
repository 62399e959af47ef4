package dedup

import (
	"testing"

	"rasd/internal/event"
)

// Places made up for these tests, filed under real provinces and districts
// of the embedded table (neighbours.tsv).

func placeIn(id, admin1Code, admin2 string, lat, lon float64, precision int) *event.Location {
	return &event.Location{PlaceID: id, NameEN: id, Country: "SYR", Admin1Code: admin1Code, Admin1: admin1Code,
		Admin2: admin2, Lat: lat, Lon: lon, GeoPrecision: precision}
}

func TestNeighboursTable(t *testing.T) {
	cases := []struct {
		a, b        *event.Location
		provs, dist bool
	}{
		// Damascus and its countryside share a border; Damascus and Deir
		// ez-Zor do not.
		{placeIn("a", "SY.DI", "Damascus", 33.5, 36.3, 1), placeIn("b", "SY.RD", "Duma", 33.57, 36.4, 1), true, true},
		{placeIn("a", "SY.DI", "Damascus", 33.5, 36.3, 1), placeIn("b", "SY.DY", "Deir-ez-Zor", 35.3, 40.1, 1), false, false},
		// Two districts of one province: not provinces apart.
		{placeIn("a", "SY.DY", "Al Mayadin", 35.0, 40.4, 2), placeIn("b", "SY.DY", "Deir-ez-Zor", 35.3, 40.1, 1), false, true},
		{placeIn("a", "SY.DY", "Abu Kamal", 34.5, 40.9, 2), placeIn("b", "SY.DY", "Abu Kamal", 34.5, 40.9, 1), false, false},
	}
	for _, tc := range cases {
		if got := provincesTouch(tc.a, tc.b); got != tc.provs {
			t.Errorf("provincesTouch(%s/%s, %s/%s) = %v", tc.a.Admin1Code, tc.a.Admin2, tc.b.Admin1Code, tc.b.Admin2, got)
		}
		if got := districtsTouch(tc.a, tc.b); got != tc.dist {
			t.Errorf("districtsTouch(%s/%s, %s/%s) = %v", tc.a.Admin1Code, tc.a.Admin2, tc.b.Admin1Code, tc.b.Admin2, got)
		}
	}
}

// TestAcrossTheBorder: reports placing one occurrence on either side of a
// provincial border meet, as places apart in one province do: on repeated
// evidence, never on the fields alone; provinces apart never meet.
func TestAcrossTheBorder(t *testing.T) {
	region := placeIn("north", "SY.HA", "", 36.5, 40.7, 3) // a region filed under al-Hasakah
	town := placeIn("town", "SY.DY", "Deir-ez-Zor", 35.6, 40.5, 1)
	far := placeIn("far", "SY.DR", "Dar'a", 32.6, 36.1, 1)
	d0, e0 := report("a", wire)
	e0.Location = region
	e0.Fatalities = &event.Fatalities{Count: sevenBis, Min: sevenBis}
	c := cluster(Member{Doc: d0, Event: e0})
	cases := []struct {
		name     string
		sentence string
		at       *event.Location
		want     bool
	}{
		{"the next province, the wire's words", rewrite, town, true},
		{"the next province, other words", another, town, false},
		{"a province that does not touch, the wire's words", rewrite, far, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, e := report("b", tc.sentence)
			e.Location = tc.at
			if _, ok := Match(c, d, &e); ok != tc.want {
				v := judge(c, d, &e, true)
				t.Errorf("Match = %v, want %v (%s; wording %.2f)", ok, tc.want, v.rule.explain(c, &e), v.words)
			}
		})
	}
}
