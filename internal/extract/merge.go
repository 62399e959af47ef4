package extract

import (
	"math"
	"slices"
	"strings"

	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/gazetteer"
	"rasd/internal/text"
)

// merge folds frames that report the same occurrence into one, keeping
// every evidence span: news repeats its main event in the headline, the
// lead and the body («الهجوم» referring back, a toll given later), and an
// ACLED coder writes one record for it. Frames merge unless something tells
// them apart: another place, another day, other actors, a cue that says
// «another» («هجوم آخر»), or a different kind of event.
//
// Each frame joins the most recent compatible event: a reference back
// («الهجوم») nearly always means the last one told.
func merge(frames []*frame) []*frame {
	var out []*frame
	for _, f := range frames {
		target := -1
		for k := len(out) - 1; k >= max(0, len(out)-mergeLookBack); k-- {
			if compatible(out[k], f) {
				target = k
				break
			}
		}
		// «وقالت المصادر إن الضربات الجوية طالت …» points back to the
		// strike told, not to the attack told after it.
		if target >= 0 && f.anaphoric && (out[target].typ != f.typ || out[target].sub != f.sub) {
			for k := target - 1; k >= max(0, len(out)-mergeLookBack); k-- {
				if out[k].typ == f.typ && out[k].sub == f.sub && compatible(out[k], f) {
					target = k
					break
				}
			}
		}
		if target < 0 {
			inheritDoer(out, f)
			inheritAdded(out, f)
			out = append(out, f)
			continue
		}
		hadToll := out[target].fat != nil
		absorb(out[target], f)
		if t := out[target]; t.list != 0 && !hadToll && f.fat != nil && f.list != t.list {
			shareToll(out, t.list, f.fat)
		}
	}
	return out
}

// shareToll: a toll told after a strike on a list of places («قصفت
// الطائرات بلدتي X وY، ما أسفر عن مقتل أربعة») is the list's, split evenly
// among the places that have none of their own, the first taking the
// remainder (ANNOTATION.md), not all of it the last place's.
func shareToll(out []*frame, list int, toll *fatalities) {
	var sibs []*frame
	for _, g := range out {
		if g.list == list && (g.fat == nil || g.fat == toll) {
			sibs = append(sibs, g)
		}
	}
	if len(sibs) < 2 {
		return
	}
	for k, g := range sibs {
		g.fat = toll.split(len(sibs), k)
		g.rule("a share of the toll told after the list")
	}
}

// inheritDoer: a reference back that stays an event of its own («وأسفرت
// الغارات عن …» at another place than the strikes told) names by its
// article the strikes told just before, and so their doer.
func inheritDoer(out []*frame, f *frame) {
	if !f.anaphoric || f.actor1 != nil || !violent(f.typ) {
		return
	}
	for k := len(out) - 1; k >= max(0, len(out)-mergeLookBack); k-- {
		g := out[k]
		if f.sent-g.lastSent > maxMergeGap {
			return
		}
		if g.typ != f.typ || g.sub != f.sub || g.background != f.background {
			continue
		}
		if g.actor1 == nil || (f.actor2 != nil && g.actor1.Actor.ID == f.actor2.Actor.ID) {
			return
		}
		f.actor1 = g.actor1
		f.rule("actor1 from the event the reference back names «" + g.actor1.Span.Text + "»")
		return
	}
}

// inheritAdded: a clause that adds an occurrence at a place of its own
// («شن الاحتلال غارات على …، كما استهدف منزلا في …») with a generic cue and
// no doer is done by the side, and by the means, of the event told just
// before it.
func inheritAdded(out []*frame, f *frame) {
	if !f.also || len(out) == 0 {
		return
	}
	g := out[len(out)-1]
	if f.sent-g.lastSent > 1 || !violent(g.typ) || !violent(f.typ) || g.background != f.background {
		return
	}
	// Strikes added to fighting («كما طالت الغارات …») are another side's.
	if !f.generic() && f.sub != g.sub {
		return
	}
	if f.actor1 == nil && g.actor1 != nil && (f.actor2 == nil || f.actor2.Actor.VocabID() != g.actor1.Actor.VocabID()) {
		f.actor1 = g.actor1
		f.rule("actor1 from the event it adds to «" + g.actor1.Span.Text + "»")
	}
	if f.generic() && !g.generic() {
		f.class, f.cc, f.typ, f.sub, f.priority = g.class, g.cc, g.typ, g.sub, g.priority
		f.rule("the means of the event it adds to: " + g.sub)
	}
}

