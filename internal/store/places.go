package store

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// The provinces and countries a filter may name. Events carry a province's
// name and HASC code and a country's ISO alpha-3 code exactly as the
// gazetteer gives them (lexicon/data/admin1.tsv, sites.tsv); users write
// them every which way («Hudaydah», «al-hudaydah», «الحديدة», «YE.HU»). Each
// is resolved here, once, to the codes stored, so that the queries compare
// indexed codes only and a name that is nobody's is an error rather than an
// empty answer.

// Province is a first-level division a filter can name: a row of the
// lexicon's admin1.tsv.
type Province struct {
	Code    string // HASC, as events carry it in admin1_code
	Country string // ISO alpha-3
	NameEN  string // as events carry it in admin1
	NameAR  string
}

// Country is a country a filter can name: one of the gazetteer's.
type Country struct {
	Code   string // ISO alpha-3
	NameEN string
	NameAR string
}

type placeNames struct {
	provinces []Province
	admin1    map[string][]int // key → indexes in provinces (a few names are two countries')
	countries map[string]Country
	country   map[string]string // key → ISO alpha-3
}

var (
	namesOnce sync.Once
	names     *placeNames
	namesErr  error
)

func loadNames() (*placeNames, error) {
	namesOnce.Do(func() { names, namesErr = readNames() })
	return names, namesErr
}

// Provinces lists the provinces filters know, in admin1.tsv's order.
func Provinces() ([]Province, error) {
	n, err := loadNames()
	if err != nil {
		return nil, err
	}
	return n.provinces, nil
}

