// Package eval scores extraction results against gold events, by the rules
// of shared/ANNOTATION.md ("How a result is scored"), and reports the errors
// in a form a developer can read and fix.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"rasd/internal/event"
)

// GoldDoc is one annotated article: the document the extractor reads and the
// events an annotator coded in it.
type GoldDoc struct {
	ID            string      `json:"id"`
	Source        string      `json:"source"`
	URL           string      `json:"url"`
	Origin        string      `json:"origin,omitempty"`
	Published     string      `json:"published"` // YYYY-MM-DD
	PublishedNote string      `json:"published_note,omitempty"`
	Title         string      `json:"title"`
	Text          string      `json:"text"`
	Events        []GoldEvent `json:"events"`
}

// EventDoc is the "doc" object an extraction of d carries.
func (d GoldDoc) EventDoc() event.Doc {
	return event.Doc{ID: d.ID, Source: d.Source, URL: d.URL, Published: d.Published, Title: d.Title, Lang: "ar"}
}

// GoldEvent is one gold event. Gold files write actors as bare ids and
// fatalities as a bare count, so this is flatter than event.Event. An empty
// actor id means null: the vocabulary has no empty id, so nothing is lost.
type GoldEvent struct {
	EventType    string        `json:"event_type"`
	SubEventType string        `json:"sub_event_type"`
	Actor1       string        `json:"actor1"`
	AssocActor1  []string      `json:"assoc_actor1"`
	Actor2       string        `json:"actor2"`
	AssocActor2  []string      `json:"assoc_actor2"`
	Location     *GoldLocation `json:"location"`
	Date         *GoldDate     `json:"date"`
	Fatalities   *int          `json:"fatalities"`
	Certainty    string        `json:"certainty"`
	ClaimedBy    string        `json:"claimed_by"`
	Background   bool          `json:"background"`
	Aggregate    bool          `json:"aggregate"`
	Evidence     []event.Span  `json:"evidence"`
	Note         string        `json:"note"`
}

// GoldLocation is where a gold event happened. Lat and Lon are nil when the
// annotator could not place the point; Admin1 is empty when the place lies
// outside any governorate of SCHEMA.md's table (a border sector, say).
type GoldLocation struct {
	NameAR       string   `json:"name_ar"`
	NameEN       string   `json:"name_en"`
	Country      string   `json:"country"`
	Admin1       string   `json:"admin1"`
	GeoPrecision int      `json:"geo_precision"`
	Lat          *float64 `json:"lat"`
	Lon          *float64 `json:"lon"`
	CoordsFrom   string   `json:"coords_from,omitempty"`
}

// GoldDate is the interval the text allows for a gold event, both ends
// inclusive, as YYYY-MM-DD.
type GoldDate struct {
	Start         string `json:"start"`
	End           string `json:"end"`
	TimePrecision int    `json:"time_precision"`
}

const dayLayout = "2006-01-02"

// LoadGold reads gold documents from a .jsonl file, or from every *.jsonl
// file of a directory in name order. Document ids must be unique across all
// files, since system results are joined to gold by id.
func LoadGold(path string) ([]GoldDoc, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	files := []string{path}
	if fi.IsDir() {
		files, err = filepath.Glob(filepath.Join(path, "*.jsonl"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no *.jsonl files", path)
		}
	}
	var docs []GoldDoc
	where := map[string]string{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		got, lines, err := readGold(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		for i, d := range got {
			at := fmt.Sprintf("%s:%d", name, lines[i])
			if prev, dup := where[d.ID]; dup {
				return nil, fmt.Errorf("%s: document id %q already used at %s", at, d.ID, prev)
			}
			where[d.ID] = at
		}
		docs = append(docs, got...)
	}
	return docs, nil
}

// ReadGold reads gold documents in JSON Lines from r; name is used in error
// messages as the file name.
func ReadGold(r io.Reader, name string) ([]GoldDoc, error) {
	docs, lines, err := readGold(r, name)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for i, d := range docs {
		if prev, dup := seen[d.ID]; dup {
			return nil, fmt.Errorf("%s:%d: document id %q already used at line %d", name, lines[i], d.ID, prev)
		}
		seen[d.ID] = lines[i]
	}
	return docs, nil
}

// readGold returns the documents and the line each came from.
func readGold(r io.Reader, name string) ([]GoldDoc, []int, error) {
	// bufio.Reader rather than Scanner: an article line can exceed any
	// fixed token limit.
	br := bufio.NewReader(r)
	var docs []GoldDoc
	var lines []int
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			var d GoldDoc
			if jerr := json.Unmarshal(line, &d); jerr != nil {
				return nil, nil, fmt.Errorf("%s:%d: %w", name, n, jerr)
			}
			if verr := d.validate(); verr != nil {
				return nil, nil, fmt.Errorf("%s:%d: %w", name, n, verr)
			}
			docs = append(docs, d)
			lines = append(lines, n)
		}
		if err != nil {
			return docs, lines, nil
		}
	}
}

