package lexicon

import "testing"

func TestLoadActorsCrossChecks(t *testing.T) {
	d, err := LoadActors()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]ActorRecord{}
	for _, a := range d.Actors {
		ids[a.ID] = a
	}
	if a, ok := ids["AHRAR-SHAM"]; !ok || a.Parent != "FSA" || len(a.Theatres) != 1 || a.Theatres[0] != "SYR" {
		t.Errorf("AHRAR-SHAM = %+v", a)
	}
	kinds := map[string]int{}
	for _, al := range d.Aliases {
		kinds[al.Kind]++
		for _, id := range al.IDs {
			if _, ok := ids[id]; !ok {
				t.Errorf("line %d: alias of unknown %q", al.Line, id)
			}
		}
	}
	for _, k := range []string{KindName, KindMember, KindCountry, KindAdjective, KindVictim, KindStop, KindForce, KindHead} {
		if kinds[k] == 0 {
			t.Errorf("no alias of kind %s", k)
		}
	}
	var sawAmbiguous, sawGeneric bool
	for _, al := range d.Aliases {
		sawAmbiguous = sawAmbiguous || len(al.IDs) > 1
	}
	for _, g := range d.Generics {
		sawGeneric = sawGeneric || (g.Alias == "التنظيم" && len(g.Fallback) == 1 && g.Fallback[0] == "ISIS")
	}
	if !sawAmbiguous || !sawGeneric {
		t.Errorf("ambiguous aliases %v, «التنظيم» generic %v", sawAmbiguous, sawGeneric)
	}
}

func TestFieldsOf(t *testing.T) {
	got := fieldsOf("ISIS AQ,HTS|FSA")
	if len(got) != 4 || got[3] != "FSA" {
		t.Errorf("fieldsOf = %q", got)
	}
	if got := fieldsOf("-"); len(got) != 0 {
		t.Errorf("fieldsOf(-) = %q", got)
	}
	if checkClitics("cpa") != nil || checkClitics("-") != nil || checkClitics("x") == nil {
		t.Error("checkClitics")
	}
}
