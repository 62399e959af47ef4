package geodata

import "testing"

// BenchmarkLoad decodes the embedded base map, as a server does once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(); err != nil {
			b.Fatal(err)
		}
	}
}
