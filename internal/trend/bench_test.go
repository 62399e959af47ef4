package trend

import (
	"fmt"
	"math/rand"
	"testing"

	"rasd/internal/event"
)

// BenchmarkBuilder streams 100,000 synthetic events over two years, 33
// governorates and 20 actors into one report, as rasd alerts does.
func BenchmarkBuilder(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	start := date("2017-01-02")
	types := []string{event.Battles, event.Explosions, event.VAC, event.Strategic}
	evs := make([]Event, 100_000)
	for i := range evs {
		a := event.Admin1s[rng.Intn(len(event.Admin1s))]
		typ := types[rng.Intn(len(types))]
		evs[i] = Event{
			ClusterID: fmt.Sprint("c", i), Date: start.AddDate(0, 0, rng.Intn(730)), EventType: typ,
			Admin1: a.Name, Country: a.Country, Actor1: fmt.Sprint("A", rng.Intn(20)), Actor1Type: "rebel",
			Actor2: "CIVILIANS", Actor2Type: "civilians", Violent: typ != event.Strategic,
		}
	}
	asOf := start.AddDate(0, 0, 729)
	b.ReportAllocs()
	for b.Loop() {
		nb := NewBuilder(asOf, DefaultOptions())
		for i := range evs {
			nb.Add(evs[i])
		}
		r := nb.Report()
		if r.Events+r.Later != len(evs) {
			b.Fatalf("read %d + %d later", r.Events, r.Later)
		}
	}
}
