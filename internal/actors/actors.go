// Package actors finds mentions of armed groups, states, civilians and
// protesters in Arabic news and maps them to SCHEMA.md's actor ids.
//
// A mention is an explicit name («قوات سوريا الديمقراطية»), a member noun
// («داعشي»), a country or nationality standing for its state («أنقرة»,
// «طائرات روسية»), a noun for civilians («مدنيين»), or a generic
// back-reference («التنظيم») resolved to the latest explicit mention that it
// can stand for. Everything it knows comes from the data files of
// internal/lexicon; this package only matches and resolves.
package actors

import (
	"fmt"
	"strings"
	"sync"

	"rasd/internal/event"
	"rasd/internal/lexicon"
	"rasd/internal/text"
)

// Mention kinds, strongest first. Country, adjective and unresolved generic
// mentions are weak evidence: a country name is often just a place.
const (
	KindName      = lexicon.KindName
	KindMember    = lexicon.KindMember
	KindCountry   = lexicon.KindCountry
	KindAdjective = lexicon.KindAdjective
	KindVictim    = lexicon.KindVictim
	KindGeneric   = lexicon.KindGeneric
)

// Actor is one entry of the actor lexicon.
type Actor struct {
	ID, NameEN, NameAR, Type string
	// Parent is the SCHEMA.md vocabulary id a group is scored under
	// (AHRAR-SHAM → FSA, ASAIB → PMF); "" when ID is itself in the
	// vocabulary or nothing there fits.
	Parent string

	theatres []string
	camps    []string
}

// Allied reports whether a and b fight on one side (actors.tsv "camp"):
// reports of one occurrence often name different allies of it.
func (a *Actor) Allied(b *Actor) bool {
	if a == nil || b == nil {
		return false
	}
	for _, x := range a.camps {
		for _, y := range b.camps {
			if x == y {
				return true
			}
		}
	}
	return false
}

// VocabID is the id to put in an event record: the vocabulary id that
// scoring uses, which is the parent for groups folded into a wider one.
func (a *Actor) VocabID() string {
	if a.Parent != "" {
		return a.Parent
	}
	return a.ID
}

func (a *Actor) inTheatre(t string) bool {
	for _, x := range a.theatres {
		if x == t {
			return true
		}
	}
	return false
}

// Mention is one actor mention in a text.
type Mention struct {
	Span        text.Span // the words in the text (code points of the original)
	Tok, TokEnd int       // token range [Tok, TokEnd) in the Analysis
	Actor       *Actor
	Kind        string // name, member, country, adjective, victim, generic
	// Resolved is set when a generic was resolved to an earlier explicit
	// mention, whose span Antecedent holds. A generic with Resolved false
	// got its actor from its fallback (e.g. «عناصر التنظيم» → ISIS).
	Resolved   bool
	Antecedent *text.Span
	// Rule names the lexicon evidence: the matched key, and for a generic
	// how it was resolved. For `rasd explain`.
	Rule string
}

// Lexicon is the loaded actor lexicon. It is immutable and safe for
// concurrent use.
type Lexicon struct {
	byID    map[string]*Actor
	actors  []*Actor
	indexes []clIndex
}

// clIndex is a phrase index for the aliases that accept one set of clitic
// readings: «لداعش» may shed its ل, «بحماس» may not.
type clIndex struct {
	allow text.FormKind
	ix    *text.Index[*phrase]
}

// phrase is everything the lexicon says about one normalised key; a key may
// be both an alias and a force noun («القاعدة»), or a generic and a force
// noun («القوات»).
type phrase struct {
	key     string
	kind    string   // mention kind of an actor alias, "" if none
	cands   []*Actor // candidates of the alias, default first
	gen     *generic
	force   bool
	head    bool
	stop    bool
	border  bool   // a country right after it is the neighbour across a border
	theatre string // the country a theatre row's place is in, "" for others
	line    int
}

type generic struct {
	refers map[*Actor]bool
	// byName: actors a head:<word> selector alone let in; they are referred
	// back to only from a mention by name: «الحزب» after «حزب الاتحاد
	// الديمقراطي», not after «الأكراد», which names the same side as a people.
	byName map[*Actor]bool
	// fallback in the data's order; nil stands for STATE:*, the state of
	// whichever country the text is about.
	fallback []*Actor
	prefix   bool // fallback allowed after a force or head noun
	theatre  bool // fallback allowed when the document names its theatre
	quoted   bool // fallback allowed in quotes or brackets
	dflt     bool // the first fallback when the document names no theatre at all
	always   bool
}

var loadOnce = sync.OnceValues(load)

// Load returns the actor lexicon built from the embedded data. The data is
// read once; every call returns the same immutable Lexicon.
func Load() (*Lexicon, error) { return loadOnce() }

