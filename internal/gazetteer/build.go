package gazetteer

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"rasd/internal/event"
	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// level is how much context a name needs before it in running text to be
// taken as a place.
type level uint8

const (
	bare   level = iota // none: a well-known place
	prep                // a preposition of place, a weak cue or a list it continues
	area                // «منطقة» or a stronger cue
	strong              // a cue that names a settlement, such as «قرية» or «ريف»
	never               // a function word: no context makes it a place
)

// Single-token WOF localities this large are known enough to be matched
// without context; smaller ones need a preposition or cue.
const (
	barePopulation  = 20000
	majorPopulation = 100000
)

// entry is every place one normalised name may mean.
type entry struct {
	key   string
	cands []cand
	ntok  uint8 // words in key: a name has at most a few
	// block marks a phrase that names no place though its words do
	// («قوات سوريا الديمقراطية»): its words are not matched.
	block bool
}

type cand struct {
	p    *Place
	need level
	// cued marks a name WOF gives only with «قرية» or «بلدة» before it
	// («قرية السعدونية»), and that is no common word: after «منطقة» it
	// is taken when the context confirms it (see weakAt).
	cued bool
	// spelt marks a transliteration candidate whose fine skeleton, with
	// ʿayn, agrees as well as the coarse one.
	spelt bool
	// guess marks a cued candidate after «منطقة», beside others the
	// context allows: it is taken only if the place the text relates the
	// mention to confirms it.
	guess bool
	// local marks a name of a site that counts only in an article that
	// names the site's country (sites.tsv context "country").
	local bool
	// vouched marks a candidate a cue before the name placed in its
	// country («مستوطنة المطلة» is in Israel): the article need not name
	// the country otherwise.
	vouched bool
}

type role uint8

const (
	roleCountryside role = iota + 1
	roleVicinity
	roleDirection
	roleDistrict
	roleGovernorate
	roleCity
	roleSettlement
	roleArea
	roleCenter
	rolePlural
	rolePost
	roleColony
)

var roleNames = map[string]role{
	"countryside": roleCountryside,
	"vicinity":    roleVicinity,
	"direction":   roleDirection,
	"district":    roleDistrict,
	"governorate": roleGovernorate,
	"city":        roleCity,
	"settlement":  roleSettlement,
	"area":        roleArea,
	"center":      roleCenter,
	"plural":      rolePlural,
	"post":        rolePost,
	"colony":      roleColony,
}

// cue is a word before a place name (data/place-cues.tsv).
type cue struct {
	word string // as written in the data file
	key  string
	role role
	dual bool
	// marks, when set, holds the only site kinds and countries of the
	// places the cue marks (place-cues.tsv column marks).
	marks map[string]bool
	// skip is how many letters of clitics a cue filed with them has
	// before the cue itself («وحي»).
	skip int
}

// minCueStem is the shortest cue the text's analysis splits clitics off
// («وحي» is read whole, «وبلدة» as و + «بلدة»).
const minCueStem = 3

// shortCuePrefixes are the clitics filed with a shorter cue.
var shortCuePrefixes = []string{"و", "ف", "ب", "ل", "وب", "ول", "فب"}

// level is the context the cue gives a name after it. «منطقة» is weaker
// than «قرية»: it is as often followed by an adjective («منطقة منكوبة»),
// so it marks a place of rasd's own list but not a common word.
func (c *cue) level() level {
	switch c.role {
	case roleVicinity, roleDirection, roleCenter, rolePlural:
		return prep
	case roleArea:
		return area
	}
	return strong
}

// Words that name a kind of place. A WOF name that is such a word plus a
// name the same record already has («مدينة حمص» beside «حمص») is left out,
// so that the cue is reported as a cue.
var cueWords = map[string]bool{
	"محافظه": true, "قضاء": true, "ناحيه": true, "منطقه": true, "مدينه": true,
	"بلده": true, "قريه": true, "حي": true, "مخيم": true, "مركز": true,
	"مديريه": true, "ولايه": true, "مقاطعه": true, "اقليم": true,
}

// Prefixes WOF puts on names («قضاء زاخو», «ناحية الغماس», «قرية
// الحويجة», Yemen's «مديرية باقم», Afghanistan's «ولاية غزني», Morocco's
// «إقليم فاس»): the name proper follows, and in running text the prefix is a
// cue, which sets the mention's precision. A name WOF gives only with
// «قرية» or «بلدة» before it («قرية العاصمة», «قرية تموز») is named so in
// text too, so without its prefix it needs a strong cue; «الغماس» of
// «ناحية الغماس» stands on its own.
var (
	adminPrefixes      = map[string]bool{"محافظه": true, "قضاء": true, "ناحيه": true, "مديريه": true, "ولايه": true, "مقاطعه": true, "اقليم": true}
	settlementPrefixes = map[string]bool{"قريه": true, "بلده": true, "مزرعه": true}
)

