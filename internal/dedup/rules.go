package dedup

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"rasd/internal/event"
	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// subFamilies groups the sub-event types that outlets use for one
// occurrence: one calls it shelling, another an air strike; one a suicide
// bombing, another a car bomb. Sub types not listed are compatible only
// with themselves.
var subFamilies = map[string]string{
	"Armed clash":                         "fighting",
	"Government regains territory":        "fighting",
	"Non-state actor overtakes territory": "fighting",

	"Air/drone strike":                  "from afar",
	"Shelling/artillery/missile attack": "from afar",
	disruptedWeapon:                     "from afar",

	"Suicide bomb":                  "bomb",
	"Remote explosive/landmine/IED": "bomb",
	"Grenade":                       "bomb",

	"Peaceful protest":                   "protest",
	"Protest with intervention":          "protest",
	"Excessive force against protesters": "protest",

	"Violent demonstration": "riot",
	"Mob violence":          "riot",
}

// typeFit: the same sub type fits fully, a sub type of the same family
// partly. A chemical attack stays apart even from air strikes on the same
// town that day: ACLED codes it on its own, and the day's conventional
// strikes are other occurrences. Event types of one family (Family) may
// meet, as crossType: outlets and the extractor read one raid as a battle,
// an explosion or an attack on civilians, and judge then wants repeated
// evidence.
func typeFit(typ1, sub1, typ2, sub2 string) (score float64, crossType, ok bool) {
	if typ1 != typ2 {
		f1, f2 := Family(typ1, sub1), Family(typ2, sub2)
		if f1 != f2 || f1 != familyViolence || sub1 == chemical || sub2 == chemical {
			return 0, false, false
		}
		// An intercepted missile is the strike it was meant to be, never a
		// battle, a bomb or an attack on civilians (CandidateTypes); or the
		// explosions heard where it was brought down.
		if sub1 == disruptedWeapon && !interceptable(sub2) || sub2 == disruptedWeapon && !interceptable(sub1) {
			return 0, false, false
		}
		return 0, true, true
	}
	if sub1 == sub2 {
		return 1, false, true
	}
	if sub1 == chemical || sub2 == chemical {
		// Scored as another type of the family: only reports that repeat
		// each other join a chemical attack and a conventional strike
		// (one outlet's "air strikes with toxic gas"), never the fields.
		return 0, true, true
	}
	f1, ok1 := subFamilies[sub1]
	f2, ok2 := subFamilies[sub2]
	if ok1 && ok2 && f1 == f2 {
		return 0.6, false, true
	}
	if ok1 && ok2 {
		return 0.2, false, true
	}
	return 0, false, false
}

// interceptable: a sub type an intercepted missile or drone may be
// reported as. The strike or shelling it was meant to be; or explosions
// (the extractor's remote explosive, for «انفجارات», «دوي انفجار»): the
// outlets that did not have the army's word report the blasts heard where
// the air defences brought it down, at the same spot the same day.
func interceptable(sub string) bool {
	return subFamilies[sub] == "from afar" || sub == remoteExplosive
}

// interceptedBlast: of two events one of which is an intercepted missile
// or drone and the other a remote explosive (interceptable), whether they
// can be one salvo: the one told on an interception or an air defence's
// repelling, the other on explosions heard, not on a device (a mine, a
// roadside or car bomb: the extractor's remote explosive covers both).
// Disrupted weapons use covers foiled plots and seized arms too, and an
// arms cache seized is no missile brought down over the town where a mine
// went off. Each side is read from its first report's cue (Rule).
func interceptedBlast(a, b *event.Event) bool {
	if a.SubEventType != disruptedWeapon {
		a, b = b, a
	}
	switch cueClass(a.Rule) {
	case "interception", "repel", "shelling":
	default:
		return false
	}
	switch cueClass(b.Rule) {
	case "explosion", "shelling", "attack", "destruction":
	default:
		return false
	}
	t := text.NormalizeString(b.Trigger.Text)
	for _, d := range devices {
		if strings.Contains(t, d) {
			return false
		}
	}
	return true
}

