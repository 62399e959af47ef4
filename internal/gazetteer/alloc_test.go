package gazetteer

import (
	"fmt"
	"strings"
	"testing"
)

func TestStrArenaKeepsEveryString(t *testing.T) {
	var a strArena
	var want, got []string
	// Enough strings to fill several blocks, one larger than a block.
	for i := range 20000 {
		s := fmt.Sprintf("name %d %s", i, strings.Repeat("x", i%50))
		if i == 777 {
			s = strings.Repeat("y", strBlock+10)
		}
		want = append(want, s)
		got = append(got, a.clone(s))
	}
	id := a.prefixedInt("wof:", -1234567890123)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d changed: %.40q, want %.40q", i, got[i], want[i])
		}
	}
	if id != "wof:-1234567890123" {
		t.Errorf("prefixedInt = %q", id)
	}
	if a.clone("") != "" {
		t.Error("clone of empty string")
	}
}

func TestSlabOneIsItsOwnSlice(t *testing.T) {
	var s slab[int]
	x := s.one(1)
	y := s.one(2)
	x = append(x, 3) // must not write over y
	if y[0] != 2 || len(x) != 2 || x[0] != 1 || x[1] != 3 {
		t.Errorf("x %v, y %v", x, y)
	}
	p, q := s.new(), s.new()
	*p, *q = 5, 6
	if *p != 5 || *q != 6 || p == q {
		t.Error("slab.new handed out one value twice")
	}
}

// Place's index by id is made on first use from the places; it is well
// defined only if no two places share an id.
func TestPlaceIDsAreUnique(t *testing.T) {
	g := load(t)
	seen := map[string]bool{}
	for _, p := range append(append([]*Place(nil), g.Places()...), g.latinOnly...) {
		if seen[p.ID] {
			t.Errorf("two places have id %s", p.ID)
		}
		seen[p.ID] = true
		if g.Place(p.ID) != p {
			t.Errorf("Place(%s) is not the place", p.ID)
		}
	}
}
