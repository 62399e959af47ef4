package gazetteer

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"rasd/internal/geodata"
	"rasd/internal/lexicon"
)

// sitePolygonSlackDeg is how far (in degrees, ~5 km) outside its
// province's polygon a site may lie: crossings and ports sit on borders
// and coasts, and the shared polygons are simplified by ~200 m.
const sitePolygonSlackDeg = 0.05

// TestSitesInTheirProvince checks every site of sites.tsv that names a
// province against the province's WOF polygon in ../shared (the Syrian and
// Iraqi governorates, and the 21 countries' admin1 files).
func TestSitesInTheirProvince(t *testing.T) {
	dir := sharedDir(t)
	polys := map[int64]orb.Geometry{}
	files, _ := filepath.Glob(filepath.Join(dir, "data/mena/wof-*-admin1.geojson"))
	files = append(files, filepath.Join(dir, "data/wof-sy-governorates.geojson"), filepath.Join(dir, "data/wof-iq-governorates.geojson"))
	for _, f := range files {
		areas, err := geodata.ReadFile(f)
		if err != nil {
			t.Skipf("%s: %v", f, err)
		}
		for _, a := range areas {
			polys[a.WOFID] = a.Geometry
		}
	}
	admin1s, err := lexicon.Admin1s()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string][]int64{}
	for _, a := range admin1s {
		ids[a.Code] = a.WOFIDs
	}
	g := load(t)
	n := 0
	for _, p := range g.Places() {
		if !strings.HasPrefix(p.ID, "rasd:") || p.Admin1Code == "" {
			continue
		}
		pt := orb.Point{p.Lon, p.Lat}
		best := -1.0
		for _, id := range ids[p.Admin1Code] {
			geom := polys[id]
			if geom == nil {
				continue
			}
			d := planar.DistanceFrom(geom, pt)
			if geodata.Contains(geom, pt) {
				d = 0
			}
			if best < 0 || d < best {
				best = d
			}
		}
		switch {
		case best < 0:
			t.Errorf("%s: no polygon for %s", p.ID, p.Admin1Code)
		case best > sitePolygonSlackDeg:
			t.Errorf("%s at %.3f,%.3f lies %.2f° outside %s (%s)", p.ID, p.Lat, p.Lon, best, p.Admin1Code, p.Admin1)
		}
		n++
	}
	t.Logf("%d sites checked against their province's polygon", n)
}