// mergeLookBack is how many events told before a frame it may join. A real
// article tells far fewer; the bound keeps a text of thousands of cues from
// costing the square of their number.
const mergeLookBack = 64

// maxEvidence is how many evidence spans an event keeps: enough for any
// occurrence an article tells, and a bound on what a text that repeats one
// cue thousands of times can pile onto one event.
const maxEvidence = 32

// maxMergeGap is how many sentences may part two mentions of one event
// that do not refer back to it.
const maxMergeGap = 5

func compatible(g, f *frame) bool {
	if outside(g, f) || outside(f, g) || (g.list != 0 && g.list == f.list) || g.background != f.background || f.another || (f.shift && !f.demonstrative) {
		return false
	}
	// A new cue over a list of places («قصفت الطائرات بلدات X وY وZ»)
	// tells a strike at each; one of them is not an earlier
	// sentence's event at the same town told again.
	if f.list != 0 && !f.anaphoric && f.sent != g.lastSent && f.sent != g.sent {
		return false
	}
	// Many occurrences and one stay apart; a reference back («الاحتجاجات»)
	// may name the many told.
	if g.aggregate != f.aggregate && !(g.aggregate && f.anaphoric && g.typ == f.typ && g.sub == f.sub) {
		return false
	}
	if !typesCompatible(g, f) {
		return false
	}
	// «قتل 12 من قوات النظام في المعارك، فيما قتل 8 من مسلحي التنظيم»:
	// each side's dead, told one after the other, are one battle's.
	if otherSidesToll(g, f) && f.sent-g.lastSent <= 1 && placesCompatible(g, f) && datesCompatible(g, f) {
		return true
	}
	// Two kinds of strike at two places named each are two occurrences
	// («غارات على بيت حانون … ومدفعية تقصف شرقي دير البلح»), however near.
	if g.sub != f.sub && !f.anaphoric && !f.typeless() && !g.typeless() && !f.generic() && !g.generic() &&
		g.place != nil && f.place != nil && !g.focusPlace && !f.focusPlace && g.place.Place.ID != f.place.Place.ID &&
		!vague(g.place, g.precision) && !vague(f.place, f.precision) {
		return false
	}
	// «هذه المعارك» is the fighting just told, whatever else differs.
	if f.demonstrative && violent(g.typ) && violent(f.typ) {
		return true
	}
	// A reference back («خلال إحباط الهجوم») may name the other side.
	if (!f.anaphoric && !actorsCompatible(g, f)) || !placesCompatible(g, f) || !datesCompatible(g, f) {
		return false
	}
	// Two exact tolls in one sentence are two events («قتل 5 في X و3 في Y»).
	if g.fat != nil && f.fat != nil && !g.fat.approx && !f.fat.approx && g.fat.count != f.fat.count && g.sent == f.sent {
		return false
	}
	// A toll at a place named with it, other than the event's («قتل 6 في
	// حي X … وقتل 4 آخرون في حي Y»), is another strike's, however near.
	if f.fat != nil && !f.fat.approx && !f.anaphoric && g.place != nil && f.place != nil && !g.focusPlace && !f.focusPlace &&
		(distinctNamedPlaces(g, f) && g.fat == nil || g.fat != nil && !g.fat.approx && g.fat.count != f.fat.count && !samePlaceID(g, f) &&
			!vague(g.place, g.precision) && !vague(f.place, f.precision)) {
		return false
	}
	// «… غارات على بيت حانون، كما استهدف منزلا في بيت لاهيا»: what a
	// clause adds at a place of its own is another strike.
	if f.also && distinctNamedPlaces(g, f) {
		return false
	}
	// Far from the event's last mention, only a reference back joins it.
	if f.sent-g.lastSent > maxMergeGap && !f.anaphoric {
		return false
	}
	// A frame that names no actor and no place says too little to be tied
	// to an event told far earlier.
	if f.actor1 == nil && f.actor2 == nil && f.place == nil && f.sent-g.lastSent > 2 && !f.anaphoric {
		return false
	}
	return true
}

