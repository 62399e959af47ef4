package gazetteer

import (
	"math"
	"slices"
	"strings"

	"rasd/internal/text"
)

// Weights of the article-wide signals, against Place.base (1000 a tier).
// An admin1 the article names elsewhere outweighs one tier, so a village in
// the governorate the article is about beats a town elsewhere, but not a
// capital or a big city; the country the article is about only breaks ties.
// A country the article never names costs more than two tiers, when
// another candidate's country is named: «الجوف» in an article about Saudi
// Arabia is not Yemen's governorate, nor a Syrian village; only a place
// known abroad (wellKnown) keeps its rank.
const (
	admin1Bonus   = 1500
	countryBonus  = 300
	absentPenalty = 2500
	// admin1Step adds to admin1Bonus for each further name in the
	// governorate (up to admin1Steps): of two governorates the article
	// names, the one it names more wins a tie, but never a tier.
	admin1Step  = 50
	admin1Steps = 10
	// bigCity is the population from which a city's name, bare, is known
	// beyond its country.
	bigCity = 100000
)

// Weights of a stated relation to the next place («X شمالي مدينة Y», «X في
// Y»): a candidate inside or near Y outweighs every other signal, then the
// direction named and the distance decide among those that are.
const (
	linkBonus       = 20000
	linkAdmin1Bonus = 3000 // in Y's governorate, though farther than the link allows
	bearingBonus    = 2000
	perKM           = 10
)

// signals are what the confident mentions of an article say about where
// it is.
type signals struct {
	// admin1 counts the distinct names confidently in each governorate;
	// own[i] is the governorate mention i's name added to, so that only
	// the article's other names vote on it (a name repeated is one vote).
	admin1 map[string]int
	own    []string
	// vote[i] is, likewise, the country mention i's name voted for.
	vote []string
	// names counts the distinct names confidently in each country, the
	// country's own name included; places those finer than a country;
	// inAdmin1 those with a governorate.
	names, places, inAdmin1 map[string]int
	// country is the one the article has most distinct names in (or, on
	// a tie, most mentions), or "" on a tie still.
	country string
	// abroad is set when the article names other countries' places and
	// none in a focus country: its unknown village names are more likely
	// places abroad («مدينة الجراحي» in Yemen) than Syrian or Iraqi ones.
	abroad bool
	// leaning is the country whose nationality adjectives the article
	// uses most («الجيش اللبناني», «مصادر ليبية»), read only when the
	// article's places name no country and a name means places in two:
	// it decides between them as the article's country would.
	leaning string
	// said counts, for each country, the distinct phrases of the article
	// that name it without being places (sites.tsv context "signal": the
	// partisan «الكيان الصهيوني», «الاحتلال الإسرائيلي»). They open the
	// country gate but do not choose the article's country.
	said map[string]int
}

