package lexicon

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// WOFPlace is one current record of the Who's On First extracts
// (data/wof-*-places.tsv.gz, described in shared/data/README.md).
type WOFPlace struct {
	ID         int64
	Placetype  string // region, county, locality, neighbourhood or campus
	Country    string // ISO alpha-3 of the extract the record comes from
	NameEN     string
	NameAR     string
	VariantsAR []string
	VariantsEN []string
	Lat, Lon   float64
	RegionID   int64
	CountyID   int64
	CountyEN   string
	CountyAR   string
	RegionAR   string // the province's Arabic name
	Population int
	HASC       string // regions and counties only
}

// WOFFiles are the embedded extracts and the country each covers. Syria's
// and Iraq's are byte-identical copies of shared/data's; the others are
// derived from shared/data/mena by ./wofmena, which chooses their rows.
//
// Focus marks the countries rasd was built for, whose lexicons were
// reviewed against their news: their villages are taken for places in
// any article, while another country's are taken only in an article that
// names that country (see the gazetteer).
var WOFFiles = []struct {
	Name, Country string
	Focus         bool
}{
	{"wof-sy-places.tsv.gz", "SYR", true},
	{"wof-iq-places.tsv.gz", "IRQ", true},
	{"wof-ye-places.tsv.gz", "YEM", false},
	{"wof-ly-places.tsv.gz", "LBY", false},
	{"wof-lb-places.tsv.gz", "LBN", false},
	{"wof-ps-places.tsv.gz", "PSE", false},
	{"wof-il-places.tsv.gz", "ISR", false},
	{"wof-jo-places.tsv.gz", "JOR", false},
	{"wof-eg-places.tsv.gz", "EGY", false},
	{"wof-sa-places.tsv.gz", "SAU", false},
	{"wof-sd-places.tsv.gz", "SDN", false},
	{"wof-so-places.tsv.gz", "SOM", false},
	{"wof-tn-places.tsv.gz", "TUN", false},
	{"wof-dz-places.tsv.gz", "DZA", false},
	{"wof-ma-places.tsv.gz", "MAR", false},
	{"wof-af-places.tsv.gz", "AFG", false},
	{"wof-tr-places.tsv.gz", "TUR", false},
	{"wof-ir-places.tsv.gz", "IRN", false},
	{"wof-kw-places.tsv.gz", "KWT", false},
	{"wof-bh-places.tsv.gz", "BHR", false},
	{"wof-qa-places.tsv.gz", "QAT", false},
	{"wof-ae-places.tsv.gz", "ARE", false},
	{"wof-om-places.tsv.gz", "OMN", false},
}

// WOFPlaces returns every record of the extracts that WOF marks current
// and not deprecated, in the order of WOFFiles. The Syrian and Iraqi files
// are kept byte-identical to the shared copies, so the filter (which
// shared/data/README.md asks for, since WOF keeps superseded duplicates) is
// applied here.
func WOFPlaces() ([]*WOFPlace, error) {
	var all []*WOFPlace
	err := ReadWOF().Each(func(_ string, ps []*WOFPlace) { all = append(all, ps...) })
	return all, err
}

// WOFReader hands the gazetteer the extracts' records one extract at a
// time, decoded from their packed form (wofpack.go) when Each asks for
// them: an extract waiting to be filed would keep its records alive.
type WOFReader struct{}

// ReadWOF returns a reader of the extracts.
func ReadWOF() *WOFReader { return &WOFReader{} }

// Each calls f with the current records of each extract and its country,
// in the order of WOFFiles. It stops at the first extract that cannot be
// read.
func (r *WOFReader) Each(f func(country string, places []*WOFPlace)) error {
	return eachPacked(wofPacked, f)
}

// wofColumns are the columns readWOF uses, in the order of wofCol.
var wofColumns = [...]string{
	"wof_id", "placetype", "name_en", "name_ar", "name_ar_variants", "name_en_variants",
	"lat", "lon", "region_id", "region_ar", "county_id", "county_en", "county_ar", "population", "hasc",
	"is_current", "deprecated",
}

const (
	colID = iota
	colPlacetype
	colNameEN
	colNameAR
	colVariantsAR
	colVariantsEN
	colLat
	colLon
	colRegionID
	colRegionAR
	colCountyID
	colCountyEN
	colCountyAR
	colPopulation
	colHASC
	colIsCurrent
	colDeprecated
	numWOFCols
)

