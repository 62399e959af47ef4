package lexicon

import (
	"fmt"

	"rasd/internal/event"
)

// TriggerFile is the embedded list of event cues.
const TriggerFile = "triggers.tsv"

// Parts of speech of a trigger. They decide which clitics a reading may
// shed: verbs take no article, nouns take no future «س».
const (
	POSVerb       = "verb"
	POSNoun       = "noun"
	POSParticiple = "participle"
)

// ClassBlock marks a phrase that contains a trigger word and is not a cue
// («الحشد الشعبي», «تحرير الشام»): it wins by being longer and is dropped.
const ClassBlock = "block"

// ClassDeath marks a death cue («مقتل», «قتلى»): it says people died, not
// what happened; its type is only the usual one, for when nothing better
// is in the sentence.
const ClassDeath = "death"

// TriggerEntry is one row of TriggerFile.
type TriggerEntry struct {
	Phrase       string
	EventType    string
	SubEventType string
	Class        string
	POS          string
	// Weak marks a cue that is often something else in sport or economy
	// news («هجوم» is attacking play, «صفقة» a business deal): an event
	// needs more than it, such as an armed actor in the sentence.
	Weak bool
	Line int
}

// TriggerEntries reads TriggerFile and checks every row: its type pair must
// be one of ACLED's, so a typo cannot reach an event record.
func TriggerEntries() ([]TriggerEntry, error) {
	var out []TriggerEntry
	err := ReadTSV(TriggerFile, func(r Row) error {
		e, err := triggerRow(r)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return out, nil
}

func triggerRow(r Row) (TriggerEntry, error) {
	e := TriggerEntry{
		Phrase:       r.Get("phrase"),
		EventType:    r.Get("event_type"),
		SubEventType: r.Get("sub_event_type"),
		Class:        r.Get("class"),
		POS:          r.Get("pos"),
		Line:         r.Line,
	}
	if e.Phrase == "" {
		return e, r.Errorf("empty phrase")
	}
	if e.Class == "" {
		return e, r.Errorf("%q: empty class", e.Phrase)
	}
	switch e.POS {
	case POSVerb, POSNoun, POSParticiple:
	default:
		return e, r.Errorf("%q: pos %q is not verb, noun or participle", e.Phrase, e.POS)
	}
	switch w := r.Get("weak"); w {
	case "":
	case "weak":
		e.Weak = true
	default:
		return e, r.Errorf("%q: weak column holds %q, want \"weak\" or nothing", e.Phrase, w)
	}
	if e.Class == ClassBlock {
		if e.EventType != "" || e.SubEventType != "" {
			return e, r.Errorf("%q: a block row takes no event type", e.Phrase)
		}
	} else if !event.ValidType(e.EventType, e.SubEventType) {
		return e, r.Errorf("%q: %q / %q is not an ACLED event type and sub-event type", e.Phrase, e.EventType, e.SubEventType)
	}
	return e, nil
}
