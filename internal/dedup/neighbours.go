package dedup

import (
	_ "embed"
	"strings"
	"sync"

	"rasd/internal/event"
)

// Reports of one occurrence near a border place it on either side: one
// outlet at the town, another at the district or province next to it
// («دوما» and «دمشق», «شمال العراق» filed under Ninewa and a town of
// Salah al-Din). Distance alone cannot tell that for a vague place, whose
// point is its area's centre; the areas' shared borders can.

//go:embed neighbours.tsv
var neighboursFile string

// neighbours holds each pair of touching areas, both ways round: provinces
// by code, districts (Syria and Iraq, the only ones with polygons) by
// province code and WOF name, as events carry them. Keyed by the fields
// themselves, so that a lookup on the hot path allocates nothing.
type neighbourTable struct {
	provinces map[[2]string]bool
	districts map[[4]string]bool
}

var neighbours = sync.OnceValue(func() neighbourTable {
	t := neighbourTable{provinces: map[[2]string]bool{}, districts: map[[4]string]bool{}}
	for _, line := range strings.Split(neighboursFile, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		switch f[0] {
		case "admin1":
			t.provinces[[2]string{f[1], f[2]}] = true
			t.provinces[[2]string{f[2], f[1]}] = true
		case "admin2":
			p1, d1, ok1 := strings.Cut(f[1], "/")
			p2, d2, ok2 := strings.Cut(f[2], "/")
			if ok1 && ok2 {
				t.districts[[4]string{p1, d1, p2, d2}] = true
				t.districts[[4]string{p2, d2, p1, d1}] = true
			}
		}
	}
	return t
})

// provincesTouch: two places in different provinces that share a border.
func provincesTouch(a, b *event.Location) bool {
	if a.Admin1Code == "" || b.Admin1Code == "" || a.Admin1Code == b.Admin1Code {
		return false
	}
	return neighbours().provinces[[2]string{a.Admin1Code, b.Admin1Code}]
}

// districtsTouch: two places in different districts that share a border.
func districtsTouch(a, b *event.Location) bool {
	if a.Admin1Code == "" || b.Admin1Code == "" || a.Admin2 == "" || b.Admin2 == "" {
		return false
	}
	return neighbours().districts[[4]string{a.Admin1Code, a.Admin2, b.Admin1Code, b.Admin2}]
}
