package gazetteer

import (
	"slices"
	"strings"
	"testing"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// nameKey must key every name exactly as text.Key does, or a name would be
// filed under a key that running text never produces.
func TestNameKeyAgreesWithText(t *testing.T) {
	var names []string
	wof, err := lexicon.WOFPlaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range wof {
		names = append(names, p.NameAR, p.NameEN)
		names = append(names, p.VariantsAR...)
		names = append(names, p.VariantsEN...)
	}
	sites, err := lexicon.Sites()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		names = append(names, s.NameAR, s.NameEN)
		names = append(names, s.AliasesAR...)
	}
	names = append(names, "٣ آلاف", "8.5 كم", "ﻻ", "دِرعا", "الرقـة", "Dar`a", "Tall Abu Susah")
	bad := 0
	for _, n := range names {
		if got, want := nameKey(n), text.Key(n); got != want {
			if bad++; bad <= 10 {
				t.Errorf("nameKey(%q) = %q, text.Key = %q", n, got, want)
			}
		}
	}
	if bad > 10 {
		t.Errorf("… %d names in all", bad)
	}
}

func TestStripAdminPrefix(t *testing.T) {
	for in, want := range map[string]string{
		nameKey("قضاء زاخو"):    nameKey("زاخو"),
		nameKey("ناحية الغماس"): nameKey("الغماس"),
		nameKey("محافظة الرقة"): nameKey("الرقة"),
		nameKey("مدينة الصدر"):  nameKey("مدينة الصدر"),
		nameKey("قضاء"):         nameKey("قضاء"),
	} {
		if got := stripAdminPrefix(in); got != want {
			t.Errorf("stripAdminPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

// sortedEntries is every name of the gazetteer in key order, so that a
// test looking for a name of some kind finds the same one each run.
func (g *Gazetteer) sortedEntries() []*entry {
	g.listed()
	es := slices.Clone(g.entries)
	slices.SortFunc(es, func(x, y *entry) int { return strings.Compare(x.key, y.key) })
	return es
}