func load() (*Lexicon, error) {
	d, err := lexicon.LoadActors()
	if err != nil {
		return nil, err
	}
	l := &Lexicon{byID: make(map[string]*Actor, len(d.Actors))}
	for _, r := range d.Actors {
		if !event.ValidActorType(r.Type) {
			return nil, fmt.Errorf("%s:%d: actor %s has type %q, not one of %v", lexicon.ActorsFile, r.Line, r.ID, r.Type, event.ActorTypes)
		}
		a := &Actor{ID: r.ID, NameEN: r.NameEN, NameAR: r.NameAR, Type: r.Type, Parent: r.Parent, theatres: r.Theatres, camps: r.Camps}
		l.byID[a.ID] = a
		l.actors = append(l.actors, a)
	}

	phrases := map[string]*phrase{}
	clitics := map[string]string{}
	get := func(alias, cl, file string, line int) (*phrase, error) {
		key := text.Key(alias)
		if key == "" {
			return nil, fmt.Errorf("%s:%d: alias %q has no words", file, line, alias)
		}
		if cl == "" {
			cl = "cp"
		}
		if prev, ok := clitics[key]; ok && prev != cl {
			return nil, fmt.Errorf("%s:%d: %q takes clitics %q here and %q elsewhere", file, line, alias, cl, prev)
		}
		clitics[key] = cl
		p := phrases[key]
		if p == nil {
			p = &phrase{key: key, line: line}
			phrases[key] = p
		}
		return p, nil
	}
	// Names by their first word, for the head:<word> selectors of generics.
	byHead := map[string][]*Actor{}
	for _, al := range d.Aliases {
		p, err := get(al.Alias, al.Clitics, lexicon.ActorAliasesFile, al.Line)
		if err != nil {
			return nil, err
		}
		dup := func(what string) error {
			return fmt.Errorf("%s:%d: %q is already %s (line %d)", lexicon.ActorAliasesFile, al.Line, al.Alias, what, p.line)
		}
		switch al.Kind {
		case lexicon.KindStop:
			p.stop = true
		case lexicon.KindForce:
			p.force = true
		case lexicon.KindHead:
			p.head = true
		case lexicon.KindBorder:
			p.border = true
		case lexicon.KindTheatre:
			if p.theatre != "" {
				return nil, dup("a theatre")
			}
			p.theatre = strings.TrimPrefix(al.IDs[0], "STATE:")
		default:
			if p.kind != "" {
				return nil, dup("an alias of " + p.cands[0].ID)
			}
			p.kind = al.Kind
			for _, id := range al.IDs {
				p.cands = append(p.cands, l.byID[id])
			}
			if al.Kind == KindName {
				w := strings.SplitN(p.key, " ", 2)[0]
				byHead[w] = appendOnce(byHead[w], p.cands...)
			}
		}
		if (p.stop || p.border) && (p.kind != "" || p.force || p.head) {
			return nil, dup("something other than a stop phrase")
		}
		// A place that tells the theatre is nothing else: an alias would
		// hide it, and the place would make the alias a signal twice.
		if p.theatre != "" && (p.kind != "" || p.force || p.head || p.stop) {
			return nil, dup("an alias, and a theatre row is no actor")
		}
	}
	for _, g := range d.Generics {
		p, err := get(g.Alias, g.Clitics, lexicon.ActorGenericsFile, g.Line)
		if err != nil {
			return nil, err
		}
		if p.gen != nil || p.kind != "" || p.stop || p.theatre != "" {
			return nil, fmt.Errorf("%s:%d: generic %q is also an alias or stop phrase", lexicon.ActorGenericsFile, g.Line, g.Alias)
		}
		p.gen = l.buildGeneric(g, byHead)
	}

	byAllow := map[text.FormKind]*text.Index[*phrase]{}
	for key, p := range phrases {
		var allow text.FormKind
		for _, c := range clitics[key] {
			switch c {
			case 'c':
				allow |= text.Conj
			case 'p':
				allow |= text.Prep
			case 'a':
				allow |= text.Article
			}
		}
		ix := byAllow[allow]
		if ix == nil {
			ix = text.NewIndex[*phrase](allow)
			byAllow[allow] = ix
			l.indexes = append(l.indexes, clIndex{allow, ix})
		}
		if err := ix.Add(key, p); err != nil {
			return nil, fmt.Errorf("actors: line %d: %w", p.line, err)
		}
	}
	return l, nil
}

func (l *Lexicon) buildGeneric(g lexicon.ActorGeneric, byHead map[string][]*Actor) *generic {
	gen := &generic{refers: map[*Actor]bool{}, byName: map[*Actor]bool{}}
	ids := map[string]bool{}
	for _, s := range g.Refers {
		switch {
		case s == "STATE:*":
			for _, a := range l.actors {
				if strings.HasPrefix(a.ID, "STATE:") {
					gen.refers[a] = true
				}
			}
		case strings.HasPrefix(s, "type:"):
			for _, a := range l.actors {
				if a.Type == s[len("type:"):] {
					gen.refers[a] = true
				}
			}
		case strings.HasPrefix(s, "head:"):
			for _, a := range byHead[text.Key(s[len("head:"):])] {
				if !gen.refers[a] {
					gen.byName[a] = true
				}
				gen.refers[a] = true
			}
		default:
			ids[s] = true
		}
	}
	for _, a := range l.actors {
		if ids[a.ID] || (a.Parent != "" && ids[a.Parent]) {
			gen.refers[a] = true
			delete(gen.byName, a)
		}
	}
	for _, s := range g.Fallback {
		gen.fallback = append(gen.fallback, l.byID[s]) // nil for STATE:*
	}
	for _, w := range g.When {
		switch w {
		case lexicon.WhenPrefix:
			gen.prefix = true
		case lexicon.WhenTheatre:
			gen.theatre = true
		case lexicon.WhenQuoted:
			gen.quoted = true
		case lexicon.WhenDefault:
			gen.dflt = true
		case lexicon.WhenAlways:
			gen.always = true
		}
	}
	return gen
}

func appendOnce(list []*Actor, as ...*Actor) []*Actor {
outer:
	for _, a := range as {
		for _, b := range list {
			if a == b {
				continue outer
			}
		}
		list = append(list, a)
	}
	return list
}

// ByID returns the actor with the given id, or nil.
func (l *Lexicon) ByID(id string) *Actor { return l.byID[id] }

// Actors lists every actor in the order of actors.tsv.
func (l *Lexicon) Actors() []*Actor { return append([]*Actor(nil), l.actors...) }
