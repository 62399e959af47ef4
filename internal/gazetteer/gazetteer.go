// Package gazetteer finds place mentions in Arabic text and resolves them
// to places with their province, coordinates and the ACLED geo_precision
// the wording implies. Places come from Who's On First (Syria, Iraq and 21
// more countries of the Middle East and North Africa) and from rasd's own
// list of sites, regions and countries (lexicon data).
//
// It reports every plausible place mention; which one an event happened at
// is the extractor's decision.
package gazetteer

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Place is one gazetteer record.
type Place struct {
	ID         string // wof:<id> or rasd:<slug>
	NameEN     string
	NameAR     string
	Country    string // ISO alpha-3
	Admin1     string // as lexicon data/admin1.tsv spells it (SCHEMA.md's for Syria and Iraq), or ""
	Admin1Code string // HASC, e.g. SY.DY
	Admin2     string // the district, in WOF's spelling
	Lat, Lon   float64
	// Kind is region (a governorate), county, locality, neighbourhood,
	// campus, country, or a site kind of sites.tsv (oilfield, camp, prison,
	// base, airport, crossing, dam, region, city, …).
	Kind       string
	Population int
	// GeoPrecision is the ACLED geo_precision a bare mention of the place
	// implies: 1 a town or site, 2 a region coded to a representative point,
	// 3 a governorate, a large region or a country.
	GeoPrecision int
	// HeldBy and HeldFrom: the country whose forces hold the base or post,
	// and the year they took it (sites.tsv held_by); "" for other places.
	HeldBy   string
	HeldFrom int

	// tier ranks how readily a shared name means this place: 3 countries,
	// governorates, their capitals, cities of 100,000 and rasd's sites; 2
	// towns and districts; 1 villages and neighbourhoods.
	tier    int8
	capital bool    // the seat of its governorate
	base    float64 // rank among same-name places before context
}

// Mention is one place mention in a text.
type Mention struct {
	Span         text.Span // the whole mention, including a cue such as «ريف» or «محافظة»
	Name         text.Span // just the place name
	Tok, TokEnd  int       // token range of Span in the Analysis
	Place        *Place
	Precision    int    // ACLED geo_precision implied: 1, 2 or 3
	Cue          string // the cue that set the precision («ريف», «محافظة», «مدينة», «قرب», …) or ""
	Alternatives int    // how many other candidates shared the name
	// Match says how the name was tied to Place. Anything but ByName is a
	// guess that only the cue before the name and the places around it
	// support, and deserves less trust.
	Match Match
}

// Match is how a mention's name was tied to its place.
type Match uint8

const (
	// ByName: the name is one the gazetteer has for the place, in a
	// context that suffices for it.
	ByName Match = iota
	// ByCue: the gazetteer has the name, but only for use after a stronger
	// cue («قرية السعدونية» written «منطقة السعدونية»); the place around
	// it or the article's governorate confirmed it.
	ByCue
	// ByTranslit: the gazetteer does not have the name as written; a
	// settlement cue precedes it and its transliteration skeleton fits a
	// WOF record's Latin name, the only one that fits the place around it
	// or the article's governorates («قرية مكيشيفة» → Mukayshifah).
	ByTranslit
)

func (m Match) String() string {
	switch m {
	case ByCue:
		return "cue"
	case ByTranslit:
		return "translit"
	}
	return "name"
}

// Gazetteer is the place index. It is immutable once loaded and safe for
// concurrent use.
type Gazetteer struct {
	names *text.Index[*entry]
	cues  *text.Index[*cue]
	// said holds the phrases that only say which country an article is
	// about (sites.tsv context "signal"), by country; saidCountry the
	// countries that have some.
	said        *text.Index[string]
	saidCountry map[string]bool
	// demonyms holds the nationality adjectives of actor-aliases.tsv
	// («اللبناني», «ليبية»), by country: made on first need, when one
	// name means cities in two countries and no place settles which.
	demonymOnce sync.Once
	demonyms    *text.Index[string]
	demonymErr  error
	preps       map[string]bool
	adjs        map[string]bool
	person      map[string]bool // words of personal names
	// commonWord holds the one-word names of places-common-ar.tsv and the
	// words of place-guess-stopwords.txt: never guessed to be a place the
	// gazetteer lacks.
	commonWord map[string]bool
	places     []*Place
	admin1     map[string]*Place // by HASC code
	capitals   map[string]*Place // the seat of each governorate, by HASC code
	// focus holds the countries whose villages stand for places in any
	// article (lexicon.WOFFiles); another country's need the article to
	// name that country.
	focus map[string]bool
	// enMore holds the English names of a place other than its NameEN
	// (WOF's variants), for Lookup; most places have none.
	enMore map[*Place][]string
	// latinOnly are the WOF records without an Arabic name, which Places
	// leaves out.
	latinOnly []*Place
	entries   []*entry // every name, in no order
	// skel files WOF records under the coarse skeletons of their Latin
	// names (translit.go), for names the Arabic index does not have.
	skel map[string][]skelCand

	enOnce sync.Once
	en     map[string][]*Place

	// byID is made on the first call of Place: extraction never asks for
	// a place by id, and 75,000 ids filed at every start cost 3 MB of heap.
	idOnce sync.Once
	byID   map[string]*Place

	// pk, when set, is the packed form the gazetteer reads its places,
	// names and skeletons from (pack.go); places, latinOnly, entries,
	// enMore and skel are then empty until listed is called.
	pk       *packed
	listOnce sync.Once
}

type skelCand struct {
	p    *Place
	fine string // the fine skeleton of the Latin name
}

var (
	loadOnce sync.Once
	loaded   *Gazetteer
	loadErr  error
)