// outside: f was told only of whole countries and g is placed in none of
// them (g.abroad tells g's own countries when it has no place).
func outside(f, g *frame) bool {
	if f.abroad == nil {
		return false
	}
	if g.place != nil {
		return !slices.Contains(f.abroad, g.place.Place.Country)
	}
	return g.abroad != nil && !slices.ContainsFunc(g.abroad, func(c string) bool { return slices.Contains(f.abroad, c) })
}

// typesCompatible: the same type and sub-type; or two violent events of
// which one is told only generically («مقتل», «الهجوم»); or, in adjacent
// sentences or by a reference back, two violent cues of one type or a
// territorial one. A clash and a bombardment told side by side («اشتباكات
// … بالتزامن مع قصف مدفعي») are two events, as ACLED codes them.
func typesCompatible(g, f *frame) bool {
	if g.typ == f.typ && g.sub == f.sub {
		return true
	}
	// «شهدت القاعدة عمليات استنفار» while it was attacked: a force's
	// alert during an attack told is part of it (ANNOTATION.md).
	if (f.class == "mobilisation" || f.class == "emergency") && alert(f) && violent(g.typ) && samePlaceID(g, f) {
		return true
	}
	// «سيطر المسلحون على المنطقة … وأحرقوا بعد ذلك مقر حاكمها»: what the
	// same side burned or wrecked right after an attack told is part of it.
	if (f.class == "arson" || f.class == "destruction") && violent(g.typ) && f.sent-g.lastSent <= 1 &&
		f.actor1 != nil && g.actor1 != nil && f.actor1.Actor.VocabID() == g.actor1.Actor.VocabID() {
		return true
	}
	if !violent(g.typ) || !violent(f.typ) {
		// Strategic developments keep their sub-types apart, but a toll
		// may still add to one of them.
		return g.typ == f.typ && (f.typeless() || g.typeless())
	}
	if f.typeless() || g.typeless() || f.anaphoric {
		return true
	}
	// A generic attack is the battle or the bombing of the same type.
	if g.typ == f.typ && (f.generic() || g.generic()) {
		return true
	}
	return f.sent-g.lastSent <= 1 && (f.typ == g.typ || f.territorial() || g.territorial() ||
		f.generic() || g.generic())
}

// The merge reads the cue's flags of cue-classes.tsv.
func (f *frame) typeless() bool    { return f.cc.has("typeless") }
func (f *frame) generic() bool     { return f.cc.has("generic") || f.cc.has("typeless") }
func (f *frame) territorial() bool { return f.cc.has("territorial") }

// frameActors are the explicit armed actors of a frame.
func frameActors(f *frame) []*actors.Actor {
	var out []*actors.Actor
	for _, m := range []*actors.Mention{f.actor1, f.actor2} {
		// The unidentified and the civilians hit say nothing of which
		// armed sides an occurrence had.
		if m != nil && m.Actor.VocabID() != "UNIDENTIFIED" && !isCivilians(m) {
			out = append(out, m.Actor)
		}
	}
	for _, m := range f.assoc1 {
		out = append(out, m.Actor)
	}
	for _, m := range f.assoc2 {
		out = append(out, m.Actor)
	}
	return out
}

// turnedOn: f's attacker is none of g's actors and attacks g's attacker by
// other means (an air strike on those who attacked on the ground). Within
// one type, roles are too often misread to keep reports apart on them.
func turnedOn(g, f *frame, gActors []*actors.Actor) bool {
	if g.typ == f.typ || !armedSide(f.actor1) || !armedSide(f.actor2) || !armedSide(g.actor1) {
		return false
	}
	return !among(f.actor1.Actor, gActors) && among(g.actor1.Actor, []*actors.Actor{f.actor2.Actor})
}

func armedSide(m *actors.Mention) bool {
	return m != nil && m.Actor.VocabID() != "UNIDENTIFIED" && !isCivilians(m)
}

// among: x is, or is allied with, one of the actors.
func among(x *actors.Actor, in []*actors.Actor) bool {
	for _, y := range in {
		if x.VocabID() == y.VocabID() || x.Allied(y) {
			return true
		}
	}
	return false
}

