package lexicon

import (
	"fmt"
	"regexp"
	"strings"
)

// The actor lexicon is three files, so that each can be reviewed on its own:
// who the actors are, what the news calls them, and which back-references
// («التنظيم», «الهيئة») may stand for them.
const (
	ActorsFile        = "actors.tsv"
	ActorAliasesFile  = "actor-aliases.tsv"
	ActorGenericsFile = "actor-generics.tsv"
)

// ActorRecord is one row of actors.tsv.
type ActorRecord struct {
	ID     string
	Type   string // ACLED actor kind; the actors package checks it against event.ActorTypes
	Parent string // the SCHEMA.md vocabulary id this group is scored under, "" if none
	// Theatres are the ISO alpha-3 countries where the actor fights. An
	// actor with exactly one tells which war a document is about.
	Theatres []string
	NameEN   string
	NameAR   string
	// Camps are the sides the actor fights with (actors.tsv "camp").
	Camps []string
	Line  int
}

// Alias kinds. The first six are mentions of an actor; the last four are
// words that only shape other matches.
const (
	KindName      = "name"      // an explicit name: «قوات سوريا الديمقراطية»
	KindMember    = "member"    // a noun for a member: «داعشي», «متظاهرين»
	KindCountry   = "country"   // a country or capital standing for its state: «أنقرة»
	KindAdjective = "adjective" // a nationality adjective: «روسية»
	KindVictim    = "victim"    // a noun for civilians: «مدنيين», «أطفال»
	KindGeneric   = "generic"   // a back-reference: «التنظيم» (actor-generics.tsv)
	KindStop      = "stop"      // a phrase that is no actor and hides the shorter aliases inside it
	KindForce     = "force"     // a noun that makes the nationality or group after it an explicit actor: «طائرات» روسية
	KindHead      = "head"      // a noun for members that binds to the group after it: «عناصر» التنظيم
	KindTheatre   = "theatre"   // a place that tells which country the text is about, never an actor: «عدن», «قندهار»
	KindBorder    = "border"    // a phrase after which a country is the neighbour across a border: «الحدود مع» سوريا
)

var aliasKinds = map[string]bool{
	KindName: true, KindMember: true, KindCountry: true, KindAdjective: true,
	KindVictim: true, KindStop: true, KindForce: true, KindHead: true, KindTheatre: true, KindBorder: true,
}

// ActorAlias is one row of actor-aliases.tsv.
type ActorAlias struct {
	// IDs are the actors the alias may name, most likely first; several
	// when the war the document is about decides («قوات التحالف»). Empty
	// for stop, force and head rows; for a theatre row, the one state whose
	// country the place is in.
	IDs     []string
	Kind    string
	Alias   string
	Clitics string // which clitic readings of the first word may match: c conj, p prep, a article
	Line    int
}

// Generic "when" conditions for using a fallback actor.
const (
	WhenPrefix  = "prefix"  // a force or head noun stands right before the generic
	WhenTheatre = "theatre" // the actor named nearest belongs to a fallback's theatre
	WhenQuoted  = "quoted"  // the generic stands in quotes or brackets, as names do
	WhenDefault = "default" // the document names no theatre at all: the first fallback is what the word means in most news
	WhenAlways  = "always"
)

// ActorGeneric is one row of actor-generics.tsv.
type ActorGeneric struct {
	Alias string
	// Refers lists what the generic may stand for: actor ids (matching an
	// actor or its parent), "STATE:*", "type:<ACLED type>", or
	// "head:<word>" for every actor with a name alias starting with that
	// word (so «الحركة» follows the names «حركة ...» as they are added).
	Refers []string
	// Fallback lists actor ids, and STATE:* for the state of the country
	// the text is about there (actors.tsv theatre), which comes first.
	Fallback []string
	When     []string
	Clitics  string
	Line     int
}

// ActorData is the whole actor lexicon as read from the data files.
type ActorData struct {
	Actors   []ActorRecord
	Aliases  []ActorAlias
	Generics []ActorGeneric
}

var (
	actorIDRe = regexp.MustCompile(`^(STATE:[A-Z]{3}|[A-Z][A-Z0-9]*(-[A-Z0-9]+)*)$`)
	iso3Re    = regexp.MustCompile(`^[A-Z]{3}$`)
)

