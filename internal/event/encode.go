package event

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ACLEDColumns are ACLED's 31 export columns in ACLED's order (SCHEMA.md).
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// ExtraColumns are rasd's own columns, after ACLED's.
var ExtraColumns = []string{
	"rasd_event_id", "doc_id", "url", "published", "certainty", "claimed_by", "background", "aggregate",
	"confidence", "trigger", "trigger_start", "trigger_end", "location_text", "location_start", "location_end",
	"place_id", "admin1_code", "date_start", "date_end", "date_text", "fatalities_min", "fatalities_max",
	"fatalities_approx", "fatalities_text", "evidence_start", "evidence_end", "actor1_id", "actor2_id", "rule",
}

type country struct {
	Name   string
	ISO    int
	Region string
}

// countries ACLED names by ISO alpha-3: the name, the numeric ISO code ACLED
// puts in its iso column, and ACLED's region.
var countries = map[string]country{
	"SYR": {"Syria", 760, "Middle East"}, "IRQ": {"Iraq", 368, "Middle East"}, "TUR": {"Turkey", 792, "Middle East"},
	"LBN": {"Lebanon", 422, "Middle East"}, "JOR": {"Jordan", 400, "Middle East"}, "ISR": {"Israel", 376, "Middle East"},
	"PSE": {"Palestine", 275, "Middle East"}, "IRN": {"Iran", 364, "Middle East"}, "SAU": {"Saudi Arabia", 682, "Middle East"},
	"YEM": {"Yemen", 887, "Middle East"}, "EGY": {"Egypt", 818, "Northern Africa"}, "LBY": {"Libya", 434, "Northern Africa"},
	"TUN": {"Tunisia", 788, "Northern Africa"}, "DZA": {"Algeria", 12, "Northern Africa"}, "MAR": {"Morocco", 504, "Northern Africa"},
	"SDN": {"Sudan", 729, "Northern Africa"}, "KWT": {"Kuwait", 414, "Middle East"}, "QAT": {"Qatar", 634, "Middle East"},
	"ARE": {"United Arab Emirates", 784, "Middle East"}, "BHR": {"Bahrain", 48, "Middle East"}, "OMN": {"Oman", 512, "Middle East"},
	"AFG": {"Afghanistan", 4, "South Asia"}, "SOM": {"Somalia", 706, "Eastern Africa"}, "NGA": {"Nigeria", 566, "Western Africa"},
	"USA": {"United States", 840, "North America"}, "RUS": {"Russia", 643, "Europe"}, "FRA": {"France", 250, "Europe"},
	"GBR": {"United Kingdom", 826, "Europe"}, "DEU": {"Germany", 276, "Europe"},
}

// CountryName returns ACLED's name for an ISO alpha-3 code, or the code.
func CountryName(iso3 string) string {
	if c, ok := countries[iso3]; ok {
		return c.Name
	}
	return iso3
}

// InterWord is ACLED's actor-type word for SCHEMA.md's actor type.
func InterWord(actorType string) string {
	switch actorType {
	case "state":
		return "State forces"
	case "rebel":
		return "Rebel group"
	case "political_militia":
		return "Political militia"
	case "identity_militia":
		return "Identity militia"
	case "rioters":
		return "Rioters"
	case "protesters":
		return "Protesters"
	case "civilians":
		return "Civilians"
	case "external":
		return "External/Other forces"
	}
	return ""
}

// DisorderType is ACLED's disorder type of a sub-event type.
func DisorderType(eventType, sub string) string {
	switch eventType {
	case Protests:
		return "Demonstrations"
	case Riots:
		if sub == "Mob violence" {
			return "Political violence"
		}
		return "Demonstrations"
	case Strategic:
		return "Strategic developments"
	}
	return "Political violence"
}

func actorName(a *Actor) string {
	if a == nil {
		return ""
	}
	return a.NameEN
}

func assocNames(as []Actor) string {
	names := make([]string, len(as))
	for i := range as {
		names[i] = as[i].NameEN
	}
	return strings.Join(names, "; ")
}

// CSVWriter writes events as ACLED-column CSV, rasd's columns after them.
type CSVWriter struct {
	w      *csv.Writer
	header bool
}