type builder struct {
	g           *Gazetteer
	byKey       map[string]*entry
	common      map[string]level           // names that are mostly common words, and what they need
	commonFirst map[string]level           // the same for every name starting with the word
	person      map[string]bool            // words of personal names
	particle    map[string]bool            // of those, the ones that are no given name
	admin1s     map[string]*lexicon.Admin1 // data/admin1.tsv by HASC
	regions     map[int64]string           // WOF region id → HASC
	county      map[int64]string           // WOF county id → HASC
	// villageCue holds the names whose villages need a strong cue, while a
	// town or city of the name keeps its own rule (need "villages").
	villageCue map[string]bool
	sites      map[string]*Place // rasd's sites by id, for their second rows

	// What the gazetteer keeps is made in blocks (alloc.go).
	strs    strArena
	shared  interner // district names and place types
	places  slab[Place]
	entries slab[entry]
	cands   slab[cand]
}

// expectedPlaces sizes the gazetteer's maps for the embedded data (some
// 90,000 places and as many names): growing maps of that size step by
// step is a tenth of Load.
const expectedPlaces = 100000

// expectedEnglish and expectedSkeletons size the maps of English variants
// and of transliteration skeletons (15,300 and 16,300 keys): grown step by
// step, each is rehashed a dozen times in every start.
const (
	expectedEnglish   = 16 << 10
	expectedSkeletons = 16 << 10
)

