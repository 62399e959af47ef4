// Package geodata holds the dashboard's base map: the province (admin1)
// polygons of the 23 countries of the gazetteer and the district (admin2)
// polygons of Syria and Iraq, from Who's On First. The embedded file,
// data/basemap.geojson.gz, is written by ./mapgen from shared/data:
// simplified, rounded and joined to the provinces of the lexicon's
// admin1.tsv once, so that neither the binary nor the page carries WOF's
// full geometry and the server does no geometry work at start-up.
package geodata

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/paulmach/orb"
)

// The whole folder is embedded, the licence notice with the data, and so
// that the package builds while mapgen writes the base map anew.
//
//go:embed data
var files embed.FS

// BaseMapFile is the embedded base map, as mapgen writes it.
const BaseMapFile = "data/basemap.geojson.gz"

// Credit is the attribution WOF's licence asks of every use of the data.
const Credit = "Data from Who's On First (https://whosonfirst.org/docs/licenses/), incl. GeoNames (CC BY 4.0) and Quattroshapes (CC BY)"

// Levels of Area.
const (
	Governorate = "admin1"
	District    = "admin2"
)

// Area is one governorate (province) or district.
type Area struct {
	Level   string // Governorate or District
	Country string // ISO alpha-3
	WOFID   int64
	NameEN  string // WOF's spelling
	NameAR  string
	// HASC is a governorate's code: in the base map the code of
	// lexicon/data/admin1.tsv that events carry as admin1_code, "" for
	// the few areas outside that table (the UNDOF zone on the Golan, the
	// UAE's neutral zones); in ReadFile's answer, WOF's own hasc property.
	HASC string
	// ParentHASC is the governorate of a district, "" for a governorate.
	ParentHASC string
	// RegionID is the WOF region a district lies in, as a WOF file says
	// (ReadFile only).
	RegionID int64
	Geometry orb.Geometry
	Bound    orb.Bound
}

var (
	once    sync.Once
	areas   []Area
	loadErr error
)

// Areas returns the base map: every governorate, then every district. The
// slice is shared and must not be modified.
func Areas() ([]Area, error) {
	once.Do(func() { areas, loadErr = load() })
	return areas, loadErr
}

func load() ([]Area, error) {
	b, err := files.ReadFile(BaseMapFile)
	if err != nil {
		return nil, fmt.Errorf("geodata: %w (go run ./internal/geodata/mapgen writes it)", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("geodata: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("geodata: %w", err)
	}
	return Decode(raw)
}

// Decode reads a base map as mapgen writes it.
func Decode(raw []byte) ([]Area, error) {
	var fc collection
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("geodata: %w", err)
	}
	out := make([]Area, 0, len(fc.Features))
	for _, f := range fc.Features {
		p := f.Properties
		g, err := f.Geometry.orb()
		if err != nil {
			return nil, fmt.Errorf("geodata: %s %s: %w", p.Country, p.NameEN, err)
		}
		if p.Level != Governorate && p.Level != District {
			return nil, fmt.Errorf("geodata: %s %s: level %q", p.Country, p.NameEN, p.Level)
		}
		out = append(out, Area{Level: p.Level, Country: p.Country, WOFID: p.WOFID, NameEN: p.NameEN, NameAR: p.NameAR,
			HASC: p.HASC, ParentHASC: p.ParentHASC, Geometry: g, Bound: g.Bound()})
	}
	return out, nil
}

// The files' shape: WOF's properties that this package reads, and those
// mapgen adds (level, country, parent_hasc). orb's own geojson package is
// not used because it pulls in a BSON module for nothing the map needs.
type collection struct {
	Features []struct {
		Properties struct {
			Level      string `json:"level"`
			Country    string `json:"country"`
			WOFID      int64  `json:"wof_id"`
			NameEN     string `json:"name_en"`
			NameAR     string `json:"name_ar"`
			HASC       string `json:"hasc"`
			ParentHASC string `json:"parent_hasc"`
			RegionID   int64  `json:"region_id"`
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