// actorsCompatible: the frames share an actor or allies of one camp, or
// one names none. Roles are not compared: the same two sides are often
// told in either order.
func actorsCompatible(g, f *frame) bool {
	// Civilians killed and fighters fought are two occurrences.
	if isCivilians(g.actor2) != isCivilians(f.actor2) && g.actor2 != nil && f.actor2 != nil {
		return false
	}
	a, b := frameActors(g), frameActors(f)
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	if turnedOn(g, f, a) || turnedOn(f, g, b) {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if x.VocabID() == y.VocabID() || x.Allied(y) {
				return true
			}
		}
	}
	return false
}

// vague places stand for a whole governorate or region: a frame there may
// be the same occurrence as one at any place inside it.
func vague(p *gazetteer.Mention, precision int) bool {
	if p == nil {
		return true
	}
	switch p.Place.Kind {
	case "region", "country":
		return true
	}
	return precision >= 3 || (p.Place.Capital() && p.Cue == "") || countrysideCue(p.Cue)
}

func countrysideCue(cue string) bool {
	c := strings.TrimPrefix(strings.TrimPrefix(cue, "و"), "ب")
	return c == "ريف" || c == "بادية" || c == "أرياف" || c == "ريفي"
}

// Two named places this close may be one site told two ways; a vicinity
// («قرب X», «شرقي X») reaches about this much further from its place.
const (
	sameEventDistanceKm = 15.0
	vicinityDistanceKm  = 10.0
)

func placesCompatible(g, f *frame) bool {
	if g.place == nil || f.place == nil || g.focusPlace || f.focusPlace {
		return true
	}
	gp, fp := g.place.Place, f.place.Place
	if gp.ID == fp.ID {
		return true
	}
	// A wide region («شمال العراق», «البادية السورية») spans governorates.
	if wideRegion(gp) || wideRegion(fp) {
		return gp.Country == fp.Country
	}
	if gp.Admin1Code != "" && fp.Admin1Code != "" && gp.Admin1Code != fp.Admin1Code {
		return false
	}
	for _, m := range g.places {
		if m.Place.ID == fp.ID {
			return true
		}
	}
	// A vague place, or a reference back that says where «the attack»
	// happened, may stand for any place of the governorate; not a
	// reference back that lists places of its own («وأسفرت الغارات عن
	// … في مديريتي X وY»), one event each.
	if vague(g.place, g.precision) || vague(f.place, f.precision) || (f.anaphoric && f.list == 0) {
		// A region that lies in one district («شمال قطاع غزة») stands for
		// places of that district only.
		if districtRegion(gp, fp) || districtRegion(fp, gp) {
			return false
		}
		return gp.Country == fp.Country
	}
	limit := sameEventDistanceKm
	if g.precision > 1 {
		limit += vicinityDistanceKm
	}
	if f.precision > 1 {
		limit += vicinityDistanceKm
	}
	return distanceKm(gp.Lat, gp.Lon, fp.Lat, fp.Lon) <= limit
}

// alert says whether a mobilisation cue is a force's alert («استنفار»,
// «تأهب») rather than reinforcements sent or fighters called up, which are
// events of their own.
func alert(f *frame) bool {
	t := f.trig.Span.Text
	return strings.Contains(t, "استنفار") || strings.Contains(t, "استنفر") || strings.Contains(t, "تأهب")
}

// samePlaceID: f is placed at g's place or at one g has absorbed.
func samePlaceID(g, f *frame) bool {
	if g.place == nil || f.place == nil {
		return false
	}
	for _, m := range append([]*gazetteer.Mention{g.place}, g.places...) {
		if m.Place.ID == f.place.Place.ID {
			return true
		}
	}
	return false
}

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// datesCompatible: the intervals the texts allow overlap. A date that only
// says when something was reported does not part two frames.
func datesCompatible(g, f *frame) bool {
	if g.date == nil || f.date == nil || g.reportDate || f.reportDate {
		return true
	}
	return !f.date.Start.After(g.date.End) && !g.date.Start.After(f.date.End)
}

