package gazetteer

import (
	"math"
	"strconv"
	"strings"

	"rasd/internal/text"
)

// relation is what the words between two place mentions say about the
// first: «X شمالي مدينة Y» and «X قرب Y» put X near Y; «X في Y»,
// «X بمحافظة Y», «X التابعة لقضاء Y» and «X وسط Y» put it inside Y.
type relation uint8

const (
	relNone relation = iota
	relNear
	relIn
)

// linkRadiusKM is how far from Y's point «X قرب Y», «X شمالي Y» or «X في
// Y» may put X when the text gives no distance: a district seat is rarely
// farther from the district's villages, and Y's neighbours in a direction
// lie well within it.
const linkRadiusKM = 60

// distanceSlackKM is added to a distance the text gives («40 كلم غرب
// الموصل»): journalists round, and WOF's points are not the towns' edges.
const distanceSlackKM = 20

// bearingToleranceDeg is how far the bearing from Y to a candidate for X
// may stray from the direction the text names and still fit it: one
// octant either way, since «شمال» is said of anything northward.
const bearingToleranceDeg = 67.5

// closeKM is the distance under which a bearing says nothing: WOF's points
// of two places that close are too rough for a direction.
const closeKM = 5

// link is a raw's relation to the mention after it.
type link struct {
	to      int // index of the raw it relates to, or -1
	rel     relation
	radius  float64 // km from the other place's point
	bearing float64 // the direction from the other place, in degrees, or -1
}

var noLink = link{to: -1, bearing: -1}

// Words after a place that introduce what it belongs to or where it lies:
// «القرية التابعة لناحية العلم», «البلدة الواقعة شرق تكريت».
var relationWords = map[string]bool{
	"التابعه": true, "التابع": true, "التابعتين": true, "التابعين": true,
	"الواقعه": true, "الواقع": true, "الواقعتين": true, "الواقعين": true,
}

// inWords stand between a place and the one it lies in: «X في Y».
var inWords = map[string]bool{"في": true, "ضمن": true, "داخل": true}

// afterRelationWords may follow a relation word: «التابعة إلى», «الواقعة في».
var afterRelationWords = map[string]bool{"في": true, "ضمن": true, "داخل": true, "الى": true, "ل": true}

var distanceUnits = map[string]bool{
	"كم": true, "كلم": true, "كيلو": true, "كيلومتر": true, "كيلومترا": true,
	"كيلومترات": true, "كيلومتراً": true,
}

// links finds, for each raw, the relation the text states to the next one
// in the sentence, if any.
func (g *Gazetteer) links(a *text.Analysis, raws []raw) []link {
	out := make([]link, len(raws))
	for i := range raws {
		out[i] = noLink
		if i+1 < len(raws) && raws[i+1].tok < raws[i].sentEnd {
			if l, ok := relate(a, &raws[i], &raws[i+1]); ok {
				l.to = i + 1
				out[i] = l
			}
		}
	}
	return out
}

// relate reads the words between x and the next mention y.
func relate(a *text.Analysis, x, y *raw) (link, bool) {
	l := link{rel: relNone, radius: linkRadiusKM, bearing: -1}
	var first *cue
	if len(y.cues) > 0 {
		first = y.cues[0]
	}
	located := first != nil && (first.role == roleDirection || first.role == roleVicinity)
	yTok := &a.Tokens[y.tok]
	shed := yTok.Start < y.start // a clitic before y's first word
	if shed && (strings.HasPrefix(yTok.Text, "و") || strings.HasPrefix(yTok.Text, "ف")) {
		return l, false // «X وY» is a list
	}
	gap := a.Tokens[x.tokEnd:y.tok]
	switch {
	case len(gap) == 0:
		switch {
		case located:
			l.rel = relNear
		case first != nil && first.role == roleCenter:
			l.rel = relIn
		case shed && strings.HasPrefix(yTok.Text, "ب"):
			l.rel = relIn // «X بمحافظة Y», «X ببعقوبة»
		}
	case len(gap) == 1 && (gap[0].Text == "،" || gap[0].Text == ","):
		if located {
			l.rel = relNear // «قرية X، جنوب Y»
		}
	case len(gap) == 1 && inWords[gap[0].Text]:
		l.rel = relIn
		if located {
			l.rel = relNear
		}
	case relationWords[gap[0].Text]:
		if len(gap) > 2 || (len(gap) == 2 && !afterRelationWords[gap[1].Text]) {
			return l, false
		}
		l.rel = relIn
		if located {
			l.rel = relNear
		}
	default:
		km, ok := distanceBefore(gap)
		if !ok || !located {
			return l, false
		}
		l.rel, l.radius = relNear, km+distanceSlackKM
	}
	if l.rel == relNone {
		return l, false
	}
	if l.rel == relNear && first.role == roleDirection {
		l.bearing = bearingOf(first.key)
	}
	return l, true
}

// distanceLead are the words that may come before a distance: «، على بعد
// نحو 10 كم» (normalised: «على» is «علي»).
var distanceLead = map[string]bool{"،": true, ",": true, "علي": true, "بعد": true, "نحو": true, "حوالي": true}

