package geodata

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ReadFile reads the areas of a WOF GeoJSON file on disk (the admin1 and
// district files of shared/data) as they are, with their WOF id, names,
// HASC code and, for a district, its region: the lexicon's tools and tests
// check places against them, and mapgen draws the base map from them.
func ReadFile(path string) ([]Area, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc collection
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("geodata %s: %w", path, err)
	}
	out := make([]Area, 0, len(fc.Features))
	for _, f := range fc.Features {
		p := f.Properties
		g, err := f.Geometry.orb()
		if err != nil {
			return nil, fmt.Errorf("geodata %s, %d: %w", path, p.WOFID, err)
		}
		out = append(out, Area{WOFID: p.WOFID, NameEN: p.NameEN, NameAR: p.NameAR, HASC: p.HASC, RegionID: p.RegionID,
			Geometry: g, Bound: g.Bound()})
	}
	return out, nil
}

// Contains says whether a polygon or multipolygon holds p.
func Contains(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}
