// Package rules is rasd's rule language: word classes and named rules,
// written in data files, whose patterns match over the tokens and mentions
// of a document (cues, actors, places, dates, numbers) in the spirit of
// spaCy's Matcher, Stanford's TokensRegex and Odin's rule cascades.
//
// A rule names a construction of Arabic news («a fear or a plan before the
// cue: nothing happened»), says where it applies and what it does, and
// carries its own positive and negative test sentences. This package parses
// and compiles rule files and matches patterns; what each kind of rule does
// to an event is the extractor's business (internal/extract), which runs the
// stages in order. docs/rules.md describes the format.
package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Stage is where in the extraction cascade a rule applies. A rule's id
// starts with its stage («veto.fear-or-plan»), so a reader of an event's
// rule trail knows what each step did.
type Stage string

// Stages, in the order the extractor runs them.
const (
	StageSplit Stage = "split" // a clause ends before the anchor word
	StageSkip  Stage = "skip"  // a clause or sentence that reports no occurrence
	StageDrop  Stage = "drop"  // a cue word in another sense: no cue at all
	StageVeto  Stage = "veto"  // a cue of something that did not happen
	StageCue   Stage = "cue"   // a cue read as another class in context
	StageRole  Stage = "role"  // the role of an actor mention in the event
	StageType  Stage = "type"  // the event's type from its sides and words
	StageToll  Stage = "toll"  // whether a number counts the dead
	StageDate  Stage = "date"  // how a date expression relates to the event
	StagePlace Stage = "place" // whether a place mention locates the event
	StageFlag  Stage = "flag"  // background, aggregate, certainty
	StageImply Stage = "imply" // sides and types the text leaves to the reader
)

// Stages lists every stage in cascade order.
var Stages = []Stage{StageSplit, StageSkip, StageDrop, StageVeto, StageCue, StageRole, StageType, StageToll, StageDate, StagePlace, StageFlag, StageImply}

// Rule is one named rule of a rule file.
type Rule struct {
	ID    string
	About string // one line: what the rule covers
	Stage Stage
	// Do is the action, as words: "veto", "role agent", "type Battles/Armed clash".
	Do []string
	// Match holds alternative patterns: the rule applies when any matches.
	Match []*Pattern
	// Unless holds patterns that stop the rule when any matches.
	Unless []*Pattern
	// If holds conditions on the event being built, all of which must hold.
	If []Cond
	// Scope bounds unanchored patterns and the words around an anchor:
	// the clause (default) or the sentence.
	Scope Scope
	// Yes and No are test sentences of the rule's authors: the rule must
	// fire on each Yes and on no No.
	Yes, No []string
	File    string
	Line    int
	// Order is the rule's position in the book; earlier rules of a stage
	// win where the extractor takes the first that fires.
	Order int
}

// Scope is the stretch of text a rule looks at.
type Scope uint8

const (
	ScopeClause Scope = iota
	ScopeSentence
)

// Arg returns the i-th word of the action after its verb, or "".
func (r *Rule) Arg(i int) string {
	if i+1 < len(r.Do) {
		return r.Do[i+1]
	}
	return ""
}

// Verb is the action's first word.
func (r *Rule) Verb() string {
	if len(r.Do) == 0 {
		return ""
	}
	return r.Do[0]
}

func (r *Rule) String() string { return r.ID }

// Cond is one condition on the event being built: Key compared with Values
// («actor2.id=CIVILIANS», «class!=death,injury», «fatalities=none»). The
// extractor gives the keys their meaning.
type Cond struct {
	Key    string
	Neg    bool
	Values []string
}

func (c Cond) String() string {
	op := "="
	if c.Neg {
		op = "!="
	}
	if len(c.Values) == 0 {
		return c.Key
	}
	return c.Key + op + strings.Join(c.Values, ",")
}

// Has reports whether v is one of the condition's values.
func (c Cond) Has(v string) bool {
	for _, x := range c.Values {
		if x == v {
			return true
		}
	}
	return false
}

// Book is a compiled set of rule files: the word classes and the rules by
// stage. It is immutable and safe for concurrent use.
type Book struct {
	Rules   []*Rule
	byStage map[Stage][]*Rule
	lists   [12]*stageLists // StageAt's, by stageIndex
	byID    map[string]*Rule
	classes *classTable
}

// Stage returns the rules of one stage in book order.
func (b *Book) Stage(s Stage) []*Rule { return b.byStage[s] }

