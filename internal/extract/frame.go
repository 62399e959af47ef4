package extract

import (
	"strings"

	"rasd/internal/actors"
	"rasd/internal/event"
	"rasd/internal/gazetteer"
	"rasd/internal/rules"
	"rasd/internal/text"
	"rasd/internal/timex"
	"rasd/internal/triggers"
)

// frame is one candidate event while it is being built.
type frame struct {
	sent     int
	lo, hi   int // clause tokens [lo, hi)
	cue      int // the cue's index in the article's rules.Doc mentions
	trig     *triggers.Mention
	class    string
	cc       cueClass // what cue-classes.tsv says of class
	typ, sub string
	priority int
	// weakCue: every cue folded into the frame is one the trigger lexicon
	// marks as often something else (sport, economy).
	weakCue bool

	actor1, actor2 *actors.Mention
	assoc1, assoc2 []*actors.Mention
	// speaker: the actor who told the news («أعلن الجيش …»), kept out of
	// the slots.
	speaker *actors.Mention

	place     *gazetteer.Mention
	precision int
	places    []*gazetteer.Mention // every place merged into the event
	// focusPlace: the place came from the article's focus, not the
	// sentence; loosePlace: from the sentence, outside the clause.
	focusPlace, loosePlace bool

	date       *timex.Mention
	reportDate bool // the date only says when the news was given

	fat        *fatalities
	certainty  string
	claimedBy  *actors.Mention
	background bool
	aggregate  bool
	evidence   []text.Span
	merges     int // frames absorbed, for the rule trail's bound
	rules      []string
	lastSent   int // the last sentence merged into the event

	// anaphoric: the cue refers back to an event already told («الهجوم»,
	// «هذه المعارك»); another: it says the event is a new one («هجوم
	// آخر»); demonstrative: «هذه المعارك», «الهجوم ذاته» point back for
	// certain.
	anaphoric, another, demonstrative bool
	// also: the clause adds an occurrence to those told («كما استهدف …»):
	// at a place of its own it is another one, however near.
	also bool
	// fighting: the clause also tells of armed clashes, which make the
	// occurrence a battle whatever its means.
	fighting bool
	// list: frames split from one list of places share a number and never
	// merge back.
	list int
	// speakerActs: the speaker says it did the act («أعلن الجيش أنه شن»);
	// actor1 is left for the imply stage to fill with it.
	speakerActs bool
	// onlyToMerge: the frame says too little to stand alone; it is kept
	// only if it joins an event.
	onlyToMerge bool
	// abroad: the countries the clause alone places the act in («في
	// العراق وسوريا»): it has no place of its own and joins no event
	// placed outside them.
	abroad []string
	// shift: the sentence opens on another matter («وفي سياق متصل»), so
	// the frame does not join an event told before it.
	shift bool
}

func (f *frame) rule(r string) { f.rules = append(f.rules, r) }

// ruled records a rule that shaped the frame, with a detail.
func (f *frame) ruled(r *rules.Rule, detail string) {
	if detail == "" {
		f.rules = append(f.rules, r.ID)
		return
	}
	f.rules = append(f.rules, r.ID+" "+detail)
}

func (f *frame) allActors() []*actors.Mention {
	out := []*actors.Mention{f.actor1, f.actor2, f.claimedBy}
	out = append(out, f.assoc1...)
	return append(out, f.assoc2...)
}

// setClass reads the frame's cue as another class, with that class's type.
func (art *article) setClass(f *frame, class string) {
	c := art.x.cue(class)
	f.class, f.cc, f.priority = class, c, c.priority
	if c.typ != "" {
		f.typ, f.sub = c.typ, c.sub
	}
}

// setSub gives the frame a sub-event type (and its event type).
func (f *frame) setSub(sub string) bool {
	typ := event.TypeOf(sub)
	if typ == "" || f.typ == typ && f.sub == sub {
		return false
	}
	f.typ, f.sub = typ, sub
	return true
}

// clauseFrames makes a candidate of every live cue of a clause, drops the
// ones a veto names, folds what remains into the clause's event and builds
// it.
func (art *article) clauseFrames(c clause) []*frame {
	var cands []*frame
	for _, mi := range art.cuesIn[c.s] {
		m := &art.d.Mentions[mi]
		if m.Off || m.Tok < c.lo || m.Tok >= c.hi {
			continue
		}
		art.d.Focus = mi
		if r := art.first(rules.StageVeto, mi, -1, c.lo, c.hi, nil); r != nil {
			continue
		}
		t := art.trigger(mi)
		cc := art.x.cue(t.Trigger.Class)
		f := &frame{sent: c.s, lastSent: c.s, lo: c.lo, hi: c.hi, cue: mi, trig: t, class: t.Trigger.Class, cc: cc,
			typ: t.Trigger.EventType, sub: t.Trigger.SubEventType, priority: cc.priority, certainty: event.Reported}
		f.rule("cue «" + t.Trigger.Phrase + "» (" + f.class + ", " + t.Trigger.Rule() + ")")
		art.readCue(f, mi)
		cands = append(cands, f)
	}
	art.d.Focus = -1
	if len(cands) == 0 {
		return nil
	}
	f := art.fold(cands)
	art.d.Focus = f.cue
	defer func() { art.d.Focus = -1 }()
	if !art.build(f) {
		return nil
	}
	sen := art.a.Sentences[f.sent]
	start, end := sen.Start, sen.End
	if f.also && f.lo < f.hi && f.lo > 0 && art.a.SentenceOf(f.lo-1) == f.sent {
		// «…، كما استهدف منزلا في بيت لاهيا»: the occurrence a clause adds
		// is told by that clause, not by the sentence it ends.
		start = art.a.Tokens[f.lo].Start
	}
	f.evidence = []text.Span{{Text: art.a.Slice(start, end), Start: start, End: end}}
	return art.placeFrames(f)
}

