package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"rasd/internal/event"
)

// Report is the outcome of Score. Its JSON form is what `rasd eval --json`
// prints. Ratios with an empty denominator are 0, never NaN.
type Report struct {
	Events Counts       `json:"events"`
	ByType []TypeCounts `json:"by_type"`
	// Fields is each field's accuracy over matched pairs; FieldCorrect the
	// counts behind it.
	Fields       PerField[float64] `json:"fields"`
	FieldCorrect PerField[int]     `json:"field_correct"`
	// FieldMean is the unweighted mean of the eight values in Fields.
	FieldMean float64     `json:"field_mean"`
	Documents []DocReport `json:"documents"`
	// Unscored lists system document ids that have no gold document.
	Unscored []string `json:"unscored,omitempty"`
}

// Counts is event-level matching: precision = matched/system, recall =
// matched/gold.
type Counts struct {
	Gold      int     `json:"gold"`
	System    int     `json:"system"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// TypeCounts is Counts restricted to one event_type.
type TypeCounts struct {
	EventType string `json:"event_type"`
	Counts
}

// PerField holds one value for each scored field.
type PerField[T int | float64] struct {
	SubEventType T `json:"sub_event_type"`
	Actor1       T `json:"actor1"`
	Actor2       T `json:"actor2"`
	Location     T `json:"location"`
	Date         T `json:"date"`
	Fatalities   T `json:"fatalities"`
	Background   T `json:"background"`
	Aggregate    T `json:"aggregate"`
}

// Get returns the value for f.
func (p PerField[T]) Get(f Field) T { return *p.ptr(f) }

func (p *PerField[T]) ptr(f Field) *T {
	switch f {
	case SubEventType:
		return &p.SubEventType
	case Actor1:
		return &p.Actor1
	case Actor2:
		return &p.Actor2
	case Location:
		return &p.Location
	case Date:
		return &p.Date
	case Fatalities:
		return &p.Fatalities
	case Background:
		return &p.Background
	case Aggregate:
		return &p.Aggregate
	}
	panic("eval: no field " + f.String())
}

// DocReport is one gold document's outcome. Gold and system indexes are
// 0-based positions in the gold document's events and in the system's
// (pooled) events for that document.
type DocReport struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// HasResult is false when the system returned nothing for the document,
	// as opposed to returning it with no events.
	HasResult bool       `json:"has_result"`
	Gold      int        `json:"gold"`
	System    int        `json:"system"`
	Matched   int        `json:"matched"`
	Pairs     []Pair     `json:"pairs"`
	Missed    []EventRef `json:"missed"`
	Spurious  []EventRef `json:"spurious"`
	Warnings  []string   `json:"warnings,omitempty"`
}

// Pair is a matched gold and system event. Diffs lists the fields the
// system got wrong and is empty when it got all of them right.
type Pair struct {
	Gold           int          `json:"gold"`
	System         int          `json:"system"`
	SystemID       string       `json:"system_id"`
	EventType      string       `json:"event_type"`
	Overlap        int          `json:"overlap"`
	Diffs          []FieldDiff  `json:"diffs"`
	Note           string       `json:"note"`
	GoldEvidence   []event.Span `json:"gold_evidence"`
	SystemEvidence []event.Span `json:"system_evidence"`
}

// FieldDiff is one wrong field, both values rendered as text ("null" for
// null).
type FieldDiff struct {
	Field  string `json:"field"`
	Gold   string `json:"gold"`
	System string `json:"system"`
	Detail string `json:"detail,omitempty"`
}

// EventRef is a missed gold event or a spurious system event. Overlaps
// names the events on the other side whose evidence overlaps it and says why
// they were not paired with it, which is usually the fix to make.
type EventRef struct {
	Index        int          `json:"index"`
	ID           string       `json:"id,omitempty"`
	EventType    string       `json:"event_type"`
	SubEventType string       `json:"sub_event_type"`
	Note         string       `json:"note,omitempty"`
	Evidence     []event.Span `json:"evidence"`
	Overlaps     []Overlap    `json:"overlaps,omitempty"`
}

// Overlap is an event on the other side sharing evidence with an EventRef.
type Overlap struct {
	Index        int    `json:"index"`
	ID           string `json:"id,omitempty"`
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	Overlap      int    `json:"overlap"`
	Reason       string `json:"reason"`
}

// evidenceWidth is how many code points of a span the text report shows:
// enough to find the sentence in the article, short enough to scan.
const evidenceWidth = 160

// WriteText writes the summary tables and then, for every document with an
// error, its misses, spurious events and field errors. Documents without
// errors are only counted.
func (r Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("events: gold %d, system %d, matched %d\n", r.Events.Gold, r.Events.System, r.Events.Matched)
	ew.printf("precision %.3f  recall %.3f  F1 %.3f\n\n", r.Events.Precision, r.Events.Recall, r.Events.F1)

	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "event_type\tgold\tsystem\tmatched\tP\tR\tF1\t\n")
	for _, t := range append(r.ByType, TypeCounts{EventType: "all", Counts: r.Events}) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", t.EventType, t.Gold, t.System, t.Matched, t.Precision, t.Recall, t.F1)
	}
	tw.Flush()
	ew.printf("\n")

	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "field (over %d matched)\tright\taccuracy\t\n", r.Events.Matched)
	for _, f := range Fields {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t\n", f, r.FieldCorrect.Get(f), r.Fields.Get(f))
	}
	tw.Flush()
	ew.printf("field mean (of the %d fields above): %.3f\n", len(Fields), r.FieldMean)

	clean := 0
	for _, d := range r.Documents {
		if d.clean() {
			clean++
			continue
		}
		ew.printf("\n== %s  %s\n", d.ID, trim(d.Title, 80))
		ew.printf("   gold %d, system %d, matched %d", d.Gold, d.System, d.Matched)
		if !d.HasResult {
			ew.printf("; no system result for this document")
		}
		ew.printf("\n")
		for _, s := range d.Warnings {
			ew.printf("   warning: %s\n", s)
		}
		for _, m := range d.Missed {
			ew.printf("   MISSED gold[%d] %s / %s\n", m.Index, m.EventType, m.SubEventType)
			ew.printf("      note: %s\n", m.Note)
			writeSpans(ew, "gold", m.Evidence)
			writeOverlaps(ew, "system", m.Overlaps)
		}
		for _, s := range d.Spurious {
			ew.printf("   SPURIOUS system[%d] %s %s / %s\n", s.Index, s.ID, s.EventType, s.SubEventType)
			writeSpans(ew, "system", s.Evidence)
			writeOverlaps(ew, "gold", s.Overlaps)
		}
		for _, p := range d.Pairs {
			if len(p.Diffs) == 0 {
				continue
			}
			ew.printf("   FIELDS gold[%d] ~ system[%d] %s  %s (overlap %d)\n", p.Gold, p.System, p.SystemID, p.EventType, p.Overlap)
			for _, df := range p.Diffs {
				ew.printf("      %-14s gold %s | system %s", df.Field, df.Gold, df.System)
				if df.Detail != "" {
					ew.printf("  [%s]", df.Detail)
				}
				ew.printf("\n")
			}
			ew.printf("      note: %s\n", p.Note)
			writeSpans(ew, "gold", p.GoldEvidence)
		}
	}
	if clean > 0 {
		ew.printf("\n%d of %d documents without errors are not listed.\n", clean, len(r.Documents))
	}
	if len(r.Unscored) > 0 {
		ew.printf("\nnot scored (no gold document): %s\n", strings.Join(r.Unscored, ", "))
	}
	return ew.err
}

func (d DocReport) clean() bool {
	if !d.HasResult && d.Gold > 0 || len(d.Missed) > 0 || len(d.Spurious) > 0 || len(d.Warnings) > 0 {
		return false
	}
	for _, p := range d.Pairs {
		if len(p.Diffs) > 0 {
			return false
		}
	}
	return true
}

func writeSpans(ew *errWriter, side string, spans []event.Span) {
	for _, s := range spans {
		ew.printf("      %s %d..%d «%s»\n", side, s.Start, s.End, trim(s.Text, evidenceWidth))
	}
}

func writeOverlaps(ew *errWriter, side string, ovs []Overlap) {
	for _, o := range ovs {
		id := ""
		if o.ID != "" {
			id = " " + o.ID
		}
		ew.printf("      overlaps %s[%d]%s %s / %s by %d: %s\n", side, o.Index, id, o.EventType, o.SubEventType, o.Overlap, o.Reason)
	}
}

// trim puts a text on one line and cuts it to n code points.
func trim(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// errWriter keeps the first write error so WriteText can report it once
// instead of checking every line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
