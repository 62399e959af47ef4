package extract

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"rasd/internal/event"
	"rasd/internal/lexicon"
	"rasd/internal/rules"
	"rasd/internal/triggers"
)

// cueClass is a row of cue-classes.tsv: what the engine knows about a class
// of event cue.
type cueClass struct {
	priority int
	typ, sub string
	flags    map[string]bool
}

func (c cueClass) has(flag string) bool { return c.flags[flag] }

var cueFlags = map[string]bool{"means": true, "typeless": true, "generic": true, "territorial": true, "person": true,
	"counted": true, "one-sided": true, "foilable": true, "instrument": true}

func loadCueClasses() (map[string]cueClass, error) {
	out := map[string]cueClass{}
	err := lexicon.ReadTSV("cue-classes.tsv", func(r lexicon.Row) error {
		name := r.Get("class")
		if _, ok := triggers.Classes[name]; !ok {
			return r.Errorf("class %q is not a trigger class of internal/triggers", name)
		}
		p, err := strconv.Atoi(r.Get("priority"))
		if err != nil {
			return r.Errorf("priority %q: %v", r.Get("priority"), err)
		}
		c := cueClass{priority: p, typ: r.Get("event_type"), sub: r.Get("sub_event_type"), flags: map[string]bool{}}
		if !event.ValidType(c.typ, c.sub) {
			return r.Errorf("%q / %q is not an ACLED type and sub-type", c.typ, c.sub)
		}
		for _, f := range strings.Split(r.Get("flags"), ",") {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			if !cueFlags[f] {
				return r.Errorf("unknown flag %q", f)
			}
			c.flags[f] = true
		}
		if _, dup := out[name]; dup {
			return r.Errorf("class %q twice", name)
		}
		out[name] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name := range triggers.Classes {
		if _, ok := out[name]; !ok && name != lexicon.ClassBlock {
			return nil, fmt.Errorf("cue-classes.tsv: no row for trigger class %q", name)
		}
	}
	return out, nil
}

// cue returns the row of a class; an unknown class ranks lowest.
func (x *Extractor) cue(class string) cueClass {
	if c, ok := x.cues[class]; ok {
		return c
	}
	return cueClass{priority: 10}
}

func loadRemoteMeans() (map[string]string, error) {
	out := map[string]string{}
	err := lexicon.ReadTSV("remote-means.tsv", func(r lexicon.Row) error {
		m := r.Get("means")
		if m != "air" && m != "missile" {
			return r.Errorf("means %q: want air or missile", m)
		}
		out[r.Get("actor")] = m
		return nil
	})
	return out, err
}

// stateRow is a row of states.tsv.
type stateRow struct {
	actor    string
	counters bool
}

func loadStates() (map[string]stateRow, error) {
	out := map[string]stateRow{}
	err := lexicon.ReadTSV("states.tsv", func(r lexicon.Row) error {
		c := r.Get("country")
		if len(c) != 3 || strings.ToUpper(c) != c {
			return r.Errorf("country %q: want ISO 3166 alpha-3", c)
		}
		a := r.Get("actor")
		if !strings.HasPrefix(a, "STATE:") {
			return r.Errorf("actor %q: want a STATE: id", a)
		}
		out[c] = stateRow{actor: a, counters: r.Get("counters") == "yes"}
		return nil
	})
	return out, err
}

// wordClasses are the classes of the rule files that the Go algorithms
// read (the toll arithmetic, clause cutting, merging). Each field names
// its class in its tag; Load fails if a rule file lacks one.
type wordClasses struct {
	Death           int `class:"death"`
	Attempt         int `class:"attempt"`
	Injury          int `class:"injury"`
	WoundedNoun     int `class:"wounded_noun"`
	Subset          int `class:"subset"`
	NotDead         int `class:"not_dead"`
	SinglePerson    int `class:"single_person"`
	FelledHim       int `class:"felled_him"`
	TwoDead         int `class:"two_dead"`
	OneDead         int `class:"one_dead"`
	KilledHim       int `class:"killed_him"`
	Fire            int `class:"fire_object"`
	AtOne           int `class:"at_one"`
	DualPerson      int `class:"dual_person"`
	PluralDeathVerb int `class:"plural_death_verb"`
	PlainDeadPlural int `class:"plain_dead_plural"`
	Adverb          int `class:"adverb"`
	StateForce      int `class:"state_force"`
	Facility        int `class:"facility"`
	PlaceHead       int `class:"place_head"`
	AimedAt         int `class:"aimed_at"`
	Called          int `class:"called"`
	Kunya           int `class:"kunya"`
	Add             int `class:"add"`
	Attacker        int `class:"attacker"`
	Execution       int `class:"execution_verb"`
	TwoAttackers    int `class:"two_attackers"`
	Speech          int `class:"speech"`
	Min             int `class:"min"`
	People          int `class:"people"`
	Related         int `class:"related_links"`
	AsideOpener     int `class:"aside_opener"`
	Claim           int `class:"claim"`
	CivilAuthority  int `class:"civil_authority"`
	ForceMinistry   int `class:"force_ministry"`
	Elaboration     int `class:"elaboration"`
	Consequence     int `class:"consequence_opener"`
	DeathNegation   int `class:"death_negation"`
	NoCasualties    int `class:"no_casualties"`
	DiedWith        int `class:"died_with"`
	AsManyAgain     int `class:"as_many_again"`
	AnotherOne      int `class:"another_one"`
	Relative        int `class:"relative"`
	HistoryList     int `class:"history_list"`
	Ongoing         int `class:"ongoing"`
}

func (w *wordClasses) resolve(b *rules.Book) error {
	v := reflect.ValueOf(w).Elem()
	var missing []string
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Tag.Get("class")
		id, ok := b.ClassID(name)
		if !ok {
			missing = append(missing, name)
			continue
		}
		v.Field(i).SetInt(int64(id))
	}
	if len(missing) > 0 {
		return fmt.Errorf("rule files: classes the extractor needs are not defined: %s", strings.Join(missing, ", "))
	}
	return nil
}
