// Package geodata holds the governorate and district polygons of Syria and
// Iraq (Who's On First, embedded in data/) that the dashboard draws as its
// base map. Geometry is simplified once, when first asked for, so the
// embedded files stay exactly as WOF published them.
package geodata

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

//go:embed data/*.geojson.gz
var files embed.FS

// Credit is the attribution WOF's licence asks of every use of the data.
const Credit = "Data from Who's On First (https://whosonfirst.org/docs/licenses/), incl. GeoNames (CC BY 4.0) and Quattroshapes (CC BY)"

// Levels of Area.
const (
	Governorate = "admin1"
	District    = "admin2"
)

// Tolerance is the Douglas-Peucker threshold in degrees (about 550 m at
// these latitudes): coarse enough to keep the whole base map near 20k
// points, fine enough that districts keep their shape at city zoom.
const Tolerance = 0.005

// Area is one governorate or district.
type Area struct {
	Level   string // Governorate or District
	Country string // ISO alpha-3
	WOFID   int64
	NameEN  string // WOF's spelling
	NameAR  string
	HASC    string // governorates only; WOF gives the UNDOF zone "SY"
	// ParentHASC is the governorate of a district, "" for a governorate.
	ParentHASC string
	Geometry   orb.Geometry // simplified by Tolerance
	Bound      orb.Bound
}

var (
	once    sync.Once
	areas   []Area
	loadErr error
)

// Areas returns every governorate, then every district, of both countries.
// The slice is shared and must not be modified.
func Areas() ([]Area, error) {
	once.Do(func() { areas, loadErr = load() })
	return areas, loadErr
}

func load() ([]Area, error) {
	var out []Area
	parents := map[int64]string{} // governorate WOF id → HASC
	for _, src := range []struct{ file, country, level string }{
		{"wof-sy-governorates", "SYR", Governorate},
		{"wof-iq-governorates", "IRQ", Governorate},
		{"wof-sy-districts", "SYR", District},
		{"wof-iq-districts", "IRQ", District},
	} {
		fc, err := readCollection(src.file)
		if err != nil {
			return nil, err
		}
		for _, f := range fc.Features {
			a := Area{
				Level:   src.level,
				Country: src.country,
				WOFID:   f.Properties.WOFID,
				NameEN:  f.Properties.NameEN,
				NameAR:  f.Properties.NameAR,
			}
			if src.level == Governorate {
				a.HASC = f.Properties.HASC
				parents[a.WOFID] = a.HASC
			} else {
				a.ParentHASC = parents[f.Properties.RegionID]
				if a.ParentHASC == "" {
					// A few districts point at a superseded region record;
					// their own HASC (SY.QU.QU) still names the governorate.
					a.ParentHASC = parentOf(f.Properties.HASC)
				}
			}
			geom, err := f.Geometry.orb()
			if err != nil {
				return nil, fmt.Errorf("geodata %s, %s: %w", src.file, a.NameEN, err)
			}
			g := simplify.DouglasPeucker(Tolerance).Simplify(geom)
			if g == nil {
				continue
			}
			a.Geometry = round(g)
			a.Bound = a.Geometry.Bound()
			out = append(out, a)
		}
	}
	return out, nil
}

// The files' shape: only the properties this package reads. orb's own
// geojson package is not used because it pulls in a BSON module for
// nothing the map needs.
type collection struct {
	Features []struct {
		Properties struct {
			WOFID    int64  `json:"wof_id"`
			NameEN   string `json:"name_en"`
			NameAR   string `json:"name_ar"`
			HASC     string `json:"hasc"`
			RegionID int64  `json:"region_id"`
		} `json:"properties"`
		Geometry geometry `json:"geometry"`
	} `json:"features"`
}

type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

func (g geometry) orb() (orb.Geometry, error) {
	switch g.Type {
	case "Polygon":
		var p orb.Polygon
		err := json.Unmarshal(g.Coordinates, &p)
		return p, err
	case "MultiPolygon":
		var mp orb.MultiPolygon
		err := json.Unmarshal(g.Coordinates, &mp)
		return mp, err
	}
	return nil, fmt.Errorf("geometry %q: want Polygon or MultiPolygon", g.Type)
}

func parentOf(hasc string) string {
	if i := strings.LastIndexByte(hasc, '.'); i > 0 && strings.Count(hasc, ".") == 2 {
		return hasc[:i]
	}
	return ""
}

func readCollection(name string) (*collection, error) {
	b, err := files.ReadFile("data/" + name + ".geojson.gz")
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("geodata %s: %w", name, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("geodata %s: %w", name, err)
	}
	var fc collection
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("geodata %s: %w", name, err)
	}
	return &fc, nil
}

// round cuts coordinates to 3 decimals (about 100 m), well below the
// simplification tolerance, so that the JSON sent to browsers is short.
func round(g orb.Geometry) orb.Geometry {
	r := func(ps []orb.Point) {
		for i := range ps {
			ps[i][0] = math.Round(ps[i][0]*1000) / 1000
			ps[i][1] = math.Round(ps[i][1]*1000) / 1000
		}
	}
	switch g := g.(type) {
	case orb.Polygon:
		for _, ring := range g {
			r(ring)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, ring := range p {
				r(ring)
			}
		}
	}
	return g
}

// Points counts the vertices of g, for tests and for sizing the map.
func Points(g orb.Geometry) int {
	n := 0
	switch g := g.(type) {
	case orb.Polygon:
		for _, ring := range g {
			n += len(ring)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, ring := range p {
				n += len(ring)
			}
		}
	}
	return n
}