// readWOF parses one extract. It does the work of ReadTSV with a fixed
// column map and no per-row allocations beyond the line itself: the
// extracts are ten times larger than all other lexicon data together.
// Runs of the CLI read their packed form, which PackWOF makes with this.
func readWOF(name, country string) ([]*WOFPlace, error) {
	rc, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64*1024)
	var pos [numWOFCols]int
	header := true
	var fields [64]string
	var row [numWOFCols]string
	var out []*WOFPlace
	// The records are allocated a block at a time: one by one they were
	// 75,000 of the gazetteer's allocations at every start.
	var block []WOFPlace
	for line := 1; ; line++ {
		s, err := br.ReadString('\n')
		if err != nil && s == "" {
			break
		}
		s = strings.TrimRight(s, "\r\n")
		if s == "" || s[0] == '#' {
			continue
		}
		n := 0
		for rest := s; n < len(fields); n++ {
			f, r, ok := strings.Cut(rest, "\t")
			fields[n] = f
			if !ok {
				n++
				break
			}
			rest = r
		}
		if header {
			header = false
			idx := map[string]int{}
			for i, h := range fields[:n] {
				idx[strings.TrimSpace(h)] = i
			}
			for c, h := range wofColumns {
				i, ok := idx[h]
				if !ok {
					return nil, fmt.Errorf("lexicon: %s: no column %s", name, h)
				}
				pos[c] = i
			}
			continue
		}
		for c := range row {
			row[c] = ""
			if pos[c] < n {
				row[c] = strings.TrimSpace(fields[pos[c]])
			}
		}
		if row[colIsCurrent] == "0" || row[colDeprecated] == "1" {
			continue
		}
		id, err := strconv.ParseInt(row[colID], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s:%d: wof_id: %v", name, line, err)
		}
		lat, err1 := strconv.ParseFloat(row[colLat], 64)
		lon, err2 := strconv.ParseFloat(row[colLon], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("lexicon: %s:%d: bad coordinates %q %q", name, line, row[colLat], row[colLon])
		}
		if len(block) == 0 {
			block = make([]WOFPlace, 512)
		}
		p := &block[0]
		block = block[1:]
		*p = WOFPlace{
			ID:         id,
			Placetype:  row[colPlacetype],
			Country:    country,
			NameEN:     row[colNameEN],
			NameAR:     trimMarks(row[colNameAR]),
			VariantsAR: splitPlaceList(row[colVariantsAR]),
			VariantsEN: splitPlaceList(row[colVariantsEN]),
			Lat:        lat,
			Lon:        lon,
			RegionID:   placeAtoi(row[colRegionID]),
			CountyID:   placeAtoi(row[colCountyID]),
			CountyEN:   row[colCountyEN],
			CountyAR:   row[colCountyAR],
			RegionAR:   row[colRegionAR],
			Population: int(placeAtoi(row[colPopulation])),
			HASC:       row[colHASC],
		}
		out = append(out, p)
	}
	if header {
		return nil, fmt.Errorf("lexicon: %s: no header row", name)
	}
	return out, nil
}

// Site is one row of data/sites.tsv: a place conflict news names that WOF
// lacks (fields, camps, prisons, bases, crossings, dams, desert regions),
// a country, or a city outside Syria and Iraq.
type Site struct {
	ID         string // rasd:<slug>
	Kind       string
	NameAR     string
	AliasesAR  []string
	NameEN     string
	Country    string // ISO alpha-3
	Admin1Code string // HASC as in SCHEMA.md, or ""
	Admin2     string
	Lat, Lon   float64
	Precision  int // ACLED geo_precision a bare mention implies
	// Context is "" when the name may be matched anywhere, "prep" when it
	// needs a preposition or cue before it, "cue" when it needs a cue
	// such as «منطقة» (the name is also a common word), "country" when
	// it counts only in an article that names the site's country (the
	// words are as often said of somewhere else: «شمال القطاع»), both
	// ("prep|country", "cue|country": «الزيتون», a quarter of Gaza and a
	// word, needs «حي» and an article about Palestine), "signal"
	// when the names are no mention of the place at all but say which
	// country an article is about («الاحتلال الإسرائيلي»: the article
	// names Israel for the gazetteer's country gate).
	Context string
	// HeldBy is the ISO3 country whose forces hold a base or a post
	// («قاعدة التنف»: the United States; the posts of the Shebaa farms:
	// Israel), from HeldFrom (a year; 0 as long as news has named it), or
	// "" when the site is no one's post or changed hands too often to say.
	HeldBy   string
	HeldFrom int
}

