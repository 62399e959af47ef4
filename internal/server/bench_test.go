package server

import "testing"

// BenchmarkBaseMap is what a server's start costs for the base map: the
// embedded file decoded, the provinces named, the GeoJSON encoded and
// compressed (loadBaseMap does it once a process).
func BenchmarkBaseMap(b *testing.B) {
	for b.Loop() {
		idx, err := newPlaceIndex()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := newBaseMap(idx); err != nil {
			b.Fatal(err)
		}
	}
}
