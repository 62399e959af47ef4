// Command genneighbours writes which provinces (admin1), and which
// districts (admin2) of Syria and Iraq, touch each other: the table dedup
// reads to let two reports of one occurrence placed on either side of a
// border meet («شمال العراق» filed under Ninewa against a town of
// Salah al-Din, Douma against Damascus).
//
//	go run ./internal/dedup/genneighbours > internal/dedup/neighbours.tsv
//
// It reads the base map geodata embeds (WOF polygons, simplified): two
// areas of one country touch when a vertex of one lies within tolerance of
// an edge of the other, since the two sides of a border were simplified
// apart and no longer coincide.
package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"rasd/internal/geodata"
)

// tolerance in degrees: more than the base map's simplification (0.005°
// for districts, 0.01° for provinces) and its rounding, less than the
// narrowest area between two others.
const tolerance = 0.02

func main() {
	areas, err := geodata.Areas()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := write(os.Stdout, areas); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// write writes the table of touching areas, sorted.
func write(w io.Writer, areas []geodata.Area) error {
	var lines []string
	for i := range areas {
		for j := i + 1; j < len(areas); j++ {
			a, b := &areas[i], &areas[j]
			if a.Level != b.Level || a.Country != b.Country {
				continue
			}
			ka, kb := key(a), key(b)
			if ka == "" || kb == "" || ka == kb {
				continue
			}
			if !a.Bound.Pad(tolerance).Intersects(b.Bound) || !touch(a.Geometry, b.Geometry, b.Bound) {
				continue
			}
			if ka > kb {
				ka, kb = kb, ka
			}
			lines = append(lines, a.Level+"\t"+ka+"\t"+kb)
		}
	}
	sort.Strings(lines)
	lines = slices.Compact(lines)
	var b strings.Builder
	b.WriteString("# Areas that touch: level, then the two areas (a province's HASC code; a district's\n")
	b.WriteString("# province code and WOF name). Written by genneighbours from geodata's base map.\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// key names an area as events carry it: a province by its code, a
// district by its province's code and its name.
func key(a *geodata.Area) string {
	if a.Level == geodata.Governorate {
		return a.HASC
	}
	if a.ParentHASC == "" || a.NameEN == "" {
		return ""
	}
	return a.ParentHASC + "/" + a.NameEN
}

func touch(a, b orb.Geometry, bb orb.Bound) bool {
	pad := bb.Pad(tolerance)
	edges := rings(b)
	for _, ra := range rings(a) {
		for _, p := range ra {
			if !pad.Contains(p) {
				continue
			}
			for _, rb := range edges {
				for k := 1; k < len(rb); k++ {
					if segmentDistance(p, rb[k-1], rb[k]) <= tolerance {
						return true
					}
				}
			}
		}
	}
	return false
}

func rings(g orb.Geometry) []orb.Ring {
	switch g := g.(type) {
	case orb.Polygon:
		return g
	case orb.MultiPolygon:
		var out []orb.Ring
		for _, p := range g {
			out = append(out, p...)
		}
		return out
	}
	return nil
}

// segmentDistance in degrees, flat: the tolerance is a few km.
func segmentDistance(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l))
	}
	x, y := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return math.Hypot(x, y)
}
