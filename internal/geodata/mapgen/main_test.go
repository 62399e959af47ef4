package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"rasd/internal/gzfile"
)

// TestEmbeddedBaseMapIsDerived holds the embedded base map to what derive
// writes from the shared files: a change to either, to admin1.tsv or to
// the tolerances must be followed by `go run ./internal/geodata/mapgen`.
func TestEmbeddedBaseMapIsDerived(t *testing.T) {
	shared := "../../../../shared"
	if _, err := os.Stat(filepath.Join(shared, "data/mena")); err != nil {
		t.Skipf("shared/data/mena is absent: skipping the check of the embedded base map against it (%v)", err)
	}
	want, _, err := derive(shared)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gzfile.Read("../data/basemap.geojson.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/geodata/data/basemap.geojson.gz differs from what mapgen derives: run go run ./internal/geodata/mapgen")
	}
}

func TestSimplified(t *testing.T) {
	// A square of 1° with a hole of 0.5° and a notch of 0.0004° on one
	// side, and an islet of 0.002°: at 0.01° the notch goes, the hole
	// stays, the islet collapses.
	square := orb.Polygon{
		{{0, 0}, {0.5, 0.0004}, {1, 0}, {1, 1}, {0, 1}, {0, 0}},
		{{0.25, 0.25}, {0.25, 0.75}, {0.75, 0.75}, {0.75, 0.25}, {0.25, 0.25}},
	}
	islet := orb.Polygon{{{2, 2}, {2.002, 2}, {2.002, 2.002}, {2, 2.002}, {2, 2}}}
	got, dropped := simplified(orb.MultiPolygon{square, islet}, 0.01)
	if dropped != 1 || len(got) != 1 || len(got[0]) != 2 {
		t.Fatalf("got %v, %d rings dropped; want the square with its hole, the islet dropped", got, dropped)
	}
	if len(got[0][0]) != 5 {
		t.Errorf("outer ring %v: want the notch simplified away", got[0][0])
	}
	// Coordinates are rounded to 3 decimals and repeats removed.
	r := rounded(orb.Ring{{0.00049, 0}, {0.0001, 0}, {1.0004, 0}, {1, 1}, {0, 0}})
	want := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	if !r.Equal(want) {
		t.Errorf("rounded: %v, want %v", r, want)
	}
}