// devices are the stems (normalised) of the words for a bomb or a mine a
// trigger may hold: «عبوة ناسفة», «لغم», «ألغام», «مفخخة», «قنبلة»,
// «قنابل».
var devices = []string{"عبو", "لغم", "لغام", "مفخخ", "ناسف", "قنبل", "قناب"}

// cueClass is the class of the cue an event was extracted on, as its Rule
// records it first ("cue «…» (class, triggers.tsv:N)"); "" when it names
// none.
func cueClass(rule string) string {
	i := strings.Index(rule, "cue «")
	if i < 0 {
		return ""
	}
	rest := rule[i:]
	j := strings.Index(rest, "» (")
	if j < 0 {
		return ""
	}
	rest = rest[j+len("» ("):]
	if k := strings.IndexAny(rest, ",)"); k >= 0 {
		return rest[:k]
	}
	return ""
}

const (
	remoteExplosive = "Remote explosive/landmine/IED"
	chemical        = "Chemical weapon"
	familyViolence  = "political violence"
	disruptedWeapon = "Disrupted weapons use"
)

// Family is the group of event types whose events may report one
// occurrence: battles, explosions and attacks on civilians (and an
// intercepted missile, which one outlet reports as the attack it was
// meant to be); protests and riots; each other type on its own.
func Family(eventType, subEventType string) string {
	switch eventType {
	case event.Battles, event.Explosions, event.VAC:
		return familyViolence
	case event.Protests, event.Riots:
		return "demonstrations"
	case event.Strategic:
		if subEventType == disruptedWeapon {
			return familyViolence
		}
	}
	return eventType
}

// CandidateTypes are the event types whose clusters an event of this type
// may join: what the store preselects by.
//
// An intercepted missile or drone meets only strikes, shelling and
// explosions (interceptable): other events need not read the strategic
// developments' clusters, nearly all of other kinds.
func CandidateTypes(eventType, subEventType string) []string {
	switch {
	case subEventType == disruptedWeapon || interceptable(subEventType) && eventType == event.Explosions:
		return []string{event.Battles, event.Explosions, event.VAC, event.Strategic}
	case Family(eventType, subEventType) == familyViolence:
		return []string{event.Battles, event.Explosions, event.VAC}
	}
	return []string{eventType}
}

// actorMatch is how the actors of two events agree.
type actorMatch struct {
	score    float64 // 0..1
	named    int     // parties both sides name
	conflict bool    // both sides name parties, none in common
	// roleConflict: parties in common, but the actors named in some role
	// differ however the roles are read (A→B against A→C).
	roleConflict bool
}

// actorFit compares the parties the two events name, whatever their
// roles: outlets and the extractor disagree about roles far more than
// about who was there (who attacked whom in a battle, the victims' side
// named as a party). One side naming nobody is compatible; overlapping
// parties are, with a higher score when the roles agree too; parties with
// nothing in common are a conflict, which judge weighs against the place.
// Civilians, protesters and unidentified gunmen identify nobody and count
// neither way.
func actorFit(c, e *event.Event) (actorMatch, bool) {
	// On the stack: the store calls this for every candidate cluster.
	var cbuf, ebuf [8]string
	ca1, ea1 := c.Actor1, e.Actor1
	if guessedDoers(c, e) {
		ca1, ea1 = nil, nil
	}
	cs, es := parties(c, ca1, cbuf[:0]), parties(e, ea1, ebuf[:0])
	common := 0
	for _, id := range cs {
		if slices.Contains(es, id) {
			common++
		}
	}
	if len(cs) > 0 && len(es) > 0 && common == 0 {
		return actorMatch{conflict: true}, true
	}
	m, ok := rolesFit(ca1, c.AssocActor1, c.Actor2, c.AssocActor2, ea1, e.AssocActor1, e.Actor2, e.AssocActor2)
	if c.EventType == event.Battles {
		sw, swok := rolesFit(ca1, c.AssocActor1, c.Actor2, c.AssocActor2, e.Actor2, e.AssocActor2, ea1, e.AssocActor1)
		if swok && (!ok || sw.score > m.score) {
			m, ok = sw, true
		}
	}
	if !ok {
		m = actorMatch{score: 0.25, roleConflict: true}
	}
	m.named = common
	return m, true
}