// The dateline's places («دبي، الإمارات العربية المتحدة (CNN) --»), which
// end at token dateline, say where the desk is, not what the article is
// about: they do not vote, or every report from a pan-Arab desk would be
// read as news of its host country.
func (g *Gazetteer) signals(raws []raw, dateline int) signals {
	s := signals{admin1: map[string]int{}, own: make([]string, len(raws)), vote: make([]string, len(raws)),
		names: map[string]int{}, places: map[string]int{}, inAdmin1: map[string]int{}}
	count := map[string]int{}
	var cs []cand
	for i := range raws {
		r := &raws[i]
		if r.match != ByName || r.tokEnd <= dateline {
			continue
		}
		// Guesses, and the small places abroad that must themselves be
		// confirmed (gate), do not vote.
		cs = cs[:0]
		for _, c := range r.cands {
			// A village of a focus country does not vote either: in an
			// article about elsewhere («مدينة بالو» told three times in a
			// story from Indonesia) it is a namesake, and the gate must see
			// the article as abroad to drop it.
			village := g.focus[c.p.Country] && c.p.tier <= 1 && strings.HasPrefix(c.p.ID, "wof:")
			if !c.guess && !village && (c.vouched || !c.local && !g.needsCountry(c.p)) {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 || !sameCountry(cs) {
			continue
		}
		// A name votes for its country when it leaves no doubt about it
		// («تونس», the country or its capital), and for its governorate
		// when it leaves none about that either.
		top := cs[0].p
		count[top.Country]++
		first := !votedBefore(raws[:i], s.vote, r.e)
		s.vote[i] = top.Country
		if first {
			s.names[top.Country]++
		}
		if !confident(cs) {
			continue
		}
		s.own[i] = top.Admin1Code
		if !first {
			continue
		}
		if top.Kind != "country" {
			s.places[top.Country]++
		}
		if top.Admin1Code != "" {
			s.admin1[top.Admin1Code]++
			s.inAdmin1[top.Country]++
		}
	}
	if s.country = argmax(s.names); s.country == "" {
		s.country = argmax(count)
	}
	s.abroad = len(count) > 0
	for c := range g.focus {
		if count[c] > 0 {
			s.abroad = false
		}
	}
	return s
}

// votedBefore says whether an earlier mention of the same name voted (vote
// holds the country each voted for): a name repeated is one vote.
// Articles hold a few dozen mentions, so a scan costs less than a map.
func votedBefore(earlier []raw, vote []string, e *entry) bool {
	for i := range earlier {
		if earlier[i].e == e && vote[i] != "" {
			return true
		}
	}
	return false
}

// argmax is the key with the highest count, or "" on a tie or none.
func argmax(m map[string]int) string {
	best, n, tie := "", 0, false
	for k, v := range m {
		switch {
		case v > n:
			best, n, tie = k, v, false
		case v == n:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// named is how many distinct names the article has in country besides
// mention i's own, counting the phrases that only say which country it
// is about (sites.tsv context "signal": «الاحتلال الإسرائيلي»).
func (s *signals) named(country string, i int) int {
	return s.placed(country, i) + s.said[country]
}

// placed is how many distinct place names the article has in country
// besides mention i's own. A country only said («العدو الإسرائيلي»)
// opens the gate for its places but is not where the article's places
// are: Lebanon's «الطيبة» stays Lebanon's in a Lebanese article that says
// «الإسرائيلي» though Israel has a larger town of the name.
func (s *signals) placed(country string, i int) int {
	n := s.names[country]
	if s.vote[i] == country {
		n--
	}
	return n
}

// needsCountry says whether p is a place only an article naming its
// country means: a WOF village, neighbourhood, district or town below a
// city's rank in a country beyond rasd's focus. Yemen's 20,000 village
// names alone hold hundreds of common words.
func (g *Gazetteer) needsCountry(p *Place) bool {
	return p.tier < 3 && !g.focus[p.Country] && strings.HasPrefix(p.ID, "wof:")
}

// gate drops the candidates of raw i that the article gives no ground for:
// a small place abroad, or a site named by words said of other places
// too, in an article that names nothing else in its country; a village of
// a focus country in an article that names places in other countries only.
func (g *Gazetteer) gate(r *raw, i int, sig signals) []cand {
	// A name that means places in two countries keeps the one of the
	// country the article's nationality adjectives lean to («رفح» with
	// «الجيش المصري»).
	homonym := sig.leaning != "" && manyCountries(r.cands)
	many := manyCountries(r.cands)
	drop := func(c cand) bool {
		// «جنوب البلاد» is a region of every country that has one: it
		// means the one the article is about, never another it names in
		// passing (nor, in a story from Pakistan, Afghanistan's).
		if c.local && many && c.p.Country != sig.country && (sig.country != "" || c.p.Country != sig.leaning) {
			return true
		}
		return (c.local || g.needsCountry(c.p)) && !c.vouched && sig.named(c.p.Country, i) == 0 &&
			!(homonym && c.p.Country == sig.leaning) ||
			sig.abroad && c.p.tier <= 1 && g.focus[c.p.Country] && strings.HasPrefix(c.p.ID, "wof:")
	}
	if !slices.ContainsFunc(r.cands, drop) {
		return r.cands
	}
	// A copy: r.cands may be the entry's own slice.
	return slices.DeleteFunc(slices.Clone(r.cands), drop)
}

// wellKnown says whether a place is known by name beyond its country (a
// province's seat, a city of a million, a country, a site of rasd's own
// list), so that an article need not name the country for it to be meant.
func wellKnown(p *Place) bool {
	return p.capital || p.Population >= 1000000 || strings.HasPrefix(p.ID, "rasd:")
}

// confident says whether a name leaves no real doubt about its governorate:
// one candidate, candidates in one governorate, or a leader a tier ahead of
// every candidate elsewhere (a city and its governorate, «صعدة», lead the
// villages of the name). cs is in the order of base.
func confident(cs []cand) bool {
	return leads(cs, func(a, b *Place) bool { return a.Admin1Code == b.Admin1Code && a.Country == b.Country })
}

// sameCountry says the same of a name's country: «تونس», the country or
// its capital, is in Tunisia.
func sameCountry(cs []cand) bool {
	return leads(cs, func(a, b *Place) bool { return a.Country == b.Country })
}

// leads says whether cs[0] is a tier ahead of the first candidate that is
// not alike it.
func leads(cs []cand, alike func(a, b *Place) bool) bool {
	for _, c := range cs[1:] {
		if !alike(c.p, cs[0].p) {
			return cs[0].p.base-c.p.base >= 1000
		}
	}
	return true
}

// prefer is how much a cue before the name favours a kind of place:
// «محافظة» a governorate, «مدينة» a town, «حي» a neighbourhood, «مخيم» a
// camp, «قضاء» the district's town before the district.
func prefer(c *cue, p *Place) float64 {
	if c == nil {
		return 0
	}
	switch c.role {
	case roleGovernorate:
		if p.Kind == "region" {
			return 10000
		}
	case roleCity:
		if p.Kind == "locality" || p.Kind == "city" {
			return 5000
		}
	case roleDistrict:
		// «قضاء X», «ناحية X» are named after their seat and coded at it;
		// Yemen's and Afghanistan's «مديرية X» is the district itself,
		// which a village of the name elsewhere must not beat.
		county, locality := 4000.0, 5000.0
		if strings.HasPrefix(c.key, "مديري") {
			county, locality = 5000, 4000
		}
		switch p.Kind {
		case "locality":
			return locality
		case "county":
			return county
		}
	case rolePost:
		if p.Kind == "position" || p.Kind == "base" {
			return 5000
		}
	case roleSettlement:
		switch c.key {
		case "مخيم", "مخيمات", "مخيمي":
			switch p.Kind {
			case "camp":
				return 5000
			case "locality":
				return 2000
			}
		case "حي", "احياء", "حيي":
			switch p.Kind {
			case "neighbourhood":
				return 5000
			case "locality":
				return 2000
			}
		default:
			switch p.Kind {
			case "locality":
				return 5000
			case "neighbourhood":
				return 2000
			case "camp":
				return -1000 // «بلدة شعفاط» is the town, not its camp
			}
		}
	}
	return 0
}

// resolve picks the place of raw i, given the link the text states to the
// next mention and that mention's place y (nil without one). It reports
// false when the mention is dropped: a small place the text contradicts,
// or a guess nothing confirms.
func (g *Gazetteer) resolve(a *text.Analysis, r *raw, i int, sig signals, l link, y *Place) (Mention, bool) {
	if y != nil && !g.linkable(y) {
		y = nil
	}
	if r.match != ByName {
		p := g.chooseWeak(r, sig, l, y)
		if p == nil {
			return Mention{}, false
		}
		return g.mention(a, r, p), true
	}
	kind := kindCue(r.cues)
	anyNamed := false
	for _, c := range r.cands {
		anyNamed = anyNamed || sig.placed(c.p.Country, i) > 0
	}
	score := func(c cand) float64 {
		s := c.p.base + prefer(kind, c.p)
		if n := sig.admin1[c.p.Admin1Code]; n > 1 || (n == 1 && sig.own[i] != c.p.Admin1Code) {
			if sig.own[i] == c.p.Admin1Code {
				n--
			}
			s += admin1Bonus + admin1Step*float64(min(n, admin1Steps))
		}
		if sig.country != "" && c.p.Country == sig.country || sig.country == "" && c.p.Country == sig.leaning {
			s += countryBonus
		}
		if anyNamed && sig.placed(c.p.Country, i) == 0 && !wellKnown(c.p) {
			// A city of 100,000 is news in its own right: an article that
			// names one Syrian region does not make «خان يونس» a Syrian
			// village, though a village cue still would.
			if c.p.Population >= bigCity && kind == nil {
				s -= absentPenalty / 2
			} else {
				s -= absentPenalty
			}
		}
		return s
	}
	best, bestScore := r.cands[0].p, math.Inf(-1)
	for _, c := range r.cands {
		if s := score(c); s > bestScore && !c.guess {
			best, bestScore = c.p, s
		}
	}
	// A town, city or site is what its name means whatever the text says
	// around it; a village or neighbourhood yields to the text's relation.
	if y != nil && best.tier < 3 {
		contradicted := true
		bestScore = math.Inf(-1)
		for _, c := range r.cands {
			if !c.guess && !g.contradicts(c.p, y, l) {
				contradicted = false
			}
			s := score(c)
			switch f := g.fitTo(c.p, y, l); f {
			case fitExact, fitNear:
				s += linkBonus
				if f == fitExact {
					s += bearingBonus
				}
				if !g.isGovernorate(y) && y.Kind != "country" {
					s -= perKM * km(c.p, y)
				}
			case fitAdmin1:
				if c.guess {
					continue
				}
				s += linkAdmin1Bonus
			default:
				if c.guess {
					continue
				}
			}
			if s > bestScore {
				best, bestScore = c.p, s
			}
		}
		if contradicted && smallOnly(r.cands) {
			// «منطقة السيدة زينب وسط مدينة الموصل»: the text puts it where
			// no place of the name lies, so it is another place.
			return g.guessInstead(a, r, sig, l, y)
		}
	}
	if y == nil && smallOnly(r.cands) && foreign(r, i, sig) {
		return g.guessInstead(a, r, sig, noLink, nil)
	}
	if y == nil && len(r.cues) == 0 && smallOnly(r.cands) && elsewhere(r, i, sig) {
		// «بمشاركة قوات يمنية من قوام المنطقة العسكرية» in an article about
		// Saada: a bare village name alone in its country is a word.
		return Mention{}, false
	}
	return g.mention(a, r, best), true
}

// guessInstead replaces a contradicted name with the transliteration
// guess that fits, or drops it.
func (g *Gazetteer) guessInstead(a *text.Analysis, r *raw, sig signals, l link, y *Place) (Mention, bool) {
	w, p := g.translitInstead(r, sig, l, y)
	if p == nil {
		return Mention{}, false
	}
	return g.mention(a, &w, p), true
}

// elsewhere says whether the article names places of a third country and
// nothing else in the countries of r's candidates.
func elsewhere(r *raw, i int, sig signals) bool {
	in := map[string]bool{}
	for _, c := range r.cands {
		if sig.named(c.p.Country, i) > 0 {
			return false
		}
		in[c.p.Country] = true
	}
	for country, n := range sig.places {
		if n > 0 && !in[country] {
			return true
		}
	}
	return false
}

// smallOnly says whether every candidate is a WOF village or
// neighbourhood: a name that may well be another place the gazetteer
// lacks.
func smallOnly(cs []cand) bool {
	for _, c := range cs {
		if c.p.tier > 1 || c.p.capital || !strings.HasPrefix(c.p.ID, "wof:") {
			return false
		}
	}
	return true
}

// foreign says whether every candidate of raw i lies in the other country
// than the one the article is about, where it names no other place: in an
// article about Anbar a village known only in Al-Hasakeh is some Iraqi
// village WOF lacks.
func foreign(r *raw, i int, sig signals) bool {
	if sig.country == "" {
		return false
	}
	for _, c := range r.cands {
		if c.vouched {
			// «مستوطنة المطلة» in an article about Lebanon: the cue
			// itself says which country the place is in.
			return false
		}
		n := sig.inAdmin1[c.p.Country]
		if sig.own[i] != "" && r.cands[0].p.Country == c.p.Country {
			n-- // its own name
		}
		if c.p.Country == sig.country || n > 0 {
			return false
		}
	}
	return true
}

// kindCue is the last cue that says what the name is.
func kindCue(cues []*cue) *cue {
	var kind *cue
	for _, c := range cues {
		switch c.role {
		case roleCountryside, roleVicinity, roleDirection:
		default:
			kind = c
		}
	}
	return kind
}

// mention makes the Mention of raw r resolved to best, with the precision
// its cues imply.
func (g *Gazetteer) mention(a *text.Analysis, r *raw, best *Place) Mention {
	// near is the first cue that puts the mention in a place's vicinity;
	// kind the last cue that says what the name is.
	var near, kind *cue
	countryside := false
	for _, c := range r.cues {
		switch c.role {
		case roleCountryside, roleVicinity, roleDirection, roleDistrict:
			if near == nil {
				near = c
			}
			if c.role == roleCountryside {
				countryside = true
			}
			if c.role == roleDistrict {
				kind = c
			}
		default:
			kind = c
		}
	}
	p, prec, cueWord := best, best.GeoPrecision, ""
	gov := g.admin1[best.Admin1Code]
	large := p.Kind == "country" || (p.GeoPrecision == 3 && p.Kind != "region")
	switch {
	case near != nil:
		cueWord, prec = near.word, 2
		if countryside && (p.Kind == "region" || p.capital) && gov != nil {
			p = gov
		}
		if large {
			prec = 3
		}
	case kind != nil:
		cueWord = kind.word
		switch kind.role {
		case roleGovernorate:
			if p.Kind != "region" && gov != nil {
				p = gov
			}
			prec = 3
		case roleArea, rolePlural:
			prec = p.GeoPrecision
		default:
			prec = 1
			if p.Kind == "region" || large {
				prec = 3
			} else if p.GeoPrecision > 1 {
				prec = p.GeoPrecision
			}
		}
	case r.adjs && !large:
		prec = 2
	}
	alternatives := len(r.cands) - 1
	if r.e != nil && r.match == ByName {
		alternatives = len(r.e.cands) - 1
	}
	return Mention{
		Span:         text.Span{Text: a.Slice(r.start, r.end), Start: r.start, End: r.end},
		Name:         text.Span{Text: a.Slice(r.name.Start, r.name.End), Start: r.name.Start, End: r.name.End},
		Tok:          r.tok,
		TokEnd:       r.tokEnd,
		Place:        p,
		Precision:    prec,
		Cue:          cueWord,
		Alternatives: alternatives,
		Match:        r.match,
	}
}