func build() (*Gazetteer, error) {
	g := &Gazetteer{
		names:    text.NewIndex[*entry](text.Conj | text.Prep),
		cues:     text.NewIndex[*cue](text.Conj | text.Prep),
		said:     text.NewIndex[string](text.Conj | text.Prep),
		preps:    map[string]bool{},
		adjs:     map[string]bool{},
		admin1:   map[string]*Place{},
		focus:    map[string]bool{},
		capitals: map[string]*Place{},
		places:   make([]*Place, 0, expectedPlaces),
		enMore:   make(map[*Place][]string, expectedEnglish),
		skel:     make(map[string][]skelCand, expectedSkeletons),

		commonWord:  map[string]bool{},
		saidCountry: map[string]bool{},
	}
	// The extracts are read from the start, while the small files are.
	wof := lexicon.ReadWOF()
	b := newBuilder(g, expectedPlaces)
	if err := b.light(); err != nil {
		return nil, err
	}
	overrides, err := lexicon.PlaceOverrides()
	if err != nil {
		return nil, err
	}
	ov := make(map[int64]lexicon.PlaceOverride, len(overrides))
	for _, o := range overrides {
		ov[o.WOFID] = o
	}
	admin1s, err := lexicon.Admin1s()
	if err != nil {
		return nil, err
	}
	if err := b.loadAdmin1s(admin1s); err != nil {
		return nil, err
	}
	// Each extract is filed as soon as it is read. A record's district is
	// in its own extract, and its region in the table, so one extract's
	// records need nothing of the later ones.
	localityKeys := make(map[string]bool, expectedPlaces)
	var regions []*lexicon.WOFPlace
	err = wof.Each(func(_ string, ps []*lexicon.WOFPlace) {
		for _, p := range ps {
			switch {
			case p.Placetype == "region":
				regions = append(regions, p)
			case p.Placetype == "county" && p.HASC != "":
				b.county[p.ID] = p.HASC
			}
		}
		b.addRegions(ps)
		for _, p := range ps {
			if p.Placetype != "region" {
				b.addWOF(p, ov[p.ID], localityKeys)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for code, a := range b.admin1s {
		if b.g.admin1[code] == nil {
			return nil, fmt.Errorf("gazetteer: admin1.tsv: no WOF region %v for %s (%s)", a.WOFIDs, code, a.NameEN)
		}
	}
	b.regionNames(regions, ov, localityKeys)
	if err := b.addSites(); err != nil {
		return nil, err
	}
	if err := b.markCapitals(admin1s); err != nil {
		return nil, err
	}
	b.finish()
	// The names are filed last, each under the key nameKey made for it:
	// text.Index.Add would analyse each of the hundred thousand again.
	for _, e := range g.entries {
		if e.ntok > text.MaxPhraseTokens {
			continue // no text names a place so
		}
		if err := g.names.AddKey(e.key, e); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	return g, nil
}

// newBuilder makes a builder for g, its index of names sized for n.
func newBuilder(g *Gazetteer, n int) *builder {
	b := &builder{g: g, byKey: make(map[string]*entry, n), common: map[string]level{},
		commonFirst: map[string]level{}, villageCue: map[string]bool{}, sites: map[string]*Place{}, regions: map[int64]string{}, county: map[int64]string{}}
	b.shared.arena = &b.strs
	return b
}

// light reads the small tables, which the finders use as they are: the
// focus countries, the cues, the common names and the words of personal
// names. A gazetteer read from its packed form (pack.go) reads them too.
func (b *builder) light() error {
	g := b.g
	for _, f := range lexicon.WOFFiles {
		if f.Focus {
			g.focus[f.Country] = true
		}
	}
	if err := b.loadCues(); err != nil {
		return err
	}
	commons, err := lexicon.PlaceCommonNames()
	if err != nil {
		return err
	}
	for _, c := range commons {
		need := strong
		switch c.Need {
		case "prep":
			need = prep
		case "never":
			need = never
		case "block":
			b.entry(nameKey(c.Name)).block = true
			continue
		case "villages":
			b.villageCue[nameKey(c.Name)] = true
			continue
		}
		if w, ok := strings.CutSuffix(c.Name, " *"); ok {
			b.commonFirst[nameKey(w)] = need
		} else {
			k := nameKey(c.Name)
			b.common[k] = need
			if !strings.Contains(k, " ") {
				g.commonWord[k] = true
			}
		}
	}
	notPlaces, err := lexicon.NotPlaceWords()
	if err != nil {
		return err
	}
	for _, w := range notPlaces {
		g.commonWord[nameKey(w)] = true
	}
	persons, err := lexicon.PersonNameWords()
	if err != nil {
		return err
	}
	b.person = map[string]bool{}
	b.particle = map[string]bool{}
	for _, w := range persons {
		k := nameKey(w.Word)
		b.person[k] = true
		if w.Particle {
			b.particle[k] = true
		}
	}
	g.person = b.person
	return nil
}

func (b *builder) loadCues() error {
	cs, err := lexicon.PlaceCues()
	if err != nil {
		return err
	}
	for _, c := range cs {
		switch c.Role {
		case "prep":
			b.g.preps[nameKey(c.Cue)] = true
			continue
		case "adjective":
			b.g.adjs[nameKey(c.Cue)] = true
			continue
		}
		name, dual := strings.CutSuffix(c.Role, "2")
		r, ok := roleNames[name]
		if !ok {
			return fmt.Errorf("gazetteer: place-cues.tsv: unknown role %q for %q", c.Role, c.Cue)
		}
		k := nameKey(c.Cue)
		cu := &cue{word: c.Cue, key: k, role: r, dual: dual}
		if len(c.Marks) > 0 {
			cu.marks = map[string]bool{}
			for _, m := range c.Marks {
				cu.marks[m] = true
			}
		}
		if err := b.g.cues.Add(k, cu); err != nil {
			return fmt.Errorf("gazetteer: place-cues.tsv: %w", err)
		}
		// The text's analysis splits no clitic off a word of three letters
		// («وحي» is also "revelation"), so «وحي الزيتون» and «بحي الشجاعية»
		// are filed whole, the clitics' letters skipped in the span.
		if utf8.RuneCountInString(k) < minCueStem {
			for _, pre := range shortCuePrefixes {
				v := *cu
				v.skip = utf8.RuneCountInString(pre)
				if err := b.g.cues.AddKey(pre+k, &v); err != nil {
					return fmt.Errorf("gazetteer: place-cues.tsv: %w", err)
				}
			}
		}
	}
	return nil
}

// loadAdmin1s keeps data/admin1.tsv by code and by WOF region, holding
// its Syrian and Iraqi rows to SCHEMA.md's table: scoring relies on those
// spellings.
func (b *builder) loadAdmin1s(rows []lexicon.Admin1) error {
	b.admin1s = make(map[string]*lexicon.Admin1, len(rows))
	for i := range rows {
		a := &rows[i]
		b.admin1s[a.Code] = a
		for _, id := range a.WOFIDs {
			b.regions[id] = a.Code
		}
		if s, ok := event.Admin1ByCode(a.Code); ok && (s.Name != a.NameEN || s.Arabic != a.NameAR || s.Country != a.Country) {
			return fmt.Errorf("gazetteer: admin1.tsv: %s is %q %q %s, SCHEMA.md says %q %q %s",
				a.Code, a.NameEN, a.NameAR, a.Country, s.Name, s.Arabic, s.Country)
		}
	}
	for _, s := range event.Admin1s {
		if b.admin1s[s.Code] == nil {
			return fmt.Errorf("gazetteer: admin1.tsv lacks SCHEMA.md's %s (%s)", s.Code, s.Name)
		}
	}
	return nil
}

// addRegions makes one Place per row of data/admin1.tsv whose WOF region
// records are among wof, at the representative point of the first, named
// as the table names it.
func (b *builder) addRegions(wof []*lexicon.WOFPlace) {
	for _, p := range wof {
		code, ok := b.regions[p.ID]
		if p.Placetype != "region" || !ok || b.g.admin1[code] != nil {
			continue
		}
		a := b.admin1s[code]
		pl := b.places.new()
		*pl = Place{
			ID: b.strs.prefixedInt("wof:", a.WOFIDs[0]), NameEN: a.NameEN, NameAR: a.NameAR,
			Country: a.Country, Admin1: a.NameEN, Admin1Code: a.Code,
			Lat: p.Lat, Lon: p.Lon, Kind: "region", Population: p.Population,
			GeoPrecision: 3, tier: 3,
		}
		b.g.admin1[code] = pl
		b.addPlace(pl, a.NameEN, append([]string{p.NameEN}, p.VariantsEN...))
	}
}

// regionNames files the provinces under their Arabic names once the
// localities are known: WOF lists capitals among a region's names
// («الموصل» for Ninawa, «الرمادي» for Al-Anbar, «القبة», a town, for
// Derna), and those must stay the towns'. The table's names and aliases
// are the province's own.
func (b *builder) regionNames(wof []*lexicon.WOFPlace, ov map[int64]lexicon.PlaceOverride, localityKeys map[string]bool) {
	for _, p := range wof {
		code, ok := b.regions[p.ID]
		if !ok || p.Placetype != "region" {
			continue
		}
		pl, a := b.g.admin1[code], b.admin1s[code]
		own := map[string]bool{nameKey(a.NameAR): true}
		names := append([]string{a.NameAR}, a.AliasesAR...)
		for _, n := range a.AliasesAR {
			own[stripAdminPrefix(nameKey(n))] = true
		}
		names = append(names, ov[p.ID].AddAR...)
		drop := map[string]bool{}
		for _, d := range ov[p.ID].DropAR {
			drop[nameKey(d)] = true
		}
		for _, v := range append([]string{p.NameAR}, p.VariantsAR...) {
			k := stripAdminPrefix(nameKey(v))
			if !own[k] && localityKeys[k] {
				continue
			}
			names = append(names, v)
		}
		for _, n := range names {
			if k := stripAdminPrefix(nameKey(n)); !drop[k] {
				b.addName(k, pl, max(bare, b.commonNeed(k)))
			}
		}
	}
}

func (b *builder) addWOF(p *lexicon.WOFPlace, o lexicon.PlaceOverride, localityKeys map[string]bool) {
	// Records WOF files under no province of the table (a few Syrian and
	// Iraqi ones without hierarchy), or under one of the neighbouring
	// extract (Syria's Golan under Israel's Northern District, East
	// Jerusalem under Israel's Jerusalem District), take the province of
	// their district when that one is in their own country; the rest keep
	// WOF's, or are left out without one.
	a := b.admin1s[b.regions[p.RegionID]]
	if a == nil || a.Country != p.Country {
		if h := b.county[p.CountyID]; len(h) >= 5 {
			if c := b.admin1s[h[:5]]; c != nil && (a == nil || c.Country == p.Country) {
				a = c
			}
		}
	}
	if a == nil {
		return
	}
	// The strings a place keeps are copied out of the extract's line
	// (alloc.go); kind is compared below, and the copy is equal.
	kind := b.shared.intern(p.Placetype)
	pl := b.places.new()
	*pl = Place{
		ID: b.strs.prefixedInt("wof:", p.ID), NameEN: b.strs.clone(latinName(p)), NameAR: b.strs.clone(p.NameAR),
		Country: a.Country, Admin1: a.NameEN, Admin1Code: a.Code, Admin2: b.shared.intern(p.CountyEN),
		Lat: p.Lat, Lon: p.Lon, Kind: kind, Population: p.Population, GeoPrecision: 1,
	}
	if o.HasPoint {
		pl.Lat, pl.Lon = o.Lat, o.Lon
	}
	focus := b.g.focus[a.Country]
	switch {
	case kind == "campus":
		pl.tier = 3
	case kind == "county":
		pl.tier = 2
		pl.Admin2 = b.strs.clone(p.NameEN)
	case kind == "neighbourhood":
		pl.tier = 1
	case p.Population >= majorPopulation:
		pl.tier = 3
	case p.Population >= barePopulation || o.Fire == "any":
		pl.tier = 2
	default:
		pl.tier = 1
	}
	var drop map[string]bool
	if len(o.DropAR) > 0 {
		drop = map[string]bool{}
		for _, d := range o.DropAR {
			drop[nameKey(d)] = true
		}
	}
	keys := make([]string, 0, 1+len(p.VariantsAR)+len(o.AddAR))
	var cued []bool // keys[i] came only with «قرية» or «بلدة» before it
	for i := -1; i < len(p.VariantsAR)+len(o.AddAR); i++ {
		var n string
		switch {
		case i < 0:
			n = p.NameAR
		case i < len(p.VariantsAR):
			n = p.VariantsAR[i]
		default:
			n = o.AddAR[i-len(p.VariantsAR)]
		}
		if !hasArabic(n) {
			continue
		}
		k, prefixed := stripPrefix(nameKey(n))
		if kind == "county" {
			if first, rest, ok := strings.Cut(k, " "); ok && first == "منطقه" {
				k = rest
			}
		}
		if k == "" || drop[k] || b.cueOrPrep(k) {
			continue
		}
		if j := slices.Index(keys, k); j >= 0 {
			cued[j] = cued[j] && prefixed
			continue
		}
		if pl.NameAR == "" || drop != nil && drop[nameKey(pl.NameAR)] {
			pl.NameAR = b.strs.clone(n)
		}
		keys = append(keys, k)
		cued = append(cued, prefixed)
	}
	// Guessing by transliteration was built and reviewed for the focus
	// countries, whose WOF records often lack the Arabic name news uses;
	// the other extracts keep only records named in Arabic, and filing
	// their 60,000 Latin names would be a quarter of Load.
	if kind != "campus" && focus {
		b.addSkeletons(pl, p)
	}
	if len(keys) == 0 {
		// Known by its Latin name alone: found only by transliteration and
		// by Lookup of an English name.
		b.g.latinOnly = append(b.g.latinOnly, pl)
		b.addEnglish(pl, p.NameEN, p.VariantsEN)
		return
	}
	keys, cued = albuVariants(keys, cued)
	keys, cued = kafrVariants(keys, cued)
	b.addPlace(pl, p.NameEN, p.VariantsEN)
	// Only a neighbourhood's names are held to its district's and
	// province's, so only a neighbourhood's are keyed.
	var county, region string
	if kind == "neighbourhood" {
		county, _ = stripPrefix(nameKey(p.CountyAR))
		region, _ = stripPrefix(nameKey(p.RegionAR))
	}
	for j, k := range keys {
		if first, rest, ok := strings.Cut(k, " "); ok && cueWords[first] && slices.Contains(keys, rest) {
			continue // «مدينة حمص» beside «حمص»
		} else if ok && kind == "neighbourhood" && rest != "" && (rest == county || rest == region) && b.cueOrPrep(first) {
			// «وسط بيروت», Beirut's central district: in running text the
			// cue and the city, which the city's own name finds; filed
			// whole, it needs «حي» before it and shadows the city.
			continue
		}
		// A district of the focus countries is named after its seat; one
		// elsewhere is as often named by a common word (Sanaa's «التحرير»,
		// «الوحدة») and needs a preposition like a village.
		need := prep
		switch {
		case o.Fire == "cue":
			need = area
		case strings.Contains(k, " "), kind == "county" && focus, kind == "campus",
			kind != "county" && p.Population >= barePopulation, o.Fire == "any", o.Fire == "country":
			need = bare
		}
		common := b.commonNeed(k)
		if b.villageCue[k] && pl.tier <= 1 {
			common = max(common, strong)
		}
		// A city filed as its country's only («عمان» in an article about
		// Jordan) is what the word means there, common word or not.
		if o.Fire != "country" {
			need = max(need, common)
		}
		person := settlement(pl) && b.personName(k)
		if cued[j] || person {
			need = max(need, strong)
		}
		if kind == "locality" || kind == "county" {
			localityKeys[k] = true
		}
		b.addName(k, pl, need)
		if cued[j] && !person && common < strong {
			b.markCued(k, pl)
		}
		if o.Fire == "country" && !strings.Contains(k, " ") {
			b.markLocal(k, pl)
		}
	}
}

// cueOrPrep says whether k is a word of place-cues.tsv: the hamlets WOF
// calls «قرية» or «شمال» would shadow the cue they share a name with.
func (b *builder) cueOrPrep(k string) bool {
	return b.g.preps[k] || len(b.g.cues.Lookup(k)) > 0
}

// albuVariants adds the other spelling of names of the «البو» tribes:
// news writes «البوسودة» as often as «البو سودة», and WOF has one or the
// other.
func albuVariants(keys []string, cued []bool) ([]string, []bool) {
	n := len(keys)
	for j := range n {
		k := keys[j]
		var v string
		switch {
		case strings.HasPrefix(k, "البو ") && len(k) > len("البو "):
			v = "البو" + k[len("البو "):]
		case strings.HasPrefix(k, "ال بو ") && len(k) > len("ال بو "):
			v = "البو" + k[len("ال بو "):]
		case strings.HasPrefix(k, "البو") && utf8.RuneCountInString(k) > 6 && !strings.HasPrefix(k, "البواب"):
			v = "البو " + k[len("البو"):]
		}
		if v != "" && !slices.Contains(keys, v) {
			keys = append(keys, v)
			cued = append(cued, cued[j])
		}
	}
	return keys, cued
}

// kafrVariants adds the other spelling of the villages named «كفر X»: news
// writes «كفربطنا», «كفرنبودة» as often as «كفر بطنا», and WOF has one or
// the other.
func kafrVariants(keys []string, cued []bool) ([]string, []bool) {
	n := len(keys)
	for j := range n {
		k := keys[j]
		var v string
		rest, spaced := strings.CutPrefix(k, "كفر ")
		switch {
		case spaced && rest != "" && !strings.Contains(rest, " ") && !strings.HasPrefix(rest, "ال"):
			v = "كفر" + rest
		case !spaced && strings.HasPrefix(k, "كفر") && !strings.Contains(k, " ") && utf8.RuneCountInString(k) > 5:
			v = "كفر " + k[len("كفر"):]
		}
		if v != "" && !slices.Contains(keys, v) {
			keys = append(keys, v)
			cued = append(cued, cued[j])
		}
	}
	return keys, cued
}

// markCued sets cued on p's candidate of key k.
func (b *builder) markCued(k string, p *Place) {
	e := b.byKey[k]
	for i := range e.cands {
		if e.cands[i].p == p {
			e.cands[i].cued = true
		}
	}
}

// addSkeletons files the record under the skeletons of its Latin names.
func (b *builder) addSkeletons(pl *Place, p *lexicon.WOFPlace) {
	var seen [4]string
	n := 0
	for i := -1; i < len(p.VariantsEN); i++ {
		name := p.NameEN
		if i >= 0 {
			name = p.VariantsEN[i]
		}
		fine := latinSkeleton(name)
		if len(fine) < 2 || slices.Contains(seen[:n], fine) {
			continue
		}
		if n < len(seen) {
			seen[n] = fine
			n++
		}
		k := coarseSkeleton(fine)
		b.g.skel[k] = append(b.g.skel[k], skelCand{p: pl, fine: fine})
	}
}

// commonNeed is what the common-names list asks of a name before it.
func (b *builder) commonNeed(key string) level {
	need := b.common[key]
	if first, _, ok := strings.Cut(key, " "); ok {
		need = max(need, b.commonFirst[first])
	}
	return need
}

// personName says whether a name looks like a person's: made only of
// words of personal names, or two words of which the first is a given name
// («أحمد الحمادي», «محمد صبيح»).
func (b *builder) personName(key string) bool {
	all := true
	for w := range strings.SplitSeq(key, " ") {
		if !b.person[w] {
			all = false
			break
		}
	}
	if all {
		return true
	}
	first, rest, ok := strings.Cut(key, " ")
	return ok && !strings.Contains(rest, " ") && b.person[first] && !b.particle[first]
}

func (b *builder) addSites() error {
	sites, err := lexicon.Sites()
	if err != nil {
		return err
	}
	for _, s := range sites {
		pl := &Place{
			ID: s.ID, NameEN: s.NameEN, NameAR: s.NameAR, Country: s.Country,
			Admin1Code: s.Admin1Code, Admin2: s.Admin2, Lat: s.Lat, Lon: s.Lon,
			Kind: s.Kind, GeoPrecision: s.Precision, tier: 3,
			HeldBy: s.HeldBy, HeldFrom: s.HeldFrom,
		}
		if s.Admin1Code != "" {
			a := b.admin1s[s.Admin1Code]
			if a == nil {
				return fmt.Errorf("gazetteer: sites.tsv: %s: admin1_code %q is not in admin1.tsv", s.ID, s.Admin1Code)
			}
			if a.Country != s.Country {
				return fmt.Errorf("gazetteer: sites.tsv: %s: admin1 %s is not in %s", s.ID, a.Code, s.Country)
			}
			pl.Admin1 = a.NameEN
		}
		// A second row of a site adds names that need another context
		// («شمال القطاع» needs the article to name Palestine, «شمال قطاع
		// غزة» nothing): it must repeat the site's kind, country and point.
		if old := b.sites[s.ID]; old != nil {
			if !strings.HasPrefix(old.ID, "rasd:") || old.Kind != pl.Kind || old.Country != pl.Country ||
				old.Admin1Code != pl.Admin1Code || old.Lat != pl.Lat || old.Lon != pl.Lon {
				return fmt.Errorf("gazetteer: sites.tsv: %s repeated with another kind, country or point", s.ID)
			}
			pl = old
		} else {
			b.addPlace(pl, s.NameEN, nil)
			b.sites[s.ID] = pl
		}
		need := bare
		context, local := strings.CutSuffix(s.Context, "country")
		switch strings.TrimSuffix(context, "|") {
		case "prep":
			need = prep
		case "cue":
			need = area
		case "signal":
			if err := b.addSignal(s); err != nil {
				return err
			}
			continue
		}
		for _, n := range append([]string{s.NameAR}, s.AliasesAR...) {
			k := nameKey(n)
			b.dropRegionName(k, pl)
			b.addName(k, pl, max(need, b.commonNeed(k)))
			if local {
				b.markLocal(k, pl)
			}
		}
	}
	return nil
}

// addSignal files the names of a site row of context "signal", which only
// say which country an article is about.
func (b *builder) addSignal(s lexicon.Site) error {
	for _, n := range append([]string{s.NameAR}, s.AliasesAR...) {
		if err := b.g.said.AddKey(nameKey(n), s.Country); err != nil {
			return fmt.Errorf("gazetteer: sites.tsv: %s: %w", s.ID, err)
		}
		b.g.saidCountry[s.Country] = true
	}
	return nil
}

// signalOnly reports whether a site row only says which country an
// article is about.
func signalOnly(s lexicon.Site) bool {
	context, _ := strings.CutSuffix(s.Context, "country")
	return strings.TrimSuffix(context, "|") == "signal"
}

// markLocal sets local on p's candidate of key k.
func (b *builder) markLocal(k string, p *Place) {
	e := b.byKey[k]
	for i := range e.cands {
		if e.cands[i].p == p {
			e.cands[i].local = true
		}
	}
}

// dropRegionName takes name k from the province of site p: «قطاع غزة» or
// «شمال سيناء» named alone is the region as news means it, coded as the
// site says (a representative point, precision 2), while «محافظة شمال
// سيناء» still finds the site, which stands for the province then.
func (b *builder) dropRegionName(k string, p *Place) {
	e, gov := b.byKey[k], b.g.admin1[p.Admin1Code]
	if e == nil || gov == nil {
		return
	}
	e.cands = slices.DeleteFunc(e.cands, func(c cand) bool { return c.p == gov })
}

// markCapitals finds each governorate's capital among the localities of
// that governorate filed under the capital's name.
func (b *builder) markCapitals(admin1s []lexicon.Admin1) error {
	var missing []string
	for _, x := range admin1s {
		if x.CapitalAR == "" {
			continue
		}
		e := b.byKey[nameKey(x.CapitalAR)]
		// The town, or the district where WOF has no town record (Nyala).
		var best *Place
		if e != nil {
			for _, c := range e.cands {
				p := c.p
				if p.Admin1Code != x.Code || (p.Kind != "locality" && p.Kind != "county") {
					continue
				}
				if best == nil || (best.Kind == "county") != (p.Kind == "county") && p.Kind == "locality" ||
					best.Kind == p.Kind && p.Population > best.Population {
					best = p
				}
			}
		}
		if best == nil {
			missing = append(missing, fmt.Sprintf("%q in %s", x.CapitalAR, x.Code))
			continue
		}
		best.capital = true
		best.tier = 3
		b.g.capitals[x.Code] = best
		for i := range e.cands {
			// A capital's name needs no cue unless it is a common word;
			// one filed for its own country only (local) is no common word
			// there.
			if e.cands[i].p == best && !e.cands[i].local {
				e.cands[i].need = b.commonNeed(e.key)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("gazetteer: admin1.tsv: no locality %s", strings.Join(missing, ", "))
	}
	return nil
}

func (b *builder) addPlace(p *Place, english string, more []string) {
	b.g.places = append(b.g.places, p)
	b.addEnglish(p, english, more)
}

// addEnglish keeps the English names of p that are not p.NameEN, copied,
// for Lookup. p.NameEN is english or one of more, so that with these it
// makes the same set of names.
func (b *builder) addEnglish(p *Place, english string, more []string) {
	if english == p.NameEN && len(more) == 0 {
		return
	}
	if english == p.NameEN && allStatic(more) {
		// A record's list of variants is its own, over strings the
		// binary holds: nothing to copy.
		b.g.enMore[p] = more[:len(more):len(more)]
		return
	}
	n := len(more)
	if english != p.NameEN {
		n++
	}
	names := make([]string, 0, n)
	if english != p.NameEN {
		names = append(names, b.strs.clone(english))
	}
	for _, m := range more {
		names = append(names, b.strs.clone(m))
	}
	b.g.enMore[p] = names
}

func allStatic(ss []string) bool {
	for _, s := range ss {
		if !lexicon.Static(s) {
			return false
		}
	}
	return true
}

func (b *builder) addName(k string, p *Place, need level) {
	if k == "" {
		return
	}
	e := b.entry(k)
	for i, c := range e.cands {
		if c.p == p {
			if need < c.need {
				e.cands[i].need = need
			}
			return
		}
	}
	if e.cands == nil {
		e.cands = b.cands.one(cand{p: p, need: need})
		return
	}
	e.cands = append(e.cands, cand{p: p, need: need})
}

// entry returns the entry of key k, making it if need be.
func (b *builder) entry(k string) *entry {
	e := b.byKey[k]
	if e == nil {
		e = b.entries.new()
		*e = entry{key: k, ntok: uint8(min(strings.Count(k, " ")+1, math.MaxUint8))}
		b.byKey[k] = e
	}
	return e
}

// finish ranks the candidates of every name and drops WOF's near-duplicate
// records of one town.
func (b *builder) finish() {
	b.markSeats()
	for _, p := range slices.Concat(b.g.places, b.g.latinOnly) {
		p.base = float64(p.tier)*1000 + 20*math.Log10(float64(p.Population)+1)
		switch {
		case p.capital:
			// Above the governorate of the same name, whose population
			// WOF gives and the city's it often does not.
			p.base += 200
		case p.Kind == "country":
			// «الجزائر», «تونس», «الكويت» alone are the country far more
			// often than its capital, which «مدينة» or «العاصمة» name.
			p.base += 500
		case p.Kind == "county":
			// A district is named after its seat, and the town is what a
			// bare name means: the district only beats villages.
			p.base = float64(p.tier)*1000 - 500
		}
	}
	b.g.entries = make([]*entry, 0, len(b.byKey))
	for _, e := range b.byKey {
		b.g.entries = append(b.g.entries, e)
		if len(e.cands) < 2 {
			continue
		}
		e.cands = dropShadowed(e.cands)
		slices.SortStableFunc(e.cands, func(x, y cand) int {
			if c := cmp.Compare(y.p.base, x.p.base); c != 0 {
				return c
			}
			return strings.Compare(x.p.ID, y.p.ID)
		})
		e.cands = dedupe(e.cands)
	}
}

// seatKM is how far from its district's point the town a district is
// named after may lie.
const seatKM = 30

// markSeats ranks as towns the villages a district of their province is
// named after («الشيخ زويد», «بيت الفقيه»): WOF gives most such towns
// outside Syria and Iraq no population, and the bare name means the town
// before the district.
func (b *builder) markSeats() {
	for _, e := range b.byKey {
		for _, c := range e.cands {
			if c.p.Kind != "county" {
				continue
			}
			for _, t := range e.cands {
				if t.p.Kind == "locality" && t.p.tier < 2 && t.p.Admin1Code == c.p.Admin1Code && km(t.p, c.p) <= seatKM {
					t.p.tier = 2
				}
			}
		}
	}
}

// dropShadowed drops WOF villages that share a country's name («سورية» in
// Ninewa): a cue such as «مدينة» would otherwise prefer the village («مدينة
// سورية» is "a Syrian city").
func dropShadowed(cs []cand) []cand {
	country := false
	for _, c := range cs {
		if c.p.Kind == "country" {
			country = true
		}
	}
	if !country {
		return cs
	}
	out := cs[:0]
	for _, c := range cs {
		if c.p.tier > 1 || !strings.HasPrefix(c.p.ID, "wof:") {
			out = append(out, c)
		}
	}
	return out
}

// dedupe drops a candidate that repeats a better-ranked one: WOF keeps
// several records for some towns (two for Tikrit, two for Baqubah) a few
// hundred metres apart.
func dedupe(cs []cand) []cand {
	out := cs[:0]
	for _, c := range cs {
		dup := false
		for i, o := range out {
			if o.p.Admin1Code == c.p.Admin1Code && settlement(o.p) && settlement(c.p) && km(o.p, c.p) < 5 {
				if c.need < o.need {
					out[i].need = c.need
				}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

func settlement(p *Place) bool {
	return p.Kind == "locality" || p.Kind == "neighbourhood"
}

func km(a, b *Place) float64 {
	const r = 6371.0
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dla := la2 - la1
	dlo := (b.Lon - a.Lon) * math.Pi / 180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// stripAdminPrefix turns the key «قضاء زاخو» into «زاخو».
func stripAdminPrefix(k string) string {
	k, _ = stripPrefix(k)
	return k
}

// stripPrefix turns «قضاء زاخو» into «زاخو» and «قرية تموز» into «تموز»,
// saying whether the prefix was a settlement's.
func stripPrefix(k string) (string, bool) {
	if first, rest, ok := strings.Cut(k, " "); ok {
		switch {
		case adminPrefixes[first]:
			return rest, false
		case settlementPrefixes[first]:
			return rest, true
		}
	}
	return k, false
}

func latinName(p *lexicon.WOFPlace) string {
	if hasLatin(p.NameEN) {
		return p.NameEN
	}
	for _, v := range p.VariantsEN {
		if hasLatin(v) {
			return v
		}
	}
	return p.NameEN
}
