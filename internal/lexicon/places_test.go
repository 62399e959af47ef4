package lexicon

import "testing"

// held_by is read as a country and an optional year, and only bases and
// posts have a holder: a field or an airport is hit with its workers.
func TestSitesHeldBy(t *testing.T) {
	sites, err := Sites()
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, s := range sites {
		if s.HeldBy == "" {
			continue
		}
		held++
		if s.Kind != "base" && s.Kind != "position" {
			t.Errorf("%s: a %s with a holder", s.ID, s.Kind)
		}
		if s.ID == "rasd:tanf-base" && (s.HeldBy != "USA" || s.HeldFrom != 2016) {
			t.Errorf("%s: held by %q from %d", s.ID, s.HeldBy, s.HeldFrom)
		}
	}
	if held < 10 {
		t.Errorf("%d sites with a holder", held)
	}
}