// guessedDoers: one event's doer is only suspected («غارة يرجح أنها
// روسية») and the other's is a state: one outlet's guess at who struck
// does not part its report from another's that names, or leaves the
// extractor to infer, the state that fights there; their doers are
// compared as unknown.
func guessedDoers(c, e *event.Event) bool {
	state := func(a *event.Actor) bool { return a != nil && strings.HasPrefix(a.ID, "STATE:") }
	return (c.Certainty == event.Suspected || e.Certainty == event.Suspected) && state(c.Actor1) && state(e.Actor1)
}

// parties appends to dst the ids of the actors an event names that
// identify a party, each once, actor1 as given.
func parties(e *event.Event, actor1 *event.Actor, dst []string) []string {
	dst = addParty(dst, actor1)
	dst = addParty(dst, e.Actor2)
	dst = addParty(dst, e.ClaimedBy)
	for i := range e.AssocActor1 {
		dst = addParty(dst, &e.AssocActor1[i])
	}
	for i := range e.AssocActor2 {
		dst = addParty(dst, &e.AssocActor2[i])
	}
	return dst
}

func addParty(dst []string, a *event.Actor) []string {
	if !known(a) || a.ID == "CIVILIANS" || a.ID == "PROTESTERS" || slices.Contains(dst, a.ID) {
		return dst
	}
	return append(dst, a.ID)
}

func rolesFit(a1 *event.Actor, as1 []event.Actor, a2 *event.Actor, as2 []event.Actor,
	b1 *event.Actor, bs1 []event.Actor, b2 *event.Actor, bs2 []event.Actor) (actorMatch, bool) {
	var m actorMatch
	for _, r := range []struct {
		a, b   *event.Actor
		as, bs []event.Actor
	}{{a1, b1, as1, bs1}, {a2, b2, as2, bs2}} {
		switch roleFit(r.a, r.as, r.b, r.bs) {
		case same:
			m.score += 0.5
			m.named++
		case unknown:
			m.score += 0.25
		case conflict:
			return m, false
		}
	}
	return m, true
}

type fit int

const (
	conflict fit = iota
	unknown
	same
)

func roleFit(a *event.Actor, as []event.Actor, b *event.Actor, bs []event.Actor) fit {
	if !known(a) || !known(b) {
		return unknown
	}
	if a.ID == b.ID || hasActor(as, b.ID) || hasActor(bs, a.ID) {
		return same
	}
	return conflict
}

func known(a *event.Actor) bool { return a != nil && a.ID != "" && a.ID != "UNIDENTIFIED" }

func hasActor(list []event.Actor, id string) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

// Place agreement levels, from none to the same spot.
const (
	placeUnknown = iota // one side or both have no location
	placeCountry
	placeFar // one province, but further apart than one place named two ways
	placeAdmin1
	placeAdmin2
	placeNear
)

type placeMatch struct {
	score float64
	level int
	// namesake: the level rests on reading a province's name as its seat
	// or the other way round (provinces.go), which judge allows only for
	// reports of one given day; without it, the places would have been
	// fallback (level placeUnknown and score 0 when apart).
	namesake bool
	fallback struct {
		score float64
		level int
		ok    bool
	}
}

// withFallback marks m as resting on a province's name, with what the
// places give without that reading.
func (m placeMatch) withFallback(f placeMatch, ok bool) placeMatch {
	m.namesake = true
	m.fallback.score, m.fallback.level, m.fallback.ok = f.score, f.level, ok
	return m
}

