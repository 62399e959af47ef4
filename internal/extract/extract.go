// Package extract codes ACLED events from the mentions of one document. It
// is a small engine that runs the rule cascade of internal/rules over the
// data files in internal/lexicon/data/rules: clauses are cut, every live
// event cue of a clause becomes a candidate, candidates are dropped only by
// named vetoes, the roles, type, date, toll, place and flags of what
// remains come from rules, and the reports of one occurrence are merged
// across the document. What is an algorithm (cutting clauses, picking the
// nearest place or date, toll arithmetic, merging) is Go; what is
// vocabulary or construction is data, and every event's rule trail names
// the rules that made it.
//
// Extraction is a pure function of (document, lexicons, rules): no I/O, no
// global mutable state, safe to run on every core at once.
package extract

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"rasd/internal/actors"
	"rasd/internal/document"
	"rasd/internal/event"
	"rasd/internal/gazetteer"
	"rasd/internal/lexicon"
	"rasd/internal/mention"
	"rasd/internal/rules"
	"rasd/internal/text"
)

// Extractor holds the immutable lexicons and rules; one value serves all
// goroutines.
type Extractor struct {
	lex  *mention.Lexicons
	book *rules.Book
	// speakerActs is the imply rule «أعلن الجيش أنه شن …», or nil.
	speakerActs *rules.Rule
	cues        map[string]cueClass
	states      map[string]stateRow
	// means: how an actor strikes when the text says only that it
	// targeted a place (remote-means.tsv).
	means map[string]string
	known knownActors
	// Classes the Go algorithms read, resolved once.
	cls wordClasses
	// splits are the split rules with the clause length each needs before
	// it may cut (its argument, else minClause), read once: clauses tries
	// them at every word.
	splits []splitRule
	// splitAnchors are the anchors of all the split rules, which clauses
	// asks first: most tokens are no split rule's anchor.
	splitAnchors rules.Anchors
}

type splitRule struct {
	rule      *rules.Rule
	minClause int
	anchors   rules.Anchors // the rule's own
}

// knownActors are the lexicon's actors the extractor names itself when the
// text implies them.
type knownActors struct {
	unknown, civilians, protesters *actors.Actor
}

var (
	bookOnce sync.Once
	bookVal  *rules.Book
	bookErr  error
)

// Rules returns the compiled rule book of the embedded rule files.
func Rules() (*rules.Book, error) {
	bookOnce.Do(func() {
		fs, err := lexicon.RuleFiles()
		if err != nil {
			bookErr = err
			return
		}
		files := make([]rules.File, len(fs))
		for i, f := range fs {
			files[i] = rules.File{Name: f.Name, Text: f.Text}
		}
		bookVal, bookErr = rules.Compile(files)
	})
	return bookVal, bookErr
}

func lexActor(lex *mention.Lexicons, id, name, typ string) *actors.Actor {
	if a := lex.Actors.ByID(id); a != nil {
		return a
	}
	return &actors.Actor{ID: id, NameEN: name, Type: typ}
}

// New returns an extractor over loaded lexicons. The rules and tables are
// embedded data that the package's tests compile, so an error here is a
// bug in a data file of this build: New panics with the file and line.
func New(lex *mention.Lexicons) *Extractor {
	x, err := Load(lex)
	if err != nil {
		panic("extract: " + err.Error())
	}
	return x
}

