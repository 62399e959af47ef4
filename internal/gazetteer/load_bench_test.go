package gazetteer

import "testing"

// BenchmarkBuild is the gazetteer's share of every start: reading the
// embedded extracts and tables and filing some 100,000 names. Run it on one
// core (-cpu 1) with -benchmem: its allocations are the heap every later
// collection scans again.
func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}
}
