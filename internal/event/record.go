package event

// Span is a piece of the document text in Unicode code points, end
// exclusive; Text equals that slice.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Doc is the "doc" object of one extraction result.
type Doc struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"` // YYYY-MM-DD
	Title     string `json:"title"`
	Lang      string `json:"lang"`
}

// Actor is SCHEMA.md's ACTOR: an id from the vocabulary and the mention the
// record rests on.
type Actor struct {
	ID     string `json:"id"`
	NameEN string `json:"name_en"`
	NameAR string `json:"name_ar"`
	Type   string `json:"type"`
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Location is SCHEMA.md's LOCATION.
type Location struct {
	PlaceID      string  `json:"place_id"`
	NameEN       string  `json:"name_en"`
	NameAR       string  `json:"name_ar"`
	Country      string  `json:"country"`
	Admin1       string  `json:"admin1"`
	Admin1Code   string  `json:"admin1_code"`
	Admin2       string  `json:"admin2"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	GeoPrecision int     `json:"geo_precision"`
	Text         string  `json:"text"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
}

// Date is SCHEMA.md's DATE. Dates are YYYY-MM-DD strings.
type Date struct {
	Start         string `json:"start"`
	End           string `json:"end"`
	EventDate     string `json:"event_date"`
	TimePrecision int    `json:"time_precision"`
	Text          string `json:"text"`
	StartChar     int    `json:"start_char"`
	EndChar       int    `json:"end_char"`
}

// Fatalities is SCHEMA.md's FATALITIES. Max is nil when no source in the
// text gives an upper figure.
type Fatalities struct {
	Count  int    `json:"count"`
	Min    int    `json:"min"`
	Max    *int   `json:"max"`
	Approx bool   `json:"approx"`
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Event is SCHEMA.md's EVENT.
type Event struct {
	ID           string      `json:"id"`
	EventType    string      `json:"event_type"`
	SubEventType string      `json:"sub_event_type"`
	Actor1       *Actor      `json:"actor1"`
	AssocActor1  []Actor     `json:"assoc_actor1"`
	Actor2       *Actor      `json:"actor2"`
	AssocActor2  []Actor     `json:"assoc_actor2"`
	Location     *Location   `json:"location"`
	Date         *Date       `json:"date"`
	Fatalities   *Fatalities `json:"fatalities"`
	Certainty    string      `json:"certainty"`
	ClaimedBy    *Actor      `json:"claimed_by"`
	Background   bool        `json:"background"`
	Aggregate    bool        `json:"aggregate"`
	Trigger      Span        `json:"trigger"`
	Evidence     []Span      `json:"evidence"`
	Confidence   float64     `json:"confidence"`
	Rule         string      `json:"rule"`
	Plover       *Plover     `json:"plover,omitempty"`
}

// Result is what extraction returns for one document.
type Result struct {
	Doc    Doc     `json:"doc"`
	Events []Event `json:"events"`
}

// Source is one document that reports a stored event.
type Source struct {
	DocID     string `json:"doc_id"`
	Source    string `json:"source"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Evidence  []Span `json:"evidence"`
	EventID   string `json:"event_id"`
	// Why says why this source was joined to the others; nil for the
	// source that started the event.
	Why *Why `json:"why,omitempty"`
}

// Why is the decision that joined one source to a merged event: who made it
// (the matcher or an analyst), its score and the signals that made it up,
// so that every merge can be checked by whoever reads the event.
type Why struct {
	By      string   `json:"by"` // "rasd", or "analyst" for a merge made by hand
	Score   float64  `json:"score"`
	Signals []Signal `json:"signals"`
}

// Signal is one piece of evidence for (or against) a merge: its name
// (type, place, date, actors, toll, wording), its value from -1 to 1, the
// weight it had in the score and what it saw.
type Signal struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Weight float64 `json:"weight"`
	Note   string  `json:"note,omitempty"`
}

// Stored is SCHEMA.md's stored event: the EVENT merged across every document
// that reports the same occurrence. Its Event fields hold the merged values;
// Evidence holds the spans of the first source.
type Stored struct {
	Event
	ClusterID string   `json:"cluster_id"`
	Sources   []Source `json:"sources"`
}

// Documents is how many documents report the event: Sources lists each
// per-document event, and one document may give two that were merged.
func (s *Stored) Documents() int {
	seen := make(map[string]bool, len(s.Sources))
	for _, src := range s.Sources {
		seen[src.DocID] = true
	}
	return len(seen)
}
