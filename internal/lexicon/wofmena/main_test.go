package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"rasd/internal/gzfile"
)

// TestEmbeddedExtractsAreDerived holds the embedded extracts to what
// derive writes from the shared files: a change to either, or to the
// profiles, must be followed by `go run ./internal/lexicon/wofmena`.
func TestEmbeddedExtractsAreDerived(t *testing.T) {
	shared := "../../../../shared"
	if _, err := os.Stat(filepath.Join(shared, "data/mena")); err != nil {
		t.Skipf("shared/data/mena is absent: skipping (%v)", err)
	}
	valid, err := admin1Regions("../data/admin1.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range profiles {
		want, _, err := derive(shared, p, valid)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gzfile.Read(filepath.Join("../data", "wof-"+p.cc+"-places.tsv.gz"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("wof-%s-places.tsv.gz differs from what wofmena derives: run go run ./internal/lexicon/wofmena", p.cc)
		}
	}
}