// otherSidesToll: g is a battle whose dead are one armed side's, and f
// tells an exact toll of the other side's, neither naming a doer that
// contradicts that.
func otherSidesToll(g, f *frame) bool {
	// The other side's dead are told with no means of their own
	// («فيما قتل 8 من مسلحي التنظيم») in the same sentence, or by a
	// reference back to the fighting («في المعارك ذاتها»); an ambush or
	// a strike of its own is another event.
	if g.typ != event.Battles || g.sub != "Armed clash" || !(f.typeless() && f.sent == g.lastSent || f.anaphoric && f.typ == event.Battles) {
		return false
	}
	if g.fat == nil || f.fat == nil || g.fat.approx || f.fat.approx || g.actor2 == nil || f.actor2 == nil {
		return false
	}
	a, b := g.actor2.Actor.VocabID(), f.actor2.Actor.VocabID()
	if a == b || !armed(g.actor2) || !armed(f.actor2) {
		return false
	}
	return (g.actor1 == nil || g.actor1.Actor.VocabID() == b) && (f.actor1 == nil || f.actor1.Actor.VocabID() == a)
}

func absorb(g, f *frame) {
	if otherSidesToll(g, f) {
		// The other side's dead: it is the battle's other side, and the
		// battle's toll is both sides' (ANNOTATION.md).
		if g.actor1 == nil {
			g.actor1 = f.actor2
		}
		sum := *g.fat
		n := g.fat.count + f.fat.count
		sum.count, sum.min, sum.max, sum.weak = n, n, 0, g.fat.weak && f.fat.weak
		g.fat = &sum
		g.rules = append(g.rules, "the other side's dead added: «"+clipRunes(f.fat.span.Text, 40)+"»")
		f = withoutToll(f)
	}
	for _, sp := range f.evidence {
		i, dup := slices.BinarySearchFunc(g.evidence, sp.Start, func(e text.Span, start int) int { return e.Start - start })
		if !dup && len(g.evidence) < maxEvidence {
			g.evidence = slices.Insert(g.evidence, i, sp)
		}
	}
	g.lastSent = max(g.lastSent, f.sent)
	g.onlyToMerge = g.onlyToMerge && f.onlyToMerge
	if g.actor1 == nil && f.actor1 != nil && !g.speakerActs && (g.actor2 == nil || g.actor2.Actor.VocabID() != f.actor1.Actor.VocabID()) {
		g.actor1 = f.actor1
	}
	if g.actor2 == nil && f.actor2 != nil && (g.actor1 == nil || g.actor1.Actor.VocabID() != f.actor2.Actor.VocabID()) {
		g.actor2 = f.actor2
	}
	if g.speaker == nil {
		g.speaker = f.speaker
	}
	// A joint force goes with the side of its camp: a report that named
	// only the attacked may carry its partner.
	for k, m := range append(append([]*actors.Mention(nil), f.assoc1...), f.assoc2...) {
		toSecond := k >= len(f.assoc1)
		switch {
		case sideOf(m, g.actor2) && !sideOf(m, g.actor1):
			toSecond = true
		case sideOf(m, g.actor1) && !sideOf(m, g.actor2):
			toSecond = false
		}
		switch {
		case toSecond && g.actor2 != nil:
			g.assoc2 = appendActor(g.assoc2, m, g.actor2)
		case !toSecond && g.actor1 != nil:
			g.assoc1 = appendActor(g.assoc1, m, g.actor1)
		}
	}
	// The more precise place and date win.
	if f.place != nil {
		g.places = append(g.places, f.place)
		clauseOverLoose := g.loosePlace && !f.loosePlace && !f.focusPlace
		looseOverClause := f.loosePlace && !g.loosePlace && !g.focusPlace
		if g.place == nil || clauseOverLoose || !looseOverClause && ((g.focusPlace && !f.focusPlace) || f.precision < g.precision || (f.precision == g.precision && vague(g.place, g.precision) && !vague(f.place, f.precision))) {
			g.place, g.precision, g.focusPlace, g.loosePlace = f.place, f.precision, f.focusPlace, f.loosePlace
		}
	}
	if f.date != nil && (g.date == nil || (g.reportDate && !f.reportDate) || (g.reportDate == f.reportDate && f.date.Precision < g.date.Precision)) {
		g.date, g.reportDate = f.date, f.reportDate
	}
	// ACLED's conservative count: an exact figure beats a vague one, and of
	// two figures the lower is kept, the higher is the max.
	switch {
	case g.fat == nil:
		g.fat = f.fat
	case f.fat == nil:
	case f.fat.weak && !g.fat.weak:
	case g.fat.weak && !f.fat.weak:
		g.fat = f.fat
	case g.fat.approx && !f.fat.approx:
		g.fat = f.fat
	case !g.fat.approx && !f.fat.approx && f.fat.count != g.fat.count:
		hi := max(f.fat.count, g.fat.count, g.fat.max)
		if f.fat.count < g.fat.count {
			c := *f.fat
			g.fat = &c
		}
		g.fat.max = hi
	}
	if g.certainty == event.Reported && f.certainty != event.Reported {
		g.certainty, g.claimedBy = f.certainty, f.claimedBy
	}
	g.aggregate = g.aggregate || f.aggregate
	g.fighting = g.fighting || f.fighting
	// Fighting told in a later sentence that names no side and no toll
	// («وتحتدم المعارك وسط تحذيرات …») is the story's setting: it joins
	// the event but does not make a strike told with its sides a battle.
	setting := f.class == "clash" && f.actor1 == nil && f.actor2 == nil && f.fat == nil && f.sent > g.sent &&
		(g.actor1 != nil || g.actor2 != nil)
	// «قتل ثلاثة متظاهرين برصاص الجيش» then «وتجمع آلاف المتظاهرين»: the
	// force used on a protest names it, not the gathering.
	moreForce := g.typ == event.Protests && f.typ == event.Protests && protestForce(g.sub) > protestForce(f.sub)
	if typeRank(f) > typeRank(g) && (violent(f.typ) || !violent(g.typ)) && !setting && !moreForce {
		g.class, g.cc, g.trig, g.typ, g.sub, g.cue, g.priority = f.class, f.cc, f.trig, f.typ, f.sub, f.cue, f.priority
	}
	if g.merges++; g.merges <= maxEvidence {
		g.rules = append(g.rules, "merged with the event of sentence «"+clipRunes(f.evidence[0].Text, 40)+"»")
	}
}

