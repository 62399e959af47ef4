package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"rasd/internal/geodata"
	"rasd/internal/lexicon"
	"rasd/internal/store"
)

// placeIndex is the base map, encoded once: per request only the counts
// change.
type placeIndex struct {
	areas []placeArea
	// bounds holds each country's extent on the map, so that the
	// dashboard can frame a country it is asked for.
	bounds map[string]orb.Bound
}

type placeArea struct {
	props    placeProps
	geometry json.RawMessage
}

// placeProps are a feature's properties. Admin1 and Admin1Code are the
// province as events carry them (lexicon/data/admin1.tsv), so the
// dashboard can join /api/stats' by_admin1 on them.
type placeProps struct {
	Level      string     `json:"level"` // admin1 or admin2
	Country    string     `json:"country"`
	WOFID      int64      `json:"wof_id"`
	NameEN     string     `json:"name_en"`
	NameAR     string     `json:"name_ar"`
	Admin1     string     `json:"admin1"`
	Admin1AR   string     `json:"admin1_ar"`
	Admin1Code string     `json:"admin1_code"`
	BBox       [4]float64 `json:"bbox"`
	Events     *int       `json:"events,omitempty"` // governorates only
	Fatalities *int       `json:"fatalities,omitempty"`
}

func newPlaceIndex() (*placeIndex, error) {
	areas, err := geodata.Areas()
	if err != nil {
		return nil, err
	}
	rows, err := lexicon.Admin1s()
	if err != nil {
		return nil, err
	}
	admin1 := make(map[string]lexicon.Admin1, len(rows))
	for _, r := range rows {
		admin1[r.Code] = r
	}
	idx := &placeIndex{bounds: map[string]orb.Bound{}}
	for _, a := range areas {
		code := a.HASC
		if a.Level == geodata.District {
			code = a.ParentHASC
		}
		p := placeProps{Level: a.Level, Country: a.Country, WOFID: a.WOFID, NameEN: a.NameEN, NameAR: a.NameAR,
			BBox: [4]float64{a.Bound.Min[0], a.Bound.Min[1], a.Bound.Max[0], a.Bound.Max[1]}}
		if g, ok := admin1[code]; ok {
			p.Admin1, p.Admin1AR, p.Admin1Code = g.NameEN, g.NameAR, code
			if a.Level == geodata.Governorate {
				// WOF spells provinces its own way («Days Az Zawr»,
				// «Tajura' wa an Nawahi al Arba» for Tripoli); the map
				// labels them as the events do.
				p.NameEN, p.NameAR = g.NameEN, g.NameAR
			}
		}
		if b, ok := idx.bounds[a.Country]; ok {
			idx.bounds[a.Country] = b.Union(a.Bound)
		} else {
			idx.bounds[a.Country] = a.Bound
		}
		geom, err := encodeGeometry(a.Geometry)
		if err != nil {
			return nil, fmt.Errorf("base map, %s: %w", a.NameEN, err)
		}
		idx.areas = append(idx.areas, placeArea{props: p, geometry: geom})
	}
	return idx, nil
}

func encodeGeometry(g orb.Geometry) (json.RawMessage, error) {
	var v struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	}
	switch g := g.(type) {
	case orb.Polygon:
		v.Type, v.Coordinates = "Polygon", g
	case orb.MultiPolygon:
		v.Type, v.Coordinates = "MultiPolygon", g
	default:
		return nil, fmt.Errorf("unexpected geometry %T", g)
	}
	return json.Marshal(v)
}

type placeFeature struct {
	Type       string          `json:"type"`
	Properties placeProps      `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

type placeCollection struct {
	Type      string         `json:"type"`
	Credit    string         `json:"credit"`
	Features  []placeFeature `json:"features"`
	Countries []placeCountry `json:"countries"`
}

// placeCountry is a country of the map or of the events (the gazetteer
// names a few dozen beyond the map's 23, such as the capitals of the
// powers at war in the region): what the dashboard's country filter lists.
type placeCountry struct {
	Code       string      `json:"code"` // ISO alpha-3
	NameEN     string      `json:"name_en"`
	NameAR     string      `json:"name_ar"`
	BBox       *[4]float64 `json:"bbox"` // null: not on the base map
	Events     *int        `json:"events,omitempty"`
	Fatalities *int        `json:"fatalities,omitempty"`
}

var levels = []string{"all", "admin1", "admin2"}

// total is what the filters count in a place.
type total struct{ events, fatalities int }

func (s *Server) handlePlaces(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams, []string{"level"}); err != nil {
		s.fail(w, r, err)
		return
	}
	level := q.Get("level")
	if level == "" {
		level = "all"
	}
	if !slices.Contains(levels, level) {
		s.fail(w, r, badParam("level %q: want admin1 (governorates), admin2 (districts) or all", level))
		return
	}
	places, _, err := loadBaseMap()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts := map[string]*total{}  // admin1 code → its events
	country := map[string]*total{} // ISO alpha-3 → its events
	counted := level != geodata.District
	if counted {
		ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
		defer cancel()
		rows, err := s.cfg.Store.Stats(ctx, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		add := func(m map[string]*total, key string, row store.StatRow) {
			t := m[key]
			if t == nil {
				t = &total{}
				m[key] = t
			}
			t.events += row.Events
			t.fatalities += row.Fatalities
		}
		for _, row := range rows {
			if row.Admin1Code != "" {
				add(counts, row.Admin1Code, row)
			}
			if row.Country != "" {
				add(country, row.Country, row)
			}
		}
	}
	out := placeCollection{Type: "FeatureCollection", Credit: geodata.Credit, Features: []placeFeature{}}
	for _, a := range places.areas {
		if level != "all" && a.props.Level != level {
			continue
		}
		p := a.props
		if p.Level == geodata.Governorate {
			var t total
			if c := counts[p.Admin1Code]; c != nil && p.Admin1Code != "" {
				t = *c
			}
			p.Events, p.Fatalities = &t.events, &t.fatalities
		}
		out.Features = append(out.Features, placeFeature{Type: "Feature", Properties: p, Geometry: a.geometry})
	}
	out.Countries = places.countries(country, counted)
	writeJSON(w, http.StatusOK, out)
}

// countries lists the countries of the map and those events are in, most
// events first, then by code.
func (idx *placeIndex) countries(counts map[string]*total, counted bool) []placeCountry {
	codes := map[string]bool{}
	for c := range idx.bounds {
		codes[c] = true
	}
	for c := range counts {
		codes[c] = true
	}
	out := make([]placeCountry, 0, len(codes))
	for code := range codes {
		pc := placeCountry{Code: code}
		if c, ok := store.CountryByCode(code); ok {
			pc.NameEN, pc.NameAR = c.NameEN, c.NameAR
		}
		if b, ok := idx.bounds[code]; ok {
			pc.BBox = &[4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
		}
		if counted {
			var t total
			if c := counts[code]; c != nil {
				t = *c
			}
			pc.Events, pc.Fatalities = &t.events, &t.fatalities
		}
		out = append(out, pc)
	}
	slices.SortFunc(out, func(a, b placeCountry) int {
		if a.Events != nil && b.Events != nil && *a.Events != *b.Events {
			return *b.Events - *a.Events
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}
