package geodata

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestAreas(t *testing.T) {
	as, err := Areas()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	points := 0
	for _, a := range as {
		count[a.Country+" "+a.Level]++
		points += Points(a.Geometry)
		if a.Level == District && a.ParentHASC == "" {
			t.Errorf("district %s (%d) has no governorate", a.NameEN, a.WOFID)
		}
		if a.Level == Governorate && len(a.HASC) != len("SY.DY") && a.HASC != "SY" {
			t.Errorf("governorate %s has HASC %q", a.NameEN, a.HASC)
		}
	}
	// Feature counts of shared/data/README.md.
	want := map[string]int{"SYR admin1": 15, "IRQ admin1": 19, "SYR admin2": 62, "IRQ admin2": 109}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d areas, want %d", k, count[k], n)
		}
	}
	t.Logf("%d vertices after simplification", points)
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