// Countries lists the countries filters know, by code.
func Countries() ([]Country, error) {
	n, err := loadNames()
	if err != nil {
		return nil, err
	}
	out := make([]Country, 0, len(n.countries))
	for _, c := range n.countries {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Country) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

// CountryByCode returns the names of a country events may carry.
func CountryByCode(code string) (Country, bool) {
	n, err := loadNames()
	if err != nil {
		return Country{}, false
	}
	c, ok := n.countries[code]
	return c, ok
}

func readNames() (*placeNames, error) {
	rows, err := lexicon.Admin1s()
	if err != nil {
		return nil, err
	}
	sites, err := lexicon.Sites()
	if err != nil {
		return nil, err
	}
	n := &placeNames{admin1: map[string][]int{}, countries: map[string]Country{}, country: map[string]string{}}
	addCountryKey := func(key, code string) {
		if key != "" {
			n.country[key] = code
		}
	}
	for _, s := range sites {
		// A signal row («الكيان الصهيوني», «حزب الله») names no country: it
		// only tells the gazetteer which country an article is about.
		if s.Kind != "country" || strings.Contains(s.Context, "signal") {
			continue
		}
		n.countries[s.Country] = Country{Code: s.Country, NameEN: s.NameEN, NameAR: s.NameAR}
		addCountryKey(placeKey(s.NameEN), s.Country)
		for _, a := range append([]string{s.NameAR}, s.AliasesAR...) {
			addCountryKey(placeKey(a), s.Country)
		}
	}
	for i, r := range rows {
		n.provinces = append(n.provinces, Province{Code: r.Code, Country: r.Country, NameEN: r.NameEN, NameAR: r.NameAR})
		keys := []string{strings.ToLower(r.Code), placeKey(r.NameEN), placeKey(withoutArticle(r.NameEN))}
		for _, a := range append([]string{r.NameAR}, r.AliasesAR...) {
			keys = append(keys, placeKey(a))
		}
		for _, k := range keys {
			if k != "" && !slices.Contains(n.admin1[k], i) {
				n.admin1[k] = append(n.admin1[k], i)
			}
		}
		// A province's country is known even where sites.tsv does not name
		// it, and by the two letters its HASC code starts with.
		if _, ok := n.countries[r.Country]; !ok {
			n.countries[r.Country] = Country{Code: r.Country}
		}
		if cc, _, ok := strings.Cut(r.Code, "."); ok {
			addCountryKey(strings.ToLower(cc), r.Country)
		}
	}
	for code := range n.countries {
		addCountryKey(strings.ToLower(code), code)
	}
	return n, nil
}

// placeKey folds a name as users may write it: letters and digits only,
// lower case, without accents, harakat or the alef and hamza forms that
// text.NormalizeString unifies, and without a leading «محافظة» or a
// trailing "governorate" and their like.
func placeKey(s string) string {
	s = strings.TrimSpace(text.NormalizeString(s))
	for _, p := range []string{"محافظه ", "ولايه ", "منطقه ", "اقليم ", "شعبيه ", "مقاطعه "} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
			s = rest
			break
		}
	}
	lower := strings.ToLower(s)
	for _, p := range []string{" governorate", " province", " region", " state"} {
		if rest, ok := strings.CutSuffix(lower, p); ok && rest != "" {
			lower = rest
			break
		}
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(lower) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// withoutArticle drops the Arabic article from a transliterated name, as
// users often do ("Hudaydah", "Raqqa" for "Al Hudaydah", "Ar-Raqqa").
func withoutArticle(s string) string {
	s = strings.TrimSpace(s)
	for _, a := range []string{"al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an"} {
		if len(s) > len(a)+1 && strings.EqualFold(s[:len(a)], a) && (s[len(a)] == ' ' || s[len(a)] == '-') {
			return s[len(a)+1:]
		}
	}
	return s
}

// resolveCountry returns the ISO alpha-3 code of a country as a user names
// it: its ISO alpha-3 or (for the gazetteer's 23 countries) alpha-2 code,
// or its English or Arabic name.
func (n *placeNames) resolveCountry(s string) (string, error) {
	if c, ok := n.country[strings.ToLower(s)]; ok {
		return c, nil
	}
	if c, ok := n.country[placeKey(s)]; ok {
		return c, nil
	}
	return "", badFilter("country %q is not a country rasd knows: give its ISO 3166 code (SYR, YEM, LBY …) or its name in English or Arabic (Yemen, اليمن)", s)
}

// resolveAdmin1 returns the HASC codes of the provinces a user names: one,
// or, for the few names two countries share ("Al Jawf", "Red Sea",
// «العاصمة»), those of country when it is given, else both.
func (n *placeNames) resolveAdmin1(s, country string) ([]string, error) {
	idx := n.admin1[strings.ToLower(s)]
	if idx == nil {
		idx = n.admin1[placeKey(s)]
	}
	if idx == nil {
		idx = n.admin1[placeKey(withoutArticle(s))]
	}
	if idx == nil {
		msg := fmt.Sprintf("admin1 %q is not a province rasd knows: give its HASC code (SY.DY, YE.HU), its English name (Deir-ez-Zor, Al Hudaydah) or its Arabic name (دير الزور, الحديدة)", s)
		if near := n.nearProvinces(s); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, " or ") + "?"
		}
		return nil, badFilter("%s", msg)
	}
	var codes, elsewhere []string
	for _, i := range idx {
		p := n.provinces[i]
		if country == "" || p.Country == country {
			codes = append(codes, p.Code)
		} else {
			elsewhere = append(elsewhere, p.Code+" in "+p.Country)
		}
	}
	if len(codes) == 0 {
		return nil, badFilter("admin1 %q is %s, not in country %s", s, strings.Join(elsewhere, " and "), country)
	}
	return codes, nil
}

// nearProvinces suggests up to three provinces whose name is one or two
// edits from what the user wrote, or starts with it.
func (n *placeNames) nearProvinces(s string) []string {
	k := placeKey(s)
	if len([]rune(k)) < 3 {
		return nil
	}
	type hit struct {
		d    int
		name string
	}
	var hits []hit
	seen := map[int]bool{}
	for key, idx := range n.admin1 {
		d := editDistance(k, key)
		if strings.HasPrefix(key, k) {
			d = min(d, 1)
		}
		if d > 2 {
			continue
		}
		for _, i := range idx {
			if !seen[i] {
				seen[i] = true
				p := n.provinces[i]
				hits = append(hits, hit{d, fmt.Sprintf("%s (%s, %s)", p.NameEN, p.NameAR, p.Code)})
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for i := 0; i < len(hits) && i < 3; i++ {
		out = append(out, hits[i].name)
	}
	return out
}

// editDistance is Levenshtein's distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
