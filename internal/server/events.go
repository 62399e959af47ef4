package server

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"rasd/internal/event"
	"rasd/internal/store"
)

type eventsPage struct {
	Total  int    `json:"total"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
	Sort   string `json:"sort"`
	Events any    `json:"events"`
}

// mapPoint is one event of view=map: what a dot on the map and its tooltip
// need, a tenth of the full record's size.
type mapPoint struct {
	ID           string   `json:"id"`
	EventType    string   `json:"event_type"`
	SubEventType string   `json:"sub_event_type"`
	Date         string   `json:"date"`
	Lat          *float64 `json:"lat"`
	Lon          *float64 `json:"lon"`
	Fatalities   int      `json:"fatalities"`
	Admin1       string   `json:"admin1"`
	// Country tells the dashboard whether the base map draws the point, as
	// the demo's log counts it, rather than guessing from coordinates.
	Country string `json:"country"`
	Place   string `json:"place"`
	Actor1  string `json:"actor1"`
}

func toPoint(e *event.Stored) mapPoint {
	p := mapPoint{ID: e.ClusterID, EventType: e.EventType, SubEventType: e.SubEventType}
	if e.Date != nil {
		p.Date = e.Date.EventDate
	}
	if l := e.Location; l != nil {
		lat, lon := l.Lat, l.Lon
		p.Lat, p.Lon, p.Admin1, p.Country, p.Place = &lat, &lon, l.Admin1, l.Country, l.NameEN
	}
	if e.Fatalities != nil {
		p.Fatalities = e.Fatalities.Count
	}
	if e.Actor1 != nil {
		p.Actor1 = e.Actor1.ID
	}
	return p
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, filterParams, pageParams); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := parseFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := parsePage(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	total, err := s.cfg.Store.CountEvents(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Sort, f.Limit, f.Offset = p.Sort, p.Limit, p.Offset
	out := eventsPage{Total: total, Limit: p.Limit, Offset: p.Offset, Sort: p.Sort}
	if p.Offset >= total {
		// Past the end: nothing to fetch, and an empty list, not null.
		out.Events = []event.Stored{}
		writeJSON(w, http.StatusOK, out)
		return
	}
	if p.Map {
		points := make([]mapPoint, 0, min(p.Limit, total))
		err = s.cfg.Store.Events(ctx, f, func(e *event.Stored) error {
			points = append(points, toPoint(e))
			return nil
		})
		out.Events = points
	} else {
		events := make([]*event.Stored, 0, min(p.Limit, total))
		err = s.cfg.Store.Events(ctx, f, func(e *event.Stored) error {
			events = append(events, e)
			return nil
		})
		out.Events = events
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// excerptContext is how many code points of a source document an excerpt
// shows on each side of an evidence sentence.
const excerptContext = 160

// Mark kinds of an excerpt; the dashboard colours each kind.
const (
	markEvidence   = "evidence"
	markTrigger    = "trigger"
	markActor      = "actor"
	markPlace      = "place"
	markDate       = "date"
	markFatalities = "fatalities"
)

// mark is a span of the source document, in code points of the whole
// document (SCHEMA.md's SPAN convention).
type mark struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// excerpt is a piece of a source document around its evidence. Start and
// End are code points of the document; marks fall inside them.
type excerpt struct {
	Text       string `json:"text"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	MoreBefore bool   `json:"more_before"`
	MoreAfter  bool   `json:"more_after"`
	Marks      []mark `json:"marks"`
}

type sourceDetail struct {
	event.Source
	// Excerpts are empty when the document is no longer stored; Evidence
	// still holds its sentences then.
	Excerpts []excerpt `json:"excerpts"`
}