// LoadActors reads and cross-checks the three actor files. It reports the
// first problem with the file and line, since a bad row is a review error.
func LoadActors() (*ActorData, error) {
	d := &ActorData{}
	ids := map[string]bool{}
	err := ReadTSV(ActorsFile, func(r Row) error {
		rec := ActorRecord{
			ID: r.Get("id"), Type: r.Get("type"), Parent: dash(r.Get("parent")),
			NameEN: r.Get("name_en"), NameAR: r.Get("name_ar"), Line: r.Line,
		}
		if !actorIDRe.MatchString(rec.ID) {
			return r.Errorf("bad actor id %q", rec.ID)
		}
		if ids[rec.ID] {
			return r.Errorf("duplicate actor id %q", rec.ID)
		}
		if rec.Type == "" || rec.NameEN == "" || rec.NameAR == "" {
			return r.Errorf("actor %s needs type, name_en and name_ar", rec.ID)
		}
		rec.Camps = fieldsOf(r.Get("camp"))
		for _, t := range fieldsOf(r.Get("theatre")) {
			if !iso3Re.MatchString(t) {
				return r.Errorf("bad theatre %q", t)
			}
			rec.Theatres = append(rec.Theatres, t)
		}
		ids[rec.ID] = true
		d.Actors = append(d.Actors, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range d.Actors {
		if a.Parent != "" && (!ids[a.Parent] || a.Parent == a.ID) {
			return nil, fmt.Errorf("%s:%d: parent %q of %s is not an actor", ActorsFile, a.Line, a.Parent, a.ID)
		}
	}

	err = ReadTSV(ActorAliasesFile, func(r Row) error {
		al := ActorAlias{Kind: r.Get("kind"), Alias: r.Get("alias"), Clitics: r.Get("clitics"), Line: r.Line}
		if !aliasKinds[al.Kind] {
			return r.Errorf("unknown alias kind %q", al.Kind)
		}
		if al.Alias == "" {
			return r.Errorf("empty alias")
		}
		if err := checkClitics(al.Clitics); err != nil {
			return r.Errorf("%v", err)
		}
		id := dash(r.Get("id"))
		switch al.Kind {
		case KindStop, KindForce, KindHead, KindBorder:
			if id != "" {
				return r.Errorf("a %s row takes id -, not %q", al.Kind, id)
			}
		default:
			for _, c := range strings.Split(id, "|") {
				if !ids[c] {
					return r.Errorf("unknown actor id %q", c)
				}
				al.IDs = append(al.IDs, c)
			}
			if al.Kind == KindTheatre && (len(al.IDs) != 1 || !strings.HasPrefix(id, "STATE:")) {
				return r.Errorf("a theatre row names the one state whose country it is in, not %q", id)
			}
		}
		d.Aliases = append(d.Aliases, al)
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = ReadTSV(ActorGenericsFile, func(r Row) error {
		g := ActorGeneric{
			Alias: r.Get("alias"), Refers: fieldsOf(r.Get("refers")), Fallback: fieldsOf(r.Get("fallback")),
			When: fieldsOf(r.Get("when")), Clitics: r.Get("clitics"), Line: r.Line,
		}
		if g.Alias == "" {
			return r.Errorf("empty alias")
		}
		if err := checkClitics(g.Clitics); err != nil {
			return r.Errorf("%v", err)
		}
		if len(g.Refers) == 0 && len(g.Fallback) == 0 {
			return r.Errorf("generic %q refers to nothing and has no fallback", g.Alias)
		}
		for _, s := range g.Refers {
			switch {
			case s == "STATE:*", strings.HasPrefix(s, "type:"), strings.HasPrefix(s, "head:"):
			case !ids[s]:
				return r.Errorf("unknown actor id %q in refers", s)
			}
		}
		for _, s := range g.Fallback {
			if s != "STATE:*" && !ids[s] {
				return r.Errorf("unknown fallback actor %q", s)
			}
		}
		if len(g.Fallback) > 0 && len(g.When) == 0 {
			return r.Errorf("fallback without a when condition")
		}
		for _, w := range g.When {
			if w != WhenPrefix && w != WhenTheatre && w != WhenQuoted && w != WhenDefault && w != WhenAlways {
				return r.Errorf("unknown when %q", w)
			}
		}
		d.Generics = append(d.Generics, g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func checkClitics(s string) error {
	if s == "-" {
		return nil
	}
	for _, c := range s {
		if c != 'c' && c != 'p' && c != 'a' {
			return fmt.Errorf("bad clitics %q: use letters c, p, a or -", s)
		}
	}
	return nil
}

// dash reads "-" as an empty cell, so that every row can have every column.
func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// fieldsOf splits a list cell on spaces, commas or |.
func fieldsOf(s string) []string {
	s = dash(s)
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '|' })
}
