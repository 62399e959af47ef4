package gazetteer

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"rasd/internal/text"
)

// TestPackedIsFresh holds gazetteer.bin to the data files and the code it
// is built from: a site, a common name or a cue edited without `go
// generate ./internal/gazetteer` fails here, in CI. (rasd itself is not
// misled meanwhile: its start finds the checksum changed and builds.)
func TestPackedIsFresh(t *testing.T) {
	var b bytes.Buffer
	if err := WritePacked(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != packedData {
		t.Fatalf("gazetteer.bin (%d bytes) is not what the data files pack to (%d bytes): run go generate ./internal/lexicon ./internal/gazetteer", len(packedData), b.Len())
	}
}

// The gazetteer read from the packed form is the one build makes: every
// place field by field, every name with its candidates in order, every
// skeleton, province and capital.
func TestPackedReadsAsBuilt(t *testing.T) {
	want, err := build()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WritePacked(&b); err != nil {
		t.Fatal(err)
	}
	got, err := open(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if got.pk == nil {
		t.Fatal("the packed form was not read")
	}
	samePlace := func(what string, x, y *Place) {
		t.Helper()
		if x == nil || y == nil || *x != *y {
			t.Fatalf("%s: got %+v, want %+v", what, x, y)
		}
	}
	gp, wp := got.Places(), want.Places()
	if len(gp) != len(wp) || len(got.latinOnly) != len(want.latinOnly) {
		t.Fatalf("%d and %d places, want %d and %d", len(gp), len(got.latinOnly), len(wp), len(want.latinOnly))
	}
	for i := range wp {
		samePlace("place", gp[i], wp[i])
		if !slices.Equal(got.enMore[gp[i]], want.enMore[wp[i]]) {
			t.Fatalf("%s: English names %q, want %q", wp[i].ID, got.enMore[gp[i]], want.enMore[wp[i]])
		}
	}
	for i := range want.latinOnly {
		samePlace("Latin-only place", got.latinOnly[i], want.latinOnly[i])
		if !slices.Equal(got.enMore[got.latinOnly[i]], want.enMore[want.latinOnly[i]]) {
			t.Fatalf("%s: English names differ", want.latinOnly[i].ID)
		}
	}
	sameCands := func(what string, x, y []cand) {
		t.Helper()
		if len(x) != len(y) {
			t.Fatalf("%s: %d candidates, want %d", what, len(x), len(y))
		}
		for i := range y {
			samePlace(what, x[i].p, y[i].p)
			a, b := x[i], y[i]
			a.p, b.p = nil, nil
			if a != b {
				t.Fatalf("%s: candidate %d %+v, want %+v", what, i, a, b)
			}
		}
	}
	n := 0
	for _, e := range want.entries {
		if e.ntok > 6 {
			continue
		}
		n++
		vals := got.names.Lookup(e.key)
		if len(vals) != 1 {
			t.Fatalf("%q: %d entries", e.key, len(vals))
		}
		g := vals[0]
		if g.key != e.key || g.ntok != e.ntok || g.block != e.block {
			t.Fatalf("%q: %+v, want %+v", e.key, *g, *e)
		}
		sameCands(e.key, g.cands, e.cands)
		if got.names.Lookup(e.key)[0] != g {
			t.Fatalf("%q: a second lookup made another entry", e.key)
		}
	}
	if got.names.Len() != n || len(got.sortedEntries()) != n {
		t.Fatalf("%d names, want %d", got.names.Len(), n)
	}
	// The filters are made from the keys the packed form lists: the same
	// bits as build's index set, so the first words and longer names it
	// lists are all of them.
	if !text.SameFilters(got.names, want.names) {
		t.Fatal("the names' filters differ from build's")
	}
	for k, want := range want.skel {
		got := got.skelOf(k)
		if len(got) != len(want) {
			t.Fatalf("skeleton %q: %d records, want %d", k, len(got), len(want))
		}
		for i := range want {
			samePlace(k, got[i].p, want[i].p)
			if got[i].fine != want[i].fine {
				t.Fatalf("skeleton %q: %q, want %q", k, got[i].fine, want[i].fine)
			}
		}
	}
	if got.skelOf("zzzzzzzz") != nil {
		t.Error("a skeleton no record has was found")
	}
	for _, m := range []struct {
		what      string
		got, want map[string]*Place
	}{{"admin1", got.admin1, want.admin1}, {"capitals", got.capitals, want.capitals}} {
		if !slices.Equal(slices.Sorted(maps.Keys(m.got)), slices.Sorted(maps.Keys(m.want))) {
			t.Fatalf("%s: other codes", m.what)
		}
		for k, p := range m.want {
			samePlace(m.what+" "+k, m.got[k], p)
		}
	}
	for _, m := range []struct {
		what      string
		got, want map[string]bool
	}{{"preps", got.preps, want.preps}, {"adjs", got.adjs, want.adjs}, {"person", got.person, want.person},
		{"commonWord", got.commonWord, want.commonWord}, {"focus", got.focus, want.focus}, {"saidCountry", got.saidCountry, want.saidCountry}} {
		if !maps.Equal(m.got, m.want) {
			t.Fatalf("%s differs", m.what)
		}
	}
	if got.cues.Len() != want.cues.Len() || got.said.Len() != want.said.Len() {
		t.Fatal("cues or signals differ")
	}
}

// A gazetteer.bin made from other data files is not read: the gazetteer is
// built.
func TestPackedStaleIsBuilt(t *testing.T) {
	sum, err := inputSum()
	if err != nil {
		t.Fatal(err)
	}
	stale := []byte(packedData)
	stale[len(packMagic)] ^= 1
	if pk, err := openPacked(string(stale), sum); pk != nil || err != nil {
		t.Fatalf("a stale packed form was read (%v)", err)
	}
	g, err := open(string(stale))
	if err != nil {
		t.Fatal(err)
	}
	if g.pk != nil || len(g.Places()) == 0 {
		t.Fatal("no gazetteer built")
	}
}