// NewCSVWriter starts a CSV stream on w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write adds the rows of one document's events.
func (c *CSVWriter) Write(r Result) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(append(append([]string{}, ACLEDColumns...), ExtraColumns...)); err != nil {
			return err
		}
	}
	for i := range r.Events {
		if err := c.w.Write(CSVRow(r.Doc, &r.Events[i])); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes out buffered rows and reports any write error.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// CSVRow is one event as ACLED's 31 columns followed by ExtraColumns.
func CSVRow(doc Doc, e *Event) []string {
	var (
		eventDate, year, prec, dStart, dEnd, dText string
		countryName, region, isoNum                string
		admin1, admin2, loc, lat, lon, geoPrec     string
		locText, locStart, locEnd, placeID, a1c    string
		fat, fatMin, fatMax, fatApprox, fatText    string
		tags                                       []string
	)
	if e.Date != nil {
		eventDate, prec = e.Date.EventDate, strconv.Itoa(e.Date.TimePrecision)
		if len(eventDate) >= 4 {
			year = eventDate[:4]
		}
		dStart, dEnd, dText = e.Date.Start, e.Date.End, e.Date.Text
	}
	if l := e.Location; l != nil {
		if c, ok := countries[l.Country]; ok {
			countryName, region, isoNum = c.Name, c.Region, strconv.Itoa(c.ISO)
		} else {
			countryName = l.Country
		}
		admin1, admin2, loc = l.Admin1, l.Admin2, l.NameEN
		lat, lon = strconv.FormatFloat(l.Lat, 'f', 4, 64), strconv.FormatFloat(l.Lon, 'f', 4, 64)
		geoPrec = strconv.Itoa(l.GeoPrecision)
		locText, locStart, locEnd = l.Text, strconv.Itoa(l.Start), strconv.Itoa(l.End)
		placeID, a1c = l.PlaceID, l.Admin1Code
	}
	fat = "0"
	if f := e.Fatalities; f != nil {
		fat, fatMin, fatText = strconv.Itoa(f.Count), strconv.Itoa(f.Min), f.Text
		fatApprox = strconv.FormatBool(f.Approx)
		if f.Max != nil {
			fatMax = strconv.Itoa(*f.Max)
		}
		if f.Approx {
			tags = append(tags, "fatalities approximate")
		}
	}
	if e.Aggregate {
		tags = append(tags, "aggregate")
	}
	if e.Background {
		tags = append(tags, "background")
	}
	if e.Certainty != "" && e.Certainty != Reported {
		tags = append(tags, e.Certainty)
	}
	inter1, inter2 := "", ""
	if e.Actor1 != nil {
		inter1 = InterWord(e.Actor1.Type)
	}
	if e.Actor2 != nil {
		inter2 = InterWord(e.Actor2.Type)
	}
	interaction := inter1
	if inter2 != "" {
		if interaction != "" {
			interaction += "-" + inter2
		} else {
			interaction = inter2
		}
	}
	civ := ""
	if e.Actor2 != nil && e.Actor2.ID == "CIVILIANS" {
		civ = "Civilian targeting"
	}
	var notes []string
	evStart, evEnd := "", ""
	for i, sp := range e.Evidence {
		notes = append(notes, strings.Join(strings.Fields(sp.Text), " "))
		if i == 0 {
			evStart, evEnd = strconv.Itoa(sp.Start), strconv.Itoa(sp.End)
		}
	}
	timestamp := ""
	if t, err := time.Parse("2006-01-02", doc.Published); err == nil {
		timestamp = strconv.FormatInt(t.Unix(), 10)
	}
	claimed := ""
	if e.ClaimedBy != nil {
		claimed = e.ClaimedBy.ID
	}
	id1, id2 := "", ""
	if e.Actor1 != nil {
		id1 = e.Actor1.ID
	}
	if e.Actor2 != nil {
		id2 = e.Actor2.ID
	}
	row := []string{
		e.ID, eventDate, year, prec, DisorderType(e.EventType, e.SubEventType), e.EventType, e.SubEventType,
		actorName(e.Actor1), assocNames(e.AssocActor1), inter1, actorName(e.Actor2), assocNames(e.AssocActor2), inter2, interaction, civ,
		isoNum, region, countryName, admin1, admin2, "", loc, lat, lon, geoPrec,
		doc.Source, "", strings.Join(notes, " | "), fat, strings.Join(tags, "; "), timestamp,
	}
	return append(row,
		e.ID, doc.ID, doc.URL, doc.Published, e.Certainty, claimed, strconv.FormatBool(e.Background), strconv.FormatBool(e.Aggregate),
		strconv.FormatFloat(e.Confidence, 'f', 2, 64), e.Trigger.Text, strconv.Itoa(e.Trigger.Start), strconv.Itoa(e.Trigger.End),
		locText, locStart, locEnd, placeID, a1c, dStart, dEnd, dText, fatMin, fatMax, fatApprox, fatText, evStart, evEnd, id1, id2, e.Rule,
	)
}

// GeoJSONWriter streams a FeatureCollection, one Feature per event; an
// event with no location has a null geometry, as GeoJSON allows.
type GeoJSONWriter struct {
	w       io.Writer
	started bool
	err     error
}

// NewGeoJSONWriter starts a FeatureCollection on w.
func NewGeoJSONWriter(w io.Writer) *GeoJSONWriter { return &GeoJSONWriter{w: w} }

type feature struct {
	Type       string    `json:"type"`
	ID         string    `json:"id"`
	Geometry   *geometry `json:"geometry"`
	Properties any       `json:"properties"`
}

type geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type featureProps struct {
	Doc Doc `json:"doc"`
	Event
}

// Write adds one document's events.
func (g *GeoJSONWriter) Write(r Result) error {
	if g.err != nil {
		return g.err
	}
	for i := range r.Events {
		e := r.Events[i]
		f := feature{Type: "Feature", ID: e.ID, Properties: featureProps{Doc: r.Doc, Event: e}}
		if e.Location != nil {
			f.Geometry = &geometry{Type: "Point", Coordinates: [2]float64{e.Location.Lon, e.Location.Lat}}
		}
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		sep := ",\n"
		if !g.started {
			sep = `{"type":"FeatureCollection","features":[` + "\n"
			g.started = true
		}
		if _, g.err = fmt.Fprintf(g.w, "%s%s", sep, b); g.err != nil {
			return g.err
		}
	}
	return nil
}

// Close ends the FeatureCollection (an empty one when nothing was written).
func (g *GeoJSONWriter) Close() error {
	if g.err != nil {
		return g.err
	}
	if !g.started {
		_, g.err = io.WriteString(g.w, `{"type":"FeatureCollection","features":[]}`+"\n")
		return g.err
	}
	_, g.err = io.WriteString(g.w, "\n]}\n")
	return g.err
}
