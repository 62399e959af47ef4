// Command mapgen writes the dashboard's base map,
// internal/geodata/data/basemap.geojson.gz, from the Who's On First
// polygons of shared/data. Run it from the repository's root after those
// files, lexicon/data/admin1.tsv or the tolerances below change:
//
//	go run ./internal/geodata/mapgen [-shared ../shared]
//
// It reads Syria's and Iraq's governorates and districts
// (shared/data/wof-{sy,iq}-{governorates,districts}.geojson, WOF's full
// geometry) and the provinces of the 21 other countries
// (shared/data/mena/wof-XX-admin1.geojson, already simplified at 0.002°),
// simplifies every ring with Douglas-Peucker, rounds coordinates to 3
// decimals (about 100 m), drops the islets and holes that collapse, and
// joins each province to its row of admin1.tsv by WOF id: a province is
// filed under the code its events carry, and the parts WOF keeps as two
// records (Morocco's Dakhla-Oued Ed-Dahab) become one MultiPolygon. Only
// the properties the map uses are kept.
//
// The package's test checks that the embedded file is what this command
// writes from the shared files of the checkout.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

	"rasd/internal/geodata"
	"rasd/internal/gzfile"
	"rasd/internal/lexicon"
)

// Tolerances of the Douglas-Peucker simplification, in degrees. Syria's
// and Iraq's governorates and districts keep the 0.005° (about 550 m) the
// dashboard drew them at before: their districts are looked at zoomed in.
// The other countries' provinces are looked at a country at a time, where
// a screen pixel is some 0.01° or more.
const (
	FocusTolerance    = 0.005
	ProvinceTolerance = 0.01
)

// decimals of the coordinates written: 0.001° is about 100 m, well below
// either tolerance.
const scale = 1000