// distanceBefore reads «40 كلم» or «، على بعد 10 كم» (then a direction).
func distanceBefore(gap []text.Token) (float64, bool) {
	i := 0
	for i < len(gap) && distanceLead[gap[i].Text] {
		i++
	}
	if len(gap)-i != 2 || gap[i].Kind != text.Number || !distanceUnits[gap[i+1].Text] {
		return 0, false
	}
	km, err := strconv.ParseFloat(strings.ReplaceAll(gap[i].Text, ",", ""), 64)
	if err != nil || km <= 0 || km > 500 {
		return 0, false
	}
	return km, true
}

// bearingOf is the compass bearing a direction cue names («شمال غربي» is
// 315), or -1.
func bearingOf(key string) float64 {
	var north, east float64
	for w := range strings.FieldsSeq(key) {
		switch {
		case strings.HasPrefix(w, "شمال"):
			north++
		case strings.HasPrefix(w, "جنوب"):
			north--
		case strings.HasPrefix(w, "شرق"):
			east++
		case strings.HasPrefix(w, "غرب"):
			east--
		}
	}
	if north == 0 && east == 0 {
		return -1
	}
	b := math.Atan2(east, north) * 180 / math.Pi
	if b < 0 {
		b += 360
	}
	return b
}

// bearing is the initial compass bearing from a to b.
func bearing(a, b *Place) float64 {
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dlo := (b.Lon - a.Lon) * math.Pi / 180
	y := math.Sin(dlo) * math.Cos(la2)
	x := math.Cos(la1)*math.Sin(la2) - math.Sin(la1)*math.Cos(la2)*math.Cos(dlo)
	d := math.Atan2(y, x) * 180 / math.Pi
	if d < 0 {
		d += 360
	}
	return d
}

// fit is how well a candidate for X agrees with the place Y the text
// relates it to.
type fit uint8

const (
	fitNone   fit = iota // elsewhere
	fitAdmin1            // in Y's governorate, but farther than the link allows
	fitNear              // inside Y or near it, but off the direction named
	fitExact             // inside or near Y, in the direction named
)

// fitTo judges candidate c against y under link l. A governorate or a
// country holds what lies in it; a town or site holds what lies within the
// link's radius of its point.
func (g *Gazetteer) fitTo(c, y *Place, l link) fit {
	switch {
	case y.Kind == "country":
		if c.Country == y.Country {
			return fitExact
		}
		return fitNone
	case g.isGovernorate(y):
		if c.Admin1Code == y.Admin1Code {
			return fitExact
		}
		return fitNone
	}
	d := km(c, y)
	if d <= l.radius {
		if l.bearing < 0 || d < closeKM || angleBetween(bearing(y, c), l.bearing) <= bearingToleranceDeg {
			return fitExact
		}
		return fitNear
	}
	if c.Admin1Code != "" && c.Admin1Code == y.Admin1Code {
		return fitAdmin1
	}
	return fitNone
}

// Beyond these distances a candidate is taken to contradict the link, not
// merely to stretch it: news puts At Tanf «جنوب غربي البوكمال», 200 km
// away, and places a town in the governorate next to its own when it lies
// near the border.
const (
	contradictKM       = 150 // from a town's point, or in the direction named up to farDirectionKM
	farDirectionKM     = 300
	contradictAdmin1KM = 100 // from a governorate's representative point and its capital
)

// contradicts says whether candidate c cannot be what the text relates
// to y: in another country, far from a governorate it is said to be in,
// or far from a town and not in the direction named.
func (g *Gazetteer) contradicts(c, y *Place, l link) bool {
	switch {
	case y.Kind == "country":
		return c.Country != y.Country
	case g.isGovernorate(y):
		if c.Admin1Code == y.Admin1Code || km(c, y) <= contradictAdmin1KM {
			return false
		}
		// A large governorate's representative point lies in its desert.
		capital := g.capitals[y.Admin1Code]
		return capital == nil || km(c, capital) > contradictAdmin1KM
	}
	if g.fitTo(c, y, l) != fitNone {
		return false
	}
	d := km(c, y)
	if l.bearing < 0 {
		return d > contradictKM
	}
	return d > farDirectionKM || angleBetween(bearing(y, c), l.bearing) > bearingToleranceDeg
}

func angleBetween(a, b float64) float64 {
	d := math.Abs(a - b)
	if d > 180 {
		d = 360 - d
	}
	return d
}

// linkable says whether a place can hold others for a link: a region
// that is no governorate (the Syrian desert, «شرق الفرات») has no point
// or governorate that bounds it.
func (g *Gazetteer) linkable(y *Place) bool {
	return y.Kind == "country" || g.isGovernorate(y) || (y.Kind != "region" && y.GeoPrecision < 3)
}

func (g *Gazetteer) isGovernorate(p *Place) bool {
	return p.Kind == "region" && g.admin1[p.Admin1Code] == p
}