// Distances in km. NearKm: two named places this close are one
// occurrence's place as different outlets name it (a village and the town
// next to it). VagueKm: a vague location («ريف», «قرب») is coded to a
// representative point that can lie this far from the spot itself.
const (
	nearKm  = 10
	vagueKm = 30
	farKm   = 50
)

// placeFit: two precise places must be within nearKm; when one is vague
// (geo_precision 2 or 3) the precise one must lie in its admin2 (precision
// 2) or admin1 (precision 3), or near its representative point.
func placeFit(a, b *event.Location) (placeMatch, bool) {
	if a == nil || b == nil || countryOnly(a) || countryOnly(b) {
		// A bare country is as often a dateline, an agency or an actor's
		// homeland as the place of the event: it says nothing either way.
		return placeMatch{score: 0.3, level: placeUnknown}, true
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return placeMatch{}, false
	}
	if a.PlaceID != "" && a.PlaceID == b.PlaceID {
		return placeMatch{score: 1, level: placeNear}, true
	}
	km := distanceKm(a, b)
	vague := max(precision(a), precision(b))
	// Further apart than that, but in one province and within farKm, the
	// places may still be one occurrence's, named by one outlet at the
	// town and by another at the front or the district next to it
	// (al-Mayadin and Deir ez-Zor, Beit al-Faqih and Hays), or across
	// the border of the next province (Douma and Damascus): judge asks
	// for repeated evidence then.
	far := func() (placeMatch, bool) {
		m, ok := placeMatch{}, false
		if km <= farKm && (a.Admin1Code != "" || a.Admin1 != "") && (sameAdmin1(a, b) || provincesTouch(a, b)) {
			m, ok = placeMatch{score: 0.2, level: placeFar}, true
		}
		if seatAsProvince(a, b) {
			// «حمص» read as the city may have meant the province, where
			// the other place lies: they agree to the province.
			return placeMatch{score: 0.45, level: placeAdmin1}.withFallback(m, ok), true
		}
		return m, ok
	}
	if vague <= 1 {
		if km <= nearKm {
			return placeMatch{score: 1 - 0.3*km/nearKm, level: placeNear}, true
		}
		return far()
	}
	if km <= vagueKm && vague == 2 {
		return placeMatch{score: 0.8 - 0.2*km/vagueKm, level: placeAdmin2}, true
	}
	switch {
	case vague == 2 && a.Admin2 != "" && b.Admin2 != "":
		if a.Admin2 == b.Admin2 && sameAdmin1(a, b) {
			return placeMatch{score: 0.6, level: placeAdmin2}, true
		}
		if m, ok := far(); ok || !districtsTouch(a, b) {
			return m, ok
		}
		// A district named for an occurrence next to its border, and a
		// spot across it: the district's point is its centre, so the
		// distance says nothing, and only repeated evidence joins them.
		return placeMatch{score: 0.2, level: placeFar}, true
	case a.Admin1Code != "" && b.Admin1Code != "" || a.Admin1 != "" && b.Admin1 != "":
		if provinceAndSeat(a, b) {
			// One word («أربيل») read as the province by one report and as
			// its seat by the other: as close as a vague place and a spot
			// in its district.
			return placeMatch{score: 0.6, level: placeAdmin2}.withFallback(placeMatch{score: 0.45, level: placeAdmin1}, true), true
		}
		if sameAdmin1(a, b) {
			return placeMatch{score: 0.45, level: placeAdmin1}, true
		}
		if provincesTouch(a, b) {
			// A province, or a region filed under one («شمال العراق»),
			// against a place in the province next to it: only repeated
			// evidence joins them.
			return placeMatch{score: 0.2, level: placeFar}, true
		}
		return placeMatch{}, false
	case a.Country != "" && a.Country == b.Country:
		return placeMatch{score: 0.3, level: placeCountry}, true
	}
	return placeMatch{}, false
}