// validate rejects gold the scorer would silently misread: a wrong span
// offset or an unparseable date would turn into phantom system errors.
func (d *GoldDoc) validate() error {
	if d.ID == "" {
		return errors.New("document without id")
	}
	if d.Published != "" {
		if _, err := time.Parse(dayLayout, d.Published); err != nil {
			return fmt.Errorf("doc %s: published %q is not YYYY-MM-DD", d.ID, d.Published)
		}
	}
	text := []rune(d.Text)
	for i := range d.Events {
		if err := d.Events[i].validate(text); err != nil {
			return fmt.Errorf("doc %s event %d: %w", d.ID, i, err)
		}
	}
	return nil
}

func (e *GoldEvent) validate(text []rune) error {
	if !event.ValidType(e.EventType, e.SubEventType) {
		return fmt.Errorf("%q / %q is not an ACLED type pair", e.EventType, e.SubEventType)
	}
	if len(e.Evidence) == 0 {
		return errors.New("no evidence spans, so nothing could ever match it")
	}
	for _, s := range e.Evidence {
		if s.Start < 0 || s.End <= s.Start || s.End > len(text) {
			return fmt.Errorf("evidence span %d..%d out of the text's %d code points", s.Start, s.End, len(text))
		}
		if got := string(text[s.Start:s.End]); got != s.Text {
			return fmt.Errorf("evidence span %d..%d reads %q in the text, not %q", s.Start, s.End, got, s.Text)
		}
	}
	if l := e.Location; l != nil {
		if l.GeoPrecision < 1 || l.GeoPrecision > 3 {
			return fmt.Errorf("geo_precision %d not in 1..3", l.GeoPrecision)
		}
		if (l.Lat == nil) != (l.Lon == nil) {
			return errors.New("location has only one of lat and lon")
		}
	}
	if dt := e.Date; dt != nil {
		start, err1 := time.Parse(dayLayout, dt.Start)
		end, err2 := time.Parse(dayLayout, dt.End)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("date %q..%q is not YYYY-MM-DD", dt.Start, dt.End)
		}
		if end.Before(start) {
			return fmt.Errorf("date interval %s..%s ends before it starts", dt.Start, dt.End)
		}
	}
	if e.Fatalities != nil && *e.Fatalities < 0 {
		return fmt.Errorf("fatalities %d < 0", *e.Fatalities)
	}
	return nil
}

// GoldAsSystem turns gold into the results a perfect extractor would
// return. Scoring it against the same gold must give F1 1 and every field 1,
// which makes it the scorer's own sanity check. Where gold has no point
// (lat/lon null) the system location gets 0,0: scoring then falls back to
// admin1, which is copied.
func GoldAsSystem(gold []GoldDoc) []event.Result {
	out := make([]event.Result, 0, len(gold))
	for _, d := range gold {
		r := event.Result{Doc: d.EventDoc(), Events: make([]event.Event, 0, len(d.Events))}
		for i, g := range d.Events {
			e := event.Event{
				ID:           fmt.Sprintf("%s#%d", d.ID, i+1),
				EventType:    g.EventType,
				SubEventType: g.SubEventType,
				Actor1:       goldActor(g.Actor1),
				AssocActor1:  goldActors(g.AssocActor1),
				Actor2:       goldActor(g.Actor2),
				AssocActor2:  goldActors(g.AssocActor2),
				Certainty:    g.Certainty,
				ClaimedBy:    goldActor(g.ClaimedBy),
				Background:   g.Background,
				Aggregate:    g.Aggregate,
				Evidence:     append([]event.Span(nil), g.Evidence...),
				Confidence:   1,
				Rule:         "gold",
			}
			if l := g.Location; l != nil {
				e.Location = &event.Location{
					NameEN: l.NameEN, NameAR: l.NameAR, Country: l.Country,
					Admin1: l.Admin1, GeoPrecision: l.GeoPrecision,
				}
				if l.Lat != nil && l.Lon != nil {
					e.Location.Lat, e.Location.Lon = *l.Lat, *l.Lon
				}
			}
			if dt := g.Date; dt != nil {
				e.Date = &event.Date{Start: dt.Start, End: dt.End, EventDate: midDay(dt.Start, dt.End), TimePrecision: dt.TimePrecision}
			}
			if g.Fatalities != nil {
				e.Fatalities = &event.Fatalities{Count: *g.Fatalities, Min: *g.Fatalities}
			}
			r.Events = append(r.Events, e)
		}
		out = append(out, r)
	}
	return out
}

func goldActor(id string) *event.Actor {
	if id == "" {
		return nil
	}
	return &event.Actor{ID: id}
}

func goldActors(ids []string) []event.Actor {
	out := make([]event.Actor, 0, len(ids))
	for _, id := range ids {
		out = append(out, event.Actor{ID: id})
	}
	return out
}

// midDay is ACLED's event_date for an interval with no "early"/"late" cue.
// Unparseable input comes back as start: validation has already refused it
// for gold read from files.
func midDay(start, end string) string {
	s, err1 := time.Parse(dayLayout, start)
	e, err2 := time.Parse(dayLayout, end)
	if err1 != nil || err2 != nil {
		return start
	}
	days := int(e.Sub(s).Hours() / 24)
	return s.AddDate(0, 0, days/2).Format(dayLayout)
}