// Rule returns the rule with the given id, or nil.
func (b *Book) Rule(id string) *Rule { return b.byID[id] }

// Class reports whether class name is defined.
func (b *Book) Class(name string) bool {
	_, ok := b.classes.byName[name]
	return ok
}

// ClassWords returns the entries of a class, for the extractor's own Go
// algorithms that need a word list the rule files define («death» words
// for the toll arithmetic).
func (b *Book) ClassWords(name string) []string {
	c, ok := b.classes.byName[name]
	if !ok {
		return nil
	}
	return append([]string(nil), b.classes.entries[c]...)
}

// ClassID returns the id of a named class for Doc.InClass, and false when
// it is not defined.
func (b *Book) ClassID(name string) (int, bool) {
	c, ok := b.classes.byName[name]
	return c, ok
}

// File is one rule file to compile: its name (for messages) and text.
type File struct {
	Name string
	Text string
}

// Compile parses and compiles rule files into a Book. Every error names the
// file and line, so that a reviewer of the data can find it.
func Compile(files []File) (*Book, error) {
	p := &parser{classes: newClassTable()}
	for _, f := range files {
		if err := p.parseFile(f); err != nil {
			return nil, err
		}
	}
	b := &Book{byStage: map[Stage][]*Rule{}, byID: map[string]*Rule{}, classes: p.classes}
	// The rules side by side in book order, and below their patterns: the
	// extractor reads a stage's rules one after the other at every
	// mention, and adjacent ones share lines of memory.
	arena := make([]Rule, len(p.rules))
	for i, r := range p.rules {
		arena[i] = *r
		p.rules[i] = &arena[i]
	}
	for _, r := range p.rules {
		if prev, dup := b.byID[r.ID]; dup {
			return nil, fmt.Errorf("%s:%d: rule %s already defined at %s:%d", r.File, r.Line, r.ID, prev.File, prev.Line)
		}
		b.byID[r.ID] = r
	}
	// Patterns name classes that may be defined in any file, so they are
	// compiled once every class is known.
	for _, r := range p.rules {
		for _, pat := range append(append([]*Pattern(nil), r.Match...), r.Unless...) {
			if err := pat.compile(p.classes); err != nil {
				return nil, fmt.Errorf("%s:%d: rule %s: pattern %q: %w", r.File, r.Line, r.ID, pat.Src, err)
			}
		}
		r.Order = len(b.Rules)
		b.Rules = append(b.Rules, r)
		b.byStage[r.Stage] = append(b.byStage[r.Stage], r)
	}
	npat := 0
	for _, r := range b.Rules {
		npat += len(r.Match) + len(r.Unless)
	}
	pats := make([]Pattern, 0, npat)
	natoms := 0
	for _, r := range b.Rules {
		for _, ps := range [][]*Pattern{r.Match, r.Unless} {
			for i, pat := range ps {
				pats = append(pats, *pat)
				ps[i] = &pats[len(pats)-1]
				natoms += len(pat.need)
			}
		}
	}
	atoms := make([]atom, 0, natoms)
	anchors := make([]unit, 0, len(pats))
	for i := range pats {
		at := len(atoms)
		atoms = append(atoms, pats[i].need...)
		pats[i].need = atoms[at:len(atoms):len(atoms)]
		// The anchor, which every try of the pattern tests first.
		if pats[i].anchor != nil {
			anchors = append(anchors, *pats[i].anchor)
			pats[i].anchor = &anchors[len(anchors)-1]
		}
	}
	for _, r := range b.Rules {
		for _, pat := range append(append([]*Pattern(nil), r.Match...), r.Unless...) {
			if u := pat.undefinedClasses(p.classes); len(u) > 0 {
				return nil, fmt.Errorf("%s:%d: rule %s: classes used but not defined: %s", r.File, r.Line, r.ID, strings.Join(u, ", "))
			}
		}
	}
	if u := p.classes.undefined(); len(u) > 0 {
		return nil, fmt.Errorf("classes included but not defined: %s", strings.Join(u, ", "))
	}
	p.classes.freeze()
	for st, rs := range b.byStage {
		if i := stageIndex(st); i >= 0 {
			b.lists[i] = newStageLists(rs)
		}
	}
	return b, nil
}

// IDs returns the ids of every rule, sorted, for listings.
func (b *Book) IDs() []string {
	out := make([]string, 0, len(b.Rules))
	for _, r := range b.Rules {
		out = append(out, r.ID)
	}
	sort.Strings(out)
	return out
}