func countryOnly(l *event.Location) bool {
	return precision(l) == 3 && l.Admin1 == "" && l.Admin1Code == ""
}

func precision(l *event.Location) int {
	if l.GeoPrecision < 1 {
		return 3
	}
	return l.GeoPrecision
}

func sameAdmin1(a, b *event.Location) bool {
	if a.Admin1Code != "" && b.Admin1Code != "" {
		return a.Admin1Code == b.Admin1Code
	}
	return a.Admin1 == b.Admin1
}

func distanceKm(a, b *event.Location) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Sqrt(h))
}

// dateFit: the two intervals must overlap. The tighter the overlap, the
// better: two reports of the same day fit fully, a week-long default
// interval barely. An event without a date (its document had no
// publication date) matches nothing: the store preselects clusters by date
// and would never offer it one, and Cluster must do as the store does.
func dateFit(a, b *event.Date) (float64, bool) {
	if a == nil || b == nil {
		return 0, false
	}
	as, ae, ok1 := interval(a)
	bs, be, ok2 := interval(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	lo, hi := max(as, bs), min(ae, be)
	if lo > hi {
		return 0, false
	}
	return float64(hi-lo+1) / float64(max(ae, be)-min(as, bs)+1), true
}

// interval is the span of days an event's date allows for matching. A date
// the text does not state (SCHEMA.md's publication-date default, a week up
// to the publication day) is read as the publication day or the day
// before: a news report that gives no day reports the latest, and a
// week-wide interval would join it to every like event of that week.
//
// A single day whose text names a weekday that falls one or two days
// before it («اليوم السبت» resolved to a Sunday, «أمس الثلاثاء» to a
// Wednesday) is read as that weekday: the day was counted from a
// publication stamp taken after midnight, or a day later than the text was
// written, and the weekday is what the reporter wrote. Of the 4,800 days
// of the bench articles' events whose text names a weekday, 16 fall on
// another; half are such. A day written in figures («السبت 24 شباط»)
// decides itself, and a weekday after the day resolved is left alone.
func interval(d *event.Date) (start, end int64, ok bool) {
	start, end, ok = dateRange(d)
	if ok && d.Text == "" {
		start = max(start, end-1)
	}
	if ok && start == end {
		if w, named := namedWeekday(d.Text); named {
			// 1970-01-01, day 0, was a Thursday (4; Sunday is 0).
			today := int((start%7 + 7 + 4) % 7)
			if back := int64((today - w + 7) % 7); back == 1 || back == 2 {
				start -= back
				end = start
			}
		}
	}
	return start, end, ok
}

// weekdayNames are the lexicon's names of the days (weekdays.tsv),
// normalised as a date's text is before they are looked for in it.
var weekdayNames = sync.OnceValue(func() []lexicon.WeekdayName {
	names, err := lexicon.WeekdayNames()
	if err != nil {
		// The table is embedded and its tests read it: an error here is
		// a broken build, not something a user can cause.
		panic("dedup: " + err.Error())
	}
	for i := range names {
		names[i].Name = text.NormalizeString(names[i].Name)
	}
	return names
})

// namedWeekday is the weekday (0 for Sunday) a date's text names, when it
// names one and writes no figure.
func namedWeekday(t string) (int, bool) {
	if t == "" {
		return 0, false
	}
	for _, r := range t {
		if unicode.IsDigit(r) {
			return 0, false
		}
	}
	t = text.NormalizeString(t)
	for _, n := range weekdayNames() {
		if strings.Contains(t, n.Name) {
			return int(n.Weekday), true
		}
	}
	return 0, false
}

// parseDay reads YYYY-MM-DD as days since 1970-01-01, refusing what
// time.Parse refuses (a 13th month, a 30 February). The matcher reads
// every candidate's dates and its sources' publication days, and
// time.Parse was a tenth of an ingest's cluster assignment.
func parseDay(s string) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(t string) (int, bool) {
		n := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	// Days from the civil date (Howard Hinnant's algorithm).
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