// Load is New that returns the error of a bad embedded data file.
func Load(lex *mention.Lexicons) (*Extractor, error) {
	b, err := Rules()
	if err != nil {
		return nil, err
	}
	cues, err := loadCueClasses()
	if err != nil {
		return nil, err
	}
	states, err := loadStates()
	if err != nil {
		return nil, err
	}
	means, err := loadRemoteMeans()
	if err != nil {
		return nil, err
	}
	x := &Extractor{lex: lex, book: b, cues: cues, states: states, means: means, known: knownActors{
		unknown:    lexActor(lex, "UNIDENTIFIED", "Unidentified armed group", "political_militia"),
		civilians:  lexActor(lex, "CIVILIANS", "Civilians", "civilians"),
		protesters: lexActor(lex, "PROTESTERS", "Protesters", "protesters"),
	}}
	if err := x.cls.resolve(b); err != nil {
		return nil, err
	}
	// The rule that names a speaker who says it acted as the doer, read
	// before merging too (frame.speakerActs); a rule book without it
	// merely lets other reports name the doer.
	x.speakerActs = b.Rule("imply.speaker-did-it")
	for _, r := range b.Stage(rules.StageSplit) {
		min := minClause
		if arg := r.Arg(0); arg != "" {
			n, err := strconv.Atoi(arg)
			if err != nil {
				return nil, fmt.Errorf("rule %s: split argument %q is no number", r.ID, arg)
			}
			min = n
		}
		x.splits = append(x.splits, splitRule{r, min, b.AnchorsOf([]*rules.Rule{r})})
	}
	x.splitAnchors = b.AnchorsOf(b.Stage(rules.StageSplit))
	return x, nil
}

// Book is the extractor's rule book.
func (x *Extractor) Book() *rules.Book { return x.book }

// Extract returns the events of one document in SCHEMA.md's shape.
func (x *Extractor) Extract(doc *document.Document) event.Result {
	res, a := x.ExtractAnalyzed(doc)
	// The events hold strings only; the analysis's arrays serve the next
	// document (text.Analysis.Release). Those that hand the analysis back
	// leave it to their caller.
	a.Release()
	return res
}

// ExtractSafe is Extract that turns a panic on one document into an error,
// so that a batch reports the odd article and goes on. A panic here is a
// bug in rasd, and the error says so.
func (x *Extractor) ExtractSafe(doc *document.Document) (event.Result, error) {
	res, a, err := x.ExtractAnalyzedSafe(doc)
	a.Release() // as in Extract; nil after a panic
	return res, err
}

// ExtractAnalyzedSafe is ExtractAnalyzed with ExtractSafe's recovery.
func (x *Extractor) ExtractAnalyzedSafe(doc *document.Document) (res event.Result, a *text.Analysis, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extraction failed (a bug in rasd, please report it with this document): %v", r)
		}
	}()
	res, set, _, err := x.run(doc, false)
	return res, set.Analysis, err
}

// ExtractAnalyzed is Extract that also hands back the text analysis it
// made (normalised tokens and their clitic readings), so that a caller
// indexing the text for search need not analyse it again.
func (x *Extractor) ExtractAnalyzed(doc *document.Document) (event.Result, *text.Analysis) {
	res, set, _, _ := x.run(doc, false)
	return res, set.Analysis
}

// Trace runs the extractor on a document and returns, besides its events,
// the id of every rule that fired on it, in order: vetoes and drops
// included, which leave no event to carry them. The rule tests use it.
func (x *Extractor) Trace(doc *document.Document) (event.Result, []string) {
	res, set, fired, _ := x.run(doc, true)
	set.Analysis.Release() // as in Extract
	return res, fired
}

// TraceSafe is Trace with ExtractSafe's recovery.
func (x *Extractor) TraceSafe(doc *document.Document) (res event.Result, fired []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extraction failed (a bug in rasd, please report it with this document): %v", r)
		}
	}()
	res, set, fired, err := x.run(doc, true)
	set.Analysis.Release() // as in Extract
	return res, fired, err
}

// ErrTooCostly is the error of a document whose rules ran out of budget.
var ErrTooCostly = errors.New("document too costly to extract")

// stepBudget bounds the rule matcher's work on a text of n tokens. Real
// news takes far less: over the bench corpus's 31,508 articles the costliest
// took 58 steps a token (median 9) and 59,161 in all; a text that needs
// more is a list or a repetition built to be slow, not an article.
func stepBudget(n int) int64 { return stepsPerToken*int64(n) + stepsBase }