// eventDetail is a stored event whose sources carry excerpts; its JSON is
// the stored record's with "sources" enriched.
type eventDetail struct {
	*event.Stored
	Sources []sourceDetail `json:"sources"`
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "" {
		writeError(w, http.StatusNotFound, "no event id given: use /api/events/{cluster_id}")
		return
	}
	if len(r.URL.Query()) > 0 {
		s.fail(w, r, checkParams(r.URL.Query()))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	e, err := s.cfg.Store.Event(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no event with id %q", id)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := eventDetail{Stored: e, Sources: make([]sourceDetail, len(e.Sources))}
	candidates := spanMarks(&e.Event)
	for i, src := range e.Sources {
		d.Sources[i] = sourceDetail{Source: src, Excerpts: []excerpt{}}
		doc, err := s.cfg.Store.Document(ctx, src.DocID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Sources[i].Excerpts = excerpts([]rune(doc.Text), src.Evidence, candidates)
	}
	writeJSON(w, http.StatusOK, d)
}

// spanMarks lists the spans of a merged event's fields. A merged field may
// come from any source, so excerpts check each mark against the document at
// hand (see relocate).
func spanMarks(e *event.Event) []mark {
	var ms []mark
	add := func(kind, text string, start, end int) {
		if text != "" && end > start {
			ms = append(ms, mark{Kind: kind, Text: text, Start: start, End: end})
		}
	}
	add(markTrigger, e.Trigger.Text, e.Trigger.Start, e.Trigger.End)
	actor := func(a *event.Actor) {
		if a != nil {
			add(markActor, a.Text, a.Start, a.End)
		}
	}
	actor(e.Actor1)
	actor(e.Actor2)
	actor(e.ClaimedBy)
	for i := range e.AssocActor1 {
		actor(&e.AssocActor1[i])
	}
	for i := range e.AssocActor2 {
		actor(&e.AssocActor2[i])
	}
	if l := e.Location; l != nil {
		add(markPlace, l.Text, l.Start, l.End)
	}
	if d := e.Date; d != nil {
		add(markDate, d.Text, d.StartChar, d.EndChar)
	}
	if f := e.Fatalities; f != nil {
		add(markFatalities, f.Text, f.Start, f.End)
	}
	return ms
}

// excerpts cuts text around each evidence span, widened by excerptContext
// to word boundaries, merging windows that overlap.
func excerpts(text []rune, evidence []event.Span, candidates []mark) []excerpt {
	type window struct{ start, end int }
	var ws []window
	for _, ev := range evidence {
		if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End {
			continue
		}
		ws = append(ws, window{widenLeft(text, ev.Start), widenRight(text, ev.End)})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].start < ws[j].start })
	var merged []window
	for _, w := range ws {
		if n := len(merged); n > 0 && w.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, w.end)
			continue
		}
		merged = append(merged, w)
	}
	out := make([]excerpt, 0, len(merged))
	for _, w := range merged {
		x := excerpt{
			Text: string(text[w.start:w.end]), Start: w.start, End: w.end,
			MoreBefore: w.start > 0, MoreAfter: w.end < len(text), Marks: []mark{},
		}
		inside := func(m mark) bool {
			return m.Start >= w.start && m.End <= w.end && m.End <= len(text) && string(text[m.Start:m.End]) == m.Text
		}
		seen := map[mark]bool{}
		keep := func(m mark) {
			if !seen[m] {
				seen[m] = true
				x.Marks = append(x.Marks, m)
			}
		}
		for _, ev := range evidence {
			if m := (mark{Kind: markEvidence, Text: ev.Text, Start: ev.Start, End: ev.End}); inside(m) {
				keep(m)
			}
		}
		for _, m := range candidates {
			if inside(m) {
				keep(m)
			} else if m, ok := relocate(text, evidence, w.start, w.end, m); ok {
				keep(m)
			}
		}
		out = append(out, x)
	}
	return out
}

// relocate finds a mark's words in an evidence sentence of this document
// when they are not at the mark's own offsets: a merged record's spans come
// from one source, and the others usually say the same thing elsewhere.
func relocate(text []rune, evidence []event.Span, from, to int, m mark) (mark, bool) {
	for _, ev := range evidence {
		if ev.Start < from || ev.End > to {
			continue
		}
		sentence := string(text[ev.Start:ev.End])
		if i := strings.Index(sentence, m.Text); i >= 0 {
			start := ev.Start + utf8.RuneCountInString(sentence[:i])
			return mark{Kind: m.Kind, Text: m.Text, Start: start, End: start + utf8.RuneCountInString(m.Text)}, true
		}
	}
	return m, false
}

func widenLeft(text []rune, i int) int {
	j := max(0, i-excerptContext)
	if j == 0 {
		return 0
	}
	for k := j; k < i; k++ {
		if unicode.IsSpace(text[k]) {
			return k + 1
		}
	}
	return j
}

func widenRight(text []rune, i int) int {
	j := min(len(text), i+excerptContext)
	if j == len(text) {
		return j
	}
	for k := j; k > i; k-- {
		if unicode.IsSpace(text[k-1]) {
			return k - 1
		}
	}
	return j
}