// Sites reads data/sites.tsv.
func Sites() ([]Site, error) {
	var out []Site
	err := ReadTSV("sites.tsv", func(r Row) error {
		lat, err1 := strconv.ParseFloat(r.Get("lat"), 64)
		lon, err2 := strconv.ParseFloat(r.Get("lon"), 64)
		if err1 != nil || err2 != nil {
			return r.Errorf("bad coordinates %q %q", r.Get("lat"), r.Get("lon"))
		}
		prec, err := strconv.Atoi(r.Get("geo_precision"))
		if err != nil || prec < 1 || prec > 3 {
			return r.Errorf("geo_precision %q is not 1, 2 or 3", r.Get("geo_precision"))
		}
		s := Site{
			ID:         r.Get("id"),
			Kind:       r.Get("kind"),
			NameAR:     r.Get("name_ar"),
			AliasesAR:  splitPlaceList(r.Get("aliases_ar")),
			NameEN:     r.Get("name_en"),
			Country:    r.Get("country"),
			Admin1Code: r.Get("admin1_code"),
			Admin2:     r.Get("admin2"),
			Lat:        lat,
			Lon:        lon,
			Precision:  prec,
			Context:    r.Get("context"),
		}
		if h := r.Get("held_by"); h != "" {
			country, from, _ := strings.Cut(h, " ")
			if len(country) != 3 || strings.ToUpper(country) != country {
				return r.Errorf("held_by %q: want an ISO3 country, then optionally the year it took the site", h)
			}
			s.HeldBy = country
			if from != "" {
				if s.HeldFrom, err = strconv.Atoi(from); err != nil || s.HeldFrom < 1900 {
					return r.Errorf("held_by %q: %q is not a year", h, from)
				}
			}
		}
		if !strings.HasPrefix(s.ID, "rasd:") || s.NameAR == "" || len(s.Country) != 3 {
			return r.Errorf("site needs a rasd: id, an Arabic name and an ISO3 country")
		}
		switch s.Context {
		case "", "prep", "cue", "country", "prep|country", "cue|country":
		case "signal":
			if s.Kind != "country" {
				return r.Errorf("context signal is for a country's row, not a %s", s.Kind)
			}
		default:
			return r.Errorf("context %q is not empty, prep, cue, country (alone or after prep| or cue|) or signal", s.Context)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// PlaceOverride is one row of data/wof-overrides.tsv: a correction to a
// WOF record. WOF's Arabic names come from GeoNames and miss the forms news
// uses («الباغوز» for «باغوز فوقاني», «الهول» for «الحول») or carry wrong
// ones («سامراء» for the Samawa district).
type PlaceOverride struct {
	WOFID int64
	AddAR []string
	// DropAR removes names (compared after normalisation) from the record.
	DropAR []string
	// Fire is "any" for a town news names without a cue, "cue" for one
	// that must always have a cue, "country" for a city whose bare name is
	// also another country's («عمان», Amman or Oman): bare only in an
	// article that names its country; or "" for the default rules.
	Fire string
	// HasPoint says Lat and Lon replace WOF's point: the centroid of a
	// large city's polygon can lie 10–20 km from its centre, farther than
	// an event's place may be off (shared/ANNOTATION.md).
	HasPoint bool
	Lat, Lon float64
}

// PlaceOverrides reads data/wof-overrides.tsv.
func PlaceOverrides() ([]PlaceOverride, error) {
	var out []PlaceOverride
	err := ReadTSV("wof-overrides.tsv", func(r Row) error {
		id, err := strconv.ParseInt(r.Get("wof_id"), 10, 64)
		if err != nil {
			return r.Errorf("wof_id: %v", err)
		}
		o := PlaceOverride{WOFID: id, AddAR: splitPlaceList(r.Get("add_ar")), DropAR: splitPlaceList(r.Get("drop_ar")), Fire: r.Get("fire")}
		switch o.Fire {
		case "", "any", "cue", "country":
		default:
			return r.Errorf("fire %q is not empty, any, cue or country", o.Fire)
		}
		if lat, lon := r.Get("lat"), r.Get("lon"); lat != "" || lon != "" {
			var err1, err2 error
			o.Lat, err1 = strconv.ParseFloat(lat, 64)
			o.Lon, err2 = strconv.ParseFloat(lon, 64)
			if err1 != nil || err2 != nil {
				return r.Errorf("bad point %q %q", lat, lon)
			}
			o.HasPoint = true
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// Admin1 is one row of data/admin1.tsv: a first-level division (governorate,
// province, state) of a country of the gazetteer, as events name it.
type Admin1 struct {
	Code    string // HASC
	Country string // ISO alpha-3
	NameEN  string // the event's admin1: SCHEMA.md's spelling for Syria and Iraq
	NameAR  string
	// WOFIDs are the WOF region records that stand for it.
	WOFIDs []int64
	// CapitalAR names its seat, so that «ريف الرقة» (the governorate's
	// countryside) can be told from «ريف الميادين» (a town's); "" when
	// the seat is not the province's.
	CapitalAR string
	AliasesAR []string
}

// Admin1s reads data/admin1.tsv.
func Admin1s() ([]Admin1, error) {
	var out []Admin1
	seen := map[string]bool{}
	err := ReadTSV("admin1.tsv", func(r Row) error {
		a := Admin1{Code: r.Get("admin1_code"), Country: r.Get("country"), NameEN: r.Get("name_en"), NameAR: r.Get("name_ar"),
			CapitalAR: r.Get("capital_ar"), AliasesAR: splitPlaceList(r.Get("aliases_ar"))}
		if a.Code == "" || len(a.Country) != 3 || a.NameEN == "" || a.NameAR == "" {
			return r.Errorf("an admin1 needs a code, an ISO3 country and English and Arabic names")
		}
		if seen[a.Code] {
			return r.Errorf("admin1 %s twice", a.Code)
		}
		seen[a.Code] = true
		for _, s := range splitPlaceList(r.Get("wof_id")) {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return r.Errorf("wof_id %q: %v", s, err)
			}
			a.WOFIDs = append(a.WOFIDs, id)
		}
		if len(a.WOFIDs) == 0 {
			return r.Errorf("admin1 %s has no WOF region", a.Code)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// PlaceCue is one row of data/place-cues.tsv: a word that, before a place
// name, says what kind of place follows or how near it the text is.
type PlaceCue struct {
	Cue  string
	Role string
	// Marks, when set, are the only places the cue marks: site kinds
	// («position», «base») and ISO alpha-3 countries («مستوطنة» marks
	// places of Israel and Palestine). A place of another kind and country
	// is not taken after the cue.
	Marks []string
}

// PlaceCues reads data/place-cues.tsv.
func PlaceCues() ([]PlaceCue, error) {
	var out []PlaceCue
	err := ReadTSV("place-cues.tsv", func(r Row) error {
		c := PlaceCue{Cue: r.Get("cue"), Role: r.Get("role"), Marks: splitPlaceList(r.Get("marks"))}
		if c.Cue == "" || c.Role == "" {
			return r.Errorf("a cue needs a word and a role")
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// CommonName is one row of data/places-common-ar.tsv: a WOF place name that
// in news is far more often an ordinary word or a person («النصر», «الحل»,
// «الشيخ محمد»).
type CommonName struct {
	Name string // may end in " *": every name starting with the word
	// Need is "block" (a phrase that names no place though its words do:
	// none of its words is matched), "never", "cue" or "prep" (what must
	// come before the name), or "villages" (the villages of the name need
	// a cue, while a town or city of the name, as news means it, keeps
	// its own rule: «صيدا» is Sidon, a Syrian hamlet only after «قرية»).
	Need string
}

// PlaceCommonNames reads data/places-common-ar.tsv.
func PlaceCommonNames() ([]CommonName, error) {
	var out []CommonName
	seen := map[string]bool{}
	err := ReadTSV("places-common-ar.tsv", func(r Row) error {
		c := CommonName{Name: r.Get("name"), Need: r.Get("need")}
		switch {
		case c.Name == "":
			return r.Errorf("a common name needs a name")
		case c.Need != "block" && c.Need != "never" && c.Need != "cue" && c.Need != "prep" && c.Need != "villages":
			return r.Errorf("need %q is not block, never, cue, prep or villages", c.Need)
		case seen[c.Name]:
			return r.Errorf("%s is listed twice", c.Name)
		}
		seen[c.Name] = true
		out = append(out, c)
		return nil
	})
	return out, err
}

// PersonWord is one line of data/person-names-ar.txt: a word personal names
// are made of.
type PersonWord struct {
	Word     string
	Particle bool // «أبو», «عبد», «الشيخ»: starts a name but is no given name
}

// PersonNameWords reads data/person-names-ar.txt.
func PersonNameWords() ([]PersonWord, error) {
	lines, err := readPlaceLines("person-names-ar.txt")
	if err != nil {
		return nil, err
	}
	out := make([]PersonWord, 0, len(lines))
	for _, l := range lines {
		w, mark, _ := strings.Cut(l, "\t")
		out = append(out, PersonWord{Word: strings.TrimSpace(w), Particle: strings.TrimSpace(mark) == "particle"})
	}
	return out, nil
}

// NotPlaceWords reads data/place-guess-stopwords.txt: words that follow a
// settlement cue in news but name no place, which the gazetteer never
// guesses to be one.
func NotPlaceWords() ([]string, error) {
	return readPlaceLines("place-guess-stopwords.txt")
}

// readPlaceLines returns the non-blank lines of an embedded file that do not
// start with #, trimmed.
func readPlaceLines(name string) ([]string, error) {
	rc, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []string
	sc := bufio.NewScanner(rc)
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return out, nil
}

// trimMarks drops the left-to-right and right-to-left marks some WOF
// names end in (shared/data/mena/README.md): they are invisible, and would
// show in an event's name_ar.
func trimMarks(s string) string {
	return strings.Trim(s, "\u200e\u200f")
}

// splitPlaceList splits a |-separated list, dropping empty items.
func splitPlaceList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = trimMarks(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func placeAtoi(s string) int64 {
	if s == "" || s == "-1" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}