// Variables so that a test can reach the bound with a small text.
var stepsPerToken, stepsBase int64 = 200, 200_000

// run extracts the events of doc. Its error is ErrTooCostly when the step
// budget ran out; the events then are those found before it did.
func (x *Extractor) run(doc *document.Document, trace bool) (event.Result, *mention.Set, []string, error) {
	res := event.Result{
		Doc: event.Doc{
			ID: doc.ID, Source: doc.Source, URL: doc.URL,
			Published: doc.PublishedDate(), Title: doc.Title, Lang: "ar",
		},
		Events: []event.Event{},
	}
	if trace {
		// A trace lists every rule that fires, the place rules' on a text
		// without a cue too.
		return x.code(doc, x.lex.Find(doc.Text, doc.Published), res, trace)
	}
	// Every event is built on a live cue (frames), and only one with a
	// place finer than a country is recorded, which only such a place
	// mention gives it (placeFrames): a text without a cue, or without such
	// a place, has no event, and the finders after it are not run. A fifth
	// of the bench corpus's articles have no cue, and half of the others no
	// place finer than a country. What the rules would have done there ends
	// in no event either way; it could end in ErrTooCostly only by the step
	// budget (at most 1.1% of it was taken on the bench corpus's such
	// articles) or by more frames than maxFrames, which needs more cues
	// than that (a frame is made of one cue or more, and only a list of
	// places finer than a country splits one), so a text of that many cues
	// is read whole. TestShortcutsChangeNoResult checks the two ways agree.
	set := x.lex.FindCues(doc.Text)
	if len(set.Triggers) == 0 {
		return res, set, nil, nil
	}
	x.lex.FindPlaces(set)
	if !finerThanCountry(set.Places) && len(set.Triggers) <= maxFrames {
		return res, set, nil, nil
	}
	x.lex.FindRest(set, doc.Published)
	return x.code(doc, set, res, trace)
}

// code runs the rules over the mentions of doc and merges what they find
// into res: everything of run after the finders, apart so that it can be
// measured apart.
func (x *Extractor) code(doc *document.Document, set *mention.Set, res event.Result, trace bool) (event.Result, *mention.Set, []string, error) {
	art := newArticle(x, set, doc.Published, trace)
	// The events made below are copies of what the rules found; nothing
	// returned points into the rules' per-token arrays, so they go back
	// for the next article.
	defer art.d.Release()
	budget := stepBudget(len(set.Analysis.Tokens))
	art.d.SetBudget(budget)
	frames := art.frames()
	frames = merge(frames)
	n := 0
	for _, f := range frames {
		if f.onlyToMerge {
			continue
		}
		art.settle(f)
		// ANNOTATION.md codes an event only with at least an approximate
		// place; a frame that found none was kept only to merge.
		if f.place == nil {
			continue
		}
		n++
		ev := art.record(f)
		ev.ID = fmt.Sprintf("%s#%d", doc.ID, n)
		res.Events = append(res.Events, ev)
	}
	if art.tooMany {
		return res, set, art.fired, fmt.Errorf("%w: more than %d candidate events in its %d tokens (a list or a repetition rather than an article?)",
			ErrTooCostly, maxFrames, len(set.Analysis.Tokens))
	}
	if art.d.Exhausted() {
		return res, set, art.fired, fmt.Errorf("%w: the rules took more than %d steps on its %d tokens (a list or a repetition rather than an article?)",
			ErrTooCostly, budget, len(set.Analysis.Tokens))
	}
	return res, set, art.fired, nil
}

// finerThanCountry: one of ps is a place finer than a country, which an
// event needs (usablePlace).
func finerThanCountry(ps []gazetteer.Mention) bool {
	for i := range ps {
		if ps[i].Place.Kind != "country" {
			return true
		}
	}
	return false
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