// protestForce ranks the sub-types of Protests by the force used on the
// protesters: none, intervention, excessive force.
func protestForce(sub string) int {
	return slices.Index(event.SubTypes[event.Protests], sub)
}

// typeRank decides the type of a merged event: taking ground names it
// first, then fighting, then the means of violence, then a generic cue
// (ANNOTATION.md: a car bomb followed by an assault is a battle; a suicide
// bombing alone is a suicide bomb).
func typeRank(f *frame) int {
	switch {
	case f.territorial() && f.typ == event.Battles && f.sub != "Armed clash":
		return 300
	case f.class == "clash":
		return 200
	case f.generic():
		return f.priority
	}
	return 100 + f.priority
}

func clipRunes(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// districtRegion: r is a region of one district and p lies in another.
func districtRegion(r, p *gazetteer.Place) bool {
	return r.Kind == "region" && r.Admin2 != "" && p.Admin2 != "" && r.Admin2 != p.Admin2
}

// wideRegion: one of rasd's own regions wider than a governorate.
func wideRegion(p *gazetteer.Place) bool {
	return strings.HasPrefix(p.ID, "rasd:") && p.Kind == "region" && p.GeoPrecision >= 3
}

// distinctNamedPlaces: g and f are each placed at a place of its own, named
// in the text and of one kind (two quarters, two towns), so that neither
// can be the other or hold it, as a city holds its quarters.
func distinctNamedPlaces(g, f *frame) bool {
	if g.place == nil || f.place == nil || g.focusPlace || f.focusPlace || samePlaceID(g, f) {
		return false
	}
	if vague(g.place, g.precision) || vague(f.place, f.precision) {
		return false
	}
	if g.place.Place.Kind == f.place.Place.Kind {
		return true
	}
	// A neighbourhood of a town and a camp or a village beyond it are two
	// places; a town and a quarter inside it may be one named twice.
	gp, fp := g.place.Place, f.place.Place
	return distanceKm(gp.Lat, gp.Lon, fp.Lat, fp.Lon) > apartPlacesKm
}

// apartPlacesKm is how far apart two places of different kinds must lie for
// a clause that adds an occurrence («كما …») to be at another place.
const apartPlacesKm = 5

// withoutToll is a copy of f whose toll has been counted already.
func withoutToll(f *frame) *frame {
	c := *f
	c.fat = nil
	return &c
}