// readCue applies the cue stage: every rule that fires on the frame's cue
// marks it (another class, a reference back, only to merge …).
func (art *article) readCue(f *frame, mi int) {
	classSet := false
	for _, r := range art.stageAt(rules.StageCue, mi) {
		if _, ok := art.fire(r, mi, -1, f.lo, f.hi, nil); !ok {
			continue
		}
		switch r.Verb() {
		case "class":
			if classSet {
				continue
			}
			classSet = true
			art.setClass(f, r.Arg(0))
		case "demote":
			f.priority -= 1000
		case "merge-only":
			f.onlyToMerge = true
		case "anaphoric":
			f.anaphoric = true
		case "demonstrative":
			f.anaphoric, f.demonstrative = true, true
		case "another":
			f.another = true
		case "also":
			f.also = true
		case "shift":
			f.shift = true
		case "not-anaphoric":
			f.anaphoric = false
		}
		f.ruled(r, "")
	}
	if f.another {
		f.anaphoric, f.demonstrative = false, false
	}
}

// fold keeps the candidate of highest priority as the clause's event; the
// others tell of the same occurrence and lend it what they carry.
func (art *article) fold(cands []*frame) *frame {
	best := cands[0]
	for _, c := range cands[1:] {
		if c.priority > best.priority {
			best = c
		}
	}
	for _, c := range cands {
		if c == best {
			continue
		}
		if c.class == "clash" && c.priority > 0 {
			best.fighting = true
		}
		best.rule("with cue «" + c.trig.Span.Text + "» (" + c.class + ")")
	}
	// A clause whose every cue was marked only-to-merge stays so; one
	// strong cue makes the clause's event strong.
	all, weak := true, true
	for _, c := range cands {
		if !c.onlyToMerge {
			all = false
		}
		if !c.trig.Trigger.Weak && c.priority > -500 {
			weak = false
		}
	}
	best.onlyToMerge, best.weakCue = all, weak
	return best
}

// build fills the frame's slots from the rules. It returns false when a
// veto on the built frame drops it.
func (art *article) build(f *frame) bool {
	art.fillRoles(f)
	// «أعلن الجيش الأمريكي أنه شن غارة»: the speaker did it. The imply
	// stage names it after merging; until then the event must keep its
	// doer's place free of the sides other reports name.
	if r := art.x.speakerActs; r != nil && f.actor1 == nil {
		_, f.speakerActs = art.fire(r, f.cue, -1, f.lo, f.hi, f)
	}
	art.fillFatalities(f)
	art.fillDate(f)
	art.decideType(f)
	art.fillFlags(f)
	// A veto without conditions was tried on this cue, in this clause and
	// with it in focus, before the frame was made (clauseFrames), and none
	// fired, or there would be no frame; the built frame changes nothing
	// such a rule reads. Only the vetoes with conditions can fire now.
	for _, r := range art.stageAt(rules.StageVeto, f.cue) {
		if len(r.If) == 0 {
			continue
		}
		if _, ok := art.fire(r, f.cue, -1, f.lo, f.hi, f); ok {
			return false
		}
	}
	return true
}

// explicitSide: an actor named as a force, a group or its members, or the
// civilians it hit; a country or a nationality alone («باريس»,
// «الأمريكي») is as often a football club or a market as a side in a war.
func explicitSide(m *actors.Mention) bool {
	return m != nil && m.Kind != actors.KindCountry && m.Kind != actors.KindAdjective
}

func isState(m *actors.Mention) bool {
	return m != nil && strings.HasPrefix(m.Actor.VocabID(), "STATE:")
}

func isCivilians(m *actors.Mention) bool  { return m != nil && m.Actor.VocabID() == "CIVILIANS" }
func isProtesters(m *actors.Mention) bool { return m != nil && m.Actor.VocabID() == "PROTESTERS" }

// violent types are those a death toll or a generic «هجوم» can belong to.
func violent(typ string) bool {
	return typ == event.Battles || typ == event.Explosions || typ == event.VAC
}

func nonStateArmed(m *actors.Mention) bool {
	switch m.Actor.Type {
	case "rebel", "political_militia", "identity_militia":
		return m.Actor.VocabID() != "UNIDENTIFIED"
	}
	return false
}

// armed: a state's forces or an armed group.
func armed(m *actors.Mention) bool {
	return m.Actor.Type == "state" || nonStateArmed(m) || m.Actor.Type == "external"
}
