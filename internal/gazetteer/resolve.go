package gazetteer

import (
	"math"

	"rasd/internal/text"
)

// Weights of the article-wide signals, against Place.base (1000 a tier).
// An admin1 the article names elsewhere outweighs one tier, so a village in
// the governorate the article is about beats a town elsewhere, but not a
// capital or a big city; the country the article is about only breaks ties.
const (
	admin1Bonus  = 1500
	countryBonus = 300
)

// signals are what the confident mentions of an article say about where
// it is.
type signals struct {
	// admin1 counts the confident mentions in each governorate; own[i] is
	// the governorate mention i itself added to, so that only the article's
	// other mentions vote on it.
	admin1  map[string]int
	own     []string
	country string // SYR or IRQ, whichever the article names more, or ""
	// abroad is set when the article names other countries' places and
	// none in Syria or Iraq: its unknown village names are more likely
	// places abroad («مدينة الجراحي» in Yemen) than Syrian or Iraqi ones.
	abroad bool
}

func (g *Gazetteer) signals(raws []raw) signals {
	s := signals{admin1: map[string]int{}, own: make([]string, len(raws))}
	count := map[string]int{}
	for i := range raws {
		cs := raws[i].cands
		if !confident(cs) {
			continue
		}
		top := cs[0].p
		if top.Admin1Code != "" {
			s.admin1[top.Admin1Code]++
			s.own[i] = top.Admin1Code
		}
		count[top.Country]++
	}
	switch {
	case count["SYR"] > count["IRQ"]:
		s.country = "SYR"
	case count["IRQ"] > count["SYR"]:
		s.country = "IRQ"
	}
	s.abroad = count["SYR"]+count["IRQ"] == 0 && len(count) > 0
	return s
}

// confident says whether a name leaves no real doubt about its governorate:
// one candidate, candidates in one governorate, or a leader a tier ahead.
func confident(cs []cand) bool {
	if len(cs) == 1 {
		return true
	}
	same := true
	for _, c := range cs[1:] {
		if c.p.Admin1Code != cs[0].p.Admin1Code || c.p.Country != cs[0].p.Country {
			same = false
			break
		}
	}
	return same || cs[0].p.base-cs[1].p.base >= 1000
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
		switch p.Kind {
		case "locality":
			return 5000
		case "county":
			return 4000
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
			}
		}
	}
	return 0
}

func (g *Gazetteer) resolve(a *text.Analysis, r *raw, i int, sig signals) Mention {
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
	best, bestScore := r.cands[0].p, math.Inf(-1)
	for _, c := range r.cands {
		s := c.p.base + prefer(kind, c.p)
		if n := sig.admin1[c.p.Admin1Code]; n > 1 || (n == 1 && sig.own[i] != c.p.Admin1Code) {
			s += admin1Bonus
		}
		if sig.country != "" && c.p.Country == sig.country {
			s += countryBonus
		}
		if s > bestScore {
			best, bestScore = c.p, s
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
	return Mention{
		Span:         text.Span{Text: a.Slice(r.start, r.end), Start: r.start, End: r.end},
		Name:         r.name,
		Tok:          r.tok,
		TokEnd:       r.tokEnd,
		Place:        p,
		Precision:    prec,
		Cue:          cueWord,
		Alternatives: len(r.e.cands) - 1,
	}
}
