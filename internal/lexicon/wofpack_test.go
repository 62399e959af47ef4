package lexicon

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestPackedWOFIsFresh holds wof-places.bin to the extracts it is made
// from: an extract changed (wofmena) or parsed differently without
// `go generate ./internal/lexicon` fails here, in CI.
func TestPackedWOFIsFresh(t *testing.T) {
	var b bytes.Buffer
	if err := PackWOF(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != wofPacked {
		t.Fatalf("wof-places.bin (%d bytes) is not what the extracts pack to (%d bytes): run go generate ./internal/lexicon", len(wofPacked), b.Len())
	}
}

// The records read from the packed form are those parsed from the
// extracts, field for field, in the same order.
func TestPackedWOFReadsAsTheExtracts(t *testing.T) {
	i := 0
	err := ReadWOF().Each(func(country string, got []*WOFPlace) {
		f := WOFFiles[i]
		i++
		if country != f.Country {
			t.Errorf("extract %d: country %s, want %s", i, country, f.Country)
		}
		want, err := readWOF(f.Name, f.Country)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d records, want %d", f.Name, len(got), len(want))
		}
		for j := range want {
			if !reflect.DeepEqual(got[j], want[j]) {
				t.Fatalf("%s: record %d:\n got %+v\nwant %+v", f.Name, j, *got[j], *want[j])
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if i != len(WOFFiles) {
		t.Fatalf("%d extracts read, want %d", i, len(WOFFiles))
	}
}

func TestPackedWOFStringsAreStatic(t *testing.T) {
	err := ReadWOF().Each(func(_ string, ps []*WOFPlace) {
		for _, p := range ps {
			if p.NameEN != "" && !Static(p.NameEN) {
				t.Fatalf("%d: the English name is a copy", p.ID)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if Static(strings.Clone("Aleppo")) {
		t.Error("a heap string is taken for a packed one")
	}
}

func TestPackedWOFRefusesDamage(t *testing.T) {
	for name, packed := range map[string]string{
		"empty":     "",
		"no magic":  "rasd-wof-places-0\n",
		"truncated": wofPacked[:len(wofPacked)/2],
		"trailing":  wofPacked + "x",
	} {
		if err := eachPacked(packed, func(string, []*WOFPlace) {}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
