package event

import "testing"

func TestTypeTablesAgree(t *testing.T) {
	n := 0
	for _, typ := range EventTypes {
		for _, sub := range SubTypes[typ] {
			n++
			if !ValidType(typ, sub) {
				t.Errorf("%s / %s not valid", typ, sub)
			}
		}
	}
	if n != 25 {
		t.Fatalf("%d sub-event types, SCHEMA.md has 25", n)
	}
	if ValidType(Battles, "Attack") {
		t.Error("Battles / Attack accepted")
	}
	if len(Admin1s) != 33 {
		t.Errorf("%d admin1 rows, SCHEMA.md has 33", len(Admin1s))
	}
	if a, ok := Admin1ByCode("SY.DY"); !ok || a.Name != "Deir-ez-Zor" {
		t.Errorf("Admin1ByCode(SY.DY) = %+v, %v", a, ok)
	}
}