// Load builds the gazetteer from the embedded data. The result is shared:
// later calls return the same immutable value at no cost.
func Load() (*Gazetteer, error) {
	loadOnce.Do(func() { loaded, loadErr = open(packedData) })
	return loaded, loadErr
}

// open reads the gazetteer from its packed form, data, or builds it when
// data was made from other data files than the binary holds.
func open(data string) (*Gazetteer, error) {
	sum, err := inputSum()
	if err != nil {
		return nil, err
	}
	pk, err := openPacked(data, sum)
	if err != nil || pk == nil {
		if err == nil {
			return build()
		}
		return nil, err
	}
	g := &Gazetteer{
		cues:        text.NewIndex[*cue](text.Conj | text.Prep),
		said:        text.NewIndex[string](text.Conj | text.Prep),
		preps:       map[string]bool{},
		adjs:        map[string]bool{},
		focus:       map[string]bool{},
		commonWord:  map[string]bool{},
		saidCountry: map[string]bool{},
		pk:          pk,
	}
	b := newBuilder(g, 0)
	if err := b.light(); err != nil {
		return nil, err
	}
	sites, err := lexicon.Sites()
	if err != nil {
		return nil, err
	}
	for _, s := range sites {
		if signalOnly(s) {
			if err := b.addSignal(s); err != nil {
				return nil, err
			}
		}
	}
	g.names = text.NewTableIndex[*entry](text.Conj|text.Prep, pk, pk.keys())
	g.admin1 = pk.codes(cntAdmin1)
	g.capitals = pk.codes(cntCapitals)
	return g, nil
}

// listed fills places, latinOnly, entries and enMore from the packed form,
// every place and name made: for Places, Place and Lookup of an English
// name, which extraction never calls.
func (g *Gazetteer) listed() {
	g.listOnce.Do(func() {
		pk := g.pk
		if pk == nil {
			return
		}
		np, nl := pk.n[cntPlaces], pk.n[cntLatin]
		g.places = make([]*Place, np)
		g.latinOnly = make([]*Place, nl)
		g.enMore = map[*Place][]string{}
		for i := range nl + np {
			p := pk.place(uint32(i))
			if i < nl {
				g.latinOnly[i] = p
			} else {
				g.places[i-nl] = p
			}
			if more := pk.englishMore(uint32(i)); more != nil {
				g.enMore[p] = more
			}
		}
		g.entries = make([]*entry, pk.n[cntEntries])
		for i := range g.entries {
			g.entries[i] = pk.entry(uint32(i))
		}
	})
}

// skelOf is what is filed under the coarse skeleton k.
func (g *Gazetteer) skelOf(k string) []skelCand {
	if g.pk != nil {
		return g.pk.skel(k)
	}
	return g.skel[k]
}

// Admin1Place returns the governorate or province with the given HASC code
// (coded to WOF's representative point), or nil.
func (g *Gazetteer) Admin1Place(code string) *Place { return g.admin1[code] }

// Place returns the place with the given id (wof:… or rasd:…), or nil.
func (g *Gazetteer) Place(id string) *Place {
	g.listed()
	g.idOnce.Do(func() {
		g.byID = make(map[string]*Place, len(g.places)+len(g.latinOnly))
		for _, p := range slices.Concat(g.places, g.latinOnly) {
			g.byID[p.ID] = p
		}
	})
	return g.byID[id]
}

// Lookup returns the places an Arabic or English name may mean, the most
// likely first. A leading cue («محافظة دير الزور», «مدينة الرقة») steers
// the order as it does in running text.
func (g *Gazetteer) Lookup(name string) []*Place {
	key := nameKey(name)
	if key == "" {
		return nil
	}
	var c *cue
	if es := g.names.Lookup(key); len(es) == 0 {
		// «محافظة X»: try X with the cue's preference.
		if first, rest, ok := strings.Cut(key, " "); ok {
			if cs := g.cues.Lookup(first); len(cs) > 0 {
				c, key = cs[0], rest
			}
		}
	}
	var out []*Place
	seen := map[*Place]bool{}
	for _, e := range g.names.Lookup(key) {
		cands := append([]cand(nil), e.cands...)
		sort.SliceStable(cands, func(i, j int) bool {
			return cands[i].p.base+prefer(c, cands[i].p) > cands[j].p.base+prefer(c, cands[j].p)
		})
		for _, cd := range cands {
			p := cd.p
			if c != nil && c.role == roleGovernorate && p.Kind != "region" && g.admin1[p.Admin1Code] != nil {
				p = g.admin1[p.Admin1Code]
			}
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	g.enOnce.Do(g.buildEnglish)
	return g.en[nameKey(name)]
}

// buildEnglish indexes English names on first use: few callers need them
// and keying 40k names would add to every start.
func (g *Gazetteer) buildEnglish() {
	g.listed()
	g.en = make(map[string][]*Place, (len(g.places)+len(g.latinOnly))*2)
	add := func(p *Place) {
		seen := map[string]bool{}
		for _, n := range append([]string{p.NameEN}, g.enMore[p]...) {
			k := nameKey(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			g.en[k] = append(g.en[k], p)
		}
	}
	for _, p := range g.places {
		add(p)
	}
	for _, p := range g.latinOnly {
		add(p)
	}
	for _, ps := range g.en {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].base > ps[j].base })
	}
}

// Places returns every place of the gazetteer that has an Arabic name
// (for exports and tests); the slice must not be modified. The WOF records
// known only by a Latin name are reached through Place, Lookup and the
// mentions transliteration finds.
func (g *Gazetteer) Places() []*Place {
	g.listed()
	return g.places
}

// Capital reports whether the place is the seat of its governorate. A bare
// capital's name («دير الزور») is as often the governorate as the city.
func (p *Place) Capital() bool { return p.capital }
