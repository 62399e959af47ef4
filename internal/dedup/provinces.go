package dedup

import (
	"strings"
	"sync"

	"rasd/internal/event"
	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Most provinces of the region are named after their seat: «أربيل»,
// «السويداء», «حمص», «الحديدة» name the city and the province alike, and
// outlets write the bare name for both («هجوم في السويداء» for attacks on
// the city and its villages; «مطار التيفور في حمص» for a base 60 km from
// the city). The gazetteer must pick one reading for each mention, so two
// reports of one occurrence come out as the province and the city, or as
// the city and a place elsewhere in the province.

// namesake is the normalised Arabic name of each province whose seat
// bears it, by HASC code: admin1.tsv's capital_ar equal to its name, or
// its name a word for an area before the seat's («قطاع غزة», «لواء حيفا»),
// which outlets drop («غارة على غزة» for anywhere in the Strip).
var namesake = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	rows, err := lexicon.Admin1s()
	if err != nil {
		return out // the rules below then never apply: merging as before
	}
	for _, a := range rows {
		name, seat := text.NormalizeString(a.NameAR), text.NormalizeString(a.CapitalAR)
		if seat == "" {
			continue
		}
		if head, rest, ok := strings.Cut(name, " "); name == seat || ok && rest == seat && areaWords[head] {
			out[a.Code] = seat
		}
	}
	return out
})

// areaWords name a kind of area before its proper name, normalised.
var areaWords = map[string]bool{"قطاع": true, "لواء": true, "محافظه": true, "ولايه": true, "اقليم": true}

// provinceName is the province's and its seat's common name when l is
// read at either (the seat itself, or the province as a whole rather than
// its countryside), "" otherwise.
func provinceName(l *event.Location) string {
	if l.Admin1Code == "" {
		return ""
	}
	name, ok := namesake()[l.Admin1Code]
	if !ok {
		return ""
	}
	if n := text.NormalizeString(l.NameAR); n != name {
		if head, rest, ok := strings.Cut(n, " "); !ok || rest != name || !areaWords[head] {
			return ""
		}
	}
	// «ريف حمص» is the countryside, never the city.
	if strings.Contains(l.Text, "ريف") {
		return ""
	}
	return name
}

// provinceAndSeat: one location is a province as a whole and the other its
// seat of the same name, so that the same word was read at two levels.
func provinceAndSeat(a, b *event.Location) bool {
	if a.Admin1Code != b.Admin1Code || precision(a) == precision(b) || max(precision(a), precision(b)) < 3 {
		return false
	}
	pa := provinceName(a)
	return pa != "" && pa == provinceName(b)
}

// seatAsProvince: one location is a province's seat of the same name (a
// precise point) and the other lies elsewhere in that province, where the
// bare name may have meant the province.
func seatAsProvince(a, b *event.Location) bool {
	if a.Admin1Code == "" || a.Admin1Code != b.Admin1Code {
		return false
	}
	return seat(a) || seat(b)
}

// seat: a precise place that is its province's namesake seat, named
// without «مدينة» (which says the city is meant).
func seat(l *event.Location) bool {
	return precision(l) <= 2 && !strings.Contains(l.Text, "مدينة") && provinceName(l) != ""
}