func main() {
	shared := flag.String("shared", "../shared", "the shared/ folder")
	out := flag.String("out", "internal/geodata/data/basemap.geojson.gz", "the base map to write")
	flag.Parse()
	b, st, err := derive(*shared)
	if err == nil {
		err = gzfile.Write(*out, b)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
	st.report(os.Stdout, len(b))
}

// source is one WOF file of shared/data.
type source struct {
	path    string // under shared/data
	country string // ISO alpha-3; "" for the 21 others: the admin1.tsv rows say
	level   string
	tol     float64
}

// feature is one area of the base map as written.
type feature struct {
	Type       string          `json:"type"`
	Properties props           `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

type props struct {
	Level      string `json:"level"`
	Country    string `json:"country"`
	WOFID      int64  `json:"wof_id"`
	NameEN     string `json:"name_en"`
	NameAR     string `json:"name_ar"`
	HASC       string `json:"hasc,omitempty"`
	ParentHASC string `json:"parent_hasc,omitempty"`
}

// area is a feature being built: its polygons gathered before writing.
type area struct {
	props
	polys orb.MultiPolygon
}

type countryStats struct {
	areas, before, after, dropped int
}

type stats struct {
	byCountry map[string]*countryStats
	order     []string
	unjoined  []string // areas with no row in admin1.tsv
}

func (s *stats) of(country string) *countryStats {
	c := s.byCountry[country]
	if c == nil {
		c = &countryStats{}
		s.byCountry[country] = c
		s.order = append(s.order, country)
	}
	return c
}

func (s *stats) report(w io.Writer, size int) {
	fmt.Fprintln(w, "| country | areas | vertices before | after | rings dropped |\n|---|---|---|---|---|")
	var t countryStats
	for _, c := range s.order {
		x := s.byCountry[c]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", c, x.areas, x.before, x.after, x.dropped)
		t.areas += x.areas
		t.before += x.before
		t.after += x.after
		t.dropped += x.dropped
	}
	fmt.Fprintf(w, "| all | %d | %d | %d | %d |\n", t.areas, t.before, t.after, t.dropped)
	for _, u := range s.unjoined {
		fmt.Fprintln(w, "not in admin1.tsv, drawn without a province:", u)
	}
	fmt.Fprintf(w, "%d bytes of GeoJSON before gzip\n", size)
}

// derive reads the shared files and returns the base map's GeoJSON.
func derive(shared string) ([]byte, *stats, error) {
	rows, err := lexicon.Admin1s()
	if err != nil {
		return nil, nil, err
	}
	byWOF := map[int64]lexicon.Admin1{}
	for _, r := range rows {
		for _, id := range r.WOFIDs {
			byWOF[id] = r
		}
	}
	sources := []source{
		{"data/wof-sy-governorates.geojson", "SYR", geodata.Governorate, FocusTolerance},
		{"data/wof-iq-governorates.geojson", "IRQ", geodata.Governorate, FocusTolerance},
	}
	mena, err := filepath.Glob(filepath.Join(shared, "data/mena/wof-*-admin1.geojson"))
	if err != nil {
		return nil, nil, err
	}
	if len(mena) == 0 {
		return nil, nil, fmt.Errorf("no wof-XX-admin1.geojson in %s", filepath.Join(shared, "data/mena"))
	}
	slices.Sort(mena)
	for _, m := range mena {
		rel, _ := filepath.Rel(shared, m)
		sources = append(sources, source{rel, "", geodata.Governorate, ProvinceTolerance})
	}
	sources = append(sources,
		source{"data/wof-sy-districts.geojson", "SYR", geodata.District, FocusTolerance},
		source{"data/wof-iq-districts.geojson", "IRQ", geodata.District, FocusTolerance})

	st := &stats{byCountry: map[string]*countryStats{}}
	var out []*area
	province := map[string]*area{} // admin1 code → its governorate
	for _, src := range sources {
		in, err := geodata.ReadFile(filepath.Join(shared, src.path))
		if err != nil {
			return nil, nil, err
		}
		country := src.country
		if country == "" {
			// The file's country is that of its provinces in admin1.tsv.
			for _, a := range in {
				if r, ok := byWOF[a.WOFID]; ok {
					country = r.Country
					break
				}
			}
			if country == "" {
				return nil, nil, fmt.Errorf("%s: no province is in admin1.tsv", src.path)
			}
		}
		cs := st.of(country)
		for _, a := range in {
			p := props{Level: src.level, Country: country, WOFID: a.WOFID, NameEN: a.NameEN, NameAR: strings.TrimSpace(a.NameAR)}
			if src.level == geodata.Governorate {
				r, ok := byWOF[a.WOFID]
				switch {
				case ok && r.Country != country:
					return nil, nil, fmt.Errorf("%s: %d %s is %s's %s in admin1.tsv", src.path, a.WOFID, a.NameEN, r.Country, r.Code)
				case ok:
					p.HASC = r.Code
				default:
					st.unjoined = append(st.unjoined, fmt.Sprintf("%s %d %s", country, a.WOFID, a.NameEN))
				}
			} else {
				r, ok := byWOF[a.RegionID]
				if !ok || r.Country != country {
					// A few districts point at a superseded region record;
					// their own HASC (SY.QU.QU) still names the governorate.
					if i := strings.LastIndexByte(a.HASC, '.'); i > 0 && strings.Count(a.HASC, ".") == 2 {
						r, ok = admin1ByCode(rows, a.HASC[:i])
					}
				}
				if !ok {
					return nil, nil, fmt.Errorf("%s: district %d %s lies in no province of admin1.tsv", src.path, a.WOFID, a.NameEN)
				}
				p.ParentHASC = r.Code
			}
			cs.before += geodata.Points(a.Geometry)
			polys, dropped := simplified(a.Geometry, src.tol)
			cs.dropped += dropped
			if len(polys) == 0 {
				return nil, nil, fmt.Errorf("%s: %d %s vanishes at %g°", src.path, a.WOFID, a.NameEN, src.tol)
			}
			if p.HASC != "" && province[p.HASC] != nil {
				// One province, two WOF records: one feature, the first
				// record's id and names.
				province[p.HASC].polys = append(province[p.HASC].polys, polys...)
				continue
			}
			ar := &area{props: p, polys: polys}
			if p.HASC != "" {
				province[p.HASC] = ar
			}
			out = append(out, ar)
			cs.areas++
		}
	}
	for _, r := range rows {
		if province[r.Code] == nil {
			return nil, nil, fmt.Errorf("admin1.tsv's %s (%s) has no polygon", r.Code, r.NameEN)
		}
	}
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection","credit":` + quote(geodata.Credit) + `,"features":[` + "\n")
	for i, a := range out {
		for _, p := range a.polys {
			st.of(a.Country).after += geodata.Points(p)
		}
		var g any = a.polys
		typ := "MultiPolygon"
		if len(a.polys) == 1 {
			g, typ = a.polys[0], "Polygon"
		}
		geom, err := json.Marshal(struct {
			Type        string `json:"type"`
			Coordinates any    `json:"coordinates"`
		}{typ, g})
		if err != nil {
			return nil, nil, err
		}
		line, err := json.Marshal(feature{Type: "Feature", Properties: a.props, Geometry: geom})
		if err != nil {
			return nil, nil, err
		}
		buf.Write(line)
		if i < len(out)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), st, nil
}

func admin1ByCode(rows []lexicon.Admin1, code string) (lexicon.Admin1, bool) {
	for _, r := range rows {
		if r.Code == code {
			return r, true
		}
	}
	return lexicon.Admin1{}, false
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// simplified returns g's polygons with every ring simplified at tol and
// rounded, and how many rings collapsed on the way: an islet or a hole
// narrower than the tolerance, which the map cannot show anyway. A polygon
// whose outer ring collapses goes with its holes.
func simplified(g orb.Geometry, tol float64) (orb.MultiPolygon, int) {
	var in orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		in = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		in = g
	}
	dp := simplify.DouglasPeucker(tol)
	var out orb.MultiPolygon
	dropped := 0
	for _, p := range in {
		var q orb.Polygon
		for i, r := range p {
			s := rounded(dp.Ring(r.Clone()))
			if len(s) < 4 || s.Orientation() == 0 {
				if i == 0 {
					dropped += len(p)
					break
				}
				dropped++
				continue
			}
			q = append(q, s)
		}
		if len(q) > 0 {
			out = append(out, q)
		}
	}
	return out, dropped
}

// rounded cuts a ring's coordinates to 1/scale of a degree and drops the
// points that become repeats of the one before.
func rounded(r orb.Ring) orb.Ring {
	out := r[:0]
	for _, pt := range r {
		pt = orb.Point{math.Round(pt[0]*scale) / scale, math.Round(pt[1]*scale) / scale}
		if len(out) > 0 && out[len(out)-1] == pt {
			continue
		}
		out = append(out, pt)
	}
	return out
}
