// Package extract codes ACLED events from the mentions of one document:
// frames built around event cues, their roles filled from the sentence with
// general Arabic patterns, then merged across the document so that one
// occurrence is one record with every sentence that reports it.
//
// Extraction is a pure function of (document, lexicons): no I/O, no global
// mutable state, safe to run on every core at once.
package extract

import (
	"fmt"
	"rasd/internal/document"
	"strings"
	"time"

	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/mention"
	"rasd/internal/text"
)

// Extractor holds the immutable lexicons; one value serves all goroutines.
type Extractor struct {
	lex   *mention.Lexicons
	known knownActors
}

// knownActors are the lexicon's actors the extractor names itself when the
// text implies them.
type knownActors struct {
	unknown, civilians, protesters, iraq *actors.Actor
	// states are the governments whose police and soldiers the news names
	// without a force: where rasd's gazetteer reaches.
	states map[string]*actors.Actor
}

func lexActor(lex *mention.Lexicons, id, name, typ string) *actors.Actor {
	if a := lex.Actors.ByID(id); a != nil {
		return a
	}
	return &actors.Actor{ID: id, NameEN: name, Type: typ}
}

// New returns an extractor over loaded lexicons.
func New(lex *mention.Lexicons) *Extractor {
	return &Extractor{lex: lex, known: knownActors{
		unknown:    lexActor(lex, "UNIDENTIFIED", "Unidentified armed group", "political_militia"),
		civilians:  lexActor(lex, "CIVILIANS", "Civilians", "civilians"),
		protesters: lexActor(lex, "PROTESTERS", "Protesters", "protesters"),
		iraq:       lexActor(lex, "STATE:IRQ", "Iraqi government forces", "state"),
		states: map[string]*actors.Actor{
			"SYR": lexActor(lex, "STATE:SYR", "Syrian government forces", "state"),
			"IRQ": lexActor(lex, "STATE:IRQ", "Iraqi government forces", "state"),
		},
	}}
}

// Extract returns the events of one document in SCHEMA.md's shape.
func (x *Extractor) Extract(doc *document.Document) event.Result {
	res, _ := x.ExtractAnalyzed(doc)
	return res
}

// ExtractSafe is Extract that turns a panic on one document into an error,
// so that a batch reports the odd article and goes on. A panic here is a
// bug in rasd, and the error says so.
func (x *Extractor) ExtractSafe(doc *document.Document) (event.Result, error) {
	res, _, err := x.ExtractAnalyzedSafe(doc)
	return res, err
}

// ExtractAnalyzedSafe is ExtractAnalyzed with ExtractSafe's recovery.
func (x *Extractor) ExtractAnalyzedSafe(doc *document.Document) (res event.Result, a *text.Analysis, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extraction failed (a bug in rasd, please report it with this document): %v", r)
		}
	}()
	res, a = x.ExtractAnalyzed(doc)
	return res, a, nil
}

// ExtractAnalyzed is Extract that also hands back the text analysis it
// made (normalised tokens and their clitic readings), so that a caller
// indexing the text for search need not analyse it again.
func (x *Extractor) ExtractAnalyzed(doc *document.Document) (event.Result, *text.Analysis) {
	res := event.Result{
		Doc: event.Doc{
			ID: doc.ID, Source: doc.Source, URL: doc.URL,
			Published: doc.PublishedDate(), Title: doc.Title, Lang: "ar",
		},
		Events: []event.Event{},
	}
	set := x.lex.Find(doc.Text, doc.Published)
	d := newDocument(set, doc.Published, x.known)
	frames := d.frames()
	frames = merge(frames)
	n := 0
	for _, f := range frames {
		// ANNOTATION.md codes an event only with at least an approximate
		// place; a frame that found none was kept only to merge.
		if f.place == nil || f.onlyToMerge {
			continue
		}
		n++
		settleType(f)
		d.implyActors(f)
		ev := d.record(f)
		ev.ID = fmt.Sprintf("%s#%d", doc.ID, n)
		res.Events = append(res.Events, ev)
	}
	return res, set.Analysis
}

// Explain renders the rule trail of each event for `--explain`.
func Explain(r event.Result) string {
	var b strings.Builder
	for _, e := range r.Events {
		fmt.Fprintf(&b, "%s  %s / %s\n  trigger «%s» at %d\n  rule: %s\n", e.ID, e.EventType, e.SubEventType, e.Trigger.Text, e.Trigger.Start, e.Rule)
	}
	return b.String()
}

func day(t time.Time) string { return t.Format("2006-01-02") }
